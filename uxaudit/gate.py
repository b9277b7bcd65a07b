"""`uxaudit gate`: audit a store, hold it to budgets and a baseline, and answer CI with an exit code.

    uxaudit gate [URL] [--config FILE] [--baseline audit.json] [--out DIR] [audit options]

Exit codes: 0 when every ``error`` budget holds and nothing regressed against the
baseline; 1 when something failed; 2 for a usage error (flags, config file, an
unreadable baseline); 3 when the store cannot be reached. ``warn`` budgets are reported
and never fail the gate.

Whatever the outcome, the output folder gets ``junit.xml`` (one test case per check and
per budget), ``summary.md`` (for a pull-request comment or a job summary; also appended
to ``$GITHUB_STEP_SUMMARY`` when that is set), ``assertions.json``, and the usual
``report.html`` and ``audit.json``. Every file is written atomically.

The baseline's evidence is judged again with this run's checks before comparing, so a
verdict changes only because the store changed, not because uxaudit did.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field
from rich.console import Console
from rich.markup import escape

from uxaudit.access import access_settings
from uxaudit.baseline import SPEED_CHECK, CheckDelta, Comparison, MetricDelta, Tolerances, compare, page_path
from uxaudit.bundle import REPORT_FILE, Audit, load, write_atomic
from uxaudit.categories import category
from uxaudit.check import Check, CheckResult
from uxaudit.config import Budget, Config, Level, find
from uxaudit.config import load as load_config
from uxaudit.errors import BundleError, UsageError
from uxaudit.evidence import VIEWPORTS, PageEvidence
from uxaudit.judge import judge
from uxaudit.settings import Settings

DEFAULT_OUT = Path("uxaudit-gate")
JUNIT_FILE = "junit.xml"
SUMMARY_FILE = "summary.md"
ASSERTIONS_FILE = "assertions.json"
STEP_SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
EXIT_PASSED, EXIT_FAILED = 0, 1
FRICTION_CHECK = "checkout-friction"
FIELD_COUNT_KEY = "text_fields"
"""checkout-friction's count of visible text inputs and textareas from cart to review."""
"""Where checkout-friction's details may hold its count of text fields (the first found wins)."""
MAX_ITEMS = 10
"""Findings or pages listed per failing test case; the report has the rest."""

Outcome = Literal["passed", "failed", "skipped"]


class Assertion(BaseModel):
    """One thing the gate asserted: a budget, or that a check did not regress."""

    id: str
    """``budgets.<...>`` for a budget (its config key), ``checks.<id>`` for a check."""
    kind: Literal["budget", "check"]
    title: str
    level: Level
    outcome: Outcome
    message: str
    category: str = ""
    actual: float | None = None
    limit: float | None = None
    line: int | None = None
    items: list[str] = Field(default_factory=list)
    anchor: str | None = None
    """The report.html fragment (without '#') that shows the evidence."""

    @property
    def blocking(self) -> bool:
        return self.outcome == "failed" and self.level == "error"


class GateResult(BaseModel):
    """What assertions.json holds."""

    passed: bool
    exit_code: int
    url: str
    baseline: str | None = None
    config: str | None = None
    errors: int = 0
    warnings: int = 0
    assertions: list[Assertion] = Field(default_factory=list)
    comparison: Comparison | None = None
    notes: list[str] = Field(default_factory=list)


# --- budgets -------------------------------------------------------------------------------------

def fmt_value(metric: str, value: float) -> str:
    if metric == "cls":
        return f"{value:.3f}"
    if metric.endswith("_ms"):
        return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"
    if metric.endswith("bytes"):
        for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
            if value >= size:
                return f"{value / size:.1f} {unit}"
        return f"{value:.0f} B"
    return f"{value:g}"


def page_metric(page: PageEvidence, metric: str) -> float | None:
    if metric in ("lcp_ms", "fcp_ms", "tbt_ms", "cls", "ttfb_ms"):
        value = getattr(page.timings, metric)
        return None if value is None else float(value)
    res = page.resources
    if metric == "page_bytes":
        return float(res.bytes)
    if metric == "requests":
        return float(res.requests)
    if metric == "third_party_bytes":
        return float(res.third_party_bytes)
    if metric == "image_bytes":
        images = res.by_type.get("image")
        return float(images.bytes) if images else 0.0
    raise KeyError(metric)


