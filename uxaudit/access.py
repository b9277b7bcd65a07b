"""Access to protected stores: HTTP basic auth, extra headers, cookies and a Playwright storage state.

Staging and preview deployments sit behind basic auth, a bypass header (Cloudflare Access,
Vercel deployment protection) or a login. :class:`Access` turns the user's settings into
what every browser context (pages and journeys) and the request context (robots.txt,
sitemaps) need, and keeps the secrets to the audited site:

* credentials are offered only to the audited origin (Playwright's ``http_credentials.origin``);
* headers are added only to requests to the audited site, by a route: a bypass token must
  not reach a CDN, an analytics host or a payment widget;
* cookies are set for the audited host only; a storage state file is used as it is.

The values are secrets. They never reach audit.json (:func:`public` records names only),
the report, the terminal or an error message: parse errors say what is wrong, never the value.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Route

from uxaudit.crawl import same_site
from uxaudit.errors import UsageError
from uxaudit.settings import Settings

if TYPE_CHECKING:
    from uxaudit.config import Config

CREDENTIALS_ENV = "UXAUDIT_HTTP_CREDENTIALS"
"""USER:PASSWORD for basic auth when --http-credentials (or the config file) does not give them."""
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
"""An HTTP header name or a cookie name (RFC 9110 token)."""
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
"""Characters no header or cookie value may hold (tab is allowed)."""
_SAME_SITE = ("Strict", "Lax", "None")


def parse_credentials(value: str, where: str = "--http-credentials") -> tuple[str, str]:
    """``USER:PASSWORD`` → (user, password); the password may contain colons."""
    user, colon, password = value.partition(":")
    if not colon or not user:
        raise UsageError(f"{where} must be USER:PASSWORD (the value is not shown)")
    return user, password


def parse_header(value: str, where: str = "--header") -> tuple[str, str]:
    """``Name: value`` → (name, value)."""
    name, colon, text = value.partition(":")
    name = name.strip()
    if not colon or not _TOKEN.match(name) or _CONTROL.search(text):
        raise UsageError(f"{where} must be 'Name: value' with a valid header name and no line breaks "
                         "(the value is not shown)")
    return name, text.strip()


def parse_cookie(value: str, where: str = "--cookie") -> tuple[str, str]:
    """``name=value`` → (name, value)."""
    name, equals, text = value.partition("=")
    name = name.strip()
    if not equals or not _TOKEN.match(name) or _CONTROL.search(text) or ";" in text:
        raise UsageError(f"{where} must be name=value with a valid cookie name, and no ';' or line breaks "
                         "(the value is not shown)")
    return name, text.strip()


def load_storage_state(path: str | Path, where: str = "--storage-state") -> dict[str, Any]:
    """Read and check a Playwright storage state file (``context.storage_state(path=...)``'s output).

    Missing fields Playwright requires are filled with its own defaults; anything malformed
    is a UsageError naming the file and the entry, never a value.
    """
    source = Path(path)
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{where}: no file at {source}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{where}: cannot read {source}: {type(exc).__name__}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}: {source} is not valid JSON (line {exc.lineno})") from None
    if not isinstance(document, dict):
        raise UsageError(f"{where}: {source} must hold a JSON object with 'cookies' and 'origins'")
    unknown = sorted(set(document) - {"cookies", "origins"})
    if unknown:
        raise UsageError(f"{where}: {source} has unknown key {unknown[0]!r}; a storage state has cookies, origins")

    def bad(entry: str, problem: str) -> UsageError:
        return UsageError(f"{where}: {source}: {entry} {problem}")

    def entries(key: str) -> list[tuple[str, Any]]:
        """``document[key]`` as (label for messages, item) pairs; it must be a list."""
        items = document.get(key, [])
        if not isinstance(items, list):
            raise bad(key, "must be a list")
        return [(f"{key}[{index}]", item) for index, item in enumerate(items)]

    cookies: list[dict[str, Any]] = []
    for entry, cookie in entries("cookies"):
        if not isinstance(cookie, dict):
            raise bad(entry, "must be an object")
        for key in ("name", "value", "domain", "path"):
            if not isinstance(cookie.get(key), str):
                raise bad(entry, f"needs a string {key!r}")
        expires = cookie.get("expires", -1)
        if isinstance(expires, bool) or not isinstance(expires, (int, float)):
            raise bad(entry, "has a non-numeric 'expires'")
        same = cookie.get("sameSite", "Lax")
        if same not in _SAME_SITE:
            raise bad(entry, f"has sameSite other than {', '.join(_SAME_SITE)}")
        cookies.append({"name": cookie["name"], "value": cookie["value"], "domain": cookie["domain"],
                        "path": cookie["path"], "expires": expires, "httpOnly": bool(cookie.get("httpOnly", False)),
                        "secure": bool(cookie.get("secure", False)), "sameSite": same})
    origins: list[dict[str, Any]] = []
    for entry, origin in entries("origins"):
        if not isinstance(origin, dict) or not isinstance(origin.get("origin"), str):
            raise bad(entry, "needs a string 'origin'")
        storage = origin.get("localStorage", [])
        if not isinstance(storage, list) or not all(
                isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("value"), str)
                for item in storage):
            raise bad(entry, "needs 'localStorage' as a list of {name, value} strings")
        origins.append({"origin": origin["origin"],
                        "localStorage": [{"name": i["name"], "value": i["value"]} for i in storage]})
    return {"cookies": cookies, "origins": origins}


def validate(settings: Settings) -> None:
    """Check every access setting now (exit 2 before Chromium starts), without keeping anything."""
    Access.from_settings(settings, "http://localhost/")


def public(settings: Settings) -> dict[str, Any]:
    """What audit.json says about access: whether each was used, and names, never values."""
    return {
        "http_credentials": settings.http_credentials is not None,
        "headers": [parse_header(h)[0] for h in settings.headers],
        "cookies": [parse_cookie(c)[0] for c in settings.cookies],
        "storage_state": settings.storage_state is not None,
    }


def in_use(settings: Settings) -> bool:
    return bool(settings.http_credentials is not None or settings.headers or settings.cookies
                or settings.storage_state is not None)


@dataclass(frozen=True)
class Access:
    """The audited site's access secrets, ready for Playwright; ``repr`` shows none of them."""

    origin: str
    credentials: tuple[str, str] | None = field(default=None, repr=False)
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    cookies: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    storage_state: dict[str, Any] | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings, origin: str) -> Access:
        return cls(
            origin=origin,
            credentials=parse_credentials(settings.http_credentials) if settings.http_credentials is not None else None,
            headers=dict(parse_header(h) for h in settings.headers),
            cookies=tuple(parse_cookie(c) for c in settings.cookies),
            storage_state=load_storage_state(settings.storage_state) if settings.storage_state is not None else None,
        )

    def context_options(self) -> dict[str, Any]:
        """Keyword arguments for ``browser.new_context``: credentials and the storage state file."""
        options: dict[str, Any] = {}
        if self.credentials is not None:
            user, password = self.credentials
            # The request context sends them up front; Chromium answers the origin's 401 challenge.
            options["http_credentials"] = {"username": user, "password": password, "origin": self.origin,
                                           "send": "always"}
        if self.storage_state is not None:
            options["storage_state"] = self.storage_state
        return options

    def request_options(self) -> dict[str, Any]:
        """Keyword arguments for ``playwright.request.new_context`` (robots.txt and sitemaps: same site only)."""
        options = self.context_options()
        if self.cookies:
            state = self.storage_state or {"cookies": [], "origins": []}
            parts = urlsplit(self.origin)
            mine = [{"name": name, "value": value, "domain": parts.hostname or "", "path": "/", "expires": -1,
                     "httpOnly": False, "secure": parts.scheme == "https", "sameSite": "Lax"}
                    for name, value in self.cookies]
            options["storage_state"] = {"cookies": [*state["cookies"], *mine], "origins": state["origins"]}
        if self.headers:
            options["extra_http_headers"] = dict(self.headers)
        return options

    async def install(self, context: BrowserContext) -> None:
        """Set the cookies for the audited host only (not its subdomains), and add the headers to
        ``context``'s requests to the audited site (a route; none without headers)."""
        if self.cookies:
            await context.add_cookies([{"name": name, "value": value, "url": self.origin}
                                       for name, value in self.cookies])
        if not self.headers:
            return
        origin, extra = self.origin, dict(self.headers)

        async def site_headers(route: Route) -> None:
            request = route.request
            if same_site(request.url, origin):
                await route.fallback(headers={**await request.all_headers(), **extra})
            else:
                await route.fallback()

        await context.route("**/*", site_headers)


