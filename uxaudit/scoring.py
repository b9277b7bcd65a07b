"""Scores: log-normal metric curves, category means and the overall score.

The curve is Lighthouse's (shared/statistics.js): a metric value at the p10 control point
scores 0.9 and the median scores 0.5, on a log-normal complementary CDF.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from uxaudit.categories import category
from uxaudit.check import CheckResult, Status

INVERSE_ERFC_ONE_FIFTH = 0.9061938024368232
BLOCKER_CAP = 0.49
"""A blocker finding (no guest checkout, zoom disabled) caps its category below 50."""


def log_normal_score(value: float, p10: float, median: float) -> float:
    """Score a lower-is-better metric: 0.9 at ``p10``, 0.5 at ``median``, towards 0 beyond."""
    if median <= 0 or p10 <= 0 or p10 >= median:
        raise ValueError(f"control points need 0 < p10 < median, got p10={p10}, median={median}")
    if value <= 0:
        return 1.0
    x_log_ratio = math.log(value / median)
    p10_log_ratio = -math.log(p10 / median)
    standardized = x_log_ratio * INVERSE_ERFC_ONE_FIFTH / p10_log_ratio
    score = math.erfc(standardized) / 2
    if value > p10:
        score = min(score, 0.89)  # never 'good' above the p10 control point, whatever the rounding
    return max(0.0, min(1.0, score))


def band(score100: float | None) -> str:
    """The band name for a 0-100 score: good, needs work or poor."""
    if score100 is None:
        return "n/a"
    if score100 >= 90:
        return "good"
    if score100 >= 50:
        return "needs work"
    return "poor"


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for _, w in pairs)
    if total <= 0:
        return None
    return sum(s * w for s, w in pairs) / total


@dataclass
class Scorecard:
    """Category and overall scores (0-100) for one viewport or for both combined."""

    overall: float | None
    categories: dict[str, float | None] = field(default_factory=dict)


def scorecard(results: list[CheckResult]) -> Scorecard:
    """Weighted means of counted results; n/a and error are shown elsewhere, not counted."""
    by_category: dict[str, list[CheckResult]] = defaultdict(list)
    for result in results:
        by_category[result.category].append(result)
    categories: dict[str, float | None] = {}
    for cat_id, members in by_category.items():
        mean = weighted_mean([(r.score, r.weight) for r in members if r.counted and r.score is not None])
        if mean is not None and any(r.blocker and r.counted for r in members):
            mean = min(mean, BLOCKER_CAP)
        categories[cat_id] = None if mean is None else round(mean * 100)
    overall = weighted_mean([(s, category(c).weight) for c, s in categories.items() if s is not None])
    return Scorecard(overall=None if overall is None else round(overall), categories=categories)


_SEVERITY: dict[Status, int] = {"error": 0, "fail": 1, "warn": 2, "pass": 3, "n/a": 4}


def combine(per_viewport: list[CheckResult]) -> CheckResult:
    """One check's combined result: mean score of its counted viewports, worst status, all findings."""
    first = per_viewport[0]
    counted = [r for r in per_viewport if r.counted and r.score is not None]
    score = round(sum(r.score for r in counted if r.score is not None) / len(counted), 2) if counted else None
    statuses = [r.status for r in (counted or per_viewport)]
    status = min(statuses, key=lambda s: _SEVERITY[s])
    summary = " / ".join(f"{r.viewport}: {r.summary}" for r in per_viewport if r.summary and r.status != "n/a" or
                         (r.summary and not counted))
    return CheckResult(
        id=first.id, title=first.title, category=first.category, weight=first.weight, viewport=None,
        status=status, score=score, summary=summary,
        reason="; ".join(r.reason for r in per_viewport if r.reason) or None,
        blocker=any(r.blocker for r in counted),
        findings=[f for r in per_viewport for f in r.findings],
    )