def checkout_fields(audit: Audit) -> float | None:
    """The most text fields checkout-friction counted in any viewport, if it counted any."""
    counts: list[float] = []
    for result in audit.judgement.checks:
        if result.id != FRICTION_CHECK:
            continue
        value = result.details.get(FIELD_COUNT_KEY)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            counts.append(float(value))
    return max(counts) if counts else None


def _where(budget: Budget) -> str:
    return f" (line {budget.line})" if budget.line else ""


def _template(budget: Budget, title: str, category_id: str, anchor: str) -> Assertion:
    """A budget's assertion before it is evaluated; copies with ``model_copy(update=...)`` fill it in."""
    return Assertion(id=budget.key, kind="budget", title=title, level=budget.level, outcome="skipped", message="",
                     limit=budget.limit, line=budget.line, category=category_id, anchor=anchor)


def _score_budget(audit: Audit, budget: Budget) -> Assertion:
    scores = audit.judgement.scores.get("combined")
    label = "Overall score" if budget.name == "overall" else f"{category(budget.name).title} score"
    base = _template(budget, f"{label} ≥ {budget.limit:g}", "" if budget.name == "overall" else budget.name,
                     "h-combined" if budget.name == "overall" else f"cat-combined-{budget.name}")
    value = None if scores is None else (scores.overall if budget.name == "overall"
                                         else scores.categories.get(budget.name))
    if value is None:
        return base.model_copy(update={"message": f"{label}: not scored in this audit (no check counted)"})
    outcome: Outcome = "failed" if value < budget.limit else "passed"
    return base.model_copy(update={
        "outcome": outcome, "actual": value,
        "message": f"{label} is {value:g}, the budget{_where(budget)} asks at least {budget.limit:g}"})


def _check_budget(audit: Audit, budget: Budget) -> Assertion:
    base = _template(budget, f"{budget.name} score ≥ {budget.limit:g}", "", f"combined-{budget.name}")
    try:
        result = audit.judgement.result(budget.name)
    except KeyError:
        return base.model_copy(update={"message": f"{budget.name} was not run in this audit"})
    base.category = result.category
    if result.status == "error":
        return base.model_copy(update={
            "outcome": "failed", "message": f"{budget.name} could not be evaluated: {result.reason or 'the check raised'}"})
    if result.score is None:
        return base.model_copy(update={"message": f"{budget.name} is n/a: {result.reason or result.summary}"})
    value = round(result.score * 100)
    failed = value < budget.limit
    return base.model_copy(update={
        "outcome": "failed" if failed else "passed", "actual": value,
        "message": f"{budget.name} scores {value}, the budget{_where(budget)} asks at least {budget.limit:g}",
        "items": _finding_lines(result) if failed else []})


def _metric_budgets(audit: Audit, budgets: list[Budget]) -> list[Assertion]:
    """Per page: the override for its kind if there is one for that metric, else the global budget."""
    overridden = {(b.name, b.page_kind) for b in budgets if b.page_kind}
    pages = [p for p in audit.evidence.pages if p.loaded]
    out: list[Assertion] = []
    for budget in budgets:
        if budget.name == "checkout_fields":
            out.append(_fields_budget(audit, budget))
            continue
        applies = [p for p in pages if (p.kind == budget.page_kind if budget.page_kind
                                        else (budget.name, p.kind) not in overridden)]
        scope = f"{budget.page_kind} pages" if budget.page_kind else "every page"
        title = f"{budget.name} ≤ {fmt_value(budget.name, budget.limit)} on {scope}"
        base = _template(budget, title, "speed", "pages-h")
        measured = [(p, v) for p in applies if (v := page_metric(p, budget.name)) is not None]
        if not measured:
            out.append(base.model_copy(update={"message": f"no {scope} measured {budget.name}"}))
            continue
        over = [(p, v) for p, v in measured if v > budget.limit]
        worst = max(v for _, v in measured)
        items = [f"{p.kind} {page_path(p)} ({p.viewport}): {fmt_value(budget.name, v)}"
                 for p, v in sorted(over, key=lambda pv: -pv[1])]
        if over:
            message = (f"{len(over)} of {len(measured)} page loads over the {budget.name} budget{_where(budget)} of "
                       f"{fmt_value(budget.name, budget.limit)}; worst {fmt_value(budget.name, worst)}")
        else:
            message = f"{budget.name} at most {fmt_value(budget.name, worst)} on {len(measured)} page loads"
        out.append(base.model_copy(update={"outcome": "failed" if over else "passed", "actual": worst,
                                           "message": message, "items": items[:MAX_ITEMS]}))
    return out


