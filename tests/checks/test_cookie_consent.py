"""cookie-consent: first-layer reject as plain as accept, no pre-ticked boxes, no tracking before consent, n/a."""

from __future__ import annotations

from typing import Any

from _build import ORIGIN, evidence, page
from uxaudit.checks.cookie_consent import INFRINGEMENT_CAP, PART_WEIGHTS, CookieConsent, contrast

from uxaudit.evidence import PageEvidence

CHECK = CookieConsent()
WHITE, DARK, BLUE = [255, 255, 255], [20, 20, 20], [29, 79, 145]


def control(text: str, width: float = 120, height: float = 44, font: float = 16, own: list[float] | None = None,
            color: list[int] = DARK, border: float = 1, **extra: Any) -> dict[str, Any]:
    return {"selector": f"#b-{text.split()[0].lower()}", "tag": "button", "text": text, "visible": True,
            "box": {"x": 10, "y": 700, "width": width, "height": height}, "font_px": font, "font_weight": 400,
            "own_background": own or [0, 0, 0, 0], "background": (own or WHITE)[:3], "color": color,
            "border_px": border, "underline": False, **extra}


def banner(*controls: dict[str, Any], checkboxes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"selector": "#cookie-banner", "tag": "div", "how": "name", "visible": True,
            "text": "We use cookies to understand how you use our site.", "background": WHITE,
            "box": {"x": 0, "y": 650, "width": 412, "height": 170}, "controls": list(controls),
            "checkboxes": checkboxes or []}


def consent(banner: dict[str, Any] | None = None, requests: list[str] = (), cookies: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {"banner": banner, "third_party_requests": [{"url": u, "type": "Script"} for u in requests],
            "cookies": [{"name": n, "domain": "shop.example", "session": False, "first_party": True} for n in cookies]}


def shop_page(data: dict[str, Any], kind: str = "home") -> PageEvidence:
    return page(kind, extras={"consent": data})  # type: ignore[arg-type]


FAIR = banner(control("Accept all"), control("Reject all"))


def test_a_fair_banner_without_tracking_passes() -> None:
    result = CHECK.run(evidence(shop_page(consent(FAIR)), shop_page(consent(FAIR), "product")))
    assert result.status == "pass" and result.score == 1.0 and result.findings == []
    assert "fair consent banner" in result.summary


def test_no_banner_and_no_tracking_is_not_applicable() -> None:
    result = CHECK.run(evidence(shop_page(consent(None, requests=["https://cdn.example.net/app.js"],
                                                  cookies=["sessionid", "csrftoken"]))))
    assert result.status == "n/a" and result.score is None
    assert "does not appear to need one" in (result.reason or "")


def test_tracking_without_a_banner_fails() -> None:
    result = CHECK.run(evidence(shop_page(consent(None, requests=["https://www.google-analytics.com/g/collect?v=2"],
                                                  cookies=["_ga"]))))
    assert result.status == "fail" and result.score == 0.0
    assert "shows no consent banner" in result.findings[0].message
    messages = " ".join(f.message for f in result.findings)
    assert "Google Analytics loads before consent" in messages and "\"_ga\"" in messages


def test_no_reject_on_the_first_layer_fails_that_part() -> None:
    result = CHECK.run(evidence(shop_page(consent(banner(control("Accept all cookies"))))))
    assert result.status == "fail"
    assert result.score == INFRINGEMENT_CAP
    assert result.details["parts"] == {"tracking": 1.0, "reject": 0.0, "preticked": 1.0}
    finding = result.findings[0]
    assert "no way to refuse" in finding.message and finding.selector == "#b-accept"
    assert finding.box is not None and finding.screenshot


def test_reject_behind_settings_fails_and_says_so() -> None:
    result = CHECK.run(evidence(shop_page(consent(banner(control("Accept"), control("Cookie settings"))))))
    assert result.details["banner"]["reject"] is None  # type: ignore[index]
    assert "detour through \"Cookie settings\"" in result.findings[0].message


def test_a_small_bare_reject_link_warns() -> None:
    weak = banner(control("Accept all", own=BLUE + [1], color=WHITE, border=0),
                  control("Only necessary", width=70, height=18, font=12, border=0, color=[150, 150, 150]))
    result = CHECK.run(evidence(shop_page(consent(weak))))
    assert result.status == "warn"
    finding = result.findings[0]
    assert finding.severity == "warn" and "less prominent" in finding.message
    for why in ("size", "12 px against 16 px", "filled button", "contrast"):
        assert why in finding.message


def test_a_filled_accept_and_outlined_reject_of_equal_size_passes() -> None:
    result = CHECK.run(evidence(shop_page(consent(banner(control("Accept all", own=BLUE + [1], color=WHITE),
                                                         control("Reject all", border=2))))))
    assert result.status == "pass"


def test_pre_ticked_optional_boxes_fail_but_necessary_ones_do_not() -> None:
    boxes = [{"selector": "#c1", "label": "Strictly necessary", "checked": True, "disabled": True, "box": None},
             {"selector": "#c2", "label": "Marketing", "checked": True, "disabled": False, "box": None},
             {"selector": "#c3", "label": "Analytics", "checked": False, "disabled": False, "box": None}]
    result = CHECK.run(evidence(shop_page(consent(banner(control("Accept"), control("Reject"), checkboxes=boxes)))))
    assert [f.selector for f in result.findings] == ["#c2"]
    assert "\"Marketing\" ticked in advance" in result.findings[0].message
    assert result.details["parts"]["preticked"] == 0.5  # type: ignore[index]


def test_trackers_before_consent_fail_even_with_a_fair_banner() -> None:
    result = CHECK.run(evidence(shop_page(consent(FAIR, requests=["https://connect.facebook.net/en_US/fbevents.js"]))))
    assert result.status == "fail"
    assert "Meta Pixel loads before consent" in result.findings[0].message


def test_generic_tracker_names_count_on_third_party_hosts_only() -> None:
    third = consent(FAIR, requests=["http://localhost:8000/t/analytics.js"])
    assert CHECK.run(evidence(shop_page(third))).status == "fail"
    # The gatherer records third-party requests only; a first-party analytics.js is the shop's own.
    first = consent(FAIR, requests=[f"{ORIGIN}/assets/analytics.js"])
    assert CHECK.run(evidence(shop_page(first))).status == "pass"


def test_banner_is_read_from_the_home_page_first() -> None:
    other = shop_page(consent(banner(control("Accept"))), "product")
    home = shop_page(consent(FAIR), "home")
    result = CHECK.run(evidence(other, home))
    assert result.status == "pass"


def test_missing_gatherer_is_not_applicable_with_the_reason() -> None:
    result = CHECK.run(evidence(page("home", extras={"consent": {"error": "TimeoutError: boom"}})))
    assert result.status == "n/a" and "consent gatherer did not run: TimeoutError" in (result.reason or "")


def test_parts_weigh_100_in_all() -> None:
    assert sum(PART_WEIGHTS.values()) == 100


def test_contrast_matches_wcag() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert contrast((255, 255, 255), (255, 255, 255)) == 1.0
