"""One Chromium per run, one context per viewport profile, throttling through DevTools.

Finding a browser: Playwright's own Chromium where it is installed, else a system
Chromium or Chrome, else the path the user gave. When none exists, BrowserNotFound says
what to install.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from playwright.async_api import Browser, BrowserContext, Page, Playwright, async_playwright

from uxaudit import __version__
from uxaudit.access import Access
from uxaudit.errors import BrowserNotFound
from uxaudit.evidence import Viewport

SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
USER_AGENT_SUFFIX = f"uxaudit/{__version__} (+https://github.com/uxaudit/uxaudit)"


@dataclass(frozen=True)
class Profile:
    """A viewport profile: device metrics and the network/CPU it is throttled to."""

    name: Viewport
    width: int
    height: int
    device_scale_factor: float
    is_mobile: bool
    user_agent: str
    rtt_ms: float
    download_kbps: float
    upload_kbps: float
    cpu_slowdown: float


# Lighthouse's mobile and desktop presets (CHECKS.md, "Speed").
PROFILES: dict[Viewport, Profile] = {
    "mobile": Profile(
        name="mobile", width=412, height=823, device_scale_factor=1.75, is_mobile=True,
        user_agent=("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
                    f"(KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36 {USER_AGENT_SUFFIX}"),
        rtt_ms=150, download_kbps=1600, upload_kbps=750, cpu_slowdown=4,
    ),
    "desktop": Profile(
        name="desktop", width=1350, height=940, device_scale_factor=1, is_mobile=False,
        user_agent=("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    f"Chrome/136.0.0.0 Safari/537.36 {USER_AGENT_SUFFIX}"),
        rtt_ms=40, download_kbps=10240, upload_kbps=10240, cpu_slowdown=1,
    ),
}


def find_chromium(explicit: str | None = None) -> str | None:
    """Path of the Chromium to drive, or None for Playwright's own (which exists)."""
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise BrowserNotFound(f"--browser-path {explicit} is not an executable file")
        return explicit
    managed = _playwright_managed()
    if managed:
        return None
    for name in SYSTEM_BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFound(
        "no Chromium found: install Debian's `chromium` (apt-get install chromium), "
        "run `playwright install chromium`, or pass --browser-path"
    )


def _playwright_managed() -> str | None:
    """Playwright's downloaded Chromium, if it is really there."""
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # noqa: BLE001 - a broken Playwright install just means 'not managed'
        return None
    return path if path and os.path.isfile(path) else None


@asynccontextmanager
async def launch(executable: str | None) -> AsyncIterator[tuple[Playwright, Browser]]:
    """Launch one headless Chromium for the whole run; closes it however the run ends."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(LAUNCH_ARGS),
            handle_sigint=False,  # Ctrl-C is ours: uxaudit.partial saves what was gathered, then closes
        )
        try:
            yield playwright, browser
        finally:
            await browser.close()


@asynccontextmanager
async def context_for(browser: Browser, profile: Profile, *, ignore_https_errors: bool = False,
                      extra_headers: dict[str, str] | None = None,
                      access: Access | None = None) -> AsyncIterator[BrowserContext]:
    """A fresh, isolated context with the profile's viewport, touch and user agent.

    ``access`` adds a protected store's credentials, cookies, storage state and headers.
    """
    context = await browser.new_context(
        viewport={"width": profile.width, "height": profile.height},
        device_scale_factor=profile.device_scale_factor,
        is_mobile=profile.is_mobile,
        has_touch=profile.is_mobile,
        user_agent=profile.user_agent,
        ignore_https_errors=ignore_https_errors,
        extra_http_headers=extra_headers or None,
        locale="en-US",
        timezone_id="UTC",
        service_workers="block",
        **(access.context_options() if access else {}),
    )
    try:
        if access:
            await access.install(context)
        yield context
    finally:
        await context.close()


async def throttle(page: Page, profile: Profile) -> None:
    """Apply the profile's network and CPU throttling to one page through DevTools.

    The DevTools session dies with the page, so there is nothing to undo.
    """
    session = await page.context.new_cdp_session(page)
    await session.send("Network.enable")
    await session.send("Network.emulateNetworkConditions", {
        "offline": False,
        "latency": profile.rtt_ms,
        "downloadThroughput": profile.download_kbps * 1024 / 8,
        "uploadThroughput": profile.upload_kbps * 1024 / 8,
    })
    if profile.cpu_slowdown > 1:
        await session.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu_slowdown})


def _main() -> int:
    """`python -m uxaudit.browser --find`: print the browser uxaudit would drive."""
    if "--find" not in sys.argv:
        print("usage: python -m uxaudit.browser --find", file=sys.stderr)
        return 2
    try:
        path = find_chromium()
    except BrowserNotFound as exc:
        print(f"uxaudit: {exc}", file=sys.stderr)
        return 4
    print(f"browser: {path or 'Playwright-managed Chromium'}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())

__all__ = ["PROFILES", "Profile", "context_for", "find_chromium", "launch", "throttle"]
