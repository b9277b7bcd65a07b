"""uxaudit: a storefront UX audit crawler.

Drives a real Chromium through a shop as a shopper would, on a phone and a desktop
viewport, judges what it saw with pluggable checks and writes a scored HTML audit.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
