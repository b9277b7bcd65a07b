"""Sets up and runs a real django-oscar shop on 127.0.0.1 for integration tests.

    store = OscarStore(workdir)
    store.prepare()                          # migrate + seed + index, cached across sessions
    url = store.start(anon_checkout=True)    # "http://127.0.0.1:PORT/"
    store.order_count()
    store.stop()                             # also run at interpreter exit

The Django project lives in tests/stores/oscar/ (see FACTS.md there for what its pages
show). A prepared database, media and whoosh index are built once into
<repo>/.cache/oscar/<key>/, key = hash of the project's files and the Django/Oscar
versions, and copied into each workdir, so a warm start only launches runserver.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from importlib import metadata
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent / "oscar"
REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE_ROOT = REPO_ROOT / ".cache" / "oscar"
DATA_ITEMS = ("db.sqlite3", "media", "whoosh_index", "products.json")


class OscarStoreError(RuntimeError):
    pass


def _cache_key() -> str:
    digest = hashlib.sha256()
    for dist in ("django", "django-oscar", "django-haystack", "whoosh-reloaded", "sorl-thumbnail", "pillow"):
        try:
            digest.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=none;".encode())
    digest.update(sys.version.split()[0].encode())
    files = [PROJECT_DIR / "manage.py"] + sorted(
        p for p in (PROJECT_DIR / "oscarshop").rglob("*") if p.is_file() and p.suffix in {".py", ".html"}
    )
    for path in files:
        digest.update(str(path.relative_to(PROJECT_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _load_prctl():
    try:
        import ctypes

        return ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl() if sys.platform == "linux" else None
_PR_SET_PDEATHSIG = 1
_SIGTERM = int(signal.SIGTERM)


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the parent dies, even by SIGKILL.

    Runs between fork and exec, so it only calls an already-resolved libc function
    (no imports, no locks): safe even with threads in the parent (pytest-xdist)."""
    _PRCTL(_PR_SET_PDEATHSIG, _SIGTERM)


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class OscarStore:
    """One prepared copy of the shop in `workdir`, and the runservers started on it."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = Path(workdir).resolve()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.key = _cache_key()
        self._servers: list[tuple[subprocess.Popen[bytes], Path]] = []
        self._prepared = False
        atexit.register(self.stop)

    # -- setup ---------------------------------------------------------------

    def _env(self, data_dir: Path, anon_checkout: bool = False) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="oscarshop.settings",
            UXA_OSCAR_DATA=str(data_dir),
            OSCAR_ALLOW_ANON_CHECKOUT="1" if anon_checkout else "0",
            PYTHONUNBUFFERED="1",
        )
        env.pop("PYTHONPATH", None)
        return env

    def _manage(self, data_dir: Path, log: Path, *args: str) -> None:
        with log.open("ab") as out:
            out.write(f"\n$ manage.py {' '.join(args)}\n".encode())
            out.flush()
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=PROJECT_DIR, env=self._env(data_dir), stdout=out, stderr=subprocess.STDOUT, check=False,
            )
        if result.returncode != 0:
            raise OscarStoreError(f"manage.py {' '.join(args)} failed ({result.returncode}); log {log}:\n{_tail(log)}")

    def _build_cache(self) -> Path:
        """Return the prepared cache folder for this key, building it (under a lock) if needed."""
        CACHE_ROOT.mkdir(parents=True, exist_ok=True)
        ready = CACHE_ROOT / self.key
        if (ready / "READY").exists():
            return ready
        with (CACHE_ROOT / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another test worker may be building the same key
            if (ready / "READY").exists():
                return ready
            building = CACHE_ROOT / f"{self.key}.building-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir()
            log = self.workdir / "prepare.log"
            self._manage(building, log, "migrate", "--noinput")
            self._manage(building, log, "seed_shop")
            self._manage(building, log, "update_index")
            self._manage(building, log, "warm_pages")
            (building / "READY").write_text(self.key)
            shutil.rmtree(ready, ignore_errors=True)
            building.rename(ready)
            for old in CACHE_ROOT.iterdir():  # drop caches of older project versions
                if old.is_dir() and old != ready and ".building-" not in old.name:
                    shutil.rmtree(old, ignore_errors=True)
            return ready

    def prepare(self) -> None:
        """Make workdir hold a migrated, seeded and indexed shop. Idempotent."""
        marker = self.workdir / "PREPARED"
        if marker.exists() and marker.read_text() == self.key:
            self._prepared = True
            return
        if self._servers:
            raise OscarStoreError("prepare() must not replace the data of running servers; stop() first")
        cache = self._build_cache()
        for name in DATA_ITEMS:
            target = self.workdir / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            source = cache / name
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
        marker.write_text(self.key)
        self._prepared = True

    # -- servers -------------------------------------------------------------

    def start(self, anon_checkout: bool = True, timeout: float = 180.0) -> str:
        """Start a runserver on a free port; return its base URL once "/" answers 200.

        The generous timeout only matters on a loaded machine: a server that exits is
        reported at once, and a healthy one answers in about a second."""
        if not self._prepared:
            self.prepare()
        for attempt in range(3):
            port = _free_port()
            log = self.workdir / f"runserver-{port}.log"
            out = log.open("wb")
            proc = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
                cwd=PROJECT_DIR, env=self._env(self.workdir, anon_checkout),
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                preexec_fn=_die_with_parent if _PRCTL is not None else None,  # noqa: PLW1509 (see there)
            )
            out.close()
            self._servers.append((proc, log))
            url = f"http://127.0.0.1:{port}/"
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        if response.status == 200:
                            return url
                except urllib.error.HTTPError as exc:
                    exc.close()
                    self._forget(proc)
                    raise OscarStoreError(f"{url} answered {exc.code}; log {log}:\n{_tail(log)}") from exc
                except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                    pass
                time.sleep(0.05)
            self._forget(proc)
            if "That port is already in use" in _tail(log) and attempt < 2:
                continue  # lost the race for the free port
            raise OscarStoreError(f"runserver on {url} did not come up; log {log}:\n{_tail(log)}")
        raise AssertionError("unreachable")

    def _forget(self, proc: subprocess.Popen[bytes]) -> None:
        self._stop_one(proc)
        self._servers = [(p, log) for p, log in self._servers if p is not proc]

    @staticmethod
    def _stop_one(proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)

    def stop(self) -> None:
        """Stop every server this store started."""
        while self._servers:
            proc, _log = self._servers.pop()
            self._stop_one(proc)

    # -- what the tests read -------------------------------------------------

    def order_count(self) -> int:
        with closing(sqlite3.connect(self.workdir / "db.sqlite3", timeout=30)) as db:
            return int(db.execute("SELECT COUNT(*) FROM order_order").fetchone()[0])

    def products(self) -> list[dict]:
        """The seeded catalogue: title, id, upc/sku, url path, price (str, GBP), category, stock, images..."""
        if not self._prepared:
            self.prepare()
        return json.loads((self.workdir / "products.json").read_text())
