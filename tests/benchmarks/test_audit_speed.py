"""Benchmark: a full demo-store audit against plain page loads (and Lighthouse, where installed).

Not part of `make test`; run with `make benchmark`. Prints seconds per page-viewport, the
ratio of audit wall time to plain loads of the same pages in the same browser (target
<= 1.3x; also against plain loads that wait for the same quiet window the audit waits for,
which separates waiting for the page from reading it), and, when the `lighthouse` command exists, Lighthouse's time per page-viewport
on the same URLs (target: uxaudit >= 5x faster per page-viewport).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from uxaudit.browser import PROFILES, context_for, find_chromium, launch
from uxaudit.evidence import Viewport
from uxaudit.gather import _open
from uxaudit.runner import collect
from uxaudit.settings import Settings

pytestmark = pytest.mark.benchmark


async def _plain_loads(urls: list[str], settings: Settings, until: str = "load") -> float:
    """Load each URL once per viewport to ``until``, same throttling and concurrency, nothing read.

    ``load`` is the plainest load; ``networkidle`` (no request for 500 ms) also waits for the
    quiet window the audit waits for before it reads a page's final LCP, CLS and long tasks."""
    async with launch(find_chromium()) as (_, browser):
        start = time.perf_counter()
        limit = asyncio.Semaphore(settings.concurrency)

        async def one(viewport: Viewport, url: str) -> None:
            async with limit, context_for(browser, PROFILES[viewport]) as context:
                page, _ = await _open(context, PROFILES[viewport], settings)
                await page.goto(url, wait_until=until, timeout=settings.page_timeout_s * 1000)  # type: ignore[arg-type]
                await page.close()

        await asyncio.gather(*(one(v, u) for v in settings.viewports for u in urls))
        return time.perf_counter() - start


def _lighthouse_seconds(urls: list[str], out: Path) -> float | None:
    binary = shutil.which("lighthouse")
    if not binary:
        return None
    env = {**os.environ, "CHROME_PATH": find_chromium() or ""}
    start = time.perf_counter()
    for index, url in enumerate(urls):
        for preset in ("perf", "desktop"):  # Lighthouse's default is mobile; "desktop" is its desktop preset
            args = [binary, url, "--quiet", "--output=json", f"--output-path={out / f'lh-{index}-{preset}.json'}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"]
            if preset == "desktop":
                args.append("--preset=desktop")
            subprocess.run(args, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def test_full_demo_audit_speed(demo_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = demo_store("good")
    # Our own store: walk its /cart and /checkout, and no politeness cap (plain loads have none either).
    settings = Settings(respect_robots=False, max_rate=0)
    start = time.perf_counter()
    evidence = asyncio.run(collect(url, settings, tmp_path))
    audit_seconds = time.perf_counter() - start
    loaded = [p for p in evidence.pages if p.loaded and p.kind != "policy"]
    for problem in evidence.problems:
        print(f"\ncould not evaluate: {problem.url} ({problem.viewport}): {problem.reason}")
    assert len(loaded) >= 10, evidence.problems  # home, 2 categories, 3 products x 2 viewports, bar a timeout
    urls = list(dict.fromkeys(p.url for p in loaded))
    policy = [p.url for p in evidence.pages if p.loaded and p.kind == "policy"]
    pages_seconds = evidence.durations_s["pages"]

    def plain(until: str) -> float:
        return asyncio.run(_plain_loads(urls, settings, until)) + asyncio.run(
            _plain_loads(policy, replace(settings, viewports=("desktop",)), until))

    plain_seconds, quiet_seconds = plain("load"), plain("networkidle")
    per_page = pages_seconds / (len(loaded) + len(policy))
    print(f"\nfull audit (pages + journeys, browser start included): {audit_seconds:.1f} s; "
          f"stages: {evidence.durations_s}")
    print(f"pages: {len(loaded)} shopping page-viewports + {len(policy)} policy pages in {pages_seconds:.1f} s "
          f"= {per_page:.2f} s each")
    print(f"plain loads of the same pages: {plain_seconds:.1f} s; page stage / plain = "
          f"{pages_seconds / plain_seconds:.2f}x (target <= 1.3x)")
    print(f"plain loads that also wait for 500 ms without requests: {quiet_seconds:.1f} s; page stage / those = "
          f"{pages_seconds / quiet_seconds:.2f}x (the rest is reading: collect.js, axe, screenshot, gatherers)")
    lighthouse = _lighthouse_seconds(urls, tmp_path)
    if lighthouse is None:
        print("lighthouse: not installed (npm install -g lighthouse to compare)")
    else:
        lh_per_page = lighthouse / (len(urls) * 2)
        print(f"lighthouse: {lh_per_page:.2f} s per page-viewport; uxaudit is {lh_per_page / per_page:.1f}x faster "
              "(target >= 5x)")
