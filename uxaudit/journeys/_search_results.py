"""Reading a search results page (pure: turns what READ_JS saw into step data).

Results are the product links of the page's main area, in page order: links to
product-like URLs, to products the catalogue knows, or inside a card with a price; links
in the header, navigation, footer, breadcrumbs, pagination and the search form itself are
not results. A page that says it found nothing keeps its product cards as ``offered``
(recommendations), not as results.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from uxaudit.crawl import kind_from_url, normalise, policy_from_link, same_site

from ._search_probes import Catalogue, path_key
from .search_patterns import SearchVocabulary

TOP = 10
"""Results kept per query: what a shopper scans on the first screen or two."""
MAX_OFFERED = 15


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\"'“”‘’«»]", " ", text).lower().split())


def _count(text: str, vocab: SearchVocabulary) -> int | None:
    match = vocab.find("result_count", text)
    if not match:
        return None
    number = next(g for g in match.groups() if g is not None)
    digits = re.sub(r"[^\d]", "", number)
    return int(digits) if digits else None


def _sentence(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return " ".join(text[line_start:end if end >= 0 else None].split())[:160]


def interpret(raw: dict[str, Any], query: str, catalogue: Catalogue, vocab: SearchVocabulary,
              origin: str) -> dict[str, Any]:
    """Step data of one results page: results, count, zero results, correction, kept query, ways on."""
    url: str = raw.get("url", "")
    text: str = raw.get("text", "")
    product_paths = catalogue.product_paths()
    category_paths = {path_key(c.url): c for c in catalogue.categories}
    here = path_key(url)
    results: list[dict[str, str]] = []
    offered: list[dict[str, str]] = []
    help_links: list[dict[str, str]] = []
    seen: set[str] = set()
    seen_offered: set[str] = set()

    def offer(kind: str, link_url: str, link_text: str) -> None:
        if link_url not in seen_offered and len(offered) < MAX_OFFERED:
            seen_offered.add(link_url)
            offered.append({"kind": kind, "url": link_url, "text": link_text[:80]})

    for link in raw.get("links", []):
        href: str = link.get("href", "")
        label = link.get("text") or link.get("title") or link.get("alt") or ""
        if href.startswith(("tel:", "mailto:")):
            offer("contact", href, label)
            continue
        absolute = normalise(href, url)
        if not absolute or not same_site(absolute, origin) or link.get("chrome") or link.get("inForm"):
            continue
        kind = kind_from_url(absolute)
        key = path_key(absolute)
        product_like = kind == "product" or key in product_paths or (link.get("card") and kind is None)
        if (product_like and not link.get("inNav") and kind not in ("category", "cart", "checkout", "search", "home")
                and not link.get("breadcrumb") and not link.get("pagination")):
            title = link.get("title") or link.get("text") or link.get("alt") or ""
            if key in seen:
                for item in results:
                    if path_key(item["url"]) == key and not item["title"]:
                        item["title"] = title
                continue
            seen.add(key)
            results.append({"url": absolute, "title": title})
            continue
        if link.get("breadcrumb") or link.get("pagination") or kind == "home" or key == here:
            continue
        policy = policy_from_link(absolute, label)
        if policy:
            help_links.append({"policy": policy, "url": absolute, "text": label[:80]})
            offer("contact" if policy == "contact" else "help", absolute, label)
        elif kind == "search":
            offer("suggestion", absolute, label)
        elif kind == "category" or key in category_paths:
            offer("category", absolute, label)
        elif vocab.find("contact", label):
            offer("contact", absolute, label)
        elif label:
            offer(kind or "other", absolute, label)

    zero_match = vocab.find("zero_results", text)
    count = _count(text, vocab)
    zero_message = _sentence(text, zero_match.start()) if zero_match and not count else ""
    landed = "results"
    query_in_url = any(_norm(v) == _norm(query) for _, v in parse_qsl(urlsplit(url).query))
    if here in product_paths and not query_in_url:
        landed = "product"
        results = [{"url": url, "title": raw.get("h1", "")}]
    elif here in category_paths and not query_in_url:
        landed = "category"
    elif kind_from_url(url) != "search" and not query_in_url:
        policy = policy_from_link(url, raw.get("h1", ""))
        if policy:
            landed = "help"
            help_links.insert(0, {"policy": policy, "url": url, "text": raw.get("h1", "")[:80]})
        else:
            landed = "other"
    if zero_message and landed == "results":
        for item in results:
            offer("product", item["url"], item["title"])
        results = []
    correction_match = vocab.find("correction", text)
    values = raw.get("values", [])
    wanted = _norm(query)
    return {
        "url": url,
        "landed": landed,
        "results": [r["url"] for r in results[:TOP]],
        "result_titles": [r["title"] for r in results[:TOP]],
        "result_total_seen": len(results),
        "result_count": count,
        "zero_results": not results and landed in ("results", "other"),
        "zero_message": zero_message,
        "correction": _sentence(text, correction_match.start()) if correction_match else "",
        "query_kept": any(_norm(v.get("value", "")) == wanted for v in values if v.get("visible")),
        "query_in_hidden_field": any(_norm(v.get("value", "")) == wanted for v in values if not v.get("visible")),
        "query_echoed": bool(wanted) and wanted in _norm(text),
        "offered": offered,
        "help_links": help_links[:10],
        "page_title": raw.get("title", "")[:200],
    }
