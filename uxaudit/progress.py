"""Showing a long audit's progress on the terminal (stderr), or plain lines when not a terminal."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from uxaudit.evidence import PageEvidence


class TerminalProgress:
    """A progress bar of page loads with the current stage; one line per page off a terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live = console.is_terminal
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=console, transient=True)
        self._task = self._bar.add_task("Starting", total=None)

    def __enter__(self) -> Self:
        if self.live:
            self._bar.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.live:
            self._bar.stop()

    def stage(self, message: str) -> None:
        if self.live:
            self._bar.update(self._task, description=message)
        else:
            self.console.print(f"[dim]·[/] {message}", highlight=False)

    def planned(self, count: int) -> None:
        self._bar.update(self._task, total=count)

    def page_done(self, page: PageEvidence) -> None:
        task = self._bar.tasks[0]
        if task.total is not None and task.completed + 1 > task.total:
            self._bar.update(self._task, total=task.completed + 1)
        self._bar.advance(self._task)
        outcome = f"[red]{page.error}[/]" if page.error else f"HTTP {page.status}"
        line = f"  {page.kind:<8} {page.viewport:<7} {page.final_url} {outcome}"
        if self.live:
            self._bar.console.print(line, highlight=False, markup=True)
        else:
            self.console.print(line, highlight=False)
