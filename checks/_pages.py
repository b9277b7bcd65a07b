"""Small helpers shared by the built-in checks: findings that name a page, and number formats.

Private to ``uxaudit.checks``; third-party checks should not import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal
from urllib.parse import urlsplit

from uxaudit.check import Finding
from uxaudit.evidence import Box, Element, PageEvidence, ViewportEvidence

Severity = Literal["fail", "warn", "info"]


def loaded_pages(evidence: ViewportEvidence) -> list[PageEvidence]:
    """Every page of the viewport that loaded, in discovery order."""
    return [p for p in evidence.pages if p.loaded]


def page_url(page: PageEvidence) -> str:
    """The address the shopper ended up on (after redirects)."""
    return page.final_url or page.url


def finding(
    page: PageEvidence,
    message: str,
    *,
    fix: str,
    element: Element | None = None,
    selector: str | None = None,
    box: Box | None = None,
    value: str | None = None,
    severity: Severity = "fail",
) -> Finding:
    """A finding on one page: URL, viewport, element (when there is one) and screenshot."""
    if element is not None:
        selector = selector or element.selector
        box = box or element.box
    if selector and box is None:
        box = box_of(page, selector)
    return Finding(
        message=message, url=page_url(page), viewport=page.viewport, fix=fix, selector=selector, box=box,
        screenshot=page.screenshot.path if page.screenshot else None, value=value, severity=severity,
    )


def box_of(page: PageEvidence, selector: str) -> Box | None:
    """The box of an element the page evidence names elsewhere (images, targets, overflow)."""
    for image in page.images:
        if image.selector == selector and image.box is not None:
            return image.box
    elements: list[Element] = list(page.interactive)
    if page.layout is not None:
        elements.extend(page.layout.overflowing)
    for element in elements:
        if element.selector == selector and element.box is not None:
            return element.box
    return None


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def weighted(parts: Iterable[tuple[float, float]]) -> float | None:
    """Weighted mean of (score, weight) pairs; None when no weight is left."""
    items = list(parts)
    total = sum(w for _, w in items)
    return sum(s * w for s, w in items) / total if total > 0 else None


def fmt_ms(ms: float) -> str:
    """'850 ms' below a second, '2.4 s' above."""
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def fmt_bytes(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.0f} KB"
    return f"{n:.0f} B"


def fmt_px(value: float) -> str:
    """A CSS length without a needless '.0'."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def file_name(url: str) -> str:
    """The last path segment of a URL, or its host: short enough for a sentence."""
    parts = urlsplit(url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return name or parts.hostname or url


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"
