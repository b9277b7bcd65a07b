"""Fixtures for the report tests: the sample audits, rendered once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from report_sample import sample_audit, sample_checks
from uxaudit.reports.html import render

from uxaudit.bundle import Audit


@dataclass(frozen=True)
class Rendered:
    audit: Audit
    folder: Path
    html: str

    @property
    def path(self) -> Path:
        path = self.folder / "report.html"
        if not path.exists():
            path.write_text(self.html, encoding="utf-8")
        return path


def _render(folder: Path, hostile: bool) -> Rendered:
    audit = sample_audit(folder, hostile)
    return Rendered(audit, folder, render(audit, folder, checks=sample_checks(hostile)))


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The realistic sample audit and its report."""
    return _render(tmp_path_factory.mktemp("sample"), hostile=False)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The sample with store data that tries to inject markup, scripts and links."""
    return _render(tmp_path_factory.mktemp("hostile"), hostile=True)
