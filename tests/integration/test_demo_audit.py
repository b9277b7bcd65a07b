"""End to end on the demo store: the good profile scores >= 90, poor <= 50, and each check's
findings on poor name the real elements at fault."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from uxaudit.bundle import REPORT_FILE, load
from uxaudit.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def good(demo_store, audited):  # type: ignore[no-untyped-def]
    return audited(demo_store("good"), throttle=True)


@pytest.fixture(scope="module")
def poor(demo_store, audited):  # type: ignore[no-untyped-def]
    return audited(demo_store("poor"), throttle=True)


@pytest.mark.xdist_group("demo-good")
class TestGoodProfile:
    def test_discovers_home_two_categories_three_products_in_both_viewports(self, good) -> None:  # type: ignore[no-untyped-def]
        audit, _ = good
        loaded = Counter((p.kind, p.viewport) for p in audit.evidence.pages if p.loaded)
        why = [(d.url, d.kind, d.reason) for d in audit.evidence.site.discovered] + audit.evidence.problems
        for viewport in ("mobile", "desktop"):
            assert loaded[("home", viewport)] == 1, why
            assert loaded[("category", viewport)] == 2, why
            assert loaded[("product", viewport)] == 3, why
        products = [d for d in audit.evidence.site.discovered if d.kind == "product"]
        assert all("schema.org Product" in d.reason for d in products)
        assert set(audit.evidence.site.policy_links) >= {"shipping", "returns", "privacy", "terms", "contact"}

    def test_scores_ninety_or_more(self, good) -> None:  # type: ignore[no-untyped-def]
        audit, _ = good
        assert audit.judgement.scores["combined"].overall >= 90
        for check_id in ("load-speed", "mobile-friendly", "product-page"):
            assert audit.judgement.result(check_id).status == "pass", audit.judgement.result(check_id).summary

    def test_mobile_friendly_is_judged_on_mobile_only(self, good) -> None:  # type: ignore[no-untyped-def]
        audit, _ = good
        assert audit.judgement.result("mobile-friendly", "desktop").status == "n/a"
        assert audit.judgement.result("mobile-friendly", "mobile").status == "pass"

    def test_report_and_bundle_are_written_and_rejudged_without_a_browser(self, good, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
        audit, folder = good
        html = (folder / REPORT_FILE).read_text(encoding="utf-8")
        assert audit.evidence.site.start_url in html
        assert load(folder).judgement.scores == audit.judgement.scores
        shots = [p.screenshot.path for p in audit.evidence.pages if p.screenshot]
        assert shots and all((folder / s).is_file() for s in shots)
        assert main(["report", str(folder / "audit.json"), "--out", str(tmp_path)]) == 0
        again = load(tmp_path)
        assert again.judgement.scores == audit.judgement.scores
        assert (tmp_path / REPORT_FILE).is_file() and (tmp_path / shots[0]).is_file()


@pytest.mark.xdist_group("demo-poor")
class TestPoorProfile:
    def test_scores_fifty_or_less(self, poor) -> None:  # type: ignore[no-untyped-def]
        audit, _ = poor
        assert audit.judgement.scores["combined"].overall <= 50
        for check_id in ("load-speed", "product-page"):
            assert audit.judgement.result(check_id).status == "fail"

    def test_speed_findings_name_the_heavy_images_and_blocking_files(self, poor) -> None:  # type: ignore[no-untyped-def]
        audit, _ = poor
        findings = audit.judgement.result("load-speed").findings
        lcp = [f for f in findings if f.message.startswith("Largest Contentful Paint")]
        assert lcp and all(f.selector and f.selector.endswith("img") for f in lcp)
        assert any("2000×2000 px" in f.message and "MB" in f.message for f in lcp)
        assert any("block rendering" in f.message and "theme-legacy.css" in f.message for f in findings)
        for finding in lcp:  # the named element exists on the page it names
            page = next(p for p in audit.evidence.pages if p.final_url == finding.url and p.viewport == finding.viewport)
            assert finding.selector in {i.selector for i in page.images}

    def test_mobile_findings_name_viewport_meta_tap_targets_and_small_text(self, poor) -> None:  # type: ignore[no-untyped-def]
        audit, _ = poor
        result = audit.judgement.result("mobile-friendly", "mobile")
        assert result.status in ("warn", "fail")
        messages = [f.message for f in result.findings]
        assert any("no viewport meta tag" in m for m in messages)
        taps = [f for f in result.findings if "px" in (f.value or "") and "×" in (f.value or "")]
        assert taps and all(f.selector and f.box for f in taps)
        assert any("a.icon-link" in (f.selector or "") for f in taps)  # the 16x14 px account icon
        assert any(f.value == "10 px" for f in result.findings)

    def test_product_findings_name_each_missing_item(self, poor) -> None:  # type: ignore[no-untyped-def]
        audit, _ = poor
        values = {f.value for f in audit.judgement.result("product-page", "mobile").findings}
        assert {"missing: at least 3 product images", "missing: a size guide", "no Product"} <= values
        size = next(f for f in audit.judgement.result("product-page", "mobile").findings
                    if f.value == "missing: a size guide")
        assert size.selector == "#size"
