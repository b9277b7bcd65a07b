"""summary.md: a gate run as GitHub-flavoured Markdown, for a PR comment or a CI job summary.

What failed comes first, each item linked to the evidence in report.html; then the
overall and category scores with their change against the baseline, one table of checks
per category, the speed metrics that moved beyond their noise, and the budgets.
Store text is escaped: a product name cannot break a table or inject HTML.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from uxaudit.categories import category
from uxaudit.scoring import band

if TYPE_CHECKING:
    from uxaudit.bundle import Audit
    from uxaudit.check import CheckResult
    from uxaudit.gate import Assertion, GateResult

ICONS: dict[str, str] = {"pass": "✅", "warn": "⚠️", "fail": "❌", "n/a": "➖", "error": "💥"}
MAX_LISTED = 5
"""Items under one failed assertion; the report holds them all."""


def escape(text: object) -> str:
    """Text for a Markdown table cell or list item: no HTML, no table breaks, one line."""
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = re.sub(r"\s+", " ", value).strip()
    return re.sub(r"([\\|`*_\[\]])", r"\\\1", value)


def code(text: object) -> str:
    """Text for an inline code span inside a table: backslash escapes do not work there, pipes must."""
    value = re.sub(r"\s+", " ", str(text)).strip().replace("`", "'")
    return "`" + value.replace("|", "\\|") + "`"


def _link(report_url: str, anchor: str | None, text: str = "evidence") -> str:
    target = f"{report_url}#{anchor}" if anchor else report_url
    return f"[{text}]({target.replace(' ', '%20').replace(')', '%29')})"


def _delta(value: float | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "±0"
    return f"{value:+g}".replace("-", "−")


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _status(result: CheckResult | None) -> str:
    if result is None:
        return "—"
    score = "" if result.score is None else f" {round(result.score * 100)}"
    return f"{ICONS.get(result.status, '')} {result.status}{score}"


def _assertion_lines(assertion: Assertion, report_url: str) -> list[str]:
    icon = "❌" if assertion.level == "error" else "⚠️"
    lines = [f"- {icon} **{escape(assertion.title)}**: {escape(assertion.message)} — "
             + _link(report_url, assertion.anchor)]
    for item in assertion.items[:MAX_LISTED]:
        lines.append(f"  - {escape(item)}")
    if len(assertion.items) > MAX_LISTED:
        lines.append(f"  - … and {len(assertion.items) - MAX_LISTED} more in the report")
    return lines


def render(result: GateResult, audit: Audit, report_url: str = "report.html") -> str:
    comparison = result.comparison
    # Verdicts that got worse first, then evidence that is gone, then speed, then budgets.
    failed = sorted((a for a in result.assertions if a.blocking),
                    key=lambda a: (a.kind != "check", "could not be evaluated" in a.message,
                                   a.id == "checks.load-speed"))
    warned = [a for a in result.assertions if a.outcome == "failed" and a.level == "warn"]
    scores = audit.judgement.scores.get("combined")
    lines: list[str] = []
    if result.passed:
        head = "## ✅ uxaudit gate passed"
        if warned:
            head += f" with {len(warned)} warning{'s' * (len(warned) != 1)}"
    else:
        head = (f"## ❌ uxaudit gate failed: {len(failed)} error{'s' * (len(failed) != 1)}"
                + (f", {len(warned)} warning{'s' * (len(warned) != 1)}" if warned else ""))
    lines += [head, ""]
    overall = scores.overall if scores else None
    summary = f"**{escape(audit.evidence.site.start_url)}** · overall **{_score(overall)}**"
    if comparison is not None:
        delta = comparison.overall()
        summary += f" ({_delta(delta.delta if delta else None)} vs baseline)"
        summary += f" · baseline: {escape(comparison.baseline_url)}"
        if comparison.baseline_started_at:
            summary += f" ({escape(comparison.baseline_started_at[:16].replace('T', ' '))})"
    else:
        summary += " · no baseline"
    lines += [summary + f" · {_link(report_url, None, 'full report')}", ""]

    if failed:
        lines += ["### What failed", ""]
        for assertion in failed:
            lines += _assertion_lines(assertion, report_url)
        lines.append("")
    if warned:
        lines += ["### Warnings", ""]
        for assertion in warned:
            lines += _assertion_lines(assertion, report_url)
        lines.append("")

    lines += _scores(result, audit, report_url)
    lines += _checks(result, audit, report_url)
    lines += _speed(result)
    lines += _budgets(result, report_url)
    notes = list(comparison.notes) if comparison else []
    if notes:
        lines += ["<details><summary>Notes</summary>", ""]
        lines += [f"- {escape(n)}" for n in notes] + ["", "</details>", ""]
    return "\n".join(lines).rstrip() + "\n"


def _scores(result: GateResult, audit: Audit, report_url: str) -> list[str]:
    scores = audit.judgement.scores.get("combined")
    if scores is None:
        return []
    deltas = {d.name: d for d in result.comparison.scores if d.scope == "combined"} if result.comparison else {}
    lines = ["### Scores", "", "| | score | vs baseline | band |", "|---|---:|---:|---|"]
    overall = deltas.get("overall")
    lines.append(f"| **Overall** | **{_score(scores.overall)}** | {_delta(overall.delta if overall else None)} | "
                 f"{band(scores.overall)} |")
    for cat_id, value in scores.categories.items():
        delta = deltas.get(cat_id)
        name = _link(report_url, f"cat-combined-{cat_id}", escape(category(cat_id).title))
        lines.append(f"| {name} | {_score(value)} | {_delta(delta.delta if delta else None)} | {band(value)} |")
    return lines + [""]


def _checks(result: GateResult, audit: Audit, report_url: str) -> list[str]:
    judgement = audit.judgement
    per_viewport: dict[tuple[str, str], CheckResult] = {(r.id, str(r.viewport)): r for r in judgement.checks}
    viewports = [v for v in ("mobile", "desktop") if any(r.viewport == v for r in judgement.checks)]
    was: dict[str, str] = {}
    regressed: set[str] = set()
    if result.comparison is not None:
        for delta in result.comparison.checks:
            if delta.scope == "combined":
                was[delta.id] = f"{ICONS.get(delta.before or '', '')} {delta.before}" if delta.before else "new"
            if delta.regressed:
                regressed.add(delta.id)
    by_category: dict[str, list[CheckResult]] = defaultdict(list)
    for combined in judgement.combined:
        by_category[combined.category].append(combined)
    if not by_category:
        return []
    lines = ["### Checks", ""]
    scores = judgement.scores.get("combined")
    for cat_id, results in by_category.items():
        value = scores.categories.get(cat_id) if scores else None
        lines += [f"#### {escape(category(cat_id).title)} · {_score(value)}", ""]
        header = "| check | " + " | ".join(viewports) + " | combined |" + (" baseline |" if was else "")
        lines += [header, "|---|" + "---|" * (len(viewports) + 1) + ("---|" if was else "")]
        for combined in results:
            title = _link(report_url, f"combined-{combined.id}", escape(combined.title))
            if combined.id in regressed:
                title = f"**{title}** (regressed)"
            cells = [_status(per_viewport.get((combined.id, v))) for v in viewports] + [_status(combined)]
            row = f"| {title} | " + " | ".join(cells) + " |"
            if was:
                row += f" {was.get(combined.id, '—')} |"
            lines.append(row)
        lines.append("")
    return lines


def _speed(result: GateResult) -> list[str]:
    comparison = result.comparison
    if comparison is None or not comparison.metrics:
        return []
    moved = [m for m in comparison.metrics if m.regressed or m.improved]
    quiet = len(comparison.metrics) - len(moved)
    lines = ["### Speed against the baseline", ""]
    if moved:
        lines += ["| page | viewport | metric | baseline | now | change | |", "|---|---|---|---:|---:|---:|---|"]
        for m in sorted(moved, key=lambda m: (not m.regressed, m.kind, m.viewport)):
            verdict = "❌ slower" if m.regressed else "✅ faster"
            change = "—" if m.change is None else f"{m.change:+.0%}".replace("-", "−")
            lines.append(f"| {escape(m.kind)} {code(m.path)} | {m.viewport} | {m.label} | "
                         f"{_metric(m.metric, m.before_median)} | {_metric(m.metric, m.after_median)} | {change} | "
                         f"{verdict} |")
        lines.append("")
    tol = comparison.tolerances
    lines.append(f"{quiet} of {len(comparison.metrics)} metric comparisons within run-to-run noise "
                 f"(3+ runs a side: Mann-Whitney p ≤ {tol.alpha:g}, ≥ {tol.min_change:.0%} and beyond the runs' "
                 f"spread; fewer runs: ≥ {tol.tolerance:.0%}).")
    return lines + [""]


def _metric(metric: str, value: float) -> str:
    if metric == "cls":
        return f"{value:.3f}"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def _budgets(result: GateResult, report_url: str) -> list[str]:
    budgets = [a for a in result.assertions if a.kind == "budget"]
    if not budgets:
        return []
    lines = ["### Budgets", "", "| budget | level | result | |", "|---|---|---|---|"]
    for a in budgets:
        icon = {"passed": "✅", "skipped": "➖"}.get(a.outcome, "❌" if a.level == "error" else "⚠️")
        lines.append(f"| {code(a.id)} | {a.level} | {icon} {escape(a.message)} | "
                     f"{_link(report_url, a.anchor)} |")
    return lines + [""]
