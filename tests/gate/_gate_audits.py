"""Hand-built audits for the gate's tests: a few checks and pages, no browser."""

from __future__ import annotations

from typing import Any

from uxaudit.bundle import Audit
from uxaudit.check import CheckResult, Finding, Status
from uxaudit.evidence import AuditEvidence, PageEvidence, PageKind, Resources, SiteEvidence, Timings, Viewport
from uxaudit.judge import Judgement, Scores

ORIGIN = "https://shop.example"


def result(check_id: str, status: Status, score: float | None, viewport: Viewport | None = None,
           category: str = "checkout", findings: list[str] = (), **details: Any) -> CheckResult:  # type: ignore[assignment]
    return CheckResult(
        id=check_id, title=check_id.replace("-", " ").capitalize(), category=category, weight=1, viewport=viewport,
        status=status, score=score, summary=f"{check_id} {status}",
        findings=[Finding(message=m, url=ORIGIN + "/checkout", viewport=viewport or "mobile") for m in findings],
        details=dict(details))


def page(kind: PageKind = "product", viewport: Viewport = "mobile", path: str = "/products/a",
         lcp: list[float] | None = None, bytes: int = 100_000, origin: str = ORIGIN, **metrics: list[float]) -> PageEvidence:
    """A loaded page whose runs have the given LCPs (and other metrics by name, e.g. ttfb_ms=[...])."""
    lcp = lcp or [1000.0]
    runs = [Timings(lcp_ms=v, **{m: vals[i] for m, vals in metrics.items()}) for i, v in enumerate(lcp)]
    median = sorted(lcp)[len(lcp) // 2]
    return PageEvidence(id=f"{viewport}-{kind}", url=origin + path, final_url=origin + path, kind=kind,
                        viewport=viewport, status=200, timings=Timings(lcp_ms=median), runs=runs,
                        resources=Resources(requests=10, bytes=bytes))


def audit(checks: dict[str, tuple[Status, float | None]], pages: list[PageEvidence] = (),  # type: ignore[assignment]
          overall: float = 90, categories: dict[str, float | None] | None = None,
          settings: dict[str, Any] | None = None, details: dict[str, Any] | None = None,
          findings: dict[str, list[str]] | None = None) -> Audit:
    """Results in both viewports and combined (same status everywhere), and the given pages."""
    per_viewport: list[CheckResult] = []
    combined: list[CheckResult] = []
    for check_id, (status, score) in checks.items():
        cat = "speed" if check_id == "load-speed" else "checkout"
        extra = (details or {}).get(check_id, {})
        found = (findings or {}).get(check_id, [])
        for viewport in ("mobile", "desktop"):
            per_viewport.append(result(check_id, status, score, viewport, cat, found, **extra))  # type: ignore[arg-type]
        combined.append(result(check_id, status, score, None, cat, found))
    scores = Scores(overall=overall, categories=categories or {"checkout": overall})
    evidence = AuditEvidence(site=SiteEvidence(start_url=ORIGIN + "/", origin=ORIGIN), pages=list(pages),
                             settings=settings or {"throttle": True}, started_at="2026-11-01T10:00:00")
    return Audit(evidence=evidence, judgement=Judgement(
        checks=per_viewport, combined=combined,
        scores={"mobile": scores, "desktop": scores, "combined": scores}))
