"""The checkout journey and its four checks on the demo store: each flaw switch moves its verdict.

Four audits (one per configuration, shared by the session) cover every checkout switch:

| configuration | guest | shipping costs | fields | autocomplete | payment |
| good | first | product | few | on | full |
| average | secondary | cart | few | off | full |
| poor | absent | address | many | off | cards only |
| good + late costs, many fields, cards only | first | address | many | on | cards only |
"""

from __future__ import annotations

from typing import Any

import pytest

from uxaudit.bundle import Audit
from uxaudit.evidence import JourneyEvidence

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo-checkout")]

VIEWPORTS = ("mobile", "desktop")
LATE = {"shipping_costs": "address", "checkout_fields": "many", "payment_options": "cards_only"}


def journey(audit: Audit, viewport: str) -> JourneyEvidence:
    return next(j for j in audit.evidence.journeys if j.name == "checkout" and j.viewport == viewport)


def result(audit: Audit, check: str, viewport: str) -> Any:
    return audit.judgement.result(check, viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_good_store_walks_to_review_and_passes_every_check(checkout_demo: Any, viewport: str) -> None:
    audit, store = checkout_demo("good")
    walked = journey(audit, viewport)
    assert walked.completed, walked.stopped_reason
    assert [s.stage for s in walked.steps] == ["product", "cart", "checkout-entry", "checkout-address",
                                               "checkout-shipping", "checkout-payment", "checkout-review"]
    assert walked.data["cart_persists"] == {"reload": True, "new_tab": True}
    assert walked.data["shipping_first_stage"] == "product"
    assert walked.data["total_before_payment"] is True
    for check in ("guest-checkout", "shipping-costs-upfront", "checkout-friction", "payment-options"):
        outcome = result(audit, check, viewport)
        assert outcome.status == "pass", (check, outcome.summary, outcome.findings)
    assert result(audit, "checkout-friction", viewport).details["text_fields"] == 8
    assert store.orders_placed == 0


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_step_data_names_fields_costs_and_screenshots(checkout_demo: Any, viewport: str) -> None:
    audit, _ = checkout_demo("good")
    steps = {s.stage: s for s in journey(audit, viewport).steps}
    email = next(f for f in steps["checkout-address"].data["fields"] if f["name"] == "email")
    assert email["type"] == "email" and email["autocomplete"] == "email" and email["required"] and email["path"]
    assert email["selector"] and email["box"]["width"] > 0
    kinds = {line["kind"] for line in steps["cart"].data["cost_lines"]}
    assert {"subtotal", "shipping", "total"} <= kinds
    assert all(step.screenshot is not None for step in steps.values())
    card = [f for f in steps["checkout-payment"].data["fields"] if (f["autocomplete"] or "").startswith("cc-")]
    assert card, "the payment step's card fields are recorded (never typed into)"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_average_store_guest_secondary_costs_in_cart_no_autocomplete(checkout_demo: Any, viewport: str) -> None:
    audit, store = checkout_demo("average")
    guest = result(audit, "guest-checkout", viewport)
    assert guest.status == "warn" and not guest.blocker
    assert "only after the sign-in" in guest.findings[0].message and guest.findings[0].selector
    shipping = result(audit, "shipping-costs-upfront", viewport)
    assert shipping.status == "warn"
    assert any("first appear in the cart" in f.message for f in shipping.findings)
    friction = result(audit, "checkout-friction", viewport)
    assert friction.status in ("warn", "fail")
    assert any("no valid autocomplete token" in f.message for f in friction.findings)
    assert result(audit, "payment-options", viewport).status == "pass"
    assert store.orders_placed == 0


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_poor_store_requires_an_account_a_blocker(checkout_demo: Any, viewport: str) -> None:
    audit, store = checkout_demo("poor")
    walked = journey(audit, viewport)
    assert not walked.completed and "account is required" in (walked.stopped_reason or "")
    guest = result(audit, "guest-checkout", viewport)
    assert guest.status == "fail" and guest.blocker
    assert "requires an account" in guest.findings[0].message
    assert result(audit, "checkout-friction", viewport).status == "n/a"
    payment = result(audit, "payment-options", viewport)
    assert payment.status == "fail"
    assert {f.value for f in payment.findings} == {"missing"}
    assert store.orders_placed == 0
    assert audit.judgement.scores[viewport].categories["checkout"] < 50


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_late_costs_many_fields_cards_only_fail(checkout_demo: Any, viewport: str) -> None:
    audit, store = checkout_demo("good", **LATE)
    walked = journey(audit, viewport)
    assert walked.completed, walked.stopped_reason
    assert walked.data["shipping_first_stage"] == "checkout-shipping"
    assert walked.data["total_before_payment"] is False
    shipping = result(audit, "shipping-costs-upfront", viewport)
    assert shipping.status == "fail"
    assert any("after the shopper has typed an address" in f.message for f in shipping.findings)
    friction = result(audit, "checkout-friction", viewport)
    assert friction.status == "fail" and friction.details["text_fields"] >= 12
    assert any("text fields from the cart to the review" in f.message for f in friction.findings)
    payment = result(audit, "payment-options", viewport)
    assert payment.status == "fail"
    assert any("PayPal or a wallet" in f.message for f in payment.findings)
    assert store.orders_placed == 0


def test_no_profile_ever_places_an_order(checkout_demo: Any) -> None:
    for profile, flaws in (("good", {}), ("average", {}), ("poor", {}), ("good", LATE)):
        audit, store = checkout_demo(profile, **flaws)
        assert len([j for j in audit.evidence.journeys if j.name == "checkout"]) == 2
        assert store.orders_placed == 0, (profile, flaws)
