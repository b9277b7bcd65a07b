"""policy-pages: the four policies linked from every page, their pages load, the returns page states a window."""

from __future__ import annotations

from typing import Any

from _build import ORIGIN, evidence, page
from uxaudit.checks.policy_pages import PART_WEIGHTS, PolicyPages, return_window

from uxaudit.evidence import PageEvidence

CHECK = PolicyPages()
FOOTER = {"shipping": ("Shipping & delivery", "/pages/shipping"), "returns": ("Returns & refunds", "/pages/returns"),
          "privacy": ("Privacy policy", "/pages/privacy"), "terms": ("Terms of service", "/pages/terms")}
LINKS = {"shipping": f"{ORIGIN}/pages/shipping", "returns": f"{ORIGIN}/pages/returns",
         "privacy": f"{ORIGIN}/pages/privacy", "terms": f"{ORIGIN}/pages/terms"}


def links(*kinds: str, region: str = "footer") -> dict[str, Any]:
    return {"links": [{"selector": f"footer a:nth-of-type({i})", "text": FOOTER[k][0], "href": ORIGIN + FOOTER[k][1],
                       "region": region, "visible": True} for i, k in enumerate(kinds, 1)]}


def shop(kind: str = "home", kinds: tuple[str, ...] = tuple(FOOTER), viewport: str = "desktop") -> PageEvidence:
    return page(kind, viewport, extras={"policy_links": links(*kinds)})  # type: ignore[arg-type]


def policy(kind: str, text: str = "", status: int = 200, title: str = "", **fields: Any) -> PageEvidence:
    return page("policy", "desktop", path=FOOTER[kind][1], policy=kind, status=status,  # type: ignore[arg-type]
                text=text or f"{kind.title()} policy. " + "Plenty of words about it. " * 40,
                meta={"title": title or f"{kind.title()} – Shop"}, extras={"policy_links": links(*FOOTER)}, **fields)


RETURNS = "Returns & refunds. You have 30 days from delivery to return any item for a full refund. " + "More. " * 50


def full_site(*extra: PageEvidence, returns_text: str = RETURNS) -> list[PageEvidence]:
    return [shop("home"), shop("category"), shop("product"), policy("shipping"), policy("returns", returns_text),
            policy("privacy"), policy("terms"), *extra]


def test_all_linked_loading_and_a_window_passes() -> None:
    result = CHECK.run(evidence(*full_site(), policy_links=LINKS))
    assert result.status == "pass" and result.score == 1.0 and result.findings == []
    assert "return window stated (30 days)" in result.summary


def test_a_policy_linked_nowhere_fails_per_policy() -> None:
    pages = [shop("home", ("shipping", "privacy", "terms")), shop("product", ("shipping", "privacy", "terms"))]
    result = CHECK.run(evidence(*pages))
    assert result.status == "warn" and result.score == 0.75
    assert [(f.severity, f.message) for f in result.findings] == [("fail", "No audited page links to a returns page.")]
    assert result.details["parts"] == {"links": 0.75}  # type: ignore[index]


def test_no_policy_linked_anywhere_fails() -> None:
    result = CHECK.run(evidence(shop("home", ()), shop("product", ())))
    assert result.status == "fail" and result.score == 0.0 and len(result.findings) == 4


def test_a_page_missing_a_link_warns_on_that_page() -> None:
    home, product = shop("home"), shop("product", ("shipping", "returns", "privacy"))
    result = CHECK.run(evidence(home, product))
    [missing] = result.findings
    assert missing.severity == "warn" and missing.url == product.final_url
    assert "no link to the terms and conditions page" in missing.message


def test_links_outside_the_footer_count() -> None:
    home = page("home", "desktop", extras={"policy_links": links(*FOOTER, region="nav")})
    assert CHECK.run(evidence(home)).score == 1.0


def test_falls_back_to_the_rendered_html_without_the_gatherer() -> None:
    html = "<html><body><main>x</main><footer>" + "".join(
        f'<a href="{path}">{text}</a>' for text, path in FOOTER.values()) + "</footer></body></html>"
    result = CHECK.run(evidence(page("home", "desktop", html=html)))
    assert result.status == "pass"


def test_a_broken_policy_page_fails() -> None:
    pages = [shop("home"), policy("shipping"), policy("returns", RETURNS), policy("privacy"),
             policy("terms", status=404)]
    result = CHECK.run(evidence(*pages, policy_links=LINKS))
    assert result.status == "warn" and result.score == 0.89  # one broken page of four: capped below pass
    assert any("terms and conditions page linked from the footer does not load: HTTP 404" in f.message
               for f in result.findings)
    assert result.details["parts"]["loads"] == 0.75  # type: ignore[index]


def test_a_soft_404_counts_as_broken() -> None:
    pages = [shop("home"), policy("privacy", text="Page not found. Sorry.", title="Page not found")]
    result = CHECK.run(evidence(*pages))
    assert any("shows an error page" in f.message for f in result.findings)


def test_a_returns_page_without_a_window_fails_that_part() -> None:
    result = CHECK.run(evidence(*full_site(returns_text="Returns. Send items back to us. We refund quickly. " * 20)))
    assert result.details["return_window"] is False  # type: ignore[index]
    assert result.score == round((PART_WEIGHTS["links"] + PART_WEIGHTS["loads"]) / 100, 2)
    assert any("does not say how long" in f.message for f in result.findings)


def test_mobile_judges_links_only() -> None:
    result = CHECK.run(evidence(shop("home", viewport="mobile"), shop("product", viewport="mobile")))
    assert result.status == "pass" and "judged where they were loaded (desktop)" in result.summary
    assert set(result.details["parts"]) == {"links"}  # type: ignore[arg-type]


def test_no_link_evidence_is_not_applicable() -> None:
    result = CHECK.run(evidence(page("home", "desktop")))
    assert result.status == "n/a" and "no page had link evidence" in (result.reason or "")


def test_return_window_needs_a_return_word_nearby() -> None:
    assert return_window("Free 30-day returns on everything") == "30-day"
    assert return_window("You may return items within fourteen days of delivery.") == "fourteen days"
    assert return_window("Our shop opened 30 days ago. " + "x " * 200) is None


def test_parts_weigh_100_in_all() -> None:
    assert sum(PART_WEIGHTS.values()) == 100
