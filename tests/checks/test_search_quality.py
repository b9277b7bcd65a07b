"""search-quality judged from plain journey evidence: each probe's rule, n/a probes, no search box."""

from __future__ import annotations

from typing import Any

from uxaudit.checks.search_quality import WEIGHTS, SearchQuality, overlap

from uxaudit.evidence import (
    JourneyEvidence,
    JourneyStep,
    Screenshot,
    SiteEvidence,
    Viewport,
    ViewportEvidence,
)

SHOP = "https://shop.example"
SHIRT = f"{SHOP}/products/oxford-shirt"
DRESS = [f"{SHOP}/products/{slug}" for slug in ("shirt-dress", "wrap-dress", "midi-dress")]
SNEAKERS = [f"{SHOP}/products/{slug}" for slug in ("court-sneakers", "runner-sneakers")]


def box_step(found: str = "field", in_first_viewport: bool = True, **extra: Any) -> JourneyStep:
    data = {"probe": "search_box", "found": found, "selector": "#q" if found != "none" else None,
            "box": {"x": 300, "y": 20, "width": 400, "height": 40} if found != "none" else None,
            "in_first_viewport": in_first_viewport, "in_header": True, "hidden_fields": 0, **extra}
    return JourneyStep(name="search-box", stage="search", url=SHOP + "/", data=data,
                       screenshot=Screenshot(path="screenshots/journey-search-box-desktop.jpg", width=1350, height=940))


def search(probe: str, query: str, results: list[str] | None = None, titles: list[str] | None = None,
           expected: dict[str, Any] | None = None, **extra: Any) -> JourneyStep:
    results = results or []
    data = {"probe": probe, "query": query, "expected": expected or {}, "results": results,
            "result_titles": titles if titles is not None else [u.rsplit("/", 1)[-1] for u in results],
            "zero_results": not results, "landed": "results", "url": f"{SHOP}/search?q={query}",
            "field_selector": "#q", "correction": "", "offered": [], "help_links": [], "query_kept": True,
            "query_echoed": True, **extra}
    return JourneyStep(name=f"search-{probe}", stage="search", url=data["url"], data=data,
                       screenshot=Screenshot(path=f"screenshots/journey-search-{probe}-desktop.jpg", width=1350,
                                             height=940))


def good_steps() -> list[JourneyStep]:
    product = {"product_urls": [SHIRT], "product_name": "Oxford Shirt"}
    return [
        box_step(),
        JourneyStep(name="search-autocomplete", stage="search", url=SHOP + "/",
                    data={"probe": "autocomplete", "query": "oxf", "typed": "oxf", "appeared": True,
                          "suggestions": [{"text": "Oxford Shirt", "href": SHIRT}], "field_selector": "#q"}),
        search("exact", "Oxford Shirt", [SHIRT], ["Oxford Shirt"], product),
        search("sku", "UX-SH-1002", [SHIRT], ["Oxford Shirt"], product),
        search("typo", "Oxfrd Shirt", [SHIRT], ["Oxford Shirt"],
               {**product, "misspelt": "oxford", "as": "oxfrd"}, compare_with="Oxford Shirt"),
        search("product_type", "dresses", DRESS, ["Shirt Dress", "Wrap Dress", "Midi Dress"],
               {"category_name": "Dresses", "category_url": f"{SHOP}/collections/dresses", "head": "dress",
                "product_urls": DRESS}),
        search("plural", "dress", DRESS, compare_with="dresses"),
        search("synonym_base", "sneakers", SNEAKERS),
        search("synonym", "trainers", SNEAKERS, expected={"catalogue_word": "sneakers"}, compare_with="sneakers"),
        search("word_order", "shirt dress", DRESS, ["Shirt Dress", "Wrap Dress", "Dress Shirt"],
               {"head": "dress", "head_products": ["Shirt Dress", "Wrap Dress"]}),
        search("non_product", "returns", [], help_links=[{"policy": "returns", "url": f"{SHOP}/pages/returns"}],
               expected={"help_urls": {"returns": f"{SHOP}/pages/returns"}}),
        search("zero_results", "qxzvbwkj", [], offered=[{"kind": "category", "url": f"{SHOP}/collections/dresses",
                                                         "text": "Dresses"}]),
    ]


