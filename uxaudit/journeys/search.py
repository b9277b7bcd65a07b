"""The search journey: find the search box as a shopper would, type the store's own words, read what comes back.

Per viewport it opens the home page, looks for a visible search field (or a header icon or
menu that reveals one), then types about ten probes seeded from the catalogue discovery
already saw (see ``_search_probes``): an exact product name, a SKU, a one-letter typo, a
product type and its plural, a synonym, two words in both orders, "returns", three letters
for autocomplete and a nonsense query. Each query is typed into the field and submitted
with Enter (or the form's button) — never by building a search URL — and the results page
is read (``_search_results``). Like a shopper, the next query is typed into the search box
of the page in front of it (the last results page); only when that page has none does the
journey go back to the home page.

Steps (stage "search"), each with a screenshot and ``data``:

- ``search-box``: ``probe`` "search_box", ``found`` ("field", "icon", "menu", "link" or
  "none"), ``selector``, ``box``, ``in_first_viewport``, ``in_header``, ``opener_selector``,
  ``opener_box``, ``opener_label``, ``hidden_fields``, ``attributes``, ``submit_selector``,
  ``closed_popups`` (pop-ups closed first, as a shopper would), ``url``.
- ``search-autocomplete``: ``probe``, ``typed``, ``appeared``, ``suggestions`` (text, href),
  ``wait_ms``, ``expected``, ``field_selector``.
- ``search-<probe>`` (and ``search-<probe>-base`` for the comparison query): ``probe``,
  ``query``, ``expected``, ``compare_with``, ``submitted_by``, ``field_selector``,
  ``elapsed_ms`` and what ``_search_results.interpret`` read: ``url``, ``landed``,
  ``results`` (top 10 URLs, in order), ``result_titles``, ``result_count``,
  ``zero_results``, ``zero_message``, ``correction``, ``query_kept``, ``query_echoed``,
  ``offered``, ``help_links``.

``record.data``: ``catalogue`` (what the probes were seeded from), ``skipped`` (probe →
why it could not be built), ``planned`` (probe kinds in order) and ``field`` (the search
box step's data). Read-only: the only form it ever submits is the search form.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from uxaudit.crawl import PRICE
from uxaudit.evidence import JourneyEvidence, JourneyStep

from . import JourneyContext
from ._search_page import FIND_JS, OBSTACLES_JS, READ_JS, SNAPSHOT_JS, SUGGESTIONS_JS, VISIBLE_FIELD_JS
from ._search_probes import Catalogue, Probe, catalogue_from, plan
from ._search_results import interpret
from .search_patterns import SearchVocabulary, vocabulary

NAME = "search"
STAGE = "search"
OPEN_TIMEOUT_MS = 3_000
"""How long a clicked search icon may take to reveal a field."""
SUBMIT_TIMEOUT_MS = 15_000
"""How long a submitted search may take to navigate to its results."""
SETTLE_TIMEOUT_MS = 2_000
"""After the results page's load event, wait at most this long for the network to go quiet."""
SUGGEST_TIMEOUT_MS = 3_000
"""Suggestions that take longer than this after the third letter do not help a typing shopper."""
TYPE_DELAY_MS = 150
"""Between keystrokes when typing for autocomplete: a quick but human pace."""
BUDGET_SHARE = 0.85
"""Stop starting probes once this share of the journey's time limit is spent, to keep what was seen."""


def _field_args(vocab: SearchVocabulary) -> dict[str, str]:
    return {"fieldHint": vocab.field_hint, "openerHint": vocab.opener_hint, "menuHint": vocab.menu_hint}


async def _goto(page: Page, url: str, timeout_ms: float, vocab: SearchVocabulary) -> list[str]:
    """Open ``url`` and close what a shopper would close first; the labels of what was closed."""
    await page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    try:
        await page.wait_for_load_state("load", timeout=min(timeout_ms, 15_000))
    except PlaywrightTimeout:
        pass  # a slow third-party script does not stop a shopper from typing
    return await _close_popups(page, vocab)


