"""cookie-consent: a fair first layer, no pre-ticked boxes, and no tracking before the shopper says yes.

Reads the ``consent`` gatherer of every loaded page: the banner as a shopper meets it on
arrival (the audit never clicks it), the cookies in the browser after each load, and the
third-party requests each load made. Trackers are recognised with the lists in
``uxaudit.gatherers.vendors`` (known hosts and cookie names, EasyPrivacy-style file names).

* No banner and nothing tracking: n/a, nothing needs consent.
* No banner but trackers or tracking cookies: fail (tracking without asking).
* A banner: three parts, weighted in ``PART_WEIGHTS``: reject offered on the first layer
  and about as prominent as accept; no pre-ticked optional boxes; no tracking before consent.
  Tracking before consent or a first layer without reject fails whatever the rest
  (``INFRINGEMENT_CAP``): each is an infringement on its own.

Prominence is compared on size, font size and whether accept is a filled button while
reject is bare text. Regulators judge colours case by case (EDPB task force 2023), so a
less prominent reject warns; only a missing reject fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from uxaudit.check import Check, Finding, MissingEvidence, Source, Verdict
from uxaudit.evidence import Box, PageEvidence, ViewportEvidence
from uxaudit.gatherers.vendors import tracker_of, tracking_cookie

from ._pages import finding, loaded_pages, page_url, plural, weighted

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Cookie consent is fair and comes before tracking"
FAILURE_TITLE = "Cookie consent is not fair, or tracking starts before consent"
DESCRIPTION = (
    "Under the GDPR and ePrivacy rules, analytics and advertising cookies need the shopper's consent first. "
    "The banner's first layer must let shoppers refuse as easily as they accept, with no pre-ticked boxes, "
    "and no tracker may load before they have chosen."
)
FIX = ("Put a 'Reject all' button next to 'Accept all' on the banner's first layer, styled alike; leave optional "
       "categories unticked; load analytics and advertising tags only after the shopper accepts.")
NA_NOTHING = ("No consent banner, and no known tracker or tracking cookie before any consent: this store does not "
              "appear to need one.")
MSG_NO_BANNER = ("{what} before any consent, and the store shows no consent banner: shoppers are tracked without "
                 "being asked.")
FIX_NO_BANNER = "Show a consent banner with Accept and Reject, and load trackers only after the shopper accepts."
MSG_NO_REJECT = ("The consent banner's first layer offers {accept} but no way to refuse: shoppers must accept or hunt "
                 "for another option.")
MSG_REJECT_SECOND_LAYER = ("The consent banner's first layer offers {accept} but refusing takes a detour through "
                           "{settings}.")
FIX_REJECT = "Add a 'Reject all' button on the first layer, next to the accept button and styled like it."
MSG_REJECT_WEAKER = "The consent banner's reject option {reject} is less prominent than {accept}: {why}."
FIX_REJECT_WEAKER = "Give 'Reject all' the same size, font and button style as 'Accept all'."
WHY_SMALLER = "it is {ratio:.0%} of accept's size"
WHY_FONT = "its text is {reject:.0f} px against {accept:.0f} px"
WHY_BARE = "accept is a filled button, reject is plain text"
WHY_FAINT = "its text contrast is {ratio:.1f}:1, under 3:1"
MSG_PRETICKED = "The consent banner has the optional category \"{label}\" ticked in advance."
FIX_PRETICKED = "Leave every optional category unticked until the shopper ticks it."
MSG_TRACKER = "{vendor} loads before consent: {why}, on this page."
FIX_TRACKER = ("Load this tag only after the shopper accepts (block it in your consent tool or tag manager until "
               "consent is given).")
MSG_COOKIE = "The {vendor} cookie \"{name}\" is set before consent."
FIX_COOKIE = "Set analytics and advertising cookies only after the shopper accepts."
MSG_MORE = "{count} more trackers or tracking cookies before consent."
SUMMARY = "{banner}; {tracking}."
SUMMARY_BANNER_FAIR = "a fair consent banner (reject on the first layer)"
SUMMARY_BANNER_WEAK = "a consent banner whose reject option is less prominent than accept"
SUMMARY_BANNER_NO_REJECT = "a consent banner with no reject option on its first layer"
SUMMARY_NO_BANNER = "no consent banner"
SUMMARY_TRACKING = "{n} before consent"
SUMMARY_NO_TRACKING = "no tracking before consent"

# --- rules --------------------------------------------------------------------------------------

# Why each part weighs what it does (sum 100): tracking before consent is the infringement itself
# and what authorities fine; a missing first-layer reject was the EDPB task force's most agreed
# finding; pre-ticked boxes are unlawful (CJEU Planet49, 2019) but rarer on shop banners.
PART_WEIGHTS: dict[str, float] = {"tracking": 45, "reject": 40, "preticked": 15}
INFRINGEMENT_CAP = 0.45
"""Tracking before consent, or no reject on the first layer, is an infringement in itself: the check fails."""
WEAKER_REJECT_SCORE = 0.5
"""A reject option present but less prominent: regulators judge it case by case, so half marks."""
MIN_AREA_RATIO = 0.5
"""Reject under half of accept's area is 'less prominent'."""
MIN_FONT_RATIO = 0.8
MIN_TEXT_CONTRAST = 3.0
"""WCAG 1.4.3's large-text minimum: fainter reject text is hard to see."""
FILLED_CONTRAST = 1.5
"""A button whose background stands out from the banner's by this ratio looks 'filled'."""
MAX_LISTED = 8