def _fields_budget(audit: Audit, budget: Budget) -> Assertion:
    base = _template(budget, f"checkout fields ≤ {budget.limit:g}", "checkout", f"combined-{FRICTION_CHECK}")
    value = checkout_fields(audit)
    if value is None:
        return base.model_copy(update={"message": f"{FRICTION_CHECK} counted no checkout fields in this audit"})
    failed = value > budget.limit
    return base.model_copy(update={
        "outcome": "failed" if failed else "passed", "actual": value,
        "message": f"checkout asks for {value:g} text fields; the budget{_where(budget)} allows {budget.limit:g}"})


def assert_budgets(audit: Audit, budgets: tuple[Budget, ...] | list[Budget]) -> list[Assertion]:
    """Every budget as an assertion: passed, failed (with the pages or findings) or skipped."""
    out: list[Assertion] = []
    for budget in budgets:
        if budget.target == "score":
            out.append(_score_budget(audit, budget))
        elif budget.target == "check":
            out.append(_check_budget(audit, budget))
    out.extend(_metric_budgets(audit, [b for b in budgets if b.target == "metric"]))
    order = {b.key: i for i, b in enumerate(budgets)}
    return sorted(out, key=lambda a: order.get(a.id, 0))


# --- checks against the baseline -----------------------------------------------------------------

def _finding_lines(result: CheckResult) -> list[str]:
    lines = [f"[{f.viewport}] {f.message} — {f.url}" for f in result.findings if f.severity != "info"]
    if not lines and result.summary:
        lines = [result.summary]
    return lines[:MAX_ITEMS]


def describe(delta: CheckDelta | MetricDelta) -> str:
    if isinstance(delta, MetricDelta):
        return f"{delta.kind} {delta.path} ({delta.viewport}): {delta.reason}"
    text = f"{delta.id} ({delta.scope}): {delta.before} → {delta.after}"
    return f"{text} — {delta.note}" if delta.note else text


def assert_checks(audit: Audit, comparison: Comparison | None) -> list[Assertion]:
    """One assertion per check of this audit: it fails when the check regressed against the baseline."""
    out: list[Assertion] = []
    for result in audit.judgement.combined:
        base = Assertion(id=f"checks.{result.id}", kind="check", title=f"{result.id}: {result.title}", level="error",
                         outcome="passed", message="", category=result.category, anchor=f"combined-{result.id}",
                         actual=None if result.score is None else round(result.score * 100))
        status = f"{result.status}" + ("" if result.score is None else f" ({round(result.score * 100)})")
        if comparison is None:
            out.append(base.model_copy(update={"message": f"{status}; no baseline to compare with"}))
            continue
        if result.id == SPEED_CHECK:
            regressions: list[CheckDelta | MetricDelta] = [m for m in comparison.metrics if m.regressed]
        else:
            regressions = [c for c in comparison.checks if c.id == result.id and c.regressed]
        if regressions:
            first = regressions[0]
            if isinstance(first, CheckDelta):
                base.anchor = f"{first.scope}-{result.id}"
            items = [describe(d) for d in regressions[1:]] + _finding_lines(result)
            more = f" (and {len(regressions) - 1} more)" if len(regressions) > 1 else ""
            out.append(base.model_copy(update={
                "outcome": "failed", "items": items[:MAX_ITEMS * 2],
                "message": f"regressed against the baseline: {describe(first)}{more}"}))
        else:
            out.append(base.model_copy(update={"message": f"{status}; no regression against the baseline"}))
    return out


# --- the command ---------------------------------------------------------------------------------

