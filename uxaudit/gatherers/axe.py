"""Accessibility evidence of one load: axe-core's WCAG 2.x A/AA rules, run in the page.

axe-core comes from the ``axe-playwright-python`` package (its bundled ``axe.min.js``),
not a copy in this repository. Only the WCAG A/AA rule tags run, in the top document
(``iframes: false``: a frame without axe would make axe wait for it), within
``TIME_LIMIT_S``. CPU throttling is lifted for the run: the page's timings are already
measured, and axe on a 4× slowed CPU would cost four times as long for the same answer.

The result keeps, per violated rule: its impact, help text and URL, and the first
``MAX_NODES`` elements (selector from axe's target, HTML snippet, box, failure summary);
per applicable rule that passed: its id and impact (for Lighthouse-style weighting).
"""

from __future__ import annotations

import asyncio
import time
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from uxaudit.gatherers import GatherContext

TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
"""WCAG 2.0/2.1/2.2 levels A and AA: what the law usually asks (EN 301 549, ADA settlements)."""
DISABLED_RULES = ("target-size",)
"""Tap-target size is judged by the mobile-friendly check (WCAG 2.5.8): not counted twice."""
TIME_LIMIT_S = 12.0
"""axe takes 0.1-2 s on a shop page; a page that needs longer is recorded as not evaluated."""
MAX_NODES = 5
SNIPPET_CHARS = 200

RUN_JS = r"""
async (args) => {
  const started = performance.now();
  const timeout = new Promise((resolve) => setTimeout(() => resolve({ timed_out: true }), args.timeoutMs));
  const rules = {};
  for (const id of args.disabled) rules[id] = { enabled: false };
  const run = axe.run(document, {
    runOnly: { type: 'tag', values: args.tags }, rules, resultTypes: ['violations'], iframes: false,
    selectors: true, ancestry: false, xpath: false, elementRef: false, performanceTimer: false,
  });
  const results = await Promise.race([run, timeout]);
  if (results.timed_out) return { timed_out: true, ms: performance.now() - started };
  const impactOf = (id, fallback) => {
    try { const r = axe._audit.rules.find((x) => x.id === id); return (r && r.impact) || fallback || 'moderate'; }
    catch (e) { return fallback || 'moderate'; }
  };
  const boxOf = (target) => {
    if (!Array.isArray(target) || target.length !== 1 || typeof target[0] !== 'string') return null;
    try {
      const el = document.querySelector(target[0]);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY), width: Math.round(r.width), height: Math.round(r.height) };
    } catch (e) { return null; }
  };
  const flat = (target) => (Array.isArray(target) ? target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' >>> ') : String(target));
  return {
    ms: performance.now() - started,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact || impactOf(v.id), help: v.help, help_url: v.helpUrl, description: v.description,
      tags: v.tags.filter((t) => /^wcag\d/.test(t)), count: v.nodes.length,
      nodes: v.nodes.slice(0, args.maxNodes).map((n) => ({
        selector: flat(n.target), html: String(n.html || '').slice(0, args.snippet), box: boxOf(n.target),
        summary: String(n.failureSummary || '').slice(0, 400), impact: n.impact,
      })),
    })),
    passes: results.passes.map((p) => ({ id: p.id, impact: impactOf(p.id, p.impact) })),
    incomplete: results.incomplete.map((i) => i.id),
  };
}
"""


@cache
def axe_source() -> str:
    """axe.min.js as shipped by the axe-playwright-python package."""
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_package() -> str:
    try:
        return f"axe-playwright-python {version('axe-playwright-python')}"
    except Exception:  # noqa: BLE001 - only a label
        return "axe-playwright-python"


async def gather(page: Page, ctx: GatherContext) -> dict[str, Any]:
    started = time.monotonic()
    if ctx.profile.cpu_slowdown > 1 and ctx.settings.throttle:
        await _unthrottle(page, ctx)
    await page.evaluate(axe_source())
    engine = await page.evaluate("() => axe.version")
    try:
        result: dict[str, Any] = await asyncio.wait_for(
            page.evaluate(RUN_JS, {"tags": list(TAGS), "disabled": list(DISABLED_RULES),
                                   "timeoutMs": int(TIME_LIMIT_S * 1000), "maxNodes": MAX_NODES,
                                   "snippet": SNIPPET_CHARS}),
            TIME_LIMIT_S + 3)
    except TimeoutError:
        result = {"timed_out": True}
    if result.get("timed_out"):
        return {"error": f"axe did not finish within {TIME_LIMIT_S:g} s", "engine": f"axe-core {engine}"}
    result.update(engine=f"axe-core {engine}", package=axe_package(), tags=list(TAGS),
                  total_ms=round((time.monotonic() - started) * 1000))
    result["ms"] = round(float(result.get("ms", 0)))
    return result


async def _unthrottle(page: Page, ctx: GatherContext) -> None:
    """Lift the profile's CPU slowdown for this page (it closes right after the gatherers)."""
    try:
        session = await ctx.context.new_cdp_session(page)
        await session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    except PlaywrightError:
        pass  # not Chromium, or the page went away: axe just runs slower
