"""Pages, status codes, content types, robots and sitemap of the good store."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from uxaudit.demo.catalogue import CATEGORIES, HELP_PAGES, PRODUCTS

from .conftest import Client


@pytest.fixture(scope="module")
def client(good) -> Client:  # type: ignore[no-untyped-def]
    return Client(good[1])


def test_catalogue_has_what_the_brief_asks() -> None:
    names = {p.name: p for p in PRODUCTS}
    assert len(PRODUCTS) >= 24 and len(CATEGORIES) >= 5
    assert names["Shirt Dress"].category == "dresses"
    assert names["Dress Shirt"].category == "shirts"
    assert {"Court Sneakers", "Canvas Low-Top Sneakers"} <= set(names)
    assert any(p.sold_out_sizes and p.in_stock for p in PRODUCTS)
    assert any(not p.in_stock for p in PRODUCTS)
    assert len({p.sku for p in PRODUCTS}) == len(PRODUCTS)
    assert all(re.fullmatch(r"UX-[A-Z]{2}-\d{4}", p.sku) for p in PRODUCTS)
    for p in PRODUCTS:  # valid EAN-13 check digits
        digits = [int(d) for d in p.gtin13]
        assert len(digits) == 13
        assert sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


@pytest.mark.parametrize("path", ["/", "/collections/dresses", "/products/shirt-dress", "/search?q=dress",
                                  "/cart", "/pages/shipping", "/pages/returns", "/pages/privacy",
                                  "/pages/terms", "/pages/contact", "/pages/faq"])
def test_html_pages(client: Client, path: str) -> None:
    reply = client.get(path)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert reply.headers["Cache-Control"]
    assert "<html lang=\"en\">" in reply.text


def test_unknown_paths_are_404(client: Client) -> None:
    for path in ("/nope", "/products/nope", "/collections/nope", "/pages/nope", "/media/nope.jpg"):
        reply = client.get(path)
        assert reply.status == 404, path
    assert "Page not found" in client.get("/nope").text


def test_home_has_header_nav_search_cart_and_featured(client: Client) -> None:
    html = client.get("/").text
    assert 'role="search"' in html and 'name="q"' in html
    for c in CATEGORIES:
        assert f'href="/collections/{c.slug}"' in html
    assert 'href="/cart"' in html and 'class="cart-count">0<' in html
    assert html.count('class="card"') >= 6
    assert "$" in html


def test_product_page_is_complete(client: Client) -> None:
    html = client.get("/products/shirt-dress").text
    assert len(re.findall(r'<img src="/media/shirt-dress-\d-720\.jpg"', html)) == 5
    assert 'action="/cart/add" method="post"' in html and "Add to cart" in html
    for text in ("100% organic cotton poplin", "UX-DR-1001", "Size guide", "Order today, delivered by",
                 "Shipping: $4.95, free over $75", "Customer reviews", "out of 5", 'href="/pages/returns"'):
        assert text in html, text
    assert '<option value="XS"' in html and "<option>Navy</option>" in html


def test_sold_out_size_and_product(client: Client) -> None:
    assert '<option value="XS" disabled>XS – sold out</option>' in client.get("/products/wrap-dress").text
    html = client.get("/products/wool-overcoat").text
    assert "Sold out" in html and "disabled>Sold out</button>" in html


def test_images_are_small_with_dimensions(client: Client) -> None:
    html = client.get("/").text
    for tag in re.findall(r"<img [^>]*src=\"/media/[^>]*>", html):
        assert 'width="' in tag and 'height="' in tag, tag
    assert 'loading="lazy"' in html
    reply = client.get("/media/shirt-dress-1-720.jpg")
    assert reply.status == 200 and reply.headers["Content-Type"] == "image/jpeg"
    assert reply.body[:2] == b"\xff\xd8"
    assert len(reply.body) <= 60_000
    assert "max-age" in reply.headers["Cache-Control"]


def test_payment_logo_and_favicon(client: Client) -> None:
    reply = client.get("/assets/payments/paypal.svg")
    assert reply.status == 200 and reply.headers["Content-Type"] == "image/svg+xml" and b"PayPal" in reply.body
    assert client.get("/favicon.ico").status == 200


def test_robots_txt(client: Client, good) -> None:  # type: ignore[no-untyped-def]
    reply = client.get("/robots.txt")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/plain")
    text = reply.text
    assert "User-agent: *" in text and "Allow: /" in text
    assert "Disallow: /checkout" in text and "Disallow: /cart" in text
    assert f"Sitemap: {good[1]}sitemap.xml" in text


def test_sitemap_lists_everything(client: Client, good) -> None:  # type: ignore[no-untyped-def]
    reply = client.get("/sitemap.xml")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.fromstring(reply.body).findall("s:url/s:loc", ns)]
    base = good[1]
    assert base in locs
    assert all(f"{base}collections/{c.slug}" in locs for c in CATEGORIES)
    assert all(f"{base}products/{p.slug}" in locs for p in PRODUCTS)
    assert all(f"{base}pages/{p.slug}" in locs for p in HELP_PAGES)
    for loc in locs[:5]:
        assert client.get(loc).status == 200


def test_policy_pages(client: Client) -> None:
    assert "30 days" in client.get("/pages/returns").text
    contact = client.get("/pages/contact").text
    assert 'href="tel:' in contact and 'href="mailto:' in contact and 'action="/pages/contact"' in contact
    assert "Thanks for your message" in client.post("/pages/contact", {"name": "A", "email": "a@example.com",
                                                                       "message": "hi"}).text


def test_footer_links_policies(client: Client) -> None:
    html = client.get("/").text
    footer = html[html.index("<footer"):]
    for slug in ("shipping", "returns", "privacy", "terms", "contact", "faq"):
        assert f'href="/pages/{slug}"' in footer


def test_head_and_wrong_method(client: Client) -> None:
    reply = client.request("/", method="HEAD")
    assert reply.status == 200 and reply.body == b""
    assert client.post("/", {}).status == 405


def test_no_auditor_hooks_in_markup(client: Client) -> None:
    for path in ("/", "/products/shirt-dress", "/cart", "/search?q=shirt"):
        assert "data-" not in client.get(path).text, path
