"""The rendered report in a real Chromium: fits a 412 px phone, runs no injected script, fetches nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Rendered
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_fits_a_phone_and_runs_no_injected_script(browser: Browser, hostile: Rendered) -> None:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1)
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(hostile.path.as_uri())
    page.wait_for_load_state("load")
    for tab in ("combined", "mobile", "desktop"):
        page.click(f'label[for="tab-{tab}"]')
        assert page.is_visible(f"#h-{tab} ~ .overview") or page.is_visible(f".panel-{tab}")
        for details in page.query_selector_all(f".panel-{tab} details"):
            details.evaluate("d => d.open = true")  # folded findings must fit too
        assert page.evaluate("document.documentElement.scrollWidth") <= 412, tab
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
    context.close()


def test_tabs_switch_the_scores_shown(browser: Browser, sample: Rendered) -> None:
    page = browser.new_page(viewport={"width": 1350, "height": 940})
    page.goto(sample.path.as_uri())
    scores = sample.audit.judgement.scores
    for tab in ("mobile", "desktop", "combined"):
        page.click(f'label[for="tab-{tab}"]')
        shown = page.locator(".panel:visible .gauge-large .gauge-value").inner_text()
        assert shown == f"{scores[tab].overall:.0f}"
        assert page.locator(".panel:visible").count() == 1
    page.close()


def test_a_viewport_tab_hides_pages_loaded_only_in_the_other(browser: Browser, sample: Rendered) -> None:
    page = browser.new_page(viewport={"width": 412, "height": 823})
    page.goto(sample.path.as_uri())
    shipping = page.locator(".page", has_text="pages/shipping")  # loaded on desktop only
    returns = page.locator(".page", has_text="pages/returns")  # loaded on both, failed on desktop
    assert shipping.is_visible() and returns.is_visible()
    page.click('label[for="tab-mobile"]')
    assert not shipping.is_visible() and returns.is_visible()
    assert not returns.locator('[data-vp="desktop"]').is_visible()
    page.click('label[for="tab-desktop"]')
    assert shipping.is_visible() and returns.locator('[data-vp="desktop"]').is_visible()
    page.close()
