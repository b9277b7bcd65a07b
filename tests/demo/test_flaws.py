"""Each flaw switch changes what is served."""

from __future__ import annotations

import json
import re
import time

from uxaudit.demo import DemoStore

from .conftest import Client


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def json_ld(html: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


def test_slow_server(make_store) -> None:  # type: ignore[no-untyped-def]
    _, fast = make_store("good")
    _, slow = make_store("good", slow_server_ms=400)
    fast.get("/")
    begin = time.perf_counter()
    fast.get("/")
    quick = time.perf_counter() - begin
    begin = time.perf_counter()
    slow.get("/")
    assert time.perf_counter() - begin >= 0.4 > quick
    begin = time.perf_counter()
    slow.get("/robots.txt")
    assert time.perf_counter() - begin < 0.3  # only HTML is delayed


def test_heavy_images(make_store) -> None:  # type: ignore[no-untyped-def]
    _, client = make_store("good", heavy_images=True)
    body = client.get("/media/shirt-dress-1-400.jpg").body
    assert 1_000_000 <= len(body) <= 2_000_000
    html = client.get("/").text
    tags = re.findall(r"<img [^>]*src=\"/media/[^>]*>", html)
    assert tags and not any("width=" in t or "loading=" in t for t in tags)


def test_render_blocking(make_store) -> None:  # type: ignore[no-untyped-def]
    _, good = make_store("good")
    _, bad = make_store("good", render_blocking=True)
    head = bad.get("/").text.split("</head>")[0]
    assert '<link rel="stylesheet" href="/assets/theme-legacy.css">' in head
    assert '<script src="/assets/vendor-bundle.js"></script>' in head
    begin = time.perf_counter()
    reply = bad.get("/assets/vendor-bundle.js")
    assert time.perf_counter() - begin >= 0.55 and len(reply.body) > 100_000
    assert len(bad.get("/assets/theme-legacy.css").body) > 200_000
    assert "<script src=" not in good.get("/").text.split("</head>")[0]
    assert good.get("/assets/vendor-bundle.js").status == 404


def test_long_tasks_and_layout_shift(make_store) -> None:  # type: ignore[no-untyped-def]
    _, good = make_store("good")
    _, bad = make_store("good", long_tasks=True, layout_shift=True)
    html = bad.get("/").text
    assert "performance.now()-t<250" in html and "promo-banner" in html
    assert not re.search(r'<img src="/media/[^>]*width=', html)
    html = good.get("/").text
    assert "performance.now()-t<250" not in html and "promo-banner\";" not in html


def test_third_party_scripts(make_store) -> None:  # type: ignore[no-untyped-def]
    store, bad = make_store("good", third_party_scripts=True)
    _, good = make_store("good")
    html = bad.get("/").text
    third = re.findall(rf'src="(http://localhost:{store.port}/[^"]+)"', html)
    assert len(third) >= 3 and any(u.endswith(".js") for u in third)
    assert bad.get(third[0]).status == 200
    assert 'src="http://localhost' not in good.get("/").text  # analytics only after consent


def test_viewport_and_zoom(make_store) -> None:  # type: ignore[no-untyped-def]
    _, good = make_store("good")
    _, none = make_store("good", no_viewport_meta=True)
    _, locked = make_store("good", zoom_disabled=True)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in good.get("/").text
    assert 'name="viewport"' not in none.get("/").text
    assert "user-scalable=no" in locked.get("/").text and "maximum-scale=1" in locked.get("/").text


def test_mobile_css_flaws(make_store) -> None:  # type: ignore[no-untyped-def]
    _, good = make_store("good")
    _, bad = make_store("good", tiny_tap_targets=True, small_text=True, horizontal_overflow=True)
    good_css = good.get("/").text.split("</style>")[0]
    bad_css = bad.get("/").text.split("</style>")[0]
    assert "font-size:16px" in good_css and "min-height:48px" in good_css
    assert "body{font-size:11px" in bad_css
    assert "line-height:14px" in bad_css
    assert "width:700px" in bad_css and "width:700px" not in good_css


def test_thin_product_pages(make_store) -> None:  # type: ignore[no-untyped-def]
    _, client = make_store("good", thin_product_pages=True)
    html = main_of(client.get("/products/shirt-dress").text)
    assert len(re.findall(r'<img src="/media/shirt-dress-', html)) == 1
    for missing in ("organic cotton", "UX-DR-1001", "Size guide", "delivered by", "reviews", "/pages/returns",
                    "Description"):
        assert missing not in html, missing
    assert "Add to cart" in html and "$89.00" in html


def test_structured_data(make_store) -> None:  # type: ignore[no-untyped-def]
    _, full = make_store("good")
    _, partial = make_store("good", structured_data="partial")
    _, none = make_store("good", structured_data="none")
    product = next(d for d in json_ld(full.get("/products/shirt-dress").text) if d["@type"] == "Product")
    for key in ("name", "image", "description", "sku", "gtin13", "brand", "offers", "aggregateRating"):
        assert key in product, key
    offer = product["offers"]
    assert offer["price"] == "89.00" and offer["priceCurrency"] == "USD"
    assert offer["availability"] == "https://schema.org/InStock"
    assert "shippingDetails" in offer and offer["hasMerchantReturnPolicy"]["merchantReturnDays"] == 30
    assert len(product["image"]) == 5
    sold_out = json_ld(full.get("/products/wool-overcoat").text)[0]
    assert sold_out["offers"]["availability"] == "https://schema.org/OutOfStock"
    (part,) = json_ld(partial.get("/products/shirt-dress").text)
    assert set(part) == {"@context", "@type", "name", "offers"}
    assert json_ld(none.get("/products/shirt-dress").text) == []


def test_shipping_costs(make_store) -> None:  # type: ignore[no-untyped-def]
    texts = {}
    for mode in ("product", "cart", "address"):
        _, client = make_store("good", shipping_costs=mode)
        client.post("/cart/add", {"product": "ceramic-vase", "quantity": "1"})
        texts[mode] = (main_of(client.get("/products/ceramic-vase").text), main_of(client.get("/cart").text))
    assert "Shipping: $4.95, free over $75" in texts["product"][0]
    for mode in ("cart", "address"):
        assert "$4.95" not in texts[mode][0] and "free over" not in texts[mode][0]
    assert "$4.95" in texts["product"][1] and "$4.95" in texts["cart"][1] and "Estimate shipping" in texts["cart"][1]
    assert "Calculated at checkout" in texts["address"][1] and "$4.95" not in texts["address"][1]


def test_cookie_banner_and_trackers(make_store) -> None:  # type: ignore[no-untyped-def]
    _, fair = make_store("good")
    _, no_reject = make_store("good", cookie_banner="no_reject")
    _, none = make_store("good", cookie_banner="none")
    _, tracking = make_store("good", trackers_before_consent=True)
    html = fair.get("/").text
    assert "Accept all" in html and "Reject all" in html
    assert "/t/collect" not in html and '<script async src="http://localhost' not in html
    html = no_reject.get("/").text
    assert "Accept all cookies" in html and "Reject" not in html
    assert 'aria-label="Cookie consent"' not in none.get("/").text
    html = tracking.get("/").text
    assert "/t/collect" in html and "/t/analytics.js" in html.split("</head>")[0]
    assert tracking.get("/t/collect?e=x").headers["Content-Type"] == "image/gif"


def test_consent_cookie_hides_banner(make_store) -> None:  # type: ignore[no-untyped-def]
    store, _ = make_store("good")
    import urllib.request

    req = urllib.request.Request(store.url, headers={"Cookie": "cookie_consent=rejected"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert 'aria-label="Cookie consent"' not in r.read().decode()


def test_footer_links_and_newsletter(make_store) -> None:  # type: ignore[no-untyped-def]
    _, client = make_store("good", footer_policy_links=False, newsletter_popup=True)
    html = client.get("/").text
    footer = html[html.index("<footer"):]
    assert "/pages/returns" not in footer and "/pages/privacy" not in footer
    assert 'role="dialog" aria-modal="true"' in html and "No thanks" in html
    assert client.get("/pages/returns").status == 200  # still reachable, just not linked


def test_payment_options(make_store) -> None:  # type: ignore[no-untyped-def]
    full = Checkout(*make_store("good")).to_payment()
    cards = Checkout(*make_store("good", payment_options="cards_only")).to_payment()
    for name in ("PayPal", "Apple Pay", "Google Pay", "Klarna", "Visa"):
        assert f'alt="{name}"' in full
    for name in ("PayPal", "Apple Pay", "Google Pay", "Klarna"):
        assert name not in main_of(cards)
    assert 'alt="Visa"' in cards


def test_checkout_fields_and_autocomplete(make_store) -> None:  # type: ignore[no-untyped-def]
    def text_inputs(html: str) -> list[str]:
        form = main_of(html)
        tags = re.findall(r"<input [^>]*>", form) + re.findall(r"<textarea [^>]*>", form)
        return [t for t in tags if not re.search(r'type="(hidden|checkbox|radio)"', t)]

    few = Checkout(*make_store("good"))
    info = few.to_information()
    fields = text_inputs(info)
    assert len(fields) == 6  # five visible, plus the apartment line behind a disclosure
    assert all("autocomplete=" in t for t in fields)
    assert 'type="email"' in info and 'autocomplete="postal-code"' in info
    payment = few.to_payment()
    assert 'autocomplete="cc-number"' in payment and 'inputmode="numeric"' in payment
    assert len(text_inputs(payment)) == 3

    many = Checkout(*make_store("good", checkout_fields="many", autocomplete_attrs=False))
    info = many.to_information()
    fields = text_inputs(info)
    assert len(fields) >= 16
    assert not any("autocomplete=" in t for t in fields) and 'type="email"' not in info and 'type="tel"' not in info
    assert "Confirm email" in info and "Fax" in info and "Middle name" in info


class Checkout:
    """Walks a client through checkout up to a given step (never placing the order)."""

    def __init__(self, store: DemoStore, client: Client) -> None:
        self.store, self.client = store, client

    def to_entry(self) -> str:
        self.client.post("/cart/add", {"product": "shirt-dress", "size": "M", "colour": "Navy", "quantity": "1"})
        return self.client.get("/checkout").text

    def to_information(self) -> str:
        self.to_entry()
        if self.store.flaws.guest_checkout == "absent":
            self.client.post("/account/login", {"email": "a@example.com", "password": "pw",
                                                "next": "/checkout/information"})
        return self.client.get("/checkout/information").text

    def fill_information(self) -> str:
        html = self.to_information()
        data = {}
        for name in re.findall(r'name="([a-z_0-9]+)"[^>]*required', main_of(html)):
            data[name] = "Test"
        data.update({k: "shopper@example.com" for k in data if "email" in k})
        data.update({"country": "United States", "title": "Mx"})
        reply = self.client.post("/checkout/information", data)
        assert reply.url.endswith("/checkout/shipping"), reply.url
        return reply.text

    def to_payment(self) -> str:
        self.fill_information()
        reply = self.client.post("/checkout/shipping", {"shipping_method": "standard"})
        assert reply.url.endswith("/checkout/payment")
        return reply.text

    def to_review(self) -> str:
        self.to_payment()
        reply = self.client.post("/checkout/payment", {"payment_method": "card"})
        assert reply.url.endswith("/checkout/review")
        return reply.text
