"""payment-options: cards, PayPal or a wallet, and buy-now-pay-later, seen on the cart and checkout.

The checkout journey detects payment methods on the cart and checkout pages from words,
logos (image alt text and file names), iframes, scripts and request hosts. Families and
their share of the score:

* cards (0.4): card brands, card fields, card processors' scripts (Stripe, Adyen...);
* PayPal or a wallet (0.3): PayPal, Apple Pay, Google Pay, Shop Pay, Amazon Pay;
* buy now, pay later (0.3): Klarna, Afterpay/Clearpay, Affirm, Sezzle, Zip.

Pass needs all three (*proposed* in CHECKS.md). When no method at all was detected the
check says n/a: methods can hide behind a payment provider's page the journey never
opens, and a false alarm costs more than a missed finding. Cards not seen while the
journey never reached the payment step are left out of the score rather than counted
missing.
"""

from __future__ import annotations

from typing import Any

from uxaudit.check import Check, Finding, Source, Verdict
from uxaudit.evidence import JourneyEvidence, JourneyStep, ViewportEvidence
from uxaudit.journeys.checkout import payment_summary

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Shoppers can pay the way they like"
FAILURE_TITLE = "Shoppers have few ways to pay"
DESCRIPTION = (
    "13% of shoppers abandoned a checkout for lack of payment methods (Baymard 2024). Cards, PayPal or a wallet "
    "(Apple Pay, Google Pay, Shop Pay) and a buy-now-pay-later option cover most shoppers' preferences."
)
FIX = "Offer cards, PayPal or a wallet, and buy now, pay later; show their logos in the cart and at payment."
FAMILIES = {"cards": "cards", "wallet_or_paypal": "PayPal or a wallet (Apple Pay, Google Pay, Shop Pay)",
            "bnpl": "buy now, pay later (Klarna, Afterpay, Affirm, Sezzle, Zip)"}
MSG_MISSING = "No {family} seen on the cart or checkout pages (seen: {seen})."
FIX_MISSING = {
    "cards": "Accept credit and debit cards and show the card brands in the cart and at payment.",
    "wallet_or_paypal": "Add PayPal and the wallets your payment provider supports (Apple Pay, Google Pay); "
                        "show them as express buttons in the cart.",
    "bnpl": "Add a buy-now-pay-later method your provider supports (Klarna, Afterpay/Clearpay, Affirm) and mention "
            "it in the cart.",
}
SUMMARY = "Payment methods seen: {seen}."
SUMMARY_NA = "no payment method could be detected on the cart or checkout pages ({reason})"

SHARES = {"cards": 0.4, "wallet_or_paypal": 0.3, "bnpl": 0.3}


class PaymentOptions(Check):
    id = "payment-options"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "checkout"
    weight = 1.3  # 13% abandon over too few payment methods (Baymard 2024)
    description = DESCRIPTION
    fix = FIX
    sources = (
        Source(title="Baymard Institute: Reasons for cart abandonment (2024)",
               url="https://baymard.com/lists/cart-abandonment-rate", figure="13% abandon over too few payment methods"),
    )
    requires = ("journey:checkout",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        journey = evidence.journeys["checkout"]
        methods: dict[str, dict[str, Any]] = journey.data.get("payment_methods") or payment_summary(journey.steps)
        if not methods:
            reason = journey.stopped_reason or ("the payment step showed none" if journey.completed else "none shown")
            return Verdict.not_applicable(SUMMARY_NA.format(reason=reason))
        have = {family_of(m["family"]) for m in methods.values()}
        reached_payment = any(s.stage in ("checkout-payment", "checkout-review") for s in journey.steps)
        counted = {k: v for k, v in SHARES.items() if k != "cards" or "cards" in have or reached_payment}
        score = sum(v for k, v in counted.items() if k in have) / sum(counted.values())
        seen = ", ".join(methods)
        step = _payment_step(journey)
        findings = [
            Finding(message=MSG_MISSING.format(family=FAMILIES[family], seen=seen), url=step.url if step else "",
                    viewport=journey.viewport, fix=FIX_MISSING[family],
                    screenshot=step.screenshot.path if step and step.screenshot else None,
                    value="missing", severity="fail" if family != "bnpl" else "warn")
            for family in counted if family not in have
        ]
        details: dict[str, object] = {"methods": methods, "families": sorted(have), "reached_payment": reached_payment}
        return Verdict(score=score, findings=findings, details=details, summary=SUMMARY.format(seen=seen))


def family_of(family: str) -> str:
    return "wallet_or_paypal" if family in ("wallet", "paypal") else family


def _payment_step(journey: JourneyEvidence) -> JourneyStep | None:
    for stage in ("checkout-payment", "checkout-review", "cart"):
        step = next((s for s in journey.steps if s.stage == stage), None)
        if step:
            return step
    return journey.steps[-1] if journey.steps else None
