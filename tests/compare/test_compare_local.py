"""The local backend: spawned processes, retries for raising and crashing tasks, no retry for unreachable stores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uxaudit.benchmark.run import AuditJob, LocalBackend, run_stores
from uxaudit.benchmark.stores import from_args
from uxaudit.settings import Settings


def test_retries_and_failures_stay_local(tmp_path: Path) -> None:
    from _tasks import flaky

    names = ["ok", "raises", "crash", "down", "always"]
    stores = from_args([f"https://{n}.example" for n in names], names)
    settings = Settings(extra={"counter": str(tmp_path)})
    events: list[dict[str, object]] = []
    out = tmp_path / "out"
    outcomes = run_stores([AuditJob(s, settings) for s in stores], LocalBackend(2, task=flaky), out, retries=2,
                          on_event=events.append)
    by = {o.store.name: o for o in outcomes}
    assert [o.store.name for o in outcomes] == names  # input order, whatever order they finished in
    assert by["ok"].ok
    assert by["raises"].ok and by["raises"].attempts >= 2
    assert by["crash"].ok and by["crash"].attempts >= 2
    # a crashing process breaks the pool: the audits running beside it are re-run too
    assert not by["down"].ok and by["down"].attempts in (1, 2)
    assert by["down"].error == "cannot load https://down.example/: host not found"
    assert not by["always"].ok and by["always"].attempts == 3
    assert re.fullmatch(r"the audit crashed after 3 attempts: RuntimeError: attempt [23] failed", by["always"].error or "")
    folder = out / "stores" / "ok"
    assert (folder / "audit.json").is_file() and (folder / "report.html").is_file()
    assert (folder / "screenshots" / "a.jpg").read_bytes() == b"not really a jpeg"
    assert not (tmp_path / "escape.txt").exists() and not (out / "escape.txt").exists()
    assert any(e.get("kind") == "retry" and e.get("store") == "raises" for e in events)


@pytest.mark.parametrize("argv", [
    ["compare"],
    ["compare", "https://a.example", "--stores", "x.csv"],
    ["compare", "https://a.example", "https://b.example", "--reference", "c"],
    ["compare", "https://a.example", "https://b.example", "--only", "nope"],
])
def test_usage_errors_are_one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from uxaudit.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("uxaudit: error: ") and "Traceback" not in err
