"""mobile-friendly: viewport meta, zoom blocker, WCAG 2.5.8 tap targets, legible text, sideways scrolling."""

from __future__ import annotations

import pytest
from _build import evidence, fonts, layout, page, target
from uxaudit.checks.mobile_friendly import PART_WEIGHTS, MobileFriendly, parse_viewport, zoom_blocked_by

from uxaudit.evidence import Element, FontRun, Fonts, PageEvidence

CHECK = MobileFriendly()
GOOD_META = "width=device-width, initial-scale=1"


def phone_page(meta: str | None = GOOD_META, **fields: object) -> PageEvidence:
    """A page that passes everything unless a field says otherwise."""
    base: dict[str, object] = {"meta": {"viewport": meta}, "layout": layout(), "fonts": fonts(px16=900, px12=100),
                               "interactive": [target("#buy", 16, 600, 380, 48, tag="button", text="Add to cart")]}
    base.update(fields)
    return page("product", **base)  # type: ignore[arg-type]


def test_a_good_page_passes_with_full_score() -> None:
    result = CHECK.run(evidence(phone_page()))
    assert result.status == "pass" and result.score == 1.0
    assert result.findings == [] and not result.blocker
    assert "no problems found" in result.summary


def test_parts_weigh_100_in_all() -> None:
    assert sum(PART_WEIGHTS.values()) == 100


def test_only_judged_on_mobile() -> None:
    result = CHECK.run(evidence(page("home", "desktop"), viewport="desktop"))
    assert result.status == "n/a"


# --- viewport and zoom -------------------------------------------------------------------------


def test_missing_viewport_meta_fails() -> None:
    result = CHECK.run(evidence(phone_page(meta=None)))
    [f] = result.findings
    assert "no viewport meta tag" in f.message and f.severity == "fail"
    assert result.score == pytest.approx(1 - PART_WEIGHTS["viewport"] / 100, abs=0.01)
    assert not result.blocker


def test_viewport_without_device_width_fails() -> None:
    [f] = CHECK.run(evidence(phone_page(meta="width=980"))).findings
    assert "without width=device-width" in f.message


def test_initial_scale_alone_is_only_a_note() -> None:
    result = CHECK.run(evidence(phone_page(meta="initial-scale=1")))
    assert result.score == 1.0 and [f.severity for f in result.findings] == ["info"]


@pytest.mark.parametrize("meta", [
    "width=device-width, initial-scale=1, user-scalable=no",
    "width=device-width, user-scalable=0",
    "width=device-width, initial-scale=1, maximum-scale=1",
    "width=device-width; maximum-scale=4.9",
])
def test_blocked_zoom_is_a_blocker(meta: str) -> None:
    result = CHECK.run(evidence(phone_page(meta=meta)))
    assert result.blocker
    [f] = result.findings
    assert f.severity == "fail" and "stops shoppers from zooming" in f.message and f.value == meta


@pytest.mark.parametrize("meta", [
    "width=device-width, initial-scale=1, maximum-scale=5",
    "width=device-width, user-scalable=yes, maximum-scale=10",
])
def test_zoom_allowed(meta: str) -> None:
    result = CHECK.run(evidence(phone_page(meta=meta)))
    assert not result.blocker and result.findings == []


def test_viewport_parsing() -> None:
    pairs = parse_viewport(" Width = device-width ; USER-SCALABLE=No ")
    assert pairs == {"width": "device-width", "user-scalable": "no"}
    assert zoom_blocked_by(pairs) == "user-scalable=no"
    assert zoom_blocked_by(parse_viewport("maximum-scale=abc")) is None


# --- tap targets --------------------------------------------------------------------------------


def test_small_targets_close_together_fail_and_name_the_element() -> None:
    # Touching 20×20 icons: centres 20 px apart, so 24 px circles on them overlap.
    icons = [target("a.social:nth-of-type(1)", 10, 700, 20, 20), target("a.social:nth-of-type(2)", 30, 700, 20, 20)]
    result = CHECK.run(evidence(phone_page(interactive=icons)))
    assert len(result.findings) == 2
    f = result.findings[0]
    assert f.severity == "fail" and f.selector == "a.social:nth-of-type(1)"
    assert f.box == icons[0].box and f.value == "20×20 px" and f.screenshot == "shots/product.png"
    assert "closer than 24 px" in f.message and f.fix
    assert result.score == 0.75  # both of the page's targets fail: the tap-target part scores 0


