"""product-page: Product structured data and the visible content a shopper needs, without false alarms."""

from __future__ import annotations

from typing import Any

import pytest
from _build import evidence, image, page, target
from uxaudit.checks.product_page import CONTENT_ITEMS, ProductPage, best_product, structured_data_items

from uxaudit.evidence import Element, Image, PageEvidence

CHECK = ProductPage()
DESCRIPTION = ("A relaxed shirt that softens with every wear. Pearl buttons, a camp collar and a straight hem "
               "make it easy to wear tucked in or loose all summer, at the beach or in town.")
TEXT: dict[str, str] = {
    "title": "Summer camp shirt",
    "price": "£49.00",
    "sizes": "Size",
    "guide": "Size guide",
    "cart": "Add to basket",
    "delivery": "Order now and it arrives by Friday 14 June.",
    "returns": "Free 30-day returns",
    "description": DESCRIPTION,
    "material": "Composition: 100% linen.",
    "dimensions": "Weight: 180 g",
    "identifier": "SKU: LS-1001",
    "reviews": "4.5 out of 5 stars (12 reviews)",
}
PHOTOS = [image(f"div.gallery > img:nth-of-type({i})", f"https://shop.example/media/shirt-{i}.jpg", 400, 400,
                y=100 + i * 10) for i in range(1, 6)]
LOGO = image("header > a.brand > img", "https://shop.example/static/logo.svg", 160, 160)


def full_sd(**changes: Any) -> dict[str, Any]:
    sd: dict[str, Any] = {
        "@type": "Product", "name": "Washed linen shirt", "image": "https://shop.example/media/shirt-1.jpg",
        "sku": "LS-1001", "brand": {"@type": "Brand", "name": "Acme"},
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.5", "reviewCount": "12"},
        "offers": {"@type": "Offer", "price": "49.00", "priceCurrency": "GBP",
                   "availability": "https://schema.org/InStock",
                   "shippingDetails": {"@type": "OfferShippingDetails"},
                   "hasMerchantReturnPolicy": {"@type": "MerchantReturnPolicy"}},
    }
    sd.update(changes)
    return {k: v for k, v in sd.items() if v is not None}


def controls(drop: tuple[str, ...] = ()) -> list[Element]:
    els = [target("form.buy > button", 16, 700, 380, 48, tag="button", text="Add to basket"),
           target("a.size-guide", 16, 650, 100, 24, text="Size guide"),
           target("a.returns", 16, 760, 150, 24, text="Free 30-day returns", href="https://shop.example/returns/")]
    els += [target(f"div.sizes > button:nth-of-type({i})", 16 + i * 50, 600, 44, 44, tag="button", text=size)
            for i, size in enumerate(["S", "M", "L", "XL"], 1)]
    if "cart" in drop:
        els = [e for e in els if e.text != "Add to basket"]
    if "sizes" in drop:
        els = [e for e in els if e.text not in ("S", "M", "L", "XL")]
    if "guide" in drop:
        els = [e for e in els if e.text != "Size guide"]
    if "returns" in drop:
        els = [e for e in els if "returns" not in e.text]
    return els


def product(drop: tuple[str, ...] = (), sd: dict[str, Any] | None = None, images: list[Image] | None = None,
            extra_text: str = "", **fields: Any) -> PageEvidence:
    """A complete product page; ``drop`` removes parts of it by TEXT key."""
    text = "\n".join(v for k, v in TEXT.items() if k not in drop) + ("\n" + extra_text if extra_text else "")
    html = f"<html><body><main><h1>{TEXT['title']}</h1>" + (
        f"<p class='lead'>{DESCRIPTION}</p>" if "description" not in drop else "") + "</main></body></html>"
    data: dict[str, Any] = {
        "text": text, "html": html, "interactive": controls(drop),
        "images": [*PHOTOS, LOGO] if images is None else images,
        "structured_data": [full_sd()] if sd is None else [sd] if sd else [],
        "meta": {"lang": "en-GB"},
    }
    data.update(fields)
    return page("product", **data)


def findings_for(result_pages: PageEvidence | list[PageEvidence], **kw: Any) -> list[str]:
    pages = result_pages if isinstance(result_pages, list) else [result_pages]
    return [f.value or "" for f in CHECK.run(evidence(*pages, **kw)).findings]


