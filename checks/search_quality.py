"""search-quality: does the store's own search find what the store sells?

Reads the search journey (``uxaudit.journeys.search``), which typed queries seeded from the
store's catalogue into its search box. Each probe of CHECKS.md ("Search") gets a sub-score
from 0 to 1 by the rule in ``RULES``; the check's score is the mean of the sub-scores
weighted by ``WEIGHTS``. A probe the catalogue could not support (no SKU shown, no synonym
pair, no returns page) is n/a: left out of the mean and listed in ``details``.

No search box at all is a fail (score 0): a shopper who wants to search cannot. When the
page's markup does hold a search field that the journey could not reveal, the check says
"could not evaluate" instead, since a false alarm costs more than a missed finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from uxaudit.check import Check, Finding, Source, Verdict
from uxaudit.evidence import Box, JourneyEvidence, JourneyStep, ViewportEvidence
from uxaudit.journeys.search_patterns import singular, words

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Site search finds what the store sells"
FAILURE_TITLE = "Site search lets shoppers down"
DESCRIPTION = (
    "Shoppers who search know what they want. The audit typed the store's own product names, a SKU, a typo, "
    "a product type, its plural, a synonym and a question about returns into the search box, and judged what "
    "came back against what the store sells."
)
FIX = ("Make search forgiving: match product names and SKUs exactly, tolerate one-letter typos, fold plurals, map "
       "synonyms to your own words, send product types to their category, and never end in a blank page.")
PROBE_LABELS: dict[str, str] = {
    "search_box": "search box visible", "exact": "exact product name", "sku": "SKU", "typo": "one-letter typo",
    "word_order": "word order", "plural": "plural / singular", "product_type": "product type",
    "synonym": "synonym", "non_product": "non-product query", "autocomplete": "autocomplete",
    "zero_results": "zero-results page",
}
RULES: dict[str, str] = {
    "search_box": "desktop: a search field visible in the first viewport; mobile: a field or icon in the header",
    "exact": "the product is among the top 3 results",
    "sku": "the product is among the top 3 results",
    "typo": "a correction is offered, or the product is in the top 3, or ≥ 50% of the correct spelling's results come back",
    "word_order": "the top result, and at least half of the top 3, are the head noun's kind of product",
    "plural": "≥ 80% of the results are the same for the singular and the plural",
    "product_type": "the search leads to the category, or at least 2 of the top 3 results belong to it",
    "synonym": "≥ 50% of the results are the same as for the store's own word",
    "non_product": "the results link the returns or help page, or search goes straight to it",
    "autocomplete": "suggestions appear after 3 typed letters",
    "zero_results": "the query stays in view and the page offers a way on (products, categories, help or contact)",
}
NO_BOX_MSG = ("No search box was found on the home page ({viewport}): no visible search field, and no search icon, "
              "search link or menu that reveals one. Shoppers who want to search can't.")
NO_BOX_FIX = "Show a search field in the header on every page (on phones at least a search icon in the header)."
HIDDEN_BOX_REASON = ("the home page's markup holds {count} search field(s), but the journey could not reveal one as a "
                     "shopper would (no icon or menu opened it)")
STOPPED_REASON = "the search journey typed no query: {reason}"
MESSAGES: dict[str, str] = {
    "search_box_icon": ("On desktop the search field is hidden behind {what} ({opener}); shoppers have to find and "
                        "open it first."),
    "search_box_fold": "The search field ({selector}) is not in the first {viewport} viewport: shoppers must scroll to find it.",
    "search_box_menu": "On {viewport} the search field is hidden inside the menu ({opener}), not in the header.",
    "exact": "Searching the exact product name “{query}” didn't show “{name}” in the top 3 results; {got}.",
    "sku": "Searching the SKU “{query}” didn't show “{name}” in the top 3 results; {got}.",
    "typo": ("Searching “{query}” (“{word}” misspelt as “{typo}”) gave no useful results and no “did you mean”; "
             "{got}. The correct spelling gave {base}."),
    "word_order": "Searching “{query}” didn't put {head} products first; {got}.",
    "plural": ("Searching “{query}” and “{base_query}” gave different results ({overlap:.0%} the same): “{query}” "
               "gave {got}, “{base_query}” gave {base}."),
    "product_type": ("Searching the product type “{query}” didn't lead to the “{category}” category or its products; "
                     "{got}."),
    "synonym": ("Searching “{query}” found {overlap:.0%} of what the store's own word “{base_query}” finds: "
                "“{query}” gave {got}, “{base_query}” gave {base}."),
    "non_product": "Searching “{query}” didn't lead to the returns or help page; {got}.",
    "autocomplete": "Typing “{query}” into the search field showed no suggestions within {seconds:g} s.",
    "zero_results_dead_end": "A search with no results (“{query}”) ends in a dead end: {why}.",
    "zero_results_partial": "The no-results page for “{query}” {why}.",
}
FIXES: dict[str, str] = {
    "search_box": "Show an open search field in the desktop header, at the top of every page.",
    "search_box_mobile": "Put a search field, or at least a search icon, in the mobile header.",
    "exact": "Index product names as phrases and rank an exact title match first.",
    "sku": "Index SKUs and model numbers, and send an exact SKU to its product.",
    "typo": "Add typo tolerance (one edit for words of 4+ letters) or offer a “did you mean” correction.",
    "word_order": "Weight the last word of a query (the head noun) as the kind of product wanted.",
    "plural": "Fold plurals to the singular (stemming) when indexing and searching.",
    "product_type": "Match category names and send a product-type query to its category, or rank its products first.",
    "synonym": "Add a synonym list that maps shoppers' words (e.g. sneakers/trainers) to your own.",
    "non_product": "Index help and policy pages, or show them beside product results for queries like “returns”.",
    "autocomplete": "Suggest products and categories after 2-3 typed letters.",
    "zero_results": "On a no-results page keep the query in the search field and offer categories, popular products and contact.",
}
NOTHING = "the shopper got no results"
NOTHING_SHORT = "no results"
GOT = "the shopper got {titles}"
SUMMARY = "Search passed {passed} of {judged} probes ({score:.0f}/100){na}."
SUMMARY_NA = "; {count} not applicable ({kinds})"

# --- weights --------------------------------------------------------------------------------
# Baymard's figures (CHECKS.md, "Search") decide the weights: query types that many sites fail
# and shoppers use often weigh most; probes without a research figure weigh 1.
WEIGHTS: dict[str, float] = {
    "search_box": 3.0,     # precondition of every other probe (Google Retail UX Playbook: make search visible)
    "exact": 3.0,          # the most basic query; 33% of sites don't fully support it (2024)
    "product_type": 3.0,   # the commonest query type; 29% of sites fail it (2024)
    "typo": 2.0,           # 18% of sites gave no useful results (2014); typos are frequent on phones
    "synonym": 2.0,        # 71% of sites need the site's own jargon (2022)
    "autocomplete": 2.0,   # 80% of sites offer it: shoppers expect it
    "zero_results": 2.0,   # a dead end loses a shopper who was ready to buy
    "sku": 1.0,            # fewer shoppers search by number; 33% (exact queries, 2024) covers both
    "non_product": 1.0,    # 15% of sites fail (Baymard)
    "plural": 1.0,         # proposed rule, no figure
    "word_order": 1.0,     # no figure
}
TOP = 3
TYPO_OVERLAP = 0.5
PLURAL_OVERLAP = 0.8
SYNONYM_OVERLAP = 0.5


@dataclass
class Judged:
    score: float | None
    """None: n/a (reason in ``why``)."""
    why: str
    finding: Finding | None = None


def _path(url: str) -> str:
    return urlsplit(url).path.rstrip("/") or "/"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def result_set(data: dict[str, Any]) -> list[str]:
    """The paths a search led to: its results, or the page it went straight to."""
    if data.get("landed") in ("product", "category", "help"):
        return [_path(data.get("url", ""))]
    return [_path(u) for u in data.get("results", [])]


def overlap(a: list[str], b: list[str]) -> float | None:
    """Shared results over the longer list (top 10 each); None when both are empty."""
    sa, sb = set(a[:10]), set(b[:10])
    if not sa and not sb:
        return None
    return len(sa & sb) / max(len(sa), len(sb))


def _got(data: dict[str, Any]) -> str:
    if data.get("landed") in ("product", "category", "help"):
        return f"search went straight to {data.get('url', '')}"
    titles = [t or u for t, u in zip(data.get("result_titles", []), data.get("results", []), strict=False)][:TOP]
    if not titles:
        return NOTHING
    return GOT.format(titles=", ".join(f"“{t}”" for t in titles))


def _short(data: dict[str, Any]) -> str:
    got = _got(data)
    return NOTHING_SHORT if got == NOTHING else got.removeprefix("the shopper got ")


def _in_top(data: dict[str, Any], urls: list[str], name: str | None) -> bool:
    wanted = {_path(u) for u in urls}
    if data.get("landed") == "product":
        return _path(data.get("url", "")) in wanted
    top = data.get("results", [])[:TOP]
    titles = [_norm(t) for t in data.get("result_titles", [])[:TOP]]
    return any(_path(u) in wanted for u in top) or (bool(name) and _norm(name or "") in titles)


class SearchQuality(Check):
    id = "search-quality"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "search"
    # The search category's only check: it carries the whole category.
    weight = 1.0
    description = DESCRIPTION
    fix = FIX
    requires: ClassVar[tuple[str, ...]] = ("journey:search",)
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="Baymard Institute: e-commerce search usability (2024)", url="https://baymard.com/research/ecommerce-search",
               figure="41% of sites perform below acceptable across eight query types; 33% don't fully support exact "
                      "queries; 29% fail product-type queries; 71% need the site's own jargon (2022); 15% fail "
                      "non-product queries; 80% offer autocomplete"),
        Source(title="Baymard Institute: misspellings in search (2014)",
               figure="18% of sites gave no useful results for a one-letter typo; 69% offer no autocomplete for misspellings"),
        Source(title="Google Retail UX Playbook: make search visible",
               url="https://services.google.com/fh/files/events/pdf_retail_ux_playbook.pdf"),
        Source(title="Nielsen Norman Group: search usability", url="https://www.nngroup.com/articles/search-visible-and-simple/",
               figure="64% success on a user's first site-search query"),
    )

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        journey = evidence.journeys["search"]
        box_step = next((s for s in journey.steps if s.data.get("probe") == "search_box"), None)
        if box_step is None:
            return Verdict.not_applicable(STOPPED_REASON.format(reason=journey.stopped_reason or "it did not start"))
        box = box_step.data
        if box.get("found") == "none":
            return self._no_box(journey, box_step, evidence)
        by_kind = {s.data.get("probe"): s for s in journey.steps if s.data.get("probe")}
        by_query = {_norm(s.data.get("query", "")): s for s in journey.steps
                    if s.data.get("query") and s.data.get("probe") != "autocomplete" and "results" in s.data}
        judged: dict[str, Judged] = {"search_box": self._search_box(box_step, evidence)}
        for kind in WEIGHTS:
            if kind == "search_box":
                continue
            step = by_kind.get(kind)
            if step is None:
                reason = journey.data.get("skipped", {}).get(kind)
                if reason:
                    judged[kind] = Judged(None, reason)
                continue
            if not step.ok:
                judged[kind] = Judged(None, step.note or "the probe could not be run")
                continue
            judged[kind] = getattr(self, f"_{kind}")(step, by_query, box, evidence)
        scored = {k: j for k, j in judged.items() if j.score is not None}
        if len(scored) <= 1 and journey.stopped_reason:
            return Verdict.not_applicable(STOPPED_REASON.format(reason=journey.stopped_reason))
        total = sum(WEIGHTS[k] for k in scored)
        score = sum(WEIGHTS[k] * (j.score or 0.0) for k, j in scored.items()) / total
        findings = [j.finding for j in judged.values() if j.finding is not None]
        na = {k: j.why for k, j in judged.items() if j.score is None}
        passed = sum(1 for j in scored.values() if (j.score or 0) >= 1.0)
        summary = SUMMARY.format(passed=passed, judged=len(scored), score=score * 100,
                                 na=SUMMARY_NA.format(count=len(na), kinds=", ".join(PROBE_LABELS[k] for k in na))
                                 if na else "")
        details: dict[str, object] = {
            "probes": {k: {"label": PROBE_LABELS[k], "score": j.score, "weight": WEIGHTS[k], "rule": RULES[k],
                           "why": j.why, "query": by_kind[k].data.get("query") if k in by_kind else None}
                       for k, j in judged.items()},
            "not_applicable": na,
            "weights": WEIGHTS,
            "search_field": box.get("selector"),
            "journey_stopped": journey.stopped_reason,
        }
        return Verdict(score=score, findings=findings, summary=summary, details=details)

    # --- the search box -------------------------------------------------------------------------

    def _no_box(self, journey: JourneyEvidence, step: JourneyStep, evidence: ViewportEvidence) -> Verdict:
        hidden = int(step.data.get("hidden_fields") or 0)
        if hidden:
            return Verdict.not_applicable(HIDDEN_BOX_REASON.format(count=hidden))
        finding = Finding(message=NO_BOX_MSG.format(viewport=evidence.viewport), url=step.url,
                          viewport=evidence.viewport, fix=NO_BOX_FIX,
                          screenshot=step.screenshot.path if step.screenshot else None, severity="fail")
        return Verdict(score=0.0, findings=[finding], summary="No search box: shoppers cannot search.",
                       details={"probes": {"search_box": {"label": PROBE_LABELS["search_box"], "score": 0.0,
                                                          "weight": WEIGHTS["search_box"], "rule": RULES["search_box"],
                                                          "why": "no search field, icon, link or menu"}},
                                "journey_stopped": journey.stopped_reason, "weights": WEIGHTS})

    def _search_box(self, step: JourneyStep, evidence: ViewportEvidence) -> Judged:
        data = step.data
        found = data.get("found")
        viewport = evidence.viewport
        opener = data.get("opener_selector") or ""
        box = Box(**data["opener_box"]) if data.get("opener_box") else Box(**data["box"]) if data.get("box") else None

        def flag(score: float, key: str, fix: str, **values: Any) -> Judged:
            message = MESSAGES[key].format(viewport=viewport, opener=opener, selector=data.get("selector"), **values)
            return Judged(score, message, Finding(
                message=message, url=step.url, viewport=viewport, fix=fix, selector=opener or data.get("selector"),
                box=box, screenshot=step.screenshot.path if step.screenshot else None,
                severity="fail" if score < 0.5 else "warn"))

        if found == "menu":
            return flag(0.25 if viewport == "desktop" else 0.5, "search_box_menu",
                        FIXES["search_box_mobile" if viewport == "mobile" else "search_box"])
        if viewport == "desktop" and found in ("icon", "link"):
            what = "a search icon" if found == "icon" else "a link to a search page"
            return flag(0.5, "search_box_icon", FIXES["search_box"], what=what)
        if not data.get("in_first_viewport") and not (viewport == "mobile" and data.get("in_header")):
            return flag(0.5, "search_box_fold", FIXES["search_box"])
        how = "a field" if found == "field" else f"an {found}" if found == "icon" else f"a {found}"
        return Judged(1.0, f"{how} at {opener or data.get('selector')}")

    # --- the probes ---------------------------------------------------------------------------------

    def _finding(self, step: JourneyStep, box: dict[str, Any], evidence: ViewportEvidence, key: str,
                 severity: str = "fail", **values: Any) -> Finding:
        data = step.data
        fix_key = key.split("_dead_end")[0].split("_partial")[0]
        return Finding(message=MESSAGES[key].format(query=data.get("query", ""), **values),
                       url=data.get("url") or step.url, viewport=evidence.viewport, fix=FIXES[fix_key],
                       selector=data.get("field_selector") or box.get("selector"),
                       screenshot=step.screenshot.path if step.screenshot else None, value=data.get("query"),
                       severity=severity)  # type: ignore[arg-type]

    def _exact(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
               evidence: ViewportEvidence, kind: str = "exact") -> Judged:
        data = step.data
        expected = data.get("expected", {})
        name = expected.get("product_name", "")
        if _in_top(data, expected.get("product_urls", []), name):
            return Judged(1.0, f"“{name}” in the top {TOP}")
        finding = self._finding(step, box, evidence, kind, name=name, got=_got(data))
        return Judged(0.0, finding.message, finding)

    def _sku(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
             evidence: ViewportEvidence) -> Judged:
        return self._exact(step, by_query, box, evidence, "sku")

    def _base(self, step: JourneyStep, by_query: dict[str, JourneyStep]) -> dict[str, Any] | None:
        compare = step.data.get("compare_with")
        base = by_query.get(_norm(compare)) if compare else None
        return base.data if base else None

    def _typo(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
              evidence: ViewportEvidence) -> Judged:
        data = step.data
        expected = data.get("expected", {})
        if data.get("correction"):
            return Judged(1.0, f"correction offered: {data['correction']}")
        if _in_top(data, expected.get("product_urls", []), expected.get("product_name")):
            return Judged(1.0, f"“{expected.get('product_name')}” still in the top {TOP}")
        base = self._base(step, by_query)
        shared = overlap(result_set(data), result_set(base)) if base else None
        if shared is not None and shared >= TYPO_OVERLAP:
            return Judged(1.0, f"{shared:.0%} of the correct spelling's results")
        finding = self._finding(step, box, evidence, "typo", word=expected.get("misspelt", ""),
                                typo=expected.get("as", ""), got=_got(data),
                                base=_short(base) if base else "nothing to compare")
        return Judged(0.0, finding.message, finding)

    def _word_order(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                    evidence: ViewportEvidence) -> Judged:
        data = step.data
        head = data.get("expected", {}).get("head", "")
        names = {_norm(n) for n in data.get("expected", {}).get("head_products", [])}

        def is_head(title: str) -> bool:
            ws = words(title)
            return _norm(title) in names or bool(ws) and singular(ws[-1]) == head

        titles = data.get("result_titles", [])[:TOP]
        matches = [is_head(t) for t in titles]
        if titles and matches[0] and sum(matches) * 2 >= len(matches):
            return Judged(1.0, f"{sum(matches)} of the top {len(matches)} are {head} products")
        finding = self._finding(step, box, evidence, "word_order", head=f"“{head}”", got=_got(data))
        return Judged(0.0, finding.message, finding)

    def _plural(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                evidence: ViewportEvidence) -> Judged:
        return self._compare(step, by_query, box, evidence, "plural", PLURAL_OVERLAP)

    def _synonym(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                 evidence: ViewportEvidence) -> Judged:
        return self._compare(step, by_query, box, evidence, "synonym", SYNONYM_OVERLAP)

    def _compare(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                 evidence: ViewportEvidence, kind: str, threshold: float) -> Judged:
        data = step.data
        base = self._base(step, by_query)
        if base is None:
            return Judged(None, f"the comparison query “{data.get('compare_with')}” was not searched")
        if kind == "synonym" and not result_set(base):
            return Judged(None, f"the store's own word “{base.get('query')}” found nothing either, so there is "
                                "nothing to compare with")
        shared = overlap(result_set(data), result_set(base))
        if shared is None:
            return Judged(None, f"neither “{data.get('query')}” nor “{base.get('query')}” found anything (the "
                                "product-type probe reports that)")
        if shared >= threshold:
            return Judged(1.0, f"{shared:.0%} of the results shared with “{base.get('query')}”")
        finding = self._finding(step, box, evidence, kind, overlap=shared, base_query=base.get("query", ""),
                                got=_short(data), base=_short(base))
        return Judged(0.0, finding.message, finding)

    def _product_type(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                      evidence: ViewportEvidence) -> Judged:
        data = step.data
        expected = data.get("expected", {})
        category = expected.get("category_name", "")
        if data.get("landed") == "category" and _path(data.get("url", "")) == _path(expected.get("category_url", "")):
            return Judged(1.0, f"went straight to the “{category}” category")
        listed = {_path(u) for u in expected.get("product_urls", [])}
        head = expected.get("head", "")
        top = list(zip(data.get("results", []), data.get("result_titles", []), strict=False))[:TOP]
        inside = [_path(u) in listed or head in {singular(w) for w in words(t)} for u, t in top]
        needed = min(2, len(top))
        if top and sum(inside) >= needed and (len(top) >= 2 or sum(inside) == len(top)):
            return Judged(1.0, f"{sum(inside)} of the top {len(top)} results are in “{category}”")
        finding = self._finding(step, box, evidence, "product_type", category=category, got=_got(data))
        return Judged(0.0, finding.message, finding)

    def _non_product(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                     evidence: ViewportEvidence) -> Judged:
        data = step.data
        links = [h for h in data.get("help_links", []) if h.get("policy") in ("returns", "faq")]
        if links:
            return Judged(1.0, f"links {links[0]['url']}")
        helps = ", ".join(data.get("expected", {}).get("help_urls", {}).values())
        got = _got(data) + (f" (the store's help pages: {helps})" if helps else "")
        finding = self._finding(step, box, evidence, "non_product", got=got)
        return Judged(0.0, finding.message, finding)

    def _autocomplete(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                      evidence: ViewportEvidence) -> Judged:
        data = step.data
        if data.get("appeared"):
            texts = [s.get("text", "") for s in data.get("suggestions", [])][:3]
            return Judged(1.0, f"{len(data.get('suggestions', []))} suggestions, e.g. " + ", ".join(texts))
        finding = self._finding(step, box, evidence, "autocomplete", seconds=3)
        finding.url = data.get("url") or step.url
        return Judged(0.0, finding.message, finding)

    def _zero_results(self, step: JourneyStep, by_query: dict[str, JourneyStep], box: dict[str, Any],
                      evidence: ViewportEvidence) -> Judged:
        data = step.data
        if not data.get("zero_results"):
            return Judged(None, f"the nonsense query “{data.get('query')}” found results, so no zero-results page was seen")
        kept = bool(data.get("query_kept") or data.get("query_echoed"))
        ways = [o for o in data.get("offered", []) if o.get("kind") in ("product", "category", "contact", "help",
                                                                         "suggestion", "other")]
        way_on = bool(ways or data.get("correction"))
        if kept and way_on:
            return Judged(1.0, f"keeps the query and offers {len(ways)} links on")
        score = 0.5 if way_on else 0.25 if kept else 0.0
        if not way_on:
            why = "no categories, products, help or contact are offered" + (
                "" if kept else ", and the query is neither kept in the search field nor shown")
            finding = self._finding(step, box, evidence, "zero_results_dead_end", why=why)
        else:
            finding = self._finding(step, box, evidence, "zero_results_partial", severity="warn",
                                    why="doesn't keep the query in the search field or show it")
        return Judged(score, finding.message, finding)
