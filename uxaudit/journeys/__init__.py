"""Shopper journeys: flows walked in a fresh browser context, recorded as JourneyEvidence.

A journey is an async function ``walk(ctx: JourneyContext) -> JourneyEvidence``. It acts
like a shopper (types, clicks, reads what appears), records every step with a screenshot,
and when it cannot go on it stops and says where and why instead of raising. Journeys
never judge: checks read their evidence.

Journeys run after the page loads, in contexts of their own (so a cart never leaks
between them), without throttling: they measure flows, not speed.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import BrowserContext

from uxaudit.browser import Profile
from uxaudit.evidence import AuditEvidence, JourneyEvidence, Screenshot, Viewport
from uxaudit.settings import Settings


@dataclass
class JourneyContext:
    """What a journey gets: its own browser context, the pages seen so far, and where to save screenshots.

    ``record`` is the journey's evidence, filled step by step as it walks: if the journey
    is stopped by its time limit, the steps it took are kept.
    """

    context: BrowserContext
    profile: Profile
    evidence: AuditEvidence
    settings: Settings
    screenshots: Path | None
    record: JourneyEvidence

    @property
    def viewport(self) -> Viewport:
        return self.profile.name

    async def screenshot(self, page: object, name: str) -> Screenshot | None:
        """Save an above-the-fold screenshot of ``page`` as ``<journey-step>-<viewport>.jpg``."""
        if self.screenshots is None:
            return None
        self.screenshots.mkdir(parents=True, exist_ok=True)
        path = self.screenshots / f"journey-{name}-{self.viewport}.jpg"
        await page.screenshot(path=str(path), type="jpeg", quality=self.settings.screenshot_quality,  # type: ignore[attr-defined]
                              full_page=False, scale="css", animations="disabled", timeout=15_000)
        return Screenshot(path=f"{self.screenshots.name}/{path.name}", width=self.profile.width,
                          height=self.profile.height)


Journey = Callable[[JourneyContext], Awaitable[JourneyEvidence]]

JOURNEYS: dict[str, str] = {
    "search": "uxaudit.journeys.search:walk",
    "checkout": "uxaudit.journeys.checkout:walk",
}
"""Journey name → ``module:function``; the runner walks each in every viewport."""


def load(name: str) -> Journey:
    module, _, function = JOURNEYS[name].partition(":")
    walk: Journey = getattr(importlib.import_module(module), function)
    return walk
