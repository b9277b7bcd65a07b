"""Session-wide test stores and audits: each store starts once, each audit runs once.

Browser tests are grouped (``xdist_group``) by the store they audit, so under
``pytest -n 2 --dist loadgroup`` one worker audits a store and all its tests read that
audit, while the other worker takes another store.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from uxaudit.bundle import Audit
from uxaudit.cli import write
from uxaudit.registry import discover
from uxaudit.runner import collect
from uxaudit.settings import Settings


def audit_store(url: str, out: Path, **settings: Any) -> Audit:
    """Collect, judge and write an audit exactly as `uxaudit audit` does, without the terminal.

    Test stores are our own, so robots.txt (which, like real shops', disallows /cart and
    /checkout) is ignored unless a test asks otherwise. Network and CPU throttling only
    matter to tests that judge speed, which ask for it (``throttle=True``); the others
    run unthrottled, several times faster on a throttled phone profile. The navigation rate
    cap is raised from 2 to 10 a second: still taken turn by turn, it then costs a demo audit
    about 0.1 s of waiting instead of 4-7 s (tests/reliability/test_politeness_limits.py
    measures the default).
    """
    settings.setdefault("respect_robots", False)
    settings.setdefault("max_rate", 10)
    settings.setdefault("throttle", False)
    evidence = asyncio.run(collect(url, Settings(**settings), out))
    return write(evidence, discover()[0], out)


@pytest.fixture(scope="session")
def demo_store() -> Iterator[Callable[..., str]]:
    """Start (once) a demo store with a profile and flaw overrides; returns its URL."""
    from uxaudit.demo import DemoStore

    stores: dict[tuple[Any, ...], DemoStore] = {}

    def start(profile: str = "good", **flaws: Any) -> str:
        key = (profile, *sorted(flaws.items()))
        if key not in stores:
            stores[key] = DemoStore(profile, **flaws)
            stores[key].start()
        return stores[key].url

    yield start
    for store in stores.values():
        store.stop()


@dataclass
class OscarShop:
    """A running django-oscar shop: one server with anonymous checkout, one without."""

    store: Any
    url: str
    """Anonymous (guest) checkout allowed."""
    login_url: str
    """Anonymous checkout off: /checkout/ sends shoppers to the login page."""


@pytest.fixture(scope="session")
def oscar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OscarShop]:
    """The django-oscar shop, prepared (cached across sessions) and started once per session."""
    from tests.stores.oscar_store import OscarStore

    store = OscarStore(tmp_path_factory.mktemp("oscar"))
    store.prepare()
    try:
        yield OscarShop(store=store, url=store.start(anon_checkout=True), login_url=store.start(anon_checkout=False))
    finally:
        store.stop()


@pytest.fixture(scope="session")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., tuple[Audit, Path]]:
    """Audit a URL once per session per settings; returns the audit and its folder."""
    cache: dict[tuple[Any, ...], tuple[Audit, Path]] = {}

    def run(url: str, **settings: Any) -> tuple[Audit, Path]:
        key = (url, *sorted(settings.items()))
        if key not in cache:
            out = tmp_path_factory.mktemp("audit")
            cache[key] = (audit_store(url, out, **settings), out)
        return cache[key]

    return run
