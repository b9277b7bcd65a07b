"""Benchmark: is an unchanged store judged the same, audit after audit?

Not part of the default run (``-m benchmark``). Audits the unchanged demo store
``REPEATS`` times with 3 runs per page, and the django-oscar shop when its fixture can
start, then prints the spread of the overall and category scores, every deterministic
verdict per viewport and combined, and what the gate's baseline comparison of each later
audit with the first would flag. Deterministic verdicts must be identical and the overall
score may move at most 1 point; the gate must flag no deterministic regression (speed
"regressions" between identical stores are printed: they are the gate's false-alarm rate).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import audit_store
from uxaudit.baseline import SPEED_CHECK, compare
from uxaudit.bundle import Audit

pytestmark = pytest.mark.benchmark

REPEATS = 5
SETTINGS: dict[str, Any] = {"runs": 3, "max_products": 1, "max_categories": 1, "throttle": True}
MAX_OVERALL_SPREAD = 1


def _stability(name: str, url: str, out: Path, **settings: Any) -> None:
    audits: list[Audit] = []
    seconds: list[float] = []
    for index in range(REPEATS):
        start = time.perf_counter()
        audits.append(audit_store(url, out / f"{name}-{index}", **SETTINGS, **settings))
        seconds.append(time.perf_counter() - start)

    print(f"\n== {name}: {REPEATS} audits, runs={SETTINGS['runs']}, {sum(seconds) / len(seconds):.0f} s each ==")
    scores: dict[str, list[float | None]] = defaultdict(list)
    for audit in audits:
        combined = audit.judgement.scores["combined"]
        scores["overall"].append(combined.overall)
        for cat, value in combined.categories.items():
            scores[cat].append(value)
    spreads: dict[str, float] = {}
    for key, values in scores.items():
        numbers = [v for v in values if v is not None]
        spreads[key] = max(numbers) - min(numbers) if numbers else 0.0
        print(f"  score {key:<10} {' '.join(f'{v:>4g}' if v is not None else '   -' for v in values)}"
              f"   spread {spreads[key]:g}")

    verdicts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for audit in audits:
        for result in [*audit.judgement.checks, *audit.judgement.combined]:
            verdicts[(result.id, result.viewport or "combined")].append(result.status)
    unstable = {key: v for key, v in verdicts.items() if key[0] != SPEED_CHECK and len(set(v)) > 1}
    for (check_id, scope), statuses in sorted(verdicts.items()):
        mark = "  UNSTABLE" if (check_id, scope) in unstable else ""
        print(f"  {check_id:<24} {scope:<8} {' '.join(f'{s:<5}' for s in statuses)}{mark}")

    flagged_checks = 0
    flagged_speed: list[str] = []
    tests = 0
    for later in audits[1:]:
        comparison = compare(audits[0], later)
        flagged_checks += sum(1 for c in comparison.checks if c.regressed)
        flagged_speed += [f"{m.kind} {m.viewport} {m.reason}" for m in comparison.metrics if m.regressed]
        tests += len(comparison.metrics)
    print(f"  gate vs the first audit: {flagged_checks} check regressions, {len(flagged_speed)} speed regressions "
          f"in {tests} metric comparisons ({REPEATS - 1} comparisons of identical stores)")
    for line in flagged_speed:
        print(f"    false alarm: {line}")

    assert not unstable, f"deterministic verdicts changed between audits: {unstable}"
    assert flagged_checks == 0
    assert spreads["overall"] <= MAX_OVERALL_SPREAD, f"overall score moved {spreads['overall']} points"


def test_demo_store_is_judged_the_same_every_time(demo_store: Callable[..., str], tmp_path: Path) -> None:
    _stability("demo (good)", demo_store("good"), tmp_path)


@pytest.mark.oscar
def test_oscar_store_is_judged_the_same_every_time(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    try:
        shop = request.getfixturevalue("oscar")
    except Exception as exc:  # noqa: BLE001 - the shop needs Django, Oscar and a prepared database
        pytest.skip(f"the django-oscar shop is not available: {type(exc).__name__}: {exc}")
    _stability("django-oscar", shop.url, tmp_path, block_external=True)
