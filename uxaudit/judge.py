"""Judging: run the selected checks over an evidence bundle, per viewport, and score them.

Pure and browser-free, so a saved audit.json can be judged again with other checks.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from uxaudit.check import Check, CheckResult
from uxaudit.evidence import AuditEvidence
from uxaudit.scoring import combine, scorecard


class Scores(BaseModel):
    overall: float | None
    categories: dict[str, float | None] = Field(default_factory=dict)


class Judgement(BaseModel):
    """Every check's result per viewport and combined, and the scores they make."""

    checks: list[CheckResult] = Field(default_factory=list)
    combined: list[CheckResult] = Field(default_factory=list)
    scores: dict[str, Scores] = Field(default_factory=dict)
    """Keyed by viewport name and 'combined'."""

    def result(self, check_id: str, viewport: str | None = None) -> CheckResult:
        pool = self.combined if viewport is None else [r for r in self.checks if r.viewport == viewport]
        for result in pool:
            if result.id == check_id:
                return result
        raise KeyError(f"no result for {check_id} ({viewport or 'combined'})")


def judge(evidence: AuditEvidence, checks: list[Check]) -> Judgement:
    viewports = evidence.viewports()
    per_viewport: list[CheckResult] = []
    combined: list[CheckResult] = []
    for check in checks:
        results = [check.run(evidence.for_viewport(v)) for v in viewports]
        per_viewport.extend(results)
        if results:
            combined.append(combine(results))
    scores: dict[str, Scores] = {}
    for viewport in viewports:
        card = scorecard([r for r in per_viewport if r.viewport == viewport])
        scores[viewport] = Scores(overall=card.overall, categories=card.categories)
    card = scorecard(combined)
    scores["combined"] = Scores(overall=card.overall, categories=card.categories)
    return Judgement(checks=per_viewport, combined=combined, scores=scores)