def add_options(parser: argparse.ArgumentParser) -> None:
    """The access options of `audit`, `gate`, `compare` (which refuses them) and `demo`."""
    parser.add_argument("--http-credentials", metavar="USER:PASSWORD",
                        help=f"HTTP basic auth for the audited site only (default: ${CREDENTIALS_ENV}); never saved")
    parser.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'", dest="headers",
                        help="send this header to the audited site only (repeatable); only its name is saved")
    parser.add_argument("--cookie", action="append", default=[], metavar="NAME=VALUE", dest="cookies",
                        help="set this cookie for the audited host (repeatable); only its name is saved")
    parser.add_argument("--storage-state", metavar="FILE",
                        help="a Playwright storage state JSON (cookies, localStorage) for a logged-in session")


def access_settings(args: argparse.Namespace, config: Config | None = None,
                    environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Settings keywords for access: flags first, then the config file, then the environment; checked."""
    values: dict[str, Any] = {
        "http_credentials": (args.http_credentials or (config.http_credentials if config else None)
                             or from_environment(environ)),
        "headers": tuple(args.headers) or (config.headers if config and config.headers else ()),
        "cookies": tuple(args.cookies) or (config.cookies if config and config.cookies else ()),
        "storage_state": args.storage_state or (str(config.storage_state) if config and config.storage_state else None),
    }
    validate(Settings(**values))
    return values


_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_environment(value: str, environ: dict[str, str] | None = None) -> str:
    """Replace each ``${NAME}`` with that environment variable; KeyError(NAME) if it is not set."""
    env = environ if environ is not None else os.environ

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in env:
            raise KeyError(name)
        return env[name]

    return _VARIABLE.sub(one, value)


def refuse_access(args: argparse.Namespace, settings: Settings) -> Settings:
    """`compare` audits other people's stores with one set of settings: secrets would reach all of them.

    Access flags are a usage error there, and $UXAUDIT_HTTP_CREDENTIALS is not used.
    """
    given = [flag for flag, value in (("--http-credentials", args.http_credentials), ("--header", args.headers),
                                      ("--cookie", args.cookies), ("--storage-state", args.storage_state)) if value]
    if given:
        raise UsageError(f"compare does not take {', '.join(given)}: every store would receive them; "
                         "audit a protected store with `uxaudit audit` instead")
    return replace(settings, http_credentials=None, headers=(), cookies=(), storage_state=None)


def from_environment(environ: dict[str, str] | None = None) -> str | None:
    """Basic-auth credentials from UXAUDIT_HTTP_CREDENTIALS, if set and not empty."""
    value = (environ if environ is not None else os.environ).get(CREDENTIALS_ENV, "")
    return value or None


__all__ = ["CREDENTIALS_ENV", "Access", "access_settings", "add_options", "expand_environment",
           "from_environment", "in_use", "load_storage_state", "parse_cookie",
           "parse_credentials", "parse_header", "public", "refuse_access", "validate"]
