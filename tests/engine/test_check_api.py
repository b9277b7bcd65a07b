"""The check base class normalises verdicts, and turns exceptions and missing evidence into results."""

from __future__ import annotations

from uxaudit.check import Check, Finding, MissingEvidence, Verdict
from uxaudit.evidence import PageEvidence, SiteEvidence, ViewportEvidence


def _evidence(*pages: PageEvidence) -> ViewportEvidence:
    site = SiteEvidence(start_url="https://s.example/", origin="https://s.example")
    return ViewportEvidence(viewport="mobile", site=site, pages=list(pages))


HOME = PageEvidence(id="home-1-mobile", url="https://s.example/", final_url="https://s.example/", kind="home",
                    viewport="mobile", status=200)


class Scored(Check):
    id = "scored"
    title = "Scored"
    failure_title = "Scored badly"
    category = "speed"

    def __init__(self, verdict: Verdict | Exception) -> None:
        self.verdict = verdict

    def judge(self, evidence: ViewportEvidence) -> Verdict:
        if isinstance(self.verdict, Exception):
            raise self.verdict
        return self.verdict


def test_scores_are_clamped_rounded_and_banded() -> None:
    assert Scored(Verdict(score=1.7)).run(_evidence(HOME)).score == 1.0
    warn = Scored(Verdict(score=0.6666)).run(_evidence(HOME))
    assert (warn.score, warn.status) == (0.67, "warn")
    fail = Scored(Verdict(score=0.2)).run(_evidence(HOME))
    assert (fail.status, fail.title) == ("fail", "Scored badly")


def test_a_failing_finding_caps_the_score_below_passing() -> None:
    finding = Finding(message="m", url=HOME.url, viewport="mobile")
    assert Scored(Verdict(score=0.97, findings=[finding])).run(_evidence(HOME)).score == 0.89


def test_an_exception_becomes_an_error_result_with_its_reason() -> None:
    result = Scored(KeyError("price")).run(_evidence(HOME))
    assert result.status == "error" and result.score is None
    assert result.reason is not None and "KeyError" in result.reason and "test_check_api.py" in result.reason


def test_missing_evidence_is_not_applicable() -> None:
    assert Scored(MissingEvidence("no cart found")).run(_evidence(HOME)).reason == "no cart found"

    class NeedsProducts(Scored):
        requires = ("pages:product",)

    result = NeedsProducts(Verdict(score=1)).run(_evidence(HOME))
    assert (result.status, result.reason) == ("n/a", "no product pages could be loaded in the mobile viewport")


def test_viewport_restricted_checks_are_na_elsewhere() -> None:
    class MobileOnly(Scored):
        viewports = ("desktop",)

    assert MobileOnly(Verdict(score=1)).run(_evidence(HOME)).status == "n/a"
