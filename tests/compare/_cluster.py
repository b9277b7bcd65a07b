"""A real Dask cluster on 127.0.0.1 for the tests and the benchmark: Dask's own CLI, its own processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dask(*args: str, log: Path) -> subprocess.Popen[bytes]:
    binary = Path(sys.executable).parent / "dask"
    with log.open("wb") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([str(binary), *args], stdout=handle, stderr=subprocess.STDOUT,
                                start_new_session=True)


@contextmanager
def dask_cluster(logs: Path, workers: int = 2) -> Iterator[str]:
    """A scheduler and ``workers`` single-threaded workers, each its own process group; yields the
    scheduler's address, and kills every process group afterwards (an audit's Chromium included)."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [_dask("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard",
                   log=logs / "scheduler.log")]
    try:
        for index in range(workers):
            procs.append(_dask("worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                               "--name", f"w{index}", log=logs / f"worker{index}.log"))
        yield address
    finally:
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 15
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
