"""product-page: the structured data and the visible content a shopper needs to decide.

Each product page is judged in two parts. Structured data (``SD_WEIGHT``): a schema.org
``Product`` with Google's required merchant-listing fields (each weighs 2) and its
recommended ones (each weighs 1). Visible content (``CONTENT_WEIGHT``): price, add to cart,
product images, description and the details of ``CONTENT_ITEMS``, each with its weight,
detected from visible text, interactive elements and images. An item that does not apply
(no size guide without sizes, no material for a book, no add to cart when sold out) is
left out of the share rather than counted missing. The check's score is the mean over
product pages.

The English text patterns live together in ``VOCABULARIES``; a page in a language with no
vocabulary is judged on language-neutral items only (structured data, price, images).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.element import Tag

from uxaudit.check import Check, Finding, Source, Verdict
from uxaudit.evidence import Element, Image, PageEvidence, ViewportEvidence

from ._pages import finding, page_url, plural

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Product pages give shoppers what they need"
FAILURE_TITLE = "Product pages leave shoppers guessing"
DESCRIPTION = (
    "A product page has to answer a shopper's questions (price, photos, description, material, size, "
    "delivery date, reviews, returns) and describe the product to search engines with schema.org Product "
    "structured data."
)
FIX = (
    "Complete the product template once: Product structured data with offers, and visible price, add to "
    "cart, five or more photos, a description, specifications, delivery estimate, reviews and a returns link."
)
LABELS: dict[str, str] = {
    "sd_name": "name", "sd_image": "image", "sd_price": "offers.price", "sd_currency": "offers.priceCurrency",
    "sd_availability": "offers.availability", "sd_shipping": "shippingDetails",
    "sd_returns": "hasMerchantReturnPolicy", "sd_rating": "aggregateRating", "sd_identifier": "gtin, mpn or sku",
    "sd_brand": "brand",
    "price": "a visible price", "add_to_cart": "an add-to-cart button", "images": "at least 3 product images",
    "description": "a product description", "material": "the material", "dimensions": "dimensions or weight",
    "identifier": "a SKU or model number", "size_guide": "a size guide", "delivery": "a delivery date or estimate",
    "reviews": "reviews with an average rating and a count", "returns": "a link to the return policy",
}
MSG_NO_PRODUCT_SD = ("This product page has no schema.org Product structured data (JSON-LD or microdata), so search "
                     "engines can't show its price, availability or rating.")
FIX_NO_PRODUCT_SD = ("Add a JSON-LD Product with name, image and offers (price, priceCurrency, availability), plus "
                     "brand, gtin/sku, aggregateRating, shippingDetails and hasMerchantReturnPolicy.")
MSG_SD_REQUIRED = "The Product structured data lacks {label}, which Google requires for merchant listings."
MSG_SD_RECOMMENDED = "The Product structured data lacks {label}, which Google recommends for merchant listings."
FIX_SD = "Add {label} to the page's Product structured data."
MSG_MISSING: dict[str, str] = {
    "price": "No price is shown on this product page{sd_price}.",
    "add_to_cart": "No add-to-cart button was found on this product page, and it doesn't say the product is sold out.",
    "images": "Only {count} product image{s} shown; shoppers need at least 3 (5 or more for most products).",
    "description": "No product description of {min_chars} characters or more was found.",
    "material": "The page doesn't say what the product is made of.",
    "dimensions": "The page gives no dimensions or weight.",
    "identifier": "No SKU, model or item number is shown.",
    "size_guide": "The page offers sizes ({control}) but no size guide or chart.",
    "delivery": "No delivery date or estimate is shown (e.g. \"arrives by Friday\", \"delivery in 2–4 days\").",
    "reviews": "No customer reviews, average rating or review count is shown.",
    "returns": "No link to the return policy or mention of returns on this product page.",
}
SD_PRICE_HINT = " (the structured data says {price})"
MSG_SHORT_DESCRIPTION = ("The product description is {chars} characters long; a few sentences ({min_chars}+ "
                         "characters) tell shoppers what the product is, who it's for and why it's different.")
MSG_FEW_IMAGES = "{count} product images shown; 5 or more show the product well (Baymard: most products need 5)."
MSG_REVIEWS_PARTIAL = "Reviews show {has} but not {lacks}."
REVIEW_PARTS = {"average": "an average rating", "count": "a review count"}
FIXES: dict[str, str] = {
    "price": "Show the price, with its currency, next to the add-to-cart button.",
    "add_to_cart": "Show an add-to-cart button near the price, or say clearly when the product is unavailable.",
    "images": "Show at least 5 photos: the whole product, details, in use and in scale.",
    "description": "Write a description of a few sentences: what it is, who it's for and what makes it different.",
    "material": "State the material or composition (e.g. \"100% cotton\", \"solid oak\").",
    "dimensions": "List the dimensions and weight, with units.",
    "identifier": "Show the SKU or model number so shoppers can compare and ask about it.",
    "size_guide": "Link a size chart with measurements next to the size selector.",
    "delivery": "Show an estimated delivery date (or days) near the add-to-cart button.",
    "reviews": "Show the average rating and the number of reviews near the product title, linking to the reviews.",
    "returns": "Link the return policy (and the return window) near the add-to-cart button.",
}
SUMMARY = "Product pages score {score:.0f}/100 over {pages}."
SUMMARY_MISSING = " Most often missing: {items}."
SUMMARY_SKIPPED = " {skipped} not judged (no price, add to cart or Product data: maybe not a product page)."
SKIPPED_REASON = "no Product structured data, visible price or add-to-cart button: not recognisably a product page"
NONE_JUDGED = "none of the product pages showed a price, an add-to-cart button or Product structured data"


# --- text patterns (one vocabulary per language) -----------------------------------------------

_DAYS = r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
           r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")


@dataclass(frozen=True)
class Vocabulary:
    """Text patterns for one language; all are searched case-insensitively."""

    add_to_cart: str
    unavailable: str
    material: str
    dimensions: str
    identifier: str
    size_word: str
    size_guide: str
    delivery: str
    review_average: str
    review_count: str
    review_none: str
    returns: str
    description_heading: str
    returns_link: str
    returns_path: str
    digital: str
    media: str

    def search(self, name: str, text: str) -> re.Match[str] | None:
        pattern: str = getattr(self, name)
        return re.search(pattern, text, re.IGNORECASE)


VOCABULARIES: dict[str, Vocabulary] = {
    "en": Vocabulary(
        add_to_cart=(r"\b(?:add(?:ing)? to (?:the )?(?:shopping )?(?:cart|bag|basket|trolley|order)|buy (?:it )?now|"
                     r"pre-?order(?: now)?|purchase now)\b"),
        unavailable=(r"\b(?:out of stock|sold out|(?:currently )?unavailable|not available(?: for purchase)?|"
                     r"notify me|email me when|back in stock|discontinued|no longer available)\b"),
        material=(r"\b(?:materials?|fabrics?|composition|made (?:of|from|with)|cotton|wool|merino|leather|polyester|"
                  r"linen|silk|nylon|cashmere|denim|viscose|elastane|spandex|lyocell|wood(?:en)?|oak|walnut|pine|"
                  r"steel|stainless|alumini?um|brass|copper|ceramic|porcelain|glass|plastic|bamboo|rubber|suede|"
                  r"acrylic|canvas|marble|concrete|rattan|velvet|fleece|recycled)\b"),
        dimensions=(r"\b(?:dimensions?|measurements?|weight|weighs|width|height|depth|length)\b|"
                    r"\d+(?:[.,]\d+)?\s?(?:x|×)\s?\d+(?:[.,]\d+)?|"
                    r"\b\d+(?:[.,]\d+)?\s?(?:mm|cm|m|in\.|inch(?:es)?|ft|feet|kg|g|lbs?|oz|ml|cl|l|litres?|liters?)\b"),
        identifier=(r"\b(?:sku|item\s?(?:no\.?|number|#|code)|article\s?(?:no\.?|number)|model(?:\s?(?:no\.?|number|#))?|"
                    r"mpn|upc|ean|gtin|isbn(?:-1[03])?|part\s?(?:no\.?|number)|product\s?(?:code|id|no\.?|number)|"
                    r"style\s?(?:no\.?|number|#|code)|ref(?:erence)?\.?(?:\s?(?:no\.?|number|#))?)"
                    r"\s*[:#.]?\s*(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{2,}"),
        size_word=r"(?:^|[^a-z])sizes?(?:$|[^a-z])",
        size_guide=(r"\b(?:size (?:guide|chart|table|help|finder|conversion)|sizing(?: guide| chart| info(?:rmation)?| help)?|"
                    r"fit guide|find (?:my|your) size|what'?s my size|measurement guide|how to measure)\b"),
        delivery=(r"\b(?:deliver(?:y|ed|s)?|arriv(?:e|es|al|ing)|get it|dispatch(?:ed|es)?|ships?|shipped|shipping)\b"
                  r"[^\n]{0,60}?(?:\b\d+\s?(?:-|–|to)\s?\d+\s?(?:business |working )?(?:days?|weeks?)\b|"
                  r"\b\d+\s?(?:business |working )?days?\b|\btomorrow\b|\btoday\b|\bnext[- ]day\b|"
                  rf"\b(?:{_DAYS})\b|\b(?:{_MONTHS})\.?\s\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{_MONTHS})\b|"
                  r"\bwithin \d+\s?h(?:ours?)?\b)|"
                  r"\b(?:next[- ]day|same[- ]day|express) delivery\b|\bestimated (?:delivery|arrival)\b"),
        review_average=(r"\b[0-5](?:[.,]\d{1,2})?\s?(?:/\s?5|out of 5|stars?)\b|\brated \d(?:[.,]\d)?\b|"
                        r"\baverage rating\b"),
        review_count=(r"\b\d[\d,.]*\s(?:customer\s|verified\s|product\s)?(?:reviews?|ratings?)\b|"
                      r"\b(?:number of )?reviews?\s?[:(]\s?\d+"),
        review_none=(r"\b(?:no (?:customer )?reviews(?: yet)?|not have any reviews|be the first to (?:review|write)|"
                     r"write (?:a|the first) review)\b"),
        returns=(r"\b(?:free returns?|\d+[- ]days? (?:free )?returns?|returns? polic(?:y|ies)|easy returns|"
                 r"returns? (?:within|accepted)|returns? (?:&|and) (?:refunds?|exchanges?)|refund polic(?:y|ies))\b"),
        description_heading=(r"^(?:product )?description$|^about (?:this|the) (?:product|item)$|^overview$|"
                             r"^product (?:details|information)$"),
        returns_link=r"\b(?:returns?|refunds?|exchanges?)\b",
        returns_path=r"return|refund|exchange",
        digital=(r"\b(?:instant download|digital download|download now|e-?book|licen[cs]e key|gift ?card|"
                 r"subscription|e-?voucher)\b"),
        media=r"\b(?:isbn|paperback|hardcover|hardback|audiobook|e-?book|vinyl|blu-?ray|dvd|cd)\b",
    ),
}
DEFAULT_LANGUAGE = "en"
# Language-neutral: a currency symbol or ISO code next to a number.
_CURRENCY = (r"(?:[$€£¥₹₩₽₺₪₫฿₱]|\b(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|"
             r"SGD|HKD)\b|\bkr\b|\bzł)")
_NUMBER = r"\d{1,3}(?:[.,\s\u00a0]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
PRICE = re.compile(rf"{_CURRENCY}\s?(?:{_NUMBER})|(?:{_NUMBER})\s?{_CURRENCY}")
LETTER_SIZES = re.compile(r"^(?:XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL)$", re.IGNORECASE)

# --- weights --------------------------------------------------------------------------------

# Structured data decides how the product appears in search and shopping results; the visible
# content decides whether a shopper who arrived buys, so it weighs more.
SD_WEIGHT = 40.0
CONTENT_WEIGHT = 60.0
SD_REQUIRED: tuple[str, ...] = ("sd_name", "sd_image", "sd_price", "sd_currency")
SD_RECOMMENDED: tuple[str, ...] = ("sd_availability", "sd_shipping", "sd_returns", "sd_rating", "sd_identifier",
                                   "sd_brand")
SD_REQUIRED_WEIGHT = 2.0
"""Google requires these for merchant listings: twice a recommended field."""
SD_RECOMMENDED_WEIGHT = 1.0
# Price and add to cart are the decision itself; images and description the main evidence
# (Baymard: most products need 5+ images); the rest answer one question each.
CONTENT_ITEMS: dict[str, float] = {
    "price": 3, "add_to_cart": 3, "images": 2, "description": 2, "material": 1, "dimensions": 1,
    "identifier": 1, "size_guide": 1, "delivery": 1, "reviews": 1, "returns": 1,
}
FAIL_ITEMS = frozenset({"price", "add_to_cart", "images", "description"})
"""Missing one of these fails; the others are warnings (they don't cap the score)."""
LANGUAGE_NEUTRAL = frozenset({"price", "images"})
MIN_IMAGES = 3
GOOD_IMAGES = 5
FEW_IMAGES_SCORE = 0.5
"""Score of the images item with 3-4 images."""
PRODUCT_IMAGE_PX = 150.0
"""Rendered size (shorter side) from which an image counts as a product photo."""
THUMBNAIL_PX = 40.0
"""Gallery thumbnails count when rendered this big from a photo at least PRODUCT_IMAGE_PX large."""
DESCRIPTION_CHARS = 150
SHORT_DESCRIPTION_CHARS = 40
"""A description this long but under DESCRIPTION_CHARS is short: a warning and half the item's score."""
SHORT_DESCRIPTION_SCORE = 0.5
FURNITURE = re.compile(r"cookie|consent|gdpr|banner|newsletter|modal", re.IGNORECASE)
HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "dt", "summary", "button"]
PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "IndividualProduct", "ProductModel", "SomeProducts"})
IDENTIFIER_KEYS = ("sku", "gtin", "gtin8", "gtin12", "gtin13", "gtin14", "mpn", "isbn", "productID")
NOT_PRODUCT_IMAGE = re.compile(
    r"logo|icon|sprite|badge|payment|flag|avatar|placeholder|not[-_]?found|no[-_]?image|spinner|loader|"
    r"rating|stars?\b|social|banner", re.IGNORECASE)
