"""Score categories and their weights in the overall score: wiring as data.

Each weight says why it is what it is. Checks declare their own category and their weight
within it; a category with no counted check (all n/a or error) drops out of the overall
mean instead of counting as zero.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    weight: float
    description: str


CATEGORIES: tuple[Category, ...] = (
    # Checkout friction drives most abandonment: extra costs 48%, forced accounts 26%,
    # long checkout 22% (Baymard 2024, average abandonment 70.19%).
    Category("checkout", "Checkout", 25, "Guest checkout, upfront costs, form friction and payment options."),
    # Speed: 0.1 s faster on mobile gave +8.4% retail conversion (Google/Deloitte 2020).
    Category("speed", "Speed", 20, "Lab loading metrics per page type, and what makes pages heavy."),
    # Product pages: 64% of shoppers look for shipping costs there; thin content sends them away.
    Category("product", "Product pages", 20, "Structured data and the content a shopper needs to decide."),
    # Search: 41% of sites are below 'acceptable' across query types (Baymard 2024).
    Category("search", "Search", 15, "Finding products by name, SKU, typo, synonym and type."),
    # Mobile usability is a precondition more than a differentiator: fewer sites fail it.
    Category("mobile", "Mobile", 10, "Viewport, zoom, tap targets, legible text, no sideways scrolling."),
    # Trust and support: 25% abandoned for lack of trust with card details (Baymard 2024).
    Category("trust", "Trust & support", 10, "Policies, contact channels, security, consent and accessibility."),
)

BY_ID: dict[str, Category] = {c.id: c for c in CATEGORIES}


def category(category_id: str) -> Category:
    """The category of that id; a plugin's unknown category gets a neutral weight of 10."""
    return BY_ID.get(category_id, Category(category_id, category_id.replace("-", " ").title(), 10, ""))