def judge(steps: list[JourneyStep], viewport: Viewport = "desktop", **data: Any):
    journey = JourneyEvidence(name="search", viewport=viewport, steps=steps, completed=True, data=data)
    evidence = ViewportEvidence(viewport=viewport, site=SiteEvidence(start_url=SHOP + "/", origin=SHOP), pages=[],
                                journeys={"search": journey})
    return SearchQuality().run(evidence)


def replace(steps: list[JourneyStep], probe: str, step: JourneyStep) -> list[JourneyStep]:
    return [step if s.data.get("probe") == probe else s for s in steps]


def test_a_search_that_passes_every_probe_scores_100() -> None:
    result = judge(good_steps())
    assert result.status == "pass" and result.score == 1.0 and not result.findings
    assert set(result.details["probes"]) == set(WEIGHTS)  # type: ignore[arg-type]


def test_exact_name_fails_when_the_product_is_not_in_the_top_3() -> None:
    others = [f"{SHOP}/products/p{i}" for i in range(4)]
    steps = replace(good_steps(), "exact", search("exact", "Oxford Shirt", [*others, SHIRT], ["A", "B", "C", "D", "E"],
                                                  {"product_urls": [SHIRT], "product_name": "Oxford Shirt"}))
    result = judge(steps)
    finding = next(f for f in result.findings if "exact product name" in f.message)
    assert "“Oxford Shirt”" in finding.message and "“A”, “B”, “C”" in finding.message
    assert finding.url == f"{SHOP}/search?q=Oxford Shirt" and finding.viewport == "desktop"
    assert finding.selector == "#q" and finding.screenshot == "screenshots/journey-search-exact-desktop.jpg"
    assert result.score is not None and result.score <= 0.89


def test_a_search_that_goes_straight_to_the_product_passes() -> None:
    step = search("sku", "UX-SH-1002", [SHIRT], ["Oxford Shirt"],
                  {"product_urls": [SHIRT], "product_name": "Oxford Shirt"}, landed="product", url=SHIRT)
    result = judge(replace(good_steps(), "sku", step))
    assert result.details["probes"]["sku"]["score"] == 1.0  # type: ignore[index]


def test_typo_passes_with_a_correction_and_fails_with_nothing() -> None:
    expected = {"product_urls": [SHIRT], "product_name": "Oxford Shirt", "misspelt": "oxford", "as": "oxfrd"}
    corrected = search("typo", "Oxfrd Shirt", [], expected=expected, compare_with="Oxford Shirt",
                       correction="Did you mean “oxford shirt”?")
    assert judge(replace(good_steps(), "typo", corrected)).status == "pass"
    nothing = search("typo", "Oxfrd Shirt", [], expected=expected, compare_with="Oxford Shirt")
    result = judge(replace(good_steps(), "typo", nothing))
    finding = next(f for f in result.findings if "misspelt" in f.message)
    assert "“oxford” misspelt as “oxfrd”" in finding.message and "gave “Oxford Shirt”" in finding.message
    assert result.status == "warn" and result.details["probes"]["typo"]["score"] == 0.0  # type: ignore[index]


def test_plural_and_synonym_compare_result_overlap() -> None:
    assert overlap(["/a", "/b", "/c", "/d", "/e"], ["/a", "/b", "/c", "/d"]) == 0.8
    assert overlap([], []) is None and overlap(["/a"], []) == 0.0
    few = search("plural", "dress", DRESS[:1], compare_with="dresses")
    result = judge(replace(good_steps(), "plural", few))
    assert result.details["probes"]["plural"]["score"] == 0.0  # type: ignore[index]
    assert any("“dress” and “dresses” gave different results (33% the same)" in f.message for f in result.findings)
    none = search("synonym", "trainers", [], expected={"catalogue_word": "sneakers"}, compare_with="sneakers")
    result = judge(replace(good_steps(), "synonym", none))
    assert any("“trainers” gave no results, “sneakers” gave" in f.message for f in result.findings)


