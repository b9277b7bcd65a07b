"""Stand-in audit tasks for the backend tests: importable by spawned worker processes."""

from __future__ import annotations

import os
from pathlib import Path

from uxaudit.benchmark.run import AuditJob, TaskResult


def _tries(job: AuditJob) -> int:
    """Count this job's attempts in a file named by its settings' extra['counter']."""
    counter = Path(job.settings.extra["counter"]) / job.store.slug
    tries = int(counter.read_text()) + 1 if counter.exists() else 1
    counter.write_text(str(tries))
    return tries


def flaky(job: AuditJob) -> TaskResult:
    """'ok' succeeds; 'raises' raises once then succeeds; 'crash' kills its process once; 'down' is unreachable."""
    from _audits import audit

    tries = _tries(job)
    name = job.store.name
    if name == "raises" and tries == 1:
        raise RuntimeError("browser closed unexpectedly")
    if name == "crash" and tries == 1:
        os._exit(1)
    if name == "always":
        raise RuntimeError(f"attempt {tries} failed")
    if name == "down":
        return TaskResult(slug=job.store.slug, ok=False, error="cannot load https://down.example/: host not found")
    made = audit({"guest-checkout": 1.0, "load-speed": 0.5})
    return TaskResult(slug=job.store.slug, ok=True, audit_json=made.model_dump_json(),
                      files={"screenshots/a.jpg": b"not really a jpeg", "../../escape.txt": b"x"}, seconds=0.1)
