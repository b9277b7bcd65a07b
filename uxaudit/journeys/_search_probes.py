"""Seeding search probes from the store's own catalogue (pure: no browser).

The catalogue is what discovery already saw: product pages (schema.org Product name and
SKU, else the h1), category pages (their h1 and the product cards they list) and the home
page's product cards. From it :func:`plan` builds the probes of CHECKS.md ("Search"), each
with what a shopper should get back; probes that the catalogue cannot support (no SKU
shown, no synonym pair) are returned as skipped with the reason.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from uxaudit.crawl import PRICE, kind_from_url, normalise, same_site
from uxaudit.evidence import AuditEvidence, PageEvidence

from .search_patterns import SearchVocabulary, is_plural, plural, singular, words

_SKU_TEXT = re.compile(r"\b(?:sku|upc|mpn|item\s?(?:no\.?|number|#|code)|product\s?(?:code|no\.?|number)|"
                       r"model\s?(?:no\.?|number|#)|style\s?(?:no\.?|number|#)|art(?:icle)?\.?\s?(?:no\.?|number))"
                       r"\s*[:#.]?\s*((?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{2,30})\b", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def path_key(url: str) -> str:
    """A URL reduced to what identifies a page of the shop: its path without the trailing slash."""
    return urlsplit(url).path.rstrip("/") or "/"


# --- the catalogue ------------------------------------------------------------------------------

@dataclass
class Product:
    name: str
    url: str
    sku: str | None = None
    source: str = ""
    """Where it was seen: 'product page' or 'card on <url>'."""


@dataclass
class Category:
    name: str
    url: str
    product_urls: list[str] = field(default_factory=list)
    product_names: list[str] = field(default_factory=list)


@dataclass
class Catalogue:
    products: list[Product] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    help_urls: dict[str, str] = field(default_factory=dict)
    """Policy kind ('returns', 'faq', ...) → URL, from discovery."""

    def product(self, url: str) -> Product | None:
        key = path_key(url)
        return next((p for p in self.products if path_key(p.url) == key), None)

    def product_paths(self) -> set[str]:
        return {path_key(p.url) for p in self.products}

    def summary(self) -> dict[str, Any]:
        return {"products": len(self.products), "with_sku": sum(1 for p in self.products if p.sku),
                "categories": [c.name for c in self.categories]}


def _types(item: dict[str, Any]) -> list[str]:
    value = item.get("@type", [])
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    return " ".join(str(value).split()) if value is not None else ""


def _doc(page: PageEvidence) -> lxml_html.HtmlElement | None:
    if not page.html.strip():
        return None
    try:
        return lxml_html.fromstring(page.html)
    except (etree.ParserError, ValueError):
        return None


def _h1(doc: lxml_html.HtmlElement | None) -> str:
    if doc is None:
        return ""
    for h1 in doc.iter("h1"):
        text = " ".join(h1.text_content().split())
        if text:
            return text
    return ""


def _region(anchor: lxml_html.HtmlElement) -> str:
    node = anchor.getparent()
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        role = (node.get("role") or "").lower()
        if tag in ("nav", "header", "footer") or role in ("navigation", "banner", "contentinfo"):
            return "nav"
        node = node.getparent()
    return "main"


def _in_card(anchor: lxml_html.HtmlElement, href: str) -> bool:
    node = anchor
    for _ in range(4):
        node = node.getparent()
        if node is None:
            return False
        text = node.text_content()
        if len(text) > 400:
            return False
        if PRICE.search(text):
            hrefs = {a.get("href") for a in node.iter("a")} - {None}
            return href in hrefs and len(hrefs) <= 3
    return False


def product_cards(page: PageEvidence, origin: str) -> list[tuple[str, str]]:
    """(URL, name) of the product cards in a page's main area, in page order."""
    doc = _doc(page)
    if doc is None:
        return []
    names: dict[str, str] = {}
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        url = normalise(href, page.final_url) if href else None
        if not url or not same_site(url, origin) or _region(anchor) != "main":
            continue
        kind = kind_from_url(url)
        if kind in ("category", "cart", "checkout", "search", "home"):
            continue
        if kind != "product" and not _in_card(anchor, href or ""):
            continue
        text = " ".join(anchor.text_content().split())
        title = " ".join((anchor.get("title") or "").split())
        alts = [" ".join((img.get("alt") or "").split()) for img in anchor.iter("img")]
        candidates = [t for t in (title, text, *alts) if t and not PRICE.search(t) and len(t) <= 120]
        best = candidates[0] if candidates else ""
        if best.endswith(("…", "...")) and len(candidates) > 1:
            best = max(candidates, key=len)
        if url not in names or (best and len(best) > len(names[url]) and not names[url]):
            names[url] = best
    return [(url, name) for url, name in names.items() if name]


