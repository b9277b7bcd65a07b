"""A "compared with baseline" section for the HTML report.

``render_comparison(comparison, gate=None)`` returns one self-contained ``<section>``
(escaped with markupsafe, no script, no external resource) that report.html can place
after its score header. Links point at the report's own check anchors
(``#<tab>-<check-id>``), so they work in the same file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from uxaudit.baseline import Comparison
    from uxaudit.gate import GateResult

STYLE = (
    ".cmp{margin:1.5rem 0}.cmp table{border-collapse:collapse;width:100%}"
    ".cmp th,.cmp td{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left}"
    ".cmp .num{text-align:right;font-variant-numeric:tabular-nums}.cmp .bad{color:#b00020}.cmp .good{color:#1b5e20}"
)


def _signed(value: float | None) -> str:
    if value is None:
        return "—"
    return "±0" if value == 0 else f"{value:+g}".replace("-", "−")


def render_comparison(comparison: Comparison, gate: GateResult | None = None) -> Markup:
    """The comparison as an HTML fragment: verdict, score deltas, check changes, speed changes."""
    parts: list[str] = [(f"<section class=\"card cmp\" id=\"baseline\" aria-labelledby=\"baseline-h\">"
                         f"<style>{STYLE}</style>"),
                        "<h2 id=\"baseline-h\">Compared with the baseline</h2>"]
    when = f" of {escape(comparison.baseline_started_at[:16].replace('T', ' '))}" \
        if comparison.baseline_started_at else ""
    parts.append(f"<p>Baseline: {escape(comparison.baseline_url)}{when}.")
    if gate is not None:
        verdict = "passed" if gate.passed else f"failed ({gate.errors} error{'s' * (gate.errors != 1)})"
        parts.append(f" Gate: <strong class=\"{'good' if gate.passed else 'bad'}\">{escape(verdict)}</strong>.")
    parts.append("</p>")

    parts.append("<table><caption>Scores (both viewports combined)</caption><thead><tr><th></th>"
                 "<th class=\"num\">baseline</th><th class=\"num\">now</th><th class=\"num\">change</th>"
                 "</tr></thead><tbody>")
    for delta in (d for d in comparison.scores if d.scope == "combined"):
        cls = "bad" if (delta.delta or 0) < 0 else "good" if (delta.delta or 0) > 0 else ""
        before = "—" if delta.before is None else f"{delta.before:g}"
        after = "—" if delta.after is None else f"{delta.after:g}"
        parts.append(f"<tr><th scope=\"row\">{escape(delta.name)}</th><td class=\"num\">{before}</td>"
                     f"<td class=\"num\">{after}</td><td class=\"num {cls}\">{_signed(delta.delta)}</td></tr>")
    parts.append("</tbody></table>")

    changed = [c for c in comparison.checks if c.before != c.after]
    if changed:
        parts.append("<table><caption>Checks whose status changed</caption><thead><tr><th>check</th><th>where</th>"
                     "<th>baseline</th><th>now</th><th></th></tr></thead><tbody>")
        for c in changed:
            verdict = "regressed" if c.regressed else "improved" if c.improved else (c.note or "changed")
            cls = "bad" if c.regressed else "good" if c.improved else ""
            parts.append(f"<tr><td><a href=\"#{escape(c.scope)}-{escape(c.id)}\">{escape(c.title)}</a></td>"
                         f"<td>{escape(c.scope)}</td><td>{escape(c.before or '—')}</td><td>{escape(c.after or '—')}</td>"
                         f"<td class=\"{cls}\">{escape(verdict)}</td></tr>")
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No check changed status.</p>")

    moved = [m for m in comparison.metrics if m.regressed or m.improved]
    if moved:
        parts.append("<table><caption>Speed beyond run-to-run noise</caption><thead><tr><th>page</th>"
                     "<th>viewport</th><th>metric</th><th>why</th></tr></thead><tbody>")
        for m in moved:
            cls = "bad" if m.regressed else "good"
            parts.append(f"<tr><td>{escape(m.kind)} {escape(m.path)}</td><td>{escape(m.viewport)}</td>"
                         f"<td>{escape(m.label)}</td><td class=\"{cls}\">{escape(m.reason)}</td></tr>")
        parts.append("</tbody></table>")
    parts.append(f"<p>{len(comparison.metrics) - len(moved)} of {len(comparison.metrics)} speed comparisons "
                 "were within run-to-run noise.</p>")
    if comparison.notes:
        parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in comparison.notes) + "</ul>")
    parts.append("</section>")
    return Markup("".join(parts))
