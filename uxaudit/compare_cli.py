"""`uxaudit compare`: audit several stores with the same settings and benchmark them side by side.

    uxaudit compare URL URL... [--name NAME]... [--reference NAME] [--out DIR] [audit options]
    uxaudit compare --stores stores.csv [--jobs N] [--cluster ADDRESS] [--retries N]

The first store is "yours" unless ``--reference`` names another. Audits run concurrently
(``--jobs``, default 2) on local processes, or as tasks on a Dask cluster (``--cluster``);
each store gets its own folder with audit.json and report.html, and a store that cannot
be audited gets a row that says why while the others go on. The output folder also gets
benchmark.html, benchmark.csv and benchmark.json.

Exit codes: 0 when at least one store was audited (a failed store is a finding, not an
error); 2 for a usage error (flags, stores file, URL); 3 when no store could be audited;
4 when there is no Chromium to drive (local runs).
"""

from __future__ import annotations

import argparse
import math
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Self

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from uxaudit.benchmark.run import (
    DEFAULT_JOBS,
    DEFAULT_RETRIES,
    AuditJob,
    DaskBackend,
    Event,
    LocalBackend,
    StoreOutcome,
    run_stores,
)
from uxaudit.benchmark.stores import Store, from_args, from_csv, reference_index
from uxaudit.errors import StoreUnreachable, UsageError

DEFAULT_OUT = Path("uxaudit-compare")
JOURNEY_NAMES = ("search", "checkout")
"""The journeys --journey accepts (uxaudit.journeys.JOURNEYS)."""
EXIT_OK, EXIT_NONE_AUDITED = 0, 3


def _count(value: str) -> int:
    from uxaudit.cli import _count as count

    return count(value)


def add_parser(subparsers: Any) -> None:
    """Register `uxaudit compare` on the CLI's sub-command parsers."""
    from uxaudit.cli import _add_audit_options, _positive

    compare = subparsers.add_parser(
        "compare", help="audit several stores and benchmark them side by side (locally or on a Dask cluster)",
        description="Audit several stores with the same settings and write benchmark.html, benchmark.csv and "
                    "benchmark.json, plus each store's own report. The first store is yours unless --reference "
                    "says otherwise.")
    compare.add_argument("urls", nargs="*", metavar="URL", help="the stores' start pages")
    compare.add_argument("--name", action="append", dest="names", metavar="NAME",
                         help="name of the n-th URL (repeatable; default: its host)")
    compare.add_argument("--stores", type=Path, metavar="CSV",
                         help="a CSV file with name, url and optional group columns (instead of URLs)")
    compare.add_argument("--reference", metavar="NAME", help="the store that is yours (default: the first)")
    compare.add_argument("--jobs", type=_positive, default=DEFAULT_JOBS, metavar="N",
                         help="audits at once on this machine (default: %(default)s)")
    compare.add_argument("--cluster", metavar="ADDRESS",
                         help="run each store's audit as a task on this Dask scheduler, e.g. tcp://10.0.0.5:8786")
    compare.add_argument("--retries", type=_count, default=DEFAULT_RETRIES, metavar="N",
                         help="re-run an audit that crashed up to N times (default: %(default)s)")
    compare.add_argument("--journey", action="append", dest="journeys", choices=JOURNEY_NAMES, metavar="NAME",
                         help=f"walk only this shopper journey ({', '.join(JOURNEY_NAMES)}; repeatable; default: all)")
    compare.add_argument("--no-journeys", action="store_true", help="walk no journey: pages only")
    _add_audit_options(compare, out_default=DEFAULT_OUT)


def stores_from(args: argparse.Namespace) -> list[Store]:
    if args.stores and args.urls:
        raise UsageError("give store URLs or --stores FILE, not both")
    if args.stores:
        if args.names:
            raise UsageError("--name goes with URLs; a stores file names its stores in its name column")
        return from_csv(args.stores)
    if not args.urls:
        raise UsageError("no stores to compare: give two or more URLs or --stores FILE")
    return from_args(args.urls, args.names)


