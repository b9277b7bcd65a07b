"""engagement: reviews, recommendations, recently viewed, newsletter sign-up and a loyalty programme: presence only.

Reads the ``engagement`` gatherer (headings and named blocks, email-only sign-up forms,
scripts). Each feature found anywhere in the viewport counts once; reviews count on
product pages only, when visible (a heading or block, or a review widget): a rating in
the structured data alone is noted, not counted, since shoppers cannot see it. No research figure says how
much each is worth, so the check weighs little and only says what is there.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from uxaudit.check import Check, Finding, MissingEvidence, Source, Verdict
from uxaudit.evidence import Box, PageEvidence, ViewportEvidence
from uxaudit.gatherers.vendors import LOYALTY_HOSTS, REVIEW_HOSTS, vendor_of

from ._pages import finding, loaded_pages, page_url

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Engagement features are in place"
FAILURE_TITLE = "Few engagement features"
DESCRIPTION = (
    "Reviews on product pages, recommendations, recently viewed items, a newsletter sign-up and a loyalty "
    "programme help shoppers decide and come back. Presence only: the check does not judge their quality."
)
FIX = "Show reviews on product pages and 'you may also like' recommendations; offer a newsletter sign-up in the footer."
NAMES = {"reviews": "product reviews on product pages", "recommendations": "product recommendations",
         "recently_viewed": "recently viewed products", "newsletter": "a newsletter sign-up",
         "loyalty": "a loyalty or rewards programme"}
MSG_ABSENT = "Not found: {name}."
FIXES = {
    "reviews": "Show ratings and reviews (average, count and the reviews themselves) on every product page.",
    "recommendations": "Add a 'You may also like' or 'Complete the look' row on product pages.",
    "recently_viewed": "Show the shopper's recently viewed products on product and category pages.",
    "newsletter": "Offer a newsletter sign-up (an email field) in the footer.",
    "loyalty": "If you run a loyalty programme, link it from the header or footer.",
}
MSG_HIDDEN_RATING = ("The Product structured data carries a rating, but no reviews are visible on the page: shoppers "
                     "cannot see them, and Google asks for ratings to be visible.")
FIX_HIDDEN_RATING = "Show the rating and the reviews on the page, or remove the rating from the structured data."
MSG_POPUP = ("The newsletter sign-up covers the page as a pop-up on arrival; a sign-up in the footer or after a "
             "first interaction interrupts less.")
FIX_POPUP = "Move the sign-up into the page (footer) or delay the pop-up until the shopper has browsed a while."
SUMMARY = "{found} of 5 engagement features: {names}."

# --- rules --------------------------------------------------------------------------------------

# Reviews weigh most: Baymard finds most shoppers rely on reviews to decide; recommendations
# help discovery; the rest keep shoppers coming back but are optional for a small shop.
FEATURE_WEIGHTS: dict[str, float] = {"reviews": 3, "recommendations": 2, "recently_viewed": 1, "newsletter": 1,
                                     "loyalty": 1}
FULL_MARKS = 5.0
"""Proposed: reviews plus recommendations (or any features worth 5) score full marks."""
PATTERNS: dict[str, re.Pattern[str]] = {
    "recommendations": re.compile(
        r"you (may|might|will) (also )?(like|love)|also (bought|viewed|purchased|liked)|recommended|recommendations"
        r"|related (products|items)|similar (products|items|styles)|more like this|complete the look"
        r"|frequently bought together|pairs? (well )?with|goes well with|customers who (bought|viewed)|shop the look",
        re.IGNORECASE),
    "recently_viewed": re.compile(r"recently (viewed|browsed)|browsing history|you (recently|previously|last) viewed",
                                  re.IGNORECASE),
    "reviews": re.compile(r"\breviews?\b|\bratings?\b|out of 5|\bstars?\b|write a review", re.IGNORECASE),
    "newsletter": re.compile(r"newsletter|subscribe|sign ?up|mailing list|join (us|our)|offers|% off|inbox|updates",
                             re.IGNORECASE),
    "loyalty": re.compile(r"\bloyalty\b|\brewards? (program|programme|club|points)\b|\b(earn|collect|redeem)\b.{0,12}"
                          r"\bpoints\b|\bvip (club|program|programme)\b|\bmembers?(hip)? (club|rewards|programme|program)\b",
                          re.IGNORECASE),
}
NEWSLETTER_HEADING = re.compile(r"newsletter|subscribe|mailing list", re.IGNORECASE)
NOT_NEWSLETTER = re.compile(r"notify|back in stock|stock alert|alert me|track (your )?order|password|forgot|gift card",
                            re.IGNORECASE)


class Engagement(Check):
    id = "engagement"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "trust"
    # Presence only and no research figure behind it: the lightest check of the category.
    weight = 0.5
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="Baymard Institute: user reviews on product pages",
               url="https://baymard.com/blog/user-generated-content",
               figure="most shoppers read reviews before buying"),
    )
    requires = ("pages",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        pages = [p for p in loaded_pages(evidence) if isinstance(p.extras.get("engagement"), dict)
                 and "error" not in p.extras["engagement"] and p.kind != "policy"]
        if not pages:
            raise MissingEvidence("the engagement gatherer did not run on any loaded shop page")
        found: dict[str, tuple[PageEvidence, str, dict[str, Any] | None]] = {}
        popup: tuple[PageEvidence, dict[str, Any]] | None = None
        for page in pages:
            data: dict[str, Any] = page.extras["engagement"]
            for feature, hit in _features(page, data).items():
                found.setdefault(feature, hit)
            for form in data.get("signups", []):
                if form.get("in_dialog") and form.get("visible") and popup is None:
                    popup = (page, form)
        findings: list[Finding] = []
        home = next((p for p in pages if p.kind == "home"), pages[0])
        products = [p for p in pages if p.kind == "product"]
        for feature in FEATURE_WEIGHTS:
            if feature in found:
                continue
            if feature == "reviews" and not products:
                continue
            where = products[0] if feature == "reviews" else home
            findings.append(finding(where, MSG_ABSENT.format(name=NAMES[feature]), fix=FIXES[feature],
                                    severity="warn" if feature == "reviews" else "info"))
            if feature == "reviews" and (rated := next((p for p in products if _rated(p.structured_data)), None)):
                findings.append(finding(rated, MSG_HIDDEN_RATING, fix=FIX_HIDDEN_RATING, severity="info"))
        if popup:
            page, form = popup
            box = form.get("box")
            findings.append(finding(page, MSG_POPUP, fix=FIX_POPUP, selector=form.get("selector"),
                                    box=Box.model_validate(box) if isinstance(box, dict) else None, severity="info"))
        weight = sum(FEATURE_WEIGHTS[f] for f in found)
        score = min(1.0, weight / FULL_MARKS)
        details: dict[str, object] = {
            "features": {f: {"page": page_url(p), "how": how, "selector": el.get("selector") if el else None}
                         for f, (p, how, el) in found.items()},
            "newsletter_popup": bool(popup), "weights": FEATURE_WEIGHTS,
        }
        names = ", ".join(NAMES[f] for f in FEATURE_WEIGHTS if f in found) or "none"
        return Verdict(score=score, findings=findings, details=details,
                       summary=SUMMARY.format(found=len(found), names=names))


def _features(page: PageEvidence, data: dict[str, Any]) -> dict[str, tuple[PageEvidence, str, dict[str, Any] | None]]:
    hits: dict[str, tuple[PageEvidence, str, dict[str, Any] | None]] = {}
    for block in data.get("blocks", []):
        text = str(block.get("text", ""))
        for feature in ("recommendations", "recently_viewed", "loyalty"):
            if feature not in hits and PATTERNS[feature].search(text):
                hits[feature] = (page, f"\"{text[:60]}\"", block)
        if page.kind == "product" and "reviews" not in hits and PATTERNS["reviews"].search(text):
            hits["reviews"] = (page, f"\"{text[:60]}\"", block)
        if "newsletter" not in hits and block.get("how") == "heading" and NEWSLETTER_HEADING.search(text):
            hits["newsletter"] = (page, f"\"{text[:60]}\"", block)
    for form in data.get("signups", []):
        text = str(form.get("text", ""))
        if "newsletter" not in hits and PATTERNS["newsletter"].search(text) and not NOT_NEWSLETTER.search(text):
            hits["newsletter"] = (page, "an email sign-up form", form)
    for url in data.get("scripts", []):
        if page.kind == "product" and "reviews" not in hits and (vendor := vendor_of(str(url), REVIEW_HOSTS)):
            hits["reviews"] = (page, f"{vendor} reviews widget", None)
        if "loyalty" not in hits and (vendor := vendor_of(str(url), LOYALTY_HOSTS)):
            hits["loyalty"] = (page, f"{vendor} loyalty widget", None)
    return hits


def _rated(items: list[dict[str, Any]]) -> bool:
    def walk(value: object) -> bool:
        if isinstance(value, dict):
            return any(k in value for k in ("aggregateRating", "review", "http://schema.org/aggregateRating")) or any(
                walk(v) for v in value.values())
        if isinstance(value, list):
            return any(walk(v) for v in value)
        return False
    return walk(items)
