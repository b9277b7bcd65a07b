"""secure-shopping: HTTPS everywhere, no mixed content, no secrets typed over plain HTTP, reassurance at payment.

Four parts, weighted in ``PART_WEIGHTS``, from the ``security`` gatherer of every loaded
page and the checkout journey when it ran:

* https: every page (and every checkout step's URL) is served over HTTPS;
* mixed content: no ``http://`` subresource on an HTTPS page (scripts and styles are
  blocked by browsers and break the page; images are upgraded or blocked);
* fields: no password or card field on a plain-HTTP page, and no form posting to ``http://``;
* trust cues: the checkout's payment step shows reassurance (secure checkout, encryption,
  payment logos, a guarantee). Read from the checkout journey's payment step when it
  records the page's security extras, text or HTML; otherwise not judged.

A store on this machine (localhost, 127.0.0.0/8, ::1) is a development copy: browsers
treat those origins as secure contexts (W3C Secure Contexts), so the three HTTP parts say
nothing about the deployed store and are left out, with an info finding saying so. With no
checkout evidence left to judge, such a store gets n/a.
"""

from __future__ import annotations

import ipaddress
import re
from html import unescape
from typing import Any, ClassVar
from urllib.parse import urlsplit

from uxaudit.check import Check, Finding, MissingEvidence, Source, Verdict
from uxaudit.evidence import Box, JourneyEvidence, JourneyStep, PageEvidence, ViewportEvidence

from ._pages import finding, loaded_pages, page_url, plural, weighted

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Shopping is secure and looks it"
FAILURE_TITLE = "Pages or forms are not secure"
DESCRIPTION = (
    "A quarter of shoppers abandoned an order because they did not trust the site with their card. Every page "
    "should be served over HTTPS without insecure subresources, passwords and card numbers must never be typed "
    "on a plain-HTTP page, and the payment step should reassure shoppers that paying is safe."
)
FIX = ("Serve every page over HTTPS (redirect http:// to https://, set HSTS), load every subresource over HTTPS, "
       "and show a short security note and payment logos beside the card fields.")
LOCAL_NOTE = ("The store runs on {host}, a local address that browsers treat as secure: HTTPS, mixed content and "
              "fields on plain HTTP are judged on the deployed store, not here.")
FIX_LOCAL = "Audit the deployed (public) store to judge HTTPS and mixed content."
NA_LOCAL = ("A local store ({host}): HTTPS and mixed content are judged on the deployed store, and the checkout's "
            "payment step was not seen")
MSG_HTTP_PAGE = "This page is served over plain HTTP: browsers mark it \"Not secure\"."
MSG_HTTP_STEP = "The checkout step \"{step}\" is served over plain HTTP: browsers mark it \"Not secure\"."
FIX_HTTP_PAGE = "Serve the whole store over HTTPS and redirect every http:// URL to its https:// twin."
MSG_HTTP_MORE = "{count} more pages are served over plain HTTP."
MSG_MIXED = "This HTTPS page loads {what} over plain HTTP ({url}){effect}."
EFFECT_BLOCKED = ": browsers block it, so that part of the page breaks"
EFFECT_UPGRADED = ": browsers upgrade or block it and may drop the padlock"
FIX_MIXED = "Load the resource over https:// (or a protocol-relative URL from a host that supports HTTPS)."
MSG_FIELD_HTTP = "A {kind} field on a plain-HTTP page: what the shopper types travels unencrypted."
MSG_FORM_HTTP = "This form sends a {kind} field to a plain-HTTP address ({action})."
FIX_FIELD = "Serve the page over HTTPS and post the form to an https:// address, or use your payment provider's fields."
MSG_NO_CUES = ("The payment step shows no reassurance near the payment fields: no secure-checkout note, padlock, "
               "payment logos or guarantee.")
FIX_NO_CUES = ("Add a short note (\"Secure checkout: your payment details are encrypted\") and the logos of the "
               "payment methods beside the card fields.")
