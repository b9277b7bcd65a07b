"""Cart sessions, guest checkout variants and the order counter."""

from __future__ import annotations

import re
import urllib.request

from .conftest import Client
from .test_flaws import Checkout, main_of


def test_cart_session_survives_reload_and_new_tab(make_store) -> None:  # type: ignore[no-untyped-def]
    store, client = make_store("good")
    reply = client.post("/cart/add", {"product": "court-sneakers", "size": "EU 42", "colour": "White",
                                      "quantity": "2"}, follow=False)
    assert reply.status == 303 and reply.headers["Location"].startswith("/cart")
    assert "Court Sneakers" in client.get("/cart").text
    cookie = next(c for c in client.jar if c.name == "shop_session")
    # a "new tab": a fresh connection with the same cookie
    req = urllib.request.Request(store.url + "cart", headers={"Cookie": f"shop_session={cookie.value}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        html = r.read().decode()
    assert "Court Sneakers" in html and 'class="cart-count">2<' in html
    # a different shopper has an empty cart
    assert "Your cart is empty" in Client(store.url).get("/cart").text


def test_cart_update_and_remove(make_store) -> None:  # type: ignore[no-untyped-def]
    _, client = make_store("good")
    client.post("/cart/add", {"product": "leather-belt", "size": "M", "colour": "Brown", "quantity": "1"})
    line = re.search(r'name="line" value="([^"]+)"', client.get("/cart").text).group(1)  # type: ignore[union-attr]
    html = client.post("/cart/update", {"line": line, "quantity": "3"}).text
    assert 'value="3"' in html and "$135.00" in html
    assert "Your cart is empty" in client.post("/cart/update", {"line": line, "quantity": "0"}).text


def test_sold_out_cannot_be_added(make_store) -> None:  # type: ignore[no-untyped-def]
    _, client = make_store("good")
    client.post("/cart/add", {"product": "wool-overcoat", "size": "M"})
    client.post("/cart/add", {"product": "wrap-dress", "size": "XS"})
    assert "Your cart is empty" in client.get("/cart").text


def test_guest_first(make_store) -> None:  # type: ignore[no-untyped-def]
    store, client = make_store("good")
    html = main_of(Checkout(store, client).to_entry())
    guest = html.index("Continue as guest")
    assert guest < html.index("Sign in")
    assert re.search(r'class="button button-primary button-block" href="/checkout/information">Continue as guest',
                     html)


def test_guest_secondary(make_store) -> None:  # type: ignore[no-untyped-def]
    store, client = make_store("good", guest_checkout="secondary")
    html = main_of(Checkout(store, client).to_entry())
    assert html.index('type="password"') < html.index("checkout as guest")
    assert "Continue as guest" not in html
    assert client.get("/checkout/information").url.endswith("/checkout/information")


def test_guest_absent(make_store) -> None:  # type: ignore[no-untyped-def]
    store, client = make_store("good", guest_checkout="absent")
    html = main_of(Checkout(store, client).to_entry()).lower()
    assert "guest" not in html and 'type="password"' in html and "required" in html
    assert client.get("/checkout/information").url.endswith("/checkout")
    reply = client.post("/account/login", {"email": "a@example.com", "password": "pw",
                                           "next": "/checkout/information"})
    assert reply.url.endswith("/checkout/information")


def test_shipping_step_shows_methods(make_store) -> None:  # type: ignore[no-untyped-def]
    store, client = make_store("good", shipping_costs="address")
    html = Checkout(store, client).fill_information()
    assert html.count('type="radio" name="shipping_method"') == 3 and "$12.95" in html


def test_place_order_counts_and_walk_never_does(make_store) -> None:  # type: ignore[no-untyped-def]
    store, client = make_store("good")
    review = Checkout(store, client).to_review()
    assert 'action="/checkout/place-order" method="post"' in review and "Place order" in review
    assert store.orders_placed == 0
    reply = client.post("/checkout/place-order", {})
    assert "Thank you for your order" in reply.text
    assert store.orders_placed == 1
    assert client.get("/__demo/state").json()["orders_placed"] == 1
    # an empty cart places nothing
    client.post("/checkout/place-order", {})
    assert store.orders_placed == 1


def test_checkout_steps_redirect_when_out_of_order(make_store) -> None:  # type: ignore[no-untyped-def]
    _, client = make_store("good")
    assert client.get("/checkout", follow=False).headers["Location"] == "/cart"
    client.post("/cart/add", {"product": "ceramic-vase"})
    assert client.get("/checkout/review", follow=False).headers["Location"] == "/checkout/information"
    assert client.get("/checkout/payment", follow=False).headers["Location"] == "/checkout/information"
    reply = client.get("/checkout/information")
    assert reply.headers["Cache-Control"] == "private, no-store"


def test_information_validation(make_store) -> None:  # type: ignore[no-untyped-def]
    store, client = make_store("good")
    Checkout(store, client).to_information()
    html = client.post("/checkout/information", {"email": "not-an-email"}).text
    assert "Enter a valid email address" in html and "Enter your full name." in html
