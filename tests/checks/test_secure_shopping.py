"""secure-shopping: HTTPS, mixed content, sensitive fields on HTTP, trust cues at payment; local stores."""

from __future__ import annotations

from typing import Any

from _build import evidence, page
from uxaudit.checks.secure_shopping import PART_WEIGHTS, SecureShopping, is_local

from uxaudit.evidence import JourneyEvidence, JourneyStep, PageEvidence, SiteEvidence, ViewportEvidence

CHECK = SecureShopping()


def security(scheme: str = "https", insecure: dict[str, str] | None = None,
             fields: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {"scheme": scheme, "insecure_requests": list(insecure or {}), "insecure_types": dict(insecure or {}),
            "fields": list(fields), "frames": [], "cues": []}


def shop(kind: str = "home", origin: str = "https://shop.example", **sec: Any) -> PageEvidence:
    p = page(kind, "desktop", extras={"security": security(**sec)})
    url = p.url.replace("https://shop.example", origin)
    return p.model_copy(update={"url": url, "final_url": url})


def with_site(ev: ViewportEvidence, origin: str) -> ViewportEvidence:
    return ev.model_copy(update={"site": SiteEvidence(start_url=origin + "/", origin=origin)})


def checkout(*steps: tuple[str, dict[str, Any]], origin: str = "https://shop.example") -> JourneyEvidence:
    return JourneyEvidence(name="checkout", viewport="desktop", steps=[
        JourneyStep(name=name, stage=name, url=f"{origin}/checkout/{name}", data=data) for name, data in steps])


def test_https_everywhere_without_checkout_evidence_passes() -> None:
    result = CHECK.run(evidence(shop("home"), shop("product")))
    assert result.status == "pass" and result.score == 1.0 and result.findings == []
    assert "payment step not seen" in result.summary


def test_plain_http_pages_fail() -> None:
    ev = with_site(evidence(shop("home", "http://shop.example", scheme="http"),
                            shop("product", "http://shop.example", scheme="http")), "http://shop.example")
    result = CHECK.run(ev)
    assert result.status == "fail"
    assert all("served over plain HTTP" in f.message for f in result.findings)
    assert result.details["parts"]["https"] == 0.0  # type: ignore[index]


def test_active_mixed_content_fails_and_passive_warns() -> None:
    active = shop("home", insecure={"http://cdn.example.net/app.js": "Script"})
    passive = shop("product", insecure={"http://img.example.net/a.jpg": "Image"})
    result = CHECK.run(evidence(active, passive))
    by_url = {f.url: f for f in result.findings}
    assert by_url[active.final_url].severity == "fail" and "browsers block it" in by_url[active.final_url].message
    assert by_url[passive.final_url].severity == "warn"
    assert result.details["parts"]["mixed"] == 0.0  # type: ignore[index]


def test_a_password_field_on_http_is_a_blocker() -> None:
    login = shop("other", "http://shop.example", scheme="http", fields=[
        {"kind": "password", "selector": "#password", "action": "http://shop.example/login",
         "box": {"x": 10, "y": 300, "width": 200, "height": 40}}])
    result = CHECK.run(with_site(evidence(login), "http://shop.example"))
    assert result.blocker
    field = next(f for f in result.findings if "password field" in f.message)
    assert field.selector == "#password" and field.box is not None


def test_a_form_posting_card_data_to_http_fails() -> None:
    pay = shop("other", fields=[{"kind": "card", "selector": "#cc", "action": "http://pay.example/charge"}])
    result = CHECK.run(evidence(pay))
    assert result.blocker and "plain-HTTP address (http://pay.example/charge)" in result.findings[0].message


def test_trust_cues_at_the_payment_step() -> None:
    ev = evidence(shop("home"))
    with_cues = ev.model_copy(update={"journeys": {"checkout": checkout(
        ("information", {}), ("payment", {"html": "<p>&#128274; Secure checkout</p><img alt='Visa'>"}))}})
    result = CHECK.run(with_cues)
    assert result.score == 1.0 and "reassurance at payment" in result.summary
    without = ev.model_copy(update={"journeys": {"checkout": checkout(("payment", {"text": "Card number  Expiry"}))}})
    result = CHECK.run(without)
    assert result.details["parts"]["cues"] == 0.5  # type: ignore[index]
    assert any(f.severity == "warn" and "no reassurance" in f.message for f in result.findings)


def test_cues_from_the_payment_steps_security_extras() -> None:
    cues = {"extras": {"security": {"cues": [{"text": "Payments are encrypted"}]}}}
    ev = evidence(shop("home")).model_copy(update={"journeys": {"checkout": checkout(("payment", cues))}})
    assert CHECK.run(ev).details["cues"] == ["Payments are encrypted"]


def test_the_checkout_journeys_summary_can_show_cues_but_not_their_absence() -> None:
    shown = {"payments": [{"method": "PayPal", "how": "image alt"}, {"method": "Cards", "how": "card fields"}],
             "texts": {"headings": ["Payment"], "lines": []}}
    ev = evidence(shop("home")).model_copy(update={"journeys": {"checkout": checkout(("checkout-payment", shown))}})
    assert CHECK.run(ev).details["cues"] == ["PayPal (image alt)"]
    silent = {"payments": [{"method": "Cards", "how": "card fields"}], "texts": {"headings": ["Payment"]}}
    ev = evidence(shop("home")).model_copy(update={"journeys": {"checkout": checkout(("checkout-payment", silent))}})
    result = CHECK.run(ev)
    assert "cues" not in result.details["parts"] and result.findings == []  # type: ignore[operator]


def test_a_card_field_in_an_http_checkout_step_is_a_blocker() -> None:
    fields = {"fields": [{"type": "text", "autocomplete": "cc-number", "selector": "#card", "box": None}]}
    ev = evidence(shop("home")).model_copy(update={"journeys": {"checkout": checkout(
        ("checkout-payment", fields), origin="http://shop.example")}})
    result = CHECK.run(ev)
    assert result.blocker and any(f.selector == "#card" and "card field" in f.message for f in result.findings)


def test_a_checkout_step_on_http_fails_https() -> None:
    ev = evidence(shop("home")).model_copy(update={"journeys": {"checkout": checkout(
        ("shipping", {}), origin="http://shop.example")}})
    result = CHECK.run(ev)
    assert any("checkout step \"shipping\" is served over plain HTTP" in f.message for f in result.findings)


def test_a_local_store_is_not_applicable_without_checkout_evidence() -> None:
    ev = with_site(evidence(shop("home", "http://127.0.0.1:8000", scheme="http")), "http://127.0.0.1:8000")
    result = CHECK.run(ev)
    assert result.status == "n/a" and "local store (127.0.0.1)" in (result.reason or "")


def test_a_local_store_is_judged_on_trust_cues_only() -> None:
    ev = with_site(evidence(shop("home", "http://localhost:8000", scheme="http")), "http://localhost:8000")
    ev = ev.model_copy(update={"journeys": {"checkout": checkout(
        ("payment", {"text": "Secure payment"}), origin="http://localhost:8000")}})
    result = CHECK.run(ev)
    assert result.status == "pass" and set(result.details["parts"]) == {"cues"}  # type: ignore[arg-type]
    assert result.findings[0].severity == "info" and "local address" in result.findings[0].message


def test_is_local() -> None:
    assert all(is_local(h) for h in ("localhost", "127.0.0.1", "127.8.9.1", "::1", "[::1]", "shop.localhost"))
    assert not any(is_local(h) for h in ("shop.example", "10.0.0.1", "192.168.1.4"))


def test_missing_gatherer_is_not_applicable() -> None:
    assert CHECK.run(evidence(page("home", "desktop"))).status == "n/a"


def test_parts_weigh_100_in_all() -> None:
    assert sum(PART_WEIGHTS.values()) == 100
