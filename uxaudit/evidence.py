"""The evidence bundle: everything the browser saw, in a versioned, serialisable form.

Seeing and judging are separate stages. Gatherers and journeys fill these models once;
checks read them and never drive the browser. The bundle round-trips through
``audit.json`` (see ``uxaudit schema`` for its JSON Schema), so a saved audit can be
judged and rendered again without a browser.

Schema versioning: ``SCHEMA_VERSION`` is ``MAJOR.MINOR``. A minor bump only adds
optional fields; a reader accepts any bundle with the same major version.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

Viewport = Literal["mobile", "desktop"]
VIEWPORTS: tuple[Viewport, ...] = ("mobile", "desktop")

PageKind = Literal["home", "category", "product", "search", "cart", "checkout", "policy", "other"]
PolicyKind = Literal["shipping", "returns", "privacy", "terms", "contact", "faq"]
NotJudged = Literal["blocked", "off-site", "not-html"]
"""Why a page that answered is still not the store's page to judge (see uxaudit.screening)."""


class Model(BaseModel):
    """Base for every evidence model: unknown fields are kept, so newer bundles still load."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Box(Model):
    """An element's border box in CSS pixels, relative to the top-left of the document."""

    x: float
    y: float
    width: float
    height: float


class Element(Model):
    """One element on a page, named so that a store's team can find it again."""

    selector: str
    tag: str
    text: str = ""
    role: str | None = None
    href: str | None = None
    box: Box | None = None
    attributes: dict[str, str] = Field(default_factory=dict)
    in_text: bool = False
    """A link inside a sentence of text (WCAG 2.5.8's exception for tap-target size)."""


class FontRun(Model):
    """Visible text set in one computed font size, inside one element."""

    selector: str
    font_px: float
    chars: int
    text: str = ""


class Fonts(Model):
    """Computed font sizes of visible text, weighted by character count."""

    total_chars: int = 0
    chars_by_px: dict[str, int] = Field(default_factory=dict)
    small_runs: list[FontRun] = Field(default_factory=list)


class Image(Model):
    """An ``<img>`` (or picture) as rendered, with its download size when known."""

    selector: str
    src: str
    alt: str | None = None
    natural_width: int = 0
    natural_height: int = 0
    box: Box | None = None
    bytes: int | None = None
    above_fold: bool = False


class Resource(Model):
    """One network response the page load caused."""

    url: str
    type: str
    bytes: int = 0
    status: int | None = None
    third_party: bool = False
    render_blocking: bool = False


class TypeTotals(Model):
    requests: int = 0
    bytes: int = 0


class Resources(Model):
    """Transfer sizes and request counts: the 'why' behind a slow metric."""

    requests: int = 0
    bytes: int = 0
    first_party_bytes: int = 0
    third_party_bytes: int = 0
    third_party_requests: int = 0
    third_party_hosts: list[str] = Field(default_factory=list)
    by_type: dict[str, TypeTotals] = Field(default_factory=dict)
    largest: list[Resource] = Field(default_factory=list)
    render_blocking: list[Resource] = Field(default_factory=list)


class Timings(Model):
    """Lab metrics of one page load, in milliseconds (CLS is unitless). None: not observed."""

    ttfb_ms: float | None = None
    fcp_ms: float | None = None
    lcp_ms: float | None = None
    cls: float | None = None
    tbt_ms: float | None = None
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None
    lcp_element: str | None = None
    layout_shift_sources: list[str] = Field(default_factory=list)


class Layout(Model):
    """Page geometry at the moment of capture."""

    viewport_width: int
    viewport_height: int
    scroll_width: int
    document_height: int
    overflowing: list[Element] = Field(default_factory=list)


class Meta(Model):
    title: str = ""
    lang: str | None = None
    viewport: str | None = None
    canonical: str | None = None


class Screenshot(Model):
    """An image file in the bundle's folder; ``width``/``height`` in CSS pixels."""

    path: str
    width: int
    height: int


