"""mobile-friendly: viewport, zoom, tap targets, legible text and no sideways scrolling on phones.

Judged on the mobile viewport only. Each loaded page gets five sub-scores, combined with
the weights in ``PART_WEIGHTS``; the check's score is the mean over pages. Blocking zoom is
a blocker (it caps the mobile category below 50). Tap targets follow WCAG 2.2 SC 2.5.8:
a target under 24×24 CSS px fails unless a 24 px circle centred on it touches no other
target; a target under 48 px warns when the area of a fingertip (48×48) centred on it
overlaps another target by more than a quarter of its own, as Lighthouse's old audit did.
Links inside a sentence, user-agent-sized checkboxes and radios, and elements outside the
layout viewport are exempt.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

from uxaudit.check import Check, Finding, Source, Verdict
from uxaudit.evidence import Box, Element, PageEvidence, ViewportEvidence

from ._pages import finding, fmt_px, loaded_pages, mean, page_url, plural, weighted

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Pages work on phones"
FAILURE_TITLE = "Pages are hard to use on phones"
DESCRIPTION = (
    "Phone shoppers need a page laid out for their screen: a viewport meta tag with "
    "width=device-width, pinch-zoom left on, targets big enough to tap, text big enough to read "
    "and no sideways scrolling."
)
FIX = (
    "Use <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">, never block zoom, "
    "give links and buttons at least 24×24 px (48×48 is comfortable) with space between them, set body "
    "text at 16 px, and keep every element within the screen width."
)
MSG_NO_VIEWPORT = ("This page has no viewport meta tag: phones lay it out as a 980 px wide desktop page and "
                   "shrink it to fit.")
MSG_VIEWPORT_NO_WIDTH = "The viewport meta tag is \"{content}\", without width=device-width."
MSG_VIEWPORT_SCALE_ONLY = ("The viewport meta tag is \"{content}\": initial-scale works in current browsers, "
                           "but width=device-width is the documented way to fit the screen.")
FIX_VIEWPORT = "Add <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> to the page's <head>."
MSG_ZOOM = ("The viewport meta tag \"{content}\" stops shoppers from zooming ({why}): people who need larger text "
            "cannot read prices or product details.")
WHY_USER_SCALABLE = "user-scalable={value}"
WHY_MAX_SCALE = "maximum-scale={value}, below 5"
FIX_ZOOM = "Remove user-scalable=no and maximum-scale from the viewport meta tag (or set maximum-scale to 5 or more)."
MSG_TARGET_SMALL = ("{name} is {size} px and closer than 24 px to another target: it is hard to tap without "
                    "hitting its neighbour{neighbour}.")
MSG_TARGET_CROWDED = ("{name} is {size} px and a fingertip on it also covers {other}: under 48×48 px, targets "
                      "need room around them.")
MSG_TARGETS_MORE = "{count} more {noun} on this page too small or too close together."
FIX_TARGET_SMALL = ("Make the target at least 24×24 CSS px (padding counts), or keep 24 px between it and the next "
                    "target.")
FIX_TARGET_CROWDED = "Give the target 48×48 px of tappable area (padding) or more space from its neighbours."
MSG_SMALL_TEXT = ("Text at {px} px ({chars} characters): \"{sample}\". Only {share:.0%} of this page's text is at "
                  "12 px or larger; at least 60% should be.")
MSG_SMALL_TEXT_PAGE = ("Only {share:.0%} of this page's text is at 12 px or larger; at least 60% should be, or "
                       "shoppers have to zoom to read.")
MSG_SMALL_TEXT_MORE = "{count} more {noun} under 12 px on this page."
FIX_SMALL_TEXT = "Set body text at 16 px and nothing a shopper needs to read below 12 px."
MSG_BODY_TEXT = ("Most text on this page is set at {px} px ({share:.0%} of characters); 16 px is the comfortable "
                 "size for body text on phones.")
FIX_BODY_TEXT = "Raise the base font size to 16 px (1rem) for body text on small screens."
MSG_OVERFLOW = ("This page scrolls sideways: it is {scroll} px wide on a {vw} px screen. {name} reaches "
                "{right} px.")
MSG_OVERFLOW_PAGE = "This page scrolls sideways: it is {scroll} px wide on a {vw} px screen."
MSG_OVERFLOW_MORE = "{count} more {noun} sticking out past the screen edge."
FIX_OVERFLOW = ("Let the element shrink with the screen (max-width: 100%, flexible widths, wrapping long words and "
                "tables in a scrolling container).")
SUMMARY_OK = "Mobile score {score:.0f}/100 over {pages}; no problems found."
SUMMARY = "Mobile score {score:.0f}/100 over {pages}: {issues}."
ISSUE_VIEWPORT = "no usable viewport meta on {pages}"
ISSUE_ZOOM = "zoom blocked on {pages}"
ISSUE_TARGETS = "{targets} too small or crowded"
ISSUE_TEXT = "text too small on {pages}"
ISSUE_OVERFLOW = "sideways scrolling on {pages}"
MSG_OVERLAY = ("On arrival, {what} covers {share:.0%} of the phone screen{also}: \"{text}\". Google counts pop-ups "
               "that hide the content right after the page loads as intrusive interstitials.")
MSG_OVERLAY_ALSO = " (and on {count} more {noun})"
OVERLAY_KINDS = {"consent": "a cookie notice", "geo": "a country or region chooser", "newsletter": "a newsletter pop-up",
                 "promotion": "a promotion pop-up", "age": "an age check", "other": "an overlay"}
FIX_OVERLAY = ("Show sign-ups and offers inside the page or as a small banner; keep cookie notices and country "
               "choosers to a bar that leaves the content readable.")

# --- rules --------------------------------------------------------------------------------------

# Why each part weighs what it does (sum 100): without width=device-width every other part is
# judged on a shrunken desktop page; tap targets and legible text are what phone shoppers hit
# most; blocked zoom is also gated as a blocker, so its own weight stays modest; sideways
# scrolling is the rarest and the most visible.
PART_WEIGHTS: dict[str, float] = {"viewport": 25, "zoom": 15, "targets": 25, "text": 20, "overflow": 15}
MIN_TARGET = 24.0
"""WCAG 2.2 SC 2.5.8 (AA): targets at least 24×24 CSS px, or spaced so a 24 px circle fits."""
COMFORT_TARGET = 48.0
"""Lighthouse's former tap-target audit and Material/Android guidance: 48×48 px."""
MAX_OVERLAP = 0.25
"""A fingertip on the target may cover at most this share (of its cover of the target) of another target."""
LEGIBLE_PX = 12.0
LEGIBLE_SHARE = 0.6
"""Lighthouse font-size audit: at least 60% of text (by characters) at 12 px or more."""
BODY_PX = 16.0
"""Proposed warning level for the dominant text size."""
MIN_ZOOM = 5.0
MAX_LISTED = 10
"""Findings of one kind listed per page, worst first; the rest are counted."""
MIN_VISIBLE_PX = 2.0
"""Boxes thinner than this are visually hidden (skip links, screen-reader text): not targets."""
SENTENCE_CHARS = 20
"""Text beside a link, in the same line box, beyond which the link is 'in a sentence'."""
UA_SIZED_INPUTS = frozenset({"checkbox", "radio"})
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "label", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
})
OVERLAY = re.compile(r"modal|dialog|overlay|popup|cookie|consent|drawer", re.IGNORECASE)
"""Selectors of layers drawn over the page; their targets only compete with each other."""
NO_ZOOM_VALUES = frozenset({"no", "0", "false"})
OVERLAY_FINDING_COVER = 0.3
"""Proposed: an overlay hiding 30% of a phone screen on arrival is worth telling; smaller ones are bars."""