OTHER_PRODUCTS = re.compile(r"related|recommend|upsell|up-sell|cross-?sell|also|recent|similar|you-may",
                            re.IGNORECASE)


@dataclass
class PageJudgement:
    sd: dict[str, bool] = field(default_factory=dict)
    content: dict[str, float] = field(default_factory=dict)
    """Item → score 0-1, only for items that apply."""
    findings: list[Finding] = field(default_factory=list)
    row: dict[str, object] = field(default_factory=dict)
    score: float | None = None


class ProductPage(Check):
    id = "product-page"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "product"
    # The product category's only built-in check: it carries the whole category.
    weight = 1.0
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="Google Search Central: merchant listing (Product) structured data",
               url="https://developers.google.com/search/docs/appearance/structured-data/merchant-listing",
               figure="required: name, image, offers.price, offers.priceCurrency; recommended: availability, "
                      "shippingDetails, hasMerchantReturnPolicy, aggregateRating, gtin/mpn/sku, brand"),
        Source(title="Baymard Institute: product page UX research",
               url="https://baymard.com/research/product-page",
               figure="most product types need at least 5 images; 82% of apparel sites give insufficient sizing "
                      "information; 35% show shipping speed instead of a delivery date; 28% lack an in-scale image"),
        Source(title="Baymard Institute: shipping costs on the product page",
               figure="64% of shoppers look for shipping costs on the product page; 43% of sites show none there"),
    )
    requires = ("pages:product",)
    viewports = ("mobile", "desktop")

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        rows: list[dict[str, object]] = []
        findings: list[Finding] = []
        scores: list[float] = []
        missing: Counter[str] = Counter()
        skipped = 0
        for page in evidence.pages_of_kind("product"):
            judged = judge_page(page, evidence.site.policy_links.get("returns"))
            rows.append(judged.row)
            if judged.score is None:
                skipped += 1
                continue
            scores.append(judged.score)
            findings.extend(judged.findings)
            missing.update(k for k, v in judged.content.items() if v < 1.0)
            missing.update(k for k, v in judged.sd.items() if not v)
        if not scores:
            return Verdict.not_applicable(NONE_JUDGED)
        score = sum(scores) / len(scores)
        summary = SUMMARY.format(score=score * 100, pages=plural(len(scores), "page"))
        if missing:
            summary += SUMMARY_MISSING.format(items=", ".join(
                f"{LABELS[k]} ({plural(n, 'page')})" for k, n in missing.most_common(4)))
        if skipped:
            summary += SUMMARY_SKIPPED.format(skipped=plural(skipped, "page"))
        details: dict[str, object] = {"pages": rows, "weights": {"structured_data": SD_WEIGHT,
                                                                  "content": CONTENT_WEIGHT, **CONTENT_ITEMS}}
        return Verdict(score=score, findings=findings, summary=summary, details=details)


