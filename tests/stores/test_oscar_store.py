"""The django-oscar test shop sets up, serves its pages and never places an order by itself."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytest.importorskip("oscar")

from tests.stores.oscar_store import OscarStore

pytestmark = pytest.mark.oscar


@pytest.fixture(scope="session")
def oscar(tmp_path_factory):
    store = OscarStore(tmp_path_factory.mktemp("oscar-store"))
    store.prepare()
    anon = store.start(anon_checkout=True)
    login_only = store.start(anon_checkout=False)
    yield store, anon, login_only
    store.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def browser(follow_redirects: bool = True, jar: http.cookiejar.CookieJar | None = None):
    """A cookie-keeping client: one jar per shopper (cookies are shared across the ports of a host)."""
    handlers: list = [urllib.request.HTTPCookieProcessor(jar if jar is not None else http.cookiejar.CookieJar())]
    if not follow_redirects:
        handlers.append(NoRedirect())
    return urllib.request.build_opener(*handlers)


def get(opener, url: str) -> tuple[int, str, str]:
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers.get("Location", url), exc.read().decode(errors="replace")


def add_to_basket(opener, base: str, product: dict) -> str:
    status, _, html = get(opener, urllib.parse.urljoin(base, product["url"]))
    assert status == 200
    form = re.search(r'<form[^>]*id="add_to_basket_form"[^>]*action="([^"]+)"(.*?)</form>', html, re.DOTALL)
    assert form, "product page has an add-to-basket form"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "quantity": "1"}).encode()
    with opener.open(urllib.request.Request(urllib.parse.urljoin(base, form.group(1)), data=data), timeout=30) as r:
        assert r.status == 200
        return r.read().decode()


def by_title(store: OscarStore, title: str) -> dict:
    return next(p for p in store.products() if p["title"] == title)


def test_seeded_catalogue(oscar):
    store, _, _ = oscar
    products = store.products()
    standalone = [p for p in products if p["structure"] == "standalone"]
    assert len(standalone) == 16
    assert {p["category"] for p in products} == {
        "Clothing > Dresses", "Clothing > Shirts", "Shoes", "Bags", "Home"}
    assert any(not p["in_stock"] for p in standalone) and any(p["low_stock"] for p in standalone)
    assert any("Shirt" in p["title"] for p in products) and any("Dress" in p["title"] for p in products)
    (parent,) = [p for p in products if p["structure"] == "parent"]
    assert [v["size"] for v in parent["variants"]] == ["S", "M", "L", "XL"]
    assert [v["in_stock"] for v in parent["variants"]] == [True, False, True, True]


def test_pages_answer(oscar):
    store, anon, _ = oscar
    client = browser()
    shirt = by_title(store, "Oxford Cotton Shirt")
    status, url, html = get(client, anon)
    assert status == 200 and url.endswith("/catalogue/")  # the home page redirects to all products
    assert html.count('class="product_pod"') == 17
    status, _, html = get(client, urllib.parse.urljoin(anon, shirt["category_url"]))
    assert status == 200 and "Oxford Cotton Shirt" in html and "<strong>4</strong> results" in html
    status, _, html = get(client, urllib.parse.urljoin(anon, shirt["url"]))
    assert status == 200 and "£35.00" in html and "Add to basket" in html
    image = re.search(r'<div class="carousel-item active">\s*<img src="([^"]+)"', html).group(1)
    with client.open(urllib.parse.urljoin(anon, image), timeout=30) as response:  # media served, DEBUG off
        assert response.status == 200 and response.headers["Content-Type"] == "image/jpeg"
    status, _, html = get(client, anon + "basket/")
    assert status == 200 and "Your basket is empty" in html


def test_every_seeded_product_page_matches_the_seed(oscar):
    store, anon, _ = oscar
    client = browser()
    for product in store.products():
        status, _, html = get(client, urllib.parse.urljoin(anon, product["url"]))
        assert status == 200, product["title"]
        assert f"<h1>{product['title']}</h1>" in html
        assert f"£{product['price']}" in html
        if product["structure"] == "standalone":
            assert ('id="add_to_basket_form"' in html) == product["in_stock"], product["title"]


def test_basket_and_guest_checkout_place_no_order(oscar):
    store, anon, _ = oscar
    client = browser()
    page = add_to_basket(client, anon, by_title(store, "Oxford Cotton Shirt"))
    assert "<strong>Oxford Cotton Shirt</strong> has been added to your basket." in page
    status, _, html = get(client, anon + "basket/")
    assert status == 200 and "Oxford Cotton Shirt" in html
    assert "Standard delivery (3-5 working days)" in html and "£4.95" in html and "£39.95" in html
    status, url, html = get(client, anon + "checkout/")
    assert status == 200 and url == anon + "checkout/"
    assert "Who are you?" in html and "I am a new customer and want to checkout as a guest" in html
    assert store.order_count() == 0


def test_checkout_needs_login_when_anon_checkout_is_off(oscar):
    store, _, login_only = oscar
    jar = http.cookiejar.CookieJar()
    add_to_basket(browser(jar=jar), login_only, by_title(store, "Denim Overshirt"))
    client = browser(follow_redirects=False, jar=jar)
    status, location, _ = get(client, login_only + "checkout/")
    assert status == 302 and location == "/accounts/login/?next=/checkout/"
    assert store.order_count() == 0


def test_search_finds_exact_titles_and_suggests_for_typos(oscar):
    _, anon, _ = oscar
    client = browser()
    status, _, html = get(client, anon + "search/?q=" + urllib.parse.quote("Oxford Cotton Shirt"))
    assert status == 200 and "Found <strong>1</strong> result." in html and "Oxford Cotton Shirt" in html
    status, _, html = get(client, anon + "search/?q=Shrt")
    assert status == 200 and "Found <strong>0</strong> results." in html
    assert 'Did you mean <a href="/search/?q=shirt">"shirt"</a>?' in html
