"""Comparing a new audit with a saved one, counting only real regressions.

Three kinds of comparison, each with deltas:

* **checks**, per viewport and combined: every check except ``load-speed`` is
  deterministic (the same evidence always gives the same verdict), so any change of
  status to a worse one is a regression: pass → warn → fail, and also a check that was
  evaluated before and no longer can be (n/a or error) — a gate must not go green
  because the thing it guards disappeared.
* **speed metrics** (LCP, FCP, TBT, CLS, TTFB) per matched page and viewport, from every
  run in ``PageEvidence.runs``. Lab metrics vary from run to run (Lighthouse: 9-13%), so a
  metric regresses only when the change is beyond that noise:

  - with at least 3 runs a side, a one-sided Mann-Whitney U test (is the new sample
    larger?) must give p ≤ ``alpha``, the median must be ``min_change`` worse, *and* the
    medians must differ by more than the wider of the two samples' ranges
    (× ``noise_factor``). The last condition is there because runs of one audit share the
    machine's load of that minute: two audits of an unchanged store can be cleanly apart
    (p = 0.05 with 3 runs a side) from load alone, and were in 4 of 6 pairs we measured;
  - with fewer runs there is nothing to test: the median must be ``tolerance`` worse;
  - and in both cases the change must be at least ``min_absolute`` for that metric, so
    a 40 ms TBT does not "regress by 60%".

  The ``load-speed`` check's own status is reported but never counted: its verdict
  follows the same noisy metrics.
* **scores**: categories and overall, per viewport and combined. Deltas only: a score
  moves because checks moved, and those are judged above.

Pages are matched by viewport, page kind and URL path (the baseline may come from
another host, e.g. production against a preview), then the rest of each kind by order.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from uxaudit.bundle import Audit
from uxaudit.check import CheckResult, Status
from uxaudit.config import (
    DEFAULT_ALPHA,
    DEFAULT_MIN_ABSOLUTE,
    DEFAULT_MIN_CHANGE,
    DEFAULT_NOISE_FACTOR,
    DEFAULT_TOLERANCE,
    SPEED_METRICS,
)
from uxaudit.evidence import PageEvidence
from uxaudit.mannwhitney import mann_whitney_u

SPEED_CHECK = "load-speed"
"""The one check whose verdict follows noisy lab metrics: compared through its metrics instead."""
MIN_TEST_RUNS = 3
"""Runs a side from which the U test is used (3 against 3 can reach p = 0.05 at best)."""
SPEED_KINDS: tuple[str, ...] = ("home", "category", "product", "search", "cart", "checkout", "other")
"""Page kinds whose speed is compared. Policy pages are loaded for the trust checks only."""
_RANK: dict[str, int] = {"pass": 3, "warn": 2, "fail": 1}
METRIC_LABELS: dict[str, str] = {"lcp_ms": "LCP", "fcp_ms": "FCP", "tbt_ms": "TBT", "cls": "CLS", "ttfb_ms": "TTFB"}


class Tolerances(BaseModel):
    """How much a speed metric may move before it counts (see the module docstring)."""

    alpha: float = DEFAULT_ALPHA
    min_change: float = DEFAULT_MIN_CHANGE
    tolerance: float = DEFAULT_TOLERANCE
    min_absolute: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_MIN_ABSOLUTE))
    noise_factor: float = DEFAULT_NOISE_FACTOR


class CheckDelta(BaseModel):
    """One check in one scope (a viewport or 'combined'), before and after."""

    id: str
    title: str
    category: str
    scope: str
    before: Status | None
    after: Status | None
    before_score: float | None = None
    after_score: float | None = None
    deterministic: bool = True
    regressed: bool = False
    improved: bool = False
    note: str = ""

    @property
    def delta(self) -> float | None:
        """Change of the score on the 0-100 scale."""
        if self.before_score is None or self.after_score is None:
            return None
        return round((self.after_score - self.before_score) * 100)


class ScoreDelta(BaseModel):
    scope: str
    name: str
    """A category id, or 'overall'."""
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


class MetricDelta(BaseModel):
    """One speed metric of one matched page in one viewport."""

    kind: str
    viewport: str
    path: str
    metric: str
    before: list[float]
    after: list[float]
    before_median: float
    after_median: float
    change: float | None
    """Relative change of the median (0.25 = 25% worse); None when the baseline median is 0."""
    method: Literal["mann-whitney", "tolerance"]
    p: float | None = None
    regressed: bool = False
    improved: bool = False
    reason: str = ""

    @property
    def label(self) -> str:
        return METRIC_LABELS.get(self.metric, self.metric)


class Comparison(BaseModel):
    """Everything that changed between a baseline and a new audit."""

    baseline_url: str
    current_url: str
    baseline_started_at: str = ""
    tolerances: Tolerances = Field(default_factory=Tolerances)
    checks: list[CheckDelta] = Field(default_factory=list)
    scores: list[ScoreDelta] = Field(default_factory=list)
    metrics: list[MetricDelta] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """What could not be compared, and why (unmatched pages, different settings)."""

    @property
    def regressions(self) -> list[CheckDelta | MetricDelta]:
        return [*[c for c in self.checks if c.regressed], *[m for m in self.metrics if m.regressed]]

    @property
    def regressed(self) -> bool:
        return bool(self.regressions)

    def overall(self, scope: str = "combined") -> ScoreDelta | None:
        return next((s for s in self.scores if s.scope == scope and s.name == "overall"), None)


# --- checks --------------------------------------------------------------------------------------

def _compare_check(before: CheckResult | None, after: CheckResult | None, scope: str) -> CheckDelta:
    some = after or before
    assert some is not None
    delta = CheckDelta(id=some.id, title=(after or before or some).title, category=some.category, scope=scope,
                       before=before.status if before else None, after=after.status if after else None,
                       before_score=before.score if before else None, after_score=after.score if after else None,
                       deterministic=some.id != SPEED_CHECK)
    if before is None:
        delta.note = "new in this audit"
        return delta
    if after is None:
        delta.note = "not run in this audit"
        return delta
    was, now = _RANK.get(before.status), _RANK.get(after.status)
    if was is not None and now is not None:
        delta.regressed, delta.improved = now < was, now > was
    elif was is not None:
        delta.regressed = True
        delta.note = f"could not be evaluated any more: {after.reason or after.status}"
    elif now is not None:
        delta.improved = True
        delta.note = "evaluated now, not in the baseline"
    if not delta.deterministic:
        if delta.regressed or delta.improved:
            delta.note = delta.note or "follows the speed metrics, which are compared with their run-to-run noise"
        delta.regressed = delta.improved = False
    return delta


def compare_checks(baseline: Audit, current: Audit) -> list[CheckDelta]:
    """Every check in every scope either audit judged, combined first."""
    deltas: list[CheckDelta] = []
    old_j, new_j = baseline.judgement, current.judgement
    scopes: list[tuple[str, list[CheckResult], list[CheckResult]]] = [("combined", old_j.combined, new_j.combined)]
    for viewport in ("mobile", "desktop"):
        old = [r for r in old_j.checks if r.viewport == viewport]
        new = [r for r in new_j.checks if r.viewport == viewport]
        if old or new:
            scopes.append((viewport, old, new))
    for scope, old, new in scopes:
        old_by, new_by = {r.id: r for r in old}, {r.id: r for r in new}
        for check_id in dict.fromkeys([*new_by, *old_by]):
            deltas.append(_compare_check(old_by.get(check_id), new_by.get(check_id), scope))
    return deltas


def compare_scores(baseline: Audit, current: Audit) -> list[ScoreDelta]:
    deltas: list[ScoreDelta] = []
    old_s, new_s = baseline.judgement.scores, current.judgement.scores
    for scope in dict.fromkeys([*new_s, *old_s]):
        old, new = old_s.get(scope), new_s.get(scope)
        deltas.append(ScoreDelta(scope=scope, name="overall", before=old.overall if old else None,
                                 after=new.overall if new else None))
        categories = dict.fromkeys([*(new.categories if new else {}), *(old.categories if old else {})])
        for cat in categories:
            deltas.append(ScoreDelta(scope=scope, name=cat, before=old.categories.get(cat) if old else None,
                                     after=new.categories.get(cat) if new else None))
    return deltas


# --- speed metrics -------------------------------------------------------------------------------

def page_path(page: PageEvidence) -> str:
    parts = urlsplit(page.url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def match_pages(before: Iterable[PageEvidence], after: Iterable[PageEvidence]
                ) -> tuple[list[tuple[PageEvidence, PageEvidence]], list[PageEvidence], list[PageEvidence]]:
    """Pairs by (viewport, kind, URL path), then the rest of each (viewport, kind) by order.

    Returns the pairs, the baseline pages left over and the new pages left over.
    """
    groups_old: dict[tuple[str, str], list[PageEvidence]] = defaultdict(list)
    groups_new: dict[tuple[str, str], list[PageEvidence]] = defaultdict(list)
    for page in before:
        groups_old[(page.viewport, page.kind)].append(page)
    for page in after:
        groups_new[(page.viewport, page.kind)].append(page)
    pairs: list[tuple[PageEvidence, PageEvidence]] = []
    left_old: list[PageEvidence] = []
    left_new: list[PageEvidence] = []
    for key in dict.fromkeys([*groups_new, *groups_old]):
        old, new = list(groups_old.get(key, [])), list(groups_new.get(key, []))
        by_path = {page_path(p): p for p in reversed(old)}
        rest_new: list[PageEvidence] = []
        for page in new:
            match = by_path.pop(page_path(page), None)
            if match is not None:
                old.remove(match)
                pairs.append((match, page))
            else:
                rest_new.append(page)
        pairs.extend(zip(old, rest_new))
        left_old.extend(old[len(rest_new):])
        left_new.extend(rest_new[len(old):])
    return pairs, left_old, left_new


def samples(page: PageEvidence, metric: str) -> list[float]:
    """Every run's value of a metric (the median alone for an audit saved without runs)."""
    runs = page.runs or [page.timings]
    return [float(v) for r in runs if (v := getattr(r, metric)) is not None]


