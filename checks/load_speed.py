"""load-speed: lab loading metrics per page, scored on Lighthouse's log-normal curves.

Each loaded page gets a score from its median FCP, LCP, TBT, CLS and TTFB, each scored on
a log-normal curve through two control points (p10 scores 0.9, the median 0.5) and
weighted as Lighthouse weights its performance score, with TTFB in the place of Speed
Index. The check's score is the mean over pages. A poor metric, and a metric that needs
improvement on a page that doesn't pass, gets one finding per page saying *why*: the LCP
element, the heaviest images, render-blocking resources, script and third-party weight,
or the elements that shifted (see ``finding_severity`` for which findings fail).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar, Literal

from uxaudit.check import PASS_SCORE, WARN_SCORE, Check, Finding, Source, Verdict
from uxaudit.evidence import Image, PageEvidence, Viewport, ViewportEvidence
from uxaudit.scoring import log_normal_score

from ._pages import file_name, finding, fmt_bytes, fmt_ms, fmt_px, loaded_pages, mean, page_url, plural

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Pages load fast"
FAILURE_TITLE = "Pages load slowly"
DESCRIPTION = (
    "How fast each kind of page shows content and responds, measured in a lab browser with the "
    "Lighthouse network and CPU profile of the viewport, as the median of several loads. Each metric "
    "is scored on Lighthouse's curves and weighted as Lighthouse does (TTFB takes Speed Index's place)."
)
FIX = (
    "Start with the heaviest page type: shrink and lazy-load images below the fold, serve images at "
    "the size they are shown, defer scripts that are not needed to render, and cut third-party tags."
)
LABELS: dict[str, str] = {
    "fcp": "First Contentful Paint",
    "lcp": "Largest Contentful Paint",
    "tbt": "Total Blocking Time",
    "cls": "Cumulative Layout Shift",
    "ttfb": "Time to First Byte",
}
ABBREV: dict[str, str] = {"fcp": "FCP", "lcp": "LCP", "tbt": "TBT", "cls": "CLS", "ttfb": "TTFB"}
BANDS: dict[str, str] = {"poor": "poor", "average": "needs improvement"}
METRIC_MESSAGE = "{label} ({abbrev}) is {value} on this {kind} page: {band}, good is at most {good}."
METRIC_FIXES: dict[str, str] = {
    "fcp": "Inline the critical CSS, defer or async non-critical scripts and styles, and make the "
           "server answer faster; nothing paints until render-blocking files arrive.",
    "lcp": "Make the largest element arrive early: serve the hero image at its displayed size in a modern "
           "format, preload it (fetchpriority=\"high\"), don't lazy-load it, and remove render-blocking files.",
    "tbt": "Split and defer JavaScript, remove unused scripts and third-party tags, and move heavy work "
           "off the main thread; long tasks keep the page from responding to taps.",
    "cls": "Reserve space for images, embeds and banners (width/height or aspect-ratio), and don't insert "
           "content above what is already shown.",
    "ttfb": "Cache rendered pages or fragments, serve from a CDN close to shoppers, and profile slow "
            "database queries in the page's view.",
}
WHY_LCP_IMAGE = "The largest element is the image {selector} ({size}{dims})."
WHY_LCP_ELEMENT = "The largest element is {selector}."
WHY_OVERSIZED = " — about {ratio:.0f}× the pixels it is shown at"
WHY_TTFB = "The server took {ttfb} to send the first byte."
WHY_IMAGES = "Heaviest images: {items}."
WHY_BLOCKING = "{count} block rendering ({size}): {names}."
WHY_WEIGHT = "The page transfers {size} in {requests}."
WHY_FONTS = "Web fonts: {size}."
WHY_SCRIPTS = "Scripts: {size} in {count}."
WHY_THIRD_PARTY = "Third parties send {size} ({share:.0%} of the page) from {hosts}."
WHY_SHIFTS = "Elements that moved: {selectors}."
WHY_TTFB_ALONE = "Nothing can render before this first byte arrives."
SHOPPING_KINDS = frozenset({"home", "category", "product", "search", "cart", "other"})
"""Pages a shopper browses through; policy pages are loaded for their content, not timed."""

SUMMARY = "Mean speed score {score:.0f}/100 over {pages}: {kinds}."
SUMMARY_POOR = " Poor: {items}."
NO_METRICS = "no loading metrics were recorded for any page in the {viewport} viewport"

# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Curve:
    p10: float
    median: float


METRICS: tuple[str, ...] = ("fcp", "lcp", "tbt", "cls", "ttfb")
# Lighthouse (v10+) control points per form factor, as listed in CHECKS.md. TTFB is not a
# Lighthouse metric: its control points are the Web Vitals good/poor thresholds (800/1800 ms).
CURVES: dict[Viewport, dict[str, Curve]] = {
    "mobile": {
        "fcp": Curve(1800, 3000), "lcp": Curve(2500, 4000), "tbt": Curve(200, 600),
        "cls": Curve(0.1, 0.25), "ttfb": Curve(800, 1800),
    },
    "desktop": {
        "fcp": Curve(934, 1600), "lcp": Curve(1200, 2400), "tbt": Curve(150, 350),
        "cls": Curve(0.1, 0.25), "ttfb": Curve(800, 1800),
    },
}
# Lighthouse performance weights (FCP 10, SI 10, LCP 25, TBT 30, CLS 25). We don't measure
# Speed Index; TTFB takes its small weight of 10, as it is a cause more than an experience.
WEIGHTS: dict[str, float] = {"fcp": 10, "lcp": 25, "tbt": 30, "cls": 25, "ttfb": 10}
BIG_IMAGE_BYTES = 100_000
"""Images below this are not worth naming as a cause of slowness."""
OVERSIZED_RATIO = 4.0
"""Natural pixels over displayed CSS pixels above which an image is named as oversized (DPR 2 is 4×)."""


def metric_value(page: PageEvidence, metric: str) -> float | None:
    t = page.timings
    value: float | None = {
        "fcp": t.fcp_ms, "lcp": t.lcp_ms, "tbt": t.tbt_ms, "cls": t.cls, "ttfb": t.ttfb_ms,
    }[metric]
    return value


def fmt_metric(metric: str, value: float, precise: bool = False) -> str:
    if metric == "cls":
        return f"{value:.4f}" if precise else f"{value:.2f}"
    return f"{value:.0f} ms" if precise else fmt_ms(value)


def rating(value: float, curve: Curve) -> str:
    """good at or below p10, poor beyond the median, average between."""
    if value <= curve.p10:
        return "good"
    return "poor" if value > curve.median else "average"


# --- the check ----------------------------------------------------------------------------------


class LoadSpeed(Check):
    id = "load-speed"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "speed"
    # The speed category's only built-in check, so its weight only matters against plugins.
    # 0.1 s faster on mobile gave +8.4% retail conversion: speed is worth a full share.
    weight = 1.0
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="Lighthouse performance scoring (control points and metric weights)",
               url="https://developer.chrome.com/docs/lighthouse/performance/performance-scoring",
               figure="p10 scores 0.9, median 0.5; weights FCP 10, SI 10, LCP 25, TBT 30, CLS 25"),
        Source(title="Web Vitals thresholds", url="https://web.dev/articles/vitals",
               figure="good/poor: LCP 2.5/4.0 s, CLS 0.1/0.25, FCP 1.8/3.0 s, TTFB 0.8/1.8 s"),
        Source(title="Milliseconds Make Millions (Google/Deloitte, 2020)",
               figure="0.1 s faster on mobile: +8.4% retail conversion"),
    )
    requires = ("pages",)
    viewports = ("mobile", "desktop")

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        curves = CURVES[evidence.viewport]
        rows: list[dict[str, object]] = []
        findings: list[Finding] = []
        page_scores: list[tuple[PageEvidence, float]] = []
        poor: dict[str, int] = defaultdict(int)
        for page in loaded_pages(evidence):
            if page.kind not in SHOPPING_KINDS:
                continue
            values = {m: v for m in METRICS if (v := metric_value(page, m)) is not None}
            if not values:
                continue
            scores = {m: log_normal_score(v, curves[m].p10, curves[m].median) for m, v in values.items()}
            score = sum(scores[m] * WEIGHTS[m] for m in scores) / sum(WEIGHTS[m] for m in scores)
            page_scores.append((page, score))
            rows.append(_row(page, values, scores, score))
            for metric, value in values.items():
                band = rating(value, curves[metric])
                if band == "poor":
                    poor[metric] += 1
                severity = finding_severity(band, score)
                if severity is not None:
                    findings.append(_metric_finding(page, metric, value, band, curves[metric], severity))
        if not page_scores:
            return Verdict.not_applicable(NO_METRICS.format(viewport=evidence.viewport))
        overall = mean(s for _, s in page_scores) or 0.0
        by_kind: dict[str, list[float]] = defaultdict(list)
        for page, score in page_scores:
            by_kind[page.kind].append(score)
        kinds = {k: round(sum(v) / len(v), 2) for k, v in by_kind.items()}
        summary = SUMMARY.format(
            score=overall * 100, pages=plural(len(page_scores), "page"),
            kinds=", ".join(f"{k} {v * 100:.0f}" for k, v in kinds.items()))
        if poor:
            summary += SUMMARY_POOR.format(items=", ".join(
                f"{ABBREV[m]} on {plural(n, 'page')}" for m, n in poor.items()))
        details: dict[str, object] = {"pages": rows, "by_kind": kinds, "weights": WEIGHTS,
                                      "control_points": {m: [c.p10, c.median] for m, c in curves.items()}}
        return Verdict(score=overall, findings=findings, summary=summary, details=details)


def _row(page: PageEvidence, values: dict[str, float], scores: dict[str, float], score: float) -> dict[str, object]:
    row: dict[str, object] = {"kind": page.kind, "url": page_url(page)}
    row.update({f"{m}": values.get(m) for m in METRICS})
    row["scores"] = {m: round(s, 2) for m, s in scores.items()}
    row["score"] = round(score, 2)
    row["bytes"] = page.resources.bytes
    row["requests"] = page.resources.requests
    row["third_party_bytes"] = page.resources.third_party_bytes
    row["runs"] = len(page.runs)
    return row


def finding_severity(band: str, page_score: float) -> Literal["fail", "warn"] | None:
    """How a metric that is not good is reported, given its page's score.

    The score is a continuous measure, like Lighthouse's performance score, which is never
    capped: one slow metric on a page that is otherwise fine (lab runs vary by about 10%)
    is a warning. A page that scores poor (below 0.5) as a whole fails, which caps the
    check below passing. Metrics that merely need improvement are only reported on pages
    that don't pass.
    """
    if band == "good" or (band == "average" and page_score >= PASS_SCORE):
        return None
    return "fail" if band == "poor" and page_score < WARN_SCORE else "warn"


def _metric_finding(page: PageEvidence, metric: str, value: float, band: str, curve: Curve,
                    severity: Literal["fail", "warn"]) -> Finding:
    # 1.2 s "needs improvement, good is at most 1.2 s" reads as a contradiction: show more digits.
    precise = fmt_metric(metric, value) == fmt_metric(metric, curve.p10)
    message = METRIC_MESSAGE.format(
        label=LABELS[metric], abbrev=ABBREV[metric], value=fmt_metric(metric, value, precise), kind=page.kind,
        band=BANDS[band], good=fmt_metric(metric, curve.p10, precise))
    why, selector = _why(page, metric)
    if why:
        message += " " + " ".join(why)
    return finding(page, message, fix=METRIC_FIXES[metric], selector=selector,
                   value=f"{ABBREV[metric]} {fmt_metric(metric, value)}",
                   severity=severity)


def _why(page: PageEvidence, metric: str) -> tuple[list[str], str | None]:
    """Sentences explaining a slow metric, and the selector of the element to blame."""
    t, res = page.timings, page.resources
    why: list[str] = []
    selector: str | None = None
    slow_server = t.ttfb_ms is not None and t.ttfb_ms > CURVES[page.viewport]["ttfb"].p10
    if metric == "lcp":
        selector = t.lcp_element
        if selector:
            image = next((i for i in page.images if i.selector == selector), None)
            if image is not None:
                why.append(WHY_LCP_IMAGE.format(selector=selector, size=_image_bytes_text(page, image),
                                                dims=_image_dims(image)))
            else:
                why.append(WHY_LCP_ELEMENT.format(selector=selector))
        if slow_server and t.ttfb_ms is not None:
            why.append(WHY_TTFB.format(ttfb=fmt_ms(t.ttfb_ms)))
        why.extend(_heavy_images(page, exclude=selector))
        why.extend(_blocking(page))
        if res.bytes:
            why.append(WHY_WEIGHT.format(size=fmt_bytes(res.bytes), requests=plural(res.requests, "request")))
    elif metric == "fcp":
        if slow_server and t.ttfb_ms is not None:
            why.append(WHY_TTFB.format(ttfb=fmt_ms(t.ttfb_ms)))
        why.extend(_blocking(page))
        fonts = res.by_type.get("font")
        if fonts and fonts.bytes:
            why.append(WHY_FONTS.format(size=fmt_bytes(fonts.bytes)))
    elif metric == "tbt":
        scripts = res.by_type.get("script")
        if scripts and scripts.requests:
            why.append(WHY_SCRIPTS.format(size=fmt_bytes(scripts.bytes), count=plural(scripts.requests, "file")))
        why.extend(_third_party(page))
    elif metric == "cls":
        sources = t.layout_shift_sources
        if sources:
            selector = sources[0]
            why.append(WHY_SHIFTS.format(selectors=", ".join(sources[:3])))
    elif metric == "ttfb":
        why.append(WHY_TTFB_ALONE)
    return why, selector


def _image_bytes(page: PageEvidence, image: Image) -> int | None:
    if image.bytes is not None:
        return image.bytes
    for res in page.resources.largest:
        if res.url == image.src:
            return res.bytes
    return None


def _image_bytes_text(page: PageEvidence, image: Image) -> str:
    size = _image_bytes(page, image)
    return fmt_bytes(size) if size is not None else "size unknown"


def _image_dims(image: Image) -> str:
    if not image.natural_width or image.box is None or image.box.width <= 0 or image.box.height <= 0:
        return ""
    text = (f", {image.natural_width}×{image.natural_height} px shown at "
            f"{fmt_px(image.box.width)}×{fmt_px(image.box.height)}")
    ratio = (image.natural_width * image.natural_height) / (image.box.width * image.box.height)
    if ratio > OVERSIZED_RATIO:
        text += WHY_OVERSIZED.format(ratio=ratio)
    return text


def _heavy_images(page: PageEvidence, exclude: str | None) -> list[str]:
    sized = [(b, i) for i in page.images if i.selector != exclude and (b := _image_bytes(page, i)) is not None]
    heavy = sorted((p for p in sized if p[0] >= BIG_IMAGE_BYTES), key=lambda p: p[0], reverse=True)[:3]
    if not heavy:
        return []
    items = [f"{file_name(i.src)} {fmt_bytes(b)}{_image_dims(i)}" for b, i in heavy]
    return [WHY_IMAGES.format(items="; ".join(items))]


def _blocking(page: PageEvidence) -> list[str]:
    blocking = page.resources.render_blocking
    if not blocking:
        return []
    names = ", ".join(file_name(r.url) for r in sorted(blocking, key=lambda r: r.bytes, reverse=True)[:3])
    if len(blocking) > 3:
        names += ", …"
    return [WHY_BLOCKING.format(count=plural(len(blocking), "file"),
                                size=fmt_bytes(sum(r.bytes for r in blocking)), names=names)]


def _third_party(page: PageEvidence) -> list[str]:
    res = page.resources
    if not res.third_party_bytes or not res.bytes:
        return []
    hosts = ", ".join(res.third_party_hosts[:4]) or "other hosts"
    if len(res.third_party_hosts) > 4:
        hosts += f" and {len(res.third_party_hosts) - 4} more"
    return [WHY_THIRD_PARTY.format(size=fmt_bytes(res.third_party_bytes),
                                   share=res.third_party_bytes / res.bytes, hosts=hosts)]
