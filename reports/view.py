"""The report's view model: an Audit turned into plain, display-ready values.

Templates stay free of logic (and so easy to review for escaping): every label, number
format, link decision and screenshot crop is made here, in small tested functions. The
terminal summary reads the same view, so both reports say the same thing.

Nothing here marks text as safe HTML: every string from the store stays a plain ``str``
and is escaped by the template engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import uxaudit
from uxaudit.bundle import Audit
from uxaudit.categories import BY_ID, CATEGORIES, category
from uxaudit.check import Check, CheckResult, Finding, Status
from uxaudit.evidence import Box, JourneyEvidence, JourneyStep, PageEvidence, Screenshot, Viewport
from uxaudit.judge import Scores
from uxaudit.scoring import band

from .images import ImageStore

# --- user-facing strings ---------------------------------------------------------------------

TAB_LABELS: dict[str, str] = {"combined": "Combined", "mobile": "Phone", "desktop": "Desktop"}
TAB_HINTS: dict[str, str] = {
    "combined": "both viewports",
    "mobile": "412 px, slow 4G",
    "desktop": "1350 px, cable",
}
VIEWPORT_LABELS: dict[str, str] = {"mobile": "Phone", "desktop": "Desktop"}
STATUS_LABELS: dict[str, str] = {
    "pass": "Pass", "warn": "Needs work", "fail": "Fail", "n/a": "Could not evaluate", "error": "Could not evaluate",
}
BAND_CLASSES: dict[str, str] = {"good": "good", "needs work": "average", "poor": "poor", "n/a": "na"}
BELOW_FIRST_SCREEN = "The element is below the first screen (at {y} px from the top); the screenshot shows the first screen."
OUTSIDE_SCREEN = "The element lies outside the captured screen; the screenshot shows the first screen."
SHOT_ALT = "Screenshot of {url} ({viewport}){outlined}"
SHOT_OUTLINED = ", the element outlined"
ERROR_REASON = "the check itself failed: {reason}"
NO_REASON = "no reason was recorded"
PAGE_KIND_LABELS: dict[str, str] = {
    "home": "Home", "category": "Category", "product": "Product", "search": "Search results",
    "cart": "Cart", "checkout": "Checkout", "policy": "Policy", "other": "Other",
}

JOURNEY_LABELS: dict[str, str] = {"search": "Search", "checkout": "Checkout"}
JOURNEY_CHECKS: dict[str, str] = {
    "search-quality": "search", "guest-checkout": "checkout", "shipping-costs-upfront": "checkout",
    "checkout-friction": "checkout", "payment-options": "checkout",
}
"""The checks that judge a journey, and the journey whose steps their findings point at."""
JOURNEY_DONE = "All {n} step{s} walked, up to {step}."
JOURNEY_STOPPED = "Stopped at step {n}, {step}: {reason}."
JOURNEY_NOT_STARTED = "Stopped before the first step: {reason}."
STEP_ALT = "Screenshot of step {name} at {url} ({viewport})"
JOURNEY_THUMB_RATIO: dict[str, float] = {"mobile": 1.6, "desktop": 0.7}

MAX_FINDINGS = 100
"""Findings shown per check: beyond this a report gets long without saying anything new."""
FINDINGS_OPEN = 5
"""Findings shown before the rest fold into a <details>."""
MAX_WINDOW_RATIO = 2.2
"""A screenshot taller than this many widths is cropped to a window around the element."""
THUMB_RATIO: dict[str, float] = {"mobile": 1.6, "desktop": 0.75}
"""Height/width of the page thumbnails: most of a phone's first screen, a desktop header and hero."""
CSS_WIDTHS: dict[str, int] = {"mobile": 412, "desktop": 1350}
"""Viewport widths in CSS px, used when a finding's screenshot has no recorded size."""
STATUS_ORDER: dict[str, int] = {"fail": 0, "warn": 1, "error": 2, "n/a": 3, "pass": 4}
"""Checks in a category: what needs fixing first, what could not be judged, then what passed."""
SAFE_SCHEMES = ("http", "https")

