"""load-speed: log-normal metric scores per page, Lighthouse weights, and findings that say why."""

from __future__ import annotations

import pytest
from _build import box, evidence, image, page, timings
from uxaudit.checks import load_speed
from uxaudit.checks.load_speed import CURVES, WEIGHTS, LoadSpeed

from uxaudit.evidence import Resource, Resources, TypeTotals

CHECK = LoadSpeed()


def at(viewport: str, point: str) -> dict[str, float]:
    """Timings with every metric exactly at one control point ('p10' or 'median')."""
    c = CURVES[viewport]  # type: ignore[index]
    pick = (lambda m: c[m].p10) if point == "p10" else (lambda m: c[m].median)
    return {"fcp_ms": pick("fcp"), "lcp_ms": pick("lcp"), "tbt_ms": pick("tbt"), "cls": pick("cls"),
            "ttfb_ms": pick("ttfb")}


FAST = {"fcp_ms": 600, "lcp_ms": 900, "tbt_ms": 0, "cls": 0.0, "ttfb_ms": 100}


def test_weights_are_lighthouse_with_ttfb_in_place_of_speed_index() -> None:
    assert WEIGHTS == {"fcp": 10, "lcp": 25, "tbt": 30, "cls": 25, "ttfb": 10}


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_every_metric_at_p10_scores_0_9_and_passes(viewport: str) -> None:
    result = CHECK.run(evidence(page("home", viewport, timings=timings(**at(viewport, "p10")))))  # type: ignore[arg-type]
    assert result.score == 0.9
    assert result.status == "pass"
    assert result.findings == []


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_every_metric_at_median_scores_0_5_with_a_warning_per_metric(viewport: str) -> None:
    result = CHECK.run(evidence(page("home", viewport, timings=timings(**at(viewport, "median")))))  # type: ignore[arg-type]
    assert result.score == 0.5
    assert result.status == "warn"
    assert len(result.findings) == 5
    assert {f.severity for f in result.findings} == {"warn"}


def test_desktop_uses_desktop_control_points() -> None:
    # LCP 2.3 s is good on a phone but needs improvement on a desktop (p10 1.2 s, median 2.4 s).
    values = {**FAST, "lcp_ms": 2300}
    mobile = CHECK.run(evidence(page("home", "mobile", timings=timings(**values))))
    desktop = CHECK.run(evidence(page("home", "desktop", timings=timings(**values))))
    assert mobile.findings == []
    assert [(f.value, f.severity) for f in desktop.findings] == [("LCP 2.3 s", "warn")]
    assert desktop.score is not None and mobile.score is not None and desktop.score < mobile.score


def test_fast_pages_pass_with_details_per_page_kind() -> None:
    pages = [page("home", timings=timings(**FAST)), page("product", timings=timings(**FAST)),
             page("product", timings=timings(**FAST))]
    result = CHECK.run(evidence(*pages))
    assert result.status == "pass"
    assert result.score is not None and result.score >= 0.99
    rows = result.details["pages"]
    assert isinstance(rows, list) and len(rows) == 3
    assert rows[0]["kind"] == "home" and rows[0]["lcp"] == 900 and set(rows[0]["scores"]) == set(WEIGHTS)
    assert set(result.details["by_kind"]) == {"home", "product"}  # type: ignore[arg-type]
    assert "home 100" in result.summary and "product 100" in result.summary


def test_score_is_the_mean_over_pages() -> None:
    fast = page("home", timings=timings(**FAST))
    slow = page("product", timings=timings(**at("mobile", "median")))
    result = CHECK.judge(evidence(fast, slow))
    rows = result.details["pages"]
    assert isinstance(rows, list)
    assert result.score == pytest.approx((rows[0]["score"] + rows[1]["score"]) / 2, abs=0.01)


def test_a_metric_that_needs_improvement_on_a_passing_page_is_not_reported() -> None:
    result = CHECK.run(evidence(page("home", "desktop", timings=timings(**{**FAST, "fcp_ms": 1000}))))
    assert result.status == "pass" and result.findings == []


def test_a_poor_lcp_names_the_element_and_the_image_weight() -> None:
    hero = image("main > img.hero", "https://shop.example/media/hero.jpg", 412, 275, natural=(2400, 1600),
                 bytes=850_000)
    resources = Resources(requests=42, bytes=2_400_000, render_blocking=[
        Resource(url="https://shop.example/static/app.css", type="stylesheet", bytes=120_000, render_blocking=True)])
    slow = page("product", timings=timings(**{**FAST, "lcp_ms": 5200, "lcp_element": "main > img.hero"}),
                images=[hero], resources=resources)
    fast = [page("home", timings=timings(**FAST)) for _ in range(5)]
    result = CHECK.run(evidence(slow, *fast))
    [lcp] = result.findings
    assert lcp.severity == "warn"  # one slow metric on a page that is fine otherwise
    assert lcp.selector == "main > img.hero"
    assert lcp.box == box(0, 0, 412, 275)
    assert lcp.url == slow.final_url and lcp.viewport == "mobile" and lcp.screenshot == "shots/product.png"
    assert lcp.value == "LCP 5.2 s"
    for part in ("5.2 s", "product page", "850 KB", "2400×1600 px shown at 412×275", "app.css", "2.4 MB"):
        assert part in lcp.message
    assert lcp.fix
    assert result.score is not None and result.score > 0.9 and result.status == "pass"
    assert "Poor: LCP on 1 page" in result.summary


