"""Fixtures for the reliability tests: the hostile store, started once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reliability.hostile import HostileStore


@pytest.fixture(scope="session")
def hostile() -> Iterator[HostileStore]:
    """The hostile store on 127.0.0.1; tests read ``hostile.hits`` to see what was asked for."""
    with HostileStore() as store:
        yield store


@pytest.fixture(scope="session")
def elsewhere() -> Iterator[HostileStore]:
    """A second hostile store on 127.0.0.2: 'another site' for off-site redirects and links."""
    with HostileStore("127.0.0.2") as store:
        yield store
