"""Benchmark: comparing three demo-store profiles, locally and on a local Dask cluster, against one audit.

Not part of `make test`; run with `make benchmark` (or `pytest -m benchmark`). Prints wall
times and their ratio to one single-store audit run the same way (target on a 2-core
machine: 3 stores in at most 2x the time of one, with 2 audits at once). Figures are
noisy on a loaded machine: audits share the cores with everything else.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.compare._cluster import dask_cluster
from uxaudit.benchmark.run import AuditJob, DaskBackend, LocalBackend, run_stores
from uxaudit.benchmark.stores import from_args
from uxaudit.settings import Settings

pytestmark = [pytest.mark.benchmark, pytest.mark.browser, pytest.mark.xdist_group("compare")]

SETTINGS = Settings(viewports=("mobile",), journeys=("checkout",), max_products=1, max_categories=1,
                    respect_robots=False)
TARGET_RATIO = 2.0


def _timed(jobs: list[AuditJob], backend: object, out: Path) -> float:
    start = time.perf_counter()
    outcomes = run_stores(jobs, backend, out)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return seconds


@pytest.mark.filterwarnings("ignore::DeprecationWarning:distributed.*")
def test_three_stores_against_one(demo_store: Callable[..., str], tmp_path: Path) -> None:
    from distributed import Client

    stores = from_args([demo_store(p) for p in ("good", "average", "poor")], ["good", "average", "poor"])
    jobs = [AuditJob(s, SETTINGS) for s in stores]
    # each store alone first: the poor profile is deliberately slow (heavy pages, slow server),
    # so "one audit" is the mean of the three, and their sum is what running them in turn costs
    singles = [_timed([job], LocalBackend(1), tmp_path / f"one-{job.store.slug}") for job in jobs]
    one, in_turn = sum(singles) / len(singles), sum(singles)
    local = _timed(jobs, LocalBackend(2), tmp_path / "local")

    with dask_cluster(tmp_path) as address, Client(address, timeout="60s") as client:
        client.wait_for_workers(2, timeout=120)
        on_dask = _timed(jobs, DaskBackend(address, client=client), tmp_path / "dask")
    load = os.getloadavg()[0]
    print(f"\none store alone: {', '.join(f'{s:.1f}' for s in singles)} s (mean {one:.1f} s, in turn {in_turn:.1f} s); "
          f"three stores locally (--jobs 2): {local:.1f} s = {local / one:.2f}x one; "
          f"on a local Dask cluster (2 workers): {on_dask:.1f} s = {on_dask / one:.2f}x one "
          f"(target <= {TARGET_RATIO}x; load average {load:.1f} on {os.cpu_count()} cores)")
    # the 2x target needs an idle machine; on a loaded one, concurrency must at least not cost time
    assert local <= in_turn * 1.25, "three stores at once took longer than auditing them one after another"


def test_three_equal_stores_against_one(demo_store: Callable[..., str], tmp_path: Path) -> None:
    """The same question with stores of equal cost: the profiles above differ by design (the poor
    one alone takes about twice the mean), which bounds their ratio from below whatever runs them."""
    url = demo_store("good")
    stores = from_args([url, url, url], ["first", "second", "third"])
    jobs = [AuditJob(s, SETTINGS) for s in stores]
    one = _timed(jobs[:1], LocalBackend(1), tmp_path / "one")
    lines = [f"one store alone: {one:.1f} s"]
    for slots in (2, 3):
        seconds = _timed(jobs, LocalBackend(slots), tmp_path / f"jobs-{slots}")
        lines.append(f"three equal stores, --jobs {slots}: {seconds:.1f} s = {seconds / one:.2f}x one")
    print("\n" + "; ".join(lines) + f" (target <= {TARGET_RATIO}x; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")
