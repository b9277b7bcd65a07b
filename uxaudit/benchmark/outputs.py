"""The benchmark's own files beside the stores' folders: benchmark.csv, benchmark.json, benchmark.html.

    OUT/
      benchmark.html   the side-by-side report (self-contained)
      benchmark.csv    the table, one row per store
      benchmark.json   the same rows, plus the reference and the lead/lag lists
      stores/<slug>/   each store's audit.json, screenshots/ and report.html

Every file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from uxaudit.benchmark.run import StoreOutcome
from uxaudit.benchmark.table import gaps, records
from uxaudit.bundle import write_atomic

CSV_FILE = "benchmark.csv"
JSON_FILE = "benchmark.json"
HTML_FILE = "benchmark.html"


def to_json(frame: pd.DataFrame) -> dict[str, Any]:
    marked = frame.index[frame["reference"].astype(bool)]
    reference = str(marked[0]) if len(marked) else str(frame.index[0])
    lead, lag = gaps(frame, reference)

    def gap(g: Any) -> dict[str, Any]:
        data = asdict(g)
        data["base_rate"] = g.base_rate.text if g.base_rate else None
        return data

    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "reference": reference,
        "lead": [gap(g) for g in lead],
        "lag": [gap(g) for g in lag],
        "stores": records(frame),
    }


def write_outputs(frame: pd.DataFrame, outcomes: Sequence[StoreOutcome], out: Path) -> dict[str, Path]:
    """Write the table (CSV, JSON) and benchmark.html into ``out``; their paths by kind."""
    from uxaudit.reports.benchmark import render_benchmark

    paths = {"csv": out / CSV_FILE, "json": out / JSON_FILE, "html": out / HTML_FILE}
    write_atomic(paths["csv"], frame.to_csv(index=False).encode("utf-8"))
    write_atomic(paths["json"], json.dumps(to_json(frame), indent=1, allow_nan=False).encode("utf-8"))
    write_atomic(paths["html"], render_benchmark(frame, outcomes).encode("utf-8"))
    return paths
