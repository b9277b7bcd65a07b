"""Search probes seeded from a catalogue, and results pages read, without a browser."""

from __future__ import annotations

from typing import Any

from uxaudit.evidence import AuditEvidence, Meta, PageEvidence, SiteEvidence
from uxaudit.journeys._search_probes import Catalogue, Category, Product, catalogue_from, plan, typo_of
from uxaudit.journeys._search_results import interpret
from uxaudit.journeys.search_patterns import VOCABULARIES, plural, singular

EN = VOCABULARIES["en"]
SHOP = "https://shop.example"

CATEGORY_HTML = """<html><body><header><nav><a href="/collections/dresses">Dresses</a></nav></header>
<main><h1>Dresses</h1><ul>
<li class="card"><a href="/products/shirt-dress"><img alt="Shirt Dress" src="a.jpg"><h3>Shirt Dress</h3></a><p>$89.00</p></li>
<li class="card"><a href="/products/wrap-dress"><h3>Wrap Dress</h3></a><p>$98.00</p></li>
<li class="card"><a href="/products/court-sneakers"><h3>Court Sneakers</h3></a><p>$120.00</p></li>
</ul></main><footer><a href="/pages/returns">Returns</a></footer></body></html>"""


def page(kind: str, url: str, html: str = "", sd: list[dict[str, Any]] | None = None, title: str = "") -> PageEvidence:
    return PageEvidence(id=f"{kind}-1-desktop", url=url, final_url=url, kind=kind, viewport="desktop",  # type: ignore[arg-type]
                        status=200, html=html, structured_data=sd or [], meta=Meta(title=title))


def evidence() -> AuditEvidence:
    site = SiteEvidence(start_url=SHOP + "/", origin=SHOP, policy_links={"returns": SHOP + "/pages/returns"})
    return AuditEvidence(site=site, pages=[
        page("home", SHOP + "/", "<html><body><main><h1>Shop</h1></main></body></html>"),
        page("category", SHOP + "/collections/dresses", CATEGORY_HTML),
        page("product", SHOP + "/products/dress-shirt", "<h1>Dress Shirt</h1>",
             [{"@type": "Product", "name": "Dress Shirt", "sku": "UX-SH-1006"}]),
    ])


def test_the_catalogue_comes_from_product_data_and_category_cards() -> None:
    catalogue = catalogue_from(evidence())
    assert [(p.name, p.sku) for p in catalogue.products][:2] == [("Dress Shirt", "UX-SH-1006"), ("Shirt Dress", None)]
    assert catalogue.categories[0].name == "Dresses" and len(catalogue.categories[0].product_urls) == 3


def test_the_plan_builds_every_probe_the_catalogue_supports() -> None:
    the_plan = plan(catalogue_from(evidence()), EN)
    probes = {p.kind: p for p in the_plan.probes}
    assert probes["exact"].query == "Dress Shirt" and probes["sku"].query == "UX-SH-1006"
    assert probes["typo"].compare_with == "Dress Shirt" and probes["typo"].query != "Dress Shirt"
    assert probes["autocomplete"].query == "dre"
    assert (probes["product_type"].query, probes["plural"].query) == ("dresses", "dress")
    assert (probes["synonym"].query, probes["synonym"].compare_with) == ("trainers", "sneakers")
    assert probes["word_order"].query == "shirt dress"  # the other order than the exact-name probe
    assert probes["word_order"].expected["head"] == "dress"
    assert probes["non_product"].query == "returns" and probes["zero_results"].query == EN.nonsense_query
    assert the_plan.skipped == {}


def test_probes_without_support_are_skipped_with_a_reason() -> None:
    catalogue = Catalogue(products=[Product(name="Fig Scented Candle", url=SHOP + "/products/candle")])
    the_plan = plan(catalogue, EN)
    assert set(the_plan.skipped) == {"sku", "product_type", "synonym", "word_order", "non_product"}
    assert "SKU" in the_plan.skipped["sku"]
    assert {p.kind for p in the_plan.probes} == {"autocomplete", "exact", "typo", "plural", "zero_results"}


def test_a_typo_never_lands_on_another_catalogue_word() -> None:
    assert typo_of("oxford", set()) == "oxfrd"
    assert typo_of("shirt", {"shit", "shrt"}) not in {"shit", "shrt", "shirt"}
    assert [singular(w) for w in ("dresses", "accessories", "sneakers", "glass")] == ["dress", "accessory", "sneaker",
                                                                                     "glass"]
    assert [plural(w) for w in ("dress", "accessory", "jacket")] == ["dresses", "accessories", "jackets"]


def link(href: str, text: str, **flags: Any) -> dict[str, Any]:
    return {"href": href, "text": text, "title": "", "alt": "", "card": False, "chrome": False, "inNav": False,
            "inForm": False, "breadcrumb": False, "pagination": False, **flags}


def test_results_are_product_links_of_the_main_area_in_order() -> None:
    catalogue = catalogue_from(evidence())
    raw = {"url": SHOP + "/search?q=dress", "text": "2 results for “dress”", "values": [{"value": "dress", "visible": True}],
           "links": [link(SHOP + "/", "Home", breadcrumb=True), link(SHOP + "/collections/dresses", "Dresses", inNav=True),
                     link(SHOP + "/products/wrap-dress", "Wrap Dress", card=True),
                     link(SHOP + "/products/wrap-dress", "", card=True),
                     link(SHOP + "/item-42", "Shirt Dress $89", card=True),
                     link(SHOP + "/search?q=dress&page=2", "2", pagination=True)]}
    data = interpret(raw, "dress", catalogue, EN, SHOP)
    assert data["results"] == [SHOP + "/products/wrap-dress", SHOP + "/item-42"]
    assert data["result_count"] == 2 and not data["zero_results"] and data["query_kept"]


def test_a_no_results_page_keeps_its_recommendations_as_ways_on() -> None:
    raw = {"url": SHOP + "/search?q=qxzvbwkj", "text": "No results for “qxzvbwkj”. Did you mean “quilt”?\nPopular",
           "values": [],
           "links": [link(SHOP + "/products/wrap-dress", "Wrap Dress", card=True),
                     link(SHOP + "/collections/dresses", "Dresses"), link("tel:+15035550147", "+1 503 555 0147"),
                     link(SHOP + "/pages/contact", "contact us")]}
    data = interpret(raw, "qxzvbwkj", catalogue_from(evidence()), EN, SHOP)
    assert data["zero_results"] and data["results"] == []
    assert sorted(o["kind"] for o in data["offered"]) == ["category", "contact", "contact", "product"]
    assert data["correction"].startswith("No results for") and not data["query_kept"] and data["query_echoed"]


def test_a_search_that_goes_straight_to_a_product_or_category_says_so() -> None:
    catalogue = catalogue_from(evidence())
    to_product = interpret({"url": SHOP + "/products/dress-shirt", "text": "", "links": [], "h1": "Dress Shirt"},
                           "UX-SH-1006", catalogue, EN, SHOP)
    assert to_product["landed"] == "product" and to_product["results"] == [SHOP + "/products/dress-shirt"]
    catalogue.categories.append(Category(name="Jackets", url=SHOP + "/collections/jackets"))
    to_category = interpret({"url": SHOP + "/collections/jackets", "text": "", "links": []}, "jackets", catalogue, EN,
                            SHOP)
    assert to_category["landed"] == "category" and not to_category["zero_results"]
