"""The public API: profiles, flaw validation, start/stop, many stores at once."""

from __future__ import annotations

import dataclasses
import json
import time
import urllib.request

import pytest

from uxaudit.demo import PROFILES, DemoStore, Flaws, serve_forever


def test_profiles_are_flaws_and_good_is_default() -> None:
    assert set(PROFILES) == {"good", "average", "poor"}
    assert all(isinstance(f, Flaws) for f in PROFILES.values())
    assert PROFILES["good"] == Flaws()
    assert PROFILES["poor"] != PROFILES["average"] != PROFILES["good"]


def test_flaws_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROFILES["good"].heavy_images = True  # type: ignore[misc]


def test_poor_turns_every_switch_away_from_good() -> None:
    good, poor = PROFILES["good"].as_dict(), PROFILES["poor"].as_dict()
    assert [name for name in good if good[name] == poor[name]] == []


def test_unknown_flaw_name_lists_accepted_names() -> None:
    with pytest.raises(ValueError, match="accepted names.*heavy_images"):
        DemoStore("good", heavy_imagez=True)


def test_bad_flaw_value_and_profile_are_rejected() -> None:
    with pytest.raises(ValueError, match="search_mode"):
        DemoStore("good", search_mode="fuzzy")
    with pytest.raises(ValueError, match="heavy_images"):
        DemoStore("good", heavy_images="yes")
    with pytest.raises(ValueError, match="profile"):
        DemoStore("terrible")


def test_overrides_apply_on_top_of_profile() -> None:
    store = DemoStore("poor", guest_checkout="first")
    assert store.flaws.guest_checkout == "first"
    assert store.flaws.heavy_images is True


def test_start_is_fast_and_url_is_loopback() -> None:
    begin = time.perf_counter()
    store = DemoStore("good")
    url = store.start()
    try:
        assert time.perf_counter() - begin < 0.5
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert store.url == url
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200
    finally:
        store.stop()
    store.stop()  # twice is fine


def test_context_manager_and_many_stores_at_once() -> None:
    with DemoStore("good") as a, DemoStore("poor") as b, DemoStore("average") as c:
        urls = {a.url, b.url, c.url}
        assert len(urls) == 3
        for store in (a, b, c):
            with urllib.request.urlopen(store.url + "__demo/state", timeout=10) as r:
                state = json.load(r)
            assert state["profile"] == store.profile
            assert state["orders_placed"] == 0
            assert state["flaws"] == store.flaws.as_dict()


def test_serve_forever_is_exported() -> None:
    assert callable(serve_forever)