class PageEvidence(Model):
    """One page, loaded once in one viewport."""

    id: str
    url: str
    final_url: str
    kind: PageKind
    viewport: Viewport
    policy: PolicyKind | None = None
    """For policy/help pages: which one (shipping, returns, privacy, terms, contact, faq)."""
    status: int | None = None
    content_type: str | None = None
    """The main document's media type, e.g. 'text/html' (None in bundles from before it was kept)."""
    error: str | None = None
    not_judged: NotJudged | None = None
    """Set when the page answered but is not the store's page to judge: a bot wall ('blocked'),
    a redirect to another site ('off-site'), or a file ('not-html'); ``error`` says why in words."""
    warnings: list[str] = Field(default_factory=list)
    """Things that went wrong but left the evidence usable (e.g. `load` never fired)."""
    meta: Meta = Field(default_factory=Meta)
    timings: Timings = Field(default_factory=Timings)
    runs: list[Timings] = Field(default_factory=list)
    resources: Resources = Field(default_factory=Resources)
    structured_data: list[dict[str, Any]] = Field(default_factory=list)
    html: str = ""
    text: str = ""
    interactive: list[Element] = Field(default_factory=list)
    fonts: Fonts = Field(default_factory=Fonts)
    images: list[Image] = Field(default_factory=list)
    layout: Layout | None = None
    screenshot: Screenshot | None = None
    extras: dict[str, Any] = Field(default_factory=dict)
    """Results of extra gatherers (uxaudit.gatherers), by gatherer name."""

    @property
    def loaded(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400


class DiscoveredPage(Model):
    """A URL found during discovery, with why it was classified as it was."""

    url: str
    kind: PageKind
    source: str
    reason: str
    policy: PolicyKind | None = None


class SiteEvidence(Model):
    start_url: str
    origin: str
    robots_txt: bool = False
    robots_rules: str | None = None
    """The robots.txt text (first 64 KB), so journeys and re-judging see the same rules."""
    robots_respected: bool = True
    sitemap_urls: int = 0
    discovered: list[DiscoveredPage] = Field(default_factory=list)
    policy_links: dict[str, str] = Field(default_factory=dict)


class JourneyStep(Model):
    """One step of a shopper journey: where it was, what it did and what it saw."""

    name: str
    stage: str
    url: str
    action: str = ""
    ok: bool = True
    note: str = ""
    screenshot: Screenshot | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class JourneyEvidence(Model):
    """A shopper flow (search, checkout) walked in one viewport."""

    name: str
    viewport: Viewport
    steps: list[JourneyStep] = Field(default_factory=list)
    completed: bool = False
    stopped_reason: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class Problem(Model):
    """Something that could not be seen; the affected checks say 'could not evaluate'."""

    stage: str
    reason: str
    url: str | None = None
    viewport: Viewport | None = None


class AuditEvidence(Model):
    """The whole bundle, as written to ``audit.json`` (beside its screenshots)."""

    schema_version: str = SCHEMA_VERSION
    tool_version: str = ""
    started_at: str = ""
    finished_at: str = ""
    partial: bool = False
    partial_reason: str | None = None
    """Why a partial audit stopped early: "interrupted" (Ctrl-C) or "stopped after N s" (--timeout). (1.1)"""
    durations_s: dict[str, float] = Field(default_factory=dict)
    """Wall time of each stage (pages, journeys), to see where an audit spends its time."""
    settings: dict[str, Any] = Field(default_factory=dict)
    site: SiteEvidence
    pages: list[PageEvidence] = Field(default_factory=list)
    journeys: list[JourneyEvidence] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)

    def viewports(self) -> list[Viewport]:
        seen = {page.viewport for page in self.pages} | {j.viewport for j in self.journeys}
        return [v for v in VIEWPORTS if v in seen]

    def for_viewport(self, viewport: Viewport) -> ViewportEvidence:
        return ViewportEvidence(
            viewport=viewport,
            site=self.site,
            pages=[p for p in self.pages if p.viewport == viewport],
            journeys={j.name: j for j in self.journeys if j.viewport == viewport},
            problems=[p for p in self.problems if p.viewport in (None, viewport)],
        )


class ViewportEvidence(Model):
    """What one check sees when it judges one viewport."""

    viewport: Viewport
    site: SiteEvidence
    pages: list[PageEvidence]
    journeys: dict[str, JourneyEvidence] = Field(default_factory=dict)
    problems: list[Problem] = Field(default_factory=list)

    def pages_of_kind(self, kind: PageKind) -> list[PageEvidence]:
        """Loaded pages of one kind, in discovery order."""
        return [p for p in self.pages if p.kind == kind and p.loaded]
