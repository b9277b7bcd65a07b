"""`uxaudit compare` end to end on the demo store's three profiles: locally, and on a real Dask cluster.

The Dask test starts a scheduler and two workers with Dask's own CLI on 127.0.0.1, kills
one worker (SIGKILL) while it audits, and still gets every store's result, with the same
verdicts as the local run on the checks whose verdict depends only on what the store serves.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.compare._cluster import dask_cluster
from uxaudit.benchmark.run import AuditJob, DaskBackend, run_stores
from uxaudit.benchmark.stores import from_args
from uxaudit.benchmark.table import build_table, gaps
from uxaudit.cli import main
from uxaudit.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("compare")]

PROFILES = ("good", "average", "poor")
NAMES = ("Good", "Average", "Poor")
OPTIONS = ["--viewport", "mobile", "--journey", "checkout", "--max-products", "1", "--max-categories", "1",
           "--ignore-robots", "--max-rate", "10"]
SETTINGS = Settings(viewports=("mobile",), journeys=("checkout",), max_products=1, max_categories=1,
                    respect_robots=False, max_rate=10)
"""Our own stores: robots.txt ignored and the navigation cap raised, as in tests/conftest.py's audit_store."""
DETERMINISTIC = ("guest-checkout", "shipping-costs-upfront", "product-page", "mobile-friendly", "policy-pages")
"""Checks whose verdict depends on what the store serves, not on the machine's speed.

checkout-friction is left out for now: on the poor profile (account wall) it came out
differently between a local and a Dask run at load average ~20; under investigation."""


@pytest.fixture(scope="session")
def compared(demo_store: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    urls = [demo_store(profile) for profile in PROFILES]
    out = tmp_path_factory.mktemp("compare")
    argv = ["compare", *urls, "--quiet", "--out", str(out), *OPTIONS]
    for name in NAMES:
        argv += ["--name", name]
    assert main(argv) == 0
    return out, urls


def test_ranking_and_exported_table(compared: tuple[Path, list[str]]) -> None:
    out, _ = compared
    table = pd.read_csv(out / "benchmark.csv").set_index("store")
    assert list(table.index) == list(NAMES)
    assert table["audited"].all()
    assert table.at["Good", "overall"] > table.at["Average", "overall"] > table.at["Poor", "overall"]
    assert list(table["rank"]) == [1, 2, 3]
    assert table.at["Good", "reference"] and not table.at["Poor", "reference"]
    assert table.at["Good", "status.guest-checkout"] == "pass"
    assert table.at["Poor", "status.guest-checkout"] == "fail"
    assert table.at["Good", "guest_checkout"] == "guest first"
    assert table.at["Poor", "guest_checkout"] == "account required"
    assert table.at["Good", "shipping_stage"] == "product"
    assert table.at["Good", "lcp_ms.product.mobile"] > 0
    assert pd.isna(table.at["Good", "lcp_ms.product.desktop"])  # mobile only
    for slug in ("good", "average", "poor"):
        assert (out / "stores" / slug / "audit.json").is_file()
        assert (out / "stores" / slug / "report.html").is_file()
    data = json.loads((out / "benchmark.json").read_text())
    assert data["reference"] == "Good" and data["lag"] == []
    assert {"guest-checkout", "shipping-costs-upfront"} <= {g["check"] for g in data["lead"]}
    leads = [g["gap"] for g in data["lead"]]
    assert leads == sorted(leads, reverse=True)


def test_lead_and_lag_seen_from_the_poor_store(compared: tuple[Path, list[str]]) -> None:
    out, _ = compared
    table = pd.read_csv(out / "benchmark.csv").set_index("store", drop=False)
    table.index.name = None
    lead, lag = gaps(table, "Poor")
    assert lead == []
    assert lag[0].gap == min(g.gap for g in lag)
    guest = next(g for g in lag if g.check == "guest-checkout")
    assert guest.rival == "Good" and guest.yours == 0 and guest.theirs == 100


def test_benchmark_report(compared: tuple[Path, list[str]]) -> None:
    out, _ = compared
    html = (out / "benchmark.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "Where you lead" in html and "The decisive checks, side by side" in html
    assert re.search(r'class="thumb t\d+"', html)  # phone screenshots side by side
    assert 'href="stores/good/report.html"' in html


# --- a real Dask cluster ---------------------------------------------------------------------------

@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two single-threaded workers (tests/compare/_cluster.py); all killed afterwards."""
    with dask_cluster(tmp_path) as address:
        yield address


@pytest.mark.filterwarnings("ignore::DeprecationWarning:distributed.*")
def test_on_a_dask_cluster_a_killed_worker_costs_no_store(cluster: str, compared: tuple[Path, list[str]],
                                                          tmp_path: Path) -> None:
    from distributed import Client

    local_out, urls = compared
    stores = from_args(urls, list(NAMES))
    killed: list[int] = []
    lock = threading.Lock()
    workers: dict[str, int] = {}

    def on_event(event: dict[str, Any]) -> None:
        """Kill the first worker process that gets as far as loading a page, once."""
        with lock:
            if event.get("kind") == "start":
                workers[str(event["store"])] = int(str(event["process"]).rsplit(":", 1)[1])
            elif event.get("kind") == "page" and not killed and event.get("store") in workers:
                pid = workers[str(event["store"])]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    with Client(cluster, timeout="60s") as client:
        client.wait_for_workers(2, timeout=120)
        outcomes = run_stores([AuditJob(s, SETTINGS) for s in stores], DaskBackend(cluster, client=client),
                              tmp_path / "out", retries=2, on_event=on_event)
    assert killed, "no worker was killed: the test did not test anything"
    assert [o.store.name for o in outcomes] == list(NAMES)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    remote = build_table(outcomes)
    # "n/a" is a status here, not a missing value
    local = pd.read_csv(local_out / "benchmark.csv", keep_default_na=False, na_values=[""]).set_index("store")
    for name in NAMES:
        for check in DETERMINISTIC:
            assert remote.at[name, f"status.{check}"] == local.at[name, f"status.{check}"], (name, check)
    assert remote.at["Good", "overall"] > remote.at["Poor", "overall"]
