"""Extra gatherers: more evidence from the same page load, without loading the page again.

A gatherer is ``async def gather(page: Page, ctx: GatherContext) -> dict``: it runs after
the page has settled and before it closes, and its JSON-serialisable result is stored in
``PageEvidence.extras[name]``. A gatherer that raises records ``{"error": reason}``
instead, so a check reading it can say 'could not evaluate'. Gatherers never judge.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import BrowserContext, Page

from uxaudit.browser import Profile
from uxaudit.evidence import PageKind
from uxaudit.settings import Settings


@dataclass(frozen=True)
class GatherContext:
    """What a gatherer may read besides the page: its context, profile, kind and the run's settings."""

    context: BrowserContext
    profile: Profile
    kind: PageKind
    settings: Settings
    requests: list[dict[str, Any]]
    """Every request of this load so far: url, type, status, bytes (from DevTools)."""


Gatherer = Callable[[Page, GatherContext], Awaitable[dict[str, Any]]]

GATHERERS: dict[str, str] = {
    # Trust, privacy, support and accessibility (checks: cookie-consent, policy-pages, support-channels,
    # secure-shopping, engagement, accessibility). axe runs last: it is the slowest.
    "consent": "uxaudit.gatherers.consent:gather",
    "policy_links": "uxaudit.gatherers.policy_links:gather",
    "support": "uxaudit.gatherers.support:gather",
    "security": "uxaudit.gatherers.security:gather",
    "engagement": "uxaudit.gatherers.engagement:gather",
    "overlays": "uxaudit.gatherers.overlays:gather",
    "axe": "uxaudit.gatherers.axe:gather",
}
"""Gatherer name → ``module:function``; each runs on every page load."""


def load_all() -> dict[str, Gatherer]:
    found: dict[str, Gatherer] = {}
    for name, target in GATHERERS.items():
        module, _, function = target.partition(":")
        found[name] = getattr(importlib.import_module(module), function)
    return found


async def run_all(page: Page, ctx: GatherContext) -> dict[str, Any]:
    """Every gatherer's result by name; a failing one records its error and the others go on."""
    extras: dict[str, Any] = {}
    for name, gather in load_all().items():
        try:
            extras[name] = await gather(page, ctx)
        except Exception as exc:  # noqa: BLE001 - one gatherer's failure must not lose the page
            extras[name] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
    return extras
