"""Partial audits: Ctrl-C, or the audit-wide ``--timeout``, saves what was gathered so far.

The runner hands out its evidence bundle as soon as it exists and fills it as pages and
journeys finish. When the run is interrupted (SIGINT) or runs out of time, the collection is
cancelled (the browser closes as usual) and the bundle is marked ``partial`` with its
reason; the CLI then judges and writes it like any audit, atomically, and exits with
``EXIT_INTERRUPTED`` (130) or ``EXIT_TIMED_OUT`` (5).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from uxaudit.evidence import AuditEvidence, Problem

INTERRUPTED = "interrupted"
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells expect (128 + SIGINT)."""
EXIT_TIMED_OUT = 5
"""The audit-wide --timeout ran out; a partial audit was saved."""

Collect = Callable[[Callable[[AuditEvidence], None]], Coroutine[Any, Any, AuditEvidence]]
"""Starts the collection, given where to hand the evidence bundle as soon as it exists."""


@dataclass
class Outcome:
    evidence: AuditEvidence
    exit_code: int = 0


def stopped_after(seconds: float) -> str:
    return f"stopped after {seconds:g} s"


def mark(evidence: AuditEvidence, reason: str) -> AuditEvidence:
    """Mark ``evidence`` partial: why, when, and every gathered page's problems (once each)."""
    from uxaudit.runner import page_problems

    evidence.partial = True
    evidence.partial_reason = reason
    known = {(p.stage, p.url, p.viewport, p.reason) for p in evidence.problems}
    for problem in page_problems(evidence.pages):
        if (problem.stage, problem.url, problem.viewport, problem.reason) not in known:
            evidence.problems.append(problem)
    evidence.problems.append(Problem(
        stage="audit", reason=f"the audit was {reason} before it finished: pages, journeys and checks "
                              "not reached are missing from this partial audit"))
    evidence.finished_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return evidence


def exit_code(evidence: AuditEvidence) -> int:
    """The audit command's exit code for this bundle: 0 complete, 130 interrupted, 5 out of time."""
    if not evidence.partial:
        return 0
    return EXIT_INTERRUPTED if evidence.partial_reason == INTERRUPTED else EXIT_TIMED_OUT


def run(collect: Collect, timeout_s: float | None = None) -> Outcome:
    """Run the collection to its end, or to Ctrl-C or ``timeout_s``: then a partial outcome.

    With nothing gathered yet (interrupted while Chromium starts), KeyboardInterrupt or
    TimeoutError propagates: there is no audit to save.
    """
    kept: list[AuditEvidence] = []
    stop: dict[str, bool] = {"interrupted": False, "timed_out": False}

    async def bounded() -> AuditEvidence:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()

        def interrupt() -> None:
            stop["interrupted"] = True
            if task is not None:
                task.cancel()

        # Our own handler: cleaning up after a cancel can raise browser errors (a page closing under
        # a load), and those must still read as the interruption they are.
        try:
            loop.add_signal_handler(signal.SIGINT, interrupt)
        except (ValueError, RuntimeError, NotImplementedError):
            pass  # not the main thread (or not POSIX): Ctrl-C stays asyncio's KeyboardInterrupt
        try:
            async with asyncio.timeout(timeout_s) as limit:
                try:
                    return await collect(kept.append)
                finally:
                    stop["timed_out"] = limit.expired()
        finally:
            try:
                loop.remove_signal_handler(signal.SIGINT)
            except (ValueError, RuntimeError, NotImplementedError):
                pass

    try:
        return Outcome(asyncio.run(bounded()))
    except BaseException:
        if stop["interrupted"] and not kept:
            raise KeyboardInterrupt from None  # the CLI's one line and exit 130, never a traceback
        if not kept or not (stop["interrupted"] or stop["timed_out"]):
            raise
        if stop["interrupted"]:
            return Outcome(mark(kept[0], INTERRUPTED), EXIT_INTERRUPTED)
        assert timeout_s is not None
        return Outcome(mark(kept[0], stopped_after(timeout_s)), EXIT_TIMED_OUT)


__all__ = ["EXIT_INTERRUPTED", "EXIT_TIMED_OUT", "INTERRUPTED", "Outcome", "exit_code", "mark", "run", "stopped_after"]