# Web Vitals good / poor thresholds per viewport (CHECKS.md), for colouring page metrics.
METRIC_THRESHOLDS: dict[str, dict[str, tuple[float, float]]] = {
    "lcp": {"mobile": (2500, 4000), "desktop": (2500, 4000)},
    "cls": {"mobile": (0.1, 0.25), "desktop": (0.1, 0.25)},
    "tbt": {"mobile": (200, 600), "desktop": (150, 350)},
}

# --- view types -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A URL to show, and the href to link it with (None: shown as text, never a link)."""

    text: str
    href: str | None


@dataclass(frozen=True)
class Outline:
    """The element's box over a screenshot window, in percent of the window."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Shot:
    """A (possibly cropped) view of one embedded screenshot."""

    css_class: str
    alt: str
    aspect: str
    """CSS aspect-ratio of the window, 'w / h'."""
    position_y: float
    """CSS background-position-y in percent that brings the window into view."""
    outline: Outline | None = None
    note: str | None = None
    viewport: str = "desktop"


@dataclass(frozen=True)
class SourceView:
    title: str
    figure: str
    link: Link | None


@dataclass(frozen=True)
class FindingView:
    message: str
    page: Link
    viewport: str
    viewport_label: str
    severity: str
    selector: str | None
    value: str | None
    fix: str
    shot: Shot | None
    missing_shot: bool = False


@dataclass(frozen=True)
class Line:
    """A sentence of a check's summary, labelled with its viewport when the viewports differ."""

    label: str | None
    text: str


@dataclass(frozen=True)
class CheckView:
    id: str
    title: str
    category: str
    status: str
    status_label: str
    score: int | None
    summary: list[Line]
    reason: list[Line]
    """Why it could not be evaluated (n/a and error only); empty otherwise."""
    blocker: bool
    weight: float
    description: str
    fix: str
    sources: list[SourceView]
    findings: list[FindingView]
    hidden_findings: int
    """Findings beyond MAX_FINDINGS, counted but not shown."""

    @property
    def evaluated(self) -> bool:
        return self.status not in ("n/a", "error")

    @property
    def slug(self) -> str:
        """The status as a CSS class ('n/a' is not one)."""
        return "na" if self.status == "n/a" else self.status

    @property
    def shown_first(self) -> list[FindingView]:
        return self.findings[:FINDINGS_OPEN]

    @property
    def shown_later(self) -> list[FindingView]:
        return self.findings[FINDINGS_OPEN:]


@dataclass(frozen=True)
class Gauge:
    """A 0-100 score with its band, ready for the coloured circle."""

    score: int | None
    band: str
    css: str

    @property
    def dash(self) -> float:
        """Length of the coloured arc on a circle of circumference 100 (SVG pathLength)."""
        return float(self.score or 0)


@dataclass(frozen=True)
class CategoryView:
    id: str
    title: str
    description: str
    gauge: Gauge
    checks: list[CheckView]

    @property
    def open_checks(self) -> list[CheckView]:
        """Checks shown expanded: failing, warning and could-not-evaluate."""
        return [c for c in self.checks if c.status != "pass"]

    @property
    def passed(self) -> list[CheckView]:
        return [c for c in self.checks if c.status == "pass"]


@dataclass(frozen=True)
class Counts:
    fail: int = 0
    warn: int = 0
    passed: int = 0
    unknown: int = 0


@dataclass(frozen=True)
class TabView:
    id: str
    label: str
    hint: str
    gauge: Gauge
    categories: list[CategoryView]
    counts: Counts
    top: list[CheckView]
    """The checks that cost the most points, for the 'fix first' list."""


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    rating: str
    """good, average, poor or na (CSS class)."""


@dataclass(frozen=True)
class PageRow:
    """One page as loaded in one viewport."""

    viewport: str
    viewport_label: str
    status: str
    ok: bool
    metrics: list[Metric]
    weight: str
    thumb: Shot | None