@dataclass
class PageResult:
    parts: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    row: dict[str, object] = field(default_factory=dict)
    zoom_blocked: bool = False
    bad_targets: int = 0


class MobileFriendly(Check):
    id = "mobile-friendly"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "mobile"
    # The mobile category's only built-in check: it carries the whole category.
    weight = 1.0
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="WCAG 2.2 Success Criterion 2.5.8 Target Size (Minimum), AA (2023)",
               url="https://www.w3.org/WAI/WCAG22/Understanding/target-size-minimum.html",
               figure="targets at least 24×24 CSS px, or spaced so a 24 px circle touches no other target"),
        Source(title="Lighthouse: tap targets are not sized appropriately (former SEO audit)",
               url="https://developer.chrome.com/docs/lighthouse/seo/tap-targets",
               figure="48×48 px, at most 25% overlap"),
        Source(title="Lighthouse: document doesn't use legible font sizes",
               url="https://developer.chrome.com/docs/lighthouse/seo/font-size",
               figure="at least 60% of text at 12 px or larger"),
        Source(title="Lighthouse: [user-scalable=\"no\"] is used or [maximum-scale] is less than 5",
               url="https://developer.chrome.com/docs/lighthouse/accessibility/meta-viewport",
               figure="zoom must not be blocked"),
        Source(title="Lighthouse: does not have a <meta name=\"viewport\"> tag",
               url="https://developer.chrome.com/docs/lighthouse/pwa/viewport"),
    )
    requires = ("pages",)
    viewports = ("mobile",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        results = [(page, _judge_page(page)) for page in loaded_pages(evidence)]
        scored = [(p, r, s) for p, r in results if (s := weighted((r.parts[k], PART_WEIGHTS[k]) for k in r.parts))
                  is not None]
        if not scored:
            return Verdict.not_applicable("no page had layout or text evidence to judge")
        score = mean(s for _, _, s in scored) or 0.0
        findings = [f for _, r, _ in scored for f in r.findings]
        overlays = _overlay_findings([p for p, _, _ in scored])
        findings += overlays
        rows = [{**r.row, "score": round(s, 2)} for _, r, s in scored]
        return Verdict(score=score, findings=findings, summary=_summary(score, scored),
                       details={"pages": rows, "weights": PART_WEIGHTS, "overlays": len(overlays)},
                       blocker=any(r.zoom_blocked for _, r, _ in scored))


def _summary(score: float, scored: list[tuple[PageEvidence, PageResult, float]]) -> str:
    def pages_where(key: str) -> int:
        return sum(1 for _, r, _ in scored if r.parts.get(key, 1.0) < 1.0)

    issues: list[str] = []
    if n := pages_where("viewport"):
        issues.append(ISSUE_VIEWPORT.format(pages=plural(n, "page")))
    if n := sum(1 for _, r, _ in scored if r.zoom_blocked):
        issues.append(ISSUE_ZOOM.format(pages=plural(n, "page")))
    bad_targets = sum(r.bad_targets for _, r, _ in scored)
    if bad_targets:
        issues.append(ISSUE_TARGETS.format(targets=plural(bad_targets, "tap target")))
    if n := pages_where("text"):
        issues.append(ISSUE_TEXT.format(pages=plural(n, "page")))
    if n := pages_where("overflow"):
        issues.append(ISSUE_OVERFLOW.format(pages=plural(n, "page")))
    pages = plural(len(scored), "page")
    if not issues:
        return SUMMARY_OK.format(score=score * 100, pages=pages)
    return SUMMARY.format(score=score * 100, pages=pages, issues="; ".join(issues))


def _overlay_findings(pages: list[PageEvidence]) -> list[Finding]:
    """Overlays covering much of the screen on arrival (the ``overlays`` gatherer): informative, not scored.

    One finding per overlay (same kind and text), on the first page showing it.
    """
    seen: dict[tuple[str, str], tuple[PageEvidence, dict[str, Any], int]] = {}
    for page in pages:
        data = page.extras.get("overlays")
        for overlay in data.get("overlays", []) if isinstance(data, dict) else []:
            if not isinstance(overlay, dict) or float(overlay.get("cover", 0)) < OVERLAY_FINDING_COVER:
                continue
            key = (str(overlay.get("kind", "other")), str(overlay.get("text", "")))
            first, kept, count = seen.get(key, (page, overlay, 0))
            seen[key] = (first, kept, count + 1)
    findings: list[Finding] = []
    for (kind, text), (page, overlay, count) in seen.items():
        also = MSG_OVERLAY_ALSO.format(count=count - 1, noun="page" if count == 2 else "pages") if count > 1 else ""
        box = overlay.get("box")
        findings.append(finding(
            page, MSG_OVERLAY.format(what=OVERLAY_KINDS.get(kind, OVERLAY_KINDS["other"]),
                                     share=float(overlay.get("cover", 0)), also=also, text=text[:120]),
            fix=FIX_OVERLAY, selector=str(overlay.get("selector") or "") or None,
            box=Box.model_validate(box) if isinstance(box, dict) else None, severity="info"))
    return findings


def _judge_page(page: PageEvidence) -> PageResult:
    result = PageResult(row={"kind": page.kind, "url": page_url(page), "viewport_meta": page.meta.viewport})
    _judge_viewport_meta(page, result)
    _judge_targets(page, result)
    _judge_text(page, result)
    _judge_overflow(page, result)
    result.row["parts"] = {k: round(v, 2) for k, v in result.parts.items()}
    return result


# --- viewport and zoom -----------------------------------------------------------------------


def parse_viewport(content: str) -> dict[str, str]:
    """The viewport meta's key=value pairs, keys and values lower-cased."""
    pairs: dict[str, str] = {}
    for part in re.split(r"[,;]", content):
        key, sep, value = part.partition("=")
        if sep:
            pairs[key.strip().lower()] = value.strip().strip("'\"").lower()
    return pairs


def zoom_blocked_by(pairs: dict[str, str]) -> str | None:
    """Why the viewport settings block pinch-zoom, or None when they don't."""
    scalable = pairs.get("user-scalable")
    if scalable in NO_ZOOM_VALUES:
        return WHY_USER_SCALABLE.format(value=scalable)
    try:
        max_scale = float(pairs.get("maximum-scale", ""))
    except ValueError:
        return None
    if 0 < max_scale < MIN_ZOOM:
        return WHY_MAX_SCALE.format(value=pairs["maximum-scale"])
    return None


def _judge_viewport_meta(page: PageEvidence, result: PageResult) -> None:
    content = page.meta.viewport
    if content is None:
        result.parts["viewport"] = 0.0
        result.findings.append(finding(page, MSG_NO_VIEWPORT, fix=FIX_VIEWPORT, value="no viewport meta"))
        result.parts["zoom"] = 1.0
        return
    pairs = parse_viewport(content)
    if pairs.get("width") == "device-width":
        result.parts["viewport"] = 1.0
    elif "initial-scale" in pairs and "width" not in pairs:
        # Browsers fit the screen with initial-scale alone: worth a note, not a failure.
        result.parts["viewport"] = 1.0
        result.findings.append(finding(page, MSG_VIEWPORT_SCALE_ONLY.format(content=content), fix=FIX_VIEWPORT,
                                       value=content, severity="info"))
    else:
        result.parts["viewport"] = 0.0
        result.findings.append(finding(page, MSG_VIEWPORT_NO_WIDTH.format(content=content), fix=FIX_VIEWPORT,
                                       value=content))
    why = zoom_blocked_by(pairs)
    result.parts["zoom"] = 0.0 if why else 1.0
    result.row["zoom_blocked"] = bool(why)
    if why:
        result.zoom_blocked = True
        result.findings.append(finding(page, MSG_ZOOM.format(content=content, why=why), fix=FIX_ZOOM, value=content))


# --- tap targets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    element: Element
    box: Box

    @property
    def undersized(self) -> bool:
        return self.box.width < MIN_TARGET or self.box.height < MIN_TARGET

    @property
    def center(self) -> tuple[float, float]:
        return self.box.x + self.box.width / 2, self.box.y + self.box.height / 2


def _judge_targets(page: PageEvidence, result: PageResult) -> None:
    targets = tap_targets(page)
    if not targets:
        return
    failed: list[tuple[Target, Target | None]] = []
    crowded: list[tuple[Target, Target]] = []
    for target in targets:
        if target.box.width >= COMFORT_TARGET and target.box.height >= COMFORT_TARGET:
            continue
        others = [o for o in targets if o is not target and not _related(target, o)]
        if target.undersized:
            too_close = next((o for o in others if not _spaced(target, o)), None)
            if too_close is not None:
                failed.append((target, too_close))
                continue
        covered = _crowding(target, others)
        if covered is not None:
            crowded.append((target, covered))
    # The small ones first: they are the hardest to hit.
    failed.sort(key=lambda pair: pair[0].box.width * pair[0].box.height)
    crowded.sort(key=lambda pair: pair[0].box.width * pair[0].box.height)
    listed: list[Finding] = []
    for target, other in failed:
        neighbour = f" ({_name(other.element)})" if other is not None else ""
        listed.append(finding(page, MSG_TARGET_SMALL.format(name=_name(target.element), size=_size(target.box),
                                                            neighbour=neighbour),
                              fix=FIX_TARGET_SMALL, element=target.element, box=target.box,
                              value=f"{_size(target.box)} px"))
    for target, other in crowded:
        listed.append(finding(page, MSG_TARGET_CROWDED.format(name=_name(target.element), size=_size(target.box),
                                                              other=_name(other.element)),
                              fix=FIX_TARGET_CROWDED, element=target.element, box=target.box,
                              value=f"{_size(target.box)} px", severity="warn"))
    result.findings.extend(listed[:MAX_LISTED])
    if len(listed) > MAX_LISTED:
        result.findings.append(finding(page, _more(MSG_TARGETS_MORE, len(listed) - MAX_LISTED, "tap target", "tap targets"),
                                       fix=FIX_TARGET_SMALL, severity="info"))
    judged = len(targets)
    result.parts["targets"] = (judged - len(failed) - 0.5 * len(crowded)) / judged
    result.bad_targets = len(failed) + len(crowded)
    result.row.update(targets_judged=judged, targets_failed=len(failed), targets_crowded=len(crowded))


def tap_targets(page: PageEvidence) -> list[Target]:
    """The page's targets that WCAG 2.5.8 applies to, with their boxes."""
    width = page.layout.viewport_width if page.layout else None
    soup: list[BeautifulSoup] = []  # parsed on first need, at most once
    targets: list[Target] = []
    for element in page.interactive:
        box = element.box
        if box is None or box.width < MIN_VISIBLE_PX or box.height < MIN_VISIBLE_PX:
            continue
        if width is not None and (box.x >= width or box.x + box.width <= 0):
            continue  # off-canvas drawer or carousel slide: not on the screen
        if box.y + box.height <= 0:
            continue
        if element.tag == "input" and element.attributes.get("type", "").lower() in UA_SIZED_INPUTS:
            continue  # sized by the browser unless styled: WCAG's user-agent exception
        if element.in_text:
            continue
        small = box.width < COMFORT_TARGET or box.height < COMFORT_TARGET
        if small and element.tag == "a" and page.html and _in_sentence_html(page.html, element.selector, soup):
            continue
        targets.append(Target(element, box))
    return targets


def _related(a: Target, b: Target) -> bool:
    """Pairs that don't compete for a tap: nested boxes, the same element, or the same destination."""
    if a.element.selector == b.element.selector or _contains(a.box, b.box) or _contains(b.box, a.box):
        return True
    if bool(OVERLAY.search(a.element.selector)) != bool(OVERLAY.search(b.element.selector)):
        return True  # a dialog or banner sits above the page: what lies under it can't be tapped
    return bool(a.element.href and a.element.href == b.element.href)


def _contains(outer: Box, inner: Box, tolerance: float = 1.0) -> bool:
    return (inner.x >= outer.x - tolerance and inner.y >= outer.y - tolerance
            and inner.x + inner.width <= outer.x + outer.width + tolerance
            and inner.y + inner.height <= outer.y + outer.height + tolerance)


def _distance_to_box(point: tuple[float, float], box: Box) -> float:
    px, py = point
    dx = max(box.x - px, 0.0, px - (box.x + box.width))
    dy = max(box.y - py, 0.0, py - (box.y + box.height))
    return math.hypot(dx, dy)


def _spaced(target: Target, other: Target) -> bool:
    """WCAG 2.5.8 spacing: a 24 px circle on the target touches neither the other target nor its circle."""
    slack = 0.5  # sub-pixel layout: don't fail a target by rounding
    radius = MIN_TARGET / 2
    if _distance_to_box(target.center, other.box) < radius - slack:
        return False
    if other.undersized:
        (ax, ay), (bx, by) = target.center, other.center
        if math.hypot(ax - bx, ay - by) < MIN_TARGET - slack:
            return False
    return True


def _overlap(a: Box, b: Box) -> float:
    w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def _crowding(target: Target, others: list[Target]) -> Target | None:
    """The neighbour a fingertip on the target covers too much of, as Lighthouse's tap-target audit measured."""
    cx, cy = target.center
    half = COMFORT_TARGET / 2
    finger = Box(x=cx - half, y=cy - half, width=COMFORT_TARGET, height=COMFORT_TARGET)
    own = _overlap(finger, target.box)
    if own <= 0:
        return None
    worst = max(others, key=lambda o: _overlap(finger, o.box), default=None)
    if worst is not None and _overlap(finger, worst.box) > MAX_OVERLAP * own:
        return worst
    return None


def _in_sentence_html(html: str, selector: str, cache: list[BeautifulSoup]) -> bool:
    """Whether the link sits in a line of text (in the rendered HTML), beyond the gatherer's own test."""
    if not cache:
        cache.append(BeautifulSoup(html, "lxml"))
    try:
        node = cache[0].select_one(selector)
    except Exception:  # noqa: BLE001 - a selector soupsieve can't read: keep the gatherer's answer
        return False
    if node is None:
        return False
    own = len(node.get_text(" ", strip=True))
    container = node.parent
    while isinstance(container, Tag) and container.name in INLINE_TAGS:
        container = container.parent
    if not isinstance(container, Tag) or container.name in ("body", "html"):
        return False
    around = len(re.sub(r"\s+", " ", _inline_text(container)).strip())
    return around > own + SENTENCE_CHARS


def _inline_text(tag: Tag) -> str:
    """Text in the same lines as the tag's inline content: block children are left out."""
    parts: list[str] = []
    for child in tag.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag) and child.name in INLINE_TAGS:
            parts.append(_inline_text(child))
    return " ".join(parts)


