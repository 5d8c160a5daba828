"""Benchmark: server time of each web page over >= 1,000,000 incidents on SQLite.

    .venv/bin/python bench/web.py [--n 1000000] [--repeat 5] [--db FILE] [--new 10000]

Builds the same hub as bench/api.py (three organisations, 24 sources at every sharing
level, n incidents with one exploitation tag each; `--db` keeps the database for later
runs), GEOCODED of the incidents with a place near a Latin American city (so /map bins
hundreds of thousands of points into hexagons), and counts them into the incident cube
as an ingest does (timed: a one-time cost at load, not a page's). Then, as a member of
another organisation (the policy and disclosure path) and as an owner, each page is
rendered in process (Starlette's TestClient: no network):

  cold  the first render of that page by a freshly started server process (nothing
        cached in memory: what the first reader after a restart waits for)
  warm  p50 and max of `repeat` further renders in that process

`--new` then adds a source of that many incidents the way an upload does (stored, then
counted into the cube, timed) and renders / cold again, so the first reader after new
data is measured too. Targets: 300 ms for cold and warm alike.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

PAGES = ["/", "/map", "/map?year_from=2015&exploitation=exploitation.labour",
         "/map/departments", "/routes", "/trends", "/search", "/search?country=CO",
         "/exports", "/networks", "/account"]  # /map fetches /map/departments
READERS = {"member": "viewer@cambio.example.org", "owner": "analyst@alba.example.org"}
TARGET_MS = 300
GEOCODED = 0.4  # share of incidents with coordinates
CITIES = [  # country, first-level area as records name it, lat, lon
    ("CO", "Bogotá, D.C.", 4.71, -74.07), ("CO", "Antioquia", 6.24, -75.58),
    ("CO", "Valle del Cauca", 3.45, -76.53), ("CO", "Atlántico", 10.96, -74.80),
    ("VE", "Distrito Capital", 10.48, -66.90), ("VE", "Zulia", 10.65, -71.61),
    ("EC", "Pichincha", -0.18, -78.47), ("EC", "Guayas", -2.17, -79.92),
    ("PE", "Lima", -12.05, -77.04), ("PE", "Loreto", -3.75, -73.25),
    ("BO", "La Paz", -16.50, -68.15), ("BO", "Santa Cruz", -17.78, -63.18),
    ("BR", "São Paulo", -23.55, -46.63), ("BR", "Rio de Janeiro", -22.91, -43.17),
    ("BR", "Amazonas", -3.12, -60.02), ("BR", "Distrito Federal", -15.79, -47.88),
    ("AR", "Ciudad Autónoma de Buenos Aires", -34.60, -58.38), ("AR", "Córdoba", -31.42, -64.18),
    ("AR", "Salta", -24.79, -65.41), ("CL", "Región Metropolitana", -33.45, -70.67),
    ("PY", "Asunción", -25.26, -57.58), ("UY", "Montevideo", -34.90, -56.16),
    ("MX", "Ciudad de México", 19.43, -99.13), ("MX", "Jalisco", 20.67, -103.35),
    ("MX", "Baja California", 32.51, -117.04), ("MX", "Nuevo León", 25.69, -100.32),
    ("GT", "Guatemala", 14.63, -90.51), ("HN", "Francisco Morazán", 14.07, -87.19),
    ("SV", "San Salvador", 13.69, -89.22), ("NI", "Managua", 12.11, -86.24),
    ("CR", "San José", 9.93, -84.08), ("PA", "Panamá", 8.98, -79.52),
    ("DO", "Distrito Nacional", 18.49, -69.93), ("HT", "Ouest", 18.59, -72.31),
    ("CU", "La Habana", 23.11, -82.37)]


def child(email: str, path: str, repeat: int) -> None:
    """One fresh server process: log in, then time `path` cold and warm (JSON on stdout)."""
    from fastapi.testclient import TestClient

    from tahub.web.app import create_app

    client = TestClient(create_app(), follow_redirects=False)
    page = client.get("/login").text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    answer = client.post("/login", data={"email": email, "password": "bench password 1234",
                                         "csrf": csrf})
    assert answer.status_code == 303, answer.text[:300]
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    print(json.dumps(times))


def fresh_process(email: str, path: str, repeat: int) -> list[float]:
    out = subprocess.run([sys.executable, __file__, "--child", email, path,
                          "--repeat", str(repeat)], env=os.environ, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def add_places(url: str, first: int, n: int, seed: int) -> int:
    """An exploitation place for GEOCODED of incidents first..first+n-1, scattered around
    a Latin American city (about 30 km), as geocoding to localities gives; how many."""
    from sqlalchemy import text

    from tahub.store.db import get_engine
    from tahub.store.writer import insert_rows

    rng = random.Random(seed)
    rows = []
    for incident_id in range(first, first + n):
        if rng.random() < GEOCODED:
            country, area, lat, lon = rng.choice(CITIES)
            rows.append((incident_id, "exploitation", country, area,
                         round(rng.gauss(lat, 0.3), 5), round(rng.gauss(lon, 0.3), 5)))
    engine = get_engine(url)
    with engine.begin() as conn:
        insert_rows(conn, "incident_places",
                    ["incident_id", "role", "country", "admin1", "lat", "lon"], rows)
        conn.execute(text("ANALYZE"))
    return len(rows)


def add_source(url: str, n: int) -> float:
    """A new source of `n` incidents stored and counted into the cube as an upload does;
    seconds spent counting."""
    import api as bench_api
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from tahub.access.cube import refresh
    from tahub.store.db import get_engine
    from tahub.store.tables import Incident, Organisation, Source

    engine = get_engine(url)
    with Session(engine) as session, session.begin():
        org = session.scalar(select(Organisation.id).where(Organisation.name == "Alba"))
        first = (session.scalar(select(func.max(Incident.id))) or 0) + 1
        source = Source(organisation_id=org, label="bench new", profile="ctdc",
                        filename="bench_new.csv", content_sha256=f"new{first:061d}",
                        kind="incidents", sharing="members", tlp="GREEN", rows_stored=n)
        session.add(source)
        session.flush()
        sid = source.id
    incidents, tags = bench_api.generate(n, [sid], seed=first)
    incidents = [(i + first, *row[1:]) for i, row in enumerate(incidents)]
    tags = [(i + first, tag) for i, (_, tag) in enumerate(tags)]
    bench_api.load(url, incidents, tags)
    add_places(url, first, n, seed=first)
    started = time.perf_counter()
    with Session(engine) as session:
        refresh(session)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--new", type=int, default=10_000,
                        help="incidents in the new source added at the end (0: skip)")
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument("--child", nargs=2, metavar=("EMAIL", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.repeat)
        return
    folder = Path(tempfile.mkdtemp(prefix="tahub-bench-web-"))
    os.environ.setdefault("TAHUB_SECRET", "bench-secret")
    os.environ["TAHUB_DATA_DIR"] = str(folder / "var")
    db = (args.db or folder / "bench_web.db").resolve()
    url = f"sqlite:///{db}"
    os.environ["TAHUB_DATABASE_URL"] = url
    import api as bench_api  # bench/api.py: the same hub and data
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from tahub.access.cube import refresh
    from tahub.store.db import get_engine, init_database

    if not db.exists() or db.stat().st_size < 1_000_000:
        _, _, sources = bench_api.setup_hub(url)
        started = time.perf_counter()
        incidents, tags = bench_api.generate(args.n, sources)
        seconds = bench_api.load(url, incidents, tags)
        del incidents, tags
        print(f"generated and loaded {args.n:,} incidents in "
              f"{time.perf_counter() - started:.1f} s (load {seconds:.1f} s)", flush=True)
    init_database(url)  # a kept database may predate the newest migration
    engine = get_engine(url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM incident_places")).scalar()
        last = conn.execute(text("SELECT max(id) FROM incidents")).scalar() or 0
    if not stored:  # a database kept from before places were generated gets them now
        print(f"{add_places(url, 1, last, seed=11):,} geocoded incident places added",
              flush=True)
    started = time.perf_counter()
    with Session(engine) as session:
        changed = refresh(session)
    print(f"incident cube: {changed} scope(s) counted in {time.perf_counter() - started:.1f} s"
          " (at load, as ingest does; 0 when a kept database is already counted)", flush=True)
    results = {}
    for who, email in READERS.items():
        for path in args.pages:
            times = fresh_process(email, path, args.repeat)
            results[(who, path)] = (times[0], statistics.median(times[1:]), max(times[1:]))
            print(f"  {who:8} {path:52} cold {times[0]:7.0f} ms", flush=True)
    if args.new:
        seconds = add_source(url, args.new)
        print(f"new source of {args.new:,} incidents counted into the cube in {seconds:.2f} s",
              flush=True)
        for who, email in READERS.items():
            times = fresh_process(email, "/", args.repeat)
            results[(who, "/ after new data")] = (times[0], statistics.median(times[1:]),
                                                  max(times[1:]))
    print(f"{'reader':8} {'page':52} {'cold ms':>8} {'p50 ms':>8} {'max ms':>8}"
          f"  target {TARGET_MS} ms (cold: first render by a fresh process)")
    for (who, path), (cold, p50, worst) in results.items():
        flag = "" if max(cold, p50) <= TARGET_MS else "  over"
        print(f"{who:8} {path:52} {cold:8.0f} {p50:8.0f} {worst:8.0f}{flag}")


if __name__ == "__main__":
    main()
