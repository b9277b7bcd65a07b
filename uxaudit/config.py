"""uxaudit.toml: which store to audit, how, and the budgets the CI gate holds it to.

The same keys can live in ``pyproject.toml`` under ``[tool.uxaudit]``. The file is read
with the standard library's tomllib and every key is checked: an unknown key or a bad
value is a :class:`~uxaudit.errors.UsageError` (exit 2) that names the key and its line,
e.g. ``uxaudit.toml, line 12: unknown key budgets.metrics.lcp; known: cls, fcp_ms, ...``.
tomllib reports no positions for keys, so the line is found by scanning the text for
the table header and the key (see :func:`line_of`). Every key is documented in
docs/config.md.

Command-line flags win over the file; the file wins over uxaudit's defaults.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NoReturn, get_args

from uxaudit.categories import BY_ID as CATEGORY_IDS
from uxaudit.errors import UsageError
from uxaudit.evidence import VIEWPORTS, PageKind, Viewport

CONFIG_FILE = "uxaudit.toml"
PYPROJECT_FILE = "pyproject.toml"

Level = Literal["warn", "error"]
LEVELS: tuple[Level, ...] = ("warn", "error")
PAGE_KINDS: tuple[str, ...] = get_args(PageKind)

METRICS: dict[str, str] = {
    "cls": "Cumulative Layout Shift of a page (unitless, median of runs)",
    "fcp_ms": "First Contentful Paint of a page, ms (median of runs)",
    "lcp_ms": "Largest Contentful Paint of a page, ms (median of runs)",
    "tbt_ms": "Total Blocking Time of a page, ms (median of runs)",
    "ttfb_ms": "Time to First Byte of a page, ms (median of runs)",
    "page_bytes": "bytes a page transfers",
    "image_bytes": "image bytes a page transfers",
    "third_party_bytes": "bytes a page transfers from other hosts",
    "requests": "requests a page makes",
    "checkout_fields": "text fields from cart to review (checkout-friction's count)",
}
"""Metric budgets: the maximum value of each, per page unless it says otherwise."""
PAGE_METRICS: tuple[str, ...] = tuple(m for m in METRICS if m != "checkout_fields")
SPEED_METRICS: tuple[str, ...] = ("lcp_ms", "fcp_ms", "tbt_ms", "cls", "ttfb_ms")
"""Lab metrics measured once per run (``PageEvidence.runs``), compared against a baseline."""

DEFAULT_ALPHA = 0.05
"""Significance of the one-sided Mann-Whitney U test (3 runs a side can reach p = 0.05 at best)."""
DEFAULT_MIN_CHANGE = 0.10
"""With a significant U test, the median must also be 10% worse: Lighthouse runs vary 9-13% (CHECKS.md)."""
DEFAULT_TOLERANCE = 0.20
"""With fewer than 3 runs a side there is no test: only a change beyond twice a run's noise counts."""
DEFAULT_NOISE_FACTOR = 1.0
"""With 3+ runs a side, the medians must also differ by more than this many times the wider of the
two samples' ranges. Runs of one audit share the machine's load of that minute, so two audits'
runs can be cleanly apart (p = 0.05) from load alone; measured on the demo store, 4 of 6 pairs of
audits of an unchanged store 'regressed' on the U test and 10% alone."""
DEFAULT_MIN_ABSOLUTE: dict[str, float] = {
    # Smaller changes never count, whatever the statistics: below 100 ms a delay feels
    # instant (Nielsen's 0.1 s); 50 ms is a long task's own threshold; 0.02 CLS is a fifth
    # of the 'good' limit. They stop a 40 ms page from 'regressing' by 60%.
    "lcp_ms": 100.0, "fcp_ms": 100.0, "ttfb_ms": 100.0, "tbt_ms": 50.0, "cls": 0.02,
}


