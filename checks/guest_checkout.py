"""guest-checkout: can a shopper buy without creating an account, and is that the obvious choice?

Reads the checkout journey's ``guest`` record (taken where the checkout starts):

* pass (1.0): guest is the first choice (before any sign-in or registration form), or the
  checkout starts with the address or an email field and no password;
* warn (0.6): a guest path exists but comes after sign-in/registration, or is hidden
  behind a toggle or tab; (0.7) it comes first but starts below the fold on mobile;
* fail (0.0, a blocker that caps the checkout category below 50): a password or an
  account is required and no guest path was found.

n/a when the journey never reached the checkout's first page.
"""

from __future__ import annotations

from typing import Any

from uxaudit.check import Check, Finding, Source, Verdict
from uxaudit.evidence import Box, JourneyEvidence, JourneyStep, ViewportEvidence

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Shoppers can check out as guests"
FAILURE_TITLE = "Checkout forces shoppers to sign in or create an account"
DESCRIPTION = (
    "Forced account creation is the second most common reason for abandoning a checkout (26% of shoppers, "
    "Baymard 2024), and 47% of sites don't make guest checkout the most prominent option."
)
FIX = "Offer guest checkout as the first, most prominent choice; let shoppers save an account after the order."
MSG_REQUIRED = "The checkout requires an account: {evidence}, and no guest option was found."
FIX_REQUIRED = ("Add a 'Continue as guest' option (email only, no password) above the sign-in form; offer to create "
                "an account on the confirmation page instead.")
MSG_HIDDEN = "A guest option ({text!r}) exists but is hidden behind a toggle or tab until the shopper looks for it."
FIX_HIDDEN = "Show the guest option openly, as the first choice, not behind a tab or link."
MSG_SECONDARY = ("Guest checkout ({text!r}) is offered only after the sign-in{register} form; shoppers see the account "
                 "options first.")
FIX_SECONDARY = "Put the guest option first and make it the primary button; move sign-in below it or to a small link."
MSG_BELOW_FOLD = ("The guest option ({text!r}) starts {y:.0f} px down the page, below the {height} px first screen on "
                  "mobile.")
FIX_BELOW_FOLD = "Move the guest option to the top of the checkout's first page on mobile."
SUMMARY_PASS = "Guest checkout is the first choice ({how})."
SUMMARY_NA = "the checkout journey did not reach the checkout's first page ({reason})"
HOW = {"choice-link": "a guest button or link before sign-in", "choice-form": "a guest choice before sign-in",
       "email-first": "the checkout starts with an email field and no password",
       "no-login-step": "the checkout opens on the address form"}

SCORE_SECONDARY = 0.6
SCORE_BELOW_FOLD = 0.7


class GuestCheckout(Check):
    id = "guest-checkout"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "checkout"
    weight = 2.6  # 26% abandon over forced account creation (Baymard 2024)
    description = DESCRIPTION
    fix = FIX
    sources = (
        Source(title="Baymard Institute: Reasons for cart abandonment (2024)",
               url="https://baymard.com/lists/cart-abandonment-rate", figure="26% abandon over forced account creation"),
        Source(title="Baymard Institute: Checkout usability benchmark (2024)",
               url="https://baymard.com/research/checkout-usability",
               figure="47% of sites don't make guest checkout the most prominent option"),
    )
    requires = ("journey:checkout",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        journey = evidence.journeys["checkout"]
        guest: dict[str, Any] | None = journey.data.get("guest")
        if not guest:
            return Verdict.not_applicable(SUMMARY_NA.format(reason=journey.stopped_reason or "no checkout page"))
        step = _entry_step(journey)
        control = guest.get("control") or {}
        text = str(control.get("text") or guest.get("evidence") or "guest")
        details = {k: guest.get(k) for k in ("mode", "offered", "account_required", "first_choice", "above_fold",
                                             "hidden", "preselected", "evidence", "url")}
        if guest.get("account_required") or not guest.get("offered"):
            finding = _finding(step, journey, MSG_REQUIRED.format(evidence=guest.get("evidence") or "a sign-in page"),
                               FIX_REQUIRED, guest, severity="fail", value="account required")
            return Verdict(score=0.0, findings=[finding], blocker=True, details=details,
                           summary=MSG_REQUIRED.format(evidence=guest.get("evidence") or "a sign-in page"))
        if guest.get("hidden"):
            message = MSG_HIDDEN.format(text=text)
            return Verdict(score=SCORE_SECONDARY, details=details, summary=message,
                           findings=[_finding(step, journey, message, FIX_HIDDEN, guest, value="hidden")])
        if not guest.get("first_choice"):
            register = " and registration" if any("regist" in str(c.get("text", "")).lower() or "create" in
                                                  str(c.get("text", "")).lower() for c in guest.get("login_controls", [])) else ""
            message = MSG_SECONDARY.format(text=text, register=register)
            return Verdict(score=SCORE_SECONDARY, details=details, summary=message,
                           findings=[_finding(step, journey, message, FIX_SECONDARY, guest, value="after sign-in")])
        if evidence.viewport == "mobile" and guest.get("above_fold") is False:
            box = control.get("box") or {}
            height = int((step.data.get("viewport_height") if step else None) or 823)
            message = MSG_BELOW_FOLD.format(text=text, y=float(box.get("y", 0)), height=height)
            return Verdict(score=SCORE_BELOW_FOLD, details=details, summary=message,
                           findings=[_finding(step, journey, message, FIX_BELOW_FOLD, guest,
                                              value=f"top at {float(box.get('y', 0)):.0f} px")])
        return Verdict(score=1.0, details=details,
                       summary=SUMMARY_PASS.format(how=HOW.get(str(guest.get("mode")), "a guest path")))


def _entry_step(journey: JourneyEvidence) -> JourneyStep | None:
    for stage in ("checkout-entry", "checkout-address"):
        step = next((s for s in journey.steps if s.stage == stage), None)
        if step:
            return step
    return None


def _finding(step: JourneyStep | None, journey: JourneyEvidence, message: str, fix: str, guest: dict[str, Any], *,
             value: str, severity: str = "warn") -> Finding:
    control = guest.get("control") or next(iter(guest.get("login_controls") or []), None) or {}
    box = control.get("box")
    return Finding(
        message=message, url=str(guest.get("url") or (step.url if step else "")), viewport=journey.viewport, fix=fix,
        selector=control.get("selector"), box=Box(**box) if box else None,
        screenshot=step.screenshot.path if step and step.screenshot else None, value=value,
        severity=severity,  # type: ignore[arg-type]
    )
