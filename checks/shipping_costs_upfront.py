"""shipping-costs-upfront: where does a shopper first learn what shipping costs?

The first stage of the checkout journey that shows a shipping cost, a shipping estimator
or a free-shipping threshold ("calculated at checkout" does not count):

* product page: pass (1.0)
* cart: warn (0.6)
* checkout, before the address is entered (the checkout's first page or the address
  form itself): warn (0.5)
* only after an address (shipping-method step or later), or never: fail (0.0)

When the journey stopped before the address step and nothing was shown on the product
page or in the cart, the check warns (0.5) and says it could not see further: it knows
shipping is not up front, not that it is hidden until after the address.

Also: is a total that includes shipping visible before the payment step? If not, a
warning finding, and the score is held below the pass band (0.85).
"""

from __future__ import annotations

from typing import Any

from uxaudit.check import Check, Finding, Source, Verdict
from uxaudit.evidence import Box, JourneyEvidence, JourneyStep, ViewportEvidence
from uxaudit.journeys.checkout import first_shipping_stage, shipping_mentions, stage_index
from uxaudit.journeys.patterns import for_language

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Shipping costs are shown up front"
FAILURE_TITLE = "Shipping costs are hidden until late in the checkout"
DESCRIPTION = (
    "Extra costs are the top reason for abandoning a checkout (48% of shoppers, Baymard 2024). 64% of shoppers look "
    "for shipping costs on the product page, yet 43% of sites show none there."
)
FIX = "Show the shipping cost, a free-shipping threshold or a shipping estimator on product pages and in the cart."
STAGE_NAMES = {"product": "on the product page", "cart": "in the cart",
               "checkout-entry": "on the checkout's first page", "checkout-address": "on the address form",
               "checkout-shipping": "at the shipping-method step", "checkout-payment": "at the payment step",
               "checkout-review": "at the order review"}
MSG_NOT_ON_PRODUCT = "The product page shows no shipping cost, free-shipping threshold or shipping estimator{deferred}."
FIX_NOT_ON_PRODUCT = ("Near the price, say what shipping costs (\"Shipping $4.95, free over $75\") or link a delivery "
                      "estimator; add shippingDetails to the Product structured data.")
MSG_FIRST_SHOWN = "Shipping costs first appear {stage}: {text!r}."
MSG_AFTER_ADDRESS = "Shipping costs appear only {stage}, after the shopper has typed an address{deferred}."
MSG_NEVER = "No shipping cost was shown anywhere from the product page up to the last step reached ({last}){deferred}."
FIX_LATE = ("Show the shipping cost in the cart (a default rate, an estimator by postcode, or the free-shipping "
            "threshold), and on product pages.")
MSG_UNKNOWN_LATER = ("Neither the product page nor the cart shows a shipping cost{deferred}; the journey stopped before "
                     "the address step ({reason}), so it could not see whether the checkout shows one before the address.")
MSG_NO_TOTAL = ("No total including shipping is shown before the payment step: shoppers are asked to pay before they "
                "see what they will pay.")
FIX_NO_TOTAL = "Show the order total, with shipping and tax, in the cart or in an order summary beside every checkout step."
DEFERRED_HINT = " (it says {text!r})"
SUMMARY = "Shipping costs are first shown {stage}."
SUMMARY_NONE = "No shipping cost shown up to the last step reached ({last})."
SUMMARY_NA = "the checkout journey saw no product page ({reason})"

SCORES = {"product": 1.0, "cart": 0.6, "checkout-entry": 0.5, "checkout-address": 0.5}
"""Score by the first stage showing shipping; later stages (after the address) score 0."""
NO_TOTAL_CAP = 0.85