async def _close_popups(page: Page, vocab: SearchVocabulary) -> list[str]:
    """Close modal pop-ups (newsletter, promotions) and decline optional cookies where a button says so."""
    closed: list[str] = []
    for obstacle in await page.evaluate(OBSTACLES_JS, {"dismiss": vocab.dismiss, "reject": vocab.reject}):
        if await _click(page, obstacle["selector"], timeout_ms=2_000):
            closed.append(f"{obstacle['kind']}: {obstacle['label']}")
    return closed


async def _settle(page: Page) -> None:
    try:
        await page.wait_for_load_state("load", timeout=SUBMIT_TIMEOUT_MS)
        await page.wait_for_load_state("networkidle", timeout=SETTLE_TIMEOUT_MS)
    except PlaywrightTimeout:
        pass


def _best_field(found: dict[str, Any]) -> dict[str, Any] | None:
    fields: list[dict[str, Any]] = found.get("fields") or []
    if not fields:
        return None
    return min(fields, key=lambda f: (not f["inHeader"] and not f["inFirstViewport"], not f["inFirstViewport"],
                                      not f["typeSearch"], -f["box"]["width"]))


async def _click(page: Page, selector: str, timeout_ms: float = 5_000) -> bool:
    try:
        await page.locator(selector).first.click(timeout=timeout_ms)
        return True
    except PlaywrightError:
        return False


async def _wait_field(page: Page, vocab: SearchVocabulary) -> bool:
    try:
        await page.wait_for_function(VISIBLE_FIELD_JS, arg=_field_args(vocab), timeout=OPEN_TIMEOUT_MS)
        return True
    except PlaywrightTimeout:
        return False


async def find_box(page: Page, vocab: SearchVocabulary) -> dict[str, Any]:
    """Where the search box is on the current page: visible, behind an icon or menu, or nowhere."""
    found = await page.evaluate(FIND_JS, _field_args(vocab))
    data: dict[str, Any] = {"probe": "search_box", "url": page.url, "hidden_fields": found["hidden"]}
    field = _best_field(found)
    if field:
        return {**data, **_field_data(field), "found": "field"}
    openers = sorted(found["openers"], key=lambda o: (not o["inHeader"], o["tag"] == "a"))
    for opener in openers[:3]:
        start = page.url
        if not await _click(page, opener["selector"]):
            continue
        if page.url != start:
            await _settle(page)
        if await _wait_field(page, vocab):
            field = _best_field(await page.evaluate(FIND_JS, _field_args(vocab)))
            if field:
                how = "link" if page.url != start else "icon"
                return {**data, **_field_data(field), "found": how, "opener_selector": opener["selector"],
                        "opener_box": opener["box"], "opener_label": opener["label"],
                        "in_header": opener["inHeader"], "in_first_viewport": opener["inFirstViewport"]}
    for menu in found.get("menus", [])[:2]:
        if not await _click(page, menu["selector"]):
            continue
        if await _wait_field(page, vocab):
            field = _best_field(await page.evaluate(FIND_JS, _field_args(vocab)))
            if field:
                return {**data, **_field_data(field), "found": "menu", "opener_selector": menu["selector"],
                        "opener_box": menu["box"], "opener_label": "menu", "in_header": True,
                        "in_first_viewport": True}
        await _click(page, menu["selector"])  # close it again
    return {**data, "found": "none", "selector": None, "in_first_viewport": False, "in_header": False}


def _field_data(field: dict[str, Any]) -> dict[str, Any]:
    return {"selector": field["selector"], "box": field["box"], "in_first_viewport": field["inFirstViewport"],
            "in_header": field["inHeader"], "attributes": field["attributes"], "submit_selector": field["submit"]}


async def _open_field(page: Page, home: str, vocab: SearchVocabulary, timeout_ms: float) -> dict[str, Any] | None:
    """The search field ready to type in, as a shopper finds it: on the page in front of them (the
    last results page), else back on the home page; where it is (``find_box``), or None."""
    for attempt in range(2):
        if attempt or page.url in ("", "about:blank"):
            await _goto(page, home, timeout_ms, vocab)
        else:
            await _close_popups(page, vocab)
        again = await find_box(page, vocab)
        if again.get("found") != "none":
            return again
    return None


