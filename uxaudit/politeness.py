"""Politeness: at most ``max_rate`` page navigations per second per host, and robots.txt's Crawl-delay.

One :class:`Politeness` per audit hands out navigation turns per host: each host's turns
are at least ``max(1 / max_rate, Crawl-delay)`` seconds apart, first come first served.
Two points ask for a turn:

* page loads (discovery and evidence) ask before ``page.goto`` (:meth:`Politeness.turn`),
  so the wait never counts against the page's timeout or its lab metrics;
* journeys navigate by clicking, submitting and reloading, so their contexts get a route
  (:meth:`Politeness.guard`) that holds every navigation request until its turn. Routing
  every request costs a little latency, which only matters to speed, and journeys are
  not measured for speed.

Subresources (images, scripts, XHR) are never held: a page's own requests are the page.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Route

MAX_CRAWL_DELAY_S = 10.0
"""The longest Crawl-delay honoured. A journey waits for its navigations inside its own
timeouts (15-20 s for a step); longer delays are capped and the cap is reported."""
SLOW_INTERVAL_S = 2.0
"""From this interval between navigations on, journeys walk one at a time: they would only
queue behind each other at the host, eating each other's step timeouts."""

T = TypeVar("T")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@dataclass
class Waits:
    """Seconds a journey's navigations spent waiting for their turn; its time limit grows by as much."""

    total: float = 0.0
    on_wait: Callable[[float], None] | None = None

    def add(self, seconds: float) -> None:
        self.total += seconds
        if self.on_wait is not None:
            self.on_wait(seconds)


@dataclass
class Politeness:
    """Navigation turns per host for one audit (one event loop)."""

    max_rate: float
    """Navigations per second per host (``Settings.max_rate``); 0 means no cap (for one's own store)."""
    crawl_delays: dict[str, float] = field(default_factory=dict)
    """host → seconds from its robots.txt."""
    _next: dict[str, float] = field(default_factory=dict)
    navigations: int = 0
    waited_s: float = 0.0

    def crawl_delay(self, url: str, seconds: float | None) -> float | None:
        """Honour a robots.txt Crawl-delay for ``url``'s host; returns what is honoured (capped)."""
        if seconds is None or seconds <= 0:
            return None
        honoured = min(float(seconds), MAX_CRAWL_DELAY_S)
        self.crawl_delays[host_of(url)] = honoured
        return honoured

    def interval(self, url: str) -> float:
        """Seconds between two navigations to ``url``'s host."""
        rate_gap = 1.0 / self.max_rate if self.max_rate > 0 else 0.0
        return max(rate_gap, self.crawl_delays.get(host_of(url), 0.0))

    def slow(self, url: str) -> bool:
        return self.interval(url) >= SLOW_INTERVAL_S

    async def turn(self, url: str) -> float:
        """Wait for the next navigation turn of ``url``'s host; returns the seconds waited.

        The slot is reserved before sleeping, so concurrent callers queue in order; a
        cancelled waiter leaves its slot unused, which only errs on the polite side.
        """
        host = host_of(url)
        gap = self.interval(url)
        self.navigations += 1
        if gap <= 0 or not host:
            return 0.0
        now = time.monotonic()
        slot = max(now, self._next.get(host, 0.0))
        self._next[host] = slot + gap
        delay = slot - now
        if delay > 0:
            self.waited_s += delay
            await asyncio.sleep(delay)
        return delay

    async def guard(self, context: BrowserContext, waits: Waits | None = None) -> None:
        """Hold each navigation request of ``context`` until its host's turn.

        Register it before other routes: Playwright runs the last registered first, so a
        navigation that robots.txt or --block-external refuses is refused without waiting.
        Without a cap or a Crawl-delay there is nothing to hold, and no route (routing every
        request costs a little time).
        """
        if self.max_rate <= 0 and not any(delay > 0 for delay in self.crawl_delays.values()):
            return
        async def navigation_turn(route: Route) -> None:
            request = route.request
            if request.is_navigation_request() and request.url.startswith(("http://", "https://")):
                waited = await self.turn(request.url)
                if waits is not None and waited > 0:
                    waits.add(waited)
            await route.fallback()

        await context.route("**/*", navigation_turn)


_BY_CONTEXT: weakref.WeakKeyDictionary[BrowserContext, Politeness] = weakref.WeakKeyDictionary()


def attach(context: BrowserContext, politeness: Politeness) -> None:
    """Make ``context``'s page loads (:func:`turn_in`) take turns with ``politeness``."""
    _BY_CONTEXT[context] = politeness


async def turn_in(context: BrowserContext, url: str) -> float:
    """Wait for the turn of a page load in ``context``; no wait for a context nobody attached."""
    politeness = _BY_CONTEXT.get(context)
    return await politeness.turn(url) if politeness is not None else 0.0


async def within(work: Awaitable[T], seconds: float, waits: Waits) -> T:
    """``work`` limited to ``seconds`` plus whatever its navigations spent waiting for their turn.

    Raises TimeoutError like :func:`asyncio.wait_for`.
    """
    async with asyncio.timeout(seconds) as limit:
        def extend(waited: float) -> None:
            when = limit.when()
            if when is not None:
                limit.reschedule(when + waited)

        waits.on_wait = extend
        try:
            return await work
        finally:
            waits.on_wait = None


__all__ = ["MAX_CRAWL_DELAY_S", "Politeness", "Waits", "attach", "host_of", "turn_in", "within"]
