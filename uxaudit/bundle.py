"""Reading and writing an audit folder: audit.json, screenshots and the report.

Every file is written atomically (a temporary file in the same folder, then a rename), so
a crash or Ctrl-C never leaves a half-written audit.json or report.html behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ValidationError

from uxaudit.errors import BundleError
from uxaudit.evidence import SCHEMA_VERSION, AuditEvidence
from uxaudit.judge import Judgement

AUDIT_FILE = "audit.json"
REPORT_FILE = "report.html"
SCREENSHOT_DIR = "screenshots"


class Audit(BaseModel):
    """The content of audit.json: the evidence and its judgement."""

    evidence: AuditEvidence
    judgement: Judgement


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; reports and audits are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(audit: Audit, folder: Path) -> Path:
    path = folder / AUDIT_FILE
    write_atomic(path, audit.model_dump_json(indent=1).encode())
    return path


def load(path: Path) -> Audit:
    """Read audit.json (or a folder holding one); a clear BundleError on any problem."""
    if path.is_dir():
        path = path / AUDIT_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BundleError(f"no audit at {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"cannot read {path}: {exc}") from None
    version = str(raw.get("evidence", {}).get("schema_version", "")) if isinstance(raw, dict) else ""
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise BundleError(f"{path} has schema version {version or 'none'}; this uxaudit reads {SCHEMA_VERSION}")
    try:
        return Audit.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BundleError(f"{path} is not a valid audit: {where}: {first['msg']}") from None
