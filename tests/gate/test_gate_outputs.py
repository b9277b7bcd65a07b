"""Budgets, the gate's decision and its CI files, from hand-built audits (no browser)."""

from __future__ import annotations

import argparse
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _gate_audits import audit, page
from rich.console import Console
from uxaudit.reports.comparison import render_comparison

from uxaudit import gate
from uxaudit.bundle import save
from uxaudit.config import parse
from uxaudit.errors import UsageError

CHECKS = {"guest-checkout": ("pass", 1.0), "checkout-friction": ("pass", 0.95)}
BUDGETS = parse("""\
[budgets.scores]
overall = 80
[budgets.metrics]
page_bytes = 500_000
checkout_fields = { max = 11, level = "warn" }
[budgets.metrics.home]
page_bytes = 900_000
""").budgets


def outputs(tmp_path: Path, before_checks: dict, after_checks: dict, **after: object) -> gate.GateResult:  # type: ignore[type-arg]
    before = audit(before_checks, [page("home", path="/", lcp=[900, 950, 1000])])
    current = audit(after_checks, **after)  # type: ignore[arg-type]
    assertions, comparison = gate.evaluate(current, BUDGETS, before)
    result = gate.result_of(current, assertions, comparison)
    gate.write_outputs(result, current, tmp_path, "https://ci.example/run/1/report.html")
    return result


def test_a_regression_and_a_broken_budget_fail_the_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    step_summary = tmp_path / "step-summary.md"
    step_summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    result = outputs(
        tmp_path, CHECKS, {**CHECKS, "guest-checkout": ("fail", 0.0)},
        pages=[page("home", path="/", lcp=[900, 950, 1000], bytes=800_000),
               page("product", path="/products/a", bytes=2_400_000)],
        findings={"guest-checkout": ["Checkout asks for a password <b>& offers no guest path\x01"]},
        details={"checkout-friction": {"text_fields": 14}}, overall=60)
    assert (result.passed, result.exit_code, result.errors, result.warnings) == (False, 1, 3, 1)

    root = ET.parse(tmp_path / "junit.xml").getroot()
    assert root.get("failures") == "3" and root.get("tests") == str(len(result.assertions))
    failing = {c.get("name"): c.find("failure") for c in root.iter("testcase") if c.find("failure") is not None}
    assert set(failing) == {"guest-checkout: Guest checkout", "Overall score ≥ 80",
                            "page_bytes ≤ 500.0 kB on every page"}
    guest = failing["guest-checkout: Guest checkout"]
    assert guest.get("type") == "regression"
    assert guest.get("message") == "regressed against the baseline: guest-checkout (combined): pass → fail (and 2 more)"
    assert "Checkout asks for a password <b>& offers no guest path\ufffd" in (guest.text or "")
    assert "product /products/a (mobile): 2.4 MB" in (failing["page_bytes ≤ 500.0 kB on every page"].text or "")
    # the home page's override (900 kB) holds; the warn budget is reported, not failed
    fields = next(c for c in root.iter("testcase") if c.get("name") == "checkout fields ≤ 11")
    assert fields.find("failure") is None and "warning: checkout asks for 14 text fields" in fields.findtext("system-out", "")

    summary = (tmp_path / "summary.md").read_text()
    assert summary.startswith("## ❌ uxaudit gate failed: 3 errors, 1 warning\n")
    assert "overall **60** (−30 vs baseline)" in summary
    assert ("- ❌ **guest-checkout: Guest checkout**: regressed against the baseline: guest-checkout (combined): "
            "pass → fail (and 2 more) — [evidence](https://ci.example/run/1/report.html#combined-guest-checkout)"
            in summary)
    assert "[Guest checkout](https://ci.example/run/1/report.html#combined-guest-checkout)** (regressed)" in summary
    assert "password &lt;b&gt;&amp; offers" in summary and "<b>" not in summary
    assert step_summary.read_text() == "earlier step\n" + summary + "\n"

    saved = json.loads((tmp_path / "assertions.json").read_text())
    assert saved["passed"] is False and saved["exit_code"] == 1
    report = (tmp_path / "report.html").read_text()
    assert '<section class="card cmp" id="baseline"' in report and "Compared with the baseline" in report
    assert [a["id"] for a in saved["assertions"] if a["outcome"] == "failed"] == [
        "checks.guest-checkout", "budgets.scores.overall", "budgets.metrics.page_bytes",
        "budgets.metrics.checkout_fields"]