def add_parser(subparsers: Any) -> None:
    """Register `uxaudit gate` on the CLI's sub-command parsers."""
    from uxaudit.cli import _add_audit_options

    gate = subparsers.add_parser(
        "gate", help="audit a store and fail (exit 1) when a budget breaks or something regressed",
        description="Audit a store, check budgets from uxaudit.toml and compare with a baseline audit.json. "
                    "Exit 0: all error budgets hold and nothing regressed; 1: something failed; "
                    "2: usage or config error; 3: store unreachable.")
    gate.add_argument("url", nargs="?", help="the store's start page (default: url in the config file)")
    gate.add_argument("--config", type=Path, metavar="FILE",
                      help="uxaudit.toml or pyproject.toml (default: ./uxaudit.toml, else ./pyproject.toml's "
                           "[tool.uxaudit])")
    gate.add_argument("--baseline", type=Path, metavar="AUDIT",
                      help="a saved audit.json (or its folder) to compare with (default: baseline.path in the config)")
    gate.add_argument("--report-url", metavar="URL",
                      help="where report.html will be published, for links in summary.md (default: report.html)")
    _add_audit_options(gate, out_default=None)
    for action in gate._actions:
        if action.dest == "out":
            action.help = f"folder for every output file (default: out in the config file, else {DEFAULT_OUT})"
    # None means 'not given': the config file, then uxaudit's defaults, fill it in.
    gate.set_defaults(max_products=None, max_categories=None, runs=None, max_rate=None)


def settings_for(args: argparse.Namespace, config: Config) -> Settings:
    """Command-line flags first, then the config file, then Settings' defaults."""
    def pick(flag: Any, configured: Any, default: Any) -> Any:
        return flag if flag is not None else configured if configured is not None else default

    pages = tuple(args.page) if args.page else (config.pages or ())
    discover = False if args.no_discover else pick(None, config.discover, True)
    if not discover and not pages:
        raise UsageError("--no-discover (or discover = false) needs at least one page")
    return Settings(
        viewports=tuple(dict.fromkeys(args.viewports)) if args.viewports else (config.viewports or VIEWPORTS),
        max_products=pick(args.max_products, config.max_products, Settings.max_products),
        max_categories=pick(args.max_categories, config.max_categories, Settings.max_categories),
        extra_pages=pages, discover=discover, runs=pick(args.runs, config.runs, Settings.runs),
        journeys=pick(None, config.journeys, Settings.journeys),
        policy_pages=pick(None, config.policy_pages, Settings.policy_pages),
        throttle=False if args.no_throttle else pick(None, config.throttle, True),
        block_external=bool(args.block_external or config.block_external),
        concurrency=args.concurrency, browser_path=args.browser_path,
        ignore_https_errors=args.ignore_https_errors,
        respect_robots=not (args.ignore_robots or config.ignore_robots), audit_timeout_s=args.audit_timeout,
        max_rate=pick(args.max_rate, config.max_rate, Settings.max_rate), **access_settings(args, config),
    )


def _baseline(path: Path | None, checks: list[Check], err_console: Console) -> Audit | None:
    if path is None:
        return None
    try:
        saved = load(path)
    except BundleError:
        if not path.exists():
            err_console.print(f"uxaudit: warning: no baseline at {path}; checking budgets only", highlight=False)
            return None
        raise
    return Audit(evidence=saved.evidence, judgement=judge(saved.evidence, checks))


def evaluate(audit: Audit, budgets: tuple[Budget, ...] | list[Budget], baseline: Audit | None,
             tolerances: Tolerances | None = None) -> tuple[list[Assertion], Comparison | None]:
    """The gate's decision without a browser: budgets and regressions of an audit."""
    comparison = compare(baseline, audit, tolerances) if baseline is not None else None
    return assert_checks(audit, comparison) + assert_budgets(audit, budgets), comparison


def result_of(audit: Audit, assertions: list[Assertion], comparison: Comparison | None,
              baseline: Path | None = None, config: Path | None = None) -> GateResult:
    errors = sum(1 for a in assertions if a.blocking)
    warnings = sum(1 for a in assertions if a.outcome == "failed" and a.level == "warn")
    return GateResult(passed=errors == 0, exit_code=EXIT_PASSED if errors == 0 else EXIT_FAILED,
                      url=audit.evidence.site.start_url, baseline=str(baseline) if baseline else None,
                      config=str(config) if config else None, errors=errors, warnings=warnings,
                      assertions=assertions, comparison=comparison)


