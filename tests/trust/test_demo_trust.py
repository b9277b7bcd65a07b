"""Trust checks end to end on the demo store: each trust switch moves its check's verdict.

Audits run unthrottled (throttling only matters to speed checks) with one category and one
product page; the switch stores run on desktop only, the good store in both viewports.
Switches that touch different checks share a store to keep the browser time down: each
assertion names the switch that moves it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from uxaudit.checks.accessibility import SEVERITY

from uxaudit.bundle import Audit
from uxaudit.check import CheckResult

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo-trust")]

FAST = {"journeys": (), "max_products": 1, "max_categories": 1, "throttle": False}
TRUST = ("cookie-consent", "policy-pages", "support-channels", "secure-shopping", "accessibility", "engagement")


@pytest.fixture(scope="module")
def trust(demo_store, audited) -> Callable[..., Audit]:  # type: ignore[no-untyped-def]
    def run(profile: str = "good", both_viewports: bool = False, **flaws: Any) -> Audit:
        settings = dict(FAST) if both_viewports else {**FAST, "viewports": ("desktop",)}
        audit, _ = audited(demo_store(profile, **flaws), **settings)
        return audit
    return run


def result(audit: Audit, check_id: str, viewport: str | None = "desktop") -> CheckResult:
    return audit.judgement.result(check_id, viewport)


def test_good_store_trust_verdicts(trust) -> None:  # type: ignore[no-untyped-def]
    audit = trust(both_viewports=True)
    for viewport in ("mobile", "desktop"):
        assert result(audit, "cookie-consent", viewport).status == "pass"
        assert result(audit, "policy-pages", viewport).status == "pass"
        assert result(audit, "accessibility", viewport).status == "pass"
        assert result(audit, "engagement", viewport).status == "pass"
        # A store on 127.0.0.1: HTTPS is judged on the deployed store, and no checkout journey ran.
        secure = result(audit, "secure-shopping", viewport)
        assert secure.status == "n/a" and "local store (127.0.0.1)" in (secure.reason or "")
    consent = result(audit, "cookie-consent")
    assert consent.details["banner"]["reject"] == "Reject all"  # type: ignore[index]
    policies = result(audit, "policy-pages")
    assert policies.score == 1.0 and policies.details["return_window"]  # type: ignore[index]
    support = result(audit, "support-channels")
    assert support.status == "pass"
    assert set(support.details["channels"]) == {"phone", "email", "form", "chat", "faq"}  # type: ignore[arg-type]
    assert result(audit, "support-channels", "mobile").status == "n/a"
    axe = next(p.extras["axe"] for p in audit.evidence.pages if p.kind == "home")
    assert axe["engine"].startswith("axe-core 4.") and axe["passes"]


def test_cookie_banner_without_reject_fails_on_the_banner(trust) -> None:  # type: ignore[no-untyped-def]
    consent = result(trust(cookie_banner="no_reject", footer_policy_links=False, thin_product_pages=True,
                           zoom_disabled=True), "cookie-consent")
    assert consent.status == "fail"
    first = consent.findings[0]
    assert "no way to refuse" in first.message and first.selector and first.selector.startswith("#cookie-banner")
    assert first.box is not None and first.screenshot


def test_footer_policy_links_off_fails_policy_pages_and_loses_the_faq(trust) -> None:  # type: ignore[no-untyped-def]
    audit = trust(cookie_banner="no_reject", footer_policy_links=False, thin_product_pages=True, zoom_disabled=True)
    policies = result(audit, "policy-pages")
    assert policies.status == "fail"
    assert {"No audited page links to a privacy policy page.",
            "No audited page links to a terms and conditions page."} <= {f.message for f in policies.findings}
    assert "faq" not in result(audit, "support-channels").details["channels"]  # type: ignore[operator]


def test_thin_product_pages_lose_reviews(trust) -> None:  # type: ignore[no-untyped-def]
    engagement = result(trust(cookie_banner="no_reject", footer_policy_links=False, thin_product_pages=True,
                              zoom_disabled=True), "engagement")
    assert "reviews" not in engagement.details["features"]  # type: ignore[operator]
    assert engagement.status != "pass"
    assert any(f.severity == "warn" and "product reviews" in f.message for f in engagement.findings)


def test_disabled_zoom_is_an_axe_violation(trust) -> None:  # type: ignore[no-untyped-def]
    a11y = result(trust(cookie_banner="no_reject", footer_policy_links=False, thin_product_pages=True,
                        zoom_disabled=True), "accessibility")
    # axe rates meta-viewport "moderate" (weight 3): the score drops and a warning names the tag.
    assert a11y.score is not None and a11y.score < 1.0
    zoom = [f for f in a11y.findings if f.value == "meta-viewport"]
    assert zoom and zoom[0].selector == 'meta[name="viewport"]' and "dequeuniversity.com" in zoom[0].fix
    assert zoom[0].severity == SEVERITY[a11y.details["rules"]["meta-viewport"]["impact"]]  # type: ignore[index]


def test_trackers_before_consent_fail_cookie_consent(trust) -> None:  # type: ignore[no-untyped-def]
    audit = trust(trackers_before_consent=True, newsletter_popup=True)
    consent = result(audit, "cookie-consent")
    assert consent.status == "fail" and consent.details["banner"]["reject"] == "Reject all"  # type: ignore[index]
    assert any("/t/analytics.js" in (f.value or "") for f in consent.findings)


def test_newsletter_popup_is_an_engagement_feature_and_noted(trust) -> None:  # type: ignore[no-untyped-def]
    engagement = result(trust(trackers_before_consent=True, newsletter_popup=True), "engagement")
    assert "newsletter" in engagement.details["features"] and engagement.details["newsletter_popup"]  # type: ignore[operator]
    assert any("pop-up" in f.message and f.selector for f in engagement.findings)


def test_no_banner_and_no_trackers_is_not_applicable(trust) -> None:  # type: ignore[no-untyped-def]
    consent = result(trust(cookie_banner="none"), "cookie-consent")
    assert consent.status == "n/a" and "does not appear to need one" in (consent.reason or "")


def test_trackers_without_a_banner_fail(trust) -> None:  # type: ignore[no-untyped-def]
    consent = result(trust(cookie_banner="none", trackers_before_consent=True), "cookie-consent")
    assert consent.status == "fail" and consent.score == 0.0
    assert "shows no consent banner" in consent.findings[0].message


def test_third_party_widgets_bring_a_live_chat(trust) -> None:  # type: ignore[no-untyped-def]
    support = result(trust(third_party_scripts=True, live_chat=False), "support-channels")
    assert "chat" in support.details["channels"]  # type: ignore[operator]
    assert "chat-widget.js" in support.details["channels"]["chat"]["how"]  # type: ignore[index]
