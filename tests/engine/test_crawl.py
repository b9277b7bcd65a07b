"""Discovery: link extraction, URL and content classification, sitemaps, candidate ranking."""

from __future__ import annotations

from uxaudit.crawl import (
    extract_links,
    kind_from_content,
    kind_from_url,
    policy_from_link,
    rank_candidates,
    sitemap_locations,
)
from uxaudit.evidence import Element, PageEvidence

ORIGIN = "https://shop.example"

HOME = """
<html><body>
<header><nav>
  <a href="/collections/dresses">Dresses</a><a href="/collections/shirts">Shirts</a>
  <a href="/cart">Cart (0)</a><a href="/account/login">Sign in</a><a href="https://other.example/x">Elsewhere</a>
</nav></header>
<main>
  <div class="card"><a href="/products/shirt-dress"><img src="a.jpg">Shirt Dress</a><span>$89.00</span></div>
  <div class="card"><a href="/shop/court-sneakers-p123">Court Sneakers</a><span>€120</span></div>
  <p>Read our <a href="/blog/story">story</a>.</p>
</main>
<footer><a href="/pages/shipping">Shipping</a><a href="/pages/returns">Returns &amp; refunds</a>
  <a href="/policies/privacy-policy">Privacy</a><a href="/pages/contact">Contact us</a></footer>
</body></html>
"""


def test_links_are_same_site_with_region_and_price_context() -> None:
    links = {link.url: link for link in extract_links(HOME, ORIGIN + "/", ORIGIN)}
    assert "https://other.example/x" not in links
    assert links[ORIGIN + "/collections/dresses"].region == "nav"
    assert links[ORIGIN + "/pages/returns"].region == "footer"
    assert links[ORIGIN + "/products/shirt-dress"].near_price
    assert not links[ORIGIN + "/blog/story"].near_price


def test_url_patterns_of_common_shop_software() -> None:
    assert kind_from_url("https://s.example/") == "home"
    assert kind_from_url("https://s.example/collections/dresses") == "category"
    assert kind_from_url("https://s.example/product-category/shoes/") == "category"
    assert kind_from_url("https://s.example/products/shirt-dress") == "product"
    assert kind_from_url("https://s.example/catalogue/oxford-shirt_12/") == "product"
    assert kind_from_url("https://s.example/basket/") == "cart"
    assert kind_from_url("https://s.example/checkout/shipping") == "checkout"
    assert kind_from_url("https://s.example/about-us") is None


def test_policy_pages_from_link_text_or_path() -> None:
    assert policy_from_link(ORIGIN + "/pages/x", "Returns & refunds") == "returns"
    assert policy_from_link(ORIGIN + "/policies/privacy-policy", "Legal") == "terms"
    assert policy_from_link(ORIGIN + "/policies/privacy-policy", "") == "privacy"
    assert policy_from_link(ORIGIN + "/products/tote", "Canvas Tote") is None


def test_candidates_put_categories_and_priced_cards_first() -> None:
    links = extract_links(HOME, ORIGIN + "/", ORIGIN)
    candidates = rank_candidates(links, [ORIGIN + "/products/from-sitemap"], {ORIGIN + "/"})
    assert [url for url, _ in candidates.categories] == [ORIGIN + "/collections/dresses", ORIGIN + "/collections/shirts"]
    product_urls = [url for url, _ in candidates.products]
    assert product_urls[:2] == [ORIGIN + "/products/shirt-dress", ORIGIN + "/shop/court-sneakers-p123"]
    assert product_urls[-1] == ORIGIN + "/products/from-sitemap"
    assert candidates.cart == ORIGIN + "/cart"
    assert set(candidates.policies) == {"shipping", "returns", "privacy", "contact"}
    assert all("/account/" not in url for url, _ in candidates.categories + candidates.products)


def _page(**fields: object) -> PageEvidence:
    return PageEvidence.model_validate({"id": "p-1-desktop", "url": ORIGIN + "/x", "final_url": ORIGIN + "/x",
                                        "kind": "other", "viewport": "desktop", "status": 200, **fields})


def test_content_classification_prefers_structured_data() -> None:
    page = _page(structured_data=[{"@type": "http://schema.org/Product", "name": "X"}])
    assert kind_from_content(page)[0] == "product"


def test_price_beside_add_to_cart_is_a_product_even_with_recently_viewed_cards() -> None:
    """django-oscar's product pages grow a 'recently viewed' strip of priced cards as a shopper browses."""
    button = Element(selector="form > button", tag="button", text="Add to basket")
    assert kind_from_content(_page(text="Oxford Shirt $45.00", interactive=[button]))[0] == "product"
    strip = "".join(f'<div><a href="/p/{i}">Item {i}</a> $1{i}.00</div>' for i in range(6))
    with_strip = _page(text="Oxford Shirt $45.00 $10.00 $11.00", html=f"<main>{strip}</main>", interactive=[button])
    assert kind_from_content(with_strip)[0] == "product"


def test_sitemap_index_and_urlset() -> None:
    index = b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
            b"<sitemap><loc>https://shop.example/sitemap-products.xml</loc></sitemap></sitemapindex>"
    assert sitemap_locations(index) == ([], ["https://shop.example/sitemap-products.xml"])
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://shop.example/a </loc>' \
             b"</url></urlset>"
    assert sitemap_locations(urlset) == (["https://shop.example/a"], [])
    assert sitemap_locations(b"not xml at all <") == ([], [])


def test_oscar_style_listing_with_add_buttons_on_every_card_is_not_a_product() -> None:
    """django-oscar's listings put an "Add to basket" button and a price in every card."""
    card = """
      <li><article class="product_pod">
        <div class="image_container"><a href="/catalogue/mug_{i}/"><img src="m.jpg" alt="Mug"></a></div>
        <h3>
            <a href="/catalogue/mug_{i}/" title="Mug">
                Mug {i}
            </a>
        </h3>
        <div class="product_price">
            <p class="price_color">£1{i}.00</p>
            <p class="availability">
                In stock
            </p>
            <form action="/basket/add/{i}/" method="post"><button type="submit">Add to basket</button></form>
        </div>
      </article></li>"""
    html = "<main><ol>" + "".join(card.format(i=i) for i in range(5)) + "</ol></main>"
    links = extract_links(html, ORIGIN + "/catalogue/category/home_6/", ORIGIN)
    assert all(link.near_price for link in links)
    buttons = [Element(selector=f"li:nth-of-type({i}) button", tag="button", text="Add to basket") for i in range(5)]
    listing = _page(text="Mug 0 £10.00 In stock Add to basket", html=html, interactive=buttons)
    assert kind_from_content(listing)[0] is None


def test_a_small_category_with_quick_add_buttons_stays_a_category() -> None:
    """Oscar's Shoes category: three cards, two in stock with 'Add to basket', one unavailable."""
    buttons = [Element(selector=f"li:nth-of-type({i}) button", tag="button", text="Add to basket") for i in range(2)]
    page = _page(text="Shoes £89.00 £65.00 £79.00", interactive=buttons,
                 final_url=ORIGIN + "/catalogue/category/shoes_4/")
    assert kind_from_content(page)[0] is None
