"""The checkout journey's pure readers: cost lines, shipping mentions, stages, guest path, payments, fields."""

from __future__ import annotations

from typing import Any

import pytest

from uxaudit.evidence import JourneyStep, PageEvidence
from uxaudit.journeys.checkout import (
    classify,
    cost_lines,
    detect_payments,
    find_add_to_cart,
    find_checkout_control,
    guest_path,
    pick_products,
    shipping_mentions,
)
from uxaudit.journeys.patterns import ENGLISH, autocomplete_token, field_purpose


def snap(fields: list[dict[str, Any]] | None = None, controls: list[dict[str, Any]] | None = None,
         lines: list[str] | None = None, headings: list[str] | None = None, **more: Any) -> dict[str, Any]:
    data = {"fields": fields or [], "controls": controls or [], "lines": lines or [], "headings": headings or [],
            "alerts": [], "images": [], "iframes": [], "scripts": [], "resources": [], "costs": [], "forms": [],
            "viewport": {"width": 412, "height": 823}}
    data.update(more)
    return data


def control(text: str, order: int, *, tag: str = "button", y: float = 100, form: int = 0, **more: Any) -> dict[str, Any]:
    data = {"tag": tag, "type": "", "text": text, "aria": "", "value": "", "title": "", "href": None, "visible": True,
            "disabled": False, "role": None, "checked": None, "cls": "", "selector": f"#c{order}",
            "box": {"x": 0, "y": y, "width": 300, "height": 48}, "form": form, "submits": tag == "button",
            "action": None, "method": None, "order": order, "in_header": False, "in_footer": False}
    data.update(more)
    return data


def field(name: str, order: int, *, kind: str = "text", label: str = "", form: int = 0, **more: Any) -> dict[str, Any]:
    data = {"tag": "input", "type": kind, "name": name, "id": name, "label": label or name, "required": True,
            "autocomplete": None, "inputmode": None, "placeholder": None, "selector": f"#{name}",
            "box": {"x": 0, "y": 100 + order, "width": 300, "height": 40}, "form": form, "order": order,
            "disabled": False, "checked": False if kind in ("radio", "checkbox") else None, "filled": False}
    data.update(more)
    return data


@pytest.mark.parametrize(("value", "token"), [
    ("email", "email"), ("shipping postal-code", "postal-code"), ("section-a billing address-line1", "address-line1"),
    ("work tel", "tel"), ("cc-number", "cc-number"), ("on", None), ("off", None), ("zip", None), ("", None),
    ("home postal-code", None), (None, None),
])
def test_autocomplete_tokens_follow_the_html_spec(value: str | None, token: str | None) -> None:
    assert autocomplete_token(value) == token


@pytest.mark.parametrize(("words", "purpose"), [
    (("username", "id_username", "My email address is"), "email"), (("line4", "id_line4", "City"), "address-level2"),
    (("postcode", "", "Post/Zip-code"), "postal-code"), (("first_name", "", "First name"), "given-name"),
    (("card_number", "", "Card number"), "card"), (("full_name", "", "Full name"), "name"),
    ((None, "", "Name on card"), "card"), (("notes", "", "Instructions"), None),
])
def test_field_purpose_from_words(words: tuple[str | None, ...], purpose: str | None) -> None:
    assert field_purpose(None, *words) == purpose


def test_cost_lines_keep_one_label_and_one_amount() -> None:
    rows = [{"text": t, "selector": f"#r{i}", "box": None} for i, t in enumerate([
        "Subtotal $48.00", "Shipping (Standard) $4.95", "Tax Calculated at checkout", "Order total £39.95",
        "Spend $27.00 more to get free shipping over $75", "Free 30-day returns", "Discount -$3.50"])]
    lines = cost_lines(rows, ENGLISH)
    assert [(x["kind"], x["amount"]) for x in lines] == [
        ("subtotal", "$48.00"), ("shipping", "$4.95"), ("tax", "calculated later"), ("total", "£39.95"),
        ("discount", "$3.50")]
    assert lines[2]["deferred"]


def test_shipping_mentions_separate_costs_thresholds_and_deferrals() -> None:
    found = shipping_mentions([
        "Shipping: $4.95, free over $75", "Free 30-day returns", "Order today, delivered by Friday",
        "Shipping & delivery", "Shipping", "Calculated at checkout", "Standard delivery (3-5 working days)", "£4.95",
        "Estimate shipping", "Taxes and shipping calculated at checkout.",
    ], [], ENGLISH)
    assert found["thresholds"] == ["Shipping: $4.95, free over $75"]
    assert found["costs"] == ["Standard delivery (3-5 working days) £4.95"]
    assert found["estimator"] == ["Estimate shipping"]
    assert "Taxes and shipping calculated at checkout." in found["deferred"]
    assert found["shown"]


def test_returns_and_delivery_dates_are_not_shipping_costs() -> None:
    found = shipping_mentions(["Free 30-day returns", "Free returns on all orders", "Delivered by Tuesday 3 June",
                               "Shipping & delivery", "Delivery options"], [], ENGLISH)
    assert not found["shown"]


