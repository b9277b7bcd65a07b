"""Discovering a store: robots.txt, sitemaps, links, and what kind of page each URL is.

Classification uses, in order of trust: what a loaded page contains (schema.org Product,
a price beside an add-to-cart control), then URL patterns and link text that real shop
software uses (Shopify, WooCommerce, Magento, django-oscar, Saleor...). Every decision
keeps its reason, so a surprising classification can be explained in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html
from protego import Protego

from uxaudit.evidence import PageEvidence, PageKind, PolicyKind

PRICE = re.compile(r"(?:[$€£¥]|\b(?:USD|EUR|GBP|CAD|AUD)\b)\s?\d[\d.,]*|\d[\d.,]*\s?(?:[€£]|\b(?:USD|EUR|GBP|kr|zł)\b)")
ADD_TO_CART = re.compile(r"\b(add to (cart|bag|basket|trolley)|buy now|add to order)\b", re.IGNORECASE)

# URL path patterns, most specific first. Checked against the path, lower-cased.
URL_RULES: tuple[tuple[PageKind, re.Pattern[str]], ...] = (
    ("cart", re.compile(r"/(cart|basket|bag|trolley)(/|\.html?$|$)")),
    ("checkout", re.compile(r"/checkout(/|$)")),
    ("search", re.compile(r"/search(/|$|\?)|/catalogsearch/")),
    ("category", re.compile(r"/(collections?|categor(y|ies)|departments?|shop/category|product-category|c)/[^/]+")),
    ("product", re.compile(r"/(products?|p|item|items|dp|catalogue)/[^/]+")),
    ("product", re.compile(r"-p-?\d+(\.html?)?/?$|/[\w-]+_\d+/?$")),
)
POLICY_RULES: tuple[tuple[PolicyKind, re.Pattern[str]], ...] = (
    ("shipping", re.compile(r"\b(shipping|delivery)\b", re.IGNORECASE)),
    ("returns", re.compile(r"\b(returns?|refunds?|exchanges?)\b", re.IGNORECASE)),
    ("privacy", re.compile(r"\b(privacy|cookie policy)\b", re.IGNORECASE)),
    ("terms", re.compile(r"\b(terms|conditions|legal)\b", re.IGNORECASE)),
    ("contact", re.compile(r"\b(contact|customer service|get in touch)\b", re.IGNORECASE)),
    ("faq", re.compile(r"\b(faqs?|help( cent(er|re))?|support)\b", re.IGNORECASE)),
)
NOT_SHOPPING = re.compile(r"/(account|login|log-in|signin|sign-in|register|wishlist|blog|news|compare)(/|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """A same-site link as found on a page, with where on the page it sat."""

    url: str
    text: str
    region: str
    """'nav' (header/nav), 'footer', or 'main'."""
    near_price: bool


def normalise(url: str, base: str) -> str | None:
    """Absolute URL without fragment; None for non-http links."""
    absolute, _ = urldefrag(urljoin(base, url.strip()))
    return absolute if absolute.startswith(("http://", "https://")) else None


def same_site(url: str, origin: str) -> bool:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host == (urlsplit(origin).hostname or "").lower().removeprefix("www.")


def kind_from_url(url: str) -> PageKind | None:
    path = urlsplit(url).path.lower()
    if path in ("", "/"):
        return "home"
    for kind, pattern in URL_RULES:
        if pattern.search(path):
            return kind
    return None


def policy_from_link(url: str, text: str) -> PolicyKind | None:
    """The policy/help page a link leads to, judged from its text first, then its path."""
    path = urlsplit(url).path.replace("-", " ").replace("_", " ").replace("/", " ")
    for source in (text, path):
        for kind, pattern in POLICY_RULES:
            if pattern.search(source):
                return kind
    return None


def extract_links(html: str, page_url: str, origin: str) -> list[Link]:
    """Same-site links of a rendered page, each with its region and whether a price is near."""
    if not html.strip():
        return []
    try:
        doc = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    links: list[Link] = []
    seen: set[str] = set()
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        url = normalise(href, page_url) if href else None
        if not url or not same_site(url, origin) or url in seen:
            continue
        seen.add(url)
        region = "main"
        card_text = ""
        node = anchor
        for depth in range(12):
            node = node.getparent()
            if node is None:
                break
            tag = node.tag if isinstance(node.tag, str) else ""
            role = (node.get("role") or "").lower()
            if tag in ("nav", "header") or role in ("navigation", "banner"):
                region = "nav"
                break
            if tag == "footer" or role == "contentinfo":
                region = "footer"
                break
            if depth < 3 and not card_text and _is_card(node, href or ""):
                card_text = node.text_content()
        links.append(Link(url=url, text=" ".join(anchor.text_content().split())[:120], region=region,
                          near_price=bool(card_text)))
    return links


def _is_card(node: lxml_html.HtmlElement, href: str) -> bool:
    """A small block around one link that shows a price: a product card in a grid."""
    text = " ".join(node.text_content().split())
    if len(text) > 300 or not PRICE.search(text):
        return False
    hrefs = {a.get("href") for a in node.iter("a")} - {None}
    return href in hrefs and len(hrefs) <= 2  # the product link, maybe a wishlist link


def kind_from_content(page: PageEvidence) -> tuple[PageKind | None, str]:
    """What a loaded page is, from its content; None when the content does not say."""
    types = {t.rsplit("/", 1)[-1] for item in page.structured_data for t in _types(item)}
    if "Product" in types or "ProductGroup" in types:
        return "product", "schema.org Product on the page"
    buttons = [e for e in page.interactive if e.tag in ("button", "input") or e.role == "button"]
    add_buttons = sum(1 for e in buttons if ADD_TO_CART.search(e.text or e.attributes.get("value", "")))
    # A listing often has a quick-add button on every card; a product page has one (or a sticky
    # copy). Priced cards alone prove nothing: product pages show related and recently viewed ones.
    # A weak signal: a small category whose cards carry quick-add buttons looks the same, so a
    # URL that says "category" outranks it.
    if 0 < add_buttons <= 2 and PRICE.search(page.text) and kind_from_url(page.final_url) != "category":
        return "product", "a price beside an add-to-cart button"
    if "ItemList" in types or "CollectionPage" in types:
        return "category", "schema.org ItemList/CollectionPage on the page"
    return None, ""


def _types(item: dict[str, object]) -> list[str]:
    value = item.get("@type", [])
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def robots_parser(text: str | None) -> Protego | None:
    return Protego.parse(text) if text else None


def sitemap_locations(xml: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index; empty on bad XML."""
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    locs = [el.text.strip() for el in root.iter("{*}loc") if el.text]
    if etree.QName(root).localname == "sitemapindex":
        return [], locs
    return locs, []


