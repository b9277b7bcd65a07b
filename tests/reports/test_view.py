"""The view model's pure helpers: links, crops, outlines, labels."""

from __future__ import annotations

import pytest
from uxaudit.reports.view import fmt_date, gauge, labelled, link, outline, rate, shot_view, window

from uxaudit.evidence import Box


@pytest.mark.parametrize("url, href", [
    ("https://shop.example/a?b=1", "https://shop.example/a?b=1"),
    ("HTTP://shop.example/", "HTTP://shop.example/"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("//shop.example/x", None),
    ("https:///nohost", None),
    ("/relative/path", None),
    ("http://[::1", None),
])
def test_only_absolute_http_urls_are_linked(url: str, href: str | None) -> None:
    assert link(url).href == href
    assert link(url).text == url


@pytest.mark.parametrize("score, band, css", [
    (None, "n/a", "na"), (0, "poor", "poor"), (49, "poor", "poor"), (49.6, "needs work", "average"),
    (89, "needs work", "average"), (90, "good", "good"), (100, "good", "good"),
])
def test_gauge_bands(score: float | None, band: str, css: str) -> None:
    g = gauge(score)
    assert (g.band, g.css) == (band, css)


def test_a_first_screen_is_shown_whole() -> None:
    assert window(412, 823, Box(x=0, y=700, width=10, height=10)) == (0.0, 823)


def test_a_tall_capture_is_cropped_around_the_element() -> None:
    top, height = window(412, 5000, Box(x=0, y=3000, width=100, height=40))
    assert height == pytest.approx(412 * 2.2)
    assert top < 3000 and 3040 < top + height
    top, _ = window(412, 5000, Box(x=0, y=4990, width=10, height=10))
    assert top == pytest.approx(5000 - 412 * 2.2)  # never past the bottom


def test_outline_is_in_percent_and_clipped() -> None:
    assert outline(Box(x=103, y=0, width=206, height=823), 412, 0, 823) == outline(
        Box(x=103, y=-50, width=206, height=1000), 412, 0, 823)
    mark = outline(Box(x=400, y=800, width=50, height=50), 412, 0, 823)
    assert mark is not None and mark.left == pytest.approx(97.09) and mark.width == pytest.approx(2.91)
    assert outline(Box(x=500, y=10, width=10, height=10), 412, 0, 823) is None


def test_below_the_first_screen_says_so_without_an_outline() -> None:
    shot = shot_view("s0", (412, 823), Box(x=0, y=1200, width=100, height=20), "https://x.example/", "mobile")
    assert shot.outline is None and shot.note and "below the first screen" in shot.note
    assert "outlined" not in shot.alt
    shot = shot_view("s0", (412, 823), Box(x=0, y=100, width=100, height=20), "https://x.example/{0}", "mobile")
    assert shot.outline is not None and shot.alt.endswith("the element outlined")


def test_viewports_that_agree_share_one_line() -> None:
    assert [(x.label, x.text) for x in labelled([("mobile", "A"), ("desktop", "A")])] == [(None, "A")]
    assert [(x.label, x.text) for x in labelled([("mobile", "A"), ("desktop", "B")])] == [("Phone", "A"),
                                                                                           ("Desktop", "B")]
    assert [(x.label, x.text) for x in labelled([("mobile", "A")])] == [("Phone", "A")]


def test_metric_ratings_follow_the_viewport_thresholds() -> None:
    assert rate("tbt", "mobile", 180) == "good"
    assert rate("tbt", "desktop", 180) == "average"
    assert rate("cls", "desktop", 0.3) == "poor"
    assert rate("lcp", "mobile", None) == "na"


def test_dates() -> None:
    assert fmt_date("2025-05-14T09:24:51+00:00") == "14 May 2025, 09:24 UTC"
    assert fmt_date("yesterday") == "yesterday"
    assert fmt_date("") == ""
