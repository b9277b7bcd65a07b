"""Scoring: the log-normal curve's control points, category means, blockers, n/a handling."""

from __future__ import annotations

import pytest

from uxaudit.check import CheckResult
from uxaudit.scoring import band, combine, log_normal_score, scorecard


def test_control_points_score_as_documented() -> None:
    assert log_normal_score(2500, p10=2500, median=4000) == pytest.approx(0.9, abs=0.005)
    assert log_normal_score(4000, p10=2500, median=4000) == pytest.approx(0.5, abs=0.001)
    assert log_normal_score(1000, p10=2500, median=4000) > 0.99
    assert log_normal_score(12000, p10=2500, median=4000) < 0.05
    assert log_normal_score(2501, p10=2500, median=4000) <= 0.89


def test_bad_control_points_are_rejected() -> None:
    with pytest.raises(ValueError, match="p10 < median"):
        log_normal_score(1, p10=10, median=5)


def _result(check_id: str, category: str, score: float | None, status: str = "pass", *, viewport: str | None = "mobile",
            weight: float = 1, blocker: bool = False) -> CheckResult:
    return CheckResult(id=check_id, title=check_id, category=category, weight=weight, viewport=viewport,  # type: ignore[arg-type]
                       status=status, score=score, blocker=blocker)  # type: ignore[arg-type]


def test_category_is_a_weighted_mean_and_na_is_left_out() -> None:
    card = scorecard([
        _result("a", "speed", 1.0, weight=3), _result("b", "speed", 0.0, "fail", weight=1),
        _result("c", "speed", None, "n/a"), _result("d", "mobile", None, "error"),
    ])
    assert card.categories == {"speed": 75, "mobile": None}
    assert card.overall == 75


def test_blocker_caps_its_category_below_fifty() -> None:
    card = scorecard([_result("zoom", "mobile", 0.8, "warn", blocker=True), _result("x", "mobile", 1.0)])
    assert card.categories["mobile"] == 49


def test_bands() -> None:
    assert [band(s) for s in (95, 90, 89, 50, 49, None)] == ["good", "good", "needs work", "needs work", "poor", "n/a"]


def test_combined_result_takes_the_mean_and_the_worst_status() -> None:
    combined = combine([_result("a", "speed", 1.0, "pass"), _result("a", "speed", 0.4, "fail", viewport="desktop")])
    assert combined.viewport is None
    assert combined.score == 0.7
    assert combined.status == "fail"
