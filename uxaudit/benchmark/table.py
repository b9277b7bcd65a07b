"""The benchmark table: one row per store, one column per score, status and key metric.

Column names are flat, so the same frame exports to CSV and JSON unchanged:

=============================  ==============================================================
``store``, ``url``, ``group``  who; ``reference`` is True for "your" store
``audited``, ``error``         whether the audit completed, and why not
``seconds``, ``attempts``      wall time of the audit task, and how many tries it took
``rank``                       1 = best overall (combined) score among audited stores
``overall[.<viewport>]``       overall score 0–100, combined or per viewport
``category.<id>[.<vp>]``       category scores 0–100
``check.<id>[.<vp>]``          check scores 0–100 (None: could not evaluate)
``status.<id>[.<vp>]``         pass, warn, fail, n/a or error
``fails``                      checks failing (combined)
``lcp_ms.<kind>.<vp>``         median LCP of the loaded pages of that kind
``checkout_fields[.<vp>]``     text fields from cart to review (checkout-friction)
``shipping_stage[.<vp>]``      first stage showing a shipping cost (shipping-costs-upfront)
``guest_checkout[.<vp>]``      guest-checkout's verdict in words
=============================  ==============================================================

Everything read from check details is read defensively: a check that is not installed, did
not run or recorded other details leaves its cells empty.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from uxaudit.benchmark.baserates import BaseRate, base_rate
from uxaudit.benchmark.run import StoreOutcome
from uxaudit.categories import CATEGORIES
from uxaudit.check import CheckResult
from uxaudit.evidence import VIEWPORTS

LCP_KINDS = ("home", "category", "product")
SHIPPING_ORDER = ("product", "cart", "checkout-entry", "checkout-address", "checkout-shipping",
                  "checkout-payment", "checkout-review", "not shown")
"""Where a shipping cost first appears, earliest (best) first; 'not shown' is the worst."""
GUEST_ORDER = ("guest first", "guest below the fold", "guest after sign-in", "guest hidden", "account required")
"""guest-checkout verdicts, best first."""
FIELD_KEYS = ("text_fields", "checkout_fields", "fields", "field_count")
"""Where checkout-friction's details hold its text-field count (the first number found wins)."""
MIN_GAP = 5
"""Score points: a smaller difference between two stores is not called a lead or a lag."""


# --- reading one audit ----------------------------------------------------------------------------

def _score100(value: float | None) -> float | None:
    return None if value is None else round(float(value) * 100)


def _per_viewport(audit: Any, check_id: str) -> dict[str, CheckResult]:
    return {r.viewport: r for r in audit.judgement.checks if r.id == check_id and r.viewport}


def median_lcp(audit: Any, kind: str, viewport: str) -> float | None:
    values = [p.timings.lcp_ms for p in audit.evidence.pages
              if p.kind == kind and p.viewport == viewport and p.loaded and p.timings.lcp_ms is not None]
    return round(statistics.median(values)) if values else None


def checkout_fields(result: CheckResult | None) -> int | None:
    if result is None or not result.counted:
        return None
    for key in FIELD_KEYS:
        value = result.details.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return int(value)
    return None


def shipping_stage(result: CheckResult | None) -> str | None:
    if result is None or not result.counted:
        return None
    stage = result.details.get("first_stage")
    return str(stage) if stage else "not shown"


def guest_verdict(result: CheckResult | None) -> str | None:
    if result is None or not result.counted:
        return None
    d = result.details
    if d.get("account_required") or d.get("offered") is False:
        return "account required"
    if d.get("hidden"):
        return "guest hidden"
    if d.get("first_choice") is False:
        return "guest after sign-in"
    if result.viewport == "mobile" and d.get("above_fold") is False:
        return "guest below the fold"
    if d.get("offered") or result.status == "pass":
        return "guest first"
    return None


def _worst(values: Iterable[str | None], order: Sequence[str]) -> str | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return max(known, key=lambda v: order.index(v) if v in order else len(order))


def audit_row(audit: Any) -> dict[str, Any]:
    """The score, status and metric columns of one completed audit."""
    row: dict[str, Any] = {}
    scores = audit.judgement.scores
    combined = scores.get("combined")
    row["overall"] = combined.overall if combined else None
    for viewport in VIEWPORTS:
        s = scores.get(viewport)
        row[f"overall.{viewport}"] = s.overall if s else None
    category_ids = [c.id for c in CATEGORIES] + sorted(
        {c for s in scores.values() for c in s.categories} - {c.id for c in CATEGORIES})
    for cat in category_ids:
        row[f"category.{cat}"] = combined.categories.get(cat) if combined else None
        for viewport in VIEWPORTS:
            s = scores.get(viewport)
            row[f"category.{cat}.{viewport}"] = s.categories.get(cat) if s else None
    for result in audit.judgement.combined:
        row[f"check.{result.id}"] = _score100(result.score) if result.counted else None
        row[f"status.{result.id}"] = result.status
        per = _per_viewport(audit, result.id)
        for viewport in VIEWPORTS:
            r = per.get(viewport)
            row[f"check.{result.id}.{viewport}"] = _score100(r.score) if r and r.counted else None
            row[f"status.{result.id}.{viewport}"] = r.status if r else None
    row["fails"] = sum(1 for r in audit.judgement.combined if r.status == "fail")
    for kind in LCP_KINDS:
        for viewport in VIEWPORTS:
            row[f"lcp_ms.{kind}.{viewport}"] = median_lcp(audit, kind, viewport)
    friction = _per_viewport(audit, "checkout-friction")
    shipping = _per_viewport(audit, "shipping-costs-upfront")
    guest = _per_viewport(audit, "guest-checkout")
    for viewport in VIEWPORTS:
        row[f"checkout_fields.{viewport}"] = checkout_fields(friction.get(viewport))
        row[f"shipping_stage.{viewport}"] = shipping_stage(shipping.get(viewport))
        row[f"guest_checkout.{viewport}"] = guest_verdict(guest.get(viewport))
    fields = [row[f"checkout_fields.{v}"] for v in VIEWPORTS if row[f"checkout_fields.{v}"] is not None]
    row["checkout_fields"] = max(fields) if fields else None
    row["shipping_stage"] = _worst((row[f"shipping_stage.{v}"] for v in VIEWPORTS), SHIPPING_ORDER)
    row["guest_checkout"] = _worst((row[f"guest_checkout.{v}"] for v in VIEWPORTS), GUEST_ORDER)
    return row


