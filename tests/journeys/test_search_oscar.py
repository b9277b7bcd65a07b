"""The search journey on a real django-oscar 4.2 shop (whoosh search; tests/stores/oscar/FACTS.md, "Search").

What a shopper finds there: an exact title or a UPC/SKU finds the product (top hit); a
one-letter typo finds nothing but the page offers "Did you mean ..."; there is no
autocomplete; on a phone the search field sits inside the collapsed navigation menu.
"""

from __future__ import annotations

from typing import Any

import pytest

from uxaudit.bundle import Audit
from uxaudit.evidence import JourneyEvidence

pytestmark = [pytest.mark.browser, pytest.mark.oscar, pytest.mark.xdist_group("oscar")]
VIEWPORTS = ("mobile", "desktop")


@pytest.fixture(scope="module")
def audit(oscar, audited) -> Audit:  # type: ignore[no-untyped-def]
    # The same settings as tests/integration/test_oscar_audit.py, so one audit serves both.
    return audited(oscar.url, block_external=True)[0]


def journey(audit: Audit, viewport: str) -> JourneyEvidence:
    return next(j for j in audit.evidence.journeys if j.name == "search" and j.viewport == viewport)


def step(audit: Audit, viewport: str, probe: str) -> dict[str, Any]:
    return next(s.data for s in journey(audit, viewport).steps if s.data.get("probe") == probe)


def score(audit: Audit, viewport: str, probe: str) -> float | None:
    probes: dict[str, dict[str, Any]] = audit.judgement.result("search-quality", viewport).details["probes"]  # type: ignore[assignment]
    return probes[probe]["score"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_exact_title_and_its_sku_find_the_product(audit: Audit, viewport: str) -> None:
    exact = step(audit, viewport, "exact")
    assert "/search/?q=" in exact["url"] and exact["submitted_by"] == "enter"
    assert exact["result_titles"][0] == exact["query"]
    assert exact["results"][0] in exact["expected"]["product_urls"]
    assert exact["result_count"] == 1
    sku = step(audit, viewport, "sku")
    assert sku["query"].startswith("TL-") and sku["results"][:1] == sku["expected"]["product_urls"]
    assert score(audit, viewport, "exact") == 1.0 and score(audit, viewport, "sku") == 1.0


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_typo_finds_nothing_but_oscar_offers_a_correction(audit: Audit, viewport: str) -> None:
    typo = step(audit, viewport, "typo")
    assert typo["zero_results"] and typo["results"] == []
    assert 'Did you mean "' in typo["correction"]
    assert score(audit, viewport, "typo") == 1.0


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_autocomplete_is_reported(audit: Audit, viewport: str) -> None:
    assert score(audit, viewport, "autocomplete") == 0.0


def test_the_search_box_is_in_the_desktop_header_and_in_the_mobile_menu(audit: Audit) -> None:
    assert journey(audit, "desktop").data["field"]["found"] == "field"
    assert journey(audit, "desktop").data["field"]["selector"] == "#id_q"
    assert journey(audit, "mobile").data["field"]["found"] == "menu"
    assert score(audit, "mobile", "search_box") == 0.5