async def _submit(page: Page, selector: str, query: str, submit_selector: str | None) -> str:
    """Type ``query`` into the field and submit it as a shopper does; how it was submitted."""
    field = page.locator(selector).first
    await field.click(timeout=5_000)
    await field.fill(query, timeout=5_000)
    before = page.url
    await field.press("Enter")
    try:
        await page.wait_for_url(lambda url: url != before, timeout=SUBMIT_TIMEOUT_MS, wait_until="commit")
        how = "enter"
    except PlaywrightTimeout:
        how = "enter (no navigation)"
        if submit_selector and await _click(page, submit_selector):
            try:
                await page.wait_for_url(lambda url: url != before, timeout=SUBMIT_TIMEOUT_MS, wait_until="commit")
                how = "search button"
            except PlaywrightTimeout:
                how = "search button (no navigation)"
    await _settle(page)
    return how


async def _screenshot(ctx: JourneyContext, page: Page, name: str) -> Any:
    try:
        return await ctx.screenshot(page, name)
    except PlaywrightError:
        return None


async def _search(ctx: JourneyContext, page: Page, home: str, probe: Probe, name: str, catalogue: Catalogue,
                  vocab: SearchVocabulary) -> JourneyStep:
    started = time.monotonic()
    data: dict[str, Any] = {"probe": probe.kind if not name.endswith("-base") else f"{probe.kind}_base",
                            "query": probe.query, "expected": probe.expected, "compare_with": probe.compare_with}
    found = await _open_field(page, home, vocab, ctx.settings.page_timeout_s * 1000)
    if not found:
        return JourneyStep(name=name, stage=STAGE, url=page.url, action=f"searched '{probe.query}'", ok=False,
                           note="the search field could not be found again on the home page",
                           data={**data, "field_selector": None})
    data["field_selector"] = found["selector"]
    data["submitted_by"] = await _submit(page, found["selector"], probe.query, found.get("submit_selector"))
    raw = await page.evaluate(READ_JS, {"price": PRICE.pattern, "breadcrumb": vocab.breadcrumb})
    data.update(interpret(raw, probe.query, catalogue, vocab, ctx.evidence.site.origin))
    data["elapsed_ms"] = round((time.monotonic() - started) * 1000)
    shot = await _screenshot(ctx, page, name)
    return JourneyStep(name=name, stage=STAGE, url=page.url, action=f"searched '{probe.query}'", screenshot=shot,
                       data=data, note=_note(data))


def _note(data: dict[str, Any]) -> str:
    if data.get("landed") not in ("results", "other"):
        return f"went straight to a {data['landed']} page"
    if data.get("zero_results"):
        return "no results" + (f"; {data['correction']}" if data.get("correction") else "")
    return f"{len(data['results'])} results" + (f" of {data['result_count']}" if data.get("result_count") else "")


async def _autocomplete(ctx: JourneyContext, page: Page, home: str, probe: Probe,
                        vocab: SearchVocabulary) -> JourneyStep:
    name = "search-autocomplete"
    data: dict[str, Any] = {"probe": "autocomplete", "typed": probe.query, "query": probe.query,
                            "expected": probe.expected}
    found = await _open_field(page, home, vocab, ctx.settings.page_timeout_s * 1000)
    if not found:
        return JourneyStep(name=name, stage=STAGE, url=page.url, action=f"typed '{probe.query}'", ok=False,
                           note="the search field could not be found again on the home page",
                           data={**data, "field_selector": None})
    selector = str(found["selector"])
    data["field_selector"] = selector
    locator = page.locator(selector).first
    await locator.click(timeout=5_000)
    await page.evaluate(SNAPSHOT_JS, selector)
    started = time.monotonic()
    await locator.press_sequentially(probe.query, delay=TYPE_DELAY_MS)
    typed_at = time.monotonic()
    args = {"selector": selector, "prefix": probe.query}
    try:
        await page.wait_for_function(f"(args) => ({SUGGESTIONS_JS})(args).suggestions.length > 0", arg=args,
                                     timeout=SUGGEST_TIMEOUT_MS)
        appeared = True
    except PlaywrightTimeout:
        appeared = False
    seen = await page.evaluate(SUGGESTIONS_JS, args)
    data.update(appeared=appeared, suggestions=seen["suggestions"], expanded=seen["expanded"],
                wait_ms=round((time.monotonic() - typed_at) * 1000),
                typing_ms=round((typed_at - started) * 1000), url=page.url)
    shot = await _screenshot(ctx, page, "search-autocomplete")
    note = f"{len(seen['suggestions'])} suggestions" if appeared else "no suggestions appeared"
    return JourneyStep(name=name, stage=STAGE, url=page.url, action=f"typed '{probe.query}' letter by letter",
                       screenshot=shot, data=data, note=note)


