"""The benchmark report: many stores' audits side by side, as one self-contained benchmark.html.

Like report.html it is one offline file: CSS inline, charts as inline SVG drawn by
matplotlib (Agg backend, text kept as escaped ``<text>``), screenshots as data URIs, and
a Content-Security-Policy that allows no script at all. Every string from a store (its
name, URL, group, summaries) is escaped by jinja2's autoescape; in the charts matplotlib
escapes it, and ``$`` is escaped first so a name is never read as mathtext.

The page: a leaderboard, category scores per store (bar chart), a check × store heatmap,
"where you lead" and "where you lag" (biggest gaps first), key metrics, and side-by-side
evidence for the decisive checks, each with the research base rate beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from uxaudit.benchmark.baserates import BaseRate, base_rate
from uxaudit.benchmark.run import StoreOutcome
from uxaudit.benchmark.table import Gap, check_ids, decisive, gaps
from uxaudit.categories import CATEGORIES
from uxaudit.check import Check
from uxaudit.scoring import band

TEMPLATE = "benchmark.html.j2"
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")
"""No script at all; only inline styles and data: images."""

THUMB_WIDTH = 240
"""Pixels of an embedded side-by-side screenshot: small, a phone column at a glance."""
THUMB_RATIO = 1.8
"""Height/width kept of a mobile screenshot: the phone's first screen."""
JPEG_QUALITY = 60
MAX_LABEL = 26
"""Characters of a store or check name shown in a chart before an ellipsis."""
DECISIVE_COUNT = 4
SUMMARY_CHARS = 180
"""Characters of a check's summary under each store's screenshot; the store's own report has the rest."""
GAPS_OPEN = 5
"""Leads or lags listed before the rest fold into a <details>."""

STATUS_LABELS: dict[str, str] = {
    "pass": "Pass", "warn": "Needs work", "fail": "Fail", "n/a": "Could not evaluate", "error": "Could not evaluate",
}
BAND_CLASSES: dict[str, str] = {"good": "good", "needs work": "average", "poor": "poor", "n/a": "na"}
CHECKOUT_EVIDENCE = {"guest-checkout", "checkout-friction", "payment-options"}
"""Checks whose side-by-side evidence is the checkout entry; the others show the product page."""
EVIDENCE_LABELS = {"product": "Product page, phone", "checkout": "Checkout entry, phone"}
COLORS = {"good": "#0cce6b", "average": "#ffa400", "poor": "#ff4e42", "na": "#d5d9df",
          "good_bg": "#bfeccf", "average_bg": "#ffe0a8", "poor_bg": "#ffc9c4", "ink": "#1d2430", "muted": "#556070"}
STORE_PALETTE = ("#8da0b8", "#c49a6c", "#7fb3a6", "#b48ead", "#a3a86b", "#d08770", "#6f8fbf", "#9c9c9c")
"""Competitors' bar colours (muted); "your" store is drawn in ink."""


# --- view types ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    text: str
    css: str = "na"


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None


@dataclass(frozen=True)
class StoreRow:
    rank: str
    name: str
    url: Link
    group: str
    yours: bool
    audited: bool
    error: str
    overall: Cell
    mobile: Cell
    desktop: Cell
    categories: list[Cell]
    fails: str
    report: str | None
    seconds: str


@dataclass(frozen=True)
class GapView:
    title: str
    yours: str
    rival: str
    theirs: str
    gap: str
    your_status: str
    their_status: str
    base_rate: BaseRate | None


@dataclass(frozen=True)
class Thumb:
    css_class: str | None
    alt: str


@dataclass(frozen=True)
class SideCell:
    store: str
    yours: bool
    status: str
    status_css: str
    score: str
    summary: str
    shot: Thumb


@dataclass(frozen=True)
class SideBySide:
    check: str
    title: str
    evidence: str
    base_rate: BaseRate | None
    cells: list[SideCell]


@dataclass
class BenchmarkView:
    reference: str
    date: str
    tool_version: str
    stores: list[StoreRow]
    category_titles: list[str]
    failed: list[StoreRow]
    lead: list[GapView]
    lag: list[GapView]
    metric_headers: list[str]
    metric_rows: list[tuple[str, bool, list[str]]]
    side_by_side: list[SideBySide]
    charts: dict[str, Markup] = field(default_factory=dict)
    images: list[tuple[str, str]] = field(default_factory=list)


# --- small helpers ---------------------------------------------------------------------------------

