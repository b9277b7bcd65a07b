"""accessibility: axe-core's WCAG 2.x A/AA rules on every page, weighted by impact as Lighthouse does.

Reads the ``axe`` gatherer (axe-core run in the page during its one load, per viewport).
A page scores the weight of the rules it passes over the weight of the rules that apply
to it (passed or violated), each rule weighted by its impact: critical 10, serious 7,
moderate 3, minor 1 (Lighthouse's accessibility category). The check scores the mean over
pages. Findings name each violating element (axe's selector, its box, the page's
screenshot), with the rule's help text and its Deque University link; the same element
failing the same rule on several pages (a header, a footer) is reported once.

Automated rules catch about 57% of accessibility issues by volume (Deque, 2021): a pass
here is necessary, not sufficient.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from uxaudit.check import Check, Finding, MissingEvidence, Source, Verdict
from uxaudit.evidence import Box, PageEvidence, ViewportEvidence

from ._pages import finding, loaded_pages, mean, page_url, plural

# --- user-facing strings ---------------------------------------------------------------------

TITLE = "Pages pass automated accessibility checks"
FAILURE_TITLE = "Pages have accessibility violations"
DESCRIPTION = (
    "Shoppers who use a screen reader, a keyboard, zoom or high contrast need images with text alternatives, "
    "labelled fields and buttons, enough colour contrast and a sensible structure. axe-core tests the WCAG 2.2 "
    "A and AA rules that a machine can decide; a manual review covers the rest."
)
FIX = "Fix each violation listed (most are one attribute or one colour), worst impact first."
MSG_VIOLATION = "{help} ({impact}): {element}.{elsewhere}"
ELSEWHERE = " The same element fails on {n}."
MSG_MORE = "{count} more elements fail \"{help}\" on the audited pages."
FIX_VIOLATION = "{summary} See {url}"
SUMMARY_OK = "Accessibility {score:.0f}/100 over {pages}: no WCAG A/AA violation found by axe-core ({rules} rules applied)."
SUMMARY = "Accessibility {score:.0f}/100 over {pages}: {violations} ({impacts})."

# --- rules --------------------------------------------------------------------------------------

IMPACT_WEIGHTS: dict[str, float] = {"critical": 10, "serious": 7, "moderate": 3, "minor": 1}
"""Lighthouse weighs each accessibility audit by its axe impact: critical 10, serious 7, moderate 3, minor 1."""
SEVERITY = {"critical": "fail", "serious": "fail", "moderate": "warn", "minor": "info"}
"""Critical and serious violations block some shoppers outright; moderate ones hinder; minor ones annoy."""
MAX_ELEMENTS_PER_RULE = 5
"""Elements listed per violated rule; the rest are counted."""
DEFAULT_IMPACT = "moderate"


@dataclass
class RuleHits:
    """One violated rule across the viewport's pages."""

    id: str
    impact: str
    help: str
    help_url: str
    pages: int = 0
    elements: dict[str, tuple[PageEvidence, dict[str, Any], int]] = field(default_factory=dict)
    """Selector → (first page, node, pages it failed on)."""
    more: list[tuple[PageEvidence, int]] = field(default_factory=list)


class Accessibility(Check):
    id = "accessibility"
    title = TITLE
    failure_title = FAILURE_TITLE
    category = "trust"
    # Shoppers with disabilities are roughly one in five adults, and accessibility lawsuits against
    # stores are common (ADA, EAA from 2025); automation sees only part of the problem, so it weighs
    # below the secure-shopping check but with the policies.
    weight = 2.0
    description = DESCRIPTION
    fix = FIX
    sources: ClassVar[tuple[Source, ...]] = (
        Source(title="axe-core rules (Deque)", url="https://github.com/dequelabs/axe-core/blob/develop/doc/rule-descriptions.md",
               figure="WCAG 2.0/2.1/2.2 A and AA rules"),
        Source(title="Lighthouse accessibility scoring", url="https://developer.chrome.com/docs/lighthouse/accessibility/scoring",
               figure="audits weighted by axe impact"),
        Source(title="Deque: automated testing identifies 57% of digital accessibility issues (2021)",
               url="https://www.deque.com/automated-accessibility-testing-coverage/", figure="57% by volume"),
    )
    requires = ("pages",)

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        pages = loaded_pages(evidence)
        ran = [(p, p.extras["axe"]) for p in pages if isinstance(p.extras.get("axe"), dict)
               and "error" not in p.extras["axe"] and "violations" in p.extras["axe"]]
        if not ran:
            errors = [str(p.extras["axe"]["error"]) for p in pages
                      if isinstance(p.extras.get("axe"), dict) and "error" in p.extras["axe"]]
            raise MissingEvidence(f"axe-core did not run{': ' + errors[0] if errors else ''}")
        rows: list[dict[str, object]] = []
        rules: dict[str, RuleHits] = {}
        for page, axe in ran:
            score = page_score(axe)
            rows.append({"url": page_url(page), "kind": page.kind, "score": round(score, 2),
                         "violations": {v["id"]: v.get("count", len(v.get("nodes", []))) for v in axe["violations"]},
                         "axe_ms": axe.get("ms")})
            for violation in axe["violations"]:
                _collect(rules, page, violation)
        score = mean(float(r["score"]) for r in rows) or 0.0  # type: ignore[arg-type]
        findings = _findings(rules)
        ran_ids = {p.id for p, _ in ran}
        skipped = [page_url(p) for p in pages if p.id not in ran_ids]
        engine = next((str(a.get("engine")) for _, a in ran if a.get("engine")), "axe-core")
        details: dict[str, object] = {
            "engine": engine, "pages": rows, "not_evaluated": skipped,
            "rules": {r.id: {"impact": r.impact, "pages": r.pages, "help": r.help, "help_url": r.help_url}
                      for r in rules.values()},
            "weights": IMPACT_WEIGHTS,
        }
        pages_text = plural(len(ran), "page")
        if not rules:
            applied = len({p["id"] for _, a in ran for p in a.get("passes", [])})
            return Verdict(score=score, summary=SUMMARY_OK.format(score=score * 100, pages=pages_text, rules=applied),
                           details=details)
        impacts = {i: sum(1 for r in rules.values() if r.impact == i) for i in IMPACT_WEIGHTS}
        summary = SUMMARY.format(score=score * 100, pages=pages_text,
                                 violations=plural(len(rules), "rule") + " violated",
                                 impacts=", ".join(f"{n} {i}" for i, n in impacts.items() if n))
        return Verdict(score=score, findings=findings, summary=summary, details=details)


