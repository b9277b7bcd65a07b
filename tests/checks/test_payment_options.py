"""payment-options judged on plain journey evidence: no browser."""

from __future__ import annotations

from typing import Any

from uxaudit.checks.payment_options import PaymentOptions

from uxaudit.evidence import JourneyEvidence, JourneyStep, SiteEvidence, ViewportEvidence

FAMILY = {"cards": "cards", "PayPal": "paypal", "Apple Pay": "wallet", "Google Pay": "wallet", "Klarna": "bnpl",
          "Afterpay": "bnpl"}


def judge(methods: list[str], stages: tuple[str, ...] = ("cart", "checkout-payment"), completed: bool = True) -> Any:
    steps = [JourneyStep(name=f"checkout-{s}", stage=s, url=f"https://shop.example/{s}", data={
        "payments": [{"method": m, "family": FAMILY[m], "how": "image alt", "trace": m} for m in methods]})
        for s in stages]
    journey = JourneyEvidence(name="checkout", viewport="mobile", steps=steps, completed=completed)
    evidence = ViewportEvidence(viewport="mobile", site=SiteEvidence(start_url="https://shop.example/",
                                                                     origin="https://shop.example"),
                                pages=[], journeys={"checkout": journey})
    return PaymentOptions().run(evidence)


def test_cards_wallet_and_bnpl_pass() -> None:
    result = judge(["cards", "Apple Pay", "Klarna"])
    assert result.status == "pass" and result.score == 1.0 and not result.findings


def test_paypal_counts_as_the_wallet_family() -> None:
    assert judge(["cards", "PayPal", "Afterpay"]).status == "pass"


def test_cards_only_fails_naming_what_is_missing() -> None:
    result = judge(["cards"])
    assert result.status == "fail" and result.score == 0.4
    messages = " ".join(f.message for f in result.findings)
    assert "PayPal or a wallet" in messages and "buy now, pay later" in messages
    assert result.findings[0].url == "https://shop.example/checkout-payment"


def test_no_bnpl_warns() -> None:
    result = judge(["cards", "PayPal", "Google Pay"])
    assert result.status == "warn" and result.score == 0.7


def test_cards_unseen_before_the_payment_step_are_not_counted_missing() -> None:
    result = judge(["PayPal", "Klarna"], stages=("cart",), completed=False)
    assert result.status == "pass" and result.score == 1.0


def test_nothing_detected_is_not_applicable() -> None:
    assert judge([]).status == "n/a"
