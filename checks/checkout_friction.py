"""checkout-friction: how much a guest has to type from the cart to the order review.

Counts the form fields the shopper fills on the way (``path`` fields of the checkout
steps, so sign-in and registration forms a guest skips are left out): text inputs and
textareas, with selects and checkboxes/radios counted apart, and the required ones.

Score: a weighted mean of

* fields (weight 0.6): text inputs + textareas on Lighthouse's log-normal curve with
  p10 = 8 (Baymard: achievable) and median = 11.3 (Baymard 2024 average);
* autofill (0.25): share of fields whose purpose has an autofill name (email, name,
  address, postcode, phone, card...) that carry a valid ``autocomplete`` token per the
  HTML spec; >= 90% scores 1, below that the share itself (50-89% warns);
* mobile keyboards (0.15, mobile only): email fields typed ``email``, phone fields
  ``tel``, postcodes not ``number``.

Twelve text fields or more fail whatever the rest (score held at 0.49, *proposed* in
CHECKS.md). Steps (checkout pages after the cart, up to the review) are reported against Baymard's
5.1 average, as information. n/a when the journey never reached the address step.
"""

from __future__ import annotations

from typing import Any

from uxaudit.check import Check, Finding, Source, Verdict
from uxaudit.evidence import Box, JourneyStep, ViewportEvidence
from uxaudit.journeys.patterns import autocomplete_token
from uxaudit.scoring import log_normal_score

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "The checkout asks for little typing"
FAILURE_TITLE = "The checkout asks shoppers to type too much"
DESCRIPTION = (
    "22% of shoppers abandoned a checkout that was too long or complicated (Baymard 2024). The average checkout has "
    "5.1 steps and 11.3 form fields; 8 fields are enough for most stores. Autofill and fitting mobile keyboards make "
    "each field faster."
)
FIX = "Ask only for what delivery and payment need, with autocomplete tokens and fitting input types on every field."
MSG_FIELDS = ("The checkout asks for {count} text fields from the cart to the review ({required} required; {selects} "
              "selects and {choices} checkboxes/radios besides); Baymard's average is 11.3 and 8 are enough.")
FIX_FIELDS = ("Drop or hide optional fields{optional}; use one 'Full name' field; put address line 2 behind a link; "
              "don't ask to confirm the email.")
MSG_AUTOCOMPLETE = ("{missing} of {total} fields have no valid autocomplete token ({share:.0%} covered), so browsers "
                    "can't fill them: {names}.")
FIX_AUTOCOMPLETE = ("Add autocomplete tokens from the HTML standard: email, given-name, family-name, street-address or "
                    "address-line1, address-level2, postal-code, country, tel, cc-number, cc-exp, cc-csc.")
MSG_TYPE = "The {purpose} field {label!r} uses type={type!r}{extra}, so phones show {keyboard}."
FIX_TYPE = {"email": "Use <input type=\"email\" autocomplete=\"email\">.",
            "tel": "Use <input type=\"tel\" autocomplete=\"tel\">.",
            "postal-code": "Use type=\"text\" with autocomplete=\"postal-code\" (inputmode=\"numeric\" only where postcodes "
                           "are digits): type=\"number\" drops leading zeros and adds spinners."}
KEYBOARD = {"email": "a keyboard without a handy @", "tel": "a full keyboard instead of a phone keypad",
            "postal-code": "a number spinner that drops leading zeros"}
MSG_STEPS = "The checkout takes {steps} pages from the cart to the review; Baymard's 2024 average is 5.1."
FIX_STEPS = "Combine steps: contact and address on one page, shipping method beside it."
SUMMARY = "{count} text fields ({required} required), {share} autofill coverage, {steps} checkout steps{partial}."
PARTIAL = " (at least: the journey stopped at {stage})"
SUMMARY_NA = "the checkout journey did not reach the address step ({reason})"