# --- one page ---------------------------------------------------------------------------------


def judge_page(page: PageEvidence, returns_url: str | None = None) -> PageJudgement:
    """Judge one product page; ``score`` stays None when it isn't recognisably a product page."""
    out = PageJudgement(row={"url": page_url(page)})
    lang = (page.meta.lang or DEFAULT_LANGUAGE).split("-")[0].lower()
    vocab = VOCABULARIES.get(lang)
    product = best_product(page.structured_data)
    soup = BeautifulSoup(page.html, "lxml") if page.html else None
    controls = _controls(page, soup)

    price = PRICE.search(page.text)
    cart = _find_control(controls, vocab.add_to_cart) if vocab else None
    if product is None and price is None and cart is None:
        out.row.update(skipped=SKIPPED_REASON)
        return out

    _judge_structured_data(page, product, out)
    text = page.text
    out.content["price"] = 1.0 if price else 0.0
    if not price:
        marked_up = [str(v) for v in (_offer_value(product, "price"), _offer_value(product, "priceCurrency"))
                     if v is not None]
        hint = SD_PRICE_HINT.format(price=" ".join(marked_up)) if marked_up else ""
        out.findings.append(_missing(page, "price", sd_price=hint))
    _judge_images(page, product, out)

    if vocab is not None:
        sold_out = vocab.search("unavailable", text) is not None
        if cart is not None:
            out.content["add_to_cart"] = 1.0
        elif not sold_out:
            out.content["add_to_cart"] = 0.0
            out.findings.append(_missing(page, "add_to_cart"))
        out.row["sold_out"] = sold_out and cart is None
        _judge_text_items(page, vocab, soup, controls, product, returns_url, out)
    else:
        out.row["language"] = f"{lang}: no vocabulary, judged on structured data, price and images only"

    out.row.update(structured_data=dict(out.sd), content={k: round(v, 2) for k, v in out.content.items()})
    sd_share = _share([(1.0 if ok else 0.0, _sd_weight(k)) for k, ok in out.sd.items()])
    content_share = _share([(v, CONTENT_ITEMS[k]) for k, v in out.content.items()])
    out.score = (SD_WEIGHT * sd_share + CONTENT_WEIGHT * content_share) / (SD_WEIGHT + CONTENT_WEIGHT)
    out.row.update(sd_score=round(sd_share, 2), content_score=round(content_share, 2), score=round(out.score, 2))
    return out


