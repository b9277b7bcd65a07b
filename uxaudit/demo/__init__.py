"""The bundled demo store: a small, realistic shop whose UX flaws can be switched on and off.

It powers ``uxaudit demo``, the tests and the benchmarks::

    from uxaudit.demo import DemoStore, Flaws, PROFILES

    with DemoStore("poor", guest_checkout="first") as store:
        audit(store.url)
        assert store.orders_placed == 0

Profiles: ``good`` (every flaw off), ``average`` (a realistic mix), ``poor`` (all bad).
``GET /__demo/state`` returns the order count, profile and flaws as JSON.
"""

from __future__ import annotations

from .flaws import PROFILES, Flaws, resolve
from .server import DemoStore, serve_forever

__all__ = ["PROFILES", "DemoStore", "Flaws", "resolve", "serve_forever"]
