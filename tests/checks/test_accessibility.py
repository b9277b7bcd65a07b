"""accessibility: Lighthouse-style impact weighting of axe-core results, findings per element, de-duplicated."""

from __future__ import annotations

from typing import Any

from _build import evidence, page
from uxaudit.checks.accessibility import IMPACT_WEIGHTS, MAX_ELEMENTS_PER_RULE, Accessibility, page_score

from uxaudit.evidence import PageEvidence

CHECK = Accessibility()
PASSES = [{"id": "document-title", "impact": "serious"}, {"id": "html-has-lang", "impact": "serious"},
          {"id": "label", "impact": "critical"}, {"id": "list", "impact": "serious"}]


def node(selector: str, html: str = "<img src=a.jpg>") -> dict[str, Any]:
    return {"selector": selector, "html": html, "summary": "Fix any of the following: Element does not have an alt attribute",
            "box": {"x": 10, "y": 100, "width": 300, "height": 200}}


def violation(rule: str, impact: str, *nodes: dict[str, Any], count: int | None = None) -> dict[str, Any]:
    return {"id": rule, "impact": impact, "help": f"{rule} help", "help_url": f"https://dequeuniversity.com/rules/axe/4.12/{rule}",
            "tags": ["wcag2a"], "count": count if count is not None else len(nodes), "nodes": list(nodes)}


def shop(kind: str = "home", *violations: dict[str, Any], passes: list[dict[str, Any]] = PASSES,
         viewport: str = "mobile") -> PageEvidence:
    return page(kind, viewport, extras={"axe": {"violations": list(violations), "passes": passes, "incomplete": [],
                                                 "engine": "axe-core 4.12.1", "ms": 300}})  # type: ignore[arg-type]


def test_no_violation_passes() -> None:
    result = CHECK.run(evidence(shop("home"), shop("product")))
    assert result.status == "pass" and result.score == 1.0 and result.findings == []
    assert "4 rules applied" in result.summary


def test_page_score_weighs_rules_by_impact() -> None:
    axe = {"violations": [violation("image-alt", "critical", node("img"))], "passes": PASSES}
    assert page_score(axe) == (7 + 7 + 10 + 7) / (7 + 7 + 10 + 7 + 10)
    minor = {"violations": [violation("x", "minor", node("p"))], "passes": PASSES}
    assert page_score(minor) > page_score(axe)
    assert page_score({"violations": [], "passes": []}) == 1.0


def test_findings_name_the_element_help_and_link() -> None:
    result = CHECK.run(evidence(shop("product", violation("image-alt", "critical", node("main > img.hero")))))
    assert result.status == "warn" and result.score == round(31 / 41, 2)  # Lighthouse would say 76
    [finding] = result.findings
    assert finding.selector == "main > img.hero" and finding.box is not None and finding.screenshot
    assert finding.value == "image-alt" and finding.severity == "fail"
    assert "image-alt help (critical)" in finding.message and "<img src=a.jpg>" in finding.message
    assert "does not have an alt attribute" in finding.fix and "dequeuniversity.com/rules/axe" in finding.fix


def test_severity_follows_impact() -> None:
    result = CHECK.run(evidence(shop("home", violation("a", "serious", node("#a")), violation("b", "moderate", node("#b")),
                                     violation("c", "minor", node("#c")))))
    assert [f.severity for f in result.findings] == ["fail", "warn", "info"]


def test_the_same_element_on_several_pages_is_reported_once() -> None:
    header = violation("link-name", "serious", node("header > a.logo", "<a class=logo href=/></a>"))
    result = CHECK.run(evidence(shop("home", header), shop("category", header), shop("product", header)))
    [finding] = result.findings
    assert "fails on 2 other pages" in finding.message
    assert result.details["rules"]["link-name"]["pages"] == 3  # type: ignore[index]


def test_elements_beyond_the_cap_are_counted() -> None:
    nodes = [node(f"li:nth-of-type({i}) img") for i in range(1, 6)]
    result = CHECK.run(evidence(shop("category", violation("image-alt", "critical", *nodes, count=12))))
    assert len(result.findings) == MAX_ELEMENTS_PER_RULE + 1
    assert result.findings[-1].severity == "info" and "7 more elements" in result.findings[-1].message


def test_score_is_the_mean_over_pages_and_both_viewports_are_judged() -> None:
    bad = shop("home", violation("image-alt", "critical", node("img")), viewport="desktop")
    good = shop("product", viewport="desktop")
    result = CHECK.run(evidence(bad, good))
    assert result.viewport == "desktop"
    assert result.score == round(min(0.89, (page_score(bad.extras["axe"]) + 1) / 2), 2)


def test_pages_where_axe_failed_are_listed_and_all_failed_is_not_applicable() -> None:
    broken = page("home", extras={"axe": {"error": "axe did not finish within 12 s"}})
    result = CHECK.run(evidence(broken, shop("product")))
    assert result.status == "pass" and result.details["not_evaluated"] == [broken.final_url]
    only = CHECK.run(evidence(broken))
    assert only.status == "n/a" and "axe did not finish" in (only.reason or "")


def test_impact_weights_are_lighthouses() -> None:
    assert IMPACT_WEIGHTS == {"critical": 10, "serious": 7, "moderate": 3, "minor": 1}
