"""Running many audits: one task per store, on local processes or on a Dask cluster.

One code path for both. :func:`audit_task` is the unit of work: in whatever process runs
it (a local worker process or a Dask worker) it launches that process's own Chromium
through :func:`uxaudit.runner.collect`, judges the evidence, and returns a
:class:`TaskResult` — the audit as JSON plus the screenshot files as bytes. Nothing is
written to a shared folder: cluster workers need no common file system, and the client
writes each store's folder (audit.json, screenshots/, report.html) itself, atomically.
The price is moving a few megabytes per store over the network, which is small next to
the minutes an audit takes.

A *backend* runs tasks and yields each store's outcome as it completes:

* :class:`LocalBackend` — a process pool of ``jobs`` spawn-started processes (Python work,
  HTML parsing and judging, runs in parallel; one crashing process is replaced).
* :class:`DaskBackend` — ``client.submit(audit_task, job, retries=N)`` on a cluster;
  Dask re-runs a task whose worker died and retries one that raised.

Both retry a task that raised (a browser crash, a worker lost) up to ``retries`` times.
A store that cannot be reached is not retried: the answer would be the same.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import queue
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from uxaudit.benchmark.stores import Store
from uxaudit.settings import Settings

EVENT_TOPIC = "uxaudit-compare"
"""The Dask event topic workers publish progress on (``Worker.log_event``)."""
DEFAULT_RETRIES = 2
DEFAULT_JOBS = 2
"""Audits at once by default: one per core on a 2-core machine; each already loads 2 pages at once."""

Event = dict[str, Any]
"""A progress event: ``{"store": slug, "kind": "stage"|"planned"|"page"|"start", ...}``."""


@dataclass(frozen=True)
class AuditJob:
    """Everything a worker needs to audit one store; picklable, no open resources."""

    store: Store
    settings: Settings
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()


@dataclass
class TaskResult:
    """What a task sends back: the audit (or why there is none) and its screenshot files."""

    slug: str
    ok: bool
    audit_json: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0
    worker: str = ""


@dataclass
class StoreOutcome:
    """One store's row before it becomes a table row: the audit, or the reason there is none."""

    store: Store
    audit: Any = None
    """The :class:`uxaudit.bundle.Audit`, when the audit completed."""
    folder: Path | None = None
    error: str | None = None
    seconds: float | None = None
    attempts: int = 0
    worker: str = ""

    @property
    def ok(self) -> bool:
        return self.audit is not None


# --- the task: runs in a worker process ---------------------------------------------------------

_LOCAL_EVENTS: Any = None
"""In a local worker process: the queue progress events go to (set by the pool initializer)."""


def _init_local_worker(events: Any) -> None:
    global _LOCAL_EVENTS
    _LOCAL_EVENTS = events


def _emitter() -> Callable[[Event], None]:
    """Where this process sends progress: the local queue, the Dask scheduler's event log, or nowhere."""
    if _LOCAL_EVENTS is not None:
        events = _LOCAL_EVENTS
        return lambda event: events.put(event)
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        return lambda event: None
    return lambda event: worker.log_event(EVENT_TOPIC, event)


