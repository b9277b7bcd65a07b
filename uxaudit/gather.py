"""Load one page once in one viewport and gather everything the checks need from that load.

Network accounting comes from the DevTools protocol (transfer sizes of every response,
cross-origin included); metrics and the DOM facts from the in-page scripts observe.js
(installed before the page's own scripts) and collect.js (run once the page is quiet).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import extruct
from playwright.async_api import BrowserContext, CDPSession, Page, Response
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from uxaudit.browser import Profile
from uxaudit.evidence import (
    Fonts,
    Image,
    Layout,
    Meta,
    PageEvidence,
    PageKind,
    Resource,
    Resources,
    Screenshot,
    Timings,
    TypeTotals,
)
from uxaudit.faults import Faults, watch
from uxaudit.gatherers import GatherContext, run_all
from uxaudit.politeness import turn_in
from uxaudit.screening import BLOCKED, Answer, bot_wall, media_type, not_html, off_site
from uxaudit.settings import Settings

OBSERVE_JS = files("uxaudit").joinpath("observe.js").read_text(encoding="utf-8")
COLLECT_JS = files("uxaudit").joinpath("collect.js").read_text(encoding="utf-8")
LIMITS = {"maxElements": 600, "maxImages": 200, "maxText": 200_000, "maxHtml": 1_500_000, "timingsOnly": False}
QUIET_MS = 500
"""The page counts as settled after this long with no request in flight and no long task."""
ENDLESS_GROWTH = 500
"""Elements a page may add while it fails to settle before it counts as endless (infinite scroll
that keeps fetching, a feed that never stops): a lazy carousel or a late widget adds far fewer."""
MAX_DOCUMENT_BYTES = 5_000_000
"""An HTML document still arriving beyond this is cut there (loading stopped): the heaviest real
store pages are a few MB, and an endless stream would otherwise grow the browser and the time to
read the page without bound (measured: a 12 MB page took 100 s to gather, a stream cut only by
the page timeout over 130 s)."""
TEXT_FIELDS = frozenset({"", "text", "email", "tel", "password", "search", "number", "url"})

_CDP_TYPES = {"Document": "document", "Stylesheet": "stylesheet", "Script": "script", "Image": "image",
              "Font": "font", "XHR": "fetch", "Fetch": "fetch", "Media": "media"}


@dataclass
class NetworkLog:
    """Responses seen through DevTools during one page load."""

    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    inflight: set[str] = field(default_factory=set)
    last_activity: float = field(default_factory=time.monotonic)
    document_bytes: dict[str, int] = field(default_factory=dict)
    cut: bool = False
    """Set when a document passed MAX_DOCUMENT_BYTES and loading was stopped."""
    _session: CDPSession | None = None
    _tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    def attach(self, session: CDPSession) -> None:
        self._session = session
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.responseReceived", self._response)
        session.on("Network.dataReceived", self._data)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.loadingFailed", self._failed)

    def _data(self, event: dict[str, Any]) -> None:
        request_id = event["requestId"]
        if self.requests.get(request_id, {}).get("type") != "Document":
            return
        self.document_bytes[request_id] = self.document_bytes.get(request_id, 0) + int(event.get("dataLength", 0))
        if self.document_bytes[request_id] > MAX_DOCUMENT_BYTES and not self.cut and self._session is not None:
            self.cut = True
            task = asyncio.ensure_future(_stop_loading(self._session))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _sent(self, event: dict[str, Any]) -> None:
        request_id = event["requestId"]
        self.requests.setdefault(request_id, {"url": event["request"]["url"], "type": event.get("type", "Other")})
        self.inflight.add(request_id)
        self.last_activity = time.monotonic()

    def _response(self, event: dict[str, Any]) -> None:
        entry = self.requests.setdefault(event["requestId"], {"url": event["response"]["url"]})
        entry["status"] = event["response"].get("status")
        entry["type"] = event.get("type", entry.get("type", "Other"))
        entry["mime"] = event["response"].get("mimeType", "")

    def _finished(self, event: dict[str, Any]) -> None:
        entry = self.requests.setdefault(event["requestId"], {"url": "", "type": "Other"})
        entry["bytes"] = int(event.get("encodedDataLength", 0))
        self.inflight.discard(event["requestId"])
        self.last_activity = time.monotonic()

    def _failed(self, event: dict[str, Any]) -> None:
        self.inflight.discard(event["requestId"])
        self.last_activity = time.monotonic()

    def summary(self, page_url: str, blocking_urls: set[str]) -> Resources:
        site = _site_of(page_url)
        resources: list[Resource] = []
        for entry in self.requests.values():
            url = entry.get("url", "")
            if not url.startswith(("http://", "https://")):
                continue
            resources.append(Resource(
                url=url, type=_CDP_TYPES.get(entry.get("type", "Other"), "other"), bytes=entry.get("bytes", 0),
                status=entry.get("status"), third_party=_site_of(url) != site, render_blocking=url in blocking_urls,
            ))
        by_type: dict[str, TypeTotals] = {}
        for res in resources:
            totals = by_type.setdefault(res.type, TypeTotals())
            totals.requests += 1
            totals.bytes += res.bytes
        third = [r for r in resources if r.third_party]
        return Resources(
            requests=len(resources), bytes=sum(r.bytes for r in resources),
            first_party_bytes=sum(r.bytes for r in resources if not r.third_party),
            third_party_bytes=sum(r.bytes for r in third), third_party_requests=len(third),
            third_party_hosts=sorted({urlsplit(r.url).hostname or "" for r in third}),
            by_type=by_type, largest=sorted(resources, key=lambda r: r.bytes, reverse=True)[:10],
            render_blocking=[r for r in resources if r.render_blocking],
        )

    def bytes_by_url(self) -> dict[str, int]:
        return {e["url"]: e.get("bytes", 0) for e in self.requests.values() if "url" in e}


async def _stop_loading(session: CDPSession) -> None:
    """Stop the page's loading, as a shopper's Esc key would; the page may already be gone."""
    try:
        await session.send("Page.stopLoading")
    except PlaywrightError:
        pass


def _site_of(url: str) -> str:
    """The host without a leading 'www.', so www and bare domains are one party."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class PageLoadError(Exception):
    """The page could not be loaded; the reason is recorded in the evidence."""


