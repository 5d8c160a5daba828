"""Real CTDC rows as CSV bytes, for tests that upload or ingest a slice of real data."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

CTDC_APP = Path(__file__).resolve().parents[1] / "data" / "ctdc" / "ctdc_dados_app.csv"


def real_csv(n: int, start: int = 0,
             edit: Callable[[int, dict], dict] | None = None) -> bytes:
    """`n` real CTDC rows (from `start`) as CSV bytes; `edit(i, row)` may change a row."""
    with CTDC_APP.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [row for i, row in enumerate(reader) if start <= i < start + n]
        header = reader.fieldnames
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    for i, row in enumerate(rows):
        writer.writerow(edit(i, row) if edit else row)
    return out.getvalue().encode()
