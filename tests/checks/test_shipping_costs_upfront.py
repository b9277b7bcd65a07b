"""shipping-costs-upfront judged on plain journey evidence: no browser."""

from __future__ import annotations

from typing import Any

from uxaudit.checks.shipping_costs_upfront import ShippingCostsUpfront

from uxaudit.evidence import JourneyEvidence, JourneyStep, Screenshot, SiteEvidence, ViewportEvidence
from uxaudit.journeys.checkout import first_shipping_stage, total_before_payment

STAGES = ("product", "cart", "checkout-entry", "checkout-address", "checkout-shipping", "checkout-payment",
          "checkout-review")
NOTHING = {"costs": [], "thresholds": [], "estimator": [], "deferred": [], "shown": False}


def step(stage: str, *, shipping: dict[str, Any] | None = None, lines: list[dict[str, Any]] | None = None) -> JourneyStep:
    return JourneyStep(name=f"checkout-{stage}", stage=stage, url=f"https://shop.example/{stage}",
                       screenshot=Screenshot(path=f"shots/{stage}.jpg", width=412, height=823),
                       data={"shipping": shipping or NOTHING, "cost_lines": lines or []})


def shown(text: str) -> dict[str, Any]:
    return {**NOTHING, "costs": [text], "shown": True}


def judge(steps: list[JourneyStep], stopped: str | None = None) -> Any:
    journey = JourneyEvidence(name="checkout", viewport="mobile", steps=steps, stopped_reason=stopped,
                              completed=stopped is None)
    journey.data["shipping_first_stage"] = (first_shipping_stage(steps) or {}).get("stage")
    journey.data["total_before_payment"] = total_before_payment(steps)
    evidence = ViewportEvidence(viewport="mobile", site=SiteEvidence(start_url="https://shop.example/",
                                                                     origin="https://shop.example"),
                                pages=[], journeys={"checkout": journey})
    return ShippingCostsUpfront().run(evidence)


def walk(first: str | None, text: str = "Shipping $4.95", total_at: str = "cart") -> list[JourneyStep]:
    steps = []
    seen = False
    for stage in STAGES:
        seen = seen or stage == first
        lines = [{"kind": "shipping", "label": "Shipping", "amount": "$4.95", "selector": f"#{stage}-ship",
                  "box": {"x": 0, "y": 400, "width": 200, "height": 20}}] if seen and stage != "product" else []
        if seen and stage == total_at:
            lines.append({"kind": "total", "label": "Total", "amount": "$52.95"})
        steps.append(step(stage, shipping=shown(text) if stage == first else None, lines=lines))
    return steps


def test_cost_on_the_product_page_passes() -> None:
    result = judge(walk("product", "Shipping: $4.95, free over $75"))
    assert result.status == "pass" and not result.findings


def test_first_in_the_cart_warns() -> None:
    result = judge(walk("cart"))
    assert result.status == "warn" and result.score == 0.6
    assert any("product page shows no shipping cost" in f.message for f in result.findings)
    cart = next(f for f in result.findings if "first appear in the cart" in f.message)
    assert cart.selector == "#cart-ship" and cart.screenshot == "shots/cart.jpg"


def test_only_after_the_address_fails_and_total_late_is_reported() -> None:
    result = judge(walk("checkout-shipping", total_at="checkout-review"))
    assert result.status == "fail" and result.score == 0
    messages = [f.message for f in result.findings]
    assert any("after the shopper has typed an address" in m for m in messages)
    assert any("No total including shipping" in m for m in messages)


def test_calculated_at_checkout_does_not_count_and_is_quoted() -> None:
    steps = walk(None)
    steps[1].data["shipping"] = {**NOTHING, "deferred": ["Shipping Calculated at checkout"]}
    result = judge(steps)
    assert result.status == "fail"
    assert any("Calculated at checkout" in f.message for f in result.findings)


def test_stopped_before_the_address_warns_without_claiming_more() -> None:
    steps = [step("product"), step("cart"), step("checkout-entry")]
    result = judge(steps, stopped="at the checkout-entry stage: an account is required")
    assert result.status == "warn" and result.score == 0.5
    assert "could not see" in result.findings[0].message


def test_no_product_seen_is_not_applicable() -> None:
    assert judge([], stopped="no product page").status == "n/a"