def test_product_type_passes_on_a_redirect_to_the_category() -> None:
    url = f"{SHOP}/collections/dresses"
    step = search("product_type", "dresses", [], expected={"category_name": "Dresses", "category_url": url,
                                                           "head": "dress", "product_urls": DRESS},
                  landed="category", url=url, zero_results=False)
    assert judge(replace(good_steps(), "product_type", step)).details["probes"]["product_type"]["score"] == 1.0  # type: ignore[index]


def test_word_order_needs_the_head_noun_first() -> None:
    step = search("word_order", "shirt dress", [SHIRT, DRESS[0]], ["Dress Shirt", "Shirt Dress"],
                  {"head": "dress", "head_products": ["Shirt Dress"]})
    result = judge(replace(good_steps(), "word_order", step))
    assert result.details["probes"]["word_order"]["score"] == 0.0  # type: ignore[index]


def test_zero_results_dead_end_fails_and_missing_query_only_warns() -> None:
    dead = search("zero_results", "qxzvbwkj", [], query_kept=False, query_echoed=False)
    result = judge(replace(good_steps(), "zero_results", dead))
    finding = next(f for f in result.findings if "dead end" in f.message)
    assert finding.severity == "fail" and "neither kept" in finding.message
    offered = [{"kind": "product", "url": SHIRT, "text": "Oxford Shirt"}]
    forgetful = search("zero_results", "qxzvbwkj", [], query_kept=False, query_echoed=False, offered=offered)
    result = judge(replace(good_steps(), "zero_results", forgetful))
    assert result.details["probes"]["zero_results"]["score"] == 0.5  # type: ignore[index]
    assert [f.severity for f in result.findings] == ["warn"]


def test_no_autocomplete_fails_its_probe() -> None:
    step = JourneyStep(name="search-autocomplete", stage="search", url=SHOP + "/",
                       data={"probe": "autocomplete", "query": "oxf", "typed": "oxf", "appeared": False,
                             "suggestions": [], "field_selector": "#q", "url": SHOP + "/"})
    result = judge(replace(good_steps(), "autocomplete", step))
    assert any(f.message.startswith("Typing “oxf” into the search field showed no suggestions") for f in result.findings)


def test_search_box_behind_an_icon_warns_on_desktop_only() -> None:
    icon = box_step("icon", opener_selector="header .search-toggle",
                    opener_box={"x": 1200, "y": 20, "width": 48, "height": 48})
    desktop = judge(replace(good_steps(), "search_box", icon))
    assert desktop.details["probes"]["search_box"]["score"] == 0.5  # type: ignore[index]
    assert desktop.findings[0].selector == "header .search-toggle" and desktop.findings[0].severity == "warn"
    mobile = judge(replace(good_steps(), "search_box", icon), viewport="mobile")
    assert mobile.details["probes"]["search_box"]["score"] == 1.0 and not mobile.findings  # type: ignore[index]


def test_probes_the_catalogue_cannot_support_are_not_applicable() -> None:
    steps = [s for s in good_steps() if s.data.get("probe") not in ("sku", "synonym", "synonym_base")]
    result = judge(steps, skipped={"sku": "no SKU was found", "synonym": "no synonym pair"})
    assert result.score == 1.0
    assert result.details["not_applicable"] == {"sku": "no SKU was found", "synonym": "no synonym pair"}
    assert "2 not applicable (synonym, SKU)" in result.summary


def test_no_search_box_fails_unless_a_field_hides_in_the_markup() -> None:
    result = judge([box_step("none", in_first_viewport=False)])
    assert result.status == "fail" and result.score == 0.0
    assert "No search box was found" in result.findings[0].message and result.findings[0].url == SHOP + "/"
    hidden = judge([box_step("none", in_first_viewport=False, hidden_fields=1)])
    assert hidden.status == "n/a" and "could not reveal" in (hidden.reason or "")


def test_a_journey_that_stopped_before_any_query_is_not_evaluated() -> None:
    journey = JourneyEvidence(name="search", viewport="mobile", steps=[box_step()], stopped_reason="stopped after 180 s")
    evidence = ViewportEvidence(viewport="mobile", site=SiteEvidence(start_url=SHOP + "/", origin=SHOP), pages=[],
                                journeys={"search": journey})
    result = SearchQuality().run(evidence)
    assert result.status == "n/a" and "stopped after 180 s" in (result.reason or "")
