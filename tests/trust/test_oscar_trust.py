"""Trust checks on the django-oscar shop: what a careful human auditor says of its out-of-the-box storefront.

- cookie-consent: n/a. The shop shows no banner and needs none: it sets only Django's session
  and CSRF cookies and loads no analytics or advertising tag (external hosts are blocked in
  tests, and the templates reference none).
- policy-pages: fail. Oscar's default templates have an empty footer and the seeded shop has
  no shipping, returns, privacy or terms page: nothing to link to.
- support-channels: fail. No phone, email, contact page, chat or FAQ anywhere.
- secure-shopping: a local store on 127.0.0.1, so HTTPS is not judged; at most the checkout's
  payment step is (when the checkout journey saw it).
- accessibility: not a pass. axe finds real WCAG A/AA violations in the default theme (e.g. the
  category facets' checkboxes have no label, the breadcrumb's link colour on its grey background
  is under 4.5:1); each finding names the element and links the rule's help.
- engagement: product pages offer reviews ("Customer Reviews", "Write a review") when they are
  audited as product pages; no newsletter or loyalty programme.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.oscar, pytest.mark.xdist_group("oscar")]


@pytest.fixture(scope="module")
def audit(oscar, audited):  # type: ignore[no-untyped-def]
    result, _ = audited(oscar.url, block_external=True)  # the same audit as tests/integration's Oscar tests
    return result


def test_cookie_consent_is_not_applicable(audit) -> None:  # type: ignore[no-untyped-def]
    for viewport in ("mobile", "desktop"):
        consent = audit.judgement.result("cookie-consent", viewport)
        assert consent.status == "n/a" and "does not appear to need one" in (consent.reason or ""), consent.summary


def test_policy_pages_fail_with_one_finding_per_missing_policy(audit) -> None:  # type: ignore[no-untyped-def]
    for viewport in ("mobile", "desktop"):
        policies = audit.judgement.result("policy-pages", viewport)
        assert policies.status == "fail" and policies.score == 0.0
        assert sorted(f.value for f in policies.findings) == ["privacy", "returns", "shipping", "terms"]


def test_support_channels_fail(audit) -> None:  # type: ignore[no-untyped-def]
    support = audit.judgement.result("support-channels", "desktop")
    assert support.status == "fail" and support.details["channels"] == {}
    assert "No way to contact the store" in support.findings[0].message


def test_secure_shopping_leaves_https_out_on_a_local_store(audit) -> None:  # type: ignore[no-untyped-def]
    for viewport in ("mobile", "desktop"):
        secure = audit.judgement.result("secure-shopping", viewport)
        assert secure.details.get("local", True) is True
        assert "https" not in (secure.details.get("parts") or {})
        assert secure.status == "n/a" or secure.findings[0].severity == "info"


def test_accessibility_names_real_violations(audit) -> None:  # type: ignore[no-untyped-def]
    for viewport in ("mobile", "desktop"):
        a11y = audit.judgement.result("accessibility", viewport)
        assert a11y.status in ("warn", "fail"), a11y.summary
        rules = set(a11y.details["rules"])
        assert rules & {"label", "color-contrast", "select-name"}, rules
        first = a11y.findings[0]
        assert first.selector and first.box is not None and first.screenshot
        assert "dequeuniversity.com/rules/axe" in first.fix


def test_engagement_sees_reviews_on_product_pages(audit) -> None:  # type: ignore[no-untyped-def]
    engagement = audit.judgement.result("engagement", "desktop")
    features = engagement.details["features"]
    assert "newsletter" not in features and "loyalty" not in features
    if any(p.kind == "product" for p in audit.evidence.pages if p.loaded):
        assert "reviews" in features
