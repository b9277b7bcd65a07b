"""Machine-readable parts of the shop: JSON-LD, robots.txt and sitemap.xml."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from .catalogue import (
    CATEGORIES,
    CATEGORY_BY_SLUG,
    CURRENCY,
    FREE_SHIPPING_OVER_CENTS,
    HELP_PAGES,
    PRODUCTS,
    STANDARD_SHIPPING_CENTS,
    Product,
)
from .flaws import Flaws
from .images import GALLERY_COUNT, GALLERY_SIZE

SCHEMA = "https://schema.org"


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def product_json_ld(product: Product, flaws: Flaws, base: str) -> list[dict[str, Any]]:
    """Product (and breadcrumb) JSON-LD for one product page, as the ``structured_data`` flaw allows."""
    url = f"{base}products/{product.slug}"
    if flaws.structured_data == "none":
        return []
    if flaws.structured_data == "partial":
        return [{
            "@context": SCHEMA,
            "@type": "Product",
            "name": product.name,
            "offers": {"@type": "Offer", "price": _money(product.price_cents), "priceCurrency": CURRENCY},
        }]
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": url,
        "price": _money(product.price_cents),
        "priceCurrency": CURRENCY,
        "availability": f"{SCHEMA}/{'InStock' if product.in_stock else 'OutOfStock'}",
        "itemCondition": f"{SCHEMA}/NewCondition",
        "hasMerchantReturnPolicy": {
            "@type": "MerchantReturnPolicy",
            "applicableCountry": "US",
            "returnPolicyCategory": f"{SCHEMA}/MerchantReturnFiniteReturnWindow",
            "merchantReturnDays": 30,
            "returnMethod": f"{SCHEMA}/ReturnByMail",
            "returnFees": f"{SCHEMA}/FreeReturn",
        },
    }
    if flaws.shipping_costs == "product":
        free = product.price_cents >= FREE_SHIPPING_OVER_CENTS
        offer["shippingDetails"] = {
            "@type": "OfferShippingDetails",
            "shippingRate": {"@type": "MonetaryAmount", "value": "0.00" if free else _money(STANDARD_SHIPPING_CENTS),
                             "currency": CURRENCY},
            "shippingDestination": {"@type": "DefinedRegion", "addressCountry": "US"},
            "deliveryTime": {
                "@type": "ShippingDeliveryTime",
                "handlingTime": {"@type": "QuantitativeValue", "minValue": 0, "maxValue": 1, "unitCode": "DAY"},
                "transitTime": {"@type": "QuantitativeValue", "minValue": 2, "maxValue": 4, "unitCode": "DAY"},
            },
        }
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.name,
        "image": [f"{base}media/{product.slug}-{n}-{GALLERY_SIZE}.jpg" for n in range(1, GALLERY_COUNT + 1)],
        "description": product.description,
        "sku": product.sku,
        "gtin13": product.gtin13,
        "brand": {"@type": "Brand", "name": product.brand},
        "material": product.material,
        "offers": offer,
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": product.rating,
                            "reviewCount": product.review_count, "bestRating": 5},
    }
    if product.colours:
        data["color"] = product.colours[0]
    if product.sizes:
        data["size"] = list(product.sizes)
    category = CATEGORY_BY_SLUG[product.category]
    crumbs = {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": base},
            {"@type": "ListItem", "position": 2, "name": category.name, "item": f"{base}collections/{category.slug}"},
            {"@type": "ListItem", "position": 3, "name": product.name, "item": url},
        ],
    }
    return [data, crumbs]


def home_json_ld(shop: str, flaws: Flaws, base: str) -> list[dict[str, Any]]:
    """Organization and WebSite (with a SearchAction) for the home page."""
    if flaws.structured_data != "full":
        return []
    site: dict[str, Any] = {"@context": SCHEMA, "@type": "WebSite", "name": shop, "url": base}
    if flaws.search_box != "none":
        site["potentialAction"] = {"@type": "SearchAction", "target": f"{base}search?q={{search_term_string}}",
                                   "query-input": "required name=search_term_string"}
    org: dict[str, Any] = {"@context": SCHEMA, "@type": "Organization", "name": shop, "url": base}
    if flaws.contact_channels == "full":
        org["contactPoint"] = {"@type": "ContactPoint", "telephone": "+1-503-555-0147",
                               "contactType": "customer service"}
    return [org, site]


def robots_txt(base: str) -> str:
    return (
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /cart\n"
        "Disallow: /checkout\n"
        "Disallow: /account\n"
        "Disallow: /__demo/\n"
        f"\nSitemap: {base}sitemap.xml\n"
    )


def sitemap_urls(base: str) -> list[str]:
    urls = [base]
    urls += [f"{base}collections/{c.slug}" for c in CATEGORIES]
    urls += [f"{base}products/{p.slug}" for p in PRODUCTS]
    urls += [f"{base}pages/{p.slug}" for p in HELP_PAGES]
    return urls


def sitemap_xml(base: str) -> str:
    entries = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in sitemap_urls(base))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )
