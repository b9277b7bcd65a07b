"""The `uxaudit` command line: synchronous on top, asynchronous inside.

Exit codes (documented in the README):
    0  the audit (or command) completed
    1  an unexpected internal error (a bug: please report it)
    2  usage error: bad flags, URL, check id, or an unreadable audit.json
    3  the start page gives nothing to audit (DNS, refused, TLS, HTTP error, bot wall, another site, not HTML)
    4  no Chromium found to drive
    5  the audit-wide --timeout ran out: a partial audit was saved
  130  interrupted (Ctrl-C); during `audit`, a partial audit was saved
Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from uxaudit import __version__, compare_cli, gate
from uxaudit.access import access_settings, add_options
from uxaudit.bundle import REPORT_FILE, Audit, load, save, write_atomic
from uxaudit.check import Check
from uxaudit.errors import UsageError, UxauditError
from uxaudit.evidence import VIEWPORTS, AuditEvidence
from uxaudit.judge import judge
from uxaudit.partial import exit_code as partial_exit_code
from uxaudit.registry import discover, select
from uxaudit.settings import Settings

DEFAULT_OUT = Path("uxaudit-report")
EXIT_INTERRUPTED = 130


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {number}")
    return number


def _number(value: str, what: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, got {value!r}") from None


def _seconds(value: str) -> float:
    number = _number(value, "a number of seconds")
    if not number > 0:
        raise argparse.ArgumentTypeError(f"expected more than 0 seconds, got {value}")
    return number


def _rate(value: str) -> float:
    number = _number(value, "a number")
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return number


def _count(value: str) -> int:
    number = _positive(value) if value != "0" else 0
    return number


def _add_audit_options(parser: argparse.ArgumentParser, out_default: Path | None = DEFAULT_OUT) -> None:
    parser.add_argument("--out", type=Path, default=out_default, metavar="DIR",
                        help="folder for report.html, audit.json and screenshots (default: %(default)s)")
    parser.add_argument("--viewport", action="append", choices=VIEWPORTS, dest="viewports",
                        help="audit this viewport only (repeatable; default: mobile and desktop)")
    parser.add_argument("--max-products", type=_count, default=Settings.max_products, metavar="N",
                        help="product pages to audit (default: %(default)s)")
    parser.add_argument("--max-categories", type=_count, default=Settings.max_categories, metavar="N",
                        help="category pages to audit (default: %(default)s)")
    parser.add_argument("--page", action="append", default=[], metavar="URL",
                        help="also audit this page (repeatable); with --no-discover, only these")
    parser.add_argument("--no-discover", action="store_true", help="audit only the --page URLs; the start URL names the store")
    parser.add_argument("--runs", type=_positive, default=1, metavar="N",
                        help="speed measurements per page; medians are kept (default: 1)")
    parser.add_argument("--only", action="append", metavar="ID", help="run only this check (repeatable)")
    parser.add_argument("--skip", action="append", metavar="ID", help="skip this check (repeatable)")
    parser.add_argument("--no-throttle", action="store_true", help="do not throttle network and CPU")
    parser.add_argument("--concurrency", type=_positive, default=Settings.concurrency, metavar="N",
                        help="pages loaded at once (default: %(default)s)")
    parser.add_argument("--browser-path", metavar="PATH", help="the Chromium or Chrome executable to drive")
    parser.add_argument("--ignore-https-errors", action="store_true", help="accept invalid TLS certificates")
    parser.add_argument("--ignore-robots", action="store_true", help="audit pages robots.txt disallows (your own store)")
    parser.add_argument("--block-external", action="store_true",
                        help="block requests to other hosts (e.g. CDNs unreachable from a test network)")
    parser.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS", dest="audit_timeout",
                        help="stop the whole audit after this long and save what was gathered as a partial audit")
    parser.add_argument("--quiet", action="store_true", help="no progress, only the summary")
    parser.add_argument("--max-rate", type=_rate, default=Settings.max_rate, metavar="N",
                        help="page navigations per second per host; robots.txt's Crawl-delay can lower it "
                             "(default: %(default)s; 0: no cap, for your own store)")
    add_options(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="uxaudit", description="Audit an online store's UX like a shopper would.")
    parser.add_argument("--version", action="version", version=f"uxaudit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    audit = commands.add_parser("audit", help="audit a store and write report.html and audit.json")
    audit.add_argument("url", help="the store's start page, e.g. https://shop.example")
    _add_audit_options(audit)

    report = commands.add_parser("report", help="judge a saved audit.json again and re-render its report")
    report.add_argument("audit", type=Path, help="an audit.json, or the folder holding it")
    report.add_argument("--out", type=Path, metavar="DIR", help="where to write (default: beside audit.json)")
    report.add_argument("--only", action="append", metavar="ID", help="run only this check (repeatable)")
    report.add_argument("--skip", action="append", metavar="ID", help="skip this check (repeatable)")

    commands.add_parser("checks", help="list the installed checks")
    commands.add_parser("schema", help="print the JSON Schema of audit.json")
    gate.add_parser(commands)
    compare_cli.add_parser(commands)

    demo = commands.add_parser("demo", help="audit the bundled demo store (or serve it)")
    demo.add_argument("--profile", default="good", help="demo store profile: good, average or poor (default: good)")
    demo_commands = demo.add_subparsers(dest="demo_command", metavar="serve")
    serve = demo_commands.add_parser("serve", help="only serve the demo store until Ctrl-C")
    serve.add_argument("--profile", default=argparse.SUPPRESS, help="good, average or poor")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: %(default)s)")
    _add_audit_options(demo, out_default=None)
    demo.set_defaults(max_rate=0)  # our own store on loopback: no politeness cap unless asked for
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    if args.no_discover and not args.page and getattr(args, "url", None) is None:
        raise UsageError("--no-discover needs at least one --page URL")
    return Settings(
        viewports=tuple(dict.fromkeys(args.viewports or VIEWPORTS)),
        max_products=args.max_products, max_categories=args.max_categories,
        extra_pages=tuple(args.page), discover=not args.no_discover, runs=args.runs,
        throttle=not args.no_throttle, concurrency=args.concurrency, browser_path=args.browser_path,
        ignore_https_errors=args.ignore_https_errors, respect_robots=not args.ignore_robots,
        block_external=args.block_external, audit_timeout_s=args.audit_timeout, max_rate=args.max_rate,
        **access_settings(args),
    )


def run_audit(url: str, settings: Settings, checks: list[Check], out: Path, console: Console,
              quiet: bool = False) -> Audit:
    """Collect, judge, write audit.json and report.html; returns the audit.

    Ctrl-C or the audit-wide timeout still writes the audit, marked partial (``uxaudit.partial``).
    """
    from uxaudit import partial
    from uxaudit.progress import TerminalProgress
    from uxaudit.runner import Progress, collect, validate_url

    for page in settings.extra_pages:
        validate_url(page)
    out.mkdir(parents=True, exist_ok=True)

    def collecting(progress: Progress | None) -> partial.Collect:
        return lambda keep: collect(url, settings, out, progress, keep=keep)

    if quiet:
        outcome = partial.run(collecting(None), settings.audit_timeout_s)
    else:
        with TerminalProgress(console) as bar:
            outcome = partial.run(collecting(bar), settings.audit_timeout_s)
    audit = write(outcome.evidence, checks, out)
    if outcome.evidence.partial:
        console.print(f"uxaudit: {outcome.evidence.partial_reason}: partial audit saved to {out / REPORT_FILE}",
                      highlight=False, markup=False)
    return audit


def write(evidence: AuditEvidence, checks: list[Check], out: Path) -> Audit:
    from uxaudit.reports.html import render

    audit = Audit(evidence=evidence, judgement=judge(evidence, checks))
    save(audit, out)
    write_atomic(out / REPORT_FILE, render(audit, out).encode("utf-8"))
    return audit


def _summary(audit: Audit, out: Path, console: Console) -> None:
    from uxaudit.reports.terminal import print_summary

    print_summary(audit, console, out / REPORT_FILE)


def cmd_audit(args: argparse.Namespace, out_console: Console, err_console: Console) -> int:
    checks = select(discover()[0], args.only, args.skip)
    settings = settings_from(args)
    audit = run_audit(args.url, settings, checks, args.out, err_console, args.quiet)
    _summary(audit, args.out, out_console)
    return partial_exit_code(audit.evidence)


def cmd_report(args: argparse.Namespace, out_console: Console) -> int:
    checks = select(discover()[0], args.only, args.skip)
    source = args.audit if args.audit.is_dir() else args.audit.parent
    saved = load(args.audit)
    out = args.out or source
    if out.resolve() != source.resolve():
        _copy_screenshots(source, out)
    audit = write(saved.evidence, checks, out)
    _summary(audit, out, out_console)
    return 0


def _copy_screenshots(source: Path, out: Path) -> None:
    import shutil

    from uxaudit.bundle import SCREENSHOT_DIR

    if (source / SCREENSHOT_DIR).is_dir():
        shutil.copytree(source / SCREENSHOT_DIR, out / SCREENSHOT_DIR, dirs_exist_ok=True)


def cmd_checks(console: Console) -> int:
    checks, broken = discover()
    table = Table(title="Installed checks", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("category", no_wrap=True)
    table.add_column("weight", justify="right")
    table.add_column("viewports", no_wrap=True)
    table.add_column("title")
    for check in checks:
        viewports = "both" if set(check.viewports) == set(VIEWPORTS) else ", ".join(check.viewports)
        table.add_row(check.id, check.category, f"{check.weight:g}", viewports, check.title)
    console.print(table)
    for plugin in broken:
        console.print(f"[red]could not load[/] {plugin.name} ({plugin.value}): {plugin.reason}", highlight=False)
    return 0


def cmd_schema() -> int:
    import json

    print(json.dumps(Audit.model_json_schema(), indent=1))
    return 0


def cmd_demo(args: argparse.Namespace, out_console: Console, err_console: Console) -> int:
    from uxaudit.demo import PROFILES, DemoStore, serve_forever

    if args.profile not in PROFILES:
        raise UsageError(f"unknown demo profile {args.profile!r}; choose from {', '.join(PROFILES)}")
    if args.demo_command == "serve":
        err_console.print(f"Serving the demo store ({args.profile}) on http://127.0.0.1:{args.port}/ — Ctrl-C to stop")
        serve_forever(args.profile, args.port)
        return 0
    checks = select(discover()[0], args.only, args.skip)
    out = args.out or Path(f"uxaudit-demo-{args.profile}")
    # The demo store is ours: its robots.txt disallows /cart and /checkout like a real shop's,
    # and the demo walks them anyway, as a store team auditing its own shop would.
    settings = replace(settings_from(args), respect_robots=False)
    with DemoStore(args.profile) as store:
        err_console.print(f"Demo store ({args.profile} profile) at {store.url}")
        audit = run_audit(store.url, settings, checks, out, err_console, args.quiet)
    _summary(audit, out, out_console)
    return partial_exit_code(audit.evidence)


def main(argv: Sequence[str] | None = None) -> int:
    out_console = Console(highlight=False)
    err_console = Console(stderr=True, highlight=False)
    args = build_parser().parse_args(argv)
    try:
        if args.command == "audit":
            return cmd_audit(args, out_console, err_console)
        if args.command == "report":
            return cmd_report(args, out_console)
        if args.command == "checks":
            return cmd_checks(out_console)
        if args.command == "schema":
            return cmd_schema()
        if args.command == "demo":
            return cmd_demo(args, out_console, err_console)
        if args.command == "gate":
            return gate.run(args, out_console, err_console)
        if args.command == "compare":
            return compare_cli.run(args, out_console, err_console)
    except UxauditError as exc:
        print(f"uxaudit: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("uxaudit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        print(f"uxaudit: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        return 1
    return 2