def write_outputs(result: GateResult, audit: Audit, out: Path, report_url: str = REPORT_FILE) -> None:
    """junit.xml, summary.md and assertions.json, atomically; the summary also to $GITHUB_STEP_SUMMARY.

    With a baseline, report.html is rendered again with a "compared with the baseline" section.
    """
    from uxaudit.reports import junit, markdown

    if result.comparison is not None:
        from uxaudit.reports.comparison import render_comparison
        from uxaudit.reports.html import render

        section = render_comparison(result.comparison, result)
        write_atomic(out / REPORT_FILE, render(audit, out, sections=[section]).encode("utf-8"))

    write_atomic(out / JUNIT_FILE, junit.render(result))
    summary = markdown.render(result, audit, report_url)
    write_atomic(out / SUMMARY_FILE, summary.encode("utf-8"))
    write_atomic(out / ASSERTIONS_FILE, result.model_dump_json(indent=1).encode("utf-8"))
    step_summary = os.environ.get(STEP_SUMMARY_ENV)
    if step_summary:
        with open(step_summary, "a", encoding="utf-8") as handle:
            handle.write(summary + "\n")


def run(args: argparse.Namespace, out_console: Console, err_console: Console) -> int:
    from uxaudit.cli import run_audit
    from uxaudit.registry import discover, select

    config = load_config(args.config) if args.config else (find() or Config())
    url = args.url or config.url
    if not url:
        raise UsageError("no store URL: give one (uxaudit gate URL) or set url in uxaudit.toml")
    settings = settings_for(args, config)
    checks = select(discover()[0], args.only, args.skip)
    baseline_path = args.baseline or config.baseline.path
    baseline = _baseline(baseline_path, checks, err_console)
    out: Path = args.out or config.out or DEFAULT_OUT
    tolerances = Tolerances(alpha=config.baseline.alpha, min_change=config.baseline.min_change,
                            tolerance=config.baseline.tolerance, min_absolute=config.baseline.min_absolute,
                            noise_factor=config.baseline.noise_factor)
    audit = run_audit(url, settings, checks, out, err_console, args.quiet)
    if audit.evidence.partial:  # budgets judged on part of a store would pass or fail by accident
        from uxaudit.partial import exit_code

        err_console.print(f"uxaudit gate: not judged: the audit is partial ({audit.evidence.partial_reason})",
                          highlight=False, markup=False)
        return exit_code(audit.evidence)
    assertions, comparison = evaluate(audit, config.budgets, baseline, tolerances)
    if comparison is not None:
        comparison.notes.insert(0, "the baseline was judged again with this run's checks")
    result = result_of(audit, assertions, comparison, baseline_path if baseline else None, config.path)
    write_outputs(result, audit, out, args.report_url or config.report_url or REPORT_FILE)
    _print(result, audit, out, out_console)
    return result.exit_code


def _print(result: GateResult, audit: Audit, out: Path, console: Console) -> None:
    overall = audit.judgement.scores.get("combined")
    score = "" if overall is None or overall.overall is None else f"overall {overall.overall:g}"
    if result.comparison is not None:
        delta = result.comparison.overall()
        if delta is not None and delta.delta is not None:
            score += f" ({delta.delta:+g} vs baseline)"
    verdict = "[green]passed[/]" if result.passed else "[red]FAILED[/]"
    counts = f"{result.errors} error{'s' * (result.errors != 1)}, {result.warnings} warning{'s' * (result.warnings != 1)}"
    console.print(f"uxaudit gate: {verdict} — {counts}" + (f" — {score}" if score else ""))
    for assertion in result.assertions:
        if assertion.outcome != "failed":
            continue
        mark = "[red]✗ error[/]" if assertion.level == "error" else "[yellow]! warn[/] "
        console.print(f"  {mark} {escape(assertion.id)}: {escape(assertion.message)}", highlight=False)
    console.print(f"Report: {out / REPORT_FILE}  JUnit: {out / JUNIT_FILE}  Summary: {out / SUMMARY_FILE}",
                  highlight=False)