@dataclass(frozen=True)
class PageView:
    """One URL, with a row per viewport it was loaded in (so the list is half as long)."""

    kind: str
    title: str
    page: Link
    rows: list[PageRow]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    @property
    def only_viewport(self) -> str | None:
        """The one viewport this page was loaded in, so the other viewport's tab can hide it."""
        viewports = {r.viewport for r in self.rows}
        return viewports.pop() if len(viewports) == 1 else None


@dataclass(frozen=True)
class StepFinding:
    """A journey check's finding, short: the message and the check to jump to (``#<tab>-<check>``)."""

    check_id: str
    check_title: str
    message: str
    severity: str


@dataclass(frozen=True)
class StepView:
    number: int
    name: str
    stage: str
    action: str
    note: str
    ok: bool
    page: Link
    thumb: Shot | None
    findings: list[StepFinding]


@dataclass(frozen=True)
class JourneyView:
    """One shopper journey in one viewport: the steps walked, how it ended, what its checks found."""

    name: str
    title: str
    viewport: str
    viewport_label: str
    completed: bool
    outcome: str
    steps: list[StepView]
    findings: list[StepFinding]
    """Findings of this journey's checks that match no step's URL."""

    @property
    def anchor(self) -> str:
        return f"{self.viewport}-{self.name}"


@dataclass(frozen=True)
class ProblemView:
    what: str
    reason: str
    page: Link | None
    viewport: str | None


@dataclass(frozen=True)
class ReportView:
    store: Link
    date: str
    tool_version: str
    partial: bool
    partial_reason: str | None
    tabs: list[TabView]
    pages: list[PageView]
    problems: dict[str, list[ProblemView]]
    """Per tab id: evidence that could not be gathered (a viewport's own, and those of no viewport)."""
    unevaluated: dict[str, list[ProblemView]]
    """Per tab id: checks that could not evaluate, with their reasons."""
    images: ImageStore = field(repr=False, compare=False)
    journeys: list[JourneyView] = field(default_factory=list)
    """Every journey walked, phone first; a viewport tab shows its own, Combined shows all."""


# --- small pure helpers ---------------------------------------------------------------------


def link(url: str) -> Link:
    """Show any URL as text; link it only when it is http(s), so javascript:/data: never become links."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return Link(url, None)
    ok = parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)
    return Link(url, url.strip() if ok else None)


def score100(score: float | None) -> int | None:
    return None if score is None else round(score * 100)


def gauge(score: float | None) -> Gauge:
    """A 0-100 score (already scaled) and the band that colours it."""
    value = None if score is None else round(score)
    name = band(value)
    return Gauge(value, name, BAND_CLASSES[name])


def fmt_date(stamp: str) -> str:
    """'14 May 2025, 09:30 UTC' from an ISO stamp; the raw text when it is not one."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp)  # Python 3.11 reads a trailing 'Z' too
    except ValueError:
        return stamp
    zone = when.tzname() or ""
    if zone in ("UTC+00:00", "UTC"):
        zone = "UTC"
    return f"{when.day} {when:%B %Y, %H:%M} {zone}".strip()


def fmt_ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def fmt_bytes(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.0f} KB"
    return f"{n:.0f} B"


def rate(metric: str, viewport: str, value: float | None) -> str:
    """good / average / poor against the Web Vitals thresholds; na when not measured."""
    if value is None:
        return "na"
    good, poor = METRIC_THRESHOLDS[metric][viewport]
    return "good" if value <= good else ("poor" if value > poor else "average")


def labelled(items: list[tuple[str | None, str]]) -> list[Line]:
    """One unlabelled line when every viewport says the same, else one labelled line each."""
    texts = list(dict.fromkeys(text for _, text in items))
    if len(texts) == 1 and len(items) > 1:
        return [Line(None, texts[0])]
    return [Line(VIEWPORT_LABELS.get(vp, vp) if vp else None, text) for vp, text in items]


def reason_of(result: CheckResult) -> str:
    """Why a check could not evaluate, in words a store owner can act on."""
    reason = result.reason or result.summary or NO_REASON
    if result.status == "error":
        return ERROR_REASON.format(reason=reason)
    return reason.removeprefix("Could not evaluate: ").rstrip(".")


