"""Running an audit: one browser, one context per viewport, discovery interleaved with gathering.

Discovery reads the pages it has already loaded for evidence (each page is loaded once
per viewport): the home page's links lead to categories, the categories' links to
products. Pages and viewports load concurrently, bounded by ``Settings.concurrency``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from playwright.async_api import APIRequestContext, Browser, BrowserContext, Route
from playwright.async_api import Error as PlaywrightError
from protego import Protego

from uxaudit import __version__, politeness
from uxaudit.access import Access
from uxaudit.browser import PROFILES, context_for, find_chromium, launch
from uxaudit.bundle import SCREENSHOT_DIR
from uxaudit.crawl import (
    Link,
    extract_links,
    kind_from_content,
    kind_from_url,
    rank_candidates,
    robots_parser,
    same_site,
    sitemap_locations,
)
from uxaudit.errors import StoreUnreachable, UsageError
from uxaudit.evidence import (
    AuditEvidence,
    DiscoveredPage,
    JourneyEvidence,
    PageEvidence,
    PageKind,
    Problem,
    SiteEvidence,
    Viewport,
)
from uxaudit.faults import Faults, watch_context
from uxaudit.gather import OBSERVE_JS, gather_page, short_error
from uxaudit.relaunch import LOST, Browsers
from uxaudit.settings import Settings

ROBOTS_AGENT = "uxaudit"


class Progress(Protocol):
    """Where the runner tells what it is doing; the CLI shows it, tests ignore it."""

    def stage(self, message: str) -> None: ...
    def planned(self, count: int) -> None: ...
    def page_done(self, page: PageEvidence) -> None: ...


class Silent:
    def stage(self, message: str) -> None:
        pass

    def planned(self, count: int) -> None:
        pass

    def page_done(self, page: PageEvidence) -> None:
        pass


def validate_url(url: str) -> str:
    """The start URL, normalised; UsageError naming what is wrong otherwise."""
    url = url.strip()
    if "://" not in url and url and not url.startswith("/"):
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UsageError(f"unsupported URL scheme {parts.scheme!r} in {url!r}; use http:// or https://")
    if not parts.hostname:
        raise UsageError(f"malformed URL {url!r}: no host name")
    return url if parts.path else url + "/"


@dataclass
class Gatherer:
    """Loads pages in every viewport's context, bounded, numbering them per kind."""

    contexts: dict[Viewport, BrowserContext]
    settings: Settings
    out: Path | None
    progress: Progress
    pages: list[PageEvidence] = field(default_factory=list)
    browsers: Browsers | None = None
    """Relaunches the browser when it dies; ``contexts`` is then its (updated) contexts."""
    _counts: dict[str, int] = field(default_factory=dict)
    _limit: asyncio.Semaphore = field(init=False)

    def __post_init__(self) -> None:
        self._limit = asyncio.Semaphore(max(1, self.settings.concurrency))

    def next_id(self, kind: PageKind) -> str:
        self._counts[kind] = self._counts.get(kind, 0) + 1
        return f"{kind}-{self._counts[kind]}"

    async def everywhere(self, url: str, kind: PageKind, only: Viewport | None = None) -> list[PageEvidence]:
        """The page in every viewport (or ``only`` one), concurrently; the results in viewport order."""
        page_id = self.next_id(kind)
        shots = self.out / SCREENSHOT_DIR if self.out else None

        async def one(viewport: Viewport) -> PageEvidence:
            async with self._limit:
                browser = self.browsers.browser if self.browsers else None
                page = await gather_page(self.contexts[viewport], PROFILES[viewport], url, kind,
                                         f"{page_id}-{viewport}", self.settings, shots)
                if page.error and self.browsers and browser and self.browsers.dead(browser):
                    page.error = f"{LOST} ({page.error})"
                    await self.browsers.relaunch(browser)
            self.progress.page_done(page)
            return page

        return list(await asyncio.gather(*(one(v) for v in list(self.contexts) if only in (None, v))))

    def keep(self, pages: list[PageEvidence], kind: PageKind | None = None) -> None:
        for page in pages:
            if kind:
                page.kind = kind
            self.pages.append(page)


def _best(pages: list[PageEvidence]) -> PageEvidence | None:
    """The loaded copy to read links and content from: desktop shows the most navigation."""
    loaded = [p for p in pages if p.loaded]
    return next((p for p in loaded if p.viewport == "desktop"), loaded[0] if loaded else None)


async def _fetch_text(request: APIRequestContext, url: str) -> bytes | None:
    try:
        response = await request.get(url, timeout=15_000, max_redirects=5)
    except PlaywrightError:
        return None
    return await response.body() if response.ok else None


