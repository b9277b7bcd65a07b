"""support-channels: how many ways to reach the store, and whether product pages show one.

Counts five channels over every page loaded on desktop (where the contact and FAQ pages
are loaded), from the ``support`` gatherer:

* phone: a ``tel:`` link, or a number printed beside "call"/"phone";
* email: a ``mailto:`` link, or an address printed in the text;
* contact form: a form with a message box (textarea) that is not a search, login or review form;
* live chat: a known widget (script host, DOM root or global, ``vendors.CHAT_*``) or a fixed
  launcher named like a chat;
* FAQ / help centre: a loaded FAQ page, or a link to one.

Score: the channel count (0, 1, 2, 3+ → 0, 0.5, 0.8, 1) and the share of product pages
that show a way to get help (a help or contact link, a phone or email link, a chat),
weighted in ``PART_WEIGHTS``. Judged on desktop: the contact and help pages are loaded
there only, so a mobile count would miss what they show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from uxaudit.check import Check, Finding, MissingEvidence, Source, Verdict
from uxaudit.evidence import PageEvidence, ViewportEvidence
from uxaudit.gatherers.vendors import chat_of

from ._pages import finding, loaded_pages, page_url, plural, weighted

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Shoppers can reach the store in several ways"
FAILURE_TITLE = "Shoppers have few ways to reach the store"
DESCRIPTION = (
    "Shoppers with a question about sizing, delivery or a payment problem need to ask someone, ideally "
    "from the page where the question arises. Phone, email, a contact form, live chat and a help centre "
    "each serve different shoppers; the top US stores offer several."
)
FIX = ("Offer at least three channels (phone, email or a contact form, live chat, an FAQ), and link to help "
       "from every product page, e.g. in the footer or beside the add-to-cart button.")
CHANNEL_NAMES = {"phone": "phone", "email": "email", "form": "contact form", "chat": "live chat",
                 "faq": "FAQ / help centre"}
MSG_NONE = "No way to contact the store was found: no phone, email, contact form, live chat or help pages."
FIX_NONE = "Publish a contact page with a phone number, an email address and a form, and link it from every page."
MSG_ONE = "Only one support channel was found ({channel}); shoppers who prefer another way cannot ask."
FIX_ONE = "Add a second and third channel: a contact form or email, a phone line, live chat or an FAQ."
MSG_MISSING = "Not offered: {missing}."
FIX_MISSING = ("The top US stores offer phone (98%), live chat (73%), a contact form (64%) and email (26%); add the "
               "ones your team can answer.")
MSG_PRODUCT = "This product page shows no way to get help: no contact, help or FAQ link, no phone, email or chat."
FIX_PRODUCT = "Link to help from every product page (footer, or beside the add-to-cart button)."
SUMMARY = "{count}: {channels}; {reach}."
SUMMARY_REACH = "help reachable from {ok} of {total} product pages"
SUMMARY_NO_PRODUCTS = "no product page to judge"

# --- rules --------------------------------------------------------------------------------------

CHANNELS = ("phone", "email", "form", "chat", "faq")
COUNT_SCORES = {0: 0.0, 1: 0.5, 2: 0.8}
"""Proposed: three or more channels score 1 (most top stores offer three or more)."""
# Why each part weighs what it does (sum 100): having channels at all is the core of the rule;
# reaching them from the product page, where questions arise, is Baymard's refinement.
PART_WEIGHTS: dict[str, float] = {"channels": 70, "product_pages": 30}
PHONE_TEXT = re.compile(r"\b(call|phone|tel(ephone)?|hotline|ring us)\b[^0-9+\n]{0,20}(\+?\(?\d[\d\s().-]{5,}\d)",
                        re.IGNORECASE)
EMAIL_TEXT = re.compile(r"\b[\w.+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
CONTACT_FORM = re.compile(r"contact|message|enquir|inquir|question|support|help|get in touch|send|write to us", re.IGNORECASE)
NOT_CONTACT_FORM = re.compile(r"review|rating|comment|search|login|log in|sign in|register|newsletter|subscribe", re.IGNORECASE)
FAQ_LINK = re.compile(r"\bfaqs?\b|frequently asked|help ?cent(er|re)|\bhelp\b|knowledge ?base|support cent", re.IGNORECASE)
MAX_PAGES_LISTED = 3


@dataclass
class Seen:
    """Where a channel was first seen."""

    page: PageEvidence
    how: str
    element: dict[str, Any] | None = None


class SupportChannels(Check):
    id = "support-channels"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "trust"
    # Support reassures more than it converts: no abandonment figure names it, but shoppers
    # who cannot ask a question leave (and the top stores all offer several channels).
    weight = 1.5
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="Top 100 US e-commerce stores: customer service channels (2019)",
               figure="98% phone, 73% live chat, 64% contact form, 26% email"),
        Source(title="Baymard Institute: make customer service easy to reach from product and checkout pages",
               url="https://baymard.com/blog/customer-service-links"),
    )
    requires = ("pages",)
    viewports = ("desktop",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        pages = [p for p in loaded_pages(evidence) if isinstance(p.extras.get("support"), dict)
                 and "error" not in p.extras["support"]]
        if not pages:
            raise MissingEvidence("the support gatherer did not run on any loaded page")
        found = _channels(pages, evidence)
        count = len(found)
        findings: list[Finding] = []
        home = next((p for p in pages if p.kind == "home"), pages[0])
        if count == 0:
            findings.append(finding(home, MSG_NONE, fix=FIX_NONE))
        elif count == 1:
            only = next(iter(found))
            findings.append(finding(home, MSG_ONE.format(channel=CHANNEL_NAMES[only]), fix=FIX_ONE, severity="warn"))
        missing = [CHANNEL_NAMES[c] for c in CHANNELS if c not in found]
        if missing and count:
            findings.append(finding(home, MSG_MISSING.format(missing=", ".join(missing)), fix=FIX_MISSING,
                                    severity="info"))
        parts: dict[str, float] = {"channels": COUNT_SCORES.get(count, 1.0)}
        products = [p for p in pages if p.kind == "product"]
        reach = [(p, _help_route(p)) for p in products]
        if products:
            ok = [p for p, route in reach if route]
            parts["product_pages"] = len(ok) / len(products)
            for page, route in [r for r in reach if not r[1]][:MAX_PAGES_LISTED]:
                findings.append(finding(page, MSG_PRODUCT, fix=FIX_PRODUCT))
        score = weighted((parts[k], PART_WEIGHTS[k]) for k in parts) or 0.0
        details: dict[str, object] = {
            "channels": {c: {"page": page_url(s.page), "how": s.how,
                             "selector": s.element.get("selector") if s.element else None}
                         for c, s in found.items()},
            "product_pages": [{"url": page_url(p), "route": route} for p, route in reach],
            "checkout": _checkout_routes(evidence),
            "parts": {k: round(v, 2) for k, v in parts.items()},
        }
        reach_text = (SUMMARY_REACH.format(ok=sum(1 for _, r in reach if r), total=len(products))
                      if products else SUMMARY_NO_PRODUCTS)
        summary = SUMMARY.format(count=plural(count, "support channel"),
                                 channels=", ".join(CHANNEL_NAMES[c] for c in CHANNELS if c in found) or "none",
                                 reach=reach_text)
        return Verdict(score=score, findings=findings, summary=summary, details=details)


def _channels(pages: list[PageEvidence], evidence: ViewportEvidence) -> dict[str, Seen]:
    found: dict[str, Seen] = {}

    def seen(channel: str, page: PageEvidence, how: str, element: dict[str, Any] | None = None) -> None:
        found.setdefault(channel, Seen(page, how, element))

    # Pages in discovery order; the contact and FAQ pages come last and name what they show.
    for page in pages:
        data: dict[str, Any] = page.extras["support"]
        for link in data.get("tel", []):
            seen("phone", page, f"a tel: link ({link.get('href', '')})", link)
        for link in data.get("mailto", []):
            seen("email", page, f"a mailto: link ({str(link.get('href', '')).split('?')[0]})", link)
        for form in data.get("forms", []):
            if is_contact_form(form, page):
                seen("form", page, f"a contact form ({form.get('heading') or form.get('submit') or 'message box'})",
                     form)
        chat = _chat(data)
        if chat:
            seen("chat", page, chat[0], chat[1])
        for link in data.get("help_links", []):
            if FAQ_LINK.search(str(link.get("text", ""))):
                seen("faq", page, f"a link to \"{link.get('text')}\"", link)
        if page.kind == "policy" and page.policy == "faq":
            seen("faq", page, "the FAQ page")
    for page in pages:
        if "phone" not in found and (m := PHONE_TEXT.search(page.text)):
            seen("phone", page, f"a number in the text ({m.group(3).strip()}), not a tap-to-call link")
        if "email" not in found and (m := EMAIL_TEXT.search(page.text)):
            seen("email", page, f"an address in the text ({m.group(0)}), not a mailto: link")
    if "faq" not in found and "faq" in evidence.site.policy_links:
        found["faq"] = Seen(pages[0], f"a link to {evidence.site.policy_links['faq']}")
    return found


def is_contact_form(form: dict[str, Any], page: PageEvidence) -> bool:
    """A form to write to the store: a message box, not search/login/review/newsletter."""
    if not form.get("textarea") or form.get("search") or form.get("password"):
        return False
    words = " ".join(str(form.get(k, "")) for k in ("heading", "submit", "action")) + " " + " ".join(
        str(n) for n in form.get("names", []))
    if NOT_CONTACT_FORM.search(words) and not re.search(r"contact", words, re.IGNORECASE):
        return False
    return bool(CONTACT_FORM.search(words)) or (page.kind == "policy" and page.policy in ("contact", "faq"))


def _chat(data: dict[str, Any]) -> tuple[str, dict[str, Any] | None] | None:
    for element in data.get("chat_dom", []):
        name = str(element.get("vendor", "a chat widget"))
        return (f"{name} (on the page)" if name != "a chat widget" else "a chat launcher on the page"), element
    for global_name in data.get("chat_globals", []):
        return f"a chat widget (window.{global_name})", None
    for url in data.get("scripts", []):
        vendor = chat_of(str(url))
        if vendor:
            return f"{vendor} ({str(url).split('?')[0][:120]})", None
    return None


def _help_route(page: PageEvidence) -> str | None:
    """How a shopper on this page can get help, or None."""
    data: dict[str, Any] = page.extras.get("support") or {}
    if data.get("help_links"):
        link = data["help_links"][0]
        return f"link \"{link.get('text', '')}\""
    if data.get("tel"):
        return "phone link"
    if data.get("mailto"):
        return "email link"
    chat = _chat(data)
    return chat[0] if chat else None


def _checkout_routes(evidence: ViewportEvidence) -> list[dict[str, object]]:
    """Help routes on checkout steps, when the checkout journey records its pages' links or HTML."""
    journey = evidence.journeys.get("checkout")
    if journey is None:
        return []
    rows: list[dict[str, object]] = []
    for step in journey.steps:
        data = step.data if isinstance(step.data, dict) else {}
        support = (data.get("extras") or {}).get("support") if isinstance(data.get("extras"), dict) else None
        html = data.get("html") if isinstance(data.get("html"), str) else None
        if isinstance(support, dict):
            route = bool(support.get("help_links") or support.get("tel") or support.get("mailto")
                         or _chat(support))
        elif html is not None:
            route = bool(re.search(r"href=[\"'](tel:|mailto:)|>[^<]*(contact|help|faq|customer service)[^<]*</a>",
                                   html, re.IGNORECASE))
        else:
            continue
        rows.append({"step": step.name, "url": step.url, "help_reachable": route})
    return rows
