"""Site search of the demo store, in two qualities.

``exact``: a plain case-insensitive substring match on product names, as many small
shops have. ``smart``: tokenised, singular/plural folding, synonyms, one-edit typo
tolerance, SKU lookup, category (product-type) matching, word-order awareness (the last
word of the query is the head noun: "shirt dress" is a dress) and help pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .catalogue import CATEGORY_BY_SLUG, HELP_PAGES, PRODUCTS, HelpPage, Product

SYNONYMS: dict[str, tuple[str, ...]] = {
    "trainer": ("sneaker",),
    "kick": ("sneaker",),
    "runner": ("sneaker",),
    "shoe": ("sneaker",),
    "jumper": ("sweater",),
    "pullover": ("sweater",),
    "sweater": ("jumper",),
    "coat": ("jacket",),
    "jacket": ("coat",),
    "purse": ("bag",),
    "handbag": ("bag",),
    "rucksack": ("backpack",),
    "cup": ("mug",),
    "pillow": ("cushion",),
    "tee": ("t-shirt",),
    "blouse": ("shirt",),
    "gown": ("dress",),
    "frock": ("dress",),
    "refund": ("return",),
    "delivery": ("shipping",),
}

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STOP = {"a", "an", "the", "and", "for", "with", "in", "of", "&"}


def singular(word: str) -> str:
    """A light English singulariser: dresses -> dress, accessories -> accessory, sneakers -> sneaker."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("ves") and word not in {"sleeves"}:
        return word[:-3] + "f" if word[:-3].endswith("l") else word[:-1]
    if word.endswith("s"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, singularised words of ``text`` without stop words."""
    words = _WORD.findall(text.lower())
    return [singular(w) for w in words if w not in _STOP]


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


@dataclass(frozen=True)
class _Doc:
    product: Product
    name: tuple[str, ...]
    category: frozenset[str]
    other: frozenset[str]


@lru_cache(maxsize=1)
def _index() -> tuple[tuple[_Doc, ...], frozenset[str]]:
    docs = []
    vocab: set[str] = set()
    for p in PRODUCTS:
        cat = CATEGORY_BY_SLUG[p.category]
        name = tuple(tokens(p.name))
        category = frozenset(tokens(cat.name) + tokens(cat.slug))
        other = frozenset(
            tokens(" ".join(p.tags)) + tokens(p.brand) + tokens(" ".join(p.colours)) + tokens(p.material)
        )
        docs.append(_Doc(p, name, category, other))
        vocab.update(name, category, other)
    return tuple(docs), frozenset(vocab)


def _expand(word: str, vocab: frozenset[str]) -> set[str]:
    """The index terms a query word may stand for: itself, synonyms and one-edit neighbours."""
    terms = {word, *SYNONYMS.get(word, ())}
    if word not in vocab and len(word) >= 4:
        terms.update(v for v in vocab if len(v) >= 4 and within_one_edit(word, v))
        for t in terms:
            terms.update(SYNONYMS.get(t, ()))
    return terms


def _normal_sku(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def smart_search(query: str) -> list[Product]:
    """Products for ``query``, best first (see the module docstring)."""
    q = query.strip()
    if not q:
        return []
    sku = _normal_sku(q)
    for p in PRODUCTS:
        if sku and sku == _normal_sku(p.sku):
            return [p]
    docs, vocab = _index()
    words = tokens(q)
    if not words:
        return []
    expanded = [_expand(w, vocab) for w in words]
    head = expanded[-1]
    scored: list[tuple[float, int, Product]] = []
    for order, doc in enumerate(docs):
        score = 0.0
        matched = 0
        for terms in expanded:
            hit = 0.0
            if terms & set(doc.name):
                hit = 3.0
            elif terms & doc.category:
                hit = 2.0
            elif terms & doc.other:
                hit = 1.0
            if hit:
                matched += 1
            score += hit
        if not matched:
            continue
        if matched < len(expanded):
            score -= 4.0 * (len(expanded) - matched)
        # Word order: the head noun (last query word) decides what kind of thing is wanted.
        if head & doc.category:
            score += 6.0
        if doc.name and head & {doc.name[-1]}:
            score += 3.0
        # The exact phrase in order wins.
        if len(words) > 1 and _contains_phrase(doc.name, expanded):
            score += 5.0
        scored.append((score, order, doc.product))
    full = [s for s in scored if s[0] > 0]
    full.sort(key=lambda s: (-s[0], s[1]))
    return [p for _, _, p in full]


def _contains_phrase(name: tuple[str, ...], expanded: list[set[str]]) -> bool:
    n = len(expanded)
    return any(all(name[i + j] in expanded[j] for j in range(n)) for i in range(len(name) - n + 1))


def exact_search(query: str) -> list[Product]:
    """Products whose name contains ``query`` (case-insensitive), in catalogue order."""
    q = query.strip().lower()
    if not q:
        return []
    return [p for p in PRODUCTS if q in p.name.lower()]


def search_products(query: str, mode: str) -> list[Product]:
    """Dispatch on the ``search_mode`` flaw."""
    return smart_search(query) if mode == "smart" else exact_search(query)


def search_pages(query: str) -> list[HelpPage]:
    """Help and policy pages matching ``query`` (smart search only)."""
    _, vocab = _index()
    words = tokens(query)
    pages = []
    for page in HELP_PAGES:
        keys = set(tokens(" ".join(page.keywords) + " " + page.title))
        if any(_expand(w, vocab | frozenset(keys)) & keys for w in words):
            pages.append(page)
    return pages


def suggest(query: str, mode: str, limit: int = 6) -> list[Product]:
    """Autocomplete: name-prefix matches first, then search results."""
    q = query.strip().lower()
    if len(q) < 2:
        return []
    prefix = [p for p in PRODUCTS if any(w.startswith(q) for w in p.name.lower().split()) or p.name.lower().startswith(q)]
    rest = [p for p in search_products(query, mode) if p not in prefix]
    return (prefix + rest)[:limit]