SUMMARY = "{https}; {mixed}; {fields}; {cues}."
SUMMARY_HTTPS = "{ok} of {total} pages on HTTPS"
SUMMARY_LOCAL = "a local store: HTTPS not judged"
SUMMARY_MIXED = "mixed content on {n}"
SUMMARY_NO_MIXED = "no mixed content"
SUMMARY_FIELDS = "sensitive fields on plain HTTP"
SUMMARY_NO_FIELDS = "no sensitive field on plain HTTP"
SUMMARY_CUES = "reassurance at payment ({cues})"
SUMMARY_NO_CUES = "no reassurance at payment"
SUMMARY_CUES_NA = "payment step not seen"

# --- rules --------------------------------------------------------------------------------------

# Why each part weighs what it does (sum 100): a plain-HTTP page is flagged "Not secure" by
# every browser, the strongest distrust signal; mixed content breaks pages or drops the padlock;
# a password or card typed over HTTP is rare today but the worst case, so it is also a blocker;
# trust cues at payment are Baymard's advice for the 25% who distrust sites with their card.
PART_WEIGHTS: dict[str, float] = {"https": 35, "mixed": 20, "fields": 25, "cues": 20}
NO_CUES_SCORE = 0.5
"""A payment step without reassurance is a weakness, not a defect."""
ACTIVE_TYPES = frozenset({"Script", "Stylesheet", "Document", "XHR", "Fetch", "Font", "script", "stylesheet",
                          "document", "fetch", "font"})
"""Mixed content that browsers block outright (active); images, audio and video are upgraded."""
PAYMENT_STEP = re.compile(r"pay|billing|card", re.IGNORECASE)
CUES = re.compile(
    r"secure (checkout|payment|shopping|transaction)|\bssl\b|encrypt|\U0001F512|money.?back|guarantee"
    r"|buyer protection|safe (checkout|shopping|payment)|trusted shops|norton|mcafee|trustpilot|verified by visa"
    r"|3-?d secure|\bvisa\b|mastercard|american express|\bamex\b|paypal|apple pay|google pay|klarna", re.IGNORECASE)
VISIBLE_PAYMENT_TRACES = frozenset({"text", "image alt", "image file"})
"""How the checkout journey saw a payment method: these are visible to the shopper (logos, names)."""
MAX_LISTED = 5