@dataclass(frozen=True)
class Budget:
    """One limit the gate asserts: a minimum score (0-100) or a maximum metric value."""

    key: str
    """Where it was set, e.g. ``budgets.metrics.product.lcp_ms``; also the assertion's id."""
    target: Literal["score", "check", "metric"]
    name: str
    """A category id or 'overall' (score), a check id (check), or a metric name (metric)."""
    limit: float
    level: Level = "error"
    page_kind: str | None = None
    """For a metric budget set for one kind of page only (an override)."""
    line: int | None = None

    @property
    def is_minimum(self) -> bool:
        return self.target != "metric"


@dataclass(frozen=True)
class BaselineConfig:
    """How a new audit is compared with a saved one (see uxaudit.baseline)."""

    path: Path | None = None
    alpha: float = DEFAULT_ALPHA
    min_change: float = DEFAULT_MIN_CHANGE
    tolerance: float = DEFAULT_TOLERANCE
    min_absolute: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MIN_ABSOLUTE))
    noise_factor: float = DEFAULT_NOISE_FACTOR


@dataclass(frozen=True)
class Config:
    """What a config file says; None means 'not set here' (the CLI or the defaults decide)."""

    path: Path | None = None
    url: str | None = None
    out: Path | None = None
    viewports: tuple[Viewport, ...] | None = None
    pages: tuple[str, ...] | None = None
    discover: bool | None = None
    journeys: tuple[str, ...] | None = None
    runs: int | None = None
    max_products: int | None = None
    max_categories: int | None = None
    throttle: bool | None = None
    policy_pages: bool | None = None
    block_external: bool | None = None
    ignore_robots: bool | None = None
    max_rate: float | None = None
    http_credentials: str | None = field(default=None, repr=False)
    """From [access]; secrets in a config file are best written as "${ENV_VAR}" (see uxaudit.access)."""
    headers: tuple[str, ...] | None = field(default=None, repr=False)
    cookies: tuple[str, ...] | None = field(default=None, repr=False)
    storage_state: Path | None = None
    report_url: str | None = None
    baseline: BaselineConfig = field(default_factory=BaselineConfig)
    budgets: tuple[Budget, ...] = ()


# --- finding a key's line ------------------------------------------------------------------------

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY)


def _parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for raw in _PART.findall(dotted):
        parts.append(tomllib.loads(f"k = {raw}")["k"] if raw[0] in "\"'" else raw)
    return tuple(parts)


class _Continuation:
    """Tracks whether a value goes on to the next line: open brackets or a multi-line string."""

    def __init__(self) -> None:
        self.depth = 0
        self.string: str | None = None

    @property
    def open(self) -> bool:
        return self.depth > 0 or self.string is not None

    def feed(self, text: str) -> None:
        i = 0
        while i < len(text):
            if self.string is not None:
                if self.string in ('"', '"""') and text[i] == "\\":
                    i += 2
                    continue
                if text.startswith(self.string, i):
                    i += len(self.string)
                    self.string = None
                    continue
                i += 1
                continue
            char = text[i]
            if char == "#":
                break
            if text.startswith('"""', i) or text.startswith("'''", i):
                self.string = text[i:i + 3]
                i += 3
                continue
            if char in "\"'":
                self.string = char
            elif char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth -= 1
            i += 1
        if self.string in ('"', "'"):
            self.string = None  # a one-line string cannot span lines (tomllib has rejected it already)


def line_of(text: str, path: tuple[str, ...]) -> int | None:
    """The 1-based line that sets ``path`` (or the deepest table or key above it), None if absent.

    Reads table headers (``[a.b]``) and assignments (``key = ...``, dotted keys, quoted keys),
    skipping the inside of multi-line arrays and strings. A key inside an inline table
    (``speed = { level = "warn" }``) is reported at the line of the inline table.
    """
    best: tuple[int, int] | None = None  # (depth matched, line)
    table: tuple[str, ...] = ()
    value = _Continuation()
    for number, line in enumerate(text.splitlines(), start=1):
        if value.open:
            value.feed(line)
            continue
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(1))
            here = table
        else:
            assign = _ASSIGN.match(line)
            if not assign:
                continue
            here = table + _parts(assign.group(1))
            value.feed(line[assign.end():])
        if path[:len(here)] == here and (best is None or len(here) > best[0]):
            best = (len(here), number)
    return None if best is None else best[1]


