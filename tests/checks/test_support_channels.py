"""support-channels: phone, email, contact form, live chat and FAQ counted; help reachable from product pages."""

from __future__ import annotations

from typing import Any

from _build import ORIGIN, evidence, page
from uxaudit.checks.support_channels import COUNT_SCORES, PART_WEIGHTS, SupportChannels

from uxaudit.evidence import PageEvidence

CHECK = SupportChannels()


def link(href: str, text: str = "") -> dict[str, Any]:
    return {"selector": f"a[href='{href}']", "href": href, "text": text or href, "region": "footer", "visible": True,
            "box": {"x": 0, "y": 2000, "width": 120, "height": 20}}


def support(tel: list[str] = (), mailto: list[str] = (), forms: list[dict[str, Any]] = (),  # type: ignore[assignment]
            help_links: list[tuple[str, str]] = (), chat_dom: list[dict[str, Any]] = (),  # type: ignore[assignment]
            chat_globals: list[str] = (), scripts: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {"tel": [link(t) for t in tel], "mailto": [link(m) for m in mailto], "forms": list(forms),
            "help_links": [link(ORIGIN + path, text) for text, path in help_links], "chat_dom": list(chat_dom),
            "chat_globals": list(chat_globals), "scripts": list(scripts)}


def form(heading: str = "Send us a message", submit: str = "Send message", textarea: bool = True,
         **extra: Any) -> dict[str, Any]:
    data = {"selector": "form", "heading": heading, "submit": submit, "action": "/pages/contact", "textarea": textarea,
            "email": True, "password": False, "search": False, "fields": 4, "names": ["name", "email", "message"]}
    return {**data, **extra}


def shop(kind: str = "home", text: str = "", **channels: Any) -> PageEvidence:
    return page(kind, "desktop", text=text, extras={"support": support(**channels)})  # type: ignore[arg-type]


HELP = [("Contact us", "/pages/contact"), ("Help & FAQ", "/pages/faq")]


def test_four_channels_and_help_on_product_pages_pass() -> None:
    pages = [shop("home", tel=["tel:+15035550147"], help_links=HELP), shop("product", help_links=HELP),
             page("policy", "desktop", policy="contact", extras={"support": support(
                 mailto=["mailto:hello@example.com"], forms=[form()], help_links=HELP)})]
    result = CHECK.run(evidence(*pages))
    assert result.status == "pass" and result.score == 1.0
    assert set(result.details["channels"]) == {"phone", "email", "form", "faq"}  # type: ignore[arg-type]
    assert [f.severity for f in result.findings] == ["info"] and "live chat" in result.findings[0].message


def test_no_channel_fails() -> None:
    result = CHECK.run(evidence(shop("home"), shop("product")))
    assert result.status == "fail" and result.score == 0.0
    assert "No way to contact the store" in result.findings[0].message
    assert any("product page shows no way to get help" in f.message for f in result.findings)


def test_one_channel_warns_and_scores_half_the_channel_part() -> None:
    result = CHECK.run(evidence(shop("home", tel=["tel:123"]), shop("product", tel=["tel:123"])))
    assert result.details["parts"] == {"channels": COUNT_SCORES[1], "product_pages": 1.0}  # type: ignore[index]
    assert result.findings[0].severity == "warn" and "Only one support channel was found (phone)" in result.findings[0].message


def test_chat_widgets_by_script_dom_or_global() -> None:
    for channels in ({"scripts": ["https://widget.intercom.io/widget/abc"]},
                     {"chat_dom": [{"selector": "#tidio-chat", "vendor": "Tidio"}]},
                     {"chat_globals": ["Tawk_API"]},
                     {"scripts": ["http://localhost:8000/3p/chat-widget.js"]}):
        result = CHECK.run(evidence(shop("home", **channels)))
        assert "chat" in result.details["channels"], channels  # type: ignore[operator]


def test_numbers_and_addresses_in_text_count() -> None:
    result = CHECK.run(evidence(shop("home", text="Questions? Call us on 0800 123 4567 or write to help@shop.example")))
    channels = result.details["channels"]
    assert "phone" in channels and "not a tap-to-call link" in channels["phone"]["how"]  # type: ignore[index,operator]
    assert "email" in channels  # type: ignore[operator]


def test_search_review_and_newsletter_forms_are_not_contact_forms() -> None:
    pages = [shop("home", forms=[form(heading="Write a review", submit="Submit review", action="/reviews/add"),
                                 form(heading="Search", submit="Go", search=True, action="/search"),
                                 form(heading="Newsletter", submit="Subscribe", textarea=False, action="/newsletter")])]
    assert "form" not in CHECK.run(evidence(*pages)).details["channels"]  # type: ignore[operator]


def test_a_form_on_the_contact_page_counts_whatever_its_heading() -> None:
    contact = page("policy", "desktop", policy="contact",
                   extras={"support": support(forms=[form(heading="", submit="Go")])})
    assert "form" in CHECK.run(evidence(contact)).details["channels"]  # type: ignore[operator]


def test_faq_from_the_crawlers_policy_links() -> None:
    result = CHECK.run(evidence(shop("home"), policy_links={"faq": f"{ORIGIN}/help"}))
    assert "faq" in result.details["channels"]  # type: ignore[operator]


def test_only_judged_on_desktop() -> None:
    result = CHECK.run(evidence(page("home", "mobile", extras={"support": support()})))
    assert result.status == "n/a" and "desktop" in (result.reason or "")


def test_missing_gatherer_is_not_applicable() -> None:
    result = CHECK.run(evidence(page("home", "desktop")))
    assert result.status == "n/a" and "support gatherer" in (result.reason or "")


def test_parts_weigh_100_in_all() -> None:
    assert sum(PART_WEIGHTS.values()) == 100
