"""Baseline comparison on hand-built audits: real regressions count, run-to-run noise does not."""

from __future__ import annotations

from _gate_audits import audit, page

from uxaudit.baseline import Tolerances, compare, compare_metric, match_pages

CHECKS = {"guest-checkout": ("pass", 1.0), "payment-options": ("warn", 0.7)}


def test_a_worse_status_regresses_in_every_scope() -> None:
    before = audit(CHECKS, overall=90)
    after = audit({**CHECKS, "guest-checkout": ("fail", 0.0)}, overall=70)
    comparison = compare(before, after)
    regressed = {(c.id, c.scope) for c in comparison.checks if c.regressed}
    assert regressed == {("guest-checkout", "combined"), ("guest-checkout", "mobile"), ("guest-checkout", "desktop")}
    combined = next(c for c in comparison.checks if c.id == "guest-checkout" and c.scope == "combined")
    assert (combined.before, combined.after, combined.delta) == ("pass", "fail", -100)
    assert comparison.overall().delta == -20  # type: ignore[union-attr]
    assert comparison.regressed


def test_better_or_equal_status_is_no_regression() -> None:
    before = audit(CHECKS)
    after = audit({**CHECKS, "payment-options": ("pass", 0.95)})
    comparison = compare(before, after)
    assert not comparison.regressed
    assert [c.scope for c in comparison.checks if c.improved] == ["combined", "mobile", "desktop"]


def test_losing_the_evidence_is_a_regression_but_gaining_it_is_not() -> None:
    lost = compare(audit(CHECKS), audit({**CHECKS, "guest-checkout": ("n/a", None)}))
    assert {c.id for c in lost.checks if c.regressed} == {"guest-checkout"}
    assert "could not be evaluated any more" in lost.checks[0].note
    gained = compare(audit({**CHECKS, "guest-checkout": ("n/a", None)}), audit(CHECKS))
    assert not gained.regressed


def test_load_speed_status_is_not_a_regression_by_itself() -> None:
    before = audit({"load-speed": ("pass", 0.95)}, [page(lcp=[1000, 1010, 990])])
    after = audit({"load-speed": ("warn", 0.85)}, [page(lcp=[1010, 1000, 995])])
    comparison = compare(before, after)
    assert not comparison.regressed
    assert comparison.checks[0].note.startswith("follows the speed metrics")


def test_a_five_percent_lcp_change_is_within_noise() -> None:
    before = audit(CHECKS, [page(lcp=[2000, 2040, 1980])])
    after = audit(CHECKS, [page(lcp=[2100, 2140, 2080])])  # every run slower (p = 0.05), but only 5%
    comparison = compare(before, after)
    [lcp] = comparison.metrics
    assert (lcp.method, lcp.p, lcp.regressed) == ("mann-whitney", 0.05, False)
    assert "within noise (below the 10% threshold)" in lcp.reason
    assert not comparison.regressed


def test_a_sixty_percent_lcp_change_over_three_runs_regresses() -> None:
    before = audit(CHECKS, [page(lcp=[2000, 2100, 1900])])
    after = audit(CHECKS, [page(lcp=[3200, 3300, 3100])])
    comparison = compare(before, after)
    [lcp] = comparison.metrics
    assert lcp.regressed and lcp.change == 0.6
    assert lcp.reason == "LCP median 2.00 s → 3.20 s (+60%), p = 0.050 ≤ 0.05"
    assert comparison.regressions == [lcp]


def test_a_big_change_inside_the_runs_own_spread_is_noise() -> None:
    # A loaded machine: every new run slower, but the new runs spread wider than the change.
    method, p, regressed, _, reason = compare_metric([964, 500, 468], [4212, 1040, 2096], "lcp_ms", Tolerances())
    assert (method, p, regressed) == ("mann-whitney", 0.05, False)
    assert "within the runs' own spread of 3.17 s" in reason


def test_an_overlapping_sample_is_not_significant() -> None:
    _, p, regressed, _, reason = compare_metric([1000, 1500, 2000], [1100, 2600, 2700], "lcp_ms", Tolerances())
    assert not regressed and p is not None and p > 0.05 and "p = 0.200 > 0.05" in reason


def test_fewer_runs_use_the_tolerance_and_the_floor() -> None:
    tol = Tolerances()
    assert compare_metric([1000], [1150], "lcp_ms", tol)[2] is False  # +15% < 20%
    assert compare_metric([1000], [1300], "lcp_ms", tol)[2] is True   # +30%
    assert compare_metric([40], [70], "tbt_ms", tol)[2] is False      # +75% but 30 ms < the 50 ms floor
    assert compare_metric([0.0], [0.3], "cls", tol)[2] is True        # no relative change from 0: the floor decides


def test_pages_match_by_kind_and_path_then_by_order() -> None:
    old = [page("product", path="/products/a"), page("product", path="/products/b"),
           page("category", path="/c/old")]
    new = [page("product", path="/products/b", origin="https://preview.example"),
           page("product", path="/products/z"), page("category", path="/c/new"), page("home", path="/")]
    pairs, left_old, left_new = match_pages(old, new)
    assert [(a.url, b.url) for a, b in pairs] == [
        ("https://shop.example/products/b", "https://preview.example/products/b"),
        ("https://shop.example/products/a", "https://shop.example/products/z"),
        ("https://shop.example/c/old", "https://shop.example/c/new"),
    ]
    assert left_old == [] and [p.kind for p in left_new] == ["home"]


def test_throttled_and_unthrottled_audits_are_not_compared_for_speed() -> None:
    before = audit(CHECKS, [page(lcp=[1000, 1000, 1000])], settings={"throttle": False})
    after = audit(CHECKS, [page(lcp=[5000, 5000, 5000])], settings={"throttle": True})
    comparison = compare(before, after)
    assert comparison.metrics == [] and not comparison.regressed
    assert comparison.notes == ["speed not compared: one audit was throttled and the other was not"]