async def _sitemap_urls(request: APIRequestContext, robots_text: str | None, origin: str, cap: int) -> list[str]:
    """Page URLs from robots.txt's Sitemap lines or /sitemap.xml, following indexes, bounded."""
    queue = [line.split(":", 1)[1].strip() for line in (robots_text or "").splitlines()
             if line.lower().startswith("sitemap:")] or [origin + "/sitemap.xml"]
    urls: list[str] = []
    fetched = 0
    while queue and fetched < 10 and len(urls) < cap:
        sitemap = queue.pop(0)
        if not same_site(sitemap, origin):
            continue
        body = await _fetch_text(request, sitemap)
        fetched += 1
        if body:
            pages, nested = sitemap_locations(body)
            urls.extend(u for u in pages if same_site(u, origin))
            queue.extend(nested)
    return urls[:cap]


async def _block_external(context: BrowserContext, origin: str) -> None:
    async def only_same_site(route: Route) -> None:
        if same_site(route.request.url, origin) or not route.request.url.startswith("http"):
            await route.fallback()
        else:
            await route.abort("blockedbyclient")

    await context.route("**/*", only_same_site)


async def _respect_robots(context: BrowserContext, robots: Protego, record: JourneyEvidence) -> None:
    """Refuse a journey's page navigations that robots.txt disallows, noting each one."""
    async def robots_allow(route: Route) -> None:
        request = route.request
        if request.is_navigation_request() and not robots.can_fetch(request.url, ROBOTS_AGENT):
            record.data.setdefault("robots_blocked", []).append(request.url)
            await route.abort("blockedbyclient")
        else:
            await route.fallback()

    await context.route("**/*", robots_allow)


