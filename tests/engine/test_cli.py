"""The CLI: exact one-line errors and documented exit codes, never a traceback."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from uxaudit.cli import main
from uxaudit.evidence import SCHEMA_VERSION


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_unsupported_scheme_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "audit", "ftp://shop.example", "--out", str(tmp_path), "--quiet")
    assert code == 2
    assert err.strip() == "uxaudit: error: unsupported URL scheme 'ftp' in 'ftp://shop.example'; use http:// or https://"
    assert not (tmp_path / "report.html").exists()


def test_unknown_check_id_lists_the_installed_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "audit", "https://shop.example", "--only", "nope")
    assert code == 2
    assert err.startswith("uxaudit: error: unknown check id nope; installed: ")
    assert "load-speed" in err and "Traceback" not in err


def test_missing_browser_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "audit", "http://127.0.0.1:9/", "--browser-path", str(tmp_path / "nochrome"))
    assert code == 4
    assert err.strip() == f"uxaudit: error: --browser-path {tmp_path / 'nochrome'} is not an executable file"


def test_report_of_a_missing_or_broken_audit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "report", str(tmp_path / "nothing.json"))
    assert (code, err.strip()) == (2, f"uxaudit: error: no audit at {tmp_path / 'nothing.json'}")
    broken = tmp_path / "audit.json"
    broken.write_text('{"evidence": {"schema_version": "9.0"}}')
    code, _, err = _run(capsys, "report", str(broken))
    assert (code, err.strip()) == (2, f"uxaudit: error: {broken} has schema version 9.0; this uxaudit reads {SCHEMA_VERSION}")


def test_checks_lists_the_built_in_checks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "checks")
    assert code == 0
    for check_id in ("load-speed", "mobile-friendly", "product-page"):
        assert check_id in out


def test_schema_is_json_schema_of_the_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and set(schema["properties"]) == {"evidence", "judgement"}


@pytest.mark.browser
def test_connection_refused_is_unreachable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        code, _, err = _run(capsys, "audit", f"http://127.0.0.1:{port}/", "--out", str(tmp_path), "--quiet")
    assert code == 3
    assert err.strip() == f"uxaudit: error: cannot load http://127.0.0.1:{port}/: connection refused"
    assert not (tmp_path / "audit.json").exists()


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    from uxaudit.bundle import write_atomic

    write_atomic(tmp_path / "report.html", b"<p>ok</p>")
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
