"""Politeness measured at the server: navigations per second per host, robots.txt's Crawl-delay,
a User-Agent naming uxaudit on every kind of request, and discovery that never leaves the site."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import audit_store
from tests.reliability.hostile import HostileStore
from uxaudit.browser import USER_AGENT_SUFFIX
from uxaudit.bundle import Audit
from uxaudit.politeness import MAX_CRAWL_DELAY_S, Politeness, Waits, within
from uxaudit.settings import Settings

AUDIT: dict[str, Any] = {"max_categories": 3, "max_products": 0, "policy_pages": False, "journeys": ("search",),
                         "max_rate": Settings.max_rate}
"""Four tiny pages in two viewports and the search journey, with uxaudit's default rate cap (audit_store
raises it for the other tests)."""


def _navigations(store: HostileStore) -> list[tuple[float, str, dict[str, str]]]:
    """Page loads of /polite/ as they arrived (the request context's sitemap fetch is not one)."""
    with store.lock:
        arrivals = list(store.state.get("polite.arrivals", []))
    return [a for a in arrivals if not a[1].endswith(".xml")]


JITTER_S = 0.15
"""Turns are taken just before ``page.goto``; a request reaches the server later or earlier than its
turn by the time Playwright and Chromium take to send it (measured: 0.06 s on a quiet machine, up to
0.13 s while the test suite's other worker audits a store), so gaps are checked with this slack. A
missing cap shows as gaps near zero: both viewports' loads of a page start together."""


def _most_in_a_second(times: list[float], window: float = 1 - 2 * JITTER_S) -> int:
    """The most arrivals within any window of a second, less the jitter of the two gaps inside it.

    At the cap, turns are exactly 1 / max_rate apart, so three arrivals span one second, and
    each of the two gaps between them may look short by the jitter (seen once the cap binds on
    every navigation: 0.45 s then 0.44 s)."""
    return max(sum(1 for t in times if start <= t < start + window) for start in times)


def _polite_audit(store: HostileStore, out: Path, robots: str, **settings: Any) -> tuple[Audit, list[Any]]:
    store.state["robots.txt"] = robots
    store.state["polite.arrivals"] = []
    audit = audit_store(store.url + "/polite/", out, **{**AUDIT, **settings})
    return audit, _navigations(store)


@pytest.fixture(scope="module")
def capped(elsewhere: HostileStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One audit of the polite shop with the default rate cap, the other site linked from its nav and sitemap."""
    with HostileStore() as store:
        store.state["access.elsewhere"] = elsewhere.url
        mark = len(elsewhere.requests)
        robots = (f"User-agent: *\nAllow: /\nSitemap: {store.url}/polite/sitemap.xml\n"
                  f"Sitemap: {elsewhere.url}/polite/sitemap.xml\n")
        clock = time.monotonic()
        audit, navigations = _polite_audit(store, tmp_path_factory.mktemp("capped"), robots)
        yield {"audit": audit, "navigations": navigations, "requests": list(store.requests),
               "elsewhere": elsewhere.requests[mark:], "seconds": time.monotonic() - clock}


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_the_default_cap_holds_two_navigations_per_second(capped: dict[str, Any]) -> None:
    assert Settings.max_rate == 2
    navigations = capped["navigations"]
    times = [t for t, _, _ in navigations]
    assert len(times) >= 10  # 4 pages x 2 viewports and the journeys': the viewports' loads start together uncapped
    assert any("/polite/search" in path for _, path, _ in navigations)  # journey navigations are counted
    assert _most_in_a_second(times) <= 2
    assert min(b - a for a, b in pairwise(times)) >= 0.5 - JITTER_S, sorted(b - a for a, b in pairwise(times))
    # over the whole audit the jitter averages out: no more than 2 a second from first to last
    assert (len(times) - 1) / (times[-1] - times[0] + 2 * JITTER_S) <= 2


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_without_a_cap_the_same_audit_comes_in_bursts(tmp_path: Path) -> None:
    """The control: the measurement above would catch an audit that is not capped (both viewports load at once)."""
    with HostileStore() as store:
        _, navigations = _polite_audit(store, tmp_path, "User-agent: *\nAllow: /\n", max_rate=0,
                                       max_categories=1, journeys=())
    times = [t for t, _, _ in navigations]
    assert min(b - a for a, b in pairwise(times)) < 0.5 - JITTER_S


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_every_kind_of_request_names_uxaudit(capped: dict[str, Any]) -> None:
    def agent(headers: dict[str, str]) -> str:
        return next((v for k, v in headers.items() if k.lower() == "user-agent"), "")

    kinds = {"robots.txt": [h for _, path, h in capped["requests"] if path == "/robots.txt"],
             "page": [h for _, path, h in capped["navigations"] if path.startswith("/polite/category/")],
             "journey": [h for _, path, h in capped["navigations"] if path.startswith("/polite/search")]}
    for kind, requests in kinds.items():
        assert requests, kind
        assert all(agent(h).endswith(USER_AGENT_SUFFIX) for h in requests), kind
    assert "uxaudit/" in USER_AGENT_SUFFIX and "(+https://" in USER_AGENT_SUFFIX


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_discovery_never_leaves_the_site(capped: dict[str, Any]) -> None:
    """A nav link and a sitemap entry on the other site, and a sitemap hosted there: none is fetched."""
    assert not [path for _, path, _ in capped["elsewhere"] if path.startswith("/polite/")]
    audited = {page.url for page in capped["audit"].evidence.pages}
    assert audited and all(url.startswith(capped["audit"].evidence.site.origin) for url in audited)
    assert capped["audit"].evidence.site.sitemap_urls == 1  # the same-site entry of the same-site sitemap


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_crawl_delay_spaces_every_navigation(tmp_path: Path) -> None:
    with HostileStore() as store:
        audit, navigations = _polite_audit(store, tmp_path, "User-agent: *\nCrawl-delay: 1\nAllow: /\n",
                                           respect_robots=True, viewports=("desktop",), max_categories=2)
    times = [t for t, _, _ in navigations]
    assert len(times) >= 4 and any("/polite/search" in path for _, path, _ in navigations)
    assert min(b - a for a, b in pairwise(times)) >= 1 - JITTER_S
    assert not [p for p in audit.evidence.problems if "Crawl-delay" in p.reason]


def test_a_crawl_delay_for_uxaudit_wins_and_a_long_one_is_capped() -> None:
    polite = Politeness(max_rate=2)
    assert polite.interval("https://shop.example/") == 0.5
    assert polite.crawl_delay("https://shop.example/", 60) == MAX_CRAWL_DELAY_S
    assert polite.interval("https://shop.example/p/1") == MAX_CRAWL_DELAY_S
    assert polite.interval("https://cdn.example/") == 0.5  # per host
    assert polite.crawl_delay("https://shop.example/", None) is None
    assert Politeness(max_rate=0).interval("https://shop.example/") == 0


def test_turns_are_spaced_per_host_in_order() -> None:
    async def scenario() -> list[float]:
        polite = Politeness(max_rate=10)
        start = time.monotonic()
        stamps: list[float] = []

        async def one(url: str) -> None:
            await polite.turn(url)
            stamps.append(round(time.monotonic() - start, 2))

        await asyncio.gather(*(one("http://a.example/") for _ in range(4)), one("http://b.example/"))
        return stamps

    stamps = asyncio.run(scenario())
    assert stamps[0] < 0.05 and stamps[1] < 0.05  # a.example's first turn and b.example's are immediate
    assert [round(s, 1) for s in sorted(stamps)[2:]] == [0.1, 0.2, 0.3]


def test_a_journey_time_limit_grows_by_the_time_spent_waiting_for_turns() -> None:
    async def journey(waits: Waits) -> str:
        await asyncio.sleep(0.1)
        waits.add(0.3)  # its navigation waited 0.3 s for its turn
        await asyncio.sleep(0.25)
        return "walked"

    async def scenario() -> str:
        waits = Waits()
        return await within(journey(waits), 0.2, waits)

    assert asyncio.run(scenario()) == "walked"
    with pytest.raises(TimeoutError):
        asyncio.run(within(asyncio.sleep(0.3), 0.1, Waits()))


def test_a_capped_crawl_delay_is_reported_and_slows_journeys_to_one_at_a_time() -> None:
    from uxaudit.crawl import robots_parser
    from uxaudit.evidence import AuditEvidence, SiteEvidence
    from uxaudit.runner import Silent, _crawl_delay

    def honour(robots: str) -> tuple[Politeness, AuditEvidence]:
        polite = Politeness(max_rate=2)
        evidence = AuditEvidence(site=SiteEvidence(start_url="https://shop.example/", origin="https://shop.example"))
        _crawl_delay(robots_parser(robots), polite, "https://shop.example/", evidence, Silent())
        return polite, evidence

    polite, evidence = honour("User-agent: *\nCrawl-delay: 60\n")
    assert polite.interval("https://shop.example/") == MAX_CRAWL_DELAY_S and polite.slow("https://shop.example/")
    assert [p.reason for p in evidence.problems] == [
        "robots.txt asks for a Crawl-delay of 60 s; uxaudit waits at most 10 s between page navigations"]
    polite, evidence = honour("User-agent: uxaudit\nCrawl-delay: 1.5\n\nUser-agent: *\nCrawl-delay: 30\n")
    assert polite.interval("https://shop.example/") == 1.5 and not polite.slow("https://shop.example/")
    assert not evidence.problems
