"""Finding installed checks through the ``uxaudit.checks`` entry-point group.

Built-in checks are registered in uxaudit's own pyproject.toml exactly as a third-party
package registers its own, so there is one discovery path for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points

from uxaudit.check import Check
from uxaudit.errors import UsageError

ENTRY_POINT_GROUP = "uxaudit.checks"


@dataclass(frozen=True)
class BrokenPlugin:
    """An entry point that could not be loaded; listed by `uxaudit checks`, skipped by audits."""

    name: str
    value: str
    reason: str


def discover() -> tuple[list[Check], list[BrokenPlugin]]:
    """Load every registered check, sorted by category then id; report the ones that fail to load."""
    checks: dict[str, Check] = {}
    broken: list[BrokenPlugin] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
            check = cls()
            if not isinstance(check, Check):
                raise TypeError(f"{ep.value} is not a uxaudit.check.Check subclass")
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others
            broken.append(BrokenPlugin(ep.name, ep.value, f"{type(exc).__name__}: {exc}"))
            continue
        checks.setdefault(check.id, check)
    ordered = sorted(checks.values(), key=lambda c: (c.category, c.id))
    return ordered, broken


def select(checks: list[Check], only: list[str] | None = None, skip: list[str] | None = None) -> list[Check]:
    """Apply --only/--skip; unknown ids are a usage error listing the accepted ones."""
    known = {c.id for c in checks}
    unknown = sorted({*(only or []), *(skip or [])} - known)
    if unknown:
        raise UsageError(f"unknown check id {', '.join(unknown)}; installed: {', '.join(sorted(known))}")
    chosen = [c for c in checks if (not only or c.id in only) and c.id not in (skip or [])]
    return chosen
