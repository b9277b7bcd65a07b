"""The checkout journey and its checks on django-oscar: HTML nobody here wrote (facts: tests/stores/oscar/FACTS.md).

One Oscar copy per session (fixture ``oscar_checkout`` in tests/journeys/conftest.py), one
server and one audit per ``OSCAR_ALLOW_ANON_CHECKOUT`` value, off-site requests blocked.
"""

from __future__ import annotations

from typing import Any

import pytest

from uxaudit.evidence import JourneyEvidence

pytestmark = [pytest.mark.browser, pytest.mark.oscar, pytest.mark.xdist_group("oscar")]

VIEWPORTS = ("mobile", "desktop")


def journey(audit: Any, viewport: str) -> JourneyEvidence:
    return next(j for j in audit.evidence.journeys if j.name == "checkout" and j.viewport == viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_anonymous_checkout_reaches_the_preview_as_a_guest(oscar_checkout: Any, viewport: str) -> None:
    audit, store = oscar_checkout(True)
    walked = journey(audit, viewport)
    assert walked.completed, walked.stopped_reason
    assert [s.stage for s in walked.steps][-5:] == ["checkout-entry", "checkout-address", "checkout-shipping",
                                                    "checkout-payment", "checkout-review"]
    assert walked.steps[-1].url.endswith("/checkout/preview/")
    guest = audit.judgement.result("guest-checkout", viewport)
    assert guest.status == "pass", guest.summary
    assert walked.data["guest"]["preselected"] is True  # "Who are you?": guest radio first and checked
    assert store.order_count() == 0


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_oscar_shows_shipping_first_in_the_basket(oscar_checkout: Any, viewport: str) -> None:
    audit, _ = oscar_checkout(True)
    walked = journey(audit, viewport)
    assert walked.data["shipping_first_stage"] == "cart"
    assert walked.data["total_before_payment"] is True  # "Order total" on the basket page
    shipping = audit.judgement.result("shipping-costs-upfront", viewport)
    assert shipping.status == "warn"
    assert any("first appear in the cart" in f.message for f in shipping.findings)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_oscar_field_counts_and_missing_autocomplete(oscar_checkout: Any, viewport: str) -> None:
    audit, _ = oscar_checkout(True)
    friction = audit.judgement.result("checkout-friction", viewport)
    # gateway: email; address: first/last name, line1-4, state, postcode, phone, notes (country is a select)
    assert friction.details["text_fields"] == 11
    assert friction.details["selects"] == 1
    assert friction.details["required"] == 6  # email, first/last name, line1, city, postcode
    assert friction.details["autofill_share"] == 0.0  # Oscar emits no autocomplete on address fields
    assert friction.status == "fail"
    assert any("no valid autocomplete token" in f.message for f in friction.findings)
    assert audit.judgement.result("payment-options", viewport).status == "n/a"  # no gateway configured


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_login_only_checkout_fails_guest_checkout_as_a_blocker(oscar_checkout: Any, viewport: str) -> None:
    audit, store = oscar_checkout(False)
    walked = journey(audit, viewport)
    assert "/accounts/login/" in walked.steps[-1].url
    assert "an account is required" in (walked.stopped_reason or "")
    guest = audit.judgement.result("guest-checkout", viewport)
    assert guest.status == "fail" and guest.blocker
    assert guest.findings[0].selector and "#login_form" in guest.findings[0].selector
    assert store.order_count() == 0


def test_no_order_is_ever_placed(oscar_checkout: Any) -> None:
    for anon in (True, False):
        _, store = oscar_checkout(anon)
        assert store.order_count() == 0
