"""The map's hexagons: every point a reader may count is in them (none dropped past a
batch), another organisation's private points never are, and a fresh server draws the
incident layer (and the departments) from the incident cube without reading the places."""

from __future__ import annotations

import hashlib
import json
import re
from html import unescape

import h3
import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tahub.store.db import get_engine
from tahub.store.tables import (
    Incident,
    IncidentPlace,
    IncidentTag,
    MissingPerson,
    Organisation,
    PointOfInterest,
    Source,
)

WELLINGTON = (-41.29, 174.78)  # only Alba's private records are here
SECRET = h3.latlng_to_cell(*WELLINGTON, 4)
# the cube's freshness probe reads one index entry per source; anything else is a scan
PROBE = re.compile(r"\(SELECT max\(incidents\.id\) AS \w+\s+FROM incidents\s+"
                   r"WHERE incidents\.source_id = sources\.id\)")


@pytest.fixture(scope="module")
def map_hub(hub):  # type: ignore[no-untyped-def]
    """The web hub plus a private Alba source of 30 incidents in Wellington (with a
    missing person and a point of interest there), and sector tags on some incidents."""
    from tahub.access.cube import warm

    with Session(get_engine(hub.url)) as s, s.begin():
        alba = s.scalar(select(Organisation.id).where(Organisation.name == "Alba"))
        src = Source(organisation_id=alba, label="Alba Wellington", profile="ctdc",
                     filename="wellington.csv", kind="incidents", sharing="private",
                     content_sha256=hashlib.sha256(b"wellington").hexdigest(),
                     rows_read=30, rows_stored=30, tlp="AMBER", uploaded_by="test")
        s.add(src)
        s.flush()
        hub.sources["alba_wellington"] = src.id
        for i in range(30):
            inc = Incident(source_id=src.id, source_row=i + 2, registration_year=2021,
                           country_of_exploitation="NZ")
            s.add(inc)
            s.flush()
            s.add(IncidentTag(incident_id=inc.id, tag="exploitation.labour"))
            s.add(IncidentPlace(incident_id=inc.id, role="exploitation", lat=WELLINGTON[0],
                                lon=WELLINGTON[1]))
        s.add(MissingPerson(source_id=src.id, source_row=40, lat=WELLINGTON[0],
                            lon=WELLINGTON[1], status="missing"))
        s.add(PointOfInterest(source_id=src.id, source_row=41, category="bar", name="Bar",
                              lat=WELLINGTON[0], lon=WELLINGTON[1]))
        for incident in hub.incidents["alba_members"][:12]:
            s.add(IncidentTag(incident_id=incident, tag="sector.agriculture"))
    with Session(get_engine(hub.url)) as s, s.begin():
        warm(s)  # as an ingest does
    return hub


def access_of(url: str, email: str):  # type: ignore[no-untyped-def]
    from tahub.access.context import access_for_user
    from tahub.store.access_tables import User

    with Session(get_engine(url)) as session:
        return access_for_user(session, session.scalar(select(User).where(User.email == email)))


def places_of(url: str, sources: list[int]) -> int:
    from sqlalchemy import func

    with Session(get_engine(url)) as session:
        return session.scalar(select(func.count()).select_from(IncidentPlace)
                              .join(Incident, Incident.id == IncidentPlace.incident_id)
                              .where(Incident.source_id.in_(sources),
                                     IncidentPlace.lat.is_not(None)))


def cells_of(collection: dict) -> dict[str, int | None]:
    out = {}
    for feature in collection["features"]:
        ring = feature["geometry"]["coordinates"][0][:-1]
        lat = sum(p[1] for p in ring) / len(ring)
        lon = sum(p[0] for p in ring) / len(ring)
        out[h3.latlng_to_cell(lat, lon, 4)] = feature["properties"]["count"]
    return out


def test_every_point_is_counted_past_a_batch(map_hub, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tahub.web import hexes
    from tahub.web.filters import WebFilters

    monkeypatch.setattr(hexes, "BATCH", 7)
    s = map_hub.sources
    seen = {"analyst@alba.example.org": [s["alba_private"], s["alba_members"],
                                         s["alba_wellington"]],
            "analyst@cambio.example.org": [s["alba_members"], s["cambio_private"]]}
    with Session(get_engine(map_hub.url)) as db:
        for email, sources in seen.items():
            access = access_of(map_hub.url, email)
            places = places_of(map_hub.url, sources)
            assert places > 7 * 10
            for filters in (WebFilters(), WebFilters(year_from=2021, country="CO"),
                            WebFilters(exploitation="exploitation.labour",
                                       sector="sector.agriculture")):
                cubed = hexes.cell_counts(db, access, "incidents", filters)
                binned = hexes.binned(db, access, "incidents", filters)
                assert sorted(cubed) == sorted(binned), (email, filters)
            counted = hexes.cell_counts(db, access, "incidents", WebFilters())
            assert sum(n for _, n, _ in counted) == places
            missing = hexes.binned(db, access, "missing_persons", WebFilters())
            assert sum(n for _, n, _ in missing) == len(sources)


def test_private_points_never_reach_another_organisation(map_hub) -> None:  # type: ignore[no-untyped-def]
    from tahub.web import queries

    queries._cache.clear()
    for query in ("", "?country=NZ", f"?source={map_hub.sources['alba_wellington']}",
                  "?exploitation=exploitation.labour"):
        for email, visible in (("analyst@alba.example.org", True),
                               ("analyst@cambio.example.org", False)):
            html = map_hub.client(email).get(f"/map{query}").text
            found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>',
                              html, re.S)
            assert found, email
            data = json.loads(unescape(found.group(1)))
            for layer in data["layers"]:
                cells = cells_of(layer["data"])
                if visible and layer["key"] == "incidents":
                    assert cells.get(SECRET) == 30, (query, cells)
                elif not visible:
                    assert SECRET not in cells, (email, query, layer["key"])
    from tahub.web.filters import WebFilters
    from tahub.web.hexes import cell_counts

    with Session(get_engine(map_hub.url)) as db:
        for layer in ("incidents", "missing_persons", "pois"):
            got = cell_counts(db, access_of(map_hub.url, "analyst@cambio.example.org"), layer,
                              WebFilters())
            assert got and SECRET not in {cell for cell, _, _ in got}


def test_a_fresh_server_draws_the_map_from_the_cube(map_hub) -> None:  # type: ignore[no-untyped-def]
    from tahub.web import queries

    queries._cache.clear()  # what a restart leaves of the in-process answers
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(PROBE.sub("", statement))

    engine = get_engine(map_hub.url)
    source = map_hub.sources["alba_members"]
    for email in ("analyst@alba.example.org", "analyst@cambio.example.org"):
        client = map_hub.client(email)
        event.listen(engine, "before_cursor_execute", record)
        try:
            for path in ("/map", "/map?country=CO&year_from=2020&year_to=2021",
                         "/map?exploitation=exploitation.sexual", f"/map?source={source}",
                         "/map?sector=sector.agriculture&year_from=2021", "/map/departments",
                         "/map/departments?country=CO&year_from=2021"):
                assert client.get(path).status_code == 200, path
        finally:
            event.remove(engine, "before_cursor_execute", record)
    assert any("cube_cells" in s for s in statements)
    assert [s for s in statements if re.search(r"\b(FROM|JOIN) incident_places\b", s)] == []
    assert [s for s in statements if re.search(r"\b(FROM|JOIN) incidents\b", s)] == []
