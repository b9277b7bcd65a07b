"""A realistic synthetic audit, built from plain models (no browser), for the report tests.

It covers what a report must show: every status (pass, warn, fail, n/a, error), a blocker,
findings with and without screenshots, a box below the first screen, a missing screenshot
file, more than five findings, a plugin check of an unknown category, a failed page and
evidence problems. ``hostile=True`` adds store data that tries to inject markup and
``javascript:`` links. Screenshots are drawn with Pillow so the outlines land on something.

Run it to render a sample report: ``python tests/reports/report_sample.py /tmp/out``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from uxaudit.bundle import Audit
from uxaudit.check import Check, CheckResult, Finding, Source, Status, Verdict
from uxaudit.evidence import (
    AuditEvidence,
    Box,
    JourneyEvidence,
    JourneyStep,
    Meta,
    PageEvidence,
    PageKind,
    Problem,
    Resources,
    Screenshot,
    SiteEvidence,
    Timings,
    Viewport,
    ViewportEvidence,
)
from uxaudit.judge import Judgement, Scores
from uxaudit.scoring import combine, scorecard

STORE = "https://www.northwind-outfitters.example/"
PAYLOAD = "<script>window.__pwned=1;alert(1)</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=2">'
JS_URL = "javascript:window.__pwned=3"
RICH_MARKUP = "[bold red]SALE[/bold red]"
"""Terminal markup in store data: must print as these characters, not as bold red."""
SIZES: dict[str, tuple[int, int]] = {"mobile": (412, 823), "desktop": (1350, 940)}

# Element boxes drawn into the screenshots, so findings can point at them.
MOBILE_ICON = Box(x=340, y=17, width=22, height=22)
MOBILE_SIZE_LINK = Box(x=16, y=664, width=70, height=16)
MOBILE_HERO = Box(x=0, y=92, width=412, height=236)
DESKTOP_HERO = Box(x=0, y=84, width=1350, height=396)
DESKTOP_SEARCH = Box(x=480, y=22, width=380, height=40)
BELOW = Box(x=16, y=1840, width=380, height=120)


# --- screenshots -------------------------------------------------------------------------------


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def paint(kind: str, viewport: str) -> Image.Image:
    """A plausible first screen of a store page: header, hero or gallery, cards, buttons."""
    w, h = SIZES[viewport]
    img = Image.new("RGB", (w, h), "#ffffff")
    d = ImageDraw.Draw(img)
    phone = viewport == "mobile"
    head = 56 if phone else 84
    d.rectangle((0, 0, w, head), fill="#233044")
    d.text((16, head // 2 - 12), "NORTHWIND", fill="#ffffff", font=font(22 if phone else 28))
    if phone:
        for x in (300, 340, 374):
            d.rounded_rectangle((x, 17, x + 22, 39), 4, outline="#ffffff", width=2)
        d.rectangle((0, head, w, head + 36), fill="#f3c969")
        d.text((16, head + 9), "Free shipping over $75", fill="#3b2a00", font=font(15))
    else:
        for i, label in enumerate(("Women", "Men", "Outdoor", "Sale")):
            d.text((230 + i * 62, 32), label, fill="#dfe6f0", font=font(16))
        d.rounded_rectangle(tuple(_xyxy(DESKTOP_SEARCH)), 6, fill="#ffffff")
        d.text((DESKTOP_SEARCH.x + 12, DESKTOP_SEARCH.y + 10), "Search products", fill="#8a94a3", font=font(16))
        for x in (1180, 1230, 1280):
            d.ellipse((x, 30, x + 26, 56), outline="#ffffff", width=2)
    top = head + (36 if phone else 0)
    if kind in ("home", "category"):
        hero = MOBILE_HERO if phone else DESKTOP_HERO
        d.rectangle(tuple(_xyxy(hero)), fill="#7aa6c2")
        d.polygon([(hero.x, hero.y + hero.height), (hero.x + hero.width * .45, hero.y + hero.height * .35),
                   (hero.x + hero.width * .7, hero.y + hero.height * .7), (hero.x + hero.width, hero.y + hero.height * .3),
                   (hero.x + hero.width, hero.y + hero.height)], fill="#3d6b55")
        d.text((hero.x + 24, hero.y + 24), "Autumn layers", fill="#ffffff", font=font(28 if phone else 48))
        _cards(d, w, hero.y + hero.height + 24, 2 if phone else 4, h)
    elif kind == "product":
        gallery = (0, top, w, top + 380) if phone else (40, top + 30, 700, top + 700)
        d.rectangle(gallery, fill="#d9cbb8")
        d.ellipse((gallery[0] + 60, gallery[1] + 60, gallery[2] - 60, gallery[3] - 40), fill="#8c5a3c")
        x0, y0 = (16, top + 400) if phone else (760, top + 40)
        d.text((x0, y0), "Merino crew sweater", fill="#1d2430", font=font(22 if phone else 32))
        d.text((x0, y0 + 40), "$89.00", fill="#1d2430", font=font(20 if phone else 26))
        d.rounded_rectangle((x0, y0 + 80, x0 + (380 if phone else 420), y0 + 128), 8, fill="#1f7a4d")
        d.text((x0 + 120, y0 + 94), "Add to cart", fill="#ffffff", font=font(18))
        if phone:
            d.text((MOBILE_SIZE_LINK.x, MOBILE_SIZE_LINK.y), "Size guide", fill="#0b57d0", font=font(13))
        for i in range(6):
            d.rectangle((x0, y0 + 170 + i * 28, x0 + (360 - i * 30 if phone else 500 - i * 40), y0 + 182 + i * 28),
                        fill="#e3e6ea")
    else:
        for i in range(9):
            y = top + 30 + i * 64
            d.text((24, y), ("Email", "First name", "Last name", "Address", "City", "Postcode", "Country",
                             "Phone", "Company")[i], fill="#556070", font=font(14))
            d.rounded_rectangle((24, y + 20, w - 24 if phone else 640, y + 56), 6, outline="#b9c1cc", width=2)
    return img


def _xyxy(box: Box) -> Iterable[float]:
    return (box.x, box.y, box.x + box.width, box.y + box.height)


def _cards(d: ImageDraw.ImageDraw, w: int, y: float, cols: int, h: int) -> None:
    gap = 16
    cw = (w - gap * (cols + 1)) / cols
    colours = ("#c9b8a6", "#9fb7a0", "#b4a9c9", "#d8b4a0")
    for i in range(cols * 2):
        x = gap + (i % cols) * (cw + gap)
        yy = y + (i // cols) * (cw * 1.5 + 20)
        if yy > h:
            break
        d.rectangle((x, yy, x + cw, yy + cw), fill=colours[i % 4])
        d.rectangle((x, yy + cw + 10, x + cw * .8, yy + cw + 22), fill="#d5d9df")
        d.rectangle((x, yy + cw + 30, x + cw * .35, yy + cw + 42), fill="#9aa3ad")


# --- evidence ----------------------------------------------------------------------------------

PAGES: tuple[tuple[str, PageKind, str], ...] = (
    ("home", "home", STORE),
    ("category", "category", STORE + "collections/knitwear"),
    ("product", "product", STORE + "products/merino-crew-sweater?variant=blue&size=m"),
    ("cart", "cart", STORE + "cart"),
    ("returns", "policy", STORE + "pages/returns"),
)
TIMINGS: dict[tuple[str, str], Timings] = {
    ("home", "mobile"): Timings(ttfb_ms=620, fcp_ms=2100, lcp_ms=4870, cls=0.04, tbt_ms=780),
    ("home", "desktop"): Timings(ttfb_ms=210, fcp_ms=700, lcp_ms=1650, cls=0.02, tbt_ms=120),
    ("category", "mobile"): Timings(ttfb_ms=540, fcp_ms=1900, lcp_ms=3300, cls=0.18, tbt_ms=420),
    ("category", "desktop"): Timings(ttfb_ms=190, fcp_ms=650, lcp_ms=1400, cls=0.12, tbt_ms=90),
    ("product", "mobile"): Timings(ttfb_ms=580, fcp_ms=2000, lcp_ms=2400, cls=0.01, tbt_ms=310),
    ("product", "desktop"): Timings(ttfb_ms=200, fcp_ms=690, lcp_ms=1100, cls=0.0, tbt_ms=60),
    ("cart", "mobile"): Timings(ttfb_ms=400, fcp_ms=1500, lcp_ms=1800, cls=0.0, tbt_ms=150),
}


def pages(folder: Path, hostile: bool) -> list[PageEvidence]:
    """Five pages in two viewports; the desktop returns page failed to load."""
    shots = folder / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    out: list[PageEvidence] = []
    for viewport in ("mobile", "desktop"):
        for name, kind, url in PAGES:
            page_id = f"{viewport}-{name}"
            w, h = SIZES[viewport]
            title = {"home": "Northwind Outfitters — warm clothes for cold days",
                     "category": "Knitwear | Northwind", "product": "Merino crew sweater | Northwind",
                     "cart": "Your cart", "returns": "Returns & refunds"}[name]
            if hostile and name == "product":
                title = f"Sweater {PAYLOAD}"
            if name == "returns" and viewport == "desktop":
                out.append(PageEvidence(id=page_id, url=url, final_url=url, kind=kind, viewport=viewport,
                                        error="Timeout 30000 ms exceeded while loading"))
                continue
            paint(kind, viewport).save(shots / f"{page_id}.jpg", quality=80)
            timings = TIMINGS.get((name, viewport), Timings(ttfb_ms=300, fcp_ms=900, lcp_ms=1300, cls=0.0,
                                                             tbt_ms=80))
            weight = {"home": 3_400_000, "category": 2_100_000, "product": 1_650_000}.get(name, 640_000)
            out.append(PageEvidence(
                id=page_id, url=url, final_url=url, kind=kind, viewport=viewport, status=200,
                meta=Meta(title=title), timings=timings,
                resources=Resources(requests=weight // 30_000, bytes=weight),
                screenshot=Screenshot(path=f"screenshots/{page_id}.jpg", width=w, height=h),
            ))
    # Policy pages found only by the desktop crawl (the phone menu hid their links).
    paint("policy", "desktop").save(shots / "desktop-shipping.jpg", quality=80)
    out.append(PageEvidence(
        id="desktop-shipping", url=STORE + "pages/shipping", final_url=STORE + "pages/shipping", kind="policy",
        viewport="desktop", status=200, meta=Meta(title="Shipping"), timings=Timings(lcp_ms=900, cls=0, tbt_ms=20),
        resources=Resources(requests=12, bytes=310_000),
        screenshot=Screenshot(path="screenshots/desktop-shipping.jpg", width=1350, height=940),
    ))
    return out


# --- check metadata ----------------------------------------------------------------------------

BAYMARD = "https://baymard.com/lists/cart-abandonment-rate"


class _Meta(Check):
    """Metadata only: the sample judges nothing, it hands results to the report."""

    def judge(self, evidence: ViewportEvidence) -> Verdict:  # pragma: no cover - never called
        raise NotImplementedError


def meta_check(check_id: str, category: str, title: str, description: str, fix: str,
               sources: tuple[Source, ...], weight: float = 1.0) -> Check:
    attrs: dict[str, object] = {"id": check_id, "category": category, "title": title, "description": description,
                                "fix": fix, "sources": sources, "weight": weight}
    cls: type[Check] = type(check_id.replace("-", "_"), (_Meta,), attrs)
    return cls()


def sample_checks(hostile: bool = False) -> dict[str, Check]:
    """Metadata for every check in the sample, as installed checks would provide it."""
    checks = [
        meta_check("load-speed", "speed", "Pages load fast",
                   "How fast each kind of page shows content and responds, measured in a lab browser with the "
                   "Lighthouse network and CPU profile of the viewport.",
                   "Start with the heaviest page type: shrink and lazy-load images below the fold, defer scripts "
                   "and cut third-party tags.",
                   (Source(title="Milliseconds Make Millions (Google/Deloitte, 2020)",
                           url="https://www.thinkwithgoogle.com/_qs/documents/9757/Milliseconds_Make_Millions_report_hQYAbZJ.pdf",
                           figure="0.1 s faster on mobile gave +8.4% retail conversion"),), 3),
        meta_check("tap-targets", "mobile", "Tap targets are big enough",
                   "Small buttons and links close together make shoppers tap the wrong thing on a phone.",
                   "Make every button and link at least 24×24 CSS px (48×48 is comfortable), or space them apart.",
                   (Source(title="WCAG 2.2 SC 2.5.8 Target Size (Minimum)",
                           url="https://www.w3.org/WAI/WCAG22/Understanding/target-size-minimum.html",
                           figure="24×24 CSS px minimum"),)),
        meta_check("viewport-zoom", "mobile", "Shoppers can zoom",
                   "Blocking pinch-zoom stops shoppers from reading small print and checking product photos.",
                   "Use <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> without "
                   "user-scalable=no or maximum-scale.",
                   (Source(title="Lighthouse: viewport audit", url="https://developer.chrome.com/docs/lighthouse/",
                           figure=""),), 2),
        meta_check("product-content", "product", "Product pages answer shoppers' questions",
                   "Shoppers who can't find sizing, materials or delivery dates leave to look elsewhere.",
                   "Add a size chart, materials, and a delivery date near the price.",
                   (Source(title="Baymard Institute, product page UX (2024)", url="https://baymard.com/research/product-page",
                           figure="82% of apparel sites give insufficient sizing information"),)),
        meta_check("product-structured-data", "product", "Product structured data is complete",
                   "Google's merchant listings need name, image, price and currency; shipping and returns make "
                   "listings richer.", "Add shippingDetails and hasMerchantReturnPolicy to the Product JSON-LD.",
                   (Source(title="Google Search Central: Product structured data",
                           url="https://developers.google.com/search/docs/appearance/structured-data/product"),)),
        meta_check("search-exact", "search", "Exact product names find the product",
                   "Shoppers who type a product's exact name expect it first.", "Index product titles and SKUs.",
                   (Source(title="Baymard Institute, e-commerce search (2024)", url="https://baymard.com/research/ecommerce-search",
                           figure="33% of sites don't fully support exact queries"),)),
        meta_check("search-typo", "search", "Search forgives typos",
                   "One wrong letter should not end a shopping trip.", "Turn on fuzzy matching in the search engine.",
                   (Source(title="Baymard Institute, e-commerce search", url="https://baymard.com/research/ecommerce-search",
                           figure="18% of sites gave no useful results for a one-letter typo"),)),
        meta_check("search-synonym", "search", "Search knows synonyms",
                   "Shoppers use their own words, not the store's jargon.", "Add a synonym list (sneakers = trainers).",
                   (Source(title="Baymard Institute (2022)", url="https://baymard.com/research/ecommerce-search",
                           figure="71% of sites need the site's own jargon"),)),
        meta_check("search-quality", "search", "Site search finds what shoppers type",
                   "Shoppers who search convert more; a search that fails them ends the visit.",
                   "Turn on fuzzy matching and synonyms in the search engine.",
                   (Source(title="Baymard Institute, e-commerce search", url="https://baymard.com/research/ecommerce-search",
                           figure="18% of sites gave no useful results for a one-letter typo"),), 0.5),
        meta_check("guest-checkout", "checkout", "Shoppers can check out as a guest",
                   "Forcing an account is the second most common reason to abandon a cart.",
                   "Offer 'Continue as guest' as the first, most prominent choice.",
                   (Source(title="Baymard Institute, cart abandonment (2024)", url=BAYMARD,
                           figure="26% abandoned because the site wanted them to create an account"),), 26),
        meta_check("shipping-upfront", "checkout", "Shipping costs are shown before checkout",
                   "Unexpected extra costs are the top reason shoppers abandon their cart.",
                   "Show the shipping cost or a free-shipping threshold on the product page.",
                   (Source(title="Baymard Institute, cart abandonment (2024)", url=BAYMARD,
                           figure="48% abandoned over extra costs"),), 48),
        meta_check("form-fields", "checkout", "The checkout form is short",
                   "Every extra field is a reason to give up; the average checkout has 11.3 fields, 8 is achievable.",
                   "Drop optional fields (company, second address line) or fold them behind a link.",
                   (Source(title="Baymard Institute, checkout usability (2024)", url="https://baymard.com/research/checkout-usability",
                           figure="average 11.3 form fields; 8 is achievable"),), 22),
        meta_check("payment-options", "checkout", "Popular payment options are offered",
                   "Shoppers leave when their preferred way to pay is missing.",
                   "Offer cards, a wallet (Apple Pay, Google Pay) or PayPal, and buy-now-pay-later.",
                   (Source(title="Baymard Institute (2024)", url=BAYMARD,
                           figure="13% abandoned over too few payment methods"),), 13),
        meta_check("policy-links", "trust", "Policies are linked from the footer",
                   "Shoppers check returns and shipping before they trust a new store.",
                   "Link shipping, returns, privacy and terms pages from every page's footer.",
                   (Source(title="Baymard Institute", url="https://baymard.com/",
                           figure="20% of sites lack footer links to shipping and returns"),)),
        meta_check("contact-channels", "trust", "Shoppers can reach a person",
                   "A phone number or chat reassures shoppers before they pay.",
                   "Show a phone number and a contact form; consider live chat.",
                   (Source(title="Top 100 US stores (2019)", url="",
                           figure="98% offer phone, 73% live chat"),)),
    ]
    if hostile:
        checks.append(meta_check("hostile-plugin", "sustainability", f"Plugin {PAYLOAD}",
                                 f"A plugin description {IMG_PAYLOAD}", "Fix it",
                                 (Source(title=f"Evil {PAYLOAD}", url=JS_URL, figure=IMG_PAYLOAD),)))
    return {c.id: c for c in checks}


# --- results -----------------------------------------------------------------------------------


def result(check: Check, viewport: Viewport, status: Status, score: float | None, summary: str = "",
           findings: list[Finding] | None = None, reason: str | None = None, blocker: bool = False) -> CheckResult:
    return CheckResult(id=check.id, title=check.title, category=check.category, weight=check.weight,
                       viewport=viewport, status=status, score=score, summary=summary, reason=reason,
                       blocker=blocker, findings=findings or [])


def shot(viewport: str, name: str) -> str:
    return f"screenshots/{viewport}-{name}.jpg"


def results(checks: dict[str, Check], hostile: bool) -> list[CheckResult]:
    """Per-viewport results of every check, covering every status and finding shape."""
    c = checks
    product = STORE + "products/merino-crew-sweater?variant=blue&size=m"
    out: list[CheckResult] = []

    out += [
        result(c["load-speed"], "mobile", "fail", 0.41,
               "Mean speed score 41/100 over 4 pages. Poor: LCP on home (4.9 s), TBT on home (780 ms).", [
                   Finding(message="Largest Contentful Paint (LCP) is 4.9 s on this home page: poor, good is at most 2.5 s.",
                           url=STORE, viewport="mobile", selector="section.hero > picture > img.hero__image",
                           box=MOBILE_HERO, screenshot=shot("mobile", "home"), value="LCP 4.9 s (hero image 1.2 MB, 2400×1600)",
                           fix="Serve the hero image at its displayed size in a modern format and preload it."),
                   Finding(message="Total Blocking Time (TBT) is 780 ms on this home page: poor, good is at most 200 ms.",
                           url=STORE, viewport="mobile", value="TBT 780 ms; scripts 1.1 MB in 38 files",
                           fix="Split and defer JavaScript and cut third-party tags.", severity="fail"),
                   Finding(message="Cumulative Layout Shift (CLS) is 0.18 on this category page: needs improvement.",
                           url=STORE + "collections/knitwear", viewport="mobile", selector="div.announcement-bar",
                           screenshot=shot("mobile", "category"), box=Box(x=0, y=56, width=412, height=36),
                           value="CLS 0.18", severity="warn",
                           fix="Reserve space for banners so the content below does not move."),
               ]),
        result(c["load-speed"], "desktop", "warn", 0.81, "Mean speed score 81/100 over 4 pages.", [
            Finding(message="Cumulative Layout Shift (CLS) is 0.12 on this category page: needs improvement.",
                    url=STORE + "collections/knitwear", viewport="desktop", selector="div.announcement-bar",
                    value="CLS 0.12", severity="warn", screenshot=shot("desktop", "category"),
                    box=Box(x=0, y=0, width=1350, height=84)),
        ]),
        result(c["tap-targets"], "mobile", "fail", 0.55, "7 of 48 tap targets are smaller than 24×24 px.", [
            Finding(message="The account icon is 22×22 px, below the 24×24 px minimum, and 18 px from the search icon.",
                    url=STORE, viewport="mobile", selector="header .site-header__icons a.account-link",
                    box=MOBILE_ICON, screenshot=shot("mobile", "home"), value="22×22 px"),
            Finding(message="The 'Size guide' link is 70×16 px.", url=product, viewport="mobile",
                    selector="a.size-guide-link", box=MOBILE_SIZE_LINK, screenshot=shot("mobile", "product"),
                    value="70×16 px"),
            Finding(message="A footer link is 14 px tall.", url=STORE, viewport="mobile",
                    selector="footer .footer-nav li:nth-child(4) > a", box=BELOW, screenshot=shot("mobile", "home"),
                    value="92×14 px", severity="warn"),
        ]),
        result(c["tap-targets"], "desktop", "n/a", None, "Only judged on mobile.", reason="only judged on mobile"),
        result(c["viewport-zoom"], "mobile", "pass", 1.0, "Zoom is allowed on every page."),
        result(c["viewport-zoom"], "desktop", "n/a", None, "Only judged on mobile.", reason="only judged on mobile"),
    ]
    for vp in ("mobile", "desktop"):
        vp_: Viewport = vp  # type: ignore[assignment]
        out += [
            result(c["product-content"], vp_, "warn", 0.67, "4 of 6 expected details found on 1 product page.", [
                Finding(message="No size chart found on this apparel product page.", url=product, viewport=vp_,
                        severity="warn", fix="Link a size chart next to the size selector."),
                Finding(message="No delivery date or estimate near the price.", url=product, viewport=vp_,
                        severity="warn", fix="Show 'Arrives by Thu 14 Nov' under the add-to-cart button."),
            ]),
            result(c["product-structured-data"], vp_, "fail", 0.4,
                   "Product JSON-LD lacks shippingDetails, hasMerchantReturnPolicy and gtin.", [
                       Finding(message="Product structured data has no shippingDetails.", url=product, viewport=vp_,
                               selector='script[type="application/ld+json"]:nth-of-type(2)',
                               value="missing: shippingDetails, hasMerchantReturnPolicy, gtin"),
                   ]),
            result(c["search-exact"], vp_, "pass", 1.0, "3 of 3 exact product names ranked the product first."),
            result(c["guest-checkout"], vp_, "pass", 1.0, "'Continue as guest' is the first choice at checkout."),
            result(c["shipping-upfront"], vp_, "warn", 0.6,
                   "Shipping costs first appear in the cart, not on the product page.", [
                       Finding(message="The product page shows no shipping cost or free-shipping threshold.",
                               url=product, viewport=vp_, severity="warn",
                               screenshot=shot(vp_, "product"), value="first shown: cart"),
                   ]),
            result(c["policy-links"], vp_, "pass", 1.0, "Shipping, returns, privacy and terms are linked from the footer."),
            result(c["contact-channels"], vp_, "warn", 0.6, "2 contact channels: email and a contact form; no phone.",
                   [Finding(message="No phone number (tel: link) found on any page.", url=STORE, viewport=vp_,
                            severity="warn")]),
        ]
    fields = ["email", "firstName", "lastName", "company", "address1", "address2", "city", "province", "zip",
              "phone", "giftMessage", "vatNumber", "referral"]
    out += [
        result(c["search-typo"], "mobile", "fail", 0.2, "1 of 5 one-letter typos found useful results.", [
            Finding(message="The query 'sweatr' returned no results (the correct spelling returns 14).",
                    url=STORE + "search?q=sweatr", viewport="mobile", value="0 results; overlap 0.0"),
        ]),
        result(c["search-typo"], "desktop", "fail", 0.2, "1 of 5 one-letter typos found useful results.", [
            Finding(message="The query 'sweatr' returned no results (the correct spelling returns 14).",
                    url=STORE + "search?q=sweatr", viewport="desktop", value="0 results; overlap 0.0",
                    selector="input#Search-In-Modal", box=DESKTOP_SEARCH, screenshot=shot("desktop", "home")),
        ]),
        result(c["search-synonym"], "mobile", "n/a", None, reason="the search journey was not run in the mobile viewport",
               summary="Could not evaluate: the search journey was not run in the mobile viewport."),
        result(c["search-synonym"], "desktop", "n/a", None,
               reason="the search journey was not run in the desktop viewport",
               summary="Could not evaluate: the search journey was not run in the desktop viewport."),
        result(c["form-fields"], "mobile", "fail", 0.31, "13 text fields from cart to review; 8 is achievable.", [
            Finding(message=f"Optional field '{name}' adds friction.", url=STORE + "checkouts/c/information",
                    viewport="mobile", selector=f"input[name=\"checkout[shipping_address][{name}]\"]",
                    screenshot=shot("mobile", "cart") if i == 0 else ("screenshots/missing.jpg" if i == 1 else None),
                    box=Box(x=24, y=142 + i * 64, width=364, height=36) if i < 2 else None,
                    value=f"field {i + 1} of 13", severity="warn" if i % 3 else "fail")
            for i, name in enumerate(fields)
        ], blocker=False),
        result(c["form-fields"], "desktop", "warn", 0.62, "11 text fields from cart to review.", []),
        result(c["payment-options"], "mobile", "error", None,
               summary="The check raised an error; the rest of the audit went on.",
               reason="KeyError: 'payment_iframes' (at payment_options.py:88)"),
        result(c["payment-options"], "desktop", "error", None,
               summary="The check raised an error; the rest of the audit went on.",
               reason="KeyError: 'payment_iframes' (at payment_options.py:88)"),
    ]
    query = PAYLOAD if hostile else "sweatr"
    out += [
        result(c["search-quality"], "mobile", "warn", 0.9, "A one-letter typo found nothing.", [
            Finding(message=f"Searching “{query}” gave no results.", url=JOURNEY_SEARCH + query_part(query),
                    viewport="mobile", screenshot=shot("mobile", "category")),
            Finding(message="No search suggestions appeared while typing.", url=STORE + "account/search-help",
                    viewport="mobile", severity="warn"),
        ]),
        result(c["search-quality"], "desktop", "pass", 1.0, "Every query found the product."),
    ]
    if hostile:
        evil = c["hostile-plugin"]
        for vp in ("mobile", "desktop"):
            vp_h: Viewport = vp  # type: ignore[assignment]
            out.append(result(evil, vp_h, "fail", 0.1, f"Summary {PAYLOAD}", [
                Finding(message=f"Message {RICH_MARKUP} {PAYLOAD} {IMG_PAYLOAD}", url=JS_URL, viewport=vp_h,
                        selector=f"div[title='{PAYLOAD}']", value=IMG_PAYLOAD, fix=f"Fix {PAYLOAD}"),
                Finding(message="A data: URL must not become a link either.",
                        url="data:text/html,<script>window.__pwned=4</script>", viewport=vp_h),
                Finding(message="Braces {url} {0} in a URL must not break formatting.",
                        url=STORE + "p/{x}", viewport=vp_h, screenshot=shot(vp_h, "home"),
                        box=Box(x=2000, y=10, width=10, height=10)),
            ]))
    return out


JOURNEY_SEARCH = STORE + "search?q="
CART = STORE + "cart"
STOPPED_REASON = "the cart page had no checkout button we could find"


def query_part(query: str) -> str:
    return query.replace(" ", "+")


def journeys(hostile: bool) -> list[JourneyEvidence]:
    """A completed phone search (three steps, one of them flagged by search-quality) and a stopped desktop checkout."""
    query = PAYLOAD if hostile else "sweatr"
    search = JourneyEvidence(name="search", viewport="mobile", completed=True, steps=[
        JourneyStep(name="search-box", stage="search", url=STORE, action="looked for the search box",
                    note="search icon at #site-search",
                    screenshot=Screenshot(path=shot("mobile", "home"), width=412, height=823)),
        JourneyStep(name="search-exact", stage="search", url=JOURNEY_SEARCH + "merino+crew+sweater",
                    action="searched 'merino crew sweater'", note="14 results",
                    screenshot=Screenshot(path=shot("mobile", "category"), width=412, height=823)),
        JourneyStep(name="search-typo", stage="search", url=JOURNEY_SEARCH + query_part(query),
                    action=f"searched '{query}'", note="no results",
                    screenshot=Screenshot(path=shot("mobile", "category"), width=412, height=823)),
    ])
    checkout = JourneyEvidence(name="checkout", viewport="desktop", completed=False, stopped_reason=STOPPED_REASON,
                               steps=[
        JourneyStep(name="checkout-product", stage="product", url=STORE + "products/merino-crew-sweater",
                    action="open product, choose options",
                    screenshot=Screenshot(path=shot("desktop", "product"), width=1350, height=940)),
        JourneyStep(name="checkout-cart", stage="cart", url=CART, action="open the cart", ok=False,
                    note="no checkout button", screenshot=Screenshot(path=shot("desktop", "cart"), width=1350,
                                                                     height=940)),
    ])
    return [search, checkout]


def judgement(per_viewport: list[CheckResult]) -> Judgement:
    """Combine and score exactly as uxaudit.judge does."""
    combined: list[CheckResult] = []
    for check_id in dict.fromkeys(r.id for r in per_viewport):
        combined.append(combine([r for r in per_viewport if r.id == check_id]))
    scores: dict[str, Scores] = {}
    for vp in ("mobile", "desktop"):
        card = scorecard([r for r in per_viewport if r.viewport == vp])
        scores[vp] = Scores(overall=card.overall, categories=card.categories)
    card = scorecard(combined)
    scores["combined"] = Scores(overall=card.overall, categories=card.categories)
    return Judgement(checks=per_viewport, combined=combined, scores=scores)


def sample_audit(folder: Path, hostile: bool = False) -> Audit:
    """The sample audit; its screenshots are written under ``folder/screenshots``."""
    checks = sample_checks(hostile)
    start = STORE if not hostile else STORE + "?q=" + PAYLOAD
    evidence = AuditEvidence(
        tool_version="0.1.0", started_at="2025-05-14T09:21:07+00:00", finished_at="2025-05-14T09:24:51+00:00",
        site=SiteEvidence(start_url=start, origin=STORE.rstrip("/")),
        pages=pages(folder, hostile),
        journeys=journeys(hostile),
        problems=[
            Problem(stage="gather", reason="Timeout 30000 ms exceeded while loading",
                    url=STORE + "pages/returns", viewport="desktop"),
            Problem(stage="search journey", reason="no search field found in the header or first screen",
                    url=STORE, viewport=None if not hostile else "mobile"),
        ] + ([Problem(stage=f"crawl {PAYLOAD}", reason=IMG_PAYLOAD, url=JS_URL)] if hostile else []),
    )
    return Audit(evidence=evidence, judgement=judgement(results(checks, hostile)))


def main(argv: list[str]) -> int:
    """Render the sample (and the hostile sample) into a folder, for looking at."""
    sys.path.insert(0, str(Path(__file__).parent))
    from uxaudit.reports.html import installed_checks, render

    out = Path(argv[1] if len(argv) > 1 else "/tmp/uxaudit-report-sample")
    for hostile in (False, True):
        folder = out / ("hostile" if hostile else "sample")
        audit = sample_audit(folder, hostile)
        checks = {**installed_checks(), **sample_checks(hostile)}
        (folder / "report.html").write_text(render(audit, folder, checks=checks), encoding="utf-8")
        print(folder / "report.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
