"""Compact builders of plain evidence objects for check tests: no browser involved."""

from __future__ import annotations

from itertools import count
from typing import Any

from uxaudit.evidence import (
    Box,
    Element,
    Fonts,
    Image,
    Layout,
    PageEvidence,
    PageKind,
    Screenshot,
    SiteEvidence,
    Timings,
    Viewport,
    ViewportEvidence,
)

_ids = count(1)
ORIGIN = "https://shop.example"


def box(x: float, y: float, width: float, height: float) -> Box:
    return Box(x=x, y=y, width=width, height=height)


def page(kind: PageKind = "home", viewport: Viewport = "mobile", path: str | None = None, **fields: Any) -> PageEvidence:
    """A loaded page with a screenshot; any PageEvidence field can be given as a keyword."""
    url = f"{ORIGIN}{path or '/' + kind + '/' + str(next(_ids))}"
    data: dict[str, Any] = {
        "id": f"{viewport}-{kind}-{next(_ids)}", "url": url, "final_url": url, "kind": kind, "viewport": viewport,
        "status": 200, "screenshot": Screenshot(path=f"shots/{kind}.png", width=412, height=823),
    }
    data.update(fields)
    return PageEvidence.model_validate(data)


def evidence(*pages: PageEvidence, viewport: Viewport | None = None,
             policy_links: dict[str, str] | None = None) -> ViewportEvidence:
    vp: Viewport = viewport or (pages[0].viewport if pages else "mobile")
    site = SiteEvidence(start_url=ORIGIN + "/", origin=ORIGIN, policy_links=policy_links or {})
    return ViewportEvidence(viewport=vp, site=site, pages=list(pages))


def timings(**values: Any) -> Timings:
    return Timings(**values)


def target(selector: str, x: float, y: float, width: float, height: float, tag: str = "a", text: str = "",
           href: str | None = None, **fields: Any) -> Element:
    """An interactive element; links get a distinct href unless one is given."""
    if tag == "a" and href is None:
        href = f"{ORIGIN}/{selector.strip('#.').replace(' ', '-')}"
    return Element(selector=selector, tag=tag, text=text, href=href, box=box(x, y, width, height), **fields)


def image(selector: str, src: str, width: float, height: float, natural: tuple[int, int] | None = None,
          x: float = 0, y: float = 0, bytes: int | None = None, alt: str | None = None) -> Image:
    nat = natural or (int(width * 2), int(height * 2))
    return Image(selector=selector, src=src, alt=alt, natural_width=nat[0], natural_height=nat[1],
                 box=box(x, y, width, height), bytes=bytes)


def fonts(**chars_by_px: int) -> Fonts:
    """Fonts from keyword sizes: fonts(px16=800, px10=200) → {"16": 800, "10": 200}."""
    by_px = {k.removeprefix("px").replace("_", "."): v for k, v in chars_by_px.items()}
    return Fonts(total_chars=sum(by_px.values()), chars_by_px=by_px)


def layout(width: int = 412, scroll_width: int | None = None, overflowing: list[Element] | None = None) -> Layout:
    return Layout(viewport_width=width, viewport_height=823, scroll_width=scroll_width or width,
                  document_height=2400, overflowing=overflowing or [])
