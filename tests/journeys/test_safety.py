"""The safety guard: its decisions on plain inputs, and in a browser against the demo store's review step."""

from __future__ import annotations

import asyncio

import pytest

from uxaudit.journeys.safety import Guard, UnsafeAction, card_field, dangerous_control, order_request


@pytest.mark.parametrize("label", [
    "Place order", "PLACE MY ORDER", "Pay now", "Pay", "Pay $89.00", "Pay £12.50", "Complete purchase",
    "Confirm order", "Submit order", "Complete order", "Complete your purchase", "Confirm and pay",
])
def test_controls_that_order_or_pay_are_refused_everywhere(label: str) -> None:
    assert dangerous_control(label)
    assert dangerous_control(value=label)
    assert dangerous_control(aria_label=label)


@pytest.mark.parametrize("label", ["Buy now", "Buy it now", "Apple Pay", "Google Pay"])
def test_buy_now_and_wallet_buttons_are_refused_on_checkout_pages(label: str) -> None:
    assert dangerous_control(label, on_checkout=True)


@pytest.mark.parametrize("label", [
    "Add to cart", "Checkout", "Proceed to checkout", "Continue to payment", "Continue to shipping",
    "Review order", "Continue as guest", "PayPal", "Payment", "Continue", "Select option",
])
def test_ordinary_steps_are_allowed(label: str) -> None:
    assert dangerous_control(label, on_checkout=True) is None


def test_buy_now_is_allowed_on_a_product_page() -> None:
    assert dangerous_control("Buy now", on_checkout=False) is None


@pytest.mark.parametrize(("url", "method", "body"), [
    ("https://shop.example/checkout/place-order", "POST", None),
    ("https://shop.example/checkout/place-order", "GET", None),
    ("https://shop.example/checkout/placeorder", "POST", None),
    ("https://shop.example/cart/submit_order", "POST", None),
    ("https://shop.example/checkout/1234/complete", "POST", None),
    ("https://shop.example/payment/process", "POST", None),
    ("https://shop.example/checkout/preview/", "POST", "csrfmiddlewaretoken=x&action=place_order"),
    ("https://shop.example/checkout/preview/", "POST", None),
    ("https://shop.example/checkout/step", "POST", "action=place_order"),
])
def test_requests_that_place_orders_are_recognised(url: str, method: str, body: str | None) -> None:
    assert order_request(url, method, body)


@pytest.mark.parametrize(("url", "method"), [
    ("https://shop.example/checkout/preview/", "GET"),
    ("https://shop.example/checkout/review", "GET"),
    ("https://shop.example/checkout/payment", "POST"),
    ("https://shop.example/checkout/shipping-method/", "POST"),
    ("https://shop.example/cart/add", "POST"),
    ("https://shop.example/basket/add/12/", "POST"),
    ("https://shop.example/checkout/information", "POST"),
])
def test_ordinary_checkout_requests_pass(url: str, method: str) -> None:
    assert order_request(url, method) is None


@pytest.mark.parametrize("attributes", [
    {"autocomplete": "cc-number"}, {"autocomplete": "billing cc-exp"}, {"name": "card_number"},
    {"id": "cardNumber"}, {"name": "cvc"}, {"name": "cvv2"}, {"label": "Security code"},
    {"placeholder": "MM / YY", "label": "Expiry date"}, {"label": "Name on card"}, {"type": "password"},
    {"name": "password1"}, {"frame": "https://js.stripe.com/v3/elements-inner-card.html"},
    {"frame": "https://other.example/frame"}, {"name": "iban"},
])
def test_card_password_and_iframe_fields_are_never_typed_into(attributes: dict[str, str]) -> None:
    assert card_field(attributes)