def test_a_complete_product_page_passes_without_findings() -> None:
    result = CHECK.run(evidence(product()))
    assert result.findings == []
    assert result.score == 1.0 and result.status == "pass"
    rows = result.details["pages"]
    assert isinstance(rows, list) and rows[0]["images"] == 5 and rows[0]["score"] == 1.0


def test_no_product_page_is_not_applicable() -> None:
    result = CHECK.run(evidence(page("home"), page("category")))
    assert result.status == "n/a" and "no product pages" in (result.reason or "")


def test_a_page_that_is_not_recognisably_a_product_is_left_out() -> None:
    bare = page("product", text="Our story\nWe started in a garage.", meta={"lang": "en"})
    result = CHECK.run(evidence(bare))
    assert result.status == "n/a" and result.findings == []
    mixed = CHECK.run(evidence(bare, product()))
    assert mixed.score == 1.0 and "1 page not judged" in mixed.summary


# --- structured data -------------------------------------------------------------------------


def test_missing_product_structured_data_is_one_failing_finding() -> None:
    result = CHECK.run(evidence(product(sd={})))
    [f] = result.findings
    assert f.severity == "fail" and "no schema.org Product" in f.message and f.fix
    assert result.score == pytest.approx(0.6, abs=0.01)  # content 60 of 100, structured data 0


def test_a_missing_required_field_fails_and_a_recommended_one_warns() -> None:
    sd = full_sd(offers={"@type": "Offer", "priceCurrency": "GBP", "availability": "InStock"}, brand=None)
    result = CHECK.run(evidence(product(sd=sd, extra_text="Ships with free returns")))
    by_value = {f.value: f.severity for f in result.findings}
    assert by_value == {"missing: offers.price": "fail", "missing: shippingDetails": "warn",
                        "missing: hasMerchantReturnPolicy": "warn", "missing: brand": "warn"}
    # structured data (2·3 + 3) / 14 of 40 points, content all 60
    assert result.score == pytest.approx(0.4 * 9 / 14 + 0.6, abs=0.01)


def test_recommended_fields_missing_only_warn_and_do_not_cap() -> None:
    sd = full_sd(offers={"@type": "Offer", "price": 49, "priceCurrency": "GBP", "availability": "InStock",
                         "hasMerchantReturnPolicy": {"@type": "MerchantReturnPolicy"}})
    result = CHECK.run(evidence(product(sd=sd)))
    assert [(f.value, f.severity) for f in result.findings] == [("missing: shippingDetails", "warn")]
    assert result.score is not None and result.score >= 0.9 and result.status == "pass"


def test_type_urls_lists_offer_lists_and_aggregate_offers_are_understood() -> None:
    items = [
        {"@type": "http://schema.org/BreadcrumbList", "itemListElement": []},
        {"@type": ["http://schema.org/Product", "Thing"], "name": "Shirt", "image": [{"url": "https://x/1.jpg"}],
         "gtin13": "5012345678900", "brand": "Acme", "aggregateRating": {"ratingValue": 4},
         "hasMerchantReturnPolicy": {"returnPolicyCategory": "Finite"},
         "offers": [{"@type": "AggregateOffer", "lowPrice": "39", "priceCurrency": "EUR",
                     "availability": "InStock", "shippingDetails": [{"shippingRate": {}}]}]},
    ]
    found = best_product(items)
    assert found is not None and found["name"] == "Shirt"
    assert all(structured_data_items(found).values())


def test_price_in_a_price_specification_counts() -> None:
    sd = {"@type": "Product", "name": "x", "offers": {"priceSpecification": {"price": 5, "priceCurrency": "USD"}}}
    items = structured_data_items(sd)
    assert items["sd_price"] and items["sd_currency"]


# --- visible content -------------------------------------------------------------------------


def test_a_missing_visible_price_fails_and_quotes_the_structured_data() -> None:
    result = CHECK.run(evidence(product(drop=("price",))))
    [f] = result.findings
    assert f.severity == "fail" and "No price is shown" in f.message and "49.00 GBP" in f.message


def test_a_missing_add_to_cart_fails() -> None:
    [f] = CHECK.run(evidence(product(drop=("cart",), html=""))).findings
    assert f.severity == "fail" and f.value == "missing: an add-to-cart button"


def test_a_sold_out_product_needs_no_add_to_cart() -> None:
    assert findings_for(product(drop=("cart",), html="", extra_text="Sold out — notify me when it's back")) == []


def test_an_add_to_cart_button_found_only_in_the_html_counts() -> None:
    html = "<html><body><p class='x'>" + DESCRIPTION + "</p><form><input type='submit' value='Add to cart'></form>"
    assert findings_for(product(drop=("cart",), html=html)) == []