def _share(parts: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in parts)
    return sum(s * w for s, w in parts) / total if total else 0.0


def _sd_weight(key: str) -> float:
    return SD_REQUIRED_WEIGHT if key in SD_REQUIRED else SD_RECOMMENDED_WEIGHT


def _missing(page: PageEvidence, item: str, element: Element | Image | None = None, **values: object) -> Finding:
    """The finding for an item the page lacks: failing for the essentials, a warning otherwise."""
    return finding(page, MSG_MISSING[item].format(**values), fix=FIXES[item],
                   selector=element.selector if element else None, box=element.box if element else None,
                   value=f"missing: {LABELS[item]}", severity="fail" if item in FAIL_ITEMS else "warn")


# --- structured data -------------------------------------------------------------------------


def _types(item: dict[str, Any]) -> set[str]:
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/#]", v)[-1] for v in values if isinstance(v, str)}


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _offers(product: dict[str, Any]) -> list[dict[str, Any]]:
    """The product's offers, its variants' offers and their price specifications."""
    offers = [o for o in _as_list(product.get("offers")) if isinstance(o, dict)]
    for variant in _as_list(product.get("hasVariant")):
        if isinstance(variant, dict):
            offers.extend(o for o in _as_list(variant.get("offers")) if isinstance(o, dict))
    specs = [s for o in offers for s in _as_list(o.get("priceSpecification")) if isinstance(s, dict)]
    return offers + specs