@dataclass(frozen=True)
class Landing:
    """Where a navigation ended: the main document's final response."""

    status: int | None
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    """Response headers, names in lower case."""


async def _open(context: BrowserContext, profile: Profile, settings: Settings) -> tuple[Page, NetworkLog]:
    page = await context.new_page()
    session = await context.new_cdp_session(page)
    log = NetworkLog()
    log.attach(session)
    await session.send("Network.enable")
    await session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if settings.throttle:
        await session.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": profile.rtt_ms,
            "downloadThroughput": profile.download_kbps * 1024 / 8,
            "uploadThroughput": profile.upload_kbps * 1024 / 8,
        })
        if profile.cpu_slowdown > 1:
            await session.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu_slowdown})
    return page, log


async def _navigate(page: Page, url: str, settings: Settings, warnings: list[str]) -> Landing:
    """Go to ``url`` and wait for `load`; a page that shows content but never fires `load` is kept.

    A shopper sees such a page, so its evidence is gathered as it stands, with a warning.
    Only a page that never received a response is an error, unless that response was a file
    the browser would not show (a download): the caller reports it as not HTML.
    """
    response: Response | None = None

    def remember(resp: Response) -> None:
        """Keep the main frame's latest navigation response (the one after any redirects)."""
        nonlocal response
        if resp.request.is_navigation_request() and resp.frame == page.main_frame:
            response = resp

    await turn_in(page.context, url)  # the host's next navigation turn, outside the page's timeout
    page.on("response", remember)
    try:
        first = await page.goto(url, wait_until="load", timeout=settings.page_timeout_s * 1000)
        return Landing(first.status, first.url, first.headers) if first else Landing(None, page.url)
    except PlaywrightTimeout:
        if response is None:
            raise PageLoadError(f"no response within {settings.page_timeout_s:g} s") from None
        warnings.append(f"the load event did not fire within {settings.page_timeout_s:g} s; "
                        "evidence was gathered from what had rendered by then")
        return Landing(response.status, response.url, response.headers)
    except PlaywrightError as exc:
        if response is not None and not_html(response.status, response.headers.get("content-type")):
            return Landing(response.status, response.url, response.headers)
        raise PageLoadError(short_error(str(exc))) from None
    finally:
        page.remove_listener("response", remember)