# --- screenshots -------------------------------------------------------------------------------


def window(shot_w: float, shot_h: float, box: Box | None) -> tuple[float, float]:
    """The (top, height) of the part of a screenshot to show, in CSS px.

    A first-screen capture is shown whole. A tall capture (full page, long journey step)
    is cropped to a window of MAX_WINDOW_RATIO widths centred on the element.
    """
    height = min(shot_h, shot_w * MAX_WINDOW_RATIO)
    if box is None or height >= shot_h:
        return 0.0, height
    centre = box.y + box.height / 2
    top = min(max(0.0, centre - height / 2), shot_h - height)
    return top, height


def outline(box: Box, shot_w: float, top: float, height: float) -> Outline | None:
    """The box in percent of the window, clipped to it; None when no part of it is inside."""
    left = max(0.0, box.x)
    right = min(shot_w, box.x + box.width)
    upper = max(top, box.y)
    lower = min(top + height, box.y + box.height)
    if right < left or lower < upper:
        return None
    return Outline(
        left=round(left / shot_w * 100, 2),
        top=round((upper - top) / height * 100, 2),
        width=round(max(0.0, right - left) / shot_w * 100, 2),
        height=round(max(0.0, lower - upper) / height * 100, 2),
    )


def shot_view(css_class: str, size: tuple[float, float], box: Box | None, url: str, viewport: str,
              ratio: float | None = None) -> Shot:
    """A screenshot window with the element outlined, or a note saying why it is not."""
    shot_w, shot_h = size
    if ratio is not None:
        top, height = 0.0, min(shot_h, shot_w * ratio)
    else:
        top, height = window(shot_w, shot_h, box)
    mark: Outline | None = None
    note: str | None = None
    if box is not None and ratio is None:
        if box.y >= shot_h:
            note = BELOW_FIRST_SCREEN.format(y=f"{box.y:,.0f}")
        else:
            mark = outline(box, shot_w, top, height)
            note = None if mark else OUTSIDE_SCREEN
    travel = shot_h - height
    position = round(top / travel * 100, 2) if travel > 0 else 0.0
    alt = SHOT_ALT.format(url=url, viewport=VIEWPORT_LABELS.get(viewport, viewport),
                          outlined=SHOT_OUTLINED if mark else "")
    return Shot(css_class, alt, f"{shot_w:.0f} / {height:.0f}", position, mark, note, viewport)


# --- building the view -------------------------------------------------------------------------


