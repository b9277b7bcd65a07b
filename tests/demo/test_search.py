"""Search quality switches: smart vs exact, autocomplete, zero results, search box."""

from __future__ import annotations

import re

import pytest

from uxaudit.demo.search import exact_search, singular, smart_search, within_one_edit


def names(products) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in products]


def result_names(html: str) -> list[str]:
    return re.findall(r'<li class="card">\s*<a href="/products/[^"]+">.*?<h3>([^<]+)</h3>', html, re.DOTALL)


def test_helpers() -> None:
    assert [singular(w) for w in ("dresses", "sneakers", "accessories", "shirts", "dress", "glass")] == [
        "dress", "sneaker", "accessory", "shirt", "dress", "glass"]
    assert within_one_edit("sneakr", "sneaker") and within_one_edit("jakcet", "jacket")
    assert not within_one_edit("snkr", "sneaker")


def test_word_order() -> None:
    assert names(smart_search("shirt dress"))[0] == "Shirt Dress"
    assert names(smart_search("dress shirt"))[0] == "Dress Shirt"
    # the head noun decides the kind: the next results are dresses / shirts
    assert {p.category for p in smart_search("shirt dress")[:3]} == {"dresses"}
    assert {p.category for p in smart_search("dress shirt")[:3]} == {"shirts"}


def test_typo_plural_synonym_type_and_sku() -> None:
    sneakers = set(names(smart_search("sneakers")))
    assert len(sneakers) >= 4
    assert set(names(smart_search("sneakrs"))) == sneakers
    assert set(names(smart_search("sneaker"))) == sneakers
    assert set(names(smart_search("trainers"))) == sneakers
    jackets = names(smart_search("jackets"))
    assert "Wool Overcoat" in jackets and "Denim Jacket" in jackets
    assert set(jackets) == set(names(smart_search("jacket")))
    assert names(smart_search("UX-DR-1001")) == ["Shirt Dress"]
    assert smart_search("qwxzv plorb") == []


def test_exact_is_a_plain_name_substring() -> None:
    assert exact_search("sneakrs") == []
    assert exact_search("trainers") == []
    assert exact_search("jackets") == []
    assert exact_search("UX-DR-1001") == []
    assert set(names(exact_search("SNEAKERS"))) == set(names(smart_search("sneakers")))
    assert names(exact_search("shirt dress")) == ["Shirt Dress"]


def test_smart_vs_exact_over_http(make_store) -> None:  # type: ignore[no-untyped-def]
    _, smart = make_store("good")
    _, exact = make_store("good", search_mode="exact")
    assert "Court Sneakers" in result_names(smart.get("/search?q=sneakrs").text)
    assert result_names(exact.get("/search?q=sneakrs").text) == []
    assert result_names(smart.get("/search?q=dress+shirt").text)[0] == "Dress Shirt"
    assert 'href="/pages/returns"' in smart.get("/search?q=returns").text.split("<main", 1)[1].split("<footer")[0]
    assert 'href="/pages/returns"' not in exact.get("/search?q=returns").text.split("<main", 1)[1].split("<footer")[0]


def test_zero_results(make_store) -> None:  # type: ignore[no-untyped-def]
    _, helpful = make_store("good")
    _, dead = make_store("good", zero_results="dead_end")
    html = helpful.get("/search?q=qwxzv").text
    assert 'value="qwxzv"' in html and "Popular categories" in html and 'href="/pages/contact"' in html
    html = dead.get("/search?q=qwxzv").text
    assert "No results" in html and 'value="qwxzv"' not in html and "Popular categories" not in html


def test_autocomplete(make_store) -> None:  # type: ignore[no-untyped-def]
    _, on = make_store("good")
    _, off = make_store("good", autocomplete=False)
    reply = on.get("/search/suggest?q=sne")
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/json"
    data = reply.json()
    assert data["products"] and all("sneaker" in p["name"].lower() for p in data["products"])
    assert set(data["products"][0]) == {"name", "url", "price", "image"}
    assert 'role="combobox"' in on.get("/").text and "/search/suggest" in on.get("/").text
    assert off.get("/search/suggest?q=sne").status == 404
    assert "/search/suggest" not in off.get("/").text


@pytest.mark.parametrize("box", ["visible", "icon", "none"])
def test_search_box(make_store, box: str) -> None:  # type: ignore[no-untyped-def]
    _, client = make_store("good", search_box=box)
    header = client.get("/").text.split("</header>")[0]
    assert ('type="search"' in header) == (box != "none")
    assert ('class="icon-button search-toggle"' in header) == (box == "icon")
    if box == "icon":
        assert 'id="header-search-panel" hidden' in header
    # the results page works whatever the header shows
    assert client.get("/search?q=shirt").status == 200
