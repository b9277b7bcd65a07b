"""guest-checkout judged on plain journey evidence: no browser."""

from __future__ import annotations

from typing import Any

from uxaudit.checks.guest_checkout import GuestCheckout

from uxaudit.evidence import JourneyEvidence, JourneyStep, Screenshot, SiteEvidence, ViewportEvidence

URL = "https://shop.example/checkout"


def judge(guest: dict[str, Any] | None, viewport: str = "mobile", stopped: str | None = None) -> Any:
    step = JourneyStep(name="checkout-checkout-entry", stage="checkout-entry", url=URL,
                       screenshot=Screenshot(path="shots/entry.jpg", width=412, height=823),
                       data={"viewport_height": 823})
    journey = JourneyEvidence(name="checkout", viewport=viewport, steps=[step] if guest else [],  # type: ignore[arg-type]
                              stopped_reason=stopped, data={"guest": guest} if guest else {})
    evidence = ViewportEvidence(viewport=viewport, site=SiteEvidence(start_url="https://shop.example/",  # type: ignore[arg-type]
                                                                     origin="https://shop.example"),
                                pages=[], journeys={"checkout": journey})
    return GuestCheckout().run(evidence)


def guest(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": URL, "offered": True, "account_required": False, "mode": "choice-link", "first_choice": True,
        "above_fold": True, "hidden": False, "evidence": "Continue as guest",
        "control": {"selector": "a.guest", "text": "Continue as guest", "box": {"x": 10, "y": 300, "width": 300,
                                                                                 "height": 48}},
        "login_controls": [{"selector": "button.sign-in", "text": "Sign in",
                            "box": {"x": 10, "y": 700, "width": 300, "height": 48}}],
    }
    data.update(overrides)
    return data


def test_guest_first_passes() -> None:
    result = judge(guest())
    assert result.status == "pass" and result.score == 1.0 and not result.findings


def test_checkout_without_a_sign_in_step_passes() -> None:
    result = judge(guest(mode="no-login-step", control=None, login_controls=[]))
    assert result.status == "pass"
    assert "address form" in result.summary


def test_guest_after_sign_in_warns_with_the_control() -> None:
    result = judge(guest(first_choice=False, login_controls=[{"selector": "b", "text": "Create account"}]))
    assert result.status == "warn" and not result.blocker
    finding = result.findings[0]
    assert "only after the sign-in and registration form" in finding.message
    assert finding.selector == "a.guest" and finding.box is not None and finding.screenshot == "shots/entry.jpg"
    assert finding.url == URL and finding.viewport == "mobile"


def test_hidden_guest_option_warns() -> None:
    result = judge(guest(hidden=True, first_choice=False, above_fold=False))
    assert result.status == "warn" and "hidden" in result.findings[0].message


def test_guest_below_the_fold_warns_on_mobile_only() -> None:
    low = guest(above_fold=False, control={"selector": "a.guest", "text": "Guest", "box": {"x": 0, "y": 1200,
                                                                                          "width": 300, "height": 48}})
    mobile = judge(low, "mobile")
    assert mobile.status == "warn" and "1200 px down" in mobile.findings[0].message
    assert judge(low, "desktop").status == "pass"


def test_account_required_fails_as_a_blocker() -> None:
    result = judge(guest(offered=False, account_required=True, mode="none", control=None,
                         evidence="1 password field; sign-in/registration: Create account, Sign in"))
    assert result.status == "fail" and result.blocker and result.score == 0
    finding = result.findings[0]
    assert "requires an account" in finding.message and finding.selector == "button.sign-in"


def test_no_checkout_reached_is_not_applicable() -> None:
    result = judge(None, stopped="at the cart stage: no checkout button")
    assert result.status == "n/a" and "no checkout button" in (result.reason or "")