def test_one_failing_target_among_many_caps_the_score_below_passing() -> None:
    buttons = [target(f"button.b{i}", 0, i * 60, 300, 48, tag="button") for i in range(30)]
    icons = [target("a.i1", 320, 10, 20, 20), target("a.i2", 340, 10, 20, 20)]
    result = CHECK.run(evidence(phone_page(interactive=buttons + icons)))
    assert result.score == 0.89 and result.status == "warn"


def test_small_targets_spaced_24px_apart_pass() -> None:
    # WCAG 2.5.8 spacing exception: centres 24 px apart, circles touch no other target.
    icons = [target("a.i1", 10, 700, 20, 20), target("a.i2", 34, 700, 20, 20)]
    result = CHECK.run(evidence(phone_page(interactive=icons)))
    assert [f for f in result.findings if f.severity == "fail"] == []


def test_a_24px_target_is_not_a_failure_but_warns_when_crowded() -> None:
    # Exactly 24×24: meets the minimum; a fingertip on it covers its touching neighbour.
    buttons = [target("button.minus", 10, 700, 24, 24, tag="button", text="-"),
               target("button.plus", 34, 700, 24, 24, tag="button", text="+")]
    result = CHECK.run(evidence(phone_page(interactive=buttons)))
    assert result.findings and {f.severity for f in result.findings} == {"warn"}
    assert "fingertip" in result.findings[0].message
    # Each crowded target counts half in the tap-target part (0.5 here), but nothing caps the score.
    assert result.score == 0.88


def test_48px_targets_side_by_side_pass() -> None:
    buttons = [target("button.a", 0, 700, 48, 48, tag="button"), target("button.b", 48, 700, 48, 48, tag="button")]
    assert CHECK.run(evidence(phone_page(interactive=buttons))).findings == []


def test_links_in_a_sentence_are_exempt() -> None:
    links = [target("p > a:nth-of-type(1)", 40, 300, 30, 16, in_text=True),
             target("p > a:nth-of-type(2)", 80, 300, 30, 16, in_text=True)]
    assert CHECK.run(evidence(phone_page(interactive=links))).findings == []


def test_links_in_a_sentence_found_in_the_html_are_exempt() -> None:
    html = ("<html><body><p class='terms'>By ordering you accept our <em><a href='/t'>terms</a></em> and the "
            "<a href='/p'>privacy notice</a>, which explain how we handle your data.</p></body></html>")
    links = [target("p.terms > em > a", 200, 300, 40, 16), target("p.terms > a", 250, 300, 80, 16)]
    assert CHECK.run(evidence(phone_page(interactive=links, html=html))).findings == []


def test_a_navigation_list_is_not_a_sentence() -> None:
    html = "<html><body><ul class='nav'><li><a href='/a'>Shoes</a></li><li><a href='/b'>Bags</a></li></ul></body></html>"
    links = [target("ul.nav > li:nth-of-type(1) > a", 10, 100, 60, 18),
             target("ul.nav > li:nth-of-type(2) > a", 10, 118, 60, 18)]
    result = CHECK.run(evidence(phone_page(interactive=links, html=html)))
    assert [f.severity for f in result.findings] == ["fail", "fail"]


@pytest.mark.parametrize("ignored", [
    target("a.skip", 0, 0, 1, 1),                                        # visually hidden
    target("nav.drawer a", -300, 100, 20, 20),                           # off-canvas to the left
    target("div.slide a", 500, 100, 20, 20),                             # beyond the layout viewport
    Element(selector="input#agree", tag="input", attributes={"type": "checkbox"},
            box={"x": 10, "y": 100, "width": 13, "height": 13}),         # sized by the browser
    Element(selector="a.nobox", tag="a", href="/x"),                     # no box at all
])
def test_targets_that_are_not_on_screen_or_exempt_are_ignored(ignored: Element) -> None:
    neighbour = target("a.next", 14, 100, 20, 20)
    result = CHECK.run(evidence(phone_page(interactive=[ignored, neighbour])))
    assert result.findings == []


def test_nested_targets_and_links_to_the_same_place_do_not_compete() -> None:
    card = target("a.card", 0, 100, 200, 300, href="https://shop.example/p/1")
    inner = target("a.card button", 10, 300, 20, 20, tag="button", text="♥", href=None)
    title = target("a.title", 0, 400, 200, 20, href="https://shop.example/p/1")
    thumb = target("a.thumb", 0, 420, 200, 20, href="https://shop.example/p/1")
    assert CHECK.run(evidence(phone_page(interactive=[card, inner, title, thumb]))).findings == []


