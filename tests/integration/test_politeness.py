"""Politeness: robots.txt binds discovery and shopper journeys alike unless the user opts out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import audit_store

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo-robots")]


def test_journeys_stop_where_robots_txt_disallows_and_say_how_to_proceed(demo_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = demo_store("good")  # its robots.txt disallows /cart, /checkout and /account, like a real shop's
    audit = audit_store(url, tmp_path, respect_robots=True, journeys=("checkout",), max_categories=1,
                        max_products=1, viewports=("desktop",), policy_pages=False)
    journey = audit.evidence.journeys[0]
    assert not journey.completed
    assert journey.stopped_reason is not None
    assert journey.stopped_reason.startswith("robots.txt disallows /cart")
    assert journey.stopped_reason.endswith("(use --ignore-robots to audit your own store)")
    assert all("/cart" not in step.url and "/checkout" not in step.url for step in journey.steps)
    guest = audit.judgement.result("guest-checkout", "desktop")
    assert guest.status == "n/a" and "robots.txt disallows" in (guest.reason or "")
