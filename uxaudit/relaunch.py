"""The run's Chromium, launched again when it dies mid-audit.

A browser process can die under an audit (out of memory on a CI runner, a crash in
Chromium, a killed process). The pages being loaded at that moment are lost, and say so;
the audit relaunches the browser, rebuilds its viewport contexts and goes on with the pages
still to load. After ``MAX_RELAUNCHES`` the audit stops relaunching: the remaining pages
fail with the browser's error, as recorded problems, rather than looping.

A crashed renderer (one page's process) is not handled here: the browser lives on, and
``gather.gather_page`` reloads the page once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from types import TracebackType
from typing import Self

from playwright.async_api import Browser, BrowserContext, Playwright
from playwright.async_api import Error as PlaywrightError

from uxaudit.browser import LAUNCH_ARGS
from uxaudit.evidence import Viewport

MAX_RELAUNCHES = 3
"""A store whose pages kill the browser every time does not get relaunched forever."""

LOST = "the browser crashed while this page was loading; uxaudit restarted it and went on"

Prepare = Callable[[Browser, AsyncExitStack], Awaitable[dict[Viewport, BrowserContext]]]
"""Builds the viewport contexts on a browser, entering them into the stack that closes them."""


class Browsers:
    """The current browser and its contexts; ``contexts`` is updated in place on a relaunch."""

    def __init__(self, playwright: Playwright, browser: Browser, executable: str | None, prepare: Prepare) -> None:
        self.playwright = playwright
        self.browser = browser
        self.executable = executable
        self.prepare = prepare
        self.contexts: dict[Viewport, BrowserContext] = {}
        self.relaunches = 0
        self._stack = AsyncExitStack()
        self._launched: list[Browser] = []
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> Self:
        self.contexts.update(await self.prepare(self.browser, self._stack))
        return self

    async def __aexit__(self, kind: type[BaseException] | None, value: BaseException | None,
                        traceback: TracebackType | None) -> None:
        await self._close_generation()
        for browser in self._launched:
            await _quietly(browser.close())

    def dead(self, browser: Browser) -> bool:
        """Whether ``browser`` (the one a page was loaded in) has died."""
        return not browser.is_connected()

    async def relaunch(self, dead: Browser) -> bool:
        """Replace ``dead`` with a new browser and contexts, once however many pages noticed; False when given up."""
        async with self._lock:
            if self.browser is not dead:
                return True  # another page's failure relaunched it already
            if self.relaunches >= MAX_RELAUNCHES:
                return False
            self.relaunches += 1
            await self._close_generation()
            try:
                self.browser = await self.playwright.chromium.launch(
                    executable_path=self.executable, headless=True, args=list(LAUNCH_ARGS), handle_sigint=False)
            except PlaywrightError:
                return False  # the pages still to load fail with the dead browser's error, as problems
            self._launched.append(self.browser)
            self._stack = AsyncExitStack()
            fresh = await self.prepare(self.browser, self._stack)
            self.contexts.clear()
            self.contexts.update(fresh)
            return True

    async def close_contexts(self) -> None:
        """Close the viewport contexts (pages are done); the browser stays for the journeys."""
        await self._close_generation()
        self.contexts.clear()

    async def _close_generation(self) -> None:
        """Close the current browser's contexts; those of a dead browser fail to close, quietly."""
        stack, self._stack = self._stack, AsyncExitStack()
        try:
            await stack.aclose()
        except PlaywrightError:
            pass


async def _quietly(closing: Awaitable[None]) -> None:
    try:
        await closing
    except PlaywrightError:
        pass


__all__ = ["LOST", "MAX_RELAUNCHES", "Browsers"]