async def _settle(page: Page, log: NetworkLog, settings: Settings) -> bool:
    """Wait until nothing is in flight and no long task ran for QUIET_MS, at most settle_timeout_s.

    Polls instead of sleeping a fixed time: a fast page settles in about QUIET_MS. Returns
    whether it settled.
    """
    deadline = time.monotonic() + settings.settle_timeout_s
    while time.monotonic() < deadline:
        quiet_network = not log.inflight and time.monotonic() - log.last_activity >= QUIET_MS / 1000
        if quiet_network:
            busy = await page.evaluate(
                "(q) => { const s = window.__uxaudit; if (!s) return false; const now = performance.now();"
                " return s.longTasks.some(t => now - (t.start + t.duration) < q) ||"
                " s.shifts.some(t => now - t.start < q); }", QUIET_MS)
            if not busy:
                await _painted(page, deadline)
                return True
        await asyncio.sleep(0.1)
    return False


_PAINTED_JS = """(ms) => {
  const seen = [...document.images].filter((img) => {
    const r = img.getBoundingClientRect();
    return img.src && r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0;
  });
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const decoded = Promise.all(seen.map((img) => img.decode().catch(() => null))).then(frames);
  return Promise.race([decoded, new Promise((done) => setTimeout(done, ms))]);
}"""
"""Wait for the images a shopper sees to be decoded and painted: decoding a large image runs off
the main thread, so a quiet page may not yet have painted its hero, and LCP would name a smaller
element (seen under load: a footer list instead of the product's 2000 px photo)."""


async def _painted(page: Page, deadline: float) -> None:
    remaining_ms = int(max(0.0, deadline - time.monotonic()) * 1000)
    if remaining_ms <= 0:
        return
    try:
        await page.evaluate(_PAINTED_JS, remaining_ms)
    except PlaywrightError:
        pass  # the page went away: the collection that follows says so


async def _element_count(page: Page) -> int:
    try:
        count = await page.evaluate("() => document.getElementsByTagName('*').length")
    except PlaywrightError:
        return 0
    return int(count)


def short_error(message: str) -> str:
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return first.removeprefix("Page.goto: ")


def structured_data(html: str, url: str) -> list[dict[str, Any]]:
    """schema.org items from JSON-LD and microdata, flattened (@graph and nesting kept as is)."""
    try:
        data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True)
    except Exception:  # noqa: BLE001 - malformed markup on a store page is not our failure
        return []
    items: list[dict[str, Any]] = []
    for syntax in ("json-ld", "microdata"):
        for item in data.get(syntax, []):
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(i for i in item["@graph"] if isinstance(i, dict))
            elif isinstance(item, dict):
                items.append(item)
    return items


def median_timings(runs: list[Timings]) -> Timings:
    """Median of every metric over the runs; the elements come from the first run."""
    if len(runs) == 1:
        return runs[0]

    def med(name: str) -> float | None:
        values = [getattr(r, name) for r in runs if getattr(r, name) is not None]
        return statistics.median(values) if values else None

    first = runs[0]
    return Timings(
        ttfb_ms=med("ttfb_ms"), fcp_ms=med("fcp_ms"), lcp_ms=med("lcp_ms"), cls=med("cls"), tbt_ms=med("tbt_ms"),
        dom_content_loaded_ms=med("dom_content_loaded_ms"), load_ms=med("load_ms"),
        lcp_element=first.lcp_element, layout_shift_sources=first.layout_shift_sources,
    )


PAGE_CEILING_EXTRA_S = 90.0
"""Beyond the navigation timeout (and the extra speed runs' own time), how long settling,
reading, axe and the screenshot may take before a page is given up: a browser call that never returns (seen after a renderer crash)
must cost one page, never the whole audit."""

TRANSIENT_ERRORS = ("no response within", "ERR_CONNECTION_RESET", "ERR_EMPTY_RESPONSE", "ERR_NETWORK_CHANGED",
                    "Target crashed", "Page crashed")
