"""`--no-discover --page …`: only the given pages are audited; one that fails is a problem entry,
and only when none of them can be seen does the audit stop with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.hostile import HostileStore
from uxaudit.bundle import load
from uxaudit.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("hostile-bad-input")]

FLAGS = ("--no-discover", "--viewport", "desktop", "--no-throttle", "--quiet")


def test_a_failing_given_page_is_a_problem_and_the_others_are_audited(
        hostile: HostileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing, home = hostile.url + "/given/missing", hostile.url + "/"
    code = main(["audit", hostile.url, "--page", missing, "--page", home, "--out", str(tmp_path), *FLAGS])
    assert code == 0, capsys.readouterr().err
    evidence = load(tmp_path).evidence
    assert [(p.url, p.loaded) for p in evidence.pages] == [(missing, False), (home, True)]
    assert any(p.url == missing for p in evidence.problems)


def test_when_no_given_page_can_be_seen_the_audit_stops_with_one_line(
        hostile: HostileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = hostile.url + "/given/missing", hostile.url + "/given/also-missing"
    code = main(["audit", hostile.url, "--page", first, "--page", second, "--out", str(tmp_path), *FLAGS])
    assert (code, capsys.readouterr().err) == (3, f"uxaudit: error: cannot audit {first}: the page answered HTTP 404\n")
    assert not (tmp_path / "audit.json").exists()
