"""The benchmark table from hand-built audits: columns, ranks, metrics from details, lead and lag."""

from __future__ import annotations

import json
import math

import pandas as pd
from _audits import outcome

from uxaudit.benchmark.outputs import to_json
from uxaudit.benchmark.table import build_table, decisive, gaps

GOOD = {"guest-checkout": 1.0, "shipping-costs-upfront": 1.0, "checkout-friction": 0.95, "load-speed": 0.7,
        "product-page": 0.9, "search-quality": None}
RIVAL = {"guest-checkout": 0.0, "shipping-costs-upfront": 0.6, "checkout-friction": 0.97, "load-speed": 0.98,
         "product-page": 0.5, "search-quality": 0.8}
OTHER = {"guest-checkout": 0.7, "shipping-costs-upfront": 0.2, "checkout-friction": 0.5, "load-speed": 0.9,
         "product-page": 0.92, "search-quality": 0.3}
DETAILS = {
    "checkout-friction": {"text_fields": 9, "steps": 3},
    "shipping-costs-upfront": {"first_stage": "cart"},
    "guest-checkout": {"offered": True, "account_required": False, "first_choice": True, "above_fold": False},
}


def frame() -> pd.DataFrame:
    return build_table([
        outcome("Ours", GOOD, details=DETAILS, lcp={"mobile": 2000, "desktop": 800}),
        outcome("Rival", RIVAL, details={"guest-checkout": {"offered": False, "account_required": True},
                                         "shipping-costs-upfront": {"first_stage": None}}),
        outcome("Down", error="cannot load https://down.example/: host not found"),
        outcome("Other", OTHER),
    ], reference=0)


def test_one_row_per_store_with_scores_statuses_and_ranks() -> None:
    table = frame()
    assert list(table.index) == ["Ours", "Rival", "Down", "Other"]
    assert table.at["Ours", "reference"] and not table.at["Rival", "reference"]
    assert table.at["Ours", "check.guest-checkout"] == 100 and table.at["Rival", "check.guest-checkout"] == 0
    assert table.at["Ours", "status.guest-checkout.mobile"] == "pass"
    assert pd.isna(table.at["Ours", "check.search-quality"]) and table.at["Ours", "status.search-quality"] == "n/a"
    assert table.at["Ours", "category.checkout"] == 98 and table.at["Ours", "category.checkout.mobile"] == 98
    overall = {n: table.at[n, "overall"] for n in ("Ours", "Rival", "Other")}
    ranks = sorted(overall, key=lambda n: -overall[n])
    assert [table.at[n, "rank"] for n in ranks] == [1, 2, 3]
    assert not table.at["Down", "audited"] and pd.isna(table.at["Down", "rank"])
    assert table.at["Down", "error"] == "cannot load https://down.example/: host not found"


def test_key_metrics_are_read_from_details_and_pages() -> None:
    table = frame()
    assert table.at["Ours", "lcp_ms.product.mobile"] == 4000  # median of 2000, 4000, 6000
    assert table.at["Ours", "lcp_ms.product.desktop"] == 1600
    assert pd.isna(table.at["Ours", "lcp_ms.home.mobile"])
    assert table.at["Ours", "checkout_fields"] == 9
    assert table.at["Ours", "shipping_stage"] == "cart"
    assert table.at["Ours", "guest_checkout.mobile"] == "guest below the fold"
    assert table.at["Ours", "guest_checkout.desktop"] == "guest first"
    assert table.at["Ours", "guest_checkout"] == "guest below the fold"  # the worse of the two
    assert table.at["Rival", "guest_checkout"] == "account required"
    assert table.at["Rival", "shipping_stage"] == "not shown"
    assert pd.isna(table.at["Other", "checkout_fields"]) and pd.isna(table.at["Other", "guest_checkout"])


def test_lead_and_lag_biggest_gap_first_against_the_best_rival() -> None:
    lead, lag = gaps(frame())
    assert [(g.check, g.rival, g.gap) for g in lead] == [
        ("shipping-costs-upfront", "Rival", 40), ("guest-checkout", "Other", 30)]
    assert [(g.check, g.rival, g.gap) for g in lag] == [("load-speed", "Rival", -28)]
    assert lead[0].base_rate is not None and lead[0].base_rate.text.startswith("43% of stores")
    assert lag[0].your_status == "warn" and lag[0].their_status == "pass"
    # the same table, seen from a rival: what Ours leads on, Rival lags on
    lead, lag = gaps(frame(), "Rival")
    assert [g.check for g in lag][:3] == ["guest-checkout", "product-page", "shipping-costs-upfront"]
    assert "checkout-friction" not in {g.check for g in lead + lag}  # within 5 points of the best


def test_decisive_checks_spread_most() -> None:
    assert decisive(frame(), 2) == ["guest-checkout", "shipping-costs-upfront"]


def test_json_export_has_no_nan_and_round_trips() -> None:
    data = to_json(frame())
    text = json.dumps(data, allow_nan=False)
    back = json.loads(text)
    assert back["reference"] == "Ours"
    assert [s["store"] for s in back["stores"]] == ["Ours", "Rival", "Down", "Other"]
    down = back["stores"][2]
    assert down["audited"] is False and down["overall"] is None and down["rank"] is None
    assert back["lag"][0]["check"] == "load-speed" and back["lead"][0]["base_rate"].startswith("43%")
    for row in back["stores"]:
        assert not any(isinstance(v, float) and math.isnan(v) for v in row.values())
