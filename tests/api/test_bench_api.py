"""`bench/api.py` runs end to end on a small hub (slow: starts a server; not in CI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_api_prints_latencies_and_ratios(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "bench/api.py", "--n", "20000", "--requests", "5",
                           "--db", str(tmp_path / "bench.db")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for label in ("API aggregates (member)", "API incidents (owner)", "SQL aggregates",
                  "ratio API aggregates (member) / plain SQL"):
        assert label in out
    assert "the 50 ms aim" in out