def test_a_page_that_is_poor_overall_fails_and_caps_the_check_below_passing() -> None:
    slow = page("product", timings=timings(fcp_ms=4000, lcp_ms=6000, tbt_ms=900, cls=0.05, ttfb_ms=300))
    fast = [page("home", timings=timings(**FAST)) for _ in range(9)]
    result = CHECK.run(evidence(slow, *fast))
    assert {f.value: f.severity for f in result.findings} == {"FCP 4.0 s": "fail", "LCP 6.0 s": "fail",
                                                              "TBT 900 ms": "fail"}
    assert result.score == 0.89  # the mean is above 0.9, but a failing page caps it


def test_a_layout_shift_finding_names_the_element_that_moved() -> None:
    banner = image("div.promo > img", "https://shop.example/promo.png", 412, 120)
    p = page("home", timings=timings(**{**FAST, "cls": 0.3, "layout_shift_sources": ["div.promo > img", "main"]}),
             images=[banner])
    [cls] = CHECK.run(evidence(p)).findings
    assert cls.selector == "div.promo > img" and cls.box == banner.box
    assert "0.30" in cls.message and "div.promo > img, main" in cls.message


def test_a_value_just_over_the_threshold_is_shown_with_more_digits() -> None:
    p = page("home", "desktop", timings=timings(**{**FAST, "cls": 0.1004, "tbt_ms": 250}))
    messages = [f.message for f in CHECK.run(evidence(p)).findings]
    assert any("is 0.1004 on this home page: needs improvement, good is at most 0.1000" in m for m in messages)


def test_blocking_time_finding_names_scripts_and_third_parties() -> None:
    resources = Resources(requests=80, bytes=1_000_000, third_party_bytes=400_000,
                          third_party_hosts=["tags.example.net", "chat.example.org"],
                          by_type={"script": TypeTotals(requests=12, bytes=600_000)})
    p = page("category", timings=timings(**{**FAST, "tbt_ms": 900}), resources=resources)
    [tbt] = CHECK.run(evidence(p)).findings
    assert tbt.severity == "warn"
    for part in ("900 ms", "600 KB in 12 files", "400 KB (40% of the page)", "tags.example.net"):
        assert part in tbt.message


def test_unobserved_metrics_are_left_out_of_the_weights() -> None:
    p = page("home", timings=timings(fcp_ms=600, lcp_ms=None, tbt_ms=None, cls=None, ttfb_ms=None))
    result = CHECK.run(evidence(p))
    assert result.score == 1.0
    rows = result.details["pages"]
    assert isinstance(rows, list) and set(rows[0]["scores"]) == {"fcp"}


def test_no_metrics_at_all_is_not_applicable() -> None:
    result = CHECK.run(evidence(page("home", timings=timings())))
    assert result.status == "n/a" and result.score is None
    assert "no loading metrics" in (result.reason or "")


def test_pages_that_failed_to_load_are_skipped() -> None:
    broken = page("product", status=500, timings=timings(lcp_ms=9000))
    result = CHECK.run(evidence(page("home", timings=timings(**FAST)), broken))
    assert result.findings == [] and result.status == "pass"


def test_an_exception_in_judge_becomes_an_error_result(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(value: float, p10: float, median: float) -> float:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(load_speed, "log_normal_score", explode)
    result = CHECK.run(evidence(page("home", timings=timings(**FAST))))
    assert result.status == "error" and result.score is None
    assert "ZeroDivisionError: boom" in (result.reason or "")


def test_policy_pages_are_not_timed() -> None:
    """Policy pages are loaded once for the trust checks; a slow one must not move the speed score."""
    from uxaudit.checks.load_speed import LoadSpeed

    from uxaudit.evidence import PageEvidence, SiteEvidence, Timings, ViewportEvidence

    def page(kind: str, lcp: float) -> PageEvidence:
        return PageEvidence(id=f"{kind}-1-desktop", url=f"https://s.example/{kind}", final_url=f"https://s.example/{kind}",
                            kind=kind, viewport="desktop", status=200,  # type: ignore[arg-type]
                            timings=Timings(ttfb_ms=100, fcp_ms=500, lcp_ms=lcp, cls=0, tbt_ms=0))

    site = SiteEvidence(start_url="https://s.example/", origin="https://s.example")
    fast = ViewportEvidence(viewport="desktop", site=site, pages=[page("home", 800)])
    with_policy = ViewportEvidence(viewport="desktop", site=site, pages=[page("home", 800), page("policy", 9000)])
    assert LoadSpeed().run(fast).score == LoadSpeed().run(with_policy).score
