"""Protected corners of the hostile store, as staging stores guard themselves, and a polite-crawling corner.

* ``/access/basic/`` answers 401 without HTTP basic auth (``USER``/``PASSWORD``);
* ``/access/header/`` answers 403 without the header ``X-Staging-Token: HEADER_SECRET``;
* ``/access/cookie/`` answers 403 without the cookie ``staging_pass=COOKIE_SECRET``;
* ``/access/state/`` answers 403 without the cookie ``session=STATE_SECRET`` (a logged-in storage state).

Each protected home page links one category page beside it (also protected), shows a search
box (so the search journey proves it got in), and loads an image from the store named in
``state["access.elsewhere"]`` (another site, which must never receive a secret).

``/polite/`` is a small open shop of tiny pages whose page loads are timed on arrival
(``state["polite.arrivals"]``: (monotonic seconds, path, headers)), so tests can measure
navigations per second at the server.
"""

from __future__ import annotations

import base64
import time

from tests.reliability.hostile import Reply, Request, page, route

USER = "auditor"
PASSWORD = "pw-7f3a1c9e-basic"
HEADER = "X-Staging-Token"
HEADER_SECRET = "hdr-5b2e8d41-token"
COOKIE = "staging_pass"
COOKIE_SECRET = "ck-91c4e7a2-pass"
STATE_COOKIE = "session"
STATE_SECRET = "st-3d6f0b58-session"
SECRETS = (PASSWORD, HEADER_SECRET, COOKIE_SECRET, STATE_SECRET,
           base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode())
"""Every value that must never appear in a report, audit.json or the terminal."""

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def _cookies(request: Request) -> dict[str, str]:
    jar: dict[str, str] = {}
    for part in request.headers.get("Cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            jar[name] = value
    return jar


def _shop(request: Request, section: str) -> Reply:
    """A protected section's page: home (with a category link, a search box and an off-site image) or category."""
    base = f"/access/{section}/"
    off_site = request.store.state.get("access.elsewhere", "")
    image = f"<img src='{off_site}/access/pixel.png' width=1 height=1 alt=''>" if off_site else ""
    if request.path.endswith("/category/shoes"):
        return Reply(body=page("Shoes", f"<h1>Shoes</h1><p>Protected category.</p><a href='{base}'>Home</a>"))
    return Reply(body=page("Protected store", (
        f"<header><nav><a href='{base}category/shoes'>Shoes</a></nav>"
        f"<form action='{base}search' role=search><input type=search name=q aria-label=Search>"
        "<button>Search</button></form></header>"
        f"<main><h1>Protected store</h1><p>Only with the right key.</p>{image}</main>")))


@route("/access/basic/*")
def basic(request: Request) -> Reply:
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    if request.headers.get("Authorization") != expected:
        return Reply(401, page("Unauthorized", "<h1>401</h1>"), headers={"WWW-Authenticate": 'Basic realm="staging"'})
    return _shop(request, "basic")


@route("/access/header/*")
def header(request: Request) -> Reply:
    if request.headers.get(HEADER) != HEADER_SECRET:
        return Reply(403, page("Forbidden", "<h1>403</h1><p>Staging token missing.</p>"))
    return _shop(request, "header")


@route("/access/cookie/*")
def cookie(request: Request) -> Reply:
    if _cookies(request).get(COOKIE) != COOKIE_SECRET:
        return Reply(403, page("Forbidden", "<h1>403</h1><p>Staging cookie missing.</p>"))
    return _shop(request, "cookie")


@route("/access/state/*")
def state(request: Request) -> Reply:
    if _cookies(request).get(STATE_COOKIE) != STATE_SECRET:
        return Reply(403, page("Forbidden", "<h1>403</h1><p>Log in first.</p>"))
    return _shop(request, "state")


@route("/access/pixel.png")
def pixel(request: Request) -> Reply:
    return Reply(body=PIXEL, content_type="image/png")


@route("/polite/*")
def polite(request: Request) -> Reply:
    """A tiny open shop: home links three categories and a few off-site pages; every load is timed."""
    with request.store.lock:
        request.store.state.setdefault("polite.arrivals", []).append(
            (time.monotonic(), request.path, dict(request.headers)))
    if request.path.startswith("/polite/category/"):
        name = request.path.rsplit("/", 1)[-1]
        return Reply(body=page(name.title(), f"<h1>{name.title()}</h1><a href='/polite/'>Home</a>"))
    if request.path == "/polite/sitemap.xml":
        off_site = request.store.state.get("access.elsewhere", "")
        urls = [f"{off_site}/polite/category/elsewhere-sitemap", "/polite/category/boots"]
        body = "".join(f"<url><loc>{u if u.startswith('http') else request.store.url + u}</loc></url>" for u in urls)
        return Reply(body=f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                          f"{body}</urlset>", content_type="application/xml")
    off_site = request.store.state.get("access.elsewhere", "")
    away = (f"<a href='{off_site}/polite/category/elsewhere-nav'>Partner shop</a>" if off_site else "")
    return Reply(body=page("Polite shop", (
        "<header><nav><a href='/polite/category/shoes'>Shoes</a><a href='/polite/category/bags'>Bags</a>"
        f"<a href='/polite/category/hats'>Hats</a>{away}</nav>"
        "<form action='/polite/search' role=search><input type=search name=q aria-label=Search>"
        "<button>Search</button></form></header><main><h1>Polite shop</h1></main>")))