def test_an_unchanged_store_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = outputs(tmp_path, CHECKS, CHECKS, pages=[page("home", path="/", lcp=[980, 900, 940])])
    assert (result.passed, result.exit_code) == (True, 0)
    assert ET.parse(tmp_path / "junit.xml").getroot().get("failures") == "0"
    summary = (tmp_path / "summary.md").read_text()
    assert summary.startswith("## ✅ uxaudit gate passed\n")
    assert "5 of 5 metric comparisons within run-to-run noise" not in summary  # only LCP was measured
    assert "1 of 1 metric comparisons within run-to-run noise" in summary
    fragment = render_comparison(result.comparison, result)  # type: ignore[arg-type]
    assert 'id="baseline"' in fragment and "No check changed status." in fragment


def test_budgets_without_a_baseline(tmp_path: Path) -> None:
    current = audit(CHECKS, [page("product", bytes=100_000)], overall=95)
    assertions, comparison = gate.evaluate(current, BUDGETS, None)
    assert comparison is None
    outcomes = {a.id: a.outcome for a in assertions}
    assert outcomes == {"checks.guest-checkout": "passed", "checks.checkout-friction": "passed",
                        "budgets.scores.overall": "passed", "budgets.metrics.page_bytes": "passed",
                        "budgets.metrics.checkout_fields": "skipped", "budgets.metrics.home.page_bytes": "skipped"}


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    gate.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["gate", *argv])


def test_usage_errors_come_before_any_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    console = Console(file=io.StringIO())
    with pytest.raises(UsageError, match=r"^no store URL: give one \(uxaudit gate URL\) or set url in uxaudit.toml$"):
        gate.run(_args(), console, console)
    (tmp_path / "uxaudit.toml").write_text('url = "http://127.0.0.1:9/"\n[budgets.metrics]\nlcp = 1\n')
    with pytest.raises(UsageError, match=r"^uxaudit.toml, line 3: unknown key budgets.metrics.lcp;"):
        gate.run(_args(), console, console)
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    (tmp_path / "uxaudit.toml").write_text('url = "http://127.0.0.1:9/"\n')
    with pytest.raises(UsageError.__mro__[1], match="has schema version none"):
        gate.run(_args("--baseline", str(broken)), console, console)


def test_flags_win_over_the_config_and_the_config_over_defaults() -> None:
    config = parse('runs = 3\nmax_products = 1\nthrottle = false\njourneys = ["checkout"]\nviewports = ["mobile"]\n')
    settings = gate.settings_for(_args("--runs", "5", "--viewport", "desktop"), config)
    assert (settings.runs, settings.max_products, settings.max_categories) == (5, 1, 2)
    assert (settings.throttle, settings.journeys, settings.viewports) == (False, ("checkout",), ("desktop",))


def test_saved_audit_round_trips_as_a_baseline(tmp_path: Path) -> None:
    before = audit(CHECKS, [page("home", path="/", lcp=[900, 950, 1000])])
    save(before, tmp_path)
    console = Console(file=io.StringIO())
    rejudged = gate._baseline(tmp_path / "audit.json", [], console)
    assert rejudged is not None and rejudged.evidence == before.evidence
    assert gate._baseline(tmp_path / "missing.json", [], console) is None


def test_cli_exit_codes_for_usage_and_config_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from uxaudit.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "uxaudit.toml").write_text('url = "http://127.0.0.1:9/"\nruns = "three"\n')
    assert main(["gate"]) == 2
    assert capsys.readouterr().err == "uxaudit: error: uxaudit.toml, line 2: runs must be a whole number of 1 or more, not 'three'\n"
    assert main(["gate", "--config", "missing.toml"]) == 2
    assert capsys.readouterr().err == "uxaudit: error: no config file at missing.toml\n"


@pytest.mark.browser
def test_cli_unreachable_store_is_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.chdir(tmp_path)  # no uxaudit.toml here

    from uxaudit.cli import main

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: refused
        code = main(["gate", f"http://127.0.0.1:{port}/", "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 3
    assert capsys.readouterr().err.strip() == f"uxaudit: error: cannot load http://127.0.0.1:{port}/: connection refused"
