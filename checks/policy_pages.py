"""policy-pages: shipping, returns, privacy and terms linked from every page, loading, and a stated return window.

Three parts, weighted in ``PART_WEIGHTS``:

* links: each audited page links to the four policies (from the ``policy_links``
  gatherer: every policy-like link with its region; a link in the footer, the header or a
  menu all count: the shopper can reach the policy from that page);
* loads: the policy pages the crawler found load (HTTP < 400) and are not an error page;
* return window: the returns page states how long shoppers have to return ("30 days").

Policy pages are loaded once, on desktop (``uxaudit.runner``), so the last two parts are
judged on desktop only; on mobile the check judges the links.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from uxaudit.check import Check, Finding, MissingEvidence, Source, Verdict
from uxaudit.crawl import extract_links, policy_from_link
from uxaudit.evidence import PageEvidence, ViewportEvidence

from ._pages import finding, loaded_pages, page_url, weighted

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Shipping, returns, privacy and terms pages are one click away"
FAILURE_TITLE = "Policy pages are missing, hidden or broken"
DESCRIPTION = (
    "Shoppers check delivery and return terms before they buy, and look for privacy and terms to judge "
    "whether a shop is legitimate. Each page should link to them (usually in the footer), each link "
    "should load, and the returns page should say how long shoppers have to send things back."
)
FIX = ("Link Shipping, Returns, Privacy and Terms from the site-wide footer, make sure each page loads, and state "
       "the return window in the first lines of the returns page (\"You have 30 days from delivery\").")
NAMES = {"shipping": "shipping", "returns": "returns", "privacy": "privacy policy", "terms": "terms and conditions"}
MSG_NONE = "No audited page links to a {name} page."
MSG_SOME = "This page has no link to the {name} page, which {linked} to."
FIX_LINK = "Add a link to the {name} page to the site-wide footer, so every page has it."
MSG_BROKEN = "The {name} page linked from the footer does not load: {why}."
MSG_ERROR_PAGE = "The {name} page linked from the footer shows an error page (\"{title}\")."
FIX_BROKEN = "Fix the link or publish the page; check it answers HTTP 200 with its content."
MSG_NO_WINDOW = "The returns page does not say how long shoppers have to return items."
FIX_NO_WINDOW = ("State the return window near the top of the returns page, e.g. \"You have 30 days from delivery to "
                 "return any item\".")
NOTE_MOBILE = "policy pages are loaded on desktop only: their content is judged there"
SUMMARY_LINKED_ALL = "all four policies linked from every page"
SUMMARY_LINKED = "{present} of 4 policies linked ({pairs:.0%} of page links present)"
SUMMARY_LOADS = "{ok} of {total} policy pages load"
SUMMARY_NO_POLICY_PAGES = "no shipping, returns, privacy or terms page was found to load"
SUMMARY_CONTENT_NA = "the policy pages themselves are judged where they were loaded (desktop)"
SUMMARY_WINDOW = "return window stated ({window})"
SUMMARY_NO_WINDOW = "no return window stated"

# --- rules --------------------------------------------------------------------------------------

REQUIRED = ("shipping", "returns", "privacy", "terms")
"""CHECKS.md: privacy policy, terms, returns and shipping pages linked from the footer."""
# Why each part weighs what it does (sum 100): a policy nobody can find is the common failure
# (20% of sites lack footer links to shipping and returns, Baymard); a broken link is rarer but
# as bad for that policy; the return window is the fact 18% of shoppers abandoned over.
PART_WEIGHTS: dict[str, float] = {"links": 50, "loads": 25, "window": 25}
MAX_PAGES_LISTED = 3
WINDOW = re.compile(
    r"\b(\d{1,3}|seven|fourteen|fifteen|twenty[- ]one|twenty[- ]eight|thirty|forty[- ]five|sixty|ninety|one hundred"
    r"(?: and| &)? (?:twenty|eighty))[\s-]*(?:calendar |business |working )?(day|days|week|weeks|month|months)\b", re.IGNORECASE)
RETURN_WORDS = re.compile(r"return|refund|exchange|send (it|them|items?) back|withdraw", re.IGNORECASE)
WINDOW_CONTEXT = 120
"""A duration counts as the return window when a return word is this close (characters)."""
ERROR_PAGE = re.compile(r"\b(page not found|not found|404|doesn'?t exist|does not exist|no longer available)\b", re.IGNORECASE)


class PolicyPages(Check):
    id = "policy-pages"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "trust"
    # Policies answer the questions behind abandonment: 18% abandoned over the return policy and
    # 48% over extra costs shown late (Baymard 2024); 20% of sites lack the footer links.
    weight = 2.0
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="Baymard Institute, cart abandonment reasons (2024)",
               url="https://baymard.com/lists/cart-abandonment-rate",
               figure="18% abandoned an order over an unsatisfactory return policy"),
        Source(title="Baymard Institute, footer links to shipping and returns policies",
               url="https://baymard.com/blog/ecommerce-footer",
               figure="20% of sites lack footer links to shipping and returns"),
    )
    requires = ("pages",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        pages = loaded_pages(evidence)
        linked = {page.id: _linked_kinds(page) for page in pages}
        judged = [p for p in pages if linked[p.id] is not None]
        if not judged:
            raise MissingEvidence("no page had link evidence (policy_links gatherer or HTML)")
        findings: list[Finding] = []
        parts: dict[str, float] = {}
        details: dict[str, Any] = {"pages": [], "policy_links": dict(evidence.site.policy_links)}

        present: dict[str, list[PageEvidence]] = {kind: [] for kind in REQUIRED}
        for page in judged:
            kinds = linked[page.id] or {}
            for kind in REQUIRED:
                if kind in kinds:
                    present[kind].append(page)
            details["pages"].append({"url": page_url(page), "kind": page.kind,
                                     "linked": {k: v for k, v in kinds.items() if k in REQUIRED}})
        pairs = sum(len(v) for v in present.values())
        parts["links"] = pairs / (len(judged) * len(REQUIRED))
        for kind in REQUIRED:
            name = NAMES[kind]
            if not present[kind]:
                findings.append(finding(judged[0], MSG_NONE.format(name=name), fix=FIX_LINK.format(name=name),
                                        value=kind))
                continue
            missing = [p for p in judged if p not in present[kind]]
            for page in missing[:MAX_PAGES_LISTED]:
                findings.append(finding(page, MSG_SOME.format(name=name, linked=_pages_link(len(present[kind]))),
                                        fix=FIX_LINK.format(name=name), value=kind, severity="warn"))

        policy_pages = {p.policy: p for p in evidence.pages if p.kind == "policy" and p.policy in REQUIRED}
        loads = _judge_loads(evidence, policy_pages, findings)
        if loads is not None:
            parts["loads"] = loads[0] / loads[1]
        window = _judge_window(policy_pages.get("returns"), findings)
        if window is not None:
            parts["window"] = 1.0 if window else 0.0
        if evidence.viewport == "mobile" and not policy_pages:
            details["note"] = NOTE_MOBILE
        details["parts"] = {k: round(v, 2) for k, v in parts.items()}
        details["return_window"] = window
        score = weighted((parts[k], PART_WEIGHTS[k]) for k in parts) or 0.0
        kinds_present = sum(1 for v in present.values() if v)
        linked_text = (SUMMARY_LINKED_ALL if parts["links"] == 1 else
                       SUMMARY_LINKED.format(present=kinds_present, pairs=parts["links"]))
        texts = [linked_text]
        if loads:
            texts.append(SUMMARY_LOADS.format(ok=loads[0], total=loads[1]))
        if window is not None:
            texts.append(SUMMARY_WINDOW.format(window=window) if window else SUMMARY_NO_WINDOW)
        if not loads and window is None:
            texts.append(SUMMARY_CONTENT_NA if evidence.viewport == "mobile" and not policy_pages else
                         SUMMARY_NO_POLICY_PAGES)
        summary = "; ".join(texts) + "."
        return Verdict(score=score, findings=findings, details=details, summary=summary[0].upper() + summary[1:])


def _pages_link(n: int) -> str:
    return "1 other page links" if n == 1 else f"{n} other pages link"


def _linked_kinds(page: PageEvidence) -> dict[str, str] | None:
    """Policy kind → region of the first link to it on this page; None when there is no evidence."""
    extra = page.extras.get("policy_links")
    links: list[tuple[str, str, str]]
    if isinstance(extra, dict) and "error" not in extra:
        links = [(str(a.get("href", "")), str(a.get("text", "")), str(a.get("region", "main")))
                 for a in extra.get("links", [])]
    elif page.html:
        links = [(link.url, link.text, link.region) for link in extract_links(page.html, page_url(page), page_url(page))]
    else:
        return None
    kinds: dict[str, str] = {}
    for href, text, region in links:
        kind = policy_from_link(href, text)
        if kind and (kind not in kinds or region == "footer"):
            kinds[kind] = region
    return kinds


def _judge_loads(evidence: ViewportEvidence, policy_pages: dict[Any, PageEvidence],
                 findings: list[Finding]) -> tuple[int, int] | None:
    """(pages that load, pages tried) among the linked policies seen in this viewport; None if none."""
    tried = ok = 0
    for kind in REQUIRED:
        page = policy_pages.get(kind)
        if page is None or page.not_judged:
            continue  # a bot wall or a file is not the store's policy page: nothing to judge
        tried += 1
        name = NAMES[kind]
        if not page.loaded:
            why = page.error or f"HTTP {page.status}"
            findings.append(finding(page, MSG_BROKEN.format(name=name, why=why), fix=FIX_BROKEN, value=why))
            continue
        head = " ".join([page.meta.title, page.text[:300]])
        if ERROR_PAGE.search(page.meta.title) or (len(page.text) < 600 and ERROR_PAGE.search(head)):
            findings.append(finding(page, MSG_ERROR_PAGE.format(name=name, title=page.meta.title[:80]),
                                    fix=FIX_BROKEN, value=page.meta.title[:80]))
            continue
        ok += 1
    return (ok, tried) if tried else None


def return_window(text: str) -> str | None:
    """The first duration near a return word ('30 days'), or None."""
    for match in WINDOW.finditer(text):
        start, end = max(0, match.start() - WINDOW_CONTEXT), match.end() + WINDOW_CONTEXT
        if RETURN_WORDS.search(text[start:end]):
            return " ".join(match.group(0).split())
    return None


def _judge_window(page: PageEvidence | None, findings: list[Finding]) -> str | bool | None:
    """The stated window, False when the loaded returns page states none, None when not judged."""
    if page is None or not page.loaded:
        return None
    window = return_window(page.text)
    if window:
        return window
    findings.append(finding(page, MSG_NO_WINDOW, fix=FIX_NO_WINDOW))
    return False