def test_no_sizes_means_no_size_guide_is_demanded() -> None:
    assert findings_for(product(drop=("sizes", "guide"))) == []


def test_sizes_without_a_guide_warn_and_name_the_size_control() -> None:
    select = Element(selector="select#id_size", tag="select", attributes={"name": "size"},
                     box={"x": 16, "y": 600, "width": 380, "height": 44})
    p = product(drop=("sizes", "guide"), interactive=[*controls(("sizes", "guide")), select])
    [f] = CHECK.run(evidence(p)).findings
    assert f.severity == "warn" and f.selector == "select#id_size" and f.box == select.box
    assert "offers sizes" in f.message


def test_letter_size_buttons_count_as_sizes() -> None:
    [f] = CHECK.run(evidence(product(drop=("guide",)))).findings
    assert f.value == "missing: a size guide" and f.selector == "div.sizes > button:nth-of-type(1)"


def test_sizes_in_a_select_of_the_html_count_as_sizes() -> None:
    html = ("<html><body><p>" + DESCRIPTION + "</p><select name='child_id'><option>Shirt (Size: S)</option>"
            "<option>Shirt (Size: M)</option></select></body></html>")
    assert findings_for(product(drop=("sizes", "guide"), html=html)) == ["missing: a size guide"]


@pytest.mark.parametrize(("count", "expected"), [(2, ["2 images"]), (4, ["4 images"]), (5, [])])
def test_image_thresholds(count: int, expected: list[str]) -> None:
    sd = full_sd(image=None)
    result = CHECK.run(evidence(product(sd=sd, images=[*PHOTOS[:count], LOGO])))
    assert [f.value for f in result.findings if f.value != "missing: image"] == (
        ["missing: at least 3 product images"] if count < 3 else expected)
    if count < 3:
        f = next(f for f in result.findings if f.value == "missing: at least 3 product images")
        assert f.severity == "fail" and f.selector == PHOTOS[0].selector and "Only 2 product images" in f.message
    elif count < 5:
        [f] = [f for f in result.findings if f.value == expected[0]]
        assert f.severity == "warn"


def test_logos_icons_and_other_products_are_not_product_photos() -> None:
    others = [LOGO,
              image("span.icon > img", "https://shop.example/static/truck.png", 24, 24),
              image("section.related-products img", "https://shop.example/media/other.jpg", 200, 200),
              image("div.gallery > img.dup", "https://shop.example/media/shirt-1.jpg?w=800", 400, 400)]
    p = product(images=[PHOTOS[0], *others], sd=full_sd(image=None))
    rows = CHECK.run(evidence(p)).details["pages"]
    assert isinstance(rows, list) and rows[0]["images"] == 1


def test_gallery_thumbnails_of_large_photos_count() -> None:
    thumbs = [image(f"ul.thumbs img:nth-of-type({i})", f"https://shop.example/media/p{i}.jpg", 64, 64,
                    natural=(800, 800)) for i in range(5)]
    assert findings_for(product(images=[PHOTOS[0], *thumbs])) == []


def test_structured_data_images_count_for_a_carousel_showing_one_slide() -> None:
    urls = [f"https://shop.example/media/shirt-{i}.jpg" for i in range(1, 6)]
    assert findings_for(product(images=[PHOTOS[0]], sd=full_sd(image=urls))) == []


def test_a_missing_description_fails() -> None:
    result = CHECK.run(evidence(product(drop=("description",))))
    assert [(f.value, f.severity) for f in result.findings] == [("missing: a product description", "fail")]


def test_a_description_in_a_named_container_counts() -> None:
    html = f"<html><body><div id='product_description'><span>{DESCRIPTION}</span></div></body></html>"
    assert findings_for(product(drop=("description",), html=html)) == []


def test_a_description_after_a_wrapped_heading_counts() -> None:
    # django-oscar: <div id="product_description"><h2>Product Description</h2></div><p>…</p>
    html = (f"<html><body><div class='sub-header'><h2>Product Description</h2></div><div>{DESCRIPTION}</div>"
            "<h2>Reviews</h2><p>x</p></body></html>")
    assert findings_for(product(drop=("description",), html=html)) == []