class _TaskProgress:
    """The runner's Progress protocol, forwarded as small events."""

    def __init__(self, slug: str, emit: Callable[[Event], None]) -> None:
        self.slug, self.emit = slug, emit

    def _send(self, **event: Any) -> None:
        try:
            self.emit({"store": self.slug, **event})
        except Exception:  # noqa: BLE001, S110 - progress must never cost an audit
            pass

    def stage(self, message: str) -> None:
        self._send(kind="stage", message=message)

    def planned(self, count: int) -> None:
        self._send(kind="planned", count=count)

    def page_done(self, page: Any) -> None:
        self._send(kind="page", error=page.error)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def audit_task(job: AuditJob) -> TaskResult:
    """Audit one store in this process with its own browser; the audit as JSON plus its screenshots.

    A store that cannot be audited for a reason that would not change on a retry (unreachable,
    no Chromium, a bad setting) comes back as ``ok=False`` with the one-line reason; anything
    unexpected raises, so that the backend retries the task.
    """

    from uxaudit import partial
    from uxaudit.bundle import Audit
    from uxaudit.errors import UxauditError
    from uxaudit.judge import judge
    from uxaudit.registry import discover, select
    from uxaudit.runner import collect

    slug = job.store.slug
    progress = _TaskProgress(slug, _emitter())
    progress._send(kind="start", process=worker_name())  # Dask sets "worker" itself
    clock = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"uxaudit-{slug}-") as tmp:
        out = Path(tmp)
        try:
            checks = select(discover()[0], list(job.only) or None, list(job.skip) or None)
            # --timeout bounds each store's audit: a store that runs out is kept, marked partial.
            evidence = partial.run(lambda keep: collect(job.store.url, job.settings, out, progress, keep=keep),
                                   job.settings.audit_timeout_s).evidence
        except UxauditError as exc:
            return TaskResult(slug=slug, ok=False, error=str(exc), seconds=round(time.perf_counter() - clock, 2),
                              worker=worker_name())
        audit = Audit(evidence=evidence, judgement=judge(evidence, checks))
        files = {path.relative_to(out).as_posix(): path.read_bytes()
                 for path in sorted(out.rglob("*")) if path.is_file()}
    return TaskResult(slug=slug, ok=True, audit_json=audit.model_dump_json(), files=files,
                      seconds=round(time.perf_counter() - clock, 2), worker=worker_name())


# --- backends -------------------------------------------------------------------------------------

Completed = tuple[AuditJob, "TaskResult | BaseException", int]
"""A finished job: its result, or the exception of its last attempt, and how many attempts it took."""


class Backend(Protocol):
    """Runs audit tasks and yields each job's outcome as soon as it is known."""

    def run(self, jobs: Sequence[AuditJob], retries: int, on_event: Callable[[Event], None]) -> Iterator[Completed]:
        ...


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class LocalBackend:
    """Audits on ``jobs`` local processes (spawned, so no browser or thread state is inherited)."""

    def __init__(self, jobs: int = DEFAULT_JOBS, task: Callable[[AuditJob], TaskResult] = audit_task) -> None:
        self.jobs = max(1, jobs)
        self.task = task

    def run(self, jobs: Sequence[AuditJob], retries: int, on_event: Callable[[Event], None]) -> Iterator[Completed]:
        context = multiprocessing.get_context("spawn")
        events = context.Queue()
        stop = threading.Event()

        def pump() -> None:
            while not stop.is_set():
                try:
                    event = events.get(timeout=0.2)
                except queue.Empty:
                    continue
                except (EOFError, OSError):
                    return
                on_event(event)

        reader = threading.Thread(target=pump, name="uxaudit-compare-events", daemon=True)
        reader.start()

        def new_pool() -> cf.ProcessPoolExecutor:
            return cf.ProcessPoolExecutor(max_workers=min(self.jobs, len(jobs)) or 1, mp_context=context,
                                          initializer=_init_local_worker, initargs=(events,))

        pool = new_pool()
        attempts: dict[int, int] = {}
        running: dict[cf.Future[TaskResult], int] = {}

        def submit(index: int) -> None:
            nonlocal pool
            attempts[index] = attempts.get(index, 0) + 1
            try:
                future = pool.submit(self.task, jobs[index])
            except cf.process.BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                future = pool.submit(self.task, jobs[index])
            running[future] = index

        try:
            for index in range(len(jobs)):
                submit(index)
            while running:
                done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    index = running.pop(future)
                    exc = future.exception()
                    if exc is None:
                        yield jobs[index], future.result(), attempts[index]
                    elif attempts[index] <= retries:
                        on_event({"store": jobs[index].store.slug, "kind": "retry", "error": _short(exc)})
                        submit(index)
                    else:
                        yield jobs[index], exc, attempts[index]
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            stop.set()
            reader.join(timeout=2)
            events.close()
            events.join_thread()