def _name(element: Element) -> str:
    label = element.text or element.attributes.get("aria-label") or element.attributes.get("title") \
        or element.attributes.get("alt") or ""
    label = label.strip()
    if label:
        return f"\"{label[:40]}\" ({element.selector})"
    return element.selector


def _more(message: str, count: int, one: str, many: str) -> str:
    return message.format(count=count, noun=one if count == 1 else many)


def _size(box: Box) -> str:
    return f"{fmt_px(box.width)}×{fmt_px(box.height)}"


# --- text size -------------------------------------------------------------------------------


def _judge_text(page: PageEvidence, result: PageResult) -> None:
    sizes: dict[float, int] = {}
    for key, chars in page.fonts.chars_by_px.items():
        try:
            px = float(key)
        except ValueError:
            continue
        sizes[px] = sizes.get(px, 0) + chars
    total = sum(sizes.values())
    if total <= 0:
        return
    share = sum(c for px, c in sizes.items() if px >= LEGIBLE_PX) / total
    dominant = max(sizes, key=lambda px: sizes[px])
    result.row.update(legible_share=round(share, 3), dominant_px=dominant)
    if share >= LEGIBLE_SHARE:
        result.parts["text"] = 1.0
        if dominant < BODY_PX:
            result.findings.append(finding(
                page, MSG_BODY_TEXT.format(px=fmt_px(dominant), share=sizes[dominant] / total), fix=FIX_BODY_TEXT,
                value=f"{fmt_px(dominant)} px", severity="warn"))
        return
    result.parts["text"] = share / LEGIBLE_SHARE
    runs = sorted(page.fonts.small_runs, key=lambda r: r.chars, reverse=True)
    if not runs:
        result.findings.append(finding(page, MSG_SMALL_TEXT_PAGE.format(share=share), fix=FIX_SMALL_TEXT,
                                       value=f"{share:.0%} legible"))
        return
    for run in runs[:MAX_LISTED]:
        result.findings.append(finding(
            page, MSG_SMALL_TEXT.format(px=fmt_px(run.font_px), chars=run.chars, sample=run.text[:60], share=share),
            fix=FIX_SMALL_TEXT, selector=run.selector, value=f"{fmt_px(run.font_px)} px"))
    if len(runs) > MAX_LISTED:
        result.findings.append(finding(page, _more(MSG_SMALL_TEXT_MORE, len(runs) - MAX_LISTED, "run of text", "runs of text"),
                                       fix=FIX_SMALL_TEXT, severity="info"))