def test_pick_products_prefers_in_stock_and_skips_sold_out() -> None:
    def page(pid: str, availability: str | None, text: str = "") -> PageEvidence:
        data: list[dict[str, Any]] = [{"@type": "Product", "offers": {"availability": availability}}] if availability else []
        return PageEvidence(id=pid, url=f"https://s.example/{pid}", final_url=f"https://s.example/{pid}",
                            kind="product", viewport="mobile", status=200, structured_data=data, text=text)
    pages = [page("sold", "https://schema.org/OutOfStock"), page("unknown", None, "Unavailable"),
             page("maybe", None, "A shirt"), page("in", "https://schema.org/InStock")]
    assert [p.id for p in pick_products(pages, "mobile", ENGLISH)] == ["in", "maybe"]


def test_add_to_cart_and_checkout_controls_by_their_words() -> None:
    page = snap(controls=[control("Add to wishlist", 1), control("Add to cart", 2, action="https://s.example/cart/add"),
                          control("Add to basket", 3, in_header=True)])
    assert find_add_to_cart(page, ENGLISH)["selector"] == "#c2"
    cart = snap(controls=[control("Checkout", 1, tag="a", href="https://s.example/checkout", in_header=True),
                          control("PayPal Checkout", 2), control("Proceed to checkout", 3, tag="a",
                                                                  href="https://s.example/checkout/")])
    assert find_checkout_control(cart, ENGLISH)["selector"] == "#c3"


def test_stages_from_fields_and_headings() -> None:
    login = snap(fields=[field("email", 1, kind="email"), field("password", 2, kind="password")])
    assert classify(login, "https://s.example/checkout", ENGLISH) == "checkout-entry"
    address = snap(fields=[field("email", 1, kind="email"), field("address1", 2, label="Address"),
                           field("postcode", 3, label="ZIP")])
    assert classify(address, "https://s.example/checkout/information", ENGLISH, seen_entry=True) == "checkout-address"
    shipping = snap(fields=[field("shipping_method", 1, kind="radio", label="Standard 2-4 days $4.95")],
                    headings=["Shipping method"])
    assert classify(shipping, "https://s.example/checkout/shipping", ENGLISH, seen_entry=True) == "checkout-shipping"
    payment = snap(fields=[field("card_number", 1, label="Card number", autocomplete="cc-number")],
                   headings=["Payment"])
    assert classify(payment, "https://s.example/checkout/payment", ENGLISH, seen_entry=True) == "checkout-payment"
    review = snap(controls=[control("Place order", 1)], headings=["Review your order"])
    assert classify(review, "https://s.example/checkout/review", ENGLISH, seen_entry=True) == "checkout-review"


def test_guest_first_choice_radio_as_in_oscar() -> None:
    page = snap(fields=[
        field("username", 1, kind="email", label="My email address is"),
        field("options", 2, kind="radio", label="I am a new customer and want to checkout as a guest", checked=True),
        field("options", 3, kind="radio", label="I am a returning customer, and my password is"),
        field("password", 4, kind="password"),
    ], controls=[control("Continue", 5)])
    guest = guest_path(page, "https://s.example/checkout/", ENGLISH)
    assert guest["offered"] and guest["first_choice"] and guest["above_fold"] and guest["mode"] == "choice-form"
    assert guest["preselected"] is True


def test_guest_link_after_sign_in_and_below_the_fold() -> None:
    page = snap(fields=[field("email", 1, kind="email"), field("password", 2, kind="password")],
                controls=[control("Sign in", 3), control("Create account", 4, y=700),
                          control("or checkout as guest", 5, tag="a", y=1300, href="https://s.example/checkout/info")])
    guest = guest_path(page, "https://s.example/checkout", ENGLISH)
    assert guest["offered"] and guest["first_choice"] is False and guest["above_fold"] is False


def test_login_wall_requires_an_account() -> None:
    page = snap(fields=[field("login-username", 1, kind="email"), field("login-password", 2, kind="password")],
                controls=[control("Log In", 3), control("Register", 4)])
    guest = guest_path(page, "https://s.example/accounts/login/?next=/checkout/", ENGLISH)
    assert guest["account_required"] and not guest["offered"]
    assert "password field" in guest["evidence"]


def test_payments_from_logos_words_and_hosts() -> None:
    page = snap(lines=["We accept", "Pay in 3 with Klarna", "Enter your ZIP code"],
                images=[{"alt": "Visa", "src": "/img/visa.svg", "title": ""},
                        {"alt": "", "src": "https://cdn.example/icons/apple-pay.svg", "title": ""}],
                scripts=["https://www.paypalobjects.com/api/checkout.js"])
    found = {p["method"]: p["how"] for p in detect_payments(page)}
    assert found == {"cards": "image alt", "PayPal": "script or iframe host", "Apple Pay": "image file",
                     "Klarna": "text"}


def test_gift_cards_and_zip_codes_are_not_payment_methods() -> None:
    page = snap(lines=["Redeem a gift card", "ZIP code", "Discover our new collection", "django-oscar-paypal"])
    assert detect_payments(page) == []


def test_steps_keep_the_journey_contract() -> None:
    step = JourneyStep(name="checkout-cart", stage="cart", url="https://s.example/cart", data={"fields": []})
    assert step.model_dump()["data"] == {"fields": []}
