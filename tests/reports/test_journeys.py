"""The 'Shopper journeys' section: steps as a strip, how each journey ended, findings at their step."""

from __future__ import annotations

import re

from conftest import Rendered
from markupsafe import escape
from report_sample import PAYLOAD, STOPPED_REASON


def section(html: str, tab: str) -> str:
    match = re.search(rf'<section class="journeys" id="journeys-{tab}".*?</section>', html, re.DOTALL)
    assert match, f"no journeys section in {tab}"
    return match.group(0)


def steps(html: str) -> list[str]:
    return re.findall(r'<li class="journey-step.*?</li>\s*(?=<li class="journey-step|</ol>)', html, re.DOTALL)


def test_each_viewport_tab_shows_its_own_journeys_and_combined_shows_both(sample: Rendered) -> None:
    phone, desktop, combined = (section(sample.html, t) for t in ("mobile", "desktop", "combined"))
    assert 'id="journey-mobile-mobile-search"' in phone and "journey-mobile-desktop-checkout" not in phone
    assert 'id="journey-desktop-desktop-checkout"' in desktop and "desktop-search" not in desktop
    assert '<span class="vp-label">Phone</span> Search' in combined
    assert '<span class="vp-label">Desktop</span> Checkout' in combined
    for tab in ("combined", "mobile", "desktop"):
        assert f'href="#journeys-{tab}"' in sample.html  # linked from the tab's overview


def test_steps_are_named_with_their_action_and_a_thumbnail(sample: Rendered) -> None:
    items = steps(section(sample.html, "mobile"))
    assert len(items) == 3
    assert "search-box" in items[0] and "looked for the search box" in items[0]
    assert "searched &#39;merino crew sweater&#39;" in items[1]
    assert all('class="shot s' in item for item in items)
    assert "All 3 steps walked, up to search-typo." in section(sample.html, "mobile")


def test_a_stopped_journey_says_where_and_why(sample: Rendered) -> None:
    desktop = section(sample.html, "desktop")
    assert f"Stopped at step 2, checkout-cart: {STOPPED_REASON}." in desktop
    assert 'journey-outcome stopped' in desktop
    assert "This step failed." in steps(desktop)[1]


def test_findings_attach_to_their_step_and_link_to_the_check(sample: Rendered) -> None:
    items = steps(section(sample.html, "mobile"))
    assert "Searching “sweatr” gave no results." in items[2]
    assert 'href="#mobile-search-quality"' in items[2]
    assert "gave no results" not in items[0] + items[1]
    combined = section(sample.html, "combined")
    assert 'href="#combined-search-quality"' in combined and 'id="combined-search-quality"' in sample.html
    # a finding at no step's URL is listed under its journey
    tail = section(sample.html, "mobile").split("</ol>", 1)[1]
    assert "Other findings on this journey" in tail and "No search suggestions appeared while typing." in tail


def test_step_screenshots_are_embedded_once(sample: Rendered) -> None:
    # the sample's steps reuse page screenshots: every thumbnail points at an existing class, no second copy
    uris = re.findall(r'url\("(data:image/jpeg;base64,[A-Za-z0-9+/=]+)"\)', sample.html)
    defined = re.findall(r'\.(s\d+) \{ background-image', sample.html)
    used = set(re.findall(r'class="shot (s\d+)"', section(sample.html, "combined")))
    assert len(used) == 3 and used <= set(defined)
    assert len(uris) == len(set(uris)) == len(defined)


def test_store_text_in_journeys_is_escaped(hostile: Rendered) -> None:
    phone = section(hostile.html, "mobile")
    assert PAYLOAD not in hostile.html
    assert f"searched &#39;{escape(PAYLOAD)}&#39;" in phone
    assert str(escape(PAYLOAD)) in steps(phone)[2]  # the query, in the action and the attached finding
    assert f"Searching “{escape(PAYLOAD)}” gave no results." in steps(phone)[2]