# --- the table -----------------------------------------------------------------------------------

def build_table(outcomes: Sequence[StoreOutcome], reference: int = 0) -> pd.DataFrame:
    """Stores × columns, in input order; failed stores have their reason and empty scores."""
    rows: list[dict[str, Any]] = []
    for index, outcome in enumerate(outcomes):
        store = outcome.store
        row: dict[str, Any] = {
            "store": store.name, "url": store.url, "group": store.group, "reference": index == reference,
            "audited": outcome.ok, "error": outcome.error, "seconds": outcome.seconds,
            "attempts": outcome.attempts, "folder": f"stores/{store.slug}" if outcome.ok else None,
        }
        if outcome.ok:
            row.update(audit_row(outcome.audit))
        rows.append(row)
    frame = pd.DataFrame(rows)
    if "overall" not in frame:
        frame["overall"] = None
    overall = pd.to_numeric(frame["overall"], errors="coerce")
    frame.insert(4, "rank", overall.rank(ascending=False, method="min").astype("Int64"))
    frame = frame.set_index("store", drop=False)
    frame.index.name = None
    return frame


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The table as JSON-ready rows: NaN and pandas' missing values become None."""
    out: list[dict[str, Any]] = []
    for row in frame.to_dict(orient="records"):
        clean: dict[str, Any] = {}
        for key, value in row.items():
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                clean[str(key)] = None
            elif hasattr(value, "item"):
                clean[str(key)] = value.item()  # numpy scalars
            else:
                clean[str(key)] = value
        out.append(clean)
    return out


def check_ids(frame: pd.DataFrame) -> list[str]:
    """Check ids with a combined score column, in column order."""
    return [c.removeprefix("check.") for c in frame.columns if c.startswith("check.") and c.count(".") == 1]


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


# --- where you lead and lag ------------------------------------------------------------------------

@dataclass(frozen=True)
class Gap:
    """One check where the reference store is ahead of (or behind) the best competitor."""

    check: str
    yours: float
    rival: str
    """The best competitor on this check (the first one listed, on a tie)."""
    theirs: float
    gap: float
    """yours − theirs, in score points."""
    your_status: str | None
    their_status: str | None
    base_rate: BaseRate | None


def gaps(frame: pd.DataFrame, reference: str | None = None, min_gap: float = MIN_GAP) -> tuple[list[Gap], list[Gap]]:
    """(lead, lag): checks where the reference beats every competitor, and where a competitor beats it.

    Both against the best competitor on each check, biggest gap first; only checks that the
    reference and at least one competitor could be judged on, and gaps of ``min_gap`` or more.
    """
    if reference is None:
        marked = frame.index[frame["reference"].astype(bool)] if "reference" in frame else []
        reference = str(marked[0]) if len(marked) else str(frame.index[0])
    audited = frame[frame["audited"].astype(bool)] if "audited" in frame else frame
    if reference not in audited.index:
        return [], []
    others = audited.drop(index=reference)
    lead: list[Gap] = []
    lag: list[Gap] = []
    for check in check_ids(frame):
        column = f"check.{check}"
        yours = _number(audited.at[reference, column])
        if yours is None:
            continue
        best_name, best = None, None
        for name in others.index:
            value = _number(others.at[name, column])
            if value is not None and (best is None or value > best):
                best_name, best = str(name), value
        if best_name is None or best is None or abs(yours - best) < min_gap:
            continue
        status_col = f"status.{check}"
        item = Gap(check=check, yours=yours, rival=best_name, theirs=best, gap=yours - best,
                   your_status=audited.at[reference, status_col] if status_col in audited else None,
                   their_status=others.at[best_name, status_col] if status_col in others else None,
                   base_rate=base_rate(check))
        (lead if item.gap > 0 else lag).append(item)
    lead.sort(key=lambda g: -g.gap)
    lag.sort(key=lambda g: g.gap)
    return lead, lag


def decisive(frame: pd.DataFrame, count: int = 4) -> list[str]:
    """The checks that separate the stores most: widest score spread among audited stores first."""
    audited = frame[frame["audited"].astype(bool)] if "audited" in frame else frame
    spreads: list[tuple[float, int, str]] = []
    for position, check in enumerate(check_ids(frame)):
        values = [v for v in (_number(x) for x in audited[f"check.{check}"]) if v is not None]
        if len(values) >= 2 and max(values) > min(values):
            spreads.append((max(values) - min(values), -position, check))
    spreads.sort(reverse=True)
    return [check for _, _, check in spreads[:count]]