@dataclass
class Builder:
    """Builds the ReportView; holds what every part needs (images, screenshot sizes, metadata)."""

    audit: Audit
    images: ImageStore
    checks: Mapping[str, Check]
    sizes: dict[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for shot in self._screenshots():
            self.sizes.setdefault(shot.path, (float(shot.width), float(shot.height)))

    def _screenshots(self) -> Iterable[Screenshot]:
        for page in self.audit.evidence.pages:
            if page.screenshot is not None:
                yield page.screenshot
        for journey in self.audit.evidence.journeys:
            for step in journey.steps:
                if step.screenshot is not None:
                    yield step.screenshot

    def build(self) -> ReportView:
        evidence = self.audit.evidence
        tabs = [self.tab(tab_id) for tab_id in self.tab_ids()]
        return ReportView(
            store=link(evidence.site.start_url),
            date=fmt_date(evidence.finished_at or evidence.started_at),
            tool_version=evidence.tool_version or uxaudit.__version__,
            partial=evidence.partial,
            partial_reason=evidence.partial_reason,
            tabs=tabs,
            pages=self.pages(),
            problems={t.id: self.problems(t.id) for t in tabs},
            unevaluated={t.id: self.unevaluated(t) for t in tabs},
            images=self.images,
            journeys=self.journeys(),
        )

    def tab_ids(self) -> list[str]:
        """'combined' first, then each viewport that has results or scores."""
        judgement = self.audit.judgement
        seen = {r.viewport for r in judgement.checks} | set(judgement.scores) | set(self.audit.evidence.viewports())
        return ["combined", *[v for v in ("mobile", "desktop") if v in seen]]

    def results(self, tab_id: str) -> list[CheckResult]:
        judgement = self.audit.judgement
        if tab_id == "combined":
            return list(judgement.combined)
        return [r for r in judgement.checks if r.viewport == tab_id]

    def tab(self, tab_id: str) -> TabView:
        results = self.results(tab_id)
        scores = self.audit.judgement.scores.get(tab_id, Scores(overall=None))
        by_cat: dict[str, list[CheckResult]] = {}
        for result in results:
            by_cat.setdefault(result.category, []).append(result)
        for cat_id in scores.categories:
            by_cat.setdefault(cat_id, [])
        order = [c.id for c in CATEGORIES] + sorted(set(by_cat) - set(BY_ID))
        categories = [self.category(c, by_cat[c], scores.categories.get(c)) for c in order if c in by_cat]
        checks = [c for cat in categories for c in cat.checks]
        counts = Counts(
            fail=sum(c.status == "fail" for c in checks), warn=sum(c.status == "warn" for c in checks),
            passed=sum(c.status == "pass" for c in checks), unknown=sum(not c.evaluated for c in checks),
        )
        return TabView(tab_id, TAB_LABELS[tab_id], TAB_HINTS[tab_id], gauge(scores.overall), categories, counts,
                       self.top(results, categories))

    def top(self, results: list[CheckResult], categories: list[CategoryView]) -> list[CheckView]:
        """Failing and warning checks ordered by the points they cost the overall score."""
        views = {c.id: c for cat in categories for c in cat.checks}
        cat_total: dict[str, float] = {}
        for r in results:
            if r.counted:
                cat_total[r.category] = cat_total.get(r.category, 0.0) + r.weight

        def cost(r: CheckResult) -> float:
            share = r.weight / cat_total[r.category] if cat_total.get(r.category) else 0.0
            return (1 - (r.score or 0.0)) * share * category(r.category).weight + (100 if r.blocker else 0)

        failing = [r for r in results if r.counted and r.status in ("fail", "warn")]
        return [views[r.id] for r in sorted(failing, key=cost, reverse=True)[:5] if r.id in views]

    def category(self, cat_id: str, results: list[CheckResult], score: float | None) -> CategoryView:
        cat = category(cat_id)
        checks = sorted((self.check(r) for r in results), key=lambda c: (STATUS_ORDER.get(c.status, 9), -c.weight,
                                                                          c.title))
        return CategoryView(cat.id, cat.title, cat.description, gauge(score), checks)

    def check(self, result: CheckResult) -> CheckView:
        meta = self.checks.get(result.id)
        findings = [self.finding(f) for f in result.findings[:MAX_FINDINGS]]
        evaluated = result.status not in ("n/a", "error")
        summary, reason = self.lines(result)
        return CheckView(
            id=result.id, title=result.title, category=category(result.category).title, status=result.status,
            status_label=STATUS_LABELS.get(result.status, result.status), score=score100(result.score),
            summary=summary if evaluated else [], reason=[] if evaluated else reason,
            blocker=result.blocker, weight=result.weight,
            description=meta.description if meta else "", fix=meta.fix if meta else "",
            sources=[SourceView(s.title, s.figure, link(s.url) if s.url else None)
                     for s in (meta.sources if meta else ())],
            findings=findings, hidden_findings=max(0, len(result.findings) - MAX_FINDINGS),
        )

    def lines(self, result: CheckResult) -> tuple[list[Line], list[Line]]:
        """Summary and could-not-evaluate lines; a combined result speaks per viewport only where they differ.

        The combined result's own summary glues the viewports' together ('mobile: A / desktop: A'),
        which repeats itself when both saw the same thing.
        """
        if result.viewport is not None:
            if not result.counted:
                return [], [Line(None, reason_of(result))]
            return ([Line(None, result.summary)] if result.summary else []), []
        parts = [r for r in self.audit.judgement.checks if r.id == result.id] or [result]
        counted = [r for r in parts if r.counted]
        summary = labelled([(r.viewport, r.summary) for r in counted if r.summary])
        reason = labelled([(r.viewport, reason_of(r)) for r in parts if not r.counted])
        return summary, reason

    def finding(self, finding: Finding) -> FindingView:
        shot: Shot | None = None
        missing = False
        if finding.screenshot:
            shot = self.shot(finding.screenshot, finding.box, finding.url, finding.viewport)
            missing = shot is None
        return FindingView(
            message=finding.message, page=link(finding.url), viewport=finding.viewport,
            viewport_label=VIEWPORT_LABELS.get(finding.viewport, finding.viewport), severity=finding.severity,
            selector=finding.selector, value=finding.value, fix=finding.fix, shot=shot, missing_shot=missing,
        )

    def shot(self, path: str, box: Box | None, url: str, viewport: Viewport | str,
             ratio: float | None = None) -> Shot | None:
        embedded = self.images.get(path)
        if embedded is None:
            return None
        size = self.sizes.get(path) or self.size_from_file(path, viewport)
        if size is None:
            return None
        return shot_view(embedded.css_class, size, box, url, viewport, ratio)

    def size_from_file(self, path: str, viewport: str) -> tuple[float, float] | None:
        """CSS size of a screenshot the evidence does not describe: its pixels scaled to the viewport width."""
        from PIL import Image

        from .images import resolve_inside

        file = resolve_inside(self.images.folder, path)
        if file is None:
            return None
        try:
            with Image.open(file) as image:
                width, height = image.size
        except OSError:
            return None
        css_w = CSS_WIDTHS.get(viewport, width)
        return float(css_w), height * css_w / width

    def ordered_pages(self) -> list[PageEvidence]:
        kinds = list(PAGE_KIND_LABELS)
        pages = self.audit.evidence.pages
        return sorted(pages, key=lambda p: (kinds.index(p.kind) if p.kind in kinds else 99,
                                            p.viewport != "mobile"))

    def pages(self) -> list[PageView]:
        """Pages grouped by URL and kind, in page-kind order, phone before desktop."""
        groups: dict[tuple[str, str], list[PageEvidence]] = {}
        for page in self.ordered_pages():
            groups.setdefault((page.kind, page.url), []).append(page)
        views: list[PageView] = []
        for (kind, url), members in groups.items():
            title = next((p.meta.title for p in members if p.meta.title), "")
            views.append(PageView(PAGE_KIND_LABELS.get(kind, kind), title, link(members[0].final_url or url),
                                  [self.page_row(p) for p in members]))
        return views

    def page_row(self, page: PageEvidence) -> PageRow:
        t = page.timings
        vp = page.viewport
        metrics = [
            Metric("LCP", fmt_ms(t.lcp_ms) if t.lcp_ms is not None else "—", rate("lcp", vp, t.lcp_ms)),
            Metric("CLS", f"{t.cls:.2f}" if t.cls is not None else "—", rate("cls", vp, t.cls)),
            Metric("TBT", fmt_ms(t.tbt_ms) if t.tbt_ms is not None else "—", rate("tbt", vp, t.tbt_ms)),
        ]
        if page.error:
            status = f"Error: {page.error}"
        elif page.status is None:
            status = "No response"
        else:
            status = f"HTTP {page.status}"
        url = page.final_url or page.url
        weight = (f"{fmt_bytes(page.resources.bytes)} in {page.resources.requests} requests"
                  if page.resources.requests else "—")
        thumb = (self.shot(page.screenshot.path, None, url, vp, ratio=THUMB_RATIO.get(vp, 1.0))
                 if page.screenshot else None)
        return PageRow(vp, VIEWPORT_LABELS.get(vp, vp), status, page.loaded, metrics, weight, thumb)

    def journeys(self) -> list[JourneyView]:
        """Journeys phone first, each with its checks' findings attached to the step at their URL."""
        journeys = sorted(self.audit.evidence.journeys, key=lambda j: (j.viewport != "mobile",))
        attached: dict[int, dict[int, list[StepFinding]]] = {id(j): {} for j in journeys}
        loose: dict[int, list[StepFinding]] = {id(j): [] for j in journeys}
        for result in self.audit.judgement.checks:
            if result.id not in JOURNEY_CHECKS or result.viewport is None:
                continue
            mine = [j for j in journeys if j.viewport == result.viewport]
            preferred = [j for j in mine if j.name == JOURNEY_CHECKS[result.id]]
            for finding in result.findings[:MAX_FINDINGS]:
                item = StepFinding(result.id, result.title, finding.message, finding.severity)
                place = step_of(finding, preferred) or step_of(finding, mine)
                if place is not None:
                    journey, index = place
                    attached[id(journey)].setdefault(index, []).append(item)
                elif preferred:
                    loose[id(preferred[0])].append(item)
        return [self.journey(j, attached[id(j)], loose[id(j)]) for j in journeys]

    def journey(self, journey: JourneyEvidence, attached: dict[int, list[StepFinding]],
                loose: list[StepFinding]) -> JourneyView:
        vp = journey.viewport
        steps = [self.step(i, step, vp, attached.get(i, [])) for i, step in enumerate(journey.steps)]
        return JourneyView(journey.name, JOURNEY_LABELS.get(journey.name, journey.name.replace("-", " ").title()),
                           vp, VIEWPORT_LABELS.get(vp, vp), journey.completed, outcome(journey), steps, loose)

    def step(self, index: int, step: JourneyStep, viewport: str, findings: list[StepFinding]) -> StepView:
        thumb = None
        if step.screenshot is not None:
            shot = self.shot(step.screenshot.path, None, step.url, viewport,
                             ratio=JOURNEY_THUMB_RATIO.get(viewport, 1.0))
            if shot is not None:
                alt = STEP_ALT.format(name=step.name, url=step.url, viewport=VIEWPORT_LABELS.get(viewport, viewport))
                thumb = Shot(shot.css_class, alt, shot.aspect, shot.position_y, None, None, viewport)
        return StepView(index + 1, step.name, step.stage, step.action, step.note, step.ok, link(step.url), thumb,
                        findings)

    def problem(self, what: str, reason: str, url: str | None, viewport: str | None) -> ProblemView:
        return ProblemView(what, reason, link(url) if url else None,
                           VIEWPORT_LABELS.get(viewport, viewport) if viewport else None)

    def problems(self, tab_id: str) -> list[ProblemView]:
        return [self.problem(p.stage, p.reason, p.url, p.viewport) for p in self.audit.evidence.problems
                if tab_id == "combined" or p.viewport in (None, tab_id)]

    def unevaluated(self, tab: TabView) -> list[ProblemView]:
        return [self.problem(c.title, "; ".join(f"{r.label}: {r.text}" if r.label else r.text for r in c.reason),
                             None, None)
                for cat in tab.categories for c in cat.checks if not c.evaluated]


def step_of(finding: Finding, journeys: list[JourneyEvidence]) -> tuple[JourneyEvidence, int] | None:
    """The journey step a finding points at: same URL, and the same screenshot when several steps share it."""
    matches = [(j, i) for j in journeys for i, step in enumerate(j.steps) if step.url == finding.url]
    for journey, index in matches:
        shot = journey.steps[index].screenshot
        if finding.screenshot and shot is not None and shot.path == finding.screenshot:
            return journey, index
    return matches[0] if matches else None


def outcome(journey: JourneyEvidence) -> str:
    """One line: completed, or where it stopped and why."""
    count = len(journey.steps)
    if journey.completed:
        last = journey.steps[-1].name if journey.steps else "the end"
        return JOURNEY_DONE.format(n=count, s="" if count == 1 else "s", step=last)
    reason = (journey.stopped_reason or NO_REASON).rstrip(".")
    if not journey.steps:
        return JOURNEY_NOT_STARTED.format(reason=reason)
    return JOURNEY_STOPPED.format(n=count, step=journey.steps[-1].name, reason=reason)


def build(audit: Audit, images: ImageStore, checks: Mapping[str, Check]) -> ReportView:
    """The display-ready view of an audit."""
    return Builder(audit, images, checks).build()


def status_word(status: Status | str) -> str:
    return STATUS_LABELS.get(status, status)
