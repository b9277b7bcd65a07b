"""The self-contained HTML report.

One file a store owner can open offline, mail or print: CSS inline, screenshots embedded
as data URIs, no fonts, scripts or images fetched from anywhere. A Content-Security-Policy
in the page says so to the browser too, so even a mistake in escaping could not run a
store's script or make the report phone home.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from uxaudit.bundle import Audit
from uxaudit.check import Check

from .images import ImageStore
from .view import build

TEMPLATE = "report.html.j2"
PRINT_SCRIPT = (
    'addEventListener("beforeprint",function(){'
    'document.querySelectorAll("details").forEach(function(d){d.open=true})});'
)
"""Open every folded list before printing: paper cannot be clicked. The report's only script."""


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Templates with autoescape always on: store data is escaped unless someone opts out, and nobody does."""
    return Environment(
        loader=PackageLoader("uxaudit.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def csp() -> str:
    """Allow only inline styles, data: images and the report's own script (by hash)."""
    digest = base64.b64encode(hashlib.sha256(PRINT_SCRIPT.encode()).digest()).decode()
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def installed_checks() -> dict[str, Check]:
    """Check metadata (description, sources, fix) by id; empty if discovery itself fails.

    Results of checks that are not installed here still render, from the result alone.
    """
    try:
        from uxaudit.registry import discover

        checks, _broken = discover()
    except Exception:  # noqa: BLE001 - a broken plugin set must not cost the owner their report
        return {}
    return {check.id: check for check in checks}


def render(audit: Audit, folder: Path, *, checks: Mapping[str, Check] | None = None,
           sections: Sequence[Markup] = ()) -> str:
    """The complete HTML document for an audit whose screenshots live under ``folder``.

    ``checks`` overrides the installed check metadata (tests use it); by default the
    installed checks are discovered. ``sections`` are ready-made, already escaped HTML
    fragments (such as the baseline comparison) placed after the score header; they must
    respect the same rules: no scripts, no external resources.
    """
    images = ImageStore(folder)
    view = build(audit, images, installed_checks() if checks is None else checks)
    return environment().get_template(TEMPLATE).render(
        report=view,
        sections=list(sections),
        images=images.embedded(),
        csp=csp(),
        script=Markup(PRINT_SCRIPT),  # our own constant, never store data
    )
