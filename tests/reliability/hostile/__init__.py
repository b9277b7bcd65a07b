"""The hostile store: a stdlib HTTP server on 127.0.0.1 that serves, path by path, every way a
store can go wrong for a crawler (bot walls, redirects off site, pages that never finish,
dialogs, payloads aimed at the report...).

Routes live in the modules of this package, grouped by theme, and register themselves with
:func:`route`. A route is a function of the request that returns a :class:`Reply`, or writes
to the socket itself (``handler``) for the cases that need to misbehave at the HTTP level.
Each :class:`HostileStore` counts the hits per path, so a test can assert what the crawler
asked for and how often.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from uxaudit.demo.server import QuietServer

RouteFunction = Callable[["Request"], "Reply | None"]
_ROUTES: dict[str, RouteFunction] = {}


def route(path: str) -> Callable[[RouteFunction], RouteFunction]:
    """Register ``path`` (exact, or a prefix when it ends in '/*')."""
    def register(function: RouteFunction) -> RouteFunction:
        if path in _ROUTES:
            raise ValueError(f"hostile route {path} registered twice")
        _ROUTES[path] = function
        return function
    return register


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    store: HostileStore
    handler: BaseHTTPRequestHandler
    """The raw handler, for routes that write to (or drop) the socket themselves; they return None."""

    def hits(self) -> int:
        """How many times this path was requested so far, this one included."""
        return self.store.hits[self.path]


def page(title: str, body: str, head: str = "") -> str:
    """A minimal, valid HTML page."""
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<meta name=viewport content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title>{head}</head><body>{body}</body></html>")


def _find(path: str) -> RouteFunction | None:
    if path in _ROUTES:
        return _ROUTES[path]
    prefixes = [p for p in _ROUTES if p.endswith("/*") and path.startswith(p[:-1])]
    return _ROUTES[max(prefixes, key=len)] if prefixes else None


class _Server(QuietServer):
    store: HostileStore


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 30

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        store = self.server.store
        with store.lock:
            store.hits[parts.path] += 1
            store.requests.append((method, self.path, dict(self.headers.items())))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 65536)) if length else b""
        function = _find(parts.path)
        if function is None:
            reply: Reply | None = Reply(404, page("Not found", "<h1>Not found</h1>"))
        else:
            reply = function(Request(method, parts.path, parts.query, dict(self.headers.items()), body,
                                     store, self))
        if reply is None:
            return
        data = reply.body.encode() if isinstance(reply.body, str) else reply.body
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(data)


class HostileStore:
    """One hostile store on 127.0.0.1 (or another loopback address, to play 'another site')."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        from tests.reliability.hostile import routes  # noqa: F401 - registers every route module

        self.host = host
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.state: dict[str, Any] = {}
        """Free-form state for routes that change behaviour between hits."""
        self._server = _Server((host, 0), _Handler)
        self._server.store = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"hostile-store-{host}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._server.server_address[1]}"

    def start(self) -> HostileStore:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()
