"""The engine and first checks on a real django-oscar 4.2 shop: HTML nobody on the team wrote.

What a careful human auditor says of this shop (tests/stores/oscar/FACTS.md has the facts):
- Product pages show price, "Add to basket", a description and 2-4 photos, but carry no
  schema.org Product data at all: the product check must flag exactly that, on every
  product page, and must not claim the price or the add-to-cart button is missing.
- Every page has `width=device-width` and does not block zoom: no viewport or zoom finding.
- `/` redirects to `/catalogue/`; categories live under /catalogue/category/, products
  under /catalogue/<slug>_<id>/; there is no robots.txt and no sitemap.
"""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.oscar, pytest.mark.xdist_group("oscar")]


@pytest.fixture(scope="module")
def audit(oscar, audited):  # type: ignore[no-untyped-def]
    result, _ = audited(oscar.url, block_external=True)
    return result


def test_discovers_oscar_pages_by_content_and_url(audit) -> None:  # type: ignore[no-untyped-def]
    evidence = audit.evidence
    assert not evidence.site.robots_txt and evidence.site.sitemap_urls == 0
    home = [p for p in evidence.pages if p.kind == "home"]
    assert home and all(p.final_url.endswith("/catalogue/") for p in home)
    discovered = Counter(d.kind for d in evidence.site.discovered)
    assert (discovered["category"], discovered["product"]) == (2, 3)
    loaded = {(p.kind, p.url) for p in evidence.pages if p.loaded}
    for page in evidence.site.discovered:
        if page.kind in ("category", "product"):
            assert (page.kind, page.url) in loaded, f"{page.url} loaded in no viewport"
    for page in evidence.pages:
        if page.kind == "category":
            assert "/catalogue/category/" in page.final_url
        if page.kind == "product":
            assert "/catalogue/" in page.final_url and "/category/" not in page.final_url


def test_product_page_flags_the_missing_structured_data_and_nothing_that_is_there(audit) -> None:  # type: ignore[no-untyped-def]
    product_urls = {p.final_url for p in audit.evidence.pages if p.kind == "product" and p.loaded}
    for viewport in ("mobile", "desktop"):
        result = audit.judgement.result("product-page", viewport)
        assert result.status in ("warn", "fail")
        values = [f.value for f in result.findings]
        no_data = [f for f in result.findings if f.value == "no Product"]
        assert {f.url for f in no_data} == product_urls
        assert "missing: a price" not in values and "missing: an add-to-cart button" not in values
        assert "missing: a product description" not in values


def test_mobile_friendly_finds_no_viewport_or_zoom_problem(audit) -> None:  # type: ignore[no-untyped-def]
    result = audit.judgement.result("mobile-friendly", "mobile")
    assert result.status != "error"
    messages = " ".join(f.message for f in result.findings)
    assert "viewport meta" not in messages and "zoom" not in messages.lower()
    assert not result.blocker


def test_speed_is_measured_on_every_shopping_page(audit) -> None:  # type: ignore[no-untyped-def]
    for page in audit.evidence.pages:
        if page.kind in ("home", "category", "product") and page.loaded:
            assert page.timings.fcp_ms and page.timings.lcp_ms, page.id
            assert page.resources.third_party_requests == 0 or "blocked" not in page.final_url
    assert audit.judgement.result("load-speed").status in ("pass", "warn", "fail")