# --- reading and checking -----------------------------------------------------------------------

class _Reader:
    """Validates the parsed document, turning each problem into one line naming key and line."""

    def __init__(self, text: str, name: str, root: tuple[str, ...]) -> None:
        self.text = text
        self.name = name
        self.root = root

    def fail(self, path: tuple[str, ...], message: str) -> NoReturn:
        line = line_of(self.text, self.root + path)
        where = f"{self.name}, line {line}" if line else self.name
        raise UsageError(f"{where}: {message}")

    @staticmethod
    def dotted(path: tuple[str, ...]) -> str:
        return ".".join(p if re.fullmatch(r"[A-Za-z0-9_-]+", p) else f'"{p}"' for p in path)

    def known(self, table: dict[str, Any], path: tuple[str, ...], known: list[str], what: str = "known") -> None:
        for key in table:
            if key not in known:
                self.fail(path + (key,), f"unknown key {self.dotted(path + (key,))}; {what}: {', '.join(known)}")

    def table(self, value: Any, path: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"{self.dotted(path)} must be a table, not {_show(value)}")
        return value

    def string(self, value: Any, path: tuple[str, ...]) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{self.dotted(path)} must be a non-empty string, not {_show(value)}")
        return value.strip()

    def boolean(self, value: Any, path: tuple[str, ...]) -> bool:
        if not isinstance(value, bool):
            self.fail(path, f"{self.dotted(path)} must be true or false, not {_show(value)}")
        return value

    def integer(self, value: Any, path: tuple[str, ...], minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(path, f"{self.dotted(path)} must be a whole number of {minimum} or more, not {_show(value)}")
        return value

    def number(self, value: Any, path: tuple[str, ...], low: float = 0.0, high: float = math.inf,
               low_open: bool = False) -> float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if ok and (value < low or (low_open and value == low) or value > high):
            ok = False
        if not ok:
            bound = f"above {low:g}" if low_open else f"at least {low:g}"
            if high != math.inf:
                bound += f" and at most {high:g}"
            self.fail(path, f"{self.dotted(path)} must be a number {bound}, not {_show(value)}")
        return float(value)

    def strings(self, value: Any, path: tuple[str, ...], choices: tuple[str, ...] | None = None,
                allow_empty: bool = True) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(path, f"{self.dotted(path)} must be a list of strings, not {_show(value)}")
        if not value and not allow_empty:
            self.fail(path, f"{self.dotted(path)} must list at least one value")
        if choices is not None:
            for item in value:
                if item not in choices:
                    self.fail(path, f"{self.dotted(path)} has unknown value {item!r}; choose from {', '.join(choices)}")
        return tuple(dict.fromkeys(value))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


TOP_KEYS = ["url", "out", "viewports", "pages", "discover", "journeys", "runs", "max_products", "max_categories",
            "throttle", "policy_pages", "block_external", "ignore_robots", "max_rate", "report_url", "access",
            "baseline", "budgets"]
ACCESS_KEYS = ["http_credentials", "headers", "cookies", "storage_state"]
BASELINE_KEYS = ["path", "alpha", "min_change", "tolerance", "noise_factor", "min_absolute"]
BUDGET_KEYS = ["level", "scores", "checks", "metrics"]


def parse(text: str, name: str = CONFIG_FILE, path: Path | None = None) -> Config:
    """Parse and check a config document (uxaudit.toml, or pyproject.toml's [tool.uxaudit])."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{name}: not valid TOML: {exc}") from None
    root: tuple[str, ...] = ()
    if Path(name).name == PYPROJECT_FILE:
        root = ("tool", "uxaudit")
        document = document.get("tool", {}).get("uxaudit")
        if document is None:
            raise UsageError(f"{name} has no [tool.uxaudit] table")
    reader = _Reader(text, name, root)
    data = reader.table(document, ())
    reader.known(data, (), TOP_KEYS)
    base = path.parent if path is not None else Path.cwd()

    def get(key: str) -> Any:
        return data.get(key)

    from uxaudit.journeys import JOURNEYS

    values: dict[str, Any] = {}
    if "url" in data:
        values["url"] = reader.string(get("url"), ("url",))
    if "report_url" in data:
        values["report_url"] = reader.string(get("report_url"), ("report_url",))
    if "out" in data:
        values["out"] = base / reader.string(get("out"), ("out",))
    if "viewports" in data:
        values["viewports"] = reader.strings(get("viewports"), ("viewports",), VIEWPORTS, allow_empty=False)
    if "pages" in data:
        values["pages"] = reader.strings(get("pages"), ("pages",))
    if "journeys" in data:
        values["journeys"] = reader.strings(get("journeys"), ("journeys",), tuple(JOURNEYS))
    for key in ("discover", "throttle", "policy_pages", "block_external", "ignore_robots"):
        if key in data:
            values[key] = reader.boolean(get(key), (key,))
    if "runs" in data:
        values["runs"] = reader.integer(get("runs"), ("runs",), 1)
    for key in ("max_products", "max_categories"):
        if key in data:
            values[key] = reader.integer(get(key), (key,), 0)
    if "max_rate" in data:
        values["max_rate"] = reader.number(get("max_rate"), ("max_rate",))
    if "access" in data:
        values.update(_access(reader, reader.table(get("access"), ("access",)), base))
    if "baseline" in data:
        values["baseline"] = _baseline(reader, reader.table(get("baseline"), ("baseline",)), base)
    if "budgets" in data:
        values["budgets"] = _budgets(reader, reader.table(get("budgets"), ("budgets",)))
    return Config(path=path, **values)


def _access(reader: _Reader, table: dict[str, Any], base: Path) -> dict[str, Any]:
    """[access]: values may name environment variables as "${NAME}", so secrets stay out of the file."""
    from uxaudit.access import expand_environment, parse_cookie, parse_credentials, parse_header

    where = ("access",)
    reader.known(table, where, ACCESS_KEYS)

    def expand(value: str, path: tuple[str, ...]) -> str:
        try:
            return expand_environment(value)
        except KeyError as exc:
            reader.fail(path, f"{reader.dotted(path)} names the environment variable {exc.args[0]}, which is not set")

    values: dict[str, Any] = {}
    if "http_credentials" in table:
        path = where + ("http_credentials",)
        values["http_credentials"] = expand(reader.string(table["http_credentials"], path), path)
        try:
            parse_credentials(values["http_credentials"], reader.dotted(path))
        except UsageError as exc:
            reader.fail(path, str(exc))
    for key, parse in (("headers", parse_header), ("cookies", parse_cookie)):
        if key in table:
            path = where + (key,)
            items = tuple(expand(item, path) for item in reader.strings(table[key], path))
            for item in items:
                try:
                    parse(item, reader.dotted(path))
                except UsageError as exc:
                    reader.fail(path, str(exc))
            values[key] = items
    if "storage_state" in table:
        path = where + ("storage_state",)
        values["storage_state"] = base / expand(reader.string(table["storage_state"], path), path)
    return values


def _baseline(reader: _Reader, table: dict[str, Any], base: Path) -> BaselineConfig:
    where = ("baseline",)
    reader.known(table, where, BASELINE_KEYS)
    values: dict[str, Any] = {}
    if "path" in table:
        values["path"] = base / reader.string(table["path"], where + ("path",))
    if "alpha" in table:
        values["alpha"] = reader.number(table["alpha"], where + ("alpha",), 0, 1, low_open=True)
    for key in ("min_change", "tolerance", "noise_factor"):
        if key in table:
            values[key] = reader.number(table[key], where + (key,))
    if "min_absolute" in table:
        floors = reader.table(table["min_absolute"], where + ("min_absolute",))
        reader.known(floors, where + ("min_absolute",), list(SPEED_METRICS), "speed metrics")
        values["min_absolute"] = {**DEFAULT_MIN_ABSOLUTE, **{
            k: reader.number(v, where + ("min_absolute", k)) for k, v in floors.items()}}
    return BaselineConfig(**values)


def _budgets(reader: _Reader, table: dict[str, Any]) -> tuple[Budget, ...]:
    where = ("budgets",)
    reader.known(table, where, BUDGET_KEYS)
    default: Level = "error"
    if "level" in table:
        default = _level(reader, table["level"], where + ("level",))
    budgets: list[Budget] = []
    if "scores" in table:
        scores = reader.table(table["scores"], where + ("scores",))
        known = ["overall", *CATEGORY_IDS]
        for key, value in scores.items():
            if key not in known and key not in _plugin_categories():
                reader.fail(where + ("scores", key),
                            f"unknown key {reader.dotted(where + ('scores', key))}; categories: {', '.join(known)}")
            budgets.append(_budget(reader, where + ("scores", key), value, "score", key, default))
    if "checks" in table:
        checks = reader.table(table["checks"], where + ("checks",))
        installed = _check_ids()
        for key, value in checks.items():
            if key not in installed:
                reader.fail(where + ("checks", key),
                            f"unknown check {reader.dotted(where + ('checks', key))}; installed: {', '.join(installed)}")
            budgets.append(_budget(reader, where + ("checks", key), value, "check", key, default))
    if "metrics" in table:
        metrics = reader.table(table["metrics"], where + ("metrics",))
        for key, value in metrics.items():
            path = where + ("metrics", key)
            if key in METRICS:
                budgets.append(_budget(reader, path, value, "metric", key, default))
            elif key in PAGE_KINDS:
                overrides = reader.table(value, path)
                for metric, limit in overrides.items():
                    if metric not in PAGE_METRICS:
                        reader.fail(path + (metric,), f"unknown key {reader.dotted(path + (metric,))}; "
                                                      f"page metrics: {', '.join(PAGE_METRICS)}")
                    budgets.append(_budget(reader, path + (metric,), limit, "metric", metric, default, page_kind=key))
            else:
                reader.fail(path, f"unknown key {reader.dotted(path)}; metrics: {', '.join(METRICS)}; "
                                  f"or a page kind for overrides: {', '.join(PAGE_KINDS)}")
    return tuple(budgets)


def _level(reader: _Reader, value: Any, path: tuple[str, ...]) -> Level:
    if value not in LEVELS:
        reader.fail(path, f"{reader.dotted(path)} must be \"warn\" or \"error\", not {_show(value)}")
    return value  # type: ignore[no-any-return]


def _budget(reader: _Reader, path: tuple[str, ...], value: Any, target: Literal["score", "check", "metric"],
            name: str, default: Level, page_kind: str | None = None) -> Budget:
    bound = "max" if target == "metric" else "min"
    level = default
    if isinstance(value, dict):
        reader.known(value, path, [bound, "level"])
        if bound not in value:
            reader.fail(path, f"{reader.dotted(path)} needs {bound} = <number>")
        if "level" in value:
            level = _level(reader, value["level"], path + ("level",))
        value, path_value = value[bound], path + (bound,)
    else:
        path_value = path
    high = 100.0 if target != "metric" else math.inf
    limit = reader.number(value, path_value, 0, high)
    return Budget(key=".".join(path), target=target, name=name, limit=limit, level=level, page_kind=page_kind,
                  line=line_of(reader.text, reader.root + path))


def _check_ids() -> list[str]:
    """Installed check ids, including plugins registered but broken (they are reported at run time)."""
    from uxaudit.registry import discover

    checks, broken = discover()
    return sorted({c.id for c in checks} | {b.name for b in broken})


def _plugin_categories() -> set[str]:
    from uxaudit.registry import discover

    return {c.category for c in discover()[0]}


def load(path: Path) -> Config:
    """Read a config file; a UsageError if it is missing, unreadable or wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"no config file at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    return parse(text, str(path), path)


def find(folder: Path | None = None) -> Config | None:
    """uxaudit.toml in ``folder`` (default: the working folder), else pyproject.toml's [tool.uxaudit]."""
    folder = folder or Path()  # relative, so errors say "uxaudit.toml, line 3"
    candidate = folder / CONFIG_FILE
    if candidate.is_file():
        return load(candidate)
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file():
        try:
            document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None  # not ours to judge unless it has our table; an explicit --config would say why
        if "uxaudit" in document.get("tool", {}):
            return load(pyproject)
    return None