def test_a_short_description_is_a_warning_with_half_the_item() -> None:
    html = ("<html><body><h2>Description</h2><p>A sharp dress shirt with a cutaway collar. Non-iron finish.</p>"
            "<h2>Details</h2><dl><dt>Material</dt><dd>100% two-ply cotton twill, woven in Portugal from long-staple "
            "cotton, with mother-of-pearl buttons</dd></dl></body></html>")
    result = CHECK.run(evidence(product(drop=("description",), html=html)))
    [f] = result.findings
    assert f.severity == "warn" and "59 characters" in f.message
    rows = result.details["pages"]
    assert isinstance(rows, list) and rows[0]["content"]["description"] == 0.5


@pytest.mark.parametrize(("drop", "value"), [
    ("material", "missing: the material"),
    ("dimensions", "missing: dimensions or weight"),
    ("identifier", "missing: a SKU or model number"),
    ("delivery", "missing: a delivery date or estimate"),
])
def test_each_missing_detail_is_one_warning(drop: str, value: str) -> None:
    result = CHECK.run(evidence(product(drop=(drop,))))
    assert [(f.value, f.severity) for f in result.findings] == [(value, "warn")]
    assert result.score is not None and result.score >= 0.9


@pytest.mark.parametrize("phrase", ["Delivery in 3-5 business days", "Get it tomorrow", "Estimated delivery: 3 days",
                                    "Ships within 24 hours", "Delivered by Mon 3 June"])
def test_delivery_estimates_are_recognised(phrase: str) -> None:
    assert findings_for(product(drop=("delivery",), extra_text=phrase)) == []


def test_shipping_cost_alone_is_not_a_delivery_estimate() -> None:
    assert findings_for(product(drop=("delivery",), extra_text="Shipping: £4.95")) == [
        "missing: a delivery date or estimate"]


def test_a_book_is_not_asked_for_its_material() -> None:
    p = product(drop=("material", "sizes", "guide"), extra_text="Paperback, 320 pages. ISBN 9780141036144")
    assert findings_for(p) == []


def test_reviews_without_any_yet_are_not_a_flaw() -> None:
    p = product(drop=("reviews",), sd=full_sd(aggregateRating=None),
                extra_text="No reviews yet. Be the first to review this product.")
    assert [v for v in findings_for(p)] == ["missing: aggregateRating"]


def test_a_review_count_without_an_average_is_a_partial_warning() -> None:
    p = product(drop=("reviews",), sd=full_sd(aggregateRating=None), extra_text="12 reviews")
    result = CHECK.run(evidence(p))
    assert [f.value for f in result.findings] == ["missing: aggregateRating", "missing: an average rating"]
    assert {f.severity for f in result.findings} == {"warn"}


def test_no_reviews_at_all_warns() -> None:
    p = product(drop=("reviews",), sd=full_sd(aggregateRating=None))
    assert "missing: reviews with an average rating and a count" in findings_for(p)


def test_the_sites_return_policy_link_counts() -> None:
    policy = target("footer a:nth-of-type(3)", 0, 2000, 120, 30, text="Help", href="https://shop.example/help/rp")
    p = product(drop=("returns",), interactive=[*controls(("returns",)), policy])
    assert findings_for(p, policy_links={"returns": "https://shop.example/help/rp"}) == []
    assert findings_for(p) == ["missing: a link to the return policy"]


def test_a_page_in_a_language_without_vocabulary_is_judged_on_neutral_items_only() -> None:
    p = product(text="Leinenhemd\n49,00 €\nIn den Warenkorb", meta={"lang": "de"}, html="")
    result = CHECK.run(evidence(p))
    assert result.findings == [] and result.score == 1.0
    rows = result.details["pages"]
    assert isinstance(rows, list) and set(rows[0]["content"]) == {"price", "images"}


def test_score_is_the_mean_over_product_pages_with_the_most_missing_in_the_summary() -> None:
    result = CHECK.run(evidence(product(), product(drop=("delivery", "returns"))))
    weight = sum(CONTENT_ITEMS[k] for k in CONTENT_ITEMS)
    second = 0.4 + 0.6 * (weight - 2) / weight
    assert result.score == pytest.approx((1 + second) / 2, abs=0.01)
    assert "a delivery date or estimate (1 page)" in result.summary


def test_findings_name_the_page_viewport_and_screenshot() -> None:
    p = product(drop=("identifier",), viewport="desktop")
    [f] = CHECK.run(evidence(p)).findings
    assert f.url == p.final_url and f.viewport == "desktop" and f.screenshot == "shots/product.png" and f.fix
