"""Soak: 20 audits in a row in one process leave no browser behind and no runaway memory (issue 7, item 6).

Not part of the default run (``-m benchmark``). Audits the demo store ``AUDITS`` times, each
small (one category, one product, both viewports, no journeys) but complete (judged, report
written), as a CI job auditing several stores from one process would. Every process the
audits start inherits an environment variable naming this run, so leftover Chromium (or
Playwright driver) processes are found even once orphaned to init, and nobody else's are
counted. After each audit none may remain; the Python process's resident memory after the
last audit may exceed that after the first by at most ``MAX_RSS_GROWTH_MB``.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from tests.conftest import audit_store

pytestmark = pytest.mark.benchmark

AUDITS = 20
MAX_RSS_GROWTH_MB = 100
"""Bound on RSS growth between audit 1 and audit 20: the first audit pays for imports and caches;
a leak of a few MB per audit (a browser's pages, screenshots kept in memory) would exceed it."""
TAG = "UXAUDIT_SOAK_RUN"
SETTINGS = {"max_categories": 1, "max_products": 1, "viewports": ("mobile", "desktop"), "journeys": (),
            "policy_pages": False, "throttle": False}


def tagged(run: str) -> list[psutil.Process]:
    """Live processes (not this one) started under this soak run."""
    found = []
    for proc in psutil.process_iter():
        if proc.pid == os.getpid():
            continue
        try:
            if proc.environ().get(TAG) == run and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except psutil.Error:
            continue
    return found


def settle(run: str, seconds: float = 10) -> list[psutil.Process]:
    """Tagged processes still alive after up to ``seconds`` (a closing browser takes a moment)."""
    deadline = time.monotonic() + seconds
    left = tagged(run)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = tagged(run)
    return left


def test_twenty_audits_leave_no_browser_and_bounded_memory(demo_store: Callable[..., str], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    url = demo_store("good")
    run = uuid.uuid4().hex
    monkeypatch.setenv(TAG, run)
    me = psutil.Process()
    chromium_before = sum(1 for p in psutil.process_iter(["name"]) if "chrom" in (p.info["name"] or "").lower())
    rss_mb: list[float] = []
    seconds: list[float] = []
    start = time.perf_counter()
    for index in range(AUDITS):
        clock = time.perf_counter()
        audit = audit_store(url, tmp_path / f"audit-{index}", **SETTINGS)
        seconds.append(time.perf_counter() - clock)
        assert sum(1 for p in audit.evidence.pages if p.loaded) >= 6
        left = settle(run)
        assert not left, f"after audit {index + 1}: " + ", ".join(f"{p.pid} {p.name()}" for p in left)
        rss_mb.append(me.memory_info().rss / 2**20)
    total = time.perf_counter() - start
    chromium_after = sum(1 for p in psutil.process_iter(["name"]) if "chrom" in (p.info["name"] or "").lower())
    growth = rss_mb[-1] - rss_mb[0]
    print(f"\n== soak: {AUDITS} audits in {total:.0f} s ({min(seconds):.1f}-{max(seconds):.1f} s each) ==\n"
          f"  leftover processes of this run after each audit: 0\n"
          f"  chromium processes on the machine (anyone's): {chromium_before} before, {chromium_after} after\n"
          f"  RSS after audit 1: {rss_mb[0]:.0f} MB, after audit {AUDITS}: {rss_mb[-1]:.0f} MB "
          f"(growth {growth:+.0f} MB, bound {MAX_RSS_GROWTH_MB} MB; peak {max(rss_mb):.0f} MB)\n"
          f"  RSS per audit: {' '.join(f'{v:.0f}' for v in rss_mb)}")
    assert growth < MAX_RSS_GROWTH_MB