def page_score(axe: dict[str, Any]) -> float:
    """Weight of passed rules over weight of applicable rules (passed or violated); 1 when none applied."""
    violated = {v["id"]: _impact(v.get("impact")) for v in axe.get("violations", [])}
    passed = {p["id"]: _impact(p.get("impact")) for p in axe.get("passes", []) if p["id"] not in violated}
    total = sum(IMPACT_WEIGHTS[i] for i in violated.values()) + sum(IMPACT_WEIGHTS[i] for i in passed.values())
    if total == 0:
        return 1.0
    return sum(IMPACT_WEIGHTS[i] for i in passed.values()) / total


def _impact(value: object) -> str:
    return value if isinstance(value, str) and value in IMPACT_WEIGHTS else DEFAULT_IMPACT


def _collect(rules: dict[str, RuleHits], page: PageEvidence, violation: dict[str, Any]) -> None:
    rule = rules.setdefault(violation["id"], RuleHits(
        id=violation["id"], impact=_impact(violation.get("impact")), help=str(violation.get("help", violation["id"])),
        help_url=str(violation.get("help_url", ""))))
    rule.pages += 1
    nodes = violation.get("nodes", [])
    for node in nodes:
        selector = str(node.get("selector", ""))
        if selector in rule.elements:
            first, data, count = rule.elements[selector]
            rule.elements[selector] = (first, data, count + 1)
        else:
            rule.elements[selector] = (page, node, 1)
    unlisted = int(violation.get("count", len(nodes))) - len(nodes)
    if unlisted > 0:
        rule.more.append((page, unlisted))


def _findings(rules: dict[str, RuleHits]) -> list[Finding]:
    ordered = sorted(rules.values(), key=lambda r: (-IMPACT_WEIGHTS[r.impact], -r.pages, r.id))
    findings: list[Finding] = []
    for rule in ordered:
        severity = SEVERITY[rule.impact]
        items = list(rule.elements.items())
        for selector, (page, node, count) in items[:MAX_ELEMENTS_PER_RULE]:
            snippet = " ".join(str(node.get("html", "")).split()) or selector
            elsewhere = ELSEWHERE.format(n=plural(count - 1, "other page")) if count > 1 else ""
            summary = " ".join(str(node.get("summary", "")).split())
            box = node.get("box")
            findings.append(finding(
                page, MSG_VIOLATION.format(help=rule.help, impact=rule.impact, element=snippet[:160],
                                           elsewhere=elsewhere),
                fix=FIX_VIOLATION.format(summary=summary or rule.help, url=rule.help_url).strip(),
                selector=selector or None, box=Box.model_validate(box) if isinstance(box, dict) else None,
                value=rule.id, severity=severity))  # type: ignore[arg-type]
        extra = len(items) - MAX_ELEMENTS_PER_RULE
        unlisted = sum(n for _, n in rule.more)
        if extra > 0 or unlisted > 0:
            page = rule.more[0][0] if rule.more else items[0][1][0]
            findings.append(finding(page, MSG_MORE.format(count=max(extra, 0) + unlisted, help=rule.help),
                                    fix=FIX_VIOLATION.format(summary=rule.help, url=rule.help_url),
                                    value=rule.id, severity="info"))
    return findings