P10_FIELDS = 8  # Baymard: 8 fields are achievable for most checkouts
MEDIAN_FIELDS = 11.3  # Baymard 2024: the average checkout has 11.3 form fields
FAIL_FIELDS = 12  # proposed in CHECKS.md: 12 or more text fields fail, whatever the autofill
TOO_MANY_CAP = 0.49
AVERAGE_STEPS = 5.1  # Baymard 2024
AUTOFILL_PASS = 0.9  # proposed in CHECKS.md
PARTS = {"fields": 0.6, "autofill": 0.25, "types": 0.15}

TEXT_TYPES = frozenset({"text", "email", "tel", "number", "url", "search", "password", "date", "month", "", "textarea"})
CHOICE_TYPES = frozenset({"checkbox", "radio"})
CHECKOUT_STAGES = ("checkout-entry", "checkout-address", "checkout-shipping", "checkout-payment", "checkout-review")


class CheckoutFriction(Check):
    id = "checkout-friction"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "checkout"
    weight = 2.2  # 22% abandon over a long or complicated checkout (Baymard 2024)
    description = DESCRIPTION
    fix = FIX
    sources = (
        Source(title="Baymard Institute: Checkout optimization (2024)",
               url="https://baymard.com/blog/checkout-flow-average-form-fields",
               figure="average checkout: 5.1 steps, 11.3 form fields; 8 achievable"),
        Source(title="HTML Living Standard: autofill", url="https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill",
               figure="autocomplete field names"),
    )
    requires = ("journey:checkout",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        journey = evidence.journeys["checkout"]
        if not any(s.stage == "checkout-address" for s in journey.steps):
            return Verdict.not_applicable(SUMMARY_NA.format(reason=journey.stopped_reason or "no address form"))
        fields = path_fields(journey.steps)
        texts = [f for f, _ in fields if _kind(f) == "text"]
        selects = [f for f, _ in fields if _kind(f) == "select"]
        choices = [f for f, _ in fields if _kind(f) == "choice"]
        required = sum(1 for f in texts + selects if f.get("required"))
        steps_count = int(journey.data.get("checkout_steps") or len({s.url for s in journey.steps
                                                                      if s.stage in CHECKOUT_STAGES}))
        findings: list[Finding] = []
        last = journey.steps[-1]
        partial = "" if journey.completed else PARTIAL.format(stage=last.stage)

        field_score = log_normal_score(len(texts), P10_FIELDS, MEDIAN_FIELDS)
        if len(texts) > P10_FIELDS:
            where = max((s for _, s in fields), key=lambda s: sum(1 for f, t in fields if t is s), default=last)
            optional = [str(f.get("label") or f.get("name")) for f, _ in fields
                        if _kind(f) == "text" and not f.get("required")]
            findings.append(_finding(journey.viewport, where, MSG_FIELDS.format(
                count=len(texts), required=required, selects=len(selects), choices=len(choices)),
                FIX_FIELDS.format(optional=f" ({', '.join(optional[:5])})" if optional else ""),
                severity="warn" if len(texts) < 12 else "fail", value=f"{len(texts)} text fields"))

        with_purpose = [(f, s) for f, s in fields if _kind(f) in ("text", "select") and f.get("purpose")]
        covered = [f for f, _ in with_purpose if autocomplete_token(f.get("autocomplete"))]
        share = len(covered) / len(with_purpose) if with_purpose else 1.0
        autofill_score = 1.0 if share >= AUTOFILL_PASS else share
        if with_purpose and share < AUTOFILL_PASS:
            missing = [(f, s) for f, s in with_purpose if not autocomplete_token(f.get("autocomplete"))]
            names = ", ".join(str(f.get("label") or f.get("name")) for f, _ in missing[:6])
            first, step = missing[0]
            findings.append(_finding(journey.viewport, step, MSG_AUTOCOMPLETE.format(
                missing=len(missing), total=len(with_purpose), share=share, names=names), FIX_AUTOCOMPLETE,
                severity="warn" if share >= 0.5 else "fail", field=first, value=f"{share:.0%} autofill coverage"))

        parts: dict[str, float] = {"fields": field_score, "autofill": autofill_score}
        if evidence.viewport == "mobile":
            typed = [(f, s) for f, s in fields if f.get("purpose") in FIX_TYPE and _kind(f) == "text"]
            wrong = [(f, s) for f, s in typed if _wrong_type(f)]
            parts["types"] = 1.0 - len(wrong) / len(typed) if typed else 1.0
            for f, step in wrong:
                purpose = str(f["purpose"])
                extra = " without inputmode" if purpose != "postal-code" else ""
                findings.append(_finding(journey.viewport, step, MSG_TYPE.format(
                    purpose={"tel": "phone", "postal-code": "postcode"}.get(purpose, purpose),
                    label=f.get("label") or f.get("name"), type=f.get("type"), extra=extra,
                    keyboard=KEYBOARD[purpose]), FIX_TYPE[purpose], severity="warn", field=f,
                    value=f"type={f.get('type')}"))
        if steps_count > round(AVERAGE_STEPS) + 1:
            findings.append(_finding(journey.viewport, last, MSG_STEPS.format(steps=steps_count), FIX_STEPS,
                                     severity="info", value=f"{steps_count} steps"))
        score = sum(parts[k] * PARTS[k] for k in parts) / sum(PARTS[k] for k in parts)
        if len(texts) >= FAIL_FIELDS:
            score = min(score, TOO_MANY_CAP)
        details: dict[str, object] = {
            "text_fields": len(texts), "required": required, "selects": len(selects), "choices": len(choices),
            "autofill_share": round(share, 2), "steps": steps_count, "parts": {k: round(v, 2) for k, v in parts.items()},
            "fields": [{"stage": s.stage, **{k: f.get(k) for k in ("name", "label", "type", "required", "autocomplete",
                                                                     "inputmode", "purpose")}} for f, s in fields],
        }
        return Verdict(score=score, findings=findings, details=details, summary=SUMMARY.format(
            count=len(texts), required=required, share=f"{share:.0%}", steps=steps_count, partial=partial))


def path_fields(steps: list[JourneyStep]) -> list[tuple[dict[str, Any], JourneyStep]]:
    """Fields the shopper fills on the way, once each (a field shown again after an error counts once)."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[dict[str, Any], JourneyStep]] = []
    for step in steps:
        if step.stage not in CHECKOUT_STAGES:
            continue
        for f in step.data.get("fields") or []:
            if not f.get("path"):
                continue
            key = (step.url.split("?")[0], str(f.get("name") or f.get("selector")) + ("" if _kind(f) != "choice"
                                                                                        else str(f.get("selector"))))
            if key in seen:
                continue
            seen.add(key)
            out.append((f, step))
    return out


def _kind(f: dict[str, Any]) -> str:
    if f.get("tag") == "select":
        return "select"
    if f.get("tag") == "textarea":
        return "text"
    kind = str(f.get("type") or "text").lower()
    if kind in CHOICE_TYPES:
        return "choice"
    return "text" if kind in TEXT_TYPES else "other"


def _wrong_type(f: dict[str, Any]) -> bool:
    kind = str(f.get("type") or "text").lower()
    mode = str(f.get("inputmode") or "").lower()
    purpose = f.get("purpose")
    if purpose == "email":
        return kind != "email" and mode != "email"
    if purpose == "tel":
        return kind != "tel" and mode not in ("tel", "numeric")
    if purpose == "postal-code":
        return kind == "number"
    return False


def _finding(viewport: Any, step: JourneyStep, message: str, fix: str, *, severity: str, value: str,
             field: dict[str, Any] | None = None) -> Finding:
    box = field.get("box") if field else None
    return Finding(message=message, url=step.url, viewport=viewport, fix=fix,
                   selector=field.get("selector") if field else None, box=Box(**box) if box else None,
                   screenshot=step.screenshot.path if step.screenshot else None, value=value,
                   severity=severity)  # type: ignore[arg-type]
