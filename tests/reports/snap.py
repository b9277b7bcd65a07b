"""Screenshot a rendered report at phone and desktop widths, for looking at it.

``python tests/reports/snap.py report.html out-prefix [tab]`` writes ``out-prefix-412.png``
and ``out-prefix-1350.png`` (full page) with /usr/bin/chromium, and prints the page's
scroll width, so a layout change can be checked by eye and by number.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def snap(report: Path, prefix: str, tab: str | None = None, widths: tuple[int, ...] = (412, 1350)) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in widths:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(report.resolve().as_uri())
            if tab:
                page.click(f'label[for="tab-{tab}"]')
            scroll = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=f"{prefix}-{width}.png", full_page=True)
            print(width, "scrollWidth", scroll, "height", page.evaluate("document.documentElement.scrollHeight"))
            page.close()
        browser.close()


if __name__ == "__main__":
    snap(Path(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