def spread(values: list[float]) -> float:
    """Run-to-run noise of one sample: its range (speed samples are 3 to 10 runs)."""
    return max(values) - min(values) if values else 0.0


def compare_metric(before: list[float], after: list[float], metric: str, tol: Tolerances
                   ) -> tuple[Literal["mann-whitney", "tolerance"], float | None, bool, bool, str]:
    """(method, p, regressed, improved, reason) for one metric's runs, baseline against new."""
    old_med, new_med = statistics.median(before), statistics.median(after)
    diff = new_med - old_med
    change = diff / old_med if old_med > 0 else None
    label = METRIC_LABELS.get(metric, metric)
    p: float | None = None
    floor = tol.min_absolute.get(metric, 0.0)
    if len(before) >= MIN_TEST_RUNS and len(after) >= MIN_TEST_RUNS:
        method: Literal["mann-whitney", "tolerance"] = "mann-whitney"
        needed = tol.min_change
        p = mann_whitney_u(after, before, "greater" if diff >= 0 else "less").p
        noise = tol.noise_factor * max(spread(before), spread(after))
    else:
        method, needed, noise = "tolerance", tol.tolerance, 0.0
    tests = [  # (holds, why not when it does not)
        (abs(diff) >= floor, f"below the {_fmt(metric, floor)} floor"),
        (change is None or abs(change) >= needed, f"below the {needed:.0%} threshold"),
        (p is None or p <= tol.alpha, f"p = {p if p is not None else 1:.3f} > {tol.alpha:g}"),
        (abs(diff) > noise or noise == 0, f"within the runs' own spread of {_fmt(metric, noise)}"),
    ]
    failing = [why for holds, why in tests if not holds]
    regressed = diff > 0 and not failing
    improved = diff < 0 and not failing
    moved = f"{label} median {_fmt(metric, old_med)} → {_fmt(metric, new_med)}{_pct(change)}"
    if regressed:
        how = f"p = {p:.3f} ≤ {tol.alpha:g}" if p is not None else \
            f"beyond the {needed:.0%} tolerance for {min(len(before), len(after))} run(s) a side"
        reason = f"{moved}, {how}"
    elif diff > 0:
        reason = f"{moved}: within noise ({failing[0]})"
    else:
        reason = f"{moved}: improved" if improved else f"{moved}: no slower"
    return method, p, regressed, improved, reason


