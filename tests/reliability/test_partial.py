"""Partial audits (issue 7, items 5 and 6): Ctrl-C and --timeout save what was gathered, marked as such.

The SIGINT test runs ``uxaudit audit`` as a real process in its own session and sends SIGINT
to the whole group, as a terminal's Ctrl-C does, once the progress output says the home
page was gathered.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.reliability.hostile import HostileStore
from uxaudit import partial
from uxaudit.bundle import load
from uxaudit.cli import main
from uxaudit.evidence import AuditEvidence, PageEvidence, SiteEvidence

SMALL_FLAGS = ["--viewport", "desktop", "--max-categories", "1", "--max-products", "1", "--no-throttle", "--quiet"]


def _bundle() -> AuditEvidence:
    return AuditEvidence(site=SiteEvidence(start_url="http://shop.test/", origin="http://shop.test"))


def test_mark_adds_reason_and_each_page_problem_once() -> None:
    evidence = _bundle()
    evidence.pages.append(PageEvidence(id="home-1-desktop", url="http://shop.test/", final_url="http://shop.test/",
                                       kind="home", viewport="desktop", status=200, warnings=["the page opened x"]))
    partial.mark(evidence, partial.INTERRUPTED)
    assert evidence.partial and evidence.partial_reason == "interrupted"
    assert [p.reason for p in evidence.problems if p.stage == "gather"] == ["the page opened x"]
    assert evidence.problems[-1].stage == "audit" and "interrupted" in evidence.problems[-1].reason
    assert partial.exit_code(evidence) == 130


def test_run_times_out_with_what_was_kept() -> None:
    async def slow(keep):  # type: ignore[no-untyped-def]
        evidence = _bundle()
        keep(evidence)
        await asyncio.sleep(30)
        return evidence

    start = time.monotonic()
    outcome = partial.run(slow, timeout_s=0.3)
    assert time.monotonic() - start < 5
    assert outcome.exit_code == partial.EXIT_TIMED_OUT == 5
    assert outcome.evidence.partial_reason == "stopped after 0.3 s"


def test_run_interrupted_even_when_cleanup_fails() -> None:
    """Closing a browser under a cancelled load can raise; that still reads as the interruption."""
    async def interrupted(keep):  # type: ignore[no-untyped-def]
        evidence = _bundle()
        keep(evidence)
        asyncio.get_running_loop().call_later(0.2, signal.raise_signal, signal.SIGINT)
        try:
            await asyncio.sleep(30)
        finally:
            raise RuntimeError("Target page, context or browser has been closed")
        return evidence

    outcome = partial.run(interrupted)
    assert outcome.exit_code == partial.EXIT_INTERRUPTED
    assert outcome.evidence.partial and outcome.evidence.partial_reason == "interrupted"


def test_run_without_evidence_lets_the_interrupt_through() -> None:
    async def early(keep):  # type: ignore[no-untyped-def]
        asyncio.get_running_loop().call_later(0.1, signal.raise_signal, signal.SIGINT)
        await asyncio.sleep(30)

    with pytest.raises(KeyboardInterrupt):
        partial.run(early)


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-faults")
def test_ctrl_c_saves_a_partial_audit(hostile: HostileStore, tmp_path: Path) -> None:
    out = tmp_path / "audit"
    command = [sys.executable, "-m", "uxaudit", "audit", f"{hostile.url}/faults/slow/", "--out", str(out),
               *[f for f in SMALL_FLAGS if f != "--quiet"]]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, cwd=Path(__file__).parents[2])
    seen: list[str] = []
    gathered = threading.Event()

    def read_progress() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            seen.append(line)
            if line.strip().startswith("home") and "HTTP 200" in line:
                gathered.set()

    reader = threading.Thread(target=read_progress, daemon=True)
    reader.start()
    try:
        assert gathered.wait(90), "the home page was never gathered:\n" + "".join(seen)
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        proc.wait(timeout=90)  # not communicate(): it would read stderr too, racing the reader thread for lines
        assert proc.stdout is not None
        stdout = proc.stdout.read()  # the summary: far below a pipe's buffer, so waiting first cannot block
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(5)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    assert proc.returncode == 130, "".join(seen)
    assert any(line.startswith("uxaudit: interrupted: partial audit saved to") for line in seen), "".join(seen)
    assert "Partial audit (interrupted)" in stdout
    raw = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert raw["evidence"]["partial"] is True and raw["evidence"]["partial_reason"] == "interrupted"
    audit = load(out)
    home = next(p for p in audit.evidence.pages if p.kind == "home")
    assert home.loaded and home.screenshot is not None
    assert not any(p.url.endswith("/product/1") for p in audit.evidence.pages)  # it stopped before
    assert "Partial audit (interrupted)" in (out / "report.html").read_text(encoding="utf-8")
    assert not [p.name for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-faults")
def test_timeout_saves_a_partial_audit_and_report_keeps_the_mark(hostile: HostileStore, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "audit"
    start = time.monotonic()
    code = main(["audit", f"{hostile.url}/faults/stall/", "--out", str(out), "--timeout", "12", *SMALL_FLAGS])
    assert code == partial.EXIT_TIMED_OUT == 5
    assert time.monotonic() - start < 60
    captured = capsys.readouterr()
    assert "uxaudit: stopped after 12 s: partial audit saved to" in captured.err
    assert "Partial audit (stopped after 12 s)" in captured.out
    audit = load(out)
    assert audit.evidence.partial and audit.evidence.partial_reason == "stopped after 12 s"
    assert [p.kind for p in audit.evidence.pages if p.loaded] == ["home"]
    assert any(p.stage == "audit" for p in audit.evidence.problems)
    assert any(r.status not in ("error",) for r in audit.judgement.checks)  # what was seen is still judged

    again = tmp_path / "again"
    assert main(["report", str(out / "audit.json"), "--out", str(again)]) == 0
    assert load(again).evidence.partial_reason == "stopped after 12 s"
    assert "Partial audit (stopped after 12 s)" in (again / "report.html").read_text(encoding="utf-8")
