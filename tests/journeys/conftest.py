"""Session fixtures for the checkout journey's browser tests: each store starts once, each audit runs once.

* ``checkout_demo(profile, **flaws)`` → ``(audit, store)``: a demo store with those flaws,
  audited once per session with only the checkout journey; ``store.orders_placed`` is read
  after the journeys.
* ``oscar_checkout(anon_checkout)`` → ``(audit, store)``: the django-oscar shop (one
  prepared copy per session, one server per setting), audited once per setting with
  ``block_external=True`` (Oscar loads jQuery from a public CDN).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import audit_store
from uxaudit.bundle import Audit

AUDIT_SETTINGS: dict[str, Any] = {"max_products": 1, "max_categories": 1, "journeys": ("checkout",),
                                  "throttle": False}
"""One product page, one category, only the checkout journey, no throttling: quick and enough."""


@pytest.fixture(scope="session")
def checkout_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., tuple[Audit, Any]]]:
    from uxaudit.demo import DemoStore

    runs: dict[tuple[Any, ...], tuple[Audit, Any]] = {}

    def run(profile: str = "good", **flaws: Any) -> tuple[Audit, Any]:
        key = (profile, *sorted(flaws.items()))
        if key not in runs:
            store = DemoStore(profile, **flaws)
            url = store.start()
            out = tmp_path_factory.mktemp("checkout-demo")
            runs[key] = (audit_store(url, out, **AUDIT_SETTINGS), store)
        return runs[key]

    yield run
    for _, store in runs.values():
        store.stop()


@pytest.fixture(scope="session")
def oscar_checkout(oscar: Any, tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], tuple[Audit, Any]]:
    """The session's django-oscar shop (tests/conftest.py), audited once per anonymous-checkout setting."""
    runs: dict[bool, tuple[Audit, Any]] = {}

    def run(anon_checkout: bool) -> tuple[Audit, Any]:
        if anon_checkout not in runs:
            url = oscar.url if anon_checkout else oscar.login_url
            out = tmp_path_factory.mktemp(f"oscar-anon-{anon_checkout}")
            runs[anon_checkout] = (audit_store(url, out, block_external=True, **AUDIT_SETTINGS), oscar.store)
        return runs[anon_checkout]

    return run