def compare_speed(baseline: Audit, current: Audit, tol: Tolerances) -> tuple[list[MetricDelta], list[str]]:
    notes: list[str] = []
    old_settings, new_settings = baseline.evidence.settings, current.evidence.settings
    if old_settings.get("throttle", True) != new_settings.get("throttle", True):
        return [], ["speed not compared: one audit was throttled and the other was not"]
    old_pages = [p for p in baseline.evidence.pages if p.loaded and p.kind in SPEED_KINDS]
    new_pages = [p for p in current.evidence.pages if p.loaded and p.kind in SPEED_KINDS]
    pairs, left_old, left_new = match_pages(old_pages, new_pages)
    for page in left_old:
        notes.append(f"{page.kind} page {page_path(page)} ({page.viewport}) is in the baseline only")
    for page in left_new:
        notes.append(f"{page.kind} page {page_path(page)} ({page.viewport}) has no baseline to compare with")
    deltas: list[MetricDelta] = []
    for old, new in pairs:
        for metric in SPEED_METRICS:
            before, after = samples(old, metric), samples(new, metric)
            if not before or not after:
                continue
            method, p, regressed, improved, reason = compare_metric(before, after, metric, tol)
            old_med, new_med = statistics.median(before), statistics.median(after)
            deltas.append(MetricDelta(
                kind=new.kind, viewport=new.viewport, path=page_path(new), metric=metric, before=before, after=after,
                before_median=old_med, after_median=new_med,
                change=(new_med - old_med) / old_med if old_med > 0 else None, method=method, p=p,
                regressed=regressed, improved=improved, reason=reason))
    return deltas, notes


def compare(baseline: Audit, current: Audit, tolerances: Tolerances | None = None) -> Comparison:
    """Compare ``current`` with ``baseline``; see the module docstring for what counts."""
    tol = tolerances or Tolerances()
    metrics, notes = compare_speed(baseline, current, tol)
    return Comparison(
        baseline_url=baseline.evidence.site.start_url, current_url=current.evidence.site.start_url,
        baseline_started_at=baseline.evidence.started_at, tolerances=tol,
        checks=compare_checks(baseline, current), scores=compare_scores(baseline, current),
        metrics=metrics, notes=notes)


def _fmt(metric: str, value: float) -> str:
    if metric == "cls":
        return f"{value:.3f}"
    return f"{value / 1000:.2f} s" if abs(value) >= 1000 else f"{value:.0f} ms"


def _pct(change: float | None) -> str:
    return f" ({change:+.0%})" if change is not None else ""