# --- sideways scrolling ---------------------------------------------------------------------


def _judge_overflow(page: PageEvidence, result: PageResult) -> None:
    layout = page.layout
    if layout is None:
        return
    result.row.update(scroll_width=layout.scroll_width, viewport_width=layout.viewport_width)
    if layout.scroll_width <= layout.viewport_width + 1:
        result.parts["overflow"] = 1.0
        return
    result.parts["overflow"] = 0.0
    scroll, vw = layout.scroll_width, layout.viewport_width
    culprits = sorted((e for e in layout.overflowing if e.box is not None),
                      key=lambda e: (e.box.x + e.box.width) if e.box else 0.0, reverse=True)
    if not culprits:
        result.findings.append(finding(page, MSG_OVERFLOW_PAGE.format(scroll=scroll, vw=vw), fix=FIX_OVERFLOW,
                                       value=f"{scroll} px"))
        return
    for element in culprits[:MAX_LISTED]:
        assert element.box is not None
        right = fmt_px(element.box.x + element.box.width)
        result.findings.append(finding(
            page, MSG_OVERFLOW.format(scroll=scroll, vw=vw, name=_name(element), right=right),
            fix=FIX_OVERFLOW, element=element, value=f"{scroll} px"))
    if len(culprits) > MAX_LISTED:
        result.findings.append(finding(page, _more(MSG_OVERFLOW_MORE, len(culprits) - MAX_LISTED, "element", "elements"),
                                       fix=FIX_OVERFLOW, severity="info"))
