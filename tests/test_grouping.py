"""The test suite's own plumbing: browser tests that share a store's audit must share a worker.

Under ``pytest -n 2 --dist loadgroup`` pytest-xdist tags each grouped test's node id with
its ``xdist_group`` and sends a group to one worker, so a session-cached audit runs once.
pytest 9.2 broke that tagging with pytest-xdist 3.8 (groups were split, every audit ran on
both workers and CI took twice as long); this test fails if it ever silently breaks again.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.xdist_group("grouping-self-test")


def test_grouped_tests_carry_their_group(request: pytest.FixtureRequest) -> None:
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not running under pytest-xdist --dist loadgroup")
    assert request.node.nodeid.endswith("@grouping-self-test"), request.node.nodeid
