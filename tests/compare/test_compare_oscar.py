"""`uxaudit compare` with a real django-oscar shop beside the demo store's good profile.

What a human benchmarking the two would say (tests/stores/oscar/FACTS.md has Oscar's facts):
the demo store leads; Oscar's product pages carry no schema.org Product data and its first
shipping cost shows in the basket, while the demo store shows it on the product page; both
let a shopper check out as a guest. The comparison must rank, table and explain exactly that.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import OscarShop
from uxaudit.benchmark.table import gaps
from uxaudit.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.oscar, pytest.mark.xdist_group("compare")]

OPTIONS = ["--viewport", "mobile", "--journey", "checkout", "--max-products", "1", "--max-categories", "1",
           "--ignore-robots", "--block-external", "--quiet"]


@pytest.fixture(scope="module")
def compared(demo_store: Callable[..., str], oscar: OscarShop, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compare-oscar")
    argv = ["compare", demo_store("good"), oscar.url, "--name", "Fernwood", "--name", "Oscar", "--out", str(out),
            *OPTIONS]
    assert main(argv) == 0
    assert oscar.store.order_count() == 0
    return out


def test_the_demo_store_outranks_oscar_and_the_table_says_why(compared: Path) -> None:
    table = pd.read_csv(compared / "benchmark.csv", keep_default_na=False, na_values=[""]).set_index("store")
    assert table["audited"].all()
    assert list(table["rank"]) == [1, 2]
    assert table.at["Fernwood", "overall"] > table.at["Oscar", "overall"]
    assert table.at["Oscar", "status.product-page"] in ("warn", "fail")
    assert table.at["Fernwood", "shipping_stage"] == "product"
    assert table.at["Oscar", "shipping_stage"] == "cart"
    assert table.at["Oscar", "guest_checkout"].startswith("guest")
    assert table.at["Oscar", "lcp_ms.product.mobile"] > 0
    assert (compared / "stores" / "oscar" / "report.html").is_file()


def test_lead_and_lag_name_the_product_data_and_the_late_shipping_cost(compared: Path) -> None:
    table = pd.read_csv(compared / "benchmark.csv").set_index("store", drop=False)
    table.index.name = None
    lead, lag = gaps(table, "Oscar")
    lagging = {g.check: g for g in lag}
    assert {"product-page", "shipping-costs-upfront"} <= set(lagging)
    assert all(g.rival == "Fernwood" and g.theirs > g.yours for g in lag)
    assert [g.gap for g in lag] == sorted(g.gap for g in lag)
    data = json.loads((compared / "benchmark.json").read_text())
    assert data["reference"] == "Fernwood"
    assert {"product-page", "shipping-costs-upfront"} <= {g["check"] for g in data["lead"]}
    assert all(g["check"] not in lagging for g in lead)