def _key(query: str) -> str:
    return " ".join(query.lower().split())


async def walk(ctx: JourneyContext) -> JourneyEvidence:
    """Walk the search journey in ``ctx``'s viewport; fills and returns ``ctx.record``."""
    record = ctx.record
    record.name = NAME
    started = time.monotonic()
    budget = ctx.settings.journey_timeout_s * BUDGET_SHARE
    home_pages = [p for p in ctx.evidence.pages if p.kind == "home" and p.loaded]
    vocab = vocabulary(home_pages[0].meta.lang if home_pages else None)
    the_plan = plan(catalogue_from(ctx.evidence), vocab)
    record.data.update(catalogue=the_plan.catalogue.summary(), skipped=dict(the_plan.skipped),
                       planned=[p.kind for p in the_plan.probes])
    home = ctx.evidence.site.start_url
    page = await ctx.context.new_page()
    try:
        closed = await _goto(page, home, ctx.settings.page_timeout_s * 1000, vocab)
        field = await find_box(page, vocab)
        field["closed_popups"] = closed
        record.data["field"] = field
        shot = await _screenshot(ctx, page, "search-box")
        found = field["found"]
        note = (f"search {found} at {field['selector']}" if found != "none"
                else "no search field, search icon or search link was found")
        record.steps.append(JourneyStep(name="search-box", stage=STAGE, url=page.url, action="looked for the search box",
                                        ok=found != "none", note=note, screenshot=shot, data=field))
        if found == "none":
            record.stopped_reason = ("no search box: no visible search field, and no search icon, link or menu "
                                     f"revealing one on {page.url}")
            return record
        done: dict[str, JourneyStep] = {}
        for probe in the_plan.probes:
            if time.monotonic() - started > budget:
                record.stopped_reason = (f"stopped before the {probe.kind} probe: {budget:.0f} s of the journey's "
                                         "time limit spent")
                return record
            if probe.kind == "autocomplete":
                record.steps.append(await _autocomplete(ctx, page, home, probe, vocab))
                continue
            if probe.compare_with and _key(probe.compare_with) not in done:
                base = Probe(probe.kind, probe.compare_with, probe.expected)
                step = await _search(ctx, page, home, base, f"search-{probe.kind}-base", the_plan.catalogue, vocab)
                record.steps.append(step)
                done[_key(base.query)] = step
            if _key(probe.query) in done and probe.kind != "zero_results":
                earlier = done[_key(probe.query)]
                reused = {**earlier.data, "probe": probe.kind, "expected": probe.expected,
                          "compare_with": probe.compare_with, "reused": True}
                record.steps.append(JourneyStep(name=f"search-{probe.kind}", stage=STAGE, url=earlier.url,
                                                action=f"searched '{probe.query}'", data=reused,
                                                screenshot=earlier.screenshot,
                                                note="same query as an earlier probe: its results are reused"))
                continue
            step = await _search(ctx, page, home, probe, f"search-{probe.kind}", the_plan.catalogue, vocab)
            record.steps.append(step)
            done[_key(probe.query)] = step
        record.completed = True
        return record
    finally:
        record.data["elapsed_s"] = round(time.monotonic() - started, 2)
        await page.close()