def _product_from_page(page: PageEvidence) -> Product | None:
    name = sku = ""
    for item in page.structured_data:
        types = _types(item)
        if "Product" in types or "ProductGroup" in types:
            name = name or _text(item.get("name"))
            sku = sku or _text(item.get("sku")) or _text(item.get("mpn")) or _text(item.get("productGroupID"))
    doc = _doc(page)
    name = name or _h1(doc) or _TITLE_SPLIT.split(page.meta.title)[0].strip()
    if not sku:
        match = _SKU_TEXT.search(page.text)
        sku = match.group(1) if match else ""
    if not name:
        return None
    return Product(name=name, url=page.final_url, sku=sku or None, source="product page")


def _has_product_data(page: PageEvidence) -> bool:
    return any({"Product", "ProductGroup"} & set(_types(item)) for item in page.structured_data)


def _is_product_page(page: PageEvidence) -> bool:
    """A product page, not a listing that discovery took for one (a price and a buy button on each card)."""
    if page.kind != "product":
        return False
    return _has_product_data(page) or kind_from_url(page.final_url) != "category"


def catalogue_from(evidence: AuditEvidence) -> Catalogue:
    """What the store sells, as far as the pages seen so far show (desktop copy first)."""
    origin = evidence.site.origin
    catalogue = Catalogue(help_urls=dict(evidence.site.policy_links))
    pages = sorted((p for p in evidence.pages if p.loaded), key=lambda p: p.viewport != "desktop")
    seen_pages: set[str] = set()
    known: dict[str, Product] = {}
    for page in pages:
        if not _is_product_page(page) or path_key(page.final_url) in seen_pages:
            continue
        seen_pages.add(path_key(page.final_url))
        product = _product_from_page(page)
        if product:
            known[path_key(product.url)] = product
            catalogue.products.append(product)
    for page in pages:
        listing = page.kind in ("category", "home") or (page.kind == "product" and not _is_product_page(page))
        if not listing or path_key(page.final_url) in seen_pages:
            continue
        seen_pages.add(path_key(page.final_url))
        cards = product_cards(page, origin)
        if page.kind != "home":
            name = _h1(_doc(page)) or _TITLE_SPLIT.split(page.meta.title)[0].strip()
            if name:
                catalogue.categories.append(Category(name=name, url=page.final_url,
                                                     product_urls=[u for u, _ in cards],
                                                     product_names=[n for _, n in cards]))
        for url, name in cards:
            key = path_key(url)
            if key not in known:
                known[key] = Product(name=name, url=url, source=f"card on {page.final_url}")
                catalogue.products.append(known[key])
    return catalogue


# --- the probes -----------------------------------------------------------------------------------

PROBE_ORDER: tuple[str, ...] = ("search_box", "autocomplete", "exact", "sku", "typo", "product_type", "plural",
                                "synonym", "word_order", "non_product", "zero_results")


@dataclass
class Probe:
    kind: str
    query: str
    expected: dict[str, Any] = field(default_factory=dict)
    compare_with: str | None = None
    """Another query whose results this probe's results are compared with."""


@dataclass
class Plan:
    probes: list[Probe]
    skipped: dict[str, str]
    catalogue: Catalogue