class SecureShopping(Check):
    id = "secure-shopping"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "trust"
    # The heaviest trust check: 25% of shoppers abandoned because they did not trust the site with
    # their card (Baymard 2024), the largest trust figure we have.
    weight = 3.0
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="Baymard Institute, cart abandonment reasons (2024)",
               url="https://baymard.com/lists/cart-abandonment-rate",
               figure="25% did not trust the site with their credit card information"),
        Source(title="MDN: Mixed content", url="https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content",
               figure="active mixed content is blocked; images are upgraded to HTTPS"),
        Source(title="W3C Secure Contexts: potentially trustworthy origins",
               url="https://www.w3.org/TR/secure-contexts/#is-origin-trustworthy",
               figure="localhost and 127.0.0.0/8 count as secure"),
        Source(title="Baymard Institute: perceived security of the payment form",
               url="https://baymard.com/blog/perceived-security-of-payment-form"),
    )
    requires = ("pages",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        pages = [p for p in loaded_pages(evidence)
                 if isinstance(p.extras.get("security"), dict) and "error" not in p.extras["security"]]
        if not pages:
            raise MissingEvidence("the security gatherer did not run on any loaded page")
        host = urlsplit(evidence.site.origin or evidence.site.start_url).hostname or ""
        local = is_local(host)
        findings: list[Finding] = []
        parts: dict[str, float] = {}
        details: dict[str, Any] = {"local": local}
        blocker = False
        summary: dict[str, str] = {}
        if not local:
            parts["https"], summary["https"] = _judge_https(pages, evidence.journeys.get("checkout"), findings)
            mixed = _judge_mixed(pages, findings)
            if mixed is not None:
                parts["mixed"] = mixed
            summary["mixed"] = (SUMMARY_NO_MIXED if mixed in (None, 1.0) else
                                SUMMARY_MIXED.format(n=plural(round((1 - (mixed or 0)) * len(
                                    [p for p in pages if _scheme(p) == "https"])), "page")))
            unsafe = _judge_fields(pages, evidence.journeys.get("checkout"), findings)
            parts["fields"] = 0.0 if unsafe else 1.0
            blocker = unsafe
            summary["fields"] = SUMMARY_FIELDS if unsafe else SUMMARY_NO_FIELDS
        cues = _judge_cues(evidence.journeys.get("checkout"), findings, details)
        if cues is not None:
            parts["cues"] = cues
        if not parts:
            return Verdict.not_applicable(NA_LOCAL.format(host=host))
        if local:
            findings.insert(0, Finding(message=LOCAL_NOTE.format(host=host), url=evidence.site.start_url,
                                       viewport=evidence.viewport, fix=FIX_LOCAL, severity="info"))
        details["parts"] = {k: round(v, 2) for k, v in parts.items()}
        score = weighted((parts[k], PART_WEIGHTS[k]) for k in parts) or 0.0
        cue_text = (SUMMARY_CUES_NA if cues is None else
                    SUMMARY_CUES.format(cues=", ".join(details.get("cues", [])[:3])) if cues == 1 else SUMMARY_NO_CUES)
        if local:
            text = f"{SUMMARY_LOCAL[0].upper()}{SUMMARY_LOCAL[1:]}; {cue_text}."
        else:
            text = SUMMARY.format(https=summary["https"], mixed=summary["mixed"], fields=summary["fields"],
                                  cues=cue_text)
        return Verdict(score=score, findings=findings, details=details, summary=text, blocker=blocker)


def is_local(host: str) -> bool:
    """Whether ``host`` is this machine: localhost, *.localhost, 127.0.0.0/8 or ::1."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _scheme(page: PageEvidence) -> str:
    return urlsplit(page_url(page)).scheme


def _judge_https(pages: list[PageEvidence], journey: JourneyEvidence | None,
                 findings: list[Finding]) -> tuple[float, str]:
    plain = [p for p in pages if _scheme(p) == "http"]
    for page in plain[:MAX_LISTED]:
        findings.append(finding(page, MSG_HTTP_PAGE, fix=FIX_HTTP_PAGE, value=page_url(page)))
    if len(plain) > MAX_LISTED:
        findings.append(finding(plain[MAX_LISTED], MSG_HTTP_MORE.format(count=len(plain) - MAX_LISTED),
                                fix=FIX_HTTP_PAGE, severity="info"))
    steps = [s for s in (journey.steps if journey else []) if s.url.startswith(("http://", "https://"))]
    plain_steps = [s for s in steps if s.url.startswith("http://")]
    for step in plain_steps[:MAX_LISTED]:
        findings.append(Finding(message=MSG_HTTP_STEP.format(step=step.name), url=step.url,
                                viewport=journey.viewport if journey else "desktop", fix=FIX_HTTP_PAGE,
                                screenshot=step.screenshot.path if step.screenshot else None))
    total = len(pages) + len(steps)
    ok = total - len(plain) - len(plain_steps)
    return ok / total, SUMMARY_HTTPS.format(ok=ok, total=total)


def _judge_mixed(pages: list[PageEvidence], findings: list[Finding]) -> float | None:
    secure = [p for p in pages if _scheme(p) == "https"]
    if not secure:
        return None
    bad = 0
    for page in secure:
        data: dict[str, Any] = page.extras["security"]
        urls = list(data.get("insecure_requests", []))
        if not urls:
            continue
        bad += 1
        types: dict[str, str] = data.get("insecure_types", {})
        active = [u for u in urls if types.get(u, "Other") in ACTIVE_TYPES]
        url = (active or urls)[0]
        kind = types.get(url, "Other").lower()
        what = plural(len(urls), "resource") if len(urls) > 1 else f"a {kind}" if kind != "other" else "a resource"
        findings.append(finding(page, MSG_MIXED.format(what=what, url=url[:160],
                                                       effect=EFFECT_BLOCKED if active else EFFECT_UPGRADED),
                                fix=FIX_MIXED, value=url[:200], severity="fail" if active else "warn"))
    return 1 - bad / len(secure)


def _judge_fields(pages: list[PageEvidence], journey: JourneyEvidence | None, findings: list[Finding]) -> bool:
    unsafe = False
    for step in journey.steps if journey else []:
        if not step.url.startswith("http://"):
            continue
        for field in step.data.get("fields") or []:
            kind = ("password" if field.get("type") == "password" else
                    "card" if str(field.get("autocomplete") or "").startswith("cc-") else None)
            if kind:
                raw_box = field.get("box")
                findings.append(Finding(message=MSG_FIELD_HTTP.format(kind=kind), url=step.url,
                                        viewport=journey.viewport if journey else "desktop", fix=FIX_FIELD,
                                        selector=field.get("selector"),
                                        box=Box.model_validate(raw_box) if isinstance(raw_box, dict) else None,
                                        screenshot=step.screenshot.path if step.screenshot else None))
                unsafe = True
                break
    for page in pages:
        for field in page.extras["security"].get("fields", []):
            kind = "password" if field.get("kind") == "password" else "card"
            action = str(field.get("action") or "")
            raw_box = field.get("box")
            selector = str(field.get("selector") or "") or None
            box = Box.model_validate(raw_box) if isinstance(raw_box, dict) else None
            if _scheme(page) == "http":
                message = MSG_FIELD_HTTP.format(kind=kind)
            elif action.startswith("http://"):
                message = MSG_FORM_HTTP.format(kind=kind, action=action[:120])
            else:
                continue
            findings.append(finding(page, message, fix=FIX_FIELD, selector=selector, box=box))
            unsafe = True
    return unsafe


def _judge_cues(journey: JourneyEvidence | None, findings: list[Finding], details: dict[str, Any]) -> float | None:
    """1 when the payment step reassures, NO_CUES_SCORE when it does not, None when it was not seen."""
    if journey is None:
        details["payment_step"] = "the checkout journey did not run"
        return None
    steps = [s for s in journey.steps if PAYMENT_STEP.search(f"{s.stage} {s.name}")]
    if not steps:
        details["payment_step"] = "the checkout journey did not reach a payment step"
        return None
    for step in steps:
        cues = _step_cues(step)
        if cues is None:
            continue
        details["payment_step"] = step.url
        details["cues"] = cues
        if cues:
            return 1.0
        findings.append(Finding(message=MSG_NO_CUES, url=step.url, viewport=journey.viewport, fix=FIX_NO_CUES,
                                screenshot=step.screenshot.path if step.screenshot else None, severity="warn"))
        return NO_CUES_SCORE
    details["payment_step"] = "the checkout journey records no content of its payment step"
    return None


def _step_cues(step: JourneyStep) -> list[str] | None:
    """Trust cues on a journey step; None when the step recorded too little to say there are none.

    Complete sources (the security gatherer's cues, the page's text or HTML) can show that a
    step has no cue. The checkout journey's own summary (headings, a few lines, the payment
    methods it recognised) is partial: it can show cues, never their absence.
    """
    data = step.data if isinstance(step.data, dict) else {}
    extras = data.get("extras")
    security = extras.get("security") if isinstance(extras, dict) else None
    if isinstance(security, dict) and "cues" in security:
        return sorted({str(c.get("text", ""))[:60] for c in security["cues"] if isinstance(c, dict)})
    text = data.get("text")
    if not isinstance(text, str):
        html = data.get("html")
        if not isinstance(html, str):
            return _partial_cues(data) or None
        alts = " ".join(re.findall(r"""\balt=["']([^"']*)""", html, re.IGNORECASE))
        text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html))) + " " + alts
    return sorted({" ".join(m.group(0).split()).lower() for m in CUES.finditer(text)})


def _partial_cues(data: dict[str, Any]) -> list[str]:
    """Cues in the checkout journey's step summary: payment methods shown, and texts it kept."""
    cues = [f"{p['method']} ({p.get('how', 'shown')})" for p in data.get("payments") or []
            if isinstance(p, dict) and p.get("method") and p.get("how") in VISIBLE_PAYMENT_TRACES]
    texts = data.get("texts")
    if isinstance(texts, dict):
        lines = [str(t) for values in texts.values() if isinstance(values, list) for t in values]
        cues += sorted({" ".join(m.group(0).split()).lower() for line in lines for m in CUES.finditer(line)})
    return cues
