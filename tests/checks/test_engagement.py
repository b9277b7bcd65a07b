"""engagement: reviews, recommendations, recently viewed, newsletter and loyalty, presence only."""

from __future__ import annotations

from typing import Any

from _build import evidence, page
from uxaudit.checks.engagement import FEATURE_WEIGHTS, FULL_MARKS, Engagement

from uxaudit.evidence import PageEvidence

CHECK = Engagement()


def block(text: str, how: str = "heading") -> dict[str, Any]:
    return {"selector": f"h2.{text.split()[0].lower()}", "text": text, "how": how, "visible": True,
            "box": {"x": 0, "y": 900, "width": 300, "height": 30}}


def shop(kind: str, *blocks: str, signups: list[dict[str, Any]] = (), scripts: list[str] = (),  # type: ignore[assignment]
         **fields: Any) -> PageEvidence:
    return page(kind, extras={"engagement": {"blocks": [block(b) for b in blocks], "signups": list(signups),
                                             "scripts": list(scripts)}}, **fields)


def test_reviews_and_recommendations_are_full_marks() -> None:
    result = CHECK.run(evidence(shop("home"), shop("product", "Customer reviews", "You may also like")))
    assert result.status == "pass" and result.score == 1.0
    assert set(result.details["features"]) == {"reviews", "recommendations"}  # type: ignore[arg-type]
    assert all(f.severity == "info" for f in result.findings)


def test_nothing_found_fails_with_reviews_as_a_warning() -> None:
    result = CHECK.run(evidence(shop("home", "New arrivals"), shop("product", "Details")))
    assert result.status == "fail" and result.score == 0.0
    severities = {f.message: f.severity for f in result.findings}
    assert severities["Not found: product reviews on product pages."] == "warn"


def test_reviews_count_when_visible_on_product_pages_or_from_a_widget() -> None:
    assert "reviews" not in CHECK.run(evidence(shop("home", "Reviews"))).details["features"]  # type: ignore[operator]
    rated = shop("product", structured_data=[{"@type": "Product", "aggregateRating": {"ratingValue": 4.5}}])
    result = CHECK.run(evidence(rated))
    assert "reviews" not in result.details["features"]  # type: ignore[operator]
    assert any("structured data carries a rating" in f.message for f in result.findings)
    widget = shop("product", scripts=["https://staticw2.yotpo.com/abc/widget.js"])
    assert "Yotpo" in CHECK.run(evidence(widget)).details["features"]["reviews"]["how"]  # type: ignore[index]


def test_newsletter_loyalty_and_recently_viewed() -> None:
    signup = {"selector": "footer form", "text": "Join our newsletter for 10% off", "in_dialog": False, "visible": True}
    result = CHECK.run(evidence(shop("home", "Recently viewed", "Join our rewards programme", signups=[signup])))
    assert set(result.details["features"]) == {"recently_viewed", "loyalty", "newsletter"}  # type: ignore[arg-type]
    assert result.score == round(3 / FULL_MARKS, 2)


def test_a_stock_alert_form_is_not_a_newsletter() -> None:
    alert = {"selector": "#alert_form", "text": "Notify me when back in stock", "in_dialog": False, "visible": True}
    assert "newsletter" not in CHECK.run(evidence(shop("product", signups=[alert]))).details["features"]  # type: ignore[operator]


def test_a_newsletter_popup_counts_and_is_noted() -> None:
    popup = {"selector": "#newsletter-modal form", "text": "Sign up for our newsletter", "in_dialog": True,
             "visible": True, "box": {"x": 40, "y": 200, "width": 330, "height": 300}}
    result = CHECK.run(evidence(shop("home", signups=[popup])))
    assert result.details["newsletter_popup"] is True
    note = next(f for f in result.findings if "pop-up" in f.message)
    assert note.severity == "info" and note.selector == "#newsletter-modal form" and note.box is not None


def test_policy_pages_are_ignored_and_missing_gatherer_is_not_applicable() -> None:
    assert CHECK.run(evidence(page("home"))).status == "n/a"


def test_weights_cover_five_features() -> None:
    assert len(FEATURE_WEIGHTS) == 5 and FULL_MARKS <= sum(FEATURE_WEIGHTS.values())
