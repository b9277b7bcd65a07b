"""The terminal summary: scores, issues with their first finding, could-not-evaluate, report path."""

from __future__ import annotations

from pathlib import Path

from conftest import Rendered
from report_sample import RICH_MARKUP
from rich.console import Console
from uxaudit.reports.terminal import print_summary


def summary(rendered: Rendered, report: Path | None = None) -> str:
    console = Console(record=True, width=200, color_system=None)
    print_summary(rendered.audit, console, report)
    return console.export_text()


def test_prints_scores_per_viewport_and_combined(sample: Rendered) -> None:
    text = summary(sample)
    scores = sample.audit.judgement.scores
    header = next(line for line in text.splitlines() if "Combined" in line)
    assert header.split() == ["Combined", "Phone", "Desktop"]
    overall = next(line for line in text.splitlines() if line.startswith("Overall"))
    assert overall.split()[1:] == [f"{scores[t].overall:.0f}" for t in ("combined", "mobile", "desktop")]
    assert "Trust & support" in text


def test_lists_failing_checks_with_their_first_finding(sample: Rendered) -> None:
    text = summary(sample)
    assert "✗ Tap targets are big enough (55) — The account icon is 22×22 px" in text
    assert "! Shoppers can reach a person" in text
    assert "Shoppers can check out as a guest" not in text  # passed


def test_lists_what_could_not_be_evaluated_and_where_the_report_is(sample: Rendered, tmp_path: Path) -> None:
    text = summary(sample, tmp_path / "report.html")
    assert "? Popular payment options are offered: the check itself failed: KeyError" in text
    assert "? gather (Desktop): Timeout 30000 ms exceeded while loading" in text
    assert text.rstrip().endswith(f"Report: {tmp_path / 'report.html'}")


def test_store_data_is_not_read_as_markup(hostile: Rendered) -> None:
    assert RICH_MARKUP in summary(hostile)