class ShippingCostsUpfront(Check):
    id = "shipping-costs-upfront"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "checkout"
    weight = 4.8  # 48% abandon over extra costs (shipping, tax, fees), the top reason (Baymard 2024)
    description = DESCRIPTION
    fix = FIX
    sources = (
        Source(title="Baymard Institute: Reasons for cart abandonment (2024)",
               url="https://baymard.com/lists/cart-abandonment-rate",
               figure="48% abandon over extra costs; 21% could not see the total up front"),
        Source(title="Baymard Institute: Product page UX benchmark",
               url="https://baymard.com/research/product-page",
               figure="64% look for shipping costs on the product page; 43% of sites show none there"),
    )
    requires = ("journey:checkout",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        journey = evidence.journeys["checkout"]
        steps = list(journey.steps)
        product = next((s for s in steps if s.stage == "product"), None)
        product_pages = evidence.pages_of_kind("product")
        if product is None and not product_pages:
            return Verdict.not_applicable(SUMMARY_NA.format(reason=journey.stopped_reason or "no product step"))
        first = first_shipping_stage(steps)
        if first is None and product is None:
            first = _from_pages(evidence)
        deferred = _deferred(steps)
        deferred_hint = DEFERRED_HINT.format(text=deferred) if deferred else ""
        findings: list[Finding] = []
        product_url = product.url if product else (product_pages[0].final_url or product_pages[0].url)
        details: dict[str, object] = {"first_stage": first["stage"] if first else None,
                                      "first_text": first["text"] if first else None,
                                      "total_before_payment": journey.data.get("total_before_payment"),
                                      "deferred": deferred}
        stage = first["stage"] if first else None
        if stage != "product":
            findings.append(_finding(journey, product, product_url, MSG_NOT_ON_PRODUCT.format(
                deferred=deferred_hint if stage is None else ""), FIX_NOT_ON_PRODUCT, severity="warn",
                value="not on the product page"))
        reached = max((stage_index(s.stage) for s in steps), default=-1)
        if stage in SCORES:
            score = SCORES[stage]
            summary = SUMMARY.format(stage=STAGE_NAMES[stage])
            if stage != "product" and first:
                findings.append(_first_finding(journey, steps, first, MSG_FIRST_SHOWN.format(
                    stage=STAGE_NAMES[stage], text=first["text"]), FIX_LATE, severity="warn"))
        elif stage is not None and first:
            score = 0.0
            summary = SUMMARY.format(stage=STAGE_NAMES.get(stage, stage))
            findings.append(_first_finding(journey, steps, first, MSG_AFTER_ADDRESS.format(
                stage=STAGE_NAMES.get(stage, stage), deferred=deferred_hint), FIX_LATE, severity="fail"))
        elif reached >= stage_index("checkout-shipping"):
            last = steps[-1]
            score = 0.0
            summary = SUMMARY_NONE.format(last=STAGE_NAMES.get(last.stage, last.stage))
            findings.append(_first_finding(journey, steps, {"stage": last.stage, "url": last.url, "text": ""},
                                           MSG_NEVER.format(last=STAGE_NAMES.get(last.stage, last.stage),
                                                            deferred=deferred_hint), FIX_LATE, severity="fail"))
        else:
            score = 0.5
            message = MSG_UNKNOWN_LATER.format(deferred=deferred_hint,
                                               reason=journey.stopped_reason or "it did not get further")
            summary = message
            findings = [_finding(journey, product, product_url, message, FIX_LATE, severity="warn",
                                 value="not on the product page or in the cart")]
        if journey.data.get("total_before_payment") is False:
            payment = next((s for s in steps if s.stage == "checkout-payment"), steps[-1] if steps else None)
            findings.append(_finding(journey, payment, payment.url if payment else product_url, MSG_NO_TOTAL,
                                     FIX_NO_TOTAL, severity="warn", value="no total before payment"))
            score = min(score, NO_TOTAL_CAP)
            summary += " No total with shipping before payment."
        return Verdict(score=score, findings=findings, summary=summary, details=details)


def _from_pages(evidence: ViewportEvidence) -> dict[str, Any] | None:
    """When the journey has no product step: shipping info on the gathered product pages."""
    for page in evidence.pages_of_kind("product"):
        mentions = shipping_mentions(page.text.split("\n"), [], for_language(page.meta.lang))
        if mentions["shown"]:
            text = (mentions["costs"] or mentions["thresholds"] or mentions["estimator"])[0]
            return {"stage": "product", "url": page.final_url or page.url, "text": text, "kind": "cost"}
    return None


def _deferred(steps: list[JourneyStep]) -> str | None:
    for step in steps:
        deferred = (step.data.get("shipping") or {}).get("deferred") or []
        if deferred:
            return str(deferred[0])[:80]
    return None


def _first_finding(journey: JourneyEvidence, steps: list[JourneyStep], first: dict[str, Any], message: str, fix: str,
                   *, severity: str) -> Finding:
    step = next((s for s in steps if s.stage == first["stage"]), None)
    line = next((c for c in (step.data.get("cost_lines") or []) if c.get("kind") == "shipping"), None) if step else None
    return Finding(message=message, url=str(first.get("url") or (step.url if step else "")), viewport=journey.viewport,
                   fix=fix, selector=line.get("selector") if line else None,
                   box=Box(**line["box"]) if line and line.get("box") else None,
                   screenshot=step.screenshot.path if step and step.screenshot else None,
                   value=first["stage"], severity=severity)  # type: ignore[arg-type]


def _finding(journey: JourneyEvidence, step: JourneyStep | None, url: str, message: str, fix: str, *, severity: str,
             value: str) -> Finding:
    return Finding(message=message, url=url, viewport=journey.viewport, fix=fix,
                   screenshot=step.screenshot.path if step and step.screenshot else None, value=value,
                   severity=severity)  # type: ignore[arg-type]
