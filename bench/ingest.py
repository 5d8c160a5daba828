"""Benchmark: `tahub` tabular ingest against pandas read_csv + to_sql, same file, same run.

    .venv/bin/python bench/ingest.py [--file data/ctdc/ctdc_global_2020_final.csv] [--repeat 3]

Both write into a fresh SQLite file (or, with --postgres, a fresh PostgreSQL schema). The
hub does more (validation, normalisation, provenance, golden tags, idempotency); the
ratio says what that costs. Each measurement runs in its own process (imports and schema
creation untimed); prints rows/s (median of the repeats), the ratio, and each process's
peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / "data" / "ctdc" / "ctdc_global_2020_final.csv"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def fresh_url(kind: str, folder: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder}/{uuid.uuid4().hex}.db"
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with create_engine(PG, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    return f"{PG}?options=-csearch_path%3D{schema}"


def run_tahub(path: Path, url: str) -> tuple[float, int, int]:
    os.environ["TAHUB_DATABASE_URL"] = url
    from tahub.ingest.profiles import load_profile
    from tahub.ingest.tabular import ingest_file
    from tahub.store.db import init_database

    init_database()  # schema creation is not part of the timed work, as for pandas' table
    profile = load_profile("ctdc")
    started = time.perf_counter()
    result = ingest_file(path, profile)
    seconds = time.perf_counter() - started
    assert result.rows_stored == result.rows_read, result.errors[:3]
    return seconds, result.rows_stored, _peak()


def run_pandas(path: Path, url: str) -> tuple[float, int, int]:
    import pandas as pd
    from sqlalchemy import create_engine

    engine = create_engine(url)
    started = time.perf_counter()
    frame = pd.read_csv(path)
    frame.to_sql("incidents_pandas", engine, index=False)
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds, len(frame), _peak()


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure(which: str, path: Path, url: str) -> tuple[float, int, int]:
    out = subprocess.run([sys.executable, __file__, "--one", which, "--url", url,
                          "--file", str(path)], check=True, capture_output=True, text=True)
    seconds, rows, peak = json.loads(out.stdout.strip().splitlines()[-1])
    return seconds, rows, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", action="store_true", help="Use PostgreSQL, not SQLite.")
    parser.add_argument("--one", choices=["tahub", "pandas"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run = run_tahub if args.one == "tahub" else run_pandas
        print(json.dumps(run(args.file, args.url)))
        return
    kind = "postgresql" if args.postgres else "sqlite"
    folder = Path(tempfile.mkdtemp(prefix="tahub-bench-"))
    os.environ["TAHUB_DATA_DIR"] = str(folder)
    hub, pandas_ = [], []
    for _ in range(args.repeat):  # interleaved, so machine noise hits both alike
        hub.append(measure("tahub", args.file, fresh_url(kind, folder)))
        pandas_.append(measure("pandas", args.file, fresh_url(kind, folder)))
    rows = hub[0][1]
    hub_s = statistics.median(h[0] for h in hub)
    pd_s = statistics.median(p[0] for p in pandas_)
    print(f"file: {args.file.name} ({rows:,} rows), database: {kind}, repeats: {args.repeat}")
    print(f"tahub ingest      : {rows / hub_s:>10,.0f} rows/s  ({hub_s:.2f} s median), "
          f"peak {max(h[2] for h in hub) / 2**20:.0f} MiB")
    print(f"pandas to_sql     : {rows / pd_s:>10,.0f} rows/s  ({pd_s:.2f} s median), "
          f"peak {max(p[2] for p in pandas_) / 2**20:.0f} MiB")
    print(f"ratio tahub/pandas: {pd_s / hub_s:.2f}x (above 1 means tahub is faster)")


if __name__ == "__main__":
    sys.exit(main())
