"""Every installed check loads through the entry-point group and declares complete metadata."""

from __future__ import annotations

import re

import pytest

from uxaudit.categories import BY_ID
from uxaudit.check import Check
from uxaudit.evidence import VIEWPORTS
from uxaudit.registry import discover

BUILT_IN = {"load-speed": "speed", "mobile-friendly": "mobile", "product-page": "product"}
CHECKS, BROKEN = discover()


def test_the_first_three_built_in_checks_load() -> None:
    loaded = {c.id: c.category for c in CHECKS}
    assert {k: loaded.get(k) for k in BUILT_IN} == BUILT_IN
    assert [b for b in BROKEN if b.name in BUILT_IN] == []


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_metadata_is_complete(check: Check) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9-]*", check.id)
    assert check.title and check.failure_title and check.failure_title != check.title
    assert check.category in BY_ID
    assert 0 < check.weight
    assert len(check.description) > 40 and check.fix
    assert check.sources and all(s.title and (s.url or s.figure) for s in check.sources)
    assert check.requires and all(re.fullmatch(r"(pages|journey)(:[a-z-]+)?", r) for r in check.requires)
    assert check.viewports and set(check.viewports) <= set(VIEWPORTS)
    assert type(check).judge is not Check.judge
