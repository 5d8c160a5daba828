"""Benchmark: API latency over >= 1,000,000 incidents, against the same query as plain SQL.

    .venv/bin/python bench/api.py [--n 1000000] [--requests 200] [--postgres] [--db FILE]

(--db keeps the generated SQLite file and reuses it on the next run, skipping the load.)

Generates n incidents (one exploitation tag each) in 24 sources of three organisations at
every sharing level, bulk-inserted (SQLite: `tahub.store.writer.insert_rows`; PostgreSQL:
COPY) into a fresh database; starts `uvicorn tahub.api.app:create_app` on 127.0.0.1 in a
subprocess and runs a bounded, sequential loop of requests with a keep-alive client:

  aggregates  /api/v1/aggregates?group_by=country_of_exploitation   (disclosure-controlled)
  incidents   /api/v1/incidents?country=XX  (first page, 50 rows, and the visible total)

each as a member of another organisation (the policy and disclosure path) and as the
owner. Every request also authenticates its token and appends an audit entry. The same
query written as plain SQL (no policy, no disclosure control, no HTTP) runs in the same
run on the same database; p50/p95 of both and their ratio are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG = os.environ.get("TAHUB_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# Countries of exploitation, weighted roughly like CTDC's (a long tail of rare ones).
COUNTRIES = ["US", "UA", "RU", "MD", "PH", "ID", "KH", "TH", "MM", "GB", "IT", "NL", "CO",
             "MX", "PE", "AR", "BR", "EC", "GT", "HN", "SV", "BO", "VE", "CL", "DO", "HT",
             "NG", "GH", "UG", "KE", "LB", "AE", "SA", "MY", "VN", "CN", "IN", "NP", "BD",
             "AF", "TR", "PL", "RO", "BG", "ES", "FR", "DE", "PT", "JP", "KR"]
WEIGHTS = [1 / (i + 1) ** 1.1 for i in range(len(COUNTRIES))]
TAGS = ["exploitation.sexual", "exploitation.labour", "exploitation.domestic_servitude",
        "exploitation.forced_criminality", "exploitation.begging",
        "exploitation.forced_marriage"]
ORGS = {"Alba": "ngo", "Bogota Police": "law_enforcement", "Cambio Bank": "financial"}
# (owner, sharing, tlp) per source; 24 sources in all
SOURCE_PLAN = ([("Alba", s, "GREEN") for s in ("private", "group", "members", "public")] * 3
               + [("Bogota Police", s, "AMBER") for s in ("private", "members", "public")] * 3
               + [("Cambio Bank", "private", "AMBER")] * 3)


def fresh_url(postgres: bool, folder: Path, db: str | None) -> tuple[str, str | None]:
    if not postgres:
        return f"sqlite:///{Path(db).resolve() if db else folder / 'bench_api.db'}", None
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with create_engine(PG, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    return f"{PG}?options=-csearch_path%3D{schema}", schema


def drop_schema(schema: str) -> None:
    from sqlalchemy import create_engine, text

    with create_engine(PG, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))


def reuse_hub(url: str, n: int) -> tuple[dict[str, str], list[int]] | None:
    """Fresh tokens and the source ids of a hub an earlier run left, if it has n incidents."""
    from sqlalchemy import func, inspect, select
    from sqlalchemy.orm import Session

    from tahub.access.tokens import create_token
    from tahub.store.db import get_engine
    from tahub.store.tables import Incident, Source

    engine = get_engine(url)
    if "incidents" not in inspect(engine).get_table_names():
        return None
    with Session(engine) as session, session.begin():
        if (session.scalar(select(func.count()).select_from(Incident)) or 0) < n:
            return None
        tokens = {"member": create_token(session, "viewer@cambio.example.org")[1],
                  "owner": create_token(session, "analyst@alba.example.org")[1]}
        return tokens, list(session.scalars(select(Source.id).order_by(Source.id)))


def setup_hub(url: str) -> tuple[dict[str, str], dict[str, int], list[int]]:
    """Organisations, two users with tokens, and the sources; returns tokens, org ids,
    source ids."""
    from sqlalchemy.orm import Session

    from tahub.access.members import add_group, add_organisation, add_user
    from tahub.access.tokens import create_token
    from tahub.store.db import get_engine, init_database
    from tahub.store.tables import Source

    init_database(url)
    tokens, orgs, sources = {}, {}, []
    with Session(get_engine(url)) as session, session.begin():
        for name, type_ in ORGS.items():
            orgs[name] = add_organisation(session, name, type_).id
        group = add_group(session, "Andes", ["Alba", "Bogota Police"])
        for who, org, role in (("member", "Cambio Bank", "viewer"),
                               ("owner", "Alba", "analyst")):
            email = f"{role}@{org.split()[0].lower()}.example.org"
            add_user(session, email, org, role, "bench password 1234")
            tokens[who] = create_token(session, email)[1]
        for i, (owner, sharing, tlp) in enumerate(SOURCE_PLAN):
            source = Source(organisation_id=orgs[owner], label=f"bench {i}", profile="ctdc",
                            filename=f"bench_{i}.csv", content_sha256=f"{i:064d}",
                            kind="incidents", sharing=sharing, tlp=tlp,
                            sharing_group_id=group.id if sharing == "group" else None)
            session.add(source)
            session.flush()
            sources.append(source.id)
    return tokens, orgs, sources


def generate(n: int, sources: list[int], seed: int = 7):  # type: ignore[no-untyped-def]
    """Incident tuples and tag tuples, column by column (fast)."""
    rng = random.Random(seed)
    source_ids = rng.choices(sources, k=n)
    countries = rng.choices(COUNTRIES, WEIGHTS, k=n)
    citizenship = rng.choices(COUNTRIES, WEIGHTS[::-1], k=n)
    years = rng.choices(range(2002, 2024), k=n)
    genders = rng.choices(["female", "male", None], [60, 35, 5], k=n)
    ages = rng.choices(["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47",
                        "48+", None], k=n)
    tags = rng.choices(TAGS, [50, 35, 6, 4, 3, 2], k=n)
    incidents = [(i + 1, source_ids[i], i + 2, years[i], "Case Management", genders[i],
                  ages[i], ages[i] in ("0-8", "9-17"), citizenship[i], countries[i])
                 for i in range(n)]
    return incidents, [(i + 1, tags[i]) for i in range(n)]


COLUMNS = ["id", "source_id", "source_row", "registration_year", "data_source", "gender",
           "age_band", "minor", "citizenship", "country_of_exploitation"]


def load(url: str, incidents: list, tags: list) -> float:
    from sqlalchemy import text

    from tahub.store.db import get_engine
    from tahub.store.writer import insert_rows

    started = time.perf_counter()
    engine = get_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                with cur.copy(f"COPY incidents ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for row in incidents:
                        copy.write_row(row)
                with cur.copy("COPY incident_tags (incident_id, tag) FROM STDIN") as copy:
                    for row in tags:
                        copy.write_row(row)
                cur.execute("SELECT setval(pg_get_serial_sequence('incidents', 'id'), "
                            "(SELECT max(id) FROM incidents))")
        else:
            insert_rows(conn, "incidents", COLUMNS, incidents)
            insert_rows(conn, "incident_tags", ["incident_id", "tag"], tags)
    if engine.dialect.name == "postgresql":  # what autovacuum would do after a bulk load
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE incidents"))
            conn.execute(text("VACUUM ANALYZE incident_tags"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    import httpx

    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tahub.api.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--no-access-log"], env=env, cwd=REPO)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the API server did not start within 60 s")


def timed(fn, repeat: int, warmup: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def plain_sql(url: str, visible: list[int], countable: list[int], country: str):  # type: ignore[no-untyped-def]
    """The same two questions as hand-written SQL on a raw DB-API connection."""
    from tahub.store.db import get_engine

    raw = get_engine(url).raw_connection()
    mark = "?" if get_engine(url).dialect.paramstyle == "qmark" else "%s"

    def ids(xs: list[int]) -> str:
        return ", ".join(str(int(x)) for x in xs)

    agg_sql = (f"SELECT country_of_exploitation, COUNT(*) FROM incidents WHERE source_id IN "
               f"({ids(countable)}) GROUP BY country_of_exploitation")
    page_sql = (f"SELECT * FROM incidents WHERE country_of_exploitation = {mark} AND "
                f"source_id IN ({ids(visible)}) ORDER BY id LIMIT 50")
    count_sql = (f"SELECT COUNT(*) FROM incidents WHERE country_of_exploitation = {mark} "
                 f"AND source_id IN ({ids(visible)})")

    def aggregate() -> None:
        cur = raw.cursor()
        cur.execute(agg_sql)
        cur.fetchall()

    def aggregate_since(year: int) -> None:
        cur = raw.cursor()
        cur.execute(agg_sql.replace(" GROUP BY", f" AND registration_year >= {int(year)} "
                                                 "GROUP BY"))
        cur.fetchall()

    def incidents() -> None:
        cur = raw.cursor()
        cur.execute(page_sql, (country,))
        cur.fetchall()
        cur.execute(count_sql, (country,))
        cur.fetchall()

    return aggregate, incidents, aggregate_since, raw


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so `finally` stops the server
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--country", default="CO", help="Country for /incidents?country=")
    parser.add_argument("--db", help="SQLite file to keep (and reuse when it holds --n).")
    parser.add_argument("--keep", action="store_true", help="Keep the PostgreSQL schema.")
    args = parser.parse_args()

    import httpx
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from tahub.access.context import access_for_user
    from tahub.access.policy import countable_sources, listable_sources
    from tahub.store.access_tables import User
    from tahub.store.db import get_engine
    from tahub.store.tables import Source

    folder = Path(tempfile.mkdtemp(prefix="tahub-bench-api-"))
    url, schema = fresh_url(args.postgres, folder, args.db)
    env = {**os.environ, "TAHUB_DATABASE_URL": url, "TAHUB_DATA_DIR": str(folder / "var"),
           "TAHUB_SECRET": "bench-secret"}
    os.environ.update(env)
    kind = "PostgreSQL" if args.postgres else "SQLite"
    try:
        reused = None if args.postgres else reuse_hub(url, args.n)
        if reused:
            tokens, sources = reused
            print(f"{kind}: reusing {args.db} ({args.n:,}+ incidents)", flush=True)
        else:
            tokens, _orgs, sources = setup_hub(url)
            incidents, tags = generate(args.n, sources)
            print(f"{kind}: generated {args.n:,} incidents; loading", flush=True)
            seconds = load(url, incidents, tags)
            del incidents, tags
            print(f"{kind}: {args.n:,} incidents (+{args.n:,} tags) in {len(sources)} "
                  f"sources, bulk-loaded in {seconds:.1f} s", flush=True)
        with Session(get_engine(url)) as session:
            member = access_for_user(session, session.scalar(
                select(User).where(User.email == "viewer@cambio.example.org")))
            visible = list(session.scalars(select(Source.id).where(listable_sources(member))))
            countable = list(session.scalars(select(Source.id).where(
                countable_sources(member))))
        port = free_port()
        server = start_server(env, port)
        rows, cold = [], []
        years = list(range(2002, 2024))
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=1800) as client:
                started = time.perf_counter()
                first = client.get("/api/v1/aggregates", params={
                    "group_by": "country_of_exploitation"},
                    headers={"Authorization": f"Bearer {tokens['member']}"})
                assert first.status_code == 200, first.text[:300]
                print(f"first aggregate after the load (builds the incident cube): "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
                for who in ("member", "owner"):
                    headers = {"Authorization": f"Bearer {tokens[who]}"}

                    def get(path: str, params: dict, headers=headers) -> None:
                        answer = client.get(path, params=params, headers=headers)
                        assert answer.status_code == 200, answer.text[:300]

                    # cold: each question asked for the first time (22 distinct year_from)
                    cold.append((f"API aggregates cold ({who})", [
                        timed(lambda y=y: get("/api/v1/aggregates", {
                            "group_by": "country_of_exploitation", "year_from": y}), 1, 0)[0]
                        for y in years]))
                    rows.append((f"API aggregates ({who})", timed(lambda: get(
                        "/api/v1/aggregates", {"group_by": "country_of_exploitation"}),
                        args.requests)))
                    rows.append((f"API incidents ({who})", timed(lambda: get(
                        "/api/v1/incidents", {"country": args.country}), args.requests)))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        agg, inc, agg_year, raw = plain_sql(url, visible, countable, args.country)
        try:
            base = {"aggregates": timed(agg, args.requests),
                    "incidents": timed(inc, args.requests),
                    "cold": [timed(lambda y=y: agg_year(y), 1, 0)[0] for y in years]}
        finally:
            raw.close()
        print(f"{'':34} {'p50 ms':>9} {'p95 ms':>9}   (sequential, 127.0.0.1; "
              f"{args.requests} requests each, cold: {len(years)} distinct questions)")
        sql_rows = [("SQL aggregates", base["aggregates"]), ("SQL incidents", base["incidents"]),
                    ("SQL aggregates year_from (cold)", base["cold"])]
        for label, values in rows + cold + sql_rows:
            print(f"{label:34} {statistics.median(values):9.1f} {pct(values, 95):9.1f}")
        for label, values in rows + cold:
            ref = base["cold" if "cold" in label else
                       "aggregates" if "aggregates" in label else "incidents"]
            p50 = statistics.median(values) / statistics.median(ref)
            print(f"ratio {label} / plain SQL: p50 {p50:.2f}x, "
                  f"p95 {pct(values, 95) / pct(ref, 95):.2f}x")
        agg_p95 = max(pct(v, 95) for label, v in rows if "aggregates" in label)
        print(f"aggregates p95 (repeated question) {agg_p95:.1f} ms: "
              + ("meets" if agg_p95 <= 50 else "misses") + " the 50 ms aim")
    finally:
        from tahub.store.db import _engine_for

        _engine_for(url).dispose()
        if schema and not args.keep:
            drop_schema(schema)
        elif schema:
            print(f"kept: {url}")


if __name__ == "__main__":
    main()