"""Failures a shopper would answer by reloading: the page is tried once more before it is given up."""


async def gather_page(context: BrowserContext, profile: Profile, url: str, kind: PageKind, page_id: str,
                      settings: Settings, screenshot_dir: Path | None) -> PageEvidence:
    """Load ``url`` once (plus extra speed runs) and return its evidence; failures become ``error``.

    A transient failure (no response in time, a reset connection, a crashed renderer) gets one
    more attempt, recorded as a warning, so one slow moment on a busy machine or store does not
    cost the page its whole evidence.
    """
    async def attempt() -> PageEvidence:
        # the evidence load, plus each extra speed run (a navigation and a settle)
        ceiling = (settings.page_timeout_s + PAGE_CEILING_EXTRA_S
                   + (settings.runs - 1) * (settings.page_timeout_s + settings.settle_timeout_s))
        try:
            return await asyncio.wait_for(
                _gather_once(context, profile, url, kind, page_id, settings, screenshot_dir), ceiling)
        except TimeoutError:
            return PageEvidence(id=page_id, url=url, final_url=url, kind=kind, viewport=profile.name,
                                error=f"gathering did not finish within {ceiling:g} s")

    evidence = await attempt()
    if evidence.error and any(marker in evidence.error for marker in TRANSIENT_ERRORS):
        first_error = evidence.error
        evidence = await attempt()
        evidence.warnings.insert(0, f"the first attempt failed ({first_error}); this is the second")
    return evidence


async def _gather_once(context: BrowserContext, profile: Profile, url: str, kind: PageKind, page_id: str,
                       settings: Settings, screenshot_dir: Path | None) -> PageEvidence:
    base: dict[str, Any] = {"id": page_id, "url": url, "final_url": url, "kind": kind, "viewport": profile.name}
    warnings: list[str] = []
    faults = Faults()
    try:
        page, log = await _open(context, profile, settings)
    except PlaywrightError as exc:
        return PageEvidence(**base, error=short_error(str(exc)))
    watch(page, faults)
    try:
        landing = await _navigate(page, url, settings, warnings)
        status = landing.status
        final_url = page.url if page.url.startswith("http") else landing.url
        answered = {**base, "final_url": final_url, "status": status, "warnings": warnings,
                    "content_type": media_type(landing.headers.get("content-type")) or None}
        # A file or another site is not the store's page: recorded, never judged (uxaudit.screening).
        reason = not_html(status, landing.headers.get("content-type"))
        if reason:
            return PageEvidence(**answered, error=reason, not_judged="not-html")
        reason = off_site(url, final_url)
        if reason:
            return PageEvidence(**answered, error=reason, not_judged="off-site")
        before = await _element_count(page)
        if not await _settle(page, log, settings):
            grown = await _element_count(page) - before
            if grown >= ENDLESS_GROWTH:
                warnings.append(f"the page kept adding content ({grown:,} elements in {settings.settle_timeout_s:g} s "
                                "after it loaded); evidence was gathered as it stood")
        raw = await page.evaluate(COLLECT_JS, LIMITS)
        final_url = page.url
        reason = off_site(url, final_url)  # a script may have sent the shopper elsewhere
        if reason:
            return PageEvidence(**{**answered, "final_url": final_url}, error=reason, not_judged="off-site")
        if log.cut:
            warnings.append(f"the page's HTML went on past {MAX_DOCUMENT_BYTES / 1e6:g} MB; loading was stopped "
                            "there and evidence was gathered from that part")
        _warn_if_truncated(raw.get("size", {}), warnings)
        wall = bot_wall(_answer(landing, raw))
        if wall:
            shot = await _screenshot(page, profile, page_id, screenshot_dir, settings, warnings)
            return PageEvidence(**{**answered, "final_url": final_url}, error=BLOCKED.format(detail=wall),
                                not_judged="blocked", meta=Meta.model_validate(raw["meta"]), screenshot=shot)
        shot = await _screenshot(page, profile, page_id, screenshot_dir, settings, warnings)
        extras = await run_all(page, GatherContext(context, profile, kind, settings, list(log.requests.values())))
    except PageLoadError as exc:
        return PageEvidence(**base, error=str(exc), warnings=faults.warnings())
    except PlaywrightError as exc:
        return PageEvidence(**base, error=short_error(str(exc)), warnings=faults.warnings())
    finally:
        await _close_quietly(page)
    warnings += faults.warnings()
    if faults.any():
        extras["faults"] = faults.as_extras()
    runs = [Timings.model_validate(raw["timings"])]
    for _ in range(settings.runs - 1):
        extra = await _timings_only(context, profile, url, settings)
        if extra is not None:
            runs.append(extra)
    blocking = set(raw.get("blocking", []))
    sizes = log.bytes_by_url()
    images = [Image.model_validate({**img, "bytes": sizes.get(img["src"])}) for img in raw["images"]]
    return PageEvidence(
        **{**answered, "final_url": final_url},
        meta=Meta.model_validate(raw["meta"]), timings=median_timings(runs), runs=runs,
        resources=log.summary(final_url, blocking), structured_data=structured_data(raw["html"], final_url),
        html=raw["html"], text=raw["text"], interactive=raw["interactive"],
        fonts=Fonts.model_validate(raw["fonts"]), images=images, layout=Layout.model_validate(raw["layout"]),
        screenshot=shot, extras=extras,
    )


