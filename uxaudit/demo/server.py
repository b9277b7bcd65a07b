"""The HTTP side of the demo store: a threaded stdlib server per :class:`DemoStore`."""

from __future__ import annotations

import threading
import time
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import images
from .flaws import Flaws, resolve
from .state import StoreState
from .views import Request, Response, Shop

MAX_BODY = 64 * 1024
_warm_lock = threading.Lock()
_warm_started = False


def _warm_images_once() -> None:
    """Render the optimised images in the background, once per process."""
    global _warm_started
    with _warm_lock:
        if _warm_started:
            return
        _warm_started = True
    threading.Thread(target=images.warm, name="demo-image-warmup", daemon=True).start()


class QuietServer(ThreadingHTTPServer):
    """A threaded server for test stores that stays quiet about dropped connections."""

    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Browsers drop connections all the time (cancelled images, closed tabs): stay quiet."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _Server(QuietServer):
    shop: Shop
    verbose: bool = False


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "FernwoodShop/1.0"
    sys_version = ""
    timeout = 15

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        form: dict[str, str] = {}
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(Response(413, b"Request too large", "text/plain; charset=utf-8"), method)
                return
            raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            form = dict(parse_qsl(raw, keep_blank_values=True))
        cookies: dict[str, str] = {}
        try:
            jar = SimpleCookie(self.headers.get("Cookie", ""))
            cookies = {k: v.value for k, v in jar.items()}
        except CookieError:
            pass
        request = Request(
            method="GET" if method == "HEAD" else method,
            path=url.path or "/",
            query=dict(parse_qsl(url.query, keep_blank_values=True)),
            form=form,
            cookies=cookies,
            state=self.server.shop.state,
        )
        try:
            response = self.server.shop.handle(request)
        except Exception as exc:  # noqa: BLE001  # pragma: no cover - a bug in the demo should not kill the thread
            self.log_error("error handling %s: %r", self.path, exc)
            response = Response(500, b"Internal server error", "text/plain; charset=utf-8")
        token = request.new_session_token
        if token:
            cookie = f"{StoreState.COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"
            if "Set-Cookie" in response.headers:
                response.headers["Set-Cookie"] += "\n" + cookie
            else:
                response.headers["Set-Cookie"] = cookie
        self._send(response, method)

    def _send(self, response: Response, method: str) -> None:
        delay = response.delay_s
        if response.html:
            delay += self.server.shop.flaws.slow_server_ms / 1000
        if delay:
            time.sleep(delay)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            for line in value.split("\n"):
                self.send_header(name, line)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class DemoStore:
    """A demo shop with switchable UX flaws, served on 127.0.0.1 from a background thread.

    ``DemoStore(profile="good", port=0, **flaw_overrides)``; ``port=0`` picks a free port.
    Unknown flaw names raise ValueError listing the accepted names.
    """

    def __init__(self, profile: str = "good", port: int = 0, *, host: str = "127.0.0.1", verbose: bool = False,
                 **overrides: Any) -> None:
        self.profile = profile if isinstance(profile, str) else "custom"
        self.flaws: Flaws = resolve(profile, **overrides)
        self._host = host
        self._port = port
        self._verbose = verbose
        self._state = StoreState()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def orders_placed(self) -> int:
        """How many POSTs placed an order (safety tests assert this stays 0)."""
        return self._state.orders_placed

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the store is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL with a trailing slash, e.g. ``http://127.0.0.1:8123/``."""
        return f"http://{self._host}:{self.port}/"

    def _bind(self) -> _Server:
        server = _Server((self._host, self._port), _Handler, bind_and_activate=True)
        server.verbose = self._verbose
        server.shop = Shop(self.flaws, self._state, int(server.server_address[1]), self.profile)
        return server

    def start(self) -> str:
        """Start serving in a daemon thread; returns the base URL. Non-blocking."""
        if self._server is not None:
            return self.url
        _warm_images_once()
        self._server = self._bind()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"demo-store-{self.port}", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        """Stop serving and release the port. Safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted."""
        if self._server is None:
            _warm_images_once()
            self._server = self._bind()
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            server, self._server = self._server, None
            if server is not None:
                server.server_close()

    def __enter__(self) -> DemoStore:  # noqa: PYI034
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return f"DemoStore(profile={self.profile!r}, {where})"


def serve_forever(profile: str = "good", port: int = 8000, **overrides: Any) -> None:
    """Run a demo store in the foreground (``uxaudit demo serve``); Ctrl-C exits cleanly."""
    store = DemoStore(profile, port, verbose=True, **overrides)
    store._server = store._bind()
    print(f"Demo store ({profile}) at {store.url}  (Ctrl-C to stop)", flush=True)
    try:
        store.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