@dataclass
class Candidates:
    """Ranked URLs to try for each page kind; each URL is offered once."""

    categories: list[tuple[str, str]]
    products: list[tuple[str, str]]
    policies: dict[str, str]
    cart: str | None


def rank_candidates(links: list[Link], sitemap: list[str], exclude: set[str]) -> Candidates:
    """Order category and product candidates: navigation and price cards first, sitemap last."""
    categories: list[tuple[str, str]] = []
    products: list[tuple[str, str]] = []
    policies: dict[str, str] = {}
    cart: str | None = None
    seen = set(exclude)

    def offer(bucket: list[tuple[str, str]], url: str, reason: str) -> None:
        if url not in seen:
            seen.add(url)
            bucket.append((url, reason))

    for link in links:
        kind = kind_from_url(link.url)
        if kind == "cart" and cart is None:
            cart = link.url
        if link.region == "footer" or kind in ("cart", "checkout", "search"):
            policy = policy_from_link(link.url, link.text)
            if policy and policy not in policies and link.region == "footer":
                policies[policy] = link.url
            continue
        policy = policy_from_link(link.url, link.text) if kind is None else None
        if policy:
            policies.setdefault(policy, link.url)
            continue
        if NOT_SHOPPING.search(urlsplit(link.url).path):
            continue
        if kind == "category":
            offer(categories, link.url, f"category URL pattern, linked from {link.region}")
        elif kind == "product":
            offer(products, link.url, "product URL pattern" + (" in a card with a price" if link.near_price else ""))
        elif link.near_price:
            offer(products, link.url, "link in a card with a price")
        elif link.region == "nav" and kind is None and urlsplit(link.url).path not in ("", "/"):
            offer(categories, link.url, "navigation link")
    for url in sitemap:
        kind = kind_from_url(url)
        if kind == "category":
            offer(categories, url, "category URL pattern in sitemap.xml")
        elif kind == "product":
            offer(products, url, "product URL pattern in sitemap.xml")
    # URL patterns are stronger evidence than a bare navigation link: try those first.
    categories.sort(key=lambda c: 0 if c[1].startswith("category URL") else 1)
    products.sort(key=lambda c: 0 if "card with a price" in c[1] else 1)
    return Candidates(categories=categories, products=products, policies=policies, cart=cart)
