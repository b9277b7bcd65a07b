"""The short summary printed after an audit: scores, what to fix, what could not be judged.

It reads the same view model as the HTML report, so the two never disagree. Store data
(titles, URLs, messages) goes into ``rich.text.Text`` objects, never into markup strings:
a product called ``[bold red]SALE[/]`` prints as those characters.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from uxaudit.bundle import Audit

from .html import installed_checks
from .images import Embedded, ImageStore
from .view import Builder, CheckView, Gauge, ReportView, TabView

BAND_STYLES: dict[str, str] = {"good": "bold green", "average": "bold dark_orange", "poor": "bold red",
                               "na": "dim"}
STATUS_MARKS: dict[str, tuple[str, str]] = {"fail": ("✗", "red"), "warn": ("!", "dark_orange"),
                                            "error": ("?", "dim"), "n/a": ("?", "dim"), "pass": ("✓", "green")}
MAX_ISSUES = 8
"""Failing and warning checks listed; the rest are in the report."""


class NoImages(ImageStore):
    """A terminal shows no screenshots, so none are decoded."""

    def get(self, relpath: str) -> Embedded | None:
        return None


def score_text(gauge: Gauge) -> Text:
    return Text("–" if gauge.score is None else str(gauge.score), style=BAND_STYLES[gauge.css])


def scores_table(view: ReportView) -> Table:
    """Overall and category scores, one column per tab (combined, phone, desktop)."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("")
    for tab in view.tabs:
        table.add_column(tab.label, justify="right")
    table.add_row(Text("Overall", style="bold"), *(score_text(t.gauge) for t in view.tabs))
    seen: dict[str, str] = {}
    for tab in view.tabs:
        for cat in tab.categories:
            seen.setdefault(cat.id, cat.title)
    for cat_id, title in seen.items():
        cells = []
        for tab in view.tabs:
            match = next((c for c in tab.categories if c.id == cat_id), None)
            cells.append(score_text(match.gauge) if match else Text("–", style="dim"))
        table.add_row(Text(title), *cells)
    return table


def issue_line(check: CheckView) -> Text:
    """'✗ Title (46) — first finding or summary'."""
    mark, style = STATUS_MARKS.get(check.status, ("·", ""))
    line = Text.assemble((f" {mark} ", style), (check.title, "bold"))
    if check.score is not None:
        line.append(f" ({check.score})", style=style)
    detail = check.findings[0].message if check.findings else (check.summary[0].text if check.summary else "")
    if detail:
        line.append(" — ")
        line.append(detail)
    if check.findings:
        first = check.findings[0]
        line.append(f"\n     {first.page.text} ({first.viewport_label.lower()})", style="dim")
    return line


def issues(tab: TabView) -> list[CheckView]:
    """Failing then warning checks of a tab, costliest first within each status."""
    checks = [c for cat in tab.categories for c in cat.checks if c.status in ("fail", "warn")]
    first = {c.id: i for i, c in enumerate(tab.top)}
    return sorted(checks, key=lambda c: (c.status != "fail", first.get(c.id, len(first)), -(c.weight)))


def print_summary(audit: Audit, console: Console, report_path: Path | None = None) -> None:
    """Print the scores, the checks to fix (with their first finding), what could not be evaluated, and the report's path."""
    folder = report_path.parent if report_path is not None else Path(".")
    view = Builder(audit, NoImages(folder), installed_checks()).build()
    combined = view.tabs[0]
    console.print(Text.assemble(("UX audit of ", "bold"), (view.store.text, "bold cyan"),
                                (f"  {view.date}" if view.date else "", "dim")))
    if view.partial:
        reason = f" ({view.partial_reason})" if view.partial_reason else ""
        console.print(Text(f"Partial audit{reason}: the run stopped early; scores cover only what was seen.",
                           style="yellow"))
    console.print(scores_table(view))
    listed = issues(combined)
    if listed:
        console.print(Text("\nTo fix", style="bold"))
        for check in listed[:MAX_ISSUES]:
            console.print(issue_line(check))
        if len(listed) > MAX_ISSUES:
            console.print(Text(f"   … and {len(listed) - MAX_ISSUES} more in the report", style="dim"))
    unevaluated = view.unevaluated[combined.id]
    problems = view.problems[combined.id]
    if unevaluated or problems:
        console.print(Text("\nCould not evaluate", style="bold"))
        for item in unevaluated:
            console.print(Text.assemble(" ? ", (item.what, "bold"), ": ", item.reason))
        for item in problems:
            where = f" ({item.viewport})" if item.viewport else ""
            url = f" — {item.page.text}" if item.page else ""
            console.print(Text.assemble(" ? ", (item.what + where, "bold"), ": ", item.reason, (url, "dim")))
    if report_path is not None:
        console.print(Text.assemble("\nReport: ", (str(report_path), "bold")))
