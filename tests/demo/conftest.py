"""Shared helpers for the demo-store tests: plain HTTP against a started store."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from uxaudit.demo import DemoStore


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Reply:
    status: int
    headers: Any
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


class Client:
    """A tiny browser: keeps cookies, follows redirects unless told not to."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self._follow = urllib.request.build_opener(cookies)
        self._stay = urllib.request.build_opener(cookies, _NoRedirect)

    def request(self, path: str, data: dict[str, str] | None = None, follow: bool = True,
                method: str | None = None) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(urllib.parse.urljoin(self.base, path), data=body, method=method)
        opener = self._follow if follow else self._stay
        try:
            with opener.open(req, timeout=20) as r:
                return Reply(r.status, r.headers, r.read(), r.url)
        except urllib.error.HTTPError as e:
            with e:
                return Reply(e.code, e.headers, e.read(), e.url)

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request(path, **kw)

    def post(self, path: str, data: dict[str, str], **kw: Any) -> Reply:
        return self.request(path, data=data, **kw)


@pytest.fixture
def make_store() -> Iterator[Any]:
    """Start stores with any profile/overrides; all are stopped after the test."""
    stores: list[DemoStore] = []

    def make(profile: str = "good", **overrides: Any) -> tuple[DemoStore, Client]:
        store = DemoStore(profile, **overrides)
        stores.append(store)
        return store, Client(store.start())

    yield make
    for store in stores:
        store.stop()


@pytest.fixture(scope="module")
def good() -> Iterator[tuple[DemoStore, str]]:
    with DemoStore("good") as store:
        yield store, store.url