def test_targets_in_a_dialog_do_not_compete_with_the_page_under_it() -> None:
    dialog = target("#newsletter-modal > div.modal > button", 10, 400, 392, 24, tag="button", text="Sign up")
    card = target("#main > ul.grid > li > a", 10, 380, 392, 100)
    assert CHECK.run(evidence(phone_page(interactive=[dialog, card]))).findings == []


def test_tap_target_findings_are_capped_at_ten_per_page_with_a_count() -> None:
    row = [target(f"a.dot:nth-of-type({i})", 5 + i * 14, 700, 12, 12) for i in range(25)]
    result = CHECK.run(evidence(phone_page(interactive=row)))
    fails = [f for f in result.findings if f.severity == "fail"]
    [more] = [f for f in result.findings if f.severity == "info"]
    assert len(fails) == 10 and "15 more tap targets" in more.message
    details = result.details["pages"]
    assert isinstance(details, list) and details[0]["targets_failed"] == 25


# --- text --------------------------------------------------------------------------------------


def test_exactly_60_percent_legible_text_passes() -> None:
    result = CHECK.run(evidence(phone_page(fonts=fonts(px16=600, px11=400))))
    assert result.findings == [] and result.score == 1.0


def test_mostly_small_text_fails_naming_the_runs() -> None:
    small = Fonts(total_chars=1000, chars_by_px={"16": 590, "10": 410},
                  small_runs=[FontRun(selector="div.specs", font_px=10, chars=300, text="Weight 200 g"),
                              FontRun(selector="footer p", font_px=10, chars=110, text="© Shop")])
    result = CHECK.run(evidence(phone_page(fonts=small)))
    assert [f.selector for f in result.findings] == ["div.specs", "footer p"]
    f = result.findings[0]
    assert f.severity == "fail" and "10 px" in f.message and "59%" in f.message and f.value == "10 px"


def test_body_text_under_16px_is_a_warning_only() -> None:
    result = CHECK.run(evidence(phone_page(fonts=fonts(px14=900, px12=100))))
    [f] = result.findings
    assert f.severity == "warn" and "14 px" in f.message
    assert result.score == 1.0


def test_no_text_leaves_the_text_part_out() -> None:
    result = CHECK.run(evidence(phone_page(fonts=Fonts())))
    assert result.score == 1.0
    details = result.details["pages"]
    assert isinstance(details, list) and "text" not in details[0]["parts"]


# --- sideways scrolling ---------------------------------------------------------------------


def test_one_pixel_of_rounding_is_not_overflow() -> None:
    assert CHECK.run(evidence(phone_page(layout=layout(412, 413)))).findings == []


def test_overflow_names_the_elements_that_stick_out() -> None:
    wide = [Element(selector="table.sizes", tag="table", box={"x": 0, "y": 900, "width": 640, "height": 200}),
            Element(selector="div.promo", tag="div", text="Sale", box={"x": 0, "y": 100, "width": 450, "height": 50})]
    result = CHECK.run(evidence(phone_page(layout=layout(412, 640, overflowing=wide))))
    assert [f.selector for f in result.findings] == ["table.sizes", "div.promo"]
    f = result.findings[0]
    assert f.box == wide[0].box and "640 px wide on a 412 px screen" in f.message and f.severity == "fail"
    assert result.score == pytest.approx(0.85, abs=0.01)


def test_overflow_without_a_named_element_still_reports_the_page() -> None:
    [f] = CHECK.run(evidence(phone_page(layout=layout(412, 500)))).findings
    assert f.selector is None and "500 px wide" in f.message


def test_score_is_the_mean_over_pages() -> None:
    result = CHECK.run(evidence(phone_page(), phone_page(meta=None)))
    assert result.score == pytest.approx((1 + 0.75) / 2, abs=0.01)
    assert "no usable viewport meta on 1 page" in result.summary


# --- overlays on arrival (informative) ------------------------------------------------------------


def test_an_overlay_covering_the_screen_is_reported_once_without_changing_the_score() -> None:
    geo = {"selector": "#geo", "kind": "geo", "cover": 0.95, "text": "Choose your country", "close": "Stay",
           "box": {"x": 0, "y": 0, "width": 412, "height": 823}}
    bar = {"selector": "#bar", "kind": "consent", "cover": 0.1, "text": "We use cookies"}
    pages = [phone_page(extras={"overlays": {"overlays": [geo, bar]}}),
             phone_page(extras={"overlays": {"overlays": [geo]}})]
    result = CHECK.run(evidence(*pages))
    assert result.status == "pass" and result.score == 1.0
    [f] = result.findings
    assert f.severity == "info" and f.selector == "#geo"
    assert "a country or region chooser covers 95% of the phone screen (and on 1 more page)" in f.message