def _offer_value(product: dict[str, Any] | None, key: str) -> Any:
    if product is None:
        return None
    alternatives = {"price": ("price", "lowPrice")}.get(key, (key,))
    for offer in _offers(product):
        for alt in alternatives:
            if _present(offer.get(alt)):
                return offer[alt]
    return None


def best_product(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's main Product: the most complete one (offers first), or None."""
    products = [i for i in items if isinstance(i, dict) and _types(i) & PRODUCT_TYPES]
    if not products:
        return None
    return max(products, key=lambda p: (bool(_offers(p)), sum(1 for v in p.values() if _present(v))))


def structured_data_items(product: dict[str, Any]) -> dict[str, bool]:
    """Which required and recommended merchant-listing fields the Product has."""
    def anywhere(key: str) -> bool:
        return _present(product.get(key)) or _offer_value(product, key) is not None

    return {
        "sd_name": _present(product.get("name")),
        "sd_image": _present(product.get("image")),
        "sd_price": _offer_value(product, "price") is not None,
        "sd_currency": _offer_value(product, "priceCurrency") is not None,
        "sd_availability": _offer_value(product, "availability") is not None,
        "sd_shipping": anywhere("shippingDetails"),
        "sd_returns": anywhere("hasMerchantReturnPolicy"),
        "sd_rating": _present(product.get("aggregateRating")),
        "sd_identifier": any(anywhere(k) for k in IDENTIFIER_KEYS),
        "sd_brand": _present(product.get("brand")),
    }


def _judge_structured_data(page: PageEvidence, product: dict[str, Any] | None, out: PageJudgement) -> None:
    if product is None:
        out.sd = {k: False for k in (*SD_REQUIRED, *SD_RECOMMENDED)}
        out.findings.append(finding(page, MSG_NO_PRODUCT_SD, fix=FIX_NO_PRODUCT_SD, value="no Product"))
        return
    out.sd = structured_data_items(product)
    for key, ok in out.sd.items():
        if ok:
            continue
        required = key in SD_REQUIRED
        message = (MSG_SD_REQUIRED if required else MSG_SD_RECOMMENDED).format(label=LABELS[key])
        out.findings.append(finding(page, message, fix=FIX_SD.format(label=LABELS[key]),
                                    value=f"missing: {LABELS[key]}", severity="fail" if required else "warn"))


# --- images ----------------------------------------------------------------------------------


def _normalised_src(src: str) -> str:
    parts = urlsplit(src)
    path = re.sub(r"[-_@]\d+x\d*|/\d+x\d+/", "", parts.path.lower())
    return f"{parts.netloc.lower()}{path}"


def product_images(page: PageEvidence) -> list[Image]:
    """Distinct product photos: big enough, not logos or icons, not other products' tiles."""
    seen: set[str] = set()
    found: list[Image] = []
    for image in page.images:
        box = image.box
        if box is None or not image.src:
            continue
        if NOT_PRODUCT_IMAGE.search(image.selector) or NOT_PRODUCT_IMAGE.search(urlsplit(image.src).path):
            continue
        if OTHER_PRODUCTS.search(image.selector):
            continue
        shown = min(box.width, box.height)
        natural = min(image.natural_width, image.natural_height)
        if not (shown >= PRODUCT_IMAGE_PX or (shown >= THUMBNAIL_PX and natural >= PRODUCT_IMAGE_PX)):
            continue
        key = _normalised_src(image.src)
        if key in seen:
            continue
        seen.add(key)
        found.append(image)
    return found


def _sd_image_count(product: dict[str, Any] | None) -> int:
    if product is None:
        return 0
    urls: set[str] = set()
    for image in _as_list(product.get("image")):
        if isinstance(image, dict):
            image = image.get("contentUrl") or image.get("url")
        if isinstance(image, str) and image.strip():
            urls.add(_normalised_src(image))
    return len(urls)


def _judge_images(page: PageEvidence, product: dict[str, Any] | None, out: PageJudgement) -> None:
    shown = product_images(page)
    # A carousel shows one slide at a time: the structured data's image list counts too.
    count = max(len(shown), _sd_image_count(product))
    out.row["images"] = count
    main = shown[0] if shown else None
    if count >= GOOD_IMAGES:
        out.content["images"] = 1.0
    elif count >= MIN_IMAGES:
        out.content["images"] = FEW_IMAGES_SCORE
        out.findings.append(finding(page, MSG_FEW_IMAGES.format(count=count), fix=FIXES["images"],
                                    selector=main.selector if main else None, box=main.box if main else None,
                                    value=f"{count} images", severity="warn"))
    else:
        out.content["images"] = 0.0
        out.findings.append(_missing(page, "images", element=main, count=count, s="" if count == 1 else "s"))


# --- text items -----------------------------------------------------------------------------


def _controls(page: PageEvidence, soup: BeautifulSoup | None) -> list[tuple[str, Element | None]]:
    """Labels of buttons and links: the gathered ones with their element, then those in the HTML."""
    out: list[tuple[str, Element | None]] = []
    for el in page.interactive:
        a = el.attributes
        label = " ".join(v for v in (el.text, a.get("aria-label"), a.get("value"), a.get("title"), a.get("alt"))
                         if v)
        out.append((label, el))
    if soup is not None:
        # The gatherer caps how many elements it lists; the add-to-cart form may come after a big menu.
        for tag in soup.select("button, input[type=submit], input[type=button], [role=button]"):
            label = " ".join(str(v) for v in (tag.get_text(" ", strip=True), tag.get("value"), tag.get("aria-label"))
                             if v)
            out.append((label, None))
    return out


def _find_control(controls: list[tuple[str, Element | None]], pattern: str) -> tuple[str, Element | None] | None:
    for label, el in controls:
        if label and re.search(pattern, label, re.IGNORECASE):
            return label, el
    return None


def _judge_text_items(page: PageEvidence, vocab: Vocabulary, soup: BeautifulSoup | None,
                      controls: list[tuple[str, Element | None]], product: dict[str, Any] | None,
                      returns_url: str | None, out: PageJudgement) -> None:
    text = page.text
    labels = "\n".join(label for label, _ in controls)
    sd_types = _types(product) if product else set()
    digital = vocab.search("digital", text) is not None
    media = digital or vocab.search("media", text) is not None or bool(sd_types & {"Book", "MusicAlbum", "Movie"})

    def item(key: str, present: bool, applies: bool = True, element: Element | None = None, **values: object) -> None:
        if not applies:
            return
        out.content[key] = 1.0 if present else 0.0
        if not present:
            out.findings.append(_missing(page, key, element=element, **values))

    chars = description_chars(page, vocab, soup)
    out.row["description_chars"] = chars
    if chars >= SHORT_DESCRIPTION_CHARS and chars < DESCRIPTION_CHARS:
        out.content["description"] = SHORT_DESCRIPTION_SCORE
        out.findings.append(finding(page, MSG_SHORT_DESCRIPTION.format(chars=chars, min_chars=DESCRIPTION_CHARS),
                                    fix=FIXES["description"], value=f"{chars} characters", severity="warn"))
    else:
        item("description", chars >= DESCRIPTION_CHARS, min_chars=DESCRIPTION_CHARS)
    item("material", vocab.search("material", text) is not None, applies=not media)
    item("dimensions", vocab.search("dimensions", text) is not None, applies=not digital)
    item("identifier", vocab.search("identifier", text) is not None)
    size_control = _size_control(page, vocab, soup)
    if size_control is not None:
        out.row["sizes"] = size_control[0]
    guide = vocab.search("size_guide", text) is not None or vocab.search("size_guide", labels) is not None
    item("size_guide", guide, applies=size_control is not None,
         element=size_control[1] if size_control else None, control=size_control[0] if size_control else "")
    item("delivery", vocab.search("delivery", text) is not None, applies=not digital)
    _judge_reviews(page, vocab, soup, product, out)
    item("returns", _has_returns_link(page, vocab, returns_url), applies=not digital)


def description_chars(page: PageEvidence, vocab: Vocabulary, soup: BeautifulSoup | None) -> int:
    """Length of the longest description-like text: a paragraph, a block named 'desc…', or what
    follows a 'Description' heading."""
    if soup is None:
        return max((len(line.strip()) for line in page.text.splitlines()), default=0)
    best = 0  # the description proper: a block named so, or what follows its heading
    longest_paragraph = 0
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.name in ("meta", "script", "style", "noscript", "template", "html",
                                                    "body"):
            continue
        marker = " ".join([str(tag.get("id") or ""), " ".join(tag.get_attribute_list("class") or []),
                           str(tag.get("itemprop") or "")])
        named = "desc" in marker.lower()
        if named:
            best = max(best, len(tag.get_text(" ", strip=True)))
        elif tag.name == "p" and not _in_page_furniture(tag):
            longest_paragraph = max(longest_paragraph, len(tag.get_text(" ", strip=True)))
    for heading in soup.find_all(HEADING_TAGS):
        title = heading.get_text(" ", strip=True)
        if len(title) > 40 or not vocab.search("description_heading", title):
            continue
        node: Tag | None = heading
        for _ in range(2):  # the heading itself, or the block that wraps it (<div><h2>…</h2></div><p>…)
            if node is None:
                break
            text = _text_until_heading(node)
            if text:
                best = max(best, text)
                break
            node = node.parent if isinstance(node.parent, Tag) else None
    # Any long paragraph will do (no false alarm); a short one only stands in when nothing is named.
    if longest_paragraph >= DESCRIPTION_CHARS or not best:
        return max(best, longest_paragraph)
    return best


def _in_page_furniture(tag: Tag) -> bool:
    """Inside the header, footer, navigation, an aside or a cookie banner."""
    for parent in tag.parents:
        if not isinstance(parent, Tag):
            continue
        if parent.name in ("footer", "header", "nav", "aside"):
            return True
        marker = " ".join([str(parent.get("id") or ""), " ".join(parent.get_attribute_list("class") or [])])
        if FURNITURE.search(marker):
            return True
    return False


def _text_until_heading(node: Tag) -> int:
    parts: list[str] = []
    for sibling in node.find_next_siblings():
        if not isinstance(sibling, Tag) or sibling.name in HEADING_TAGS:
            break
        parts.append(sibling.get_text(" ", strip=True))
    return len(" ".join(p for p in parts if p))


def _size_control(page: PageEvidence, vocab: Vocabulary, soup: BeautifulSoup | None) -> tuple[str, Element | None] | None:
    """The control a shopper picks a size with, if the page offers sizes."""
    letter_sizes: list[Element] = []
    for el in page.interactive:
        a = el.attributes
        names = " ".join(v for v in (a.get("name"), a.get("id"), a.get("aria-label"), a.get("label"),
                                     a.get("placeholder"), el.selector if el.tag in ("select", "input") else None) if v)
        picker = el.tag in ("select", "input", "button") or el.role in ("radio", "button")
        if picker and vocab.search("size_word", names) and not vocab.search("size_guide", names):
            return f"{el.tag} {el.selector}", el
        if LETTER_SIZES.match(el.text.strip()):
            letter_sizes.append(el)
    if len(letter_sizes) >= 3:
        return ", ".join(el.text.strip() for el in letter_sizes[:6]), letter_sizes[0]
    if soup is not None:
        for select in soup.find_all("select"):
            options = [o.get_text(" ", strip=True) for o in select.find_all("option") if isinstance(o, Tag)]
            sized = [o for o in options if LETTER_SIZES.match(o) or re.search(vocab.size_word, o, re.IGNORECASE)]
            if len(sized) >= 2:
                return ", ".join(sized[:6]), None
    return None


def _judge_reviews(page: PageEvidence, vocab: Vocabulary, soup: BeautifulSoup | None,
                   product: dict[str, Any] | None, out: PageJudgement) -> None:
    text = page.text
    labels = " ".join([*(e.attributes.get("aria-label", "") for e in page.interactive),
                       *(i.alt or "" for i in page.images)])
    average = vocab.search("review_average", text) or vocab.search("review_average", labels)
    stars = soup is not None and soup.select_one(
        "[itemprop=ratingValue], [class*=star-rating], [class*=rating-stars], [aria-label*=' out of 5']") is not None
    count = vocab.search("review_count", text)
    none_yet = vocab.search("review_none", text)
    has = {"average": bool(average or stars), "count": bool(count)}
    if product is not None and isinstance(product.get("aggregateRating"), dict):
        # Marked up on the page: the stars are very likely drawn as icons without text.
        rating = product["aggregateRating"]
        has["average"] = has["average"] or _present(rating.get("ratingValue"))
        has["count"] = has["count"] or _present(rating.get("reviewCount") or rating.get("ratingCount"))
    if all(has.values()) or none_yet:
        out.content["reviews"] = 1.0  # a review system with nothing to average yet is not a flaw
        return
    if any(has.values()):
        out.content["reviews"] = 0.5
        present = next(k for k, v in has.items() if v)
        absent = next(k for k, v in has.items() if not v)
        out.findings.append(finding(page, MSG_REVIEWS_PARTIAL.format(has=REVIEW_PARTS[present],
                                                                     lacks=REVIEW_PARTS[absent]),
                                    fix=FIXES["reviews"], value=f"missing: {REVIEW_PARTS[absent]}", severity="warn"))
        return
    out.content["reviews"] = 0.0
    out.findings.append(_missing(page, "reviews"))


def _has_returns_link(page: PageEvidence, vocab: Vocabulary, returns_url: str | None) -> bool:
    if vocab.search("returns", page.text):
        return True
    for el in page.interactive:
        if el.href and (el.href == returns_url or vocab.search("returns_path", urlsplit(el.href).path)):
            return True
        if el.tag == "a" and vocab.search("returns_link", el.text):
            return True
    return False
