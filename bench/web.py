"""Benchmark: server time of each web page over >= 1,000,000 incidents on SQLite.

    .venv/bin/python bench/web.py [--n 1000000] [--repeat 5] [--db FILE]

Builds the same hub as bench/api.py (three organisations, 24 sources at every sharing
level, n incidents with one exploitation tag each), logs in through /login as a member of
another organisation (the policy and disclosure path) and as an owner, and renders each
page `repeat` times in process (Starlette's TestClient: no network). Prints the first
(cold) render, then p50 and max per page against the 300 ms target. `--db` keeps the
database for later runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

PAGES = ["/", "/map", "/routes", "/trends", "/search", "/search?country=CO",
         "/exports", "/networks", "/account"]
TARGET_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tahub-bench-web-"))
    os.environ.setdefault("TAHUB_SECRET", "bench-secret")
    os.environ["TAHUB_DATA_DIR"] = str(folder / "var")
    db = args.db or folder / "bench_web.db"
    url = f"sqlite:///{db}"
    os.environ["TAHUB_DATABASE_URL"] = url
    import api as bench_api  # bench/api.py: the same hub and data
    from fastapi.testclient import TestClient

    from tahub.web.app import create_app

    if not db.exists() or db.stat().st_size < 1_000_000:
        _, _, sources = bench_api.setup_hub(url)
        started = time.perf_counter()
        incidents, tags = bench_api.generate(args.n, sources)
        seconds = bench_api.load(url, incidents, tags)
        print(f"generated and loaded {args.n:,} incidents in "
              f"{time.perf_counter() - started:.1f} s (load {seconds:.1f} s)")
    results = {}
    for who, email in (("member", "viewer@cambio.example.org"),
                       ("owner", "analyst@alba.example.org")):
        client = TestClient(create_app(), follow_redirects=False)
        page = client.get("/login").text
        csrf = page.split('name="csrf" value="')[1].split('"')[0]
        answer = client.post("/login", data={"email": email, "password": "bench password 1234",
                                             "csrf": csrf})
        assert answer.status_code == 303, answer.text[:300]
        for path in PAGES:
            times = []
            for _ in range(args.repeat + 1):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            # the first render computes the aggregates; later ones find them cached
            # until the data change (a new or changed source)
            results[(who, path)] = (times[0], statistics.median(times[1:]), max(times[1:]))
    print(f"{'reader':8} {'page':22} {'cold ms':>8} {'p50 ms':>8} {'max ms':>8}"
          f"  target {TARGET_MS} ms")
    for (who, path), (cold, p50, worst) in results.items():
        flag = "" if p50 <= TARGET_MS else "  over"
        print(f"{who:8} {path:22} {cold:8.0f} {p50:8.0f} {worst:8.0f}{flag}")


if __name__ == "__main__":
    main()
