"""uxaudit's exceptions, each mapped to one documented exit code by the CLI.

    UxauditError
    ├── UsageError          bad flags, URL or config             → exit 2
    ├── StoreUnreachable    DNS, refused, TLS, 4xx/5xx, bot wall, off-site or non-HTML start page → exit 3
    ├── BrowserNotFound     no Chromium to drive                  → exit 4
    └── BundleError         audit.json missing, unreadable or of another schema → exit 2
"""

from __future__ import annotations


class UxauditError(Exception):
    """Base of every error uxaudit reports as one line."""

    exit_code = 1


class UsageError(UxauditError):
    """The command line, a URL or a config value is not acceptable."""

    exit_code = 2


class BundleError(UxauditError):
    """A saved audit could not be read."""

    exit_code = 2


class StoreUnreachable(UxauditError):
    """The store's start page could not be loaded, or answered with no store page to audit."""

    exit_code = 3


class BrowserNotFound(UxauditError):
    """No Chromium was found to drive."""

    exit_code = 4