class CompareProgress:
    """One progress line per store (stage, pages done); plain lines off a terminal."""

    def __init__(self, console: Console, stores: list[Store], quiet: bool = False) -> None:
        self.console = console
        self.quiet = quiet
        self.live = console.is_terminal and not quiet
        self._lock = threading.Lock()
        self._names = {s.slug: s.name for s in stores}
        self._bar = Progress(TextColumn("{task.fields[store]:<24.24}"), TextColumn("{task.description}"),
                             BarColumn(bar_width=20), MofNCompleteColumn(), TimeElapsedColumn(),
                             console=console, transient=True)
        self._tasks = {s.slug: self._bar.add_task("queued", total=None, store=s.name, start=False) for s in stores}

    def __enter__(self) -> Self:
        if self.live:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self._bar.stop()

    def _line(self, text: str) -> None:
        if self.quiet:
            return
        (self._bar.console if self.live else self.console).print(text, highlight=False)

    def event(self, event: Event) -> None:
        slug = str(event.get("store", ""))
        task = self._tasks.get(slug)
        if task is None:
            return
        kind = event.get("kind")
        with self._lock:
            if kind == "start":
                self._bar.start_task(task)
                self._bar.update(task, description="starting", completed=0)
                if not self.live:
                    self._line(f"[dim]·[/] {escape(self._names[slug])}: audit started on {escape(str(event.get('process')))}")
            elif kind == "stage":
                self._bar.update(task, description=escape(str(event.get("message", ""))[:48]))
            elif kind == "planned":
                self._bar.update(task, total=int(event.get("count") or 0) or None)
            elif kind == "page":
                current = self._bar.tasks[task]
                if current.total is not None and current.completed + 1 > current.total:
                    self._bar.update(task, total=current.completed + 1)
                self._bar.advance(task)
            elif kind == "retry":
                self._line(f"[yellow]↻[/] {escape(self._names[slug])}: retrying after {escape(str(event.get('error')))}")

    def done(self, outcome: StoreOutcome) -> None:
        with self._lock:
            task = self._tasks.get(outcome.store.slug)
            if task is not None:
                self._bar.update(task, visible=False)
            name = escape(outcome.store.name)
            if outcome.ok:
                overall = outcome.audit.judgement.scores.get("combined")
                score = "—" if overall is None or overall.overall is None else f"{overall.overall:g}"
                self._line(f"[green]✓[/] {name}: overall {score} ({outcome.seconds or 0:.0f} s)")
            else:
                self._line(f"[red]✗[/] {name}: {escape(outcome.error or 'failed')}")


def run(args: argparse.Namespace, out_console: Console, err_console: Console) -> int:
    from uxaudit.access import refuse_access
    from uxaudit.benchmark.outputs import write_outputs
    from uxaudit.benchmark.table import build_table
    from uxaudit.browser import find_chromium
    from uxaudit.cli import settings_from
    from uxaudit.registry import discover, select

    stores = stores_from(args)
    reference = reference_index(stores, args.reference)
    if len(stores) < 2:
        err_console.print("[yellow]Only one store: the benchmark will have nothing to compare it with.[/]")
    select(discover()[0], args.only, args.skip)  # unknown check ids fail here, before any audit starts
    settings = refuse_access(args, settings_from(args))
    if args.no_journeys or args.journeys:
        settings = replace(settings, journeys=() if args.no_journeys else tuple(dict.fromkeys(args.journeys)))
    for page in settings.extra_pages:
        from uxaudit.runner import validate_url

        validate_url(page)
    if args.cluster:
        backend: Any = DaskBackend(args.cluster)
        where = f"on the Dask cluster at {args.cluster}"
    else:
        find_chromium(settings.browser_path)  # no Chromium: exit 4 now, not once per store
        backend = LocalBackend(args.jobs)
        where = f"{min(args.jobs, len(stores))} at a time on this machine"
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    jobs = [AuditJob(store=s, settings=settings, only=tuple(args.only or ()), skip=tuple(args.skip or ()))
            for s in stores]
    if not args.quiet:
        err_console.print(f"Auditing {len(stores)} store{'s' * (len(stores) != 1)} {escape(where)}", highlight=False)
    with CompareProgress(err_console, stores, args.quiet) as progress:
        outcomes = run_stores(jobs, backend, out, retries=args.retries, on_event=progress.event,
                              on_done=progress.done)
    frame = build_table(outcomes, reference)
    paths = write_outputs(frame, outcomes, out)
    _summary(frame, paths["html"], out_console)
    if not any(o.ok for o in outcomes):
        raise StoreUnreachable("no store could be audited: " + "; ".join(
            f"{o.store.name}: {o.error}" for o in outcomes))
    return EXIT_OK


def _summary(frame: Any, html: Path, console: Console) -> None:
    from rich.table import Table

    table = Table(title="Benchmark", title_justify="left")
    for column in ("#", "store", "overall", "phone", "desktop", "fails", "note"):
        table.add_column(column, justify="right" if column in ("#", "overall", "phone", "desktop", "fails") else "left")

    def fmt(value: Any) -> str:
        try:
            number = float(value)
        except (TypeError, ValueError):
            return "—"
        return "—" if math.isnan(number) else f"{number:g}"

    ordered = frame.sort_values(["audited", "overall"], ascending=[False, False], na_position="last")
    for name, row in ordered.iterrows():
        note = "you" if row["reference"] else ""
        if not row["audited"]:
            note = (note + " · " if note else "") + f"not audited: {row['error']}"
        table.add_row(fmt(row["rank"]), escape(str(name)), fmt(row.get("overall")), fmt(row.get("overall.mobile")),
                      fmt(row.get("overall.desktop")), fmt(row.get("fails")), escape(note))
    console.print(table)
    console.print(f"Benchmark: {escape(str(html))}", highlight=False)