def _num(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _text(value: Any) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else str(value)


def score_cell(value: Any) -> Cell:
    number = _num(value)
    if number is None:
        return Cell("—", "na")
    return Cell(f"{number:.0f}", BAND_CLASSES[band(number)])


def safe_link(url: str) -> Link:
    """Link only http(s) URLs; anything else is shown as text."""
    return Link(url, url if re.match(r"^https?://", url, re.IGNORECASE) else None)


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chart_label(text: str, limit: int = MAX_LABEL) -> str:
    """A label matplotlib draws literally: '$' would start mathtext."""
    return _short(text, limit).replace("\\", "\\\\").replace("$", r"\$")


def check_titles(outcomes: Sequence[StoreOutcome], checks: Mapping[str, Check]) -> dict[str, str]:
    titles: dict[str, str] = {cid: c.title for cid, c in checks.items()}
    for outcome in outcomes:
        if outcome.ok:
            for result in outcome.audit.judgement.combined:
                titles.setdefault(result.id, result.title)
    return titles


# --- charts (matplotlib, Agg, inline SVG) -------------------------------------------------------

def _svg(fig: Any, salt: str) -> Markup:
    """The figure as an inline <svg> that scales with its container, ids unique per chart."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'(<svg[^>]*?)\s(width|height)="[^"]*"', r"\1", svg, count=1)
    svg = re.sub(r'(<svg[^>]*?)\s(width|height)="[^"]*"', r"\1", svg, count=1)
    # ids are unique within one figure; prefix them so several figures can share a page
    svg = re.sub(r'id="([^"]+)"', rf'id="{salt}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{salt}-\1)', svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{salt}-\1"', svg)
    svg = svg.replace("<svg ", '<svg role="img" class="chart-svg" ', 1)
    return Markup(svg)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 10,
                         "axes.edgecolor": "#c5ccd6", "axes.labelcolor": COLORS["ink"],
                         "xtick.color": COLORS["muted"], "ytick.color": COLORS["ink"], "text.usetex": False,
                         "svg.hashsalt": "uxaudit"})
    return plt


def category_chart(frame: pd.DataFrame, reference: str) -> Markup | None:
    """Grouped horizontal bars: each category, one bar per audited store; yours in ink."""
    audited = frame[frame["audited"].astype(bool)]
    cats = [c for c in CATEGORIES if f"category.{c.id}" in audited and audited[f"category.{c.id}"].notna().any()]
    if audited.empty or not cats:
        return None
    plt = _pyplot()
    stores = list(audited.index)
    n = len(stores)
    bar = 0.8 / n
    fig, ax = plt.subplots(figsize=(5.6, 0.6 + len(cats) * (0.3 + n * 0.24)))
    others = iter(STORE_PALETTE * (n // len(STORE_PALETTE) + 1))
    for i, name in enumerate(stores):
        color = COLORS["ink"] if name == reference else next(others)
        ys = [j + (i - (n - 1) / 2) * bar for j in range(len(cats))]
        values = [_num(audited.at[name, f"category.{c.id}"]) for c in cats]
        label = chart_label(str(name)) + (" (you)" if name == reference else "")
        ax.barh(ys, [v or 0 for v in values], height=bar * 0.9, color=color, label=label)
        for y, v in zip(ys, values, strict=True):
            ax.text((v or 0) + 1, y, "n/a" if v is None else f"{v:.0f}", va="center", fontsize=8.5,
                    color=COLORS["muted"])
    ax.set_yticks(range(len(cats)), [chart_label(c.title) for c in cats])
    ax.invert_yaxis()
    ax.set_xlim(0, 108)
    ax.set_xticks([0, 50, 90, 100])
    for x, key in ((50, "average"), (90, "good")):
        ax.axvline(x, color=COLORS[key], linewidth=0.8, linestyle=(0, (3, 3)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("category score (0–100; 50 needs work, 90 good)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(n, 2), frameon=False, fontsize=9,
              borderaxespad=0.3, handlelength=1.2)
    return _svg(fig, "cat")


def heatmap(frame: pd.DataFrame, titles: Mapping[str, str], reference: str) -> Markup | None:
    """Checks (rows) × audited stores (columns), coloured by band, each cell labelled with its score."""
    audited = frame[frame["audited"].astype(bool)]
    ids = check_ids(frame)
    if audited.empty or not ids:
        return None
    plt = _pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap

    stores = list(audited.index)
    values = [[_num(audited.at[s, f"check.{c}"]) for s in stores] for c in ids]
    matrix = [[float("nan") if v is None else v for v in row] for row in values]
    cmap = ListedColormap([COLORS["poor_bg"], COLORS["average_bg"], COLORS["good_bg"]]).with_extremes(
        bad=COLORS["na"])
    norm = BoundaryNorm([0, 50, 90, 100.5], cmap.N)
    width = min(11.0, 2.6 + 1.05 * len(stores))
    fig, ax = plt.subplots(figsize=(width, 0.6 + 0.34 * len(ids)))
    ax.imshow(matrix, cmap=cmap, norm=norm, aspect="auto")
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            status = _text(audited.at[stores[c], f"status.{ids[r]}"]) if f"status.{ids[r]}" in audited else ""
            text = f"{v:.0f}" if v is not None else ("err" if status == "error" else "n/a")
            ax.text(c, r, text, ha="center", va="center", fontsize=8.5, color=COLORS["ink"],
                    fontweight="bold" if stores[c] == reference else "normal")
    ax.set_xticks(range(len(stores)), [chart_label(str(s)) + ("\n(you)" if s == reference else "") for s in stores])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(ids)), [chart_label(titles.get(c, c), 34) for c in ids])
    ax.set_xticks([x - 0.5 for x in range(1, len(stores))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(ids))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return _svg(fig, "heat")


# --- screenshots ---------------------------------------------------------------------------------

def thumbnail(folder: Path, relpath: str) -> str | None:
    """A small JPEG data URI of the top of a phone screenshot; None when missing or unreadable."""
    from PIL import Image

    from .images import jpeg_data_uri, open_rgb

    rgb = open_rgb(folder, relpath)
    if rgb is None:
        return None
    keep = min(rgb.height, round(rgb.width * THUMB_RATIO))
    rgb = rgb.crop((0, 0, rgb.width, keep))
    if rgb.width > THUMB_WIDTH:
        rgb = rgb.resize((THUMB_WIDTH, max(1, round(keep * THUMB_WIDTH / rgb.width))), Image.Resampling.LANCZOS)
    return jpeg_data_uri(rgb)


def evidence_shot(outcome: StoreOutcome, which: str) -> str | None:
    """The store's mobile product page or checkout-entry screenshot path, relative to its folder."""
    if not outcome.ok:
        return None
    evidence = outcome.audit.evidence
    if which == "product":
        for page in evidence.pages:
            if page.kind == "product" and page.viewport == "mobile" and page.loaded and page.screenshot:
                return str(page.screenshot.path)
        return None
    for journey in evidence.journeys:
        if journey.name == "checkout" and journey.viewport == "mobile":
            for stage in ("checkout-entry", "checkout-address"):
                step = next((s for s in journey.steps if s.stage == stage and s.screenshot), None)
                if step and step.screenshot:
                    return str(step.screenshot.path)
    return None


class Thumbs:
    """Each screenshot encoded once and used by CSS class, however often it is shown."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], str | None] = {}
        self.images: list[tuple[str, str]] = []

    def get(self, outcome: StoreOutcome, which: str) -> str | None:
        relpath = evidence_shot(outcome, which)
        if relpath is None or outcome.folder is None:
            return None
        key = (str(outcome.folder), relpath)
        if key not in self._by_key:
            uri = thumbnail(outcome.folder, relpath)
            css = None
            if uri is not None:
                css = f"t{len(self.images)}"
                self.images.append((css, uri))
            self._by_key[key] = css
        return self._by_key[key]


# --- building the view ---------------------------------------------------------------------------

def _gap_view(gap: Gap, titles: Mapping[str, str]) -> GapView:
    return GapView(title=titles.get(gap.check, gap.check), yours=f"{gap.yours:.0f}", rival=gap.rival,
                   theirs=f"{gap.theirs:.0f}", gap=f"{gap.gap:+.0f}".replace("-", "−"),
                   your_status=STATUS_LABELS.get(gap.your_status or "", ""),
                   their_status=STATUS_LABELS.get(gap.their_status or "", ""), base_rate=gap.base_rate)


def _fmt_ms(value: Any) -> str:
    number = _num(value)
    if number is None:
        return "—"
    return f"{number / 1000:.1f} s" if number >= 1000 else f"{number:.0f} ms"


METRICS: tuple[tuple[str, str], ...] = (
    ("lcp_ms.home.mobile", "LCP home, phone"),
    ("lcp_ms.product.mobile", "LCP product, phone"),
    ("lcp_ms.product.desktop", "LCP product, desktop"),
    ("checkout_fields", "Checkout text fields"),
    ("shipping_stage", "Shipping cost first shown"),
    ("guest_checkout", "Guest checkout"),
)


def build_view(frame: pd.DataFrame, outcomes: Sequence[StoreOutcome], checks: Mapping[str, Check]) -> BenchmarkView:
    marked = frame.index[frame["reference"].astype(bool)]
    reference = str(marked[0]) if len(marked) else str(frame.index[0])
    titles = check_titles(outcomes, checks)
    cat_ids = [c for c in CATEGORIES if f"category.{c.id}" in frame]
    by_name = {o.store.name: o for o in outcomes}
    rows: list[StoreRow] = []
    for name, row in frame.iterrows():
        audited = bool(row.get("audited"))
        seconds = _num(row.get("seconds"))
        rows.append(StoreRow(
            rank=_text(row.get("rank")) or "—", name=str(name), url=safe_link(_text(row.get("url"))),
            group=_text(row.get("group")), yours=str(name) == reference, audited=audited,
            error=_text(row.get("error")), overall=score_cell(row.get("overall")),
            mobile=score_cell(row.get("overall.mobile")), desktop=score_cell(row.get("overall.desktop")),
            categories=[score_cell(row.get(f"category.{c.id}")) for c in cat_ids],
            fails=_text(row.get("fails")).removesuffix(".0") or "—",
            report=f"{row['folder']}/report.html" if audited and _text(row.get("folder")) else None,
            seconds=f"{seconds:.0f} s" if seconds is not None else "—"))
    ranked = sorted([r for r in rows if r.audited], key=lambda r: (int(r.rank) if r.rank.isdigit() else 10**6))
    failed = [r for r in rows if not r.audited]
    lead, lag = gaps(frame, reference)
    thumbs = Thumbs()
    sides: list[SideBySide] = []
    for check in decisive(frame, DECISIVE_COUNT):
        which = "checkout" if check in CHECKOUT_EVIDENCE else "product"
        cells = []
        for r in ranked:
            outcome = by_name.get(r.name)
            status = _text(frame.at[r.name, f"status.{check}"]) if f"status.{check}" in frame else ""
            summary = ""
            if outcome is not None and outcome.ok:
                # the evidence shown is the phone's, so is the summary (the combined one says both viewports)
                result = next((x for x in outcome.audit.judgement.checks if x.id == check and x.viewport == "mobile"),
                              None) or next((x for x in outcome.audit.judgement.combined if x.id == check), None)
                summary = _short(result.summary, SUMMARY_CHARS) if result else ""
            css = thumbs.get(outcome, which) if outcome is not None else None
            cells.append(SideCell(store=r.name, yours=r.yours, status=STATUS_LABELS.get(status, status or "—"),
                                  status_css={"error": "na", "n/a": "na"}.get(status, status or "na"),
                                  score=score_cell(frame.at[r.name, f"check.{check}"]).text, summary=summary,
                                  shot=Thumb(css, f"{EVIDENCE_LABELS[which]} of {r.name}")))
        sides.append(SideBySide(check=check, title=titles.get(check, check), evidence=EVIDENCE_LABELS[which],
                                base_rate=base_rate(check), cells=cells))
    metric_rows: list[tuple[str, bool, list[str]]] = []
    for r in ranked:
        values = []
        for column, _ in METRICS:
            value = frame.at[r.name, column] if column in frame else None
            values.append(_fmt_ms(value) if column.startswith("lcp_ms") else
                          (_text(value).removesuffix(".0") or "—"))
        metric_rows.append((r.name, r.yours, values))
    import uxaudit

    view = BenchmarkView(
        reference=reference, date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        tool_version=uxaudit.__version__, stores=ranked, category_titles=[c.title for c in cat_ids], failed=failed,
        lead=[_gap_view(g, titles) for g in lead], lag=[_gap_view(g, titles) for g in lag],
        metric_headers=[label for _, label in METRICS], metric_rows=metric_rows, side_by_side=sides)
    view.images = thumbs.images
    return view


def environment() -> Environment:
    return Environment(loader=PackageLoader("uxaudit.reports", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_benchmark(frame: pd.DataFrame, outcomes: Sequence[StoreOutcome], *,
                     checks: Mapping[str, Check] | None = None, charts: bool = True) -> str:
    """The complete benchmark.html for the table and the stores' outcomes (their folders hold the screenshots)."""
    if checks is None:
        from .html import installed_checks

        checks = installed_checks()
    view = build_view(frame, outcomes, checks)
    if charts and view.stores:
        titles = check_titles(outcomes, checks)
        for key, chart in (("categories", category_chart(frame, view.reference)),
                           ("heatmap", heatmap(frame, titles, view.reference))):
            if chart is not None:
                view.charts[key] = chart
    return environment().get_template(TEMPLATE).render(view=view, csp=CSP, gaps_open=GAPS_OPEN)