def _distinctive(name: str, catalogue: Catalogue, vocab: SearchVocabulary) -> str | None:
    """The word of ``name`` that fewest other products share (longer wins ties), ≥ 5 letters."""
    all_names = [set(words(p.name)) for p in catalogue.products]
    best: tuple[int, int, str] | None = None
    for word in dict.fromkeys(words(name)):
        if len(word) < 5 or not word.isalpha() or word in vocab.stop_words:
            continue
        key = (sum(1 for n in all_names if word in n), -len(word), word)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def typo_of(word: str, vocabulary: set[str]) -> str:
    """``word`` with one inner letter dropped (the commonest typo), not landing on another real word."""
    middle = len(word) // 2
    for index in sorted(range(1, len(word) - 1), key=lambda i: abs(i - middle)):
        candidate = word[:index] + word[index + 1:]
        if candidate not in vocabulary and singular(candidate) not in vocabulary and candidate != word:
            return candidate
    return word[:-1]


def _replace_word(text: str, word: str, new: str) -> str:
    return re.sub(rf"(?i)\b{re.escape(word)}\b", lambda m: new.capitalize() if m.group(0)[0].isupper() else new,
                  text, count=1)


def _clean_category(name: str) -> str:
    return re.split(r"\s+(?:&|and|\+)\s+|,\s*|/", name.strip())[0].strip()


def _pick_target(catalogue: Catalogue) -> Product | None:
    from_pages = [p for p in catalogue.products if p.source == "product page"] or catalogue.products

    def rank(p: Product) -> tuple[int, int]:
        n = len(words(p.name))
        return (0 if 2 <= n <= 5 else 1, 0 if p.sku else 1)

    return min(from_pages, key=rank) if from_pages else None


def _word_order(catalogue: Catalogue, avoid: str = "") -> tuple[str, str, list[str]] | None:
    """('shirt dress', 'dress', [names]) when one name has 'A B' and another 'B A' (not the ``avoid`` query)."""
    pairs: dict[tuple[str, str], str] = {}
    for product in catalogue.products:
        ws = [w for w in words(product.name) if w.isalpha()]
        for a, b in itertools.pairwise(ws):
            pairs.setdefault((singular(a), singular(b)), f"{a} {b}")
    for (a, b), text in pairs.items():
        if a != b and (b, a) in pairs:
            head = b
            if text == " ".join(words(avoid)):
                text, head = pairs[(b, a)], a
            matching = [p.name for p in catalogue.products if words(p.name) and singular(words(p.name)[-1]) == head]
            return text, head, matching
    return None


def _category_choice(catalogue: Catalogue, vocab: SearchVocabulary) -> tuple[Category, str] | None:
    heads = {singular(words(p.name)[-1]) for p in catalogue.products if words(p.name)}
    best: tuple[int, int, Category, str] | None = None
    for index, category in enumerate(catalogue.categories):
        query = _clean_category(category.name).lower()
        if not query or vocab.find("avoid_categories", query) or not category.product_urls:
            continue
        ws = words(query)
        last = ws[-1] if ws else ""
        rank = (0 if is_plural(last) and singular(last) in heads else 1 if is_plural(last) else 2) + (len(ws) - 1)
        if best is None or (rank, index) < (best[0], best[1]):
            best = (rank, index, category, query)
    return (best[2], best[3]) if best else None


