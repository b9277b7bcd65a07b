"""Answers that are not the store's page: a bot wall, another site, a file instead of HTML.

A store can answer a shopper's request with something that is not a page of the store to
judge. Such a page is recorded with its reason in ``PageEvidence.error`` and the kind in
``PageEvidence.not_judged``, so no check mistakes it for bad UX (a captcha page is not a
'thin product page'); on the start URL it stops the audit with that reason (exit 3).

Everything here is a pure function of what one page load returned, so it is tested
without a browser. Bot-wall recognition is deliberately conservative: a false alarm
hides a real page from the audit, while a missed wall still shows up as a page that
fails its checks, with its screenshot for the reader to see why. So a wall needs a
strong signal (HTTP 429, a 403 with Retry-After, Cloudflare's challenge header) or a
*thin* page - little text, few links, no form beyond the check itself - that carries a
challenge marker. A store page that merely loads reCAPTCHA on its contact form is none
of these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from uxaudit.crawl import same_site

BLOCKED = "blocked by the store's bot protection ({detail})"
OFF_SITE = "redirected to another site ({url})"
NOT_HTML = "not an HTML page ({content_type})"

HTML_TYPES = ("text/html", "application/xhtml+xml")

THIN_TEXT = 1500
"""A wall says a sentence or two; a store page, even a sparse one, has navigation and copy."""
THIN_LINKS = 8
"""Challenge pages link to the vendor and maybe a help page; a store's header alone has more."""
MAX_FIELDS = 1
"""A wall may ask for one thing (a text captcha); a contact or login form asks for more."""
VERY_THIN_TEXT = 300
"""A captcha widget alone, without a sentence saying it is a check, only on a page this bare."""

VENDOR_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Each appears on the vendor's challenge or block page, not in the scripts it adds to
    # ordinary pages (Cloudflare's /cdn-cgi/challenge-platform/ script and Imperva's
    # _Incapsula_Resource are on normal pages too, so they are not markers).
    ("a Cloudflare challenge page", re.compile(r"_cf_chl_opt|cf-browser-verification|cf_captcha_kind|"
                                               r"id=[\"']?challenge-(?:form|running|body-text)", re.IGNORECASE)),
    ("a DataDome captcha page", re.compile(r"captcha-delivery\.com", re.IGNORECASE)),
    ("a PerimeterX block page", re.compile(r"id=[\"']?px-captcha", re.IGNORECASE)),
    ("an Imperva block page", re.compile(r"Incapsula incident ID", re.IGNORECASE)),
    ("an AWS WAF challenge page", re.compile(r"AwsWafIntegration|awsWafCookieDomainList", re.IGNORECASE)),
)
CAPTCHA_WIDGET = re.compile(r"class=[\"']?[^\"'>]*\b(?:g-recaptcha|h-captcha|cf-turnstile|frc-captcha)\b", re.IGNORECASE)
ROBOT_PHRASE = re.compile(
    r"are you (?:a )?(?:robot|human)|verify (?:that )?you(?:'re| are) (?:a )?human|not a robot|"
    r"checking (?:if the site connection is secure|your browser)|unusual traffic|just a moment|"
    r"press (?:&|and) hold|security check|enable javascript and cookies to continue|"
    r"automated (?:access|requests|queries)|bot (?:protection|detection)", re.IGNORECASE)
ACCESS_DENIED = re.compile(r"access denied|request blocked|you (?:have been|are) blocked", re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    """What one page load returned, as much as screening needs."""

    status: int | None
    headers: Mapping[str, str]
    """Response headers of the main document, names in lower case."""
    title: str = ""
    text: str = ""
    """The page's visible text."""
    html: str = ""
    links: int = 0
    """Visible links on the page."""
    fields: int = 0
    """Visible text fields (inputs a shopper types into, textareas)."""


def retry_after_s(value: str | None, now: dt.datetime | None = None) -> int | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0, round((when - (now or dt.datetime.now(dt.UTC))).total_seconds()))


def bot_wall(answer: Answer, now: dt.datetime | None = None) -> str | None:
    """Why ``answer`` is a bot wall, as 'HTTP 429, Retry-After 120 s' or 'HTTP 200, a captcha page'; else None."""
    wait = retry_after_s(answer.headers.get("retry-after"), now)
    what = _what(answer)
    rate_limited = answer.status == 429 or (answer.status == 403 and wait is not None)
    if what is None and not rate_limited:
        return None
    parts = [f"HTTP {answer.status}"]
    if wait is not None:
        parts.append(f"Retry-After {wait} s")
    if what:
        parts.append(what)
    return ", ".join(parts)


def _what(answer: Answer) -> str | None:
    """What kind of wall the page looks like, or None when it looks like any other page."""
    if answer.headers.get("cf-mitigated", "").lower() == "challenge":
        return "a Cloudflare challenge page"
    text = answer.text.strip()
    thin = len(text) < THIN_TEXT and answer.links < THIN_LINKS and answer.fields <= MAX_FIELDS
    if not thin:
        return None
    for name, marker in VENDOR_MARKERS:
        if marker.search(answer.html):
            return name
    widget = CAPTCHA_WIDGET.search(answer.html) is not None
    heading = f"{answer.title}\n{text[:THIN_TEXT]}"
    if ROBOT_PHRASE.search(heading):
        return "a captcha page" if widget else "a bot check page"
    if widget and len(text) < VERY_THIN_TEXT and answer.links <= 2:
        return "a captcha page"
    if answer.status in (401, 403, 503) and ACCESS_DENIED.search(heading):
        return "an access-denied page"
    return None


def off_site(requested: str, final: str) -> str | None:
    """The reason a page that ended on another site than the one asked for is not judged; else None.

    The www and non-www hosts of a domain, and http and https, are one site (see ``same_site``).
    """
    if same_site(final, requested):
        return None
    return OFF_SITE.format(url=final)


def media_type(content_type: str | None) -> str:
    """'application/pdf' from 'application/pdf; charset=binary'; '' when absent."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def not_html(status: int | None, content_type: str | None) -> str | None:
    """The reason a successful answer that is not HTML (a PDF, JSON, an image) is not judged; else None.

    An HTTP error keeps its status as the reason whatever its type, and an answer without a
    Content-Type is taken as HTML, as browsers sniff it.
    """
    kind = media_type(content_type)
    if status is None or status >= 400 or not kind or kind in HTML_TYPES:
        return None
    return NOT_HTML.format(content_type=kind)
