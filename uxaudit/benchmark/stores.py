"""Which stores to compare: from the command line (URLs and --name) or a stores.csv file.

A stores.csv has a header row with ``name`` and ``url`` columns and, optionally, ``group``
(e.g. "direct competitor", "marketplace"); other columns are ignored. Every problem is a
one-line :class:`~uxaudit.errors.UsageError` that names the file and the row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from uxaudit.errors import UsageError

MAX_STORES = 200
"""More than this is a crawl of the market, not a benchmark: refuse rather than run for days."""
REQUIRED_COLUMNS = ("name", "url")


@dataclass(frozen=True)
class Store:
    """One store to audit: a display name, its start URL, an optional group and its output folder."""

    name: str
    url: str
    group: str = ""
    slug: str = ""
    """The store's subfolder in the output folder: safe on every file system, unique in the run."""


def check_url(url: str, where: str) -> str:
    """The URL normalised like `uxaudit audit` does; a UsageError naming ``where`` otherwise."""
    from uxaudit.runner import validate_url

    if not url.strip():
        raise UsageError(f"{where}: the url is empty")
    try:
        return validate_url(url)
    except UsageError as exc:
        raise UsageError(f"{where}: {exc}") from None


def default_name(url: str) -> str:
    """A readable name for a store given only by URL: its host, with the port for local shops."""
    parts = urlsplit(url)
    host = (parts.hostname or url).removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    return slug or "store"


def finish(stores: Sequence[Store]) -> list[Store]:
    """Give every store a unique slug; refuse duplicate names and oversized lists."""
    if not stores:
        raise UsageError("no stores to compare: give URLs or --stores FILE")
    if len(stores) > MAX_STORES:
        raise UsageError(f"{len(stores)} stores is more than the {MAX_STORES} a benchmark accepts")
    seen_names: set[str] = set()
    seen_slugs: set[str] = set()
    out: list[Store] = []
    for store in stores:
        if store.name in seen_names:
            raise UsageError(f"two stores are named {store.name!r}; names must be unique")
        seen_names.add(store.name)
        base = slugify(store.name)
        slug, n = base, 2
        while slug in seen_slugs:
            slug, n = f"{base}-{n}", n + 1
        seen_slugs.add(slug)
        out.append(Store(name=store.name, url=store.url, group=store.group, slug=slug))
    return out


def from_args(urls: Sequence[str], names: Sequence[str] | None = None) -> list[Store]:
    """Stores from positional URLs; the n-th --name names the n-th URL, the rest are named by host."""
    names = list(names or [])
    if len(names) > len(urls):
        raise UsageError(f"{len(names)} --name values for {len(urls)} URL{'s' * (len(urls) != 1)}")
    stores = []
    for index, raw in enumerate(urls):
        url = check_url(raw, f"URL {index + 1} ({raw!r})")
        name = names[index].strip() if index < len(names) else default_name(url)
        if not name:
            raise UsageError(f"--name {index + 1} is empty")
        stores.append(Store(name=name, url=url))
    return finish(stores)


def from_csv(path: Path) -> list[Store]:
    """Stores from a CSV file with name, url and optional group columns."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"no stores file at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise UsageError(f"{path}: the header row needs the columns name and url (missing: {', '.join(missing)})")
    reader.fieldnames = header
    stores: list[Store] = []
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if not any(values.values()):
            continue  # a blank line
        where = f"{path} row {line}"
        if not values.get("name"):
            raise UsageError(f"{where}: the name is empty")
        if not values.get("url"):
            raise UsageError(f"{where} ({values['name']}): the url is empty")
        url = check_url(values["url"], f"{where} ({values['name']})")
        stores.append(Store(name=values["name"], url=url, group=values.get("group", "")))
    if not stores:
        raise UsageError(f"{path}: no store rows under the header")
    try:
        return finish(stores)
    except UsageError as exc:
        raise UsageError(f"{path}: {exc}") from None


def reference_index(stores: Sequence[Store], name: str | None) -> int:
    """Which store is 'yours': the one named, else the first."""
    if name is None:
        return 0
    for index, store in enumerate(stores):
        if store.name == name:
            return index
    raise UsageError(f"--reference {name!r} is not one of the stores: {', '.join(s.name for s in stores)}")
