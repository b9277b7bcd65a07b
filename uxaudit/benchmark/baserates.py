"""The research base rate shown next to each check in the benchmark report, with its source.

Every figure comes from shared/CHECKS.md ("the research behind the checks"); ``section``
names the heading it sits under there, so a reviewer can check the wording against it.
Kept together, as user-facing strings should be, so they can be reviewed without
reading any logic. A check with no published figure has no entry and shows none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BaseRate:
    text: str
    """One sentence a store owner reads next to the check."""
    source: str
    """Who measured it, and when."""
    section: str
    """The CHECKS.md heading the figure is under."""


BASE_RATES: dict[str, BaseRate] = {
    "shipping-costs-upfront": BaseRate(
        "43% of stores show no shipping cost on the product page, where 64% of shoppers look for it",
        "Baymard Institute", "Shipping costs up front"),
    "guest-checkout": BaseRate(
        "47% of stores don't make guest checkout the most prominent option; 26% of shoppers abandon over "
        "forced account creation",
        "Baymard Institute, 2024", "Checkout; Why these checks matter"),
    "checkout-friction": BaseRate(
        "The average checkout asks for 11.3 form fields over 5.1 steps; 8 fields is achievable",
        "Baymard Institute, 2024", "Checkout"),
    "payment-options": BaseRate(
        "13% of shoppers abandon a cart over too few payment methods",
        "Baymard Institute, 2024", "Why these checks matter"),
    "search-quality": BaseRate(
        "41% of stores are below 'acceptable' across eight kinds of search query; 33% don't fully support "
        "exact product names",
        "Baymard Institute, 2024", "Search"),
    "product-page": BaseRate(
        "82% of apparel stores give insufficient sizing information; 28% lack an in-scale image",
        "Baymard Institute", "Product page"),
    "policy-pages": BaseRate(
        "20% of stores lack footer links to their shipping and returns policies",
        "Baymard Institute", "Shipping costs up front"),
    "support-channels": BaseRate(
        "Among 100 top US stores, 98% offer phone support, 73% live chat, 64% a contact form, 26% email",
        "2019 survey of top US stores", "Trust, privacy and support"),
    "secure-shopping": BaseRate(
        "25% of shoppers abandoned a purchase because they did not trust the site with their card",
        "Baymard Institute, 2024", "Why these checks matter"),
    "accessibility": BaseRate(
        "Automated tests catch roughly 57% of accessibility issues by volume; the rest need people",
        "Deque", "Accessibility"),
    "load-speed": BaseRate(
        "0.1 s faster on mobile gave +8.4% retail conversion",
        "Google/Deloitte, Milliseconds Make Millions, 2020", "Speed"),
}


def base_rate(check_id: str) -> BaseRate | None:
    return BASE_RATES.get(check_id)