def _answer(landing: Landing, raw: dict[str, Any]) -> Answer:
    """What bot-wall recognition reads from a load: the response and what the page shows."""
    elements = raw.get("interactive", [])
    links = sum(1 for e in elements if e.get("tag") == "a")
    fields = sum(1 for e in elements if e.get("tag") == "textarea" or (
        e.get("tag") == "input" and e.get("attributes", {}).get("type", "").lower() in TEXT_FIELDS))
    return Answer(status=landing.status, headers=landing.headers, title=raw["meta"].get("title") or "",
                  text=raw.get("text", ""), html=raw.get("html", ""), links=links, fields=fields)


def _warn_if_truncated(size: dict[str, int], warnings: list[str]) -> None:
    """A page bigger than the evidence caps (collect.js LIMITS) is kept in part, and says so."""
    html, text = size.get("html_chars", 0), size.get("text_chars", 0)
    if html > LIMITS["maxHtml"] or text > LIMITS["maxText"]:
        warnings.append(f"the page is very large ({html / 1e6:.1f} M characters of HTML, {size.get('elements', 0):,} "
                        f"elements); the evidence keeps its first {int(LIMITS['maxHtml']) / 1e6:.1f} M characters of "
                        f"HTML and {int(LIMITS['maxText']):,} of text")


async def _close_quietly(page: Page) -> None:
    """Close a page whose renderer may already be gone (or whose close never returns)."""
    try:
        await asyncio.wait_for(page.close(), 10)
    except (PlaywrightError, TimeoutError):
        pass


async def _timings_only(context: BrowserContext, profile: Profile, url: str, settings: Settings) -> Timings | None:
    """One more cold load for the speed median; nothing else is read."""
    try:
        page, log = await _open(context, profile, settings)
    except PlaywrightError:
        return None
    watch(page, Faults())  # noted once already, on the evidence load
    try:
        await _navigate(page, url, settings, [])
        await _settle(page, log, settings)
        raw = await page.evaluate(COLLECT_JS, {**LIMITS, "timingsOnly": True})
        return Timings.model_validate(raw["timings"])
    except (PageLoadError, PlaywrightError):
        return None
    finally:
        await _close_quietly(page)


async def _screenshot(page: Page, profile: Profile, page_id: str, folder: Path | None,
                      settings: Settings, warnings: list[str]) -> Screenshot | None:
    """The viewport as a shopper first sees it; a failed capture is a warning, not a lost page."""
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{page_id}.jpg"
    try:
        await page.screenshot(path=str(path), type="jpeg", quality=settings.screenshot_quality,
                              full_page=False, scale="css", animations="disabled", timeout=15_000)
    except PlaywrightTimeout:
        warnings.append("the screenshot could not be taken within 15 s")
        return None
    return Screenshot(path=f"{folder.name}/{path.name}", width=profile.width, height=profile.height)