REJECT = re.compile(
    r"reject|decline|deny|refuse|disagree|do not (accept|agree|allow)|don'?t (accept|allow)|no,? thanks"
    r"|continue without|only (the )?(necessary|essential|required)|(necessary|essential|required|functional)"
    r"( cookies)? only|use necessary|ablehnen|refuser|tout refuser|rechazar|rifiuta|weigeren|afwijzen", re.IGNORECASE)
ACCEPT = re.compile(r"accept|agree|allow|\bok(ay)?\b|got it|i understand|consent|yes|continue|akzeptieren|accepter"
                    r"|aceptar|accetta|zustimmen|akkoord", re.IGNORECASE)
SETTINGS = re.compile(r"setting|preference|customi[sz]e|manage|options|choices|more info|details|einstellungen"
                      r"|param[eè]tres|personali[sz]", re.IGNORECASE)
ESSENTIAL = re.compile(r"necessary|essential|required|strictly|technical|notwendig|n[ée]cessaires", re.IGNORECASE)


@dataclass
class Banner:
    page: PageEvidence
    data: dict[str, Any]
    accept: dict[str, Any] | None = None
    reject: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    weaker: list[str] = field(default_factory=list)


class CookieConsent(Check):
    id = "cookie-consent"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "trust"
    # Legal exposure more than lost sales: shoppers rarely abandon over a banner, but regulators
    # fine stores for tracking without consent. Below the checks about paying safely and policies.
    weight = 1.5
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="EDPB, Report of the work undertaken by the Cookie Banner Taskforce (2023)",
               url="https://www.edpb.europa.eu/our-work-tools/our-documents/report/"
                   "report-work-undertaken-cookie-banner-taskforce_en",
               figure="a reject option on the first layer; no pre-ticked boxes; no deceptive button design"),
        Source(title="CJEU C-673/17 Planet49 (2019)",
               url="https://curia.europa.eu/juris/liste.jsf?num=C-673/17",
               figure="a pre-ticked checkbox is not valid consent"),
        Source(title="EasyPrivacy filter list", url="https://easylist.to/",
               figure="generic tracker file names and beacon paths"),
    )
    requires = ("pages",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        pages = [(p, p.extras.get("consent")) for p in loaded_pages(evidence)]
        seen = [(p, x) for p, x in pages if isinstance(x, dict) and "error" not in x]
        if not seen:
            errors = [x["error"] for _, x in pages if isinstance(x, dict) and "error" in x]
            raise MissingEvidence(f"the consent gatherer did not run{': ' + errors[0] if errors else ''}")
        trackers, cookies = _tracking(seen)
        banner = _banner(seen)
        tracking_findings = _tracking_findings(trackers, cookies)
        count = len(trackers) + len(cookies)
        details: dict[str, object] = {
            "trackers": [{"vendor": v, "url": u, "page": page_url(p)} for v, (_, u, p) in trackers.items()],
            "tracking_cookies": [{"name": n, "vendor": v} for n, (v, _) in cookies.items()],
            "banner": None,
        }
        tracking_text = (SUMMARY_TRACKING.format(n=plural(count, "tracker or tracking cookie",
                                                          "trackers or tracking cookies"))
                         if count else SUMMARY_NO_TRACKING)
        if banner is None:
            if not count:
                return Verdict.not_applicable(NA_NOTHING)
            what = ", ".join(sorted({v for v in trackers} | {v for v, _ in cookies.values()}))
            first = tracking_findings[0] if tracking_findings else None
            lead = Finding(message=MSG_NO_BANNER.format(what=what), url=first.url if first else evidence.site.start_url,
                           viewport=evidence.viewport, fix=FIX_NO_BANNER,
                           screenshot=first.screenshot if first else None)
            return Verdict(score=0.0, findings=[lead, *tracking_findings],
                           summary=SUMMARY.format(banner=SUMMARY_NO_BANNER, tracking=tracking_text), details=details)

        findings: list[Finding] = []
        parts: dict[str, float] = {"tracking": 0.0 if count else 1.0}
        parts["reject"] = _judge_reject(banner, findings)
        parts["preticked"] = _judge_preticked(banner, findings)
        findings.extend(tracking_findings)
        details["banner"] = {
            "page": page_url(banner.page), "selector": banner.data.get("selector"),
            "found_by": banner.data.get("how"), "text": banner.data.get("text", "")[:200],
            "accept": _label(banner.accept), "reject": _label(banner.reject), "settings": _label(banner.settings),
            "reject_less_prominent": banner.weaker,
        }
        details["parts"] = {k: round(v, 2) for k, v in parts.items()}
        score = weighted((parts[k], PART_WEIGHTS[k]) for k in parts) or 0.0
        if parts["tracking"] == 0 or parts["reject"] == 0:
            score = min(score, INFRINGEMENT_CAP)
        state = (SUMMARY_BANNER_NO_REJECT if parts["reject"] == 0 else
                 SUMMARY_BANNER_WEAK if parts["reject"] < 1 else SUMMARY_BANNER_FAIR)
        return Verdict(score=score, findings=findings, details=details,
                       summary=SUMMARY.format(banner=state[0].upper() + state[1:], tracking=tracking_text))


# --- tracking ---------------------------------------------------------------------------------


def _tracking(seen: list[tuple[PageEvidence, dict[str, Any]]]) -> tuple[
        dict[str, tuple[str, str, PageEvidence]], dict[str, tuple[str, PageEvidence]]]:
    """Trackers by vendor (why, URL, first page) and tracking cookies by name (vendor, first page)."""
    trackers: dict[str, tuple[str, str, PageEvidence]] = {}
    cookies: dict[str, tuple[str, PageEvidence]] = {}
    for page, extra in seen:
        for request in extra.get("third_party_requests", []):
            url = str(request.get("url", ""))
            hit = tracker_of(url, page_url(page))
            if hit:
                vendor, why = hit
                key = vendor if vendor != "an unnamed tracker" else f"{vendor} ({url.split('?')[0]})"
                trackers.setdefault(key, (why, url, page))
        for cookie in extra.get("cookies", []):
            name = str(cookie.get("name", ""))
            owner = tracking_cookie(name)
            if owner:
                cookies.setdefault(name, (owner, page))
    return trackers, cookies


def _tracking_findings(trackers: dict[str, tuple[str, str, PageEvidence]],
                       cookies: dict[str, tuple[str, PageEvidence]]) -> list[Finding]:
    found = [finding(page, MSG_TRACKER.format(vendor=_capitalised(vendor.split(" (")[0]), why=why),
                     fix=FIX_TRACKER, value=url[:200])
             for vendor, (why, url, page) in trackers.items()]
    found += [finding(page, MSG_COOKIE.format(vendor=vendor, name=name), fix=FIX_COOKIE, value=name)
              for name, (vendor, page) in cookies.items()]
    if len(found) > MAX_LISTED:
        extra = len(found) - MAX_LISTED
        found = found[:MAX_LISTED]
        found.append(found[-1].model_copy(update={"message": MSG_MORE.format(count=extra), "severity": "info",
                                                  "value": None}))
    return found


# --- the banner -------------------------------------------------------------------------------


def _banner(seen: list[tuple[PageEvidence, dict[str, Any]]]) -> Banner | None:
    """The banner as first met: the home page's if it shows one, else the first page that does."""
    shown = [(p, x["banner"]) for p, x in seen if isinstance(x.get("banner"), dict)]
    if not shown:
        return None
    shown.sort(key=lambda item: item[0].kind != "home")
    page, data = shown[0]
    banner = Banner(page=page, data=data)
    for control in data.get("controls", []):
        text = str(control.get("text", ""))
        if not control.get("visible", True) or not text:
            continue
        if REJECT.search(text):
            banner.reject = banner.reject or control
        elif SETTINGS.search(text):
            banner.settings = banner.settings or control
        elif ACCEPT.search(text):
            banner.accept = banner.accept or control
    return banner


def _judge_reject(banner: Banner, findings: list[Finding]) -> float:
    accept = f"\"{banner.accept['text']}\"" if banner.accept else "only an accept option"
    if banner.reject is None:
        if banner.settings is not None:
            message = MSG_REJECT_SECOND_LAYER.format(accept=accept, settings=f"\"{banner.settings['text']}\"")
        else:
            message = MSG_NO_REJECT.format(accept=accept)
        findings.append(_on_banner(banner, message, FIX_REJECT, banner.accept))
        return 0.0
    if banner.accept is None:
        return 1.0
    banner.weaker = _weaker(banner.reject, banner.accept, banner.data)
    if banner.weaker:
        findings.append(_on_banner(banner, MSG_REJECT_WEAKER.format(
            reject=f"\"{banner.reject['text']}\"", accept=f"\"{banner.accept['text']}\"", why="; ".join(banner.weaker)),
            FIX_REJECT_WEAKER, banner.reject, severity="warn"))
        return WEAKER_REJECT_SCORE
    return 1.0


def _weaker(reject: dict[str, Any], accept: dict[str, Any], banner: dict[str, Any]) -> list[str]:
    """Why the reject control is less prominent than accept (empty when it is not)."""
    why: list[str] = []
    ra, aa = _area(reject), _area(accept)
    if aa > 0 and ra / aa < MIN_AREA_RATIO:
        why.append(WHY_SMALLER.format(ratio=ra / aa))
    rf, af = float(reject.get("font_px") or 0), float(accept.get("font_px") or 0)
    if rf and af and rf / af < MIN_FONT_RATIO:
        why.append(WHY_FONT.format(reject=rf, accept=af))
    page_bg = _rgb(banner.get("background"))
    if _filled(accept, page_bg) and not _filled(reject, page_bg) and not float(reject.get("border_px") or 0):
        why.append(WHY_BARE)
    text_contrast = contrast(_rgb(reject.get("color")), _rgb(reject.get("background")))
    if text_contrast < MIN_TEXT_CONTRAST:
        why.append(WHY_FAINT.format(ratio=text_contrast))
    return why


def _judge_preticked(banner: Banner, findings: list[Finding]) -> float:
    optional = [b for b in banner.data.get("checkboxes", []) if not ESSENTIAL.search(str(b.get("label", "")))
                and not b.get("disabled")]
    ticked = [b for b in optional if b.get("checked")]
    for box in ticked[:MAX_LISTED]:
        findings.append(_on_banner(banner, MSG_PRETICKED.format(label=str(box.get("label", ""))[:60] or "?"),
                                   FIX_PRETICKED, box))
    if not optional:
        return 1.0
    return 1.0 - len(ticked) / len(optional)


def _on_banner(banner: Banner, message: str, fix: str, control: dict[str, Any] | None,
               severity: str = "fail") -> Finding:
    target = control or banner.data
    box = target.get("box")
    return finding(banner.page, message, fix=fix, selector=target.get("selector"),
                   box=Box.model_validate(box) if isinstance(box, dict) else None,
                   value=str(target.get("text", ""))[:80] or None, severity=severity)  # type: ignore[arg-type]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(control: dict[str, Any] | None) -> str | None:
    return str(control.get("text")) if control else None


def _area(control: dict[str, Any]) -> float:
    box = control.get("box") or {}
    return float(box.get("width", 0)) * float(box.get("height", 0))


def _rgb(value: object) -> tuple[float, float, float]:
    if isinstance(value, (list, tuple)) and len(value) >= 3:
        return float(value[0]), float(value[1]), float(value[2])
    return 255.0, 255.0, 255.0


def _filled(control: dict[str, Any], banner_bg: tuple[float, float, float]) -> bool:
    own = control.get("own_background") or []
    if not isinstance(own, list) or len(own) < 3 or (len(own) >= 4 and float(own[3]) < 0.5):
        return False
    return contrast(_rgb(own), banner_bg) >= FILLED_CONTRAST


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two sRGB colours (1 to 21)."""
    def lum(c: tuple[float, float, float]) -> float:
        chans = [v / 255 for v in c]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
