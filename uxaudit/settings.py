"""Every default in one place, alphabetised, each with why it is what it is.

The CLI and (later) uxaudit.toml build a :class:`Settings`; components read it and
nothing else, so a run's full configuration is one object saved into audit.json.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from uxaudit.evidence import Viewport


@dataclass(frozen=True)
class Settings:
    audit_timeout_s: float | None = None
    """The whole audit's time limit (--timeout): then what was gathered is saved as a partial audit."""
    block_external: bool = False
    """Abort requests to other hosts (for shops whose CDNs are unreachable, e.g. offline tests)."""
    browser_path: str | None = None
    """An explicit Chromium; otherwise Playwright's own, then a system one."""
    concurrency: int = 2
    """Pages loaded at once across viewports: 2 keeps a 2-core machine's lab metrics stable."""
    cookies: tuple[str, ...] = field(default=(), repr=False)
    """``name=value`` cookies for the audited host (--cookie). Secret: audit.json keeps the names only."""
    discover: bool = True
    """Find home, category and product pages by crawling; off: audit only --page URLs."""
    extra_pages: tuple[str, ...] = ()
    """Pages the user asked for (--page), audited besides or instead of discovered ones."""
    headers: tuple[str, ...] = field(default=(), repr=False)
    """``Name: value`` headers sent to the audited site only (--header). Secret: audit.json keeps the names only."""
    http_credentials: str | None = field(default=None, repr=False)
    """``USER:PASSWORD`` for HTTP basic auth, offered to the audited origin only. Secret: never saved."""
    ignore_https_errors: bool = False
    journey_timeout_s: float = 180.0
    """A journey still walking after this long stops and records where it was."""
    journeys: tuple[str, ...] = ("search", "checkout")
    """Shopper flows to walk in every viewport (see uxaudit.journeys.JOURNEYS)."""
    max_categories: int = 2
    """Category pages to audit (issue #2 default)."""
    max_products: int = 3
    """Product pages to audit (issue #2 default)."""
    max_rate: float = 2.0
    """Page navigations per second per host (0: no cap); robots.txt's Crawl-delay can only slow it (uxaudit.politeness).
    2 is a shopper clicking quickly: page loads rarely reach it; on the local demo store the journeys do,
    and an audit waits 4-7 s in all (measured)."""
    max_sitemap_urls: int = 5000
    """Stop reading sitemaps after this many URLs: enough to classify, bounded for huge shops."""
    page_timeout_s: float = 45.0
    """A page that has not fired `load` by then is recorded as 'could not evaluate'."""
    policy_pages: bool = True
    """Load the shipping, returns, privacy, terms, contact and FAQ pages found (desktop only)."""
    respect_robots: bool = True
    runs: int = 1
    """Speed measurements per page; medians are kept (5 runs halve the variance)."""
    screenshot_quality: int = 70
    """JPEG quality of screenshots: readable evidence at a fraction of PNG's size."""
    settle_timeout_s: float = 6.0
    """After `load`, wait at most this long for the network and main thread to go quiet."""
    storage_state: str | None = None
    """A Playwright storage state file (cookies, localStorage) for a logged-in session (--storage-state)."""
    throttle: bool = True
    """Apply each profile's network and CPU throttling (Lighthouse's presets)."""
    viewports: tuple[Viewport, ...] = ("mobile", "desktop")
    extra: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        """What goes into audit.json: everything except secrets (access: only what was used, and names)."""
        from uxaudit import access

        data = asdict(self)
        data.pop("extra", None)
        for key in ("cookies", "headers", "http_credentials", "storage_state"):
            data.pop(key)
        data["access"] = access.public(self)
        return data