@pytest.mark.parametrize("attributes", [
    {"autocomplete": "email", "name": "email"}, {"name": "postcode", "label": "ZIP / Postcode"},
    {"name": "first_name", "label": "First name"}, {"name": "line4", "label": "City"},
    {"autocomplete": "tel", "name": "phone"}, {"name": "address1", "label": "Address", "frame": "main"},
])
def test_identity_fields_may_be_typed_into(attributes: dict[str, str]) -> None:
    assert card_field(attributes) is None


def test_guard_refuses_everything_after_the_review_step() -> None:
    guard = Guard(final_step=True)
    with pytest.raises(UnsafeAction):
        guard.check_control({"tag": "a", "text": "Edit address", "href": "https://shop.example/checkout/information"},
                            on_checkout=True)
    assert guard.refused and "review step" in guard.refused[0]


def test_guard_refuses_a_harmless_label_whose_form_places_the_order() -> None:
    guard = Guard()
    with pytest.raises(UnsafeAction, match="place-order"):
        guard.check_control({"tag": "button", "text": "Continue", "submits": True, "method": "POST",
                             "action": "https://shop.example/checkout/place-order"}, on_checkout=True)


@pytest.mark.browser
@pytest.mark.xdist_group("demo-checkout")
def test_in_a_browser_the_review_step_cannot_place_an_order() -> None:
    """Walk the demo store to its review step by hand, then try every way to place the order."""
    from playwright.async_api import async_playwright

    from uxaudit.browser import find_chromium
    from uxaudit.demo import DemoStore

    async def attempt(base: str) -> list[str]:
        outcomes: list[str] = []
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
            context = await browser.new_context()
            guard = Guard()
            await guard.install(context)
            page = await context.new_page()
            await page.goto(base + "products/shirt-dress")
            await page.click("form[action='/cart/add'] button[type=submit]")
            await page.goto(base + "checkout/information")
            for name, value in (("email", "uxaudit-test@example.com"), ("full_name", "Test Shopper"),
                                ("address1", "1 Test Street"), ("city", "New York"), ("postcode", "10001")):
                await guard.fill(page.locator(f"[name={name}]"), value)
            with pytest.raises(UnsafeAction):
                await _type_card_number(guard, page)
            await page.click("form[action='/checkout/information'] button[type=submit]")
            await page.wait_for_url("**/checkout/shipping")
            await page.click("form[action='/checkout/shipping'] button[type=submit]")
            await page.wait_for_url("**/checkout/payment")
            await page.click("form[action='/checkout/payment'] button[type=submit]")
            await page.wait_for_url("**/checkout/review")
            place = page.get_by_role("button", name="Place order")
            try:
                await guard.click(place, on_checkout=True)
            except UnsafeAction as exc:
                outcomes.append(f"guard: {exc}")
            # Even a script submitting the form is stopped by the route handler.
            failed: list[str] = []
            page.on("requestfailed", lambda request: failed.append(request.url))
            try:
                async with page.expect_event("requestfailed", timeout=10_000):
                    await page.evaluate("() => document.querySelector(\"form[action='/checkout/place-order']\").submit()")
            except Exception as exc:  # noqa: BLE001 - recorded, asserted below
                outcomes.append(f"submit error: {exc}")
            outcomes.extend(f"aborted: {url}" for url in failed)
            await context.close()
            await browser.close()
        return outcomes

    with DemoStore("good") as store:
        outcomes = asyncio.run(attempt(store.url))
        assert any(o.startswith("guard:") for o in outcomes), outcomes
        assert any(o.startswith("aborted:") and "place-order" in o for o in outcomes), outcomes
        assert store.orders_placed == 0


async def _type_card_number(guard: Guard, page: object) -> None:
    """Add a card-number field like the payment step's and try to type into it."""
    await page.evaluate(  # type: ignore[attr-defined]
        "() => { const i = document.createElement('input'); i.name = 'card_number'; i.autocomplete = 'cc-number';"
        " i.id = 'uxaudit-card'; document.body.appendChild(i); }")
    await guard.fill(page.locator("#uxaudit-card"), "4242424242424242")  # type: ignore[attr-defined]
