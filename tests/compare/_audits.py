"""Hand-built audits for the benchmark's tests: a few checks per viewport, real scoring, no browser."""

from __future__ import annotations

from typing import Any

from uxaudit.benchmark.run import StoreOutcome
from uxaudit.benchmark.stores import Store, slugify
from uxaudit.bundle import Audit
from uxaudit.check import CheckResult, status_for
from uxaudit.evidence import AuditEvidence, PageEvidence, SiteEvidence, Timings
from uxaudit.judge import Judgement, Scores
from uxaudit.scoring import combine, scorecard

CATEGORIES = {"guest-checkout": "checkout", "shipping-costs-upfront": "checkout", "checkout-friction": "checkout",
              "load-speed": "speed", "product-page": "product", "search-quality": "search"}


def result(check_id: str, score: float | None, viewport: str, **details: Any) -> CheckResult:
    status = "n/a" if score is None else status_for(score)
    return CheckResult(id=check_id, title=f"Title of {check_id}", category=CATEGORIES.get(check_id, "trust"),
                       weight=1, viewport=viewport, status=status, score=score,  # type: ignore[arg-type]
                       summary=f"{check_id} on {viewport}", details=dict(details))


def audit(scores: dict[str, float | None], details: dict[str, dict[str, Any]] | None = None,
          lcp: dict[str, float] | None = None, origin: str = "https://shop.example") -> Audit:
    """The same score in both viewports for each check; details per check; product-page LCPs per viewport."""
    per_viewport = [result(c, s, v, **(details or {}).get(c, {})) for c, s in scores.items()
                    for v in ("mobile", "desktop")]
    combined = [combine([r for r in per_viewport if r.id == c]) for c in scores]
    cards = {v: scorecard([r for r in per_viewport if r.viewport == v]) for v in ("mobile", "desktop")}
    cards["combined"] = scorecard(combined)
    pages = [PageEvidence(id=f"product-{v}-{i}", url=f"{origin}/p/{i}", final_url=f"{origin}/p/{i}", kind="product",
                          viewport=v, status=200, timings=Timings(lcp_ms=ms * (1 + i)))  # type: ignore[arg-type]
             for v, ms in (lcp or {}).items() for i in range(3)]
    evidence = AuditEvidence(site=SiteEvidence(start_url=origin + "/", origin=origin), pages=pages)
    return Audit(evidence=evidence, judgement=Judgement(
        checks=per_viewport, combined=combined,
        scores={k: Scores(overall=c.overall, categories=c.categories) for k, c in cards.items()}))


def outcome(name: str, scores: dict[str, float | None] | None = None, error: str | None = None,
            **kwargs: Any) -> StoreOutcome:
    store = Store(name=name, url=f"https://{slugify(name)}.example/", slug=slugify(name))
    if error:
        return StoreOutcome(store=store, error=error, attempts=1)
    return StoreOutcome(store=store, audit=audit(scores or {}, **kwargs), seconds=12.5, attempts=1)
