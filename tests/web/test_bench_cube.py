"""What keeps pages fast on a million incidents (bench/web.py): an upload counts its
incidents into the cube, and the first page a fresh server renders reads the cube, not
the incidents table (nor their places: the map's hexagons are in the cube too)."""

from __future__ import annotations

import re
from pathlib import Path

from ctdc_sample import real_csv
from sqlalchemy import event, select
from sqlalchemy.orm import Session

# the cube's freshness probe reads one index entry per source; anything else is a scan
PROBE = re.compile(r"\(SELECT max\(incidents\.id\) AS \w+\s+FROM incidents\s+"
                   r"WHERE incidents\.source_id = sources\.id\)")


def upload(n: int, start: int, sharing: str = "members") -> int:
    from tahub.ingest.profiles import load_profile
    from tahub.ingest.tabular import Provenance, ingest_file

    result = ingest_file(Path(f"ctdc-{start}.csv"), load_profile("ctdc"),
                         provenance=Provenance(organisation="Alba", sharing=sharing,
                                               tlp="GREEN"),
                         data=real_csv(n, start), partial=True)
    assert result.rows_stored > 0, result.errors[:3]
    return result.rows_stored


def access_of(url: str, email: str):  # type: ignore[no-untyped-def]
    from tahub.access.context import access_for_user
    from tahub.store.access_tables import User
    from tahub.store.db import get_engine

    with Session(get_engine(url)) as session:
        return access_for_user(session, session.scalar(select(User).where(User.email == email)))


def test_an_upload_is_counted_into_the_cube_and_shown(hub) -> None:  # type: ignore[no-untyped-def]
    from tahub.access.cube import is_fresh
    from tahub.store.db import get_engine
    from tahub.web.queries import kind_totals

    access = access_of(hub.url, "analyst@alba.example.org")
    with Session(get_engine(hub.url)) as session:
        before = kind_totals(session, access)["incidents"]["count"]
    stored = upload(60, 100)
    with Session(get_engine(hub.url)) as session:
        assert is_fresh(session)  # the upload did the counting, not the next reader
    with Session(get_engine(hub.url)) as session:
        assert kind_totals(session, access)["incidents"]["count"] == before + stored


def test_a_fresh_server_renders_pages_from_the_cube(hub) -> None:  # type: ignore[no-untyped-def]
    from tahub.store.db import get_engine
    from tahub.web import queries

    upload(40, 300)
    upload(25, 400, sharing="private")
    queries._cache.clear()  # what a restart leaves of the in-process answers
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(PROBE.sub("", statement))

    engine = get_engine(hub.url)
    for email in ("analyst@alba.example.org", "analyst@cambio.example.org"):
        client = hub.client(email)
        event.listen(engine, "before_cursor_execute", record)
        try:
            for path in ("/", "/trends", "/routes", "/trends?year_from=2015&year_to=2020",
                         "/?country=US&exploitation=exploitation.sexual", "/map",
                         "/map?year_from=2015&exploitation=exploitation.labour",
                         "/?sector=sector.agriculture", "/trends?source=1"):
                assert client.get(path).status_code == 200, path
        finally:
            event.remove(engine, "before_cursor_execute", record)
    scans = [s for s in statements
             if re.search(r"\b(FROM|JOIN) (incidents|incident_places)\b", s)]
    assert any("cube_cells" in s for s in statements)
    assert scans == []