async def collect(start_url: str, settings: Settings, out: Path | None, progress: Progress | None = None,
                  keep: Callable[[AuditEvidence], None] | None = None) -> AuditEvidence:
    """Discover and gather the store; returns the evidence bundle (screenshots written to ``out``).

    ``keep`` receives the bundle as soon as it exists; it fills up as pages and journeys finish,
    so an interrupted run (``uxaudit.partial``) can still save what was gathered.
    """
    progress = progress or Silent()
    start_url = validate_url(start_url)
    parts = urlsplit(start_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    access = Access.from_settings(settings, origin)  # a bad storage state file: exit 2 before Chromium starts
    polite = politeness.Politeness(settings.max_rate)
    site = SiteEvidence(start_url=start_url, origin=origin, robots_respected=settings.respect_robots)
    evidence = AuditEvidence(tool_version=__version__, settings=settings.public(), site=site,
                             started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    if keep:
        keep(evidence)
    executable = find_chromium(settings.browser_path)
    progress.stage(f"Starting Chromium ({executable or 'Playwright-managed'})")

    async def prepare(browser: Browser, stack: AsyncExitStack) -> dict[Viewport, BrowserContext]:
        contexts: dict[Viewport, BrowserContext] = {}
        for viewport in settings.viewports:
            context = await stack.enter_async_context(
                context_for(browser, PROFILES[viewport], ignore_https_errors=settings.ignore_https_errors,
                            access=access))
            politeness.attach(context, polite)
            await context.add_init_script(OBSERVE_JS)
            if settings.block_external:
                await _block_external(context, origin)
            contexts[viewport] = context
        return contexts

    async with launch(executable) as (playwright, first), Browsers(playwright, first, executable, prepare) as browsers:
        async with AsyncExitStack() as stack:
            request = await playwright.request.new_context(
                user_agent=PROFILES["desktop"].user_agent, ignore_https_errors=settings.ignore_https_errors,
                **access.request_options())
            stack.push_async_callback(request.dispose)
            clock = time.perf_counter()
            await _discover_and_gather(evidence, settings, out, progress, request, browsers, polite)
            evidence.durations_s["pages"] = round(time.perf_counter() - clock, 2)
        await browsers.close_contexts()
        if settings.journeys:
            clock = time.perf_counter()
            await _walk_journeys(browsers, origin, settings, evidence, out, progress, access, polite)
            evidence.durations_s["journeys"] = round(time.perf_counter() - clock, 2)
    # Summed over pages and journeys waiting at once, so it can exceed the wall time it cost.
    evidence.durations_s["politeness_waits"] = round(polite.waited_s, 2)
    evidence.finished_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return evidence


async def _discover_and_gather(evidence: AuditEvidence, settings: Settings, out: Path | None,
                               progress: Progress, request: APIRequestContext, browsers: Browsers,
                               polite: politeness.Politeness) -> None:
    site = evidence.site
    start_url, origin = site.start_url, site.origin
    gatherer = Gatherer(browsers.contexts, settings, out, progress, pages=evidence.pages, browsers=browsers)

    progress.stage("Reading robots.txt and sitemaps")
    body = await _fetch_text(request, origin + "/robots.txt")
    robots_text = body.decode("utf-8", "replace")[:65536] if body else None
    site.robots_txt = robots_text is not None
    site.robots_rules = robots_text
    robots = robots_parser(robots_text) if settings.respect_robots else None
    _crawl_delay(robots, polite, start_url, evidence, progress)

    def allowed(url: str) -> bool:
        if robots is None or robots.can_fetch(url, ROBOTS_AGENT):
            return True
        evidence.problems.append(Problem(stage="discover", url=url, reason="disallowed by robots.txt"))
        return False

    sitemap = await _sitemap_urls(request, robots_text, origin, settings.max_sitemap_urls) if settings.discover else []
    site.sitemap_urls = len(sitemap)
    planned = (1 + settings.max_categories + settings.max_products) if settings.discover else 0
    progress.planned((planned + len(settings.extra_pages)) * len(browsers.contexts) + (6 if settings.policy_pages else 0))

    links: list[Link] = []
    done: set[str] = set()
    if settings.discover:
        progress.stage("Loading the home page")
        home = await gatherer.everywhere(start_url, "home")
        _raise_if_unreachable(home, start_url)
        gatherer.keep(home)
        done.add(start_url)
        site.discovered.append(DiscoveredPage(url=start_url, kind="home", source="start", reason="the start URL"))
        best = _best(home)
        if best:
            done.add(best.final_url)
            links = extract_links(best.html, best.final_url, origin)
        candidates = rank_candidates(links, sitemap, done)
        site.policy_links = dict(candidates.policies)
        if candidates.cart:
            site.discovered.append(DiscoveredPage(url=candidates.cart, kind="cart", source="link", reason="cart link"))
        for policy, url in candidates.policies.items():
            site.discovered.append(DiscoveredPage(url=url, kind="policy", policy=policy,  # type: ignore[arg-type]
                                                  source="link", reason=f"{policy} link"))

        progress.stage("Loading category pages")
        category_pages = await _take(gatherer, candidates.categories, "category", settings.max_categories,
                                     allowed, done, site)
        for pages in category_pages:
            page = _best(pages)
            if page:
                links = extract_links(page.html, page.final_url, origin) + links
        candidates = rank_candidates(links, sitemap, done)
        progress.stage("Loading product pages")
        await _take(gatherer, candidates.products, "product", settings.max_products, allowed, done, site)
        if settings.policy_pages and site.policy_links:
            progress.stage("Loading policy and help pages")
            await _policy_pages(gatherer, site.policy_links, allowed, done)

    given: list[tuple[str, list[PageEvidence]]] = []
    for url in settings.extra_pages:
        if url in done:
            continue
        kind = kind_from_url(url) or "other"
        pages = await gatherer.everywhere(url, kind)
        best = _best(pages)
        content_kind, reason = kind_from_content(best) if best else (None, "")
        final_kind: PageKind = content_kind or kind
        gatherer.keep(pages, final_kind)
        site.discovered.append(DiscoveredPage(url=url, kind=final_kind, source="--page",
                                              reason=reason or "given with --page"))
        given.append((url, pages))
    if not settings.discover and given and not any(p.loaded for _, pages in given for p in pages):
        # Only the given pages are audited: stop with one line when none of them could be seen.
        # One failing --page among others is a problem entry, like any page that fails.
        _raise_if_unreachable(given[0][1], given[0][0], only_if_all_failed=True)
    evidence.problems.extend(page_problems(gatherer.pages))


def page_problems(pages: list[PageEvidence]) -> list[Problem]:
    """What could not be seen, or was in the way, on each page: its error, HTTP error status and warnings."""
    def failure(page: PageEvidence) -> list[str]:
        if page.error:
            return [page.error]
        if page.status is not None and page.status >= 400:
            return [f"the page answered HTTP {page.status}"]
        return []

    return [Problem(stage="gather", url=page.url, viewport=page.viewport, reason=reason)
            for page in pages for reason in failure(page) + page.warnings]


async def _policy_pages(gatherer: Gatherer, links: dict[str, str], allowed: Callable[[str], bool],
                        done: set[str]) -> None:
    """Load each policy/help page once, in one viewport (desktop where audited): their content, not their speed."""
    viewport: Viewport = "desktop" if "desktop" in gatherer.contexts else next(iter(gatherer.contexts))
    urls = [(policy, url) for policy, url in links.items() if url not in done and allowed(url)]
    results = await asyncio.gather(*(gatherer.everywhere(url, "policy", only=viewport) for _, url in urls))
    for (policy, url), pages in zip(urls, results, strict=True):
        done.add(url)
        for page in pages:
            page.policy = policy  # type: ignore[assignment]
        gatherer.keep(pages)


async def _walk_journeys(browsers: Browsers, origin: str, settings: Settings, evidence: AuditEvidence,
                         out: Path | None, progress: Progress, access: Access, polite: politeness.Politeness) -> None:
    """Walk every journey in every viewport, each in a fresh context; failures are recorded, not raised.

    Each journey's record joins ``evidence.journeys`` as it ends (so an interrupted audit keeps
    the finished ones); at the end they are put back in viewport and journey order.
    """
    from uxaudit.journeys import JourneyContext, load

    shots = out / SCREENSHOT_DIR if out else None
    # With a long Crawl-delay, journeys at once would only queue at the host, eating each other's step timeouts.
    limit = asyncio.Semaphore(1 if polite.slow(origin) else max(1, settings.concurrency))
    robots = robots_parser(evidence.site.robots_rules) if settings.respect_robots else None

    async def one(name: str, viewport: Viewport) -> JourneyEvidence:
        record = await walk_one(name, viewport)
        evidence.journeys.append(record)
        return record

    async def walk_one(name: str, viewport: Viewport) -> JourneyEvidence:
        record = JourneyEvidence(name=name, viewport=viewport)
        try:
            walk = load(name)
        except (ImportError, AttributeError, KeyError) as exc:
            record.stopped_reason = f"journey not available: {exc}"
            return record
        async with limit:
            browser = browsers.browser
            try:
                return await in_context(browser, walk, name, viewport, record)
            except PlaywrightError as exc:  # the context could not open or close: the browser died
                record.stopped_reason = f"the browser failed: {short_error(str(exc))}"
                evidence.problems.append(Problem(stage=f"journey:{name}", viewport=viewport,
                                                 reason=record.stopped_reason))
                return record
            finally:
                if browsers.dead(browser):
                    await browsers.relaunch(browser)

    async def in_context(browser: Browser, walk: Any, name: str, viewport: Viewport,
                         record: JourneyEvidence) -> JourneyEvidence:
        faults = Faults()
        waits = politeness.Waits()
        async with context_for(browser, PROFILES[viewport], ignore_https_errors=settings.ignore_https_errors,
                               access=access) as context:
            await polite.guard(context, waits)  # first, so that refused navigations do not wait their turn
            watch_context(context, faults)
            if settings.block_external:
                await _block_external(context, origin)
            if robots is not None:
                await _respect_robots(context, robots, record)
            progress.stage(f"Walking the {name} journey ({viewport})")
            ctx = JourneyContext(context, PROFILES[viewport], evidence, settings, shots, record)
            try:
                walked = await politeness.within(walk(ctx), settings.journey_timeout_s, waits)
                return _explain_robots(_note_faults(walked, faults, evidence))
            except TimeoutError:
                record.stopped_reason = f"stopped after {settings.journey_timeout_s:g} s"
            except PlaywrightError as exc:
                record.stopped_reason = f"the browser failed: {short_error(str(exc))}"
            except Exception as exc:  # noqa: BLE001 - a broken journey must not stop the audit
                record.stopped_reason = f"the journey failed: {type(exc).__name__}: {exc}"
            # A navigation refused by robots.txt can surface as a browser error in the journey;
            # the refusal is the real reason.
            _explain_robots(_note_faults(record, faults, evidence))
            evidence.problems.append(Problem(stage=f"journey:{name}", viewport=viewport,
                                             reason=record.stopped_reason or "stopped"))
            return record

    jobs = [(name, viewport) for viewport in settings.viewports for name in settings.journeys]
    await asyncio.gather(*(one(name, viewport) for name, viewport in jobs))
    evidence.journeys.sort(key=lambda j: jobs.index((j.name, j.viewport)) if (j.name, j.viewport) in jobs else 0)


def _note_faults(record: JourneyEvidence, faults: Faults, evidence: AuditEvidence) -> JourneyEvidence:
    """A journey's dialogs and pop-ups: in its data, and as problems naming the journey."""
    if faults.any():
        record.data["faults"] = faults.as_extras()
        evidence.problems.extend(Problem(stage=f"journey:{record.name}", viewport=record.viewport, reason=note)
                                 for note in faults.warnings())
    return record


def _crawl_delay(robots: Protego | None, polite: politeness.Politeness, start_url: str, evidence: AuditEvidence,
                 progress: Progress) -> None:
    """Honour robots.txt's Crawl-delay (for uxaudit, else ``*``), saying so; a capped delay is a problem."""
    if robots is None:
        return
    asked = robots.crawl_delay(ROBOTS_AGENT)
    honoured = polite.crawl_delay(start_url, asked)
    if honoured is None or asked is None:
        return
    progress.stage(f"robots.txt asks for {asked:g} s between requests: honouring {honoured:g} s")
    if honoured < asked:
        evidence.problems.append(Problem(
            stage="discover", url=start_url,
            reason=f"robots.txt asks for a Crawl-delay of {asked:g} s; uxaudit waits at most "
                   f"{politeness.MAX_CRAWL_DELAY_S:g} s between page navigations"))


def _explain_robots(record: JourneyEvidence) -> JourneyEvidence:
    """A journey stopped by robots.txt says so, and how to audit one's own store anyway."""
    blocked = record.data.get("robots_blocked")
    if blocked and not record.completed:
        path = urlsplit(blocked[0]).path
        record.stopped_reason = (f"robots.txt disallows {path}, so the journey stopped there "
                                 "(use --ignore-robots to audit your own store)")
    return record


async def _take(gatherer: Gatherer, candidates: list[tuple[str, str]], kind: PageKind, wanted: int,
                allowed: Callable[[str], bool], done: set[str], site: SiteEvidence) -> list[list[PageEvidence]]:
    """Load candidates until ``wanted`` pages turn out to be of ``kind``; others are kept as 'other'.

    Loads a batch of the missing count at once, and gives up after trying three times the
    wanted count, so a shop with few matching pages does not cause a crawl.
    """
    accepted: list[list[PageEvidence]] = []
    queue = [c for c in candidates if c[0] not in done]
    attempts = 0
    while queue and len(accepted) < wanted and attempts < wanted * 3:
        batch: list[tuple[str, str]] = []
        while queue and len(batch) < wanted - len(accepted):
            url, reason = queue.pop(0)
            if url in done or not allowed(url):
                continue
            done.add(url)
            batch.append((url, reason))
        if not batch:
            break
        attempts += len(batch)
        results = await asyncio.gather(*(gatherer.everywhere(url, kind) for url, _ in batch))
        for (url, reason), pages in zip(batch, results, strict=True):
            best = _best(pages)
            content_kind, content_reason = kind_from_content(best) if best else (None, "")
            is_kind = best is not None and (content_kind == kind or (content_kind is None and kind == "category"))
            final: PageKind = kind if is_kind else (content_kind or "other")
            if best is None:
                final = kind  # could not load: keep it, its error says why
            gatherer.keep(pages, final)
            for page in pages:
                done.add(page.final_url)
            site.discovered.append(DiscoveredPage(url=url, kind=final, source="link",
                                                  reason="; ".join(r for r in (reason, content_reason) if r)))
            if is_kind:
                accepted.append(pages)
    return accepted


_UNREACHABLE_HINTS = {
    "ERR_NAME_NOT_RESOLVED": "host not found",
    "ERR_CONNECTION_REFUSED": "connection refused",
    "ERR_CONNECTION_RESET": "connection reset",
    "ERR_CONNECTION_TIMED_OUT": "connection timed out",
    "ERR_ADDRESS_UNREACHABLE": "address unreachable",
    "ERR_CERT": "TLS certificate error (use --ignore-https-errors for a staging certificate)",
    "ERR_SSL": "TLS error",
    "ERR_TOO_MANY_REDIRECTS": "redirect loop",
    "ERR_INVALID_AUTH_CREDENTIALS": ("HTTP 401: the store asks for a user name and password "
                                     "(give them with --http-credentials USER:PASSWORD, or check the ones given)"),
}


def _raise_if_unreachable(pages: list[PageEvidence], url: str, only_if_all_failed: bool = False) -> None:
    """Stop the audit with one clear line when the start page cannot be loaded anywhere."""
    if any(p.loaded for p in pages):
        return
    page = pages[0]
    if page.not_judged == "off-site":
        raise StoreUnreachable(f"cannot audit {url}: it {page.error}; audit that URL instead if it is the store")
    if page.not_judged:
        raise StoreUnreachable(f"cannot audit {url}: {'it is ' if page.not_judged == 'not-html' else ''}{page.error}")
    if page.error:
        reason = next((hint for code, hint in _UNREACHABLE_HINTS.items() if code in page.error), page.error)
        raise StoreUnreachable(f"cannot load {url}: {reason}")
    if not only_if_all_failed or page.status:
        raise StoreUnreachable(f"cannot audit {url}: the page answered HTTP {page.status}")