def plan(catalogue: Catalogue, vocab: SearchVocabulary) -> Plan:
    """The probes to type, in order, and the ones the catalogue cannot support (kind → why)."""
    probes: list[Probe] = []
    skipped: dict[str, str] = {}
    target = _pick_target(catalogue)
    vocabulary = {w for p in catalogue.products for w in words(p.name)}
    vocabulary |= {singular(w) for w in vocabulary}
    vocabulary |= {w for c in catalogue.categories for w in words(c.name)}

    if target:
        first = next((w for w in words(target.name) if len(w) >= 3 and w.isalpha() and w not in vocab.stop_words),
                     None)
        if first:
            probes.append(Probe("autocomplete", first[:3], {"product_name": target.name, "product_url": target.url}))
        else:
            skipped["autocomplete"] = f"no word of 3 letters or more in the product name {target.name!r}"
        expected = {"product_urls": [target.url], "product_name": target.name}
        probes.append(Probe("exact", target.name, expected))
        with_sku = target if target.sku else next((p for p in catalogue.products if p.sku), None)
        if with_sku and with_sku.sku:
            probes.append(Probe("sku", with_sku.sku, {"product_urls": [with_sku.url], "product_name": with_sku.name}))
        else:
            skipped["sku"] = "no SKU, model or item number was found in the product pages' structured data or text"
        word = _distinctive(target.name, catalogue, vocab)
        if word:
            typo = typo_of(word, vocabulary)
            probes.append(Probe("typo", _replace_word(target.name, word, typo),
                                {**expected, "misspelt": word, "as": typo}, compare_with=target.name))
        else:
            skipped["typo"] = f"no word of 5 letters or more to misspell in {target.name!r}"
    else:
        reason = "no product name was found on the product, category or home pages"
        for kind in ("autocomplete", "exact", "sku", "typo"):
            skipped[kind] = reason

    choice = _category_choice(catalogue, vocab)
    if choice:
        category, query = choice
        head = singular(words(query)[-1])
        probes.append(Probe("product_type", query, {
            "category_name": category.name, "category_url": category.url, "head": head,
            "product_urls": category.product_urls[:24], "product_names": category.product_names[:24]}))
        ws = words(query)
        other = " ".join([*ws[:-1], singular(ws[-1]) if is_plural(ws[-1]) else plural(ws[-1])])
        probes.append(Probe("plural", other, {"head": head, "category_url": category.url}, compare_with=query))
    else:
        skipped["product_type"] = "no category page with product cards was found to take a product type from"
        if target and words(target.name):
            head = singular(words(target.name)[-1])
            if head.isalpha() and len(head) >= 3:
                probes.append(Probe("plural", plural(head), {"head": head}, compare_with=head))
        if not any(p.kind == "plural" for p in probes):
            skipped["plural"] = "no product type to put in the plural"

    synonym = _synonym(catalogue, vocab)
    if synonym:
        base, query = synonym
        probes.append(Probe("synonym", query, {"catalogue_word": base}, compare_with=base))
    else:
        skipped["synonym"] = ("none of the built-in synonym pairs (" +
                              ", ".join(f"{a}/{b}" for a, b in vocab.synonyms[:5]) +
                              "…) has exactly one side in the catalogue")

    order = _word_order(catalogue, target.name if target else "")
    if order:
        text, head, names = order
        probes.append(Probe("word_order", text, {"head": head, "head_products": names}))
    else:
        skipped["word_order"] = "no two product names use the same two words in both orders (like 'shirt dress' and 'dress shirt')"

    help_urls = {k: v for k, v in catalogue.help_urls.items() if k in ("returns", "faq")}
    if help_urls:
        probes.append(Probe("non_product", vocab.non_product_query, {"help_urls": help_urls}))
    else:
        skipped["non_product"] = "the store links no returns or help page, so there is nothing for search to reach"

    probes.append(Probe("zero_results", vocab.nonsense_query, {}))
    return Plan(probes=probes, skipped=skipped, catalogue=catalogue)


def _synonym(catalogue: Catalogue, vocab: SearchVocabulary) -> tuple[str, str] | None:
    """(word the catalogue uses, synonym to type), in the catalogue word's number."""
    surface: dict[str, str] = {}
    for text in [p.name for p in catalogue.products] + [c.name for c in catalogue.categories]:
        for w in words(text):
            surface.setdefault(singular(w), w)
    for a, b in vocab.synonyms:
        sa, sb = singular(a), singular(b)
        for have, want, want_sing in ((sa, b, sb), (sb, a, sa)):
            other = sb if have == sa else sa
            if have in surface and other not in surface:
                used = surface[have]
                query = plural(want_sing) if is_plural(used) else want_sing
                return used, query
    return None
