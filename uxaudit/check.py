"""The check plugin API.

A check is a class with declarative metadata and one pure method, ``judge``, which reads
the evidence of one viewport and returns a :class:`Verdict`. The runner turns verdicts
into :class:`CheckResult` objects in one place (:meth:`Check.run`): scores are clamped to
[0, 1] and rounded, statuses follow the score bands, a check that raises becomes an
``error`` result, and missing evidence becomes ``n/a`` with its reason.

Third-party checks register exactly like the built-in ones, through the entry-point
group ``uxaudit.checks``::

    [project.entry-points."uxaudit.checks"]
    my-check = "my_package.my_check:MyCheck"
"""

from __future__ import annotations

import traceback
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from uxaudit.evidence import Box, Viewport, ViewportEvidence

Status = Literal["pass", "warn", "fail", "n/a", "error"]

PASS_SCORE = 0.9
"""Scores at or above this pass (Lighthouse's 'good' band, 90-100)."""
WARN_SCORE = 0.5
"""Scores at or above this (and below PASS_SCORE) warn: 'needs work', 50-89."""
PARTIAL_CAP = 0.89
"""A check that fails some of its items scores at most this (Lighthouse does the same)."""


class Source(BaseModel):
    """A piece of research behind a rule, shown next to every finding of the check."""

    model_config = ConfigDict(frozen=True)

    title: str
    url: str = ""
    figure: str = ""


class Finding(BaseModel):
    """One reproducible problem: where (URL, viewport, element), what, and how to fix it."""

    message: str
    url: str
    viewport: Viewport
    fix: str = ""
    selector: str | None = None
    box: Box | None = None
    screenshot: str | None = None
    value: str | None = None
    severity: Literal["fail", "warn", "info"] = "fail"


class Verdict(BaseModel):
    """What ``judge`` returns; the runner turns it into a CheckResult."""

    score: float | None
    findings: list[Finding] = Field(default_factory=list)
    summary: str = ""
    details: dict[str, object] = Field(default_factory=dict)
    status: Status | None = None
    reason: str | None = None
    blocker: bool = False

    @classmethod
    def not_applicable(cls, reason: str) -> Verdict:
        return cls(score=None, status="n/a", reason=reason, summary=reason)


class CheckResult(BaseModel):
    """A check's judgement of one viewport, or (``viewport`` None) of both combined."""

    id: str
    title: str
    category: str
    weight: float
    viewport: Viewport | None
    status: Status
    score: float | None
    summary: str = ""
    reason: str | None = None
    blocker: bool = False
    findings: list[Finding] = Field(default_factory=list)
    details: dict[str, object] = Field(default_factory=dict)

    @property
    def counted(self) -> bool:
        """Whether the result takes part in score means (n/a and error do not)."""
        return self.score is not None and self.status not in ("n/a", "error")


def status_for(score: float) -> Status:
    if score >= PASS_SCORE:
        return "pass"
    if score >= WARN_SCORE:
        return "warn"
    return "fail"


class MissingEvidence(Exception):
    """The evidence a check needs was not gathered; the check reports n/a with the reason."""


class Check:
    """Base class of every check. Subclasses set the metadata and implement ``judge``."""

    id: ClassVar[str]
    title: ClassVar[str]
    failure_title: ClassVar[str] = ""
    category: ClassVar[str]
    weight: ClassVar[float] = 1.0
    description: ClassVar[str] = ""
    fix: ClassVar[str] = ""
    sources: ClassVar[tuple[Source, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ("pages",)
    """Evidence this check reads: 'pages', 'pages:<kind>' or 'journey:<name>'."""
    viewports: ClassVar[tuple[Viewport, ...]] = ("mobile", "desktop")

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        raise NotImplementedError

    def missing(self, evidence: ViewportEvidence) -> str | None:
        """Why the required evidence is absent, or None when everything is there."""
        for need in self.requires:
            kind, _, name = need.partition(":")
            if kind == "pages":
                pages = evidence.pages_of_kind(name) if name else [p for p in evidence.pages if p.loaded]  # type: ignore[arg-type]
                if not pages:
                    what = f"{name} pages" if name else "pages"
                    return f"no {what} could be loaded in the {evidence.viewport} viewport"
            elif kind == "journey" and name not in evidence.journeys:
                return f"the {name} journey was not run in the {evidence.viewport} viewport"
        return None

    def run(self, evidence: ViewportEvidence) -> CheckResult:
        """Judge one viewport, turning every outcome, even an exception, into a result."""
        viewport = evidence.viewport
        if viewport not in self.viewports:
            only = ", ".join(self.viewports)
            return self._result(viewport, "n/a", reason=f"only judged on {only}", summary=f"Only judged on {only}.")
        reason = self.missing(evidence)
        if reason:
            return self._result(viewport, "n/a", reason=reason, summary=f"Could not evaluate: {reason}.")
        try:
            verdict = self.judge(evidence)
        except MissingEvidence as exc:
            return self._result(viewport, "n/a", reason=str(exc), summary=f"Could not evaluate: {exc}.")
        except Exception as exc:  # noqa: BLE001 - a broken check must not stop the audit
            where = traceback.extract_tb(exc.__traceback__)[-1]
            reason = f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
            return self._result(viewport, "error", reason=reason,
                                summary="The check raised an error; the rest of the audit went on.")
        return self._normalise(verdict, viewport)

    def _result(self, viewport: Viewport, status: Status, *, score: float | None = None, summary: str = "",
                reason: str | None = None, verdict: Verdict | None = None, title: str | None = None) -> CheckResult:
        return CheckResult(
            id=self.id, title=title or self.title, category=self.category, weight=self.weight, viewport=viewport,
            status=status, score=score, summary=summary, reason=reason,
            blocker=verdict.blocker if verdict else False,
            findings=verdict.findings if verdict else [], details=verdict.details if verdict else {},
        )

    def _normalise(self, verdict: Verdict, viewport: Viewport) -> CheckResult:
        """Clamp and round the score, cap it below passing when an item failed, derive the status."""
        if verdict.score is None:
            return self._result(viewport, verdict.status or "n/a", reason=verdict.reason,
                                summary=verdict.summary or (verdict.reason or ""), verdict=verdict)
        score = round(min(1.0, max(0.0, float(verdict.score))), 2)
        if any(f.severity == "fail" for f in verdict.findings):
            score = min(score, PARTIAL_CAP)
        status = verdict.status or status_for(score)
        title = self.failure_title if status == "fail" and self.failure_title else self.title
        return self._result(viewport, status, score=score, summary=verdict.summary, reason=verdict.reason,
                            verdict=verdict, title=title)