class DaskBackend:
    """Audits as tasks on a Dask distributed cluster; each worker drives its own Chromium."""

    def __init__(self, address: str, client: Any = None) -> None:
        self.address = address
        self._client = client

    def run(self, jobs: Sequence[AuditJob], retries: int, on_event: Callable[[Event], None]) -> Iterator[Completed]:
        from distributed import Client, as_completed

        own = self._client is None
        client = self._client or Client(self.address, timeout="20s")  # type: ignore[no-untyped-call]
        slugs: dict[str, int] = {}

        def forward(event: Any) -> None:
            _, message = event if isinstance(event, tuple) and len(event) == 2 else (None, event)
            if isinstance(message, dict):
                if message.get("kind") == "start":
                    slugs[message.get("store", "")] = slugs.get(message.get("store", ""), 0) + 1
                on_event(message)

        client.subscribe_topic(EVENT_TOPIC, forward)
        try:
            futures = {client.submit(audit_task, job, retries=retries, pure=False,
                                     key=f"uxaudit-audit-{job.store.slug}-{os.urandom(4).hex()}"): job
                       for job in jobs}
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                job = futures[future]
                tries = max(1, slugs.get(job.store.slug, 1))
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - the store's row says why
                    yield job, exc, tries
                else:
                    yield job, result, tries
        finally:
            client.unsubscribe_topic(EVENT_TOPIC)
            if own:
                client.close()


# --- writing each store's folder ------------------------------------------------------------------

def store_folder(out: Path, store: Store) -> Path:
    return out / "stores" / store.slug


def write_store(result: TaskResult, folder: Path) -> Any:
    """Write a task's audit.json, screenshots and report.html into the store's folder; the Audit."""
    from uxaudit.bundle import REPORT_FILE, Audit, save, write_atomic
    from uxaudit.reports.html import render

    assert result.audit_json is not None
    audit = Audit.model_validate_json(result.audit_json)
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    for relpath, data in result.files.items():
        target = (root / relpath).resolve()
        if not target.is_relative_to(root):
            continue  # a path that would leave the store's folder is not written
        write_atomic(target, data)
    save(audit, folder)
    write_atomic(folder / REPORT_FILE, render(audit, folder).encode("utf-8"))
    return audit


def run_stores(jobs: Sequence[AuditJob], backend: Backend, out: Path, *, retries: int = DEFAULT_RETRIES,
               on_event: Callable[[Event], None] = lambda event: None,
               on_done: Callable[[StoreOutcome], None] = lambda outcome: None) -> list[StoreOutcome]:
    """Run every job on the backend and write each finished store's folder; outcomes in input order.

    A store whose audit failed, even after retries, gets an outcome with the reason; the
    others go on.
    """
    outcomes: dict[str, StoreOutcome] = {}
    for job, result, attempts in backend.run(jobs, retries, on_event):
        store = job.store
        if isinstance(result, BaseException):
            outcome = StoreOutcome(store=store, error=f"the audit crashed after {attempts} "
                                   f"attempt{'s' * (attempts != 1)}: {_short(result)}", attempts=attempts)
        elif not result.ok:
            outcome = StoreOutcome(store=store, error=result.error, seconds=result.seconds, attempts=attempts,
                                   worker=result.worker)
        else:
            folder = store_folder(out, store)
            try:
                audit = write_store(result, folder)
            except Exception as exc:  # noqa: BLE001 - one unreadable result must not cost the others
                outcome = StoreOutcome(store=store, error=f"could not write the audit: {_short(exc)}",
                                       attempts=attempts, worker=result.worker)
            else:
                outcome = StoreOutcome(store=store, audit=audit, folder=folder, seconds=result.seconds,
                                       attempts=attempts, worker=result.worker)
        outcomes[store.slug] = outcome
        on_done(outcome)
    return [outcomes.get(job.store.slug) or StoreOutcome(store=job.store, error="no result came back")
            for job in jobs]
