"""The search journey and search-quality on the demo store: each search flaw moves its own probe.

Three audits, one each per session: the good profile (smart search, autocomplete, a helpful
no-results page, a visible search field), the same store with every search flaw switched
(exact matching, no autocomplete, a dead-end no-results page, the field behind an icon),
and no search box at all. Probes are judged independently, so one flipped store shows
that each switch moves its own probe's verdict.
"""

from __future__ import annotations

from typing import Any

import pytest

from uxaudit.bundle import Audit
from uxaudit.check import CheckResult

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo-search")]

SETTINGS: dict[str, Any] = {"viewports": ("mobile", "desktop"), "max_products": 3, "journeys": ("search",),
                            "throttle": False}
FLIPPED = {"search_mode": "exact", "autocomplete": False, "zero_results": "dead_end", "search_box": "icon"}
VIEWPORTS = ("mobile", "desktop")


@pytest.fixture(scope="module")
def good(demo_store, audited) -> Audit:  # type: ignore[no-untyped-def]
    return audited(demo_store("good"), **SETTINGS)[0]


@pytest.fixture(scope="module")
def flipped(demo_store, audited) -> Audit:  # type: ignore[no-untyped-def]
    return audited(demo_store("good", **FLIPPED), **SETTINGS)[0]


@pytest.fixture(scope="module")
def no_box(demo_store, audited) -> Audit:  # type: ignore[no-untyped-def]
    return audited(demo_store("good", search_box="none"), **SETTINGS)[0]


def result(audit: Audit, viewport: str) -> CheckResult:
    return audit.judgement.result("search-quality", viewport)


def probe(audit: Audit, viewport: str, kind: str) -> float | None:
    probes: dict[str, dict[str, Any]] = result(audit, viewport).details["probes"]  # type: ignore[assignment]
    return probes[kind]["score"]


def messages(audit: Audit, viewport: str) -> list[str]:
    return [f.message for f in result(audit, viewport).findings]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_good_search_passes_every_probe(good: Audit, viewport: str) -> None:
    outcome = result(good, viewport)
    assert outcome.status == "pass", outcome.findings
    assert outcome.details["not_applicable"] == {}
    for kind in ("search_box", "exact", "sku", "typo", "product_type", "plural", "synonym", "word_order",
                 "non_product", "autocomplete", "zero_results"):
        assert probe(good, viewport, kind) == 1.0, kind
    journey = next(j for j in good.evidence.journeys if j.viewport == viewport)
    assert journey.completed and journey.data["field"]["found"] == "field"
    assert all(s.screenshot for s in journey.steps if not s.data.get("reused"))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_exact_matching_fails_the_typo_probe(flipped: Audit, viewport: str) -> None:
    assert probe(flipped, viewport, "typo") == 0.0
    assert probe(flipped, viewport, "exact") == 1.0  # exact names still work
    typo = next(f for f in result(flipped, viewport).findings if "misspelt" in f.message)
    assert "gave no useful results and no “did you mean”" in typo.message
    assert "/search?q=" in typo.url and typo.viewport == viewport and typo.selector and typo.screenshot


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_autocomplete_fails_its_probe(flipped: Audit, viewport: str) -> None:
    assert probe(flipped, viewport, "autocomplete") == 0.0
    assert any("showed no suggestions within 3 s" in m for m in messages(flipped, viewport))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_dead_end_no_results_page_fails(flipped: Audit, viewport: str) -> None:
    assert probe(flipped, viewport, "zero_results") == 0.0
    assert any("ends in a dead end: no categories, products, help or contact are offered" in m
               for m in messages(flipped, viewport))


def test_the_search_icon_warns_on_desktop_and_passes_in_the_mobile_header(flipped: Audit) -> None:
    assert probe(flipped, "desktop", "search_box") == 0.5
    icon = next(f for f in result(flipped, "desktop").findings if "behind a search icon" in f.message)
    assert icon.severity == "warn" and icon.selector and "button" in icon.selector
    assert probe(flipped, "mobile", "search_box") == 1.0  # CHECKS.md: an icon in the mobile header is fine
    for viewport in VIEWPORTS:
        journey = next(j for j in flipped.evidence.journeys if j.viewport == viewport)
        assert journey.data["field"]["found"] == "icon"
        assert result(flipped, viewport).status == "fail"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_search_box_fails(no_box: Audit, viewport: str) -> None:
    outcome = result(no_box, viewport)
    assert outcome.status == "fail" and outcome.score == 0.0
    assert outcome.findings[0].message.startswith("No search box was found on the home page")
    journey = next(j for j in no_box.evidence.journeys if j.viewport == viewport)
    assert journey.stopped_reason and journey.stopped_reason.startswith("no search box")


def test_the_journey_stays_quick(good: Audit) -> None:
    for journey in good.evidence.journeys:
        assert journey.data["elapsed_s"] < 90, (journey.viewport, journey.data["elapsed_s"])
        assert 10 <= len(journey.steps) <= 14
