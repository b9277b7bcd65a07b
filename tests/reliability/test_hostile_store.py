"""The hostile store itself serves its baseline pages on two loopback addresses."""

from __future__ import annotations

import urllib.request

from tests.reliability.hostile import HostileStore


def test_serves_home_and_counts_hits(hostile: HostileStore, elsewhere: HostileStore) -> None:
    for store in (hostile, elsewhere):
        with urllib.request.urlopen(store.url + "/", timeout=5) as response:
            assert b"Hostile store" in response.read()
        assert store.hits["/"] >= 1
    assert hostile.url != elsewhere.url
