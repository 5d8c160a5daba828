"""The incident cube answers aggregates (and the map's hexagon counts) exactly as counting
the incidents (and their places) does, keys included; follows sources that gain incidents
or change terms; and never lets one organisation's private incidents into another's
counts."""

from __future__ import annotations

import random

import h3
import pytest
from sqlalchemy import select

from tahub.access.context import Access
from tahub.access.disclosure import (
    KEY_MODULUS,
    aggregate,
    cube_cells,
    key_multiplier,
    live_cells,
    where_clauses,
)
from tahub.store.cube_tables import CubeCell

from .conftest import add_source

COUNTRIES = ["CO", "PE", "VE", "EC", None]
TAGS = ["exploitation.sexual", "exploitation.labour", "exploitation.begging",
        "sector.agriculture"]
# a few cities, a point far off, and coordinates out of range (never binned)
POINTS = [(4.71, -74.07), (4.75, -74.1), (-12.05, -77.04), (10.48, -66.9), (51.5, -0.12),
          (95.0, 10.0), (None, None)]
AREAS = [("CO", "Antioquia"), ("CO", "ANTIOQUIA"), ("PE", "Lima"), (None, "Lima"), ("AR", None)]
QUERIES = [
    ([], {}),
    (["country_of_exploitation"], {}),
    (["country_of_exploitation", "gender"], {"year_from": 2019}),
    (["year", "citizenship", "age_band"], {"gender": ["female", "male"]}),
    (["exploitation"], {}),
    (["exploitation", "country_of_exploitation"], {"year_to": 2020, "citizenship": "VE"}),
    (["country_of_exploitation"], {"source": []}),
    (["citizenship", "country_of_exploitation"], {}),
    (["year", "citizenship", "country_of_exploitation"], {"year_from": 2020}),
    (["year"], {"exploitation": "exploitation.labour"}),
    (["exploitation", "year"], {"country_of_exploitation": ["CO", "PE"]}),
    (["source"], {}),
    (["source", "country_of_exploitation"], {"year_from": 2019}),
    (["source", "year"], {"exploitation": "exploitation.sexual"}),
    (["country_of_exploitation"], {"exploitation": "sector.agriculture"}),
    (["year"], {"exploitation": "sector.agriculture", "year_to": 2020}),
]
HEX_FILTERS = [{}, {"country_of_exploitation": "CO"}, {"year_from": 2019, "year_to": 2020},
               {"exploitation": "exploitation.labour"},
               {"exploitation": "sector.agriculture", "country_of_exploitation": ["CO", "PE"]},
               {"exploitation": "exploitation.sexual", "year_from": 2020}]
LIVE = [  # questions the cube leaves to counting the incidents
    (["source", "gender"], {"exploitation": "exploitation.labour"}),
    (["year"], {"exploitation": ["exploitation.labour", "exploitation.sexual"]}),
    (["exploitation"], {"exploitation": "exploitation.sexual"}),
    (["source", "gender"], {}),
    (["cell", "citizenship"], {}),
    (["cell"], {"gender": "female"}),
]


def sort(cells):  # type: ignore[no-untyped-def]
    return sorted(cells, key=lambda c: repr(sorted(c["group"].items())))


@pytest.fixture
def hub(db_url):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.store.db import ensure_organisation, get_engine, init_database
    from tahub.store.tables import Incident, IncidentPlace, IncidentTag

    init_database(db_url)
    engine = get_engine(db_url)
    rnd = random.Random(5)
    with Session(engine) as session, session.begin():
        orgs = [ensure_organisation(session, name).id for name in ("Alba", "Bogota", "Cambio")]
        plan = [(0, "public"), (0, "members"), (1, "private"), (1, "public"), (2, "members")]
        for org, sharing in plan:
            sid = add_source(session, orgs[org], sharing, "GREEN")
            for row in range(rnd.randint(40, 90)):
                incident = Incident(
                    source_id=sid, source_row=row + 2,
                    registration_year=rnd.choice([2018, 2019, 2020, 2021, None]),
                    country_of_exploitation=rnd.choice(COUNTRIES),
                    citizenship=rnd.choice(COUNTRIES), gender=rnd.choice(
                        ["female", "male", "other", None]),
                    age_band=rnd.choice(["9-11", "18-20", "30-38", None]))
                session.add(incident)
                session.flush()
                for tag in rnd.sample(TAGS, rnd.choice([0, 1, 1, 2])):
                    session.add(IncidentTag(incident_id=incident.id, tag=tag))
                for role in rnd.sample(["origin", "exploitation"], rnd.choice([0, 1, 1, 2])):
                    lat, lon = rnd.choice(POINTS)
                    country, area = rnd.choice(AREAS)  # both places may name one area
                    session.add(IncidentPlace(incident_id=incident.id, role=role, lat=lat,
                                              lon=lon, country=country, admin1=area))
                if rnd.random() < 0.1:
                    session.add(IncidentTag(incident_id=incident.id, tag="recruitment.job_offer"))
    return engine, orgs


def test_cube_equals_counting_incidents(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    engine, orgs = hub
    answered = 0
    with Session(engine) as session:
        for org in orgs:
            access = Access(None, None, org, "analyst")
            for group_by, filters in QUERIES:
                live = live_cells(session, access, group_by, filters)
                cubed = cube_cells(session, access, group_by, filters)
                assert cubed is not None, (group_by, filters)
                assert sort(cubed) == sort(live), (org, group_by, filters)
                answered += bool(live)
            for group_by, filters in LIVE:
                assert cube_cells(session, access, group_by, filters) is None
    assert answered == 3 * len(QUERIES)


def places_binned(session, access, filters) -> list[dict]:  # type: ignore[no-untyped-def]
    """Hexagon cells counted straight from the places, as a map would bin them."""
    from tahub.access.policy import countable_sources
    from tahub.store.tables import Incident, IncidentPlace, Source

    query = (select(IncidentPlace.lat, IncidentPlace.lon, Incident.id, Source.organisation_id)
             .join(Incident, Incident.id == IncidentPlace.incident_id)
             .join(Source, Source.id == Incident.source_id)
             .where(countable_sources(access), IncidentPlace.lat.is_not(None),
                    *where_clauses(filters)))
    return tally(access, (({"cell": h3.latlng_to_cell(lat, lon, 4)}, incident, org)
                          for lat, lon, incident, org in session.execute(query)
                          if abs(lat) <= 90 and abs(lon) <= 180))


def tally(access, rows) -> list[dict]:  # type: ignore[no-untyped-def]
    """Reference cells from (group, incident, organisation) rows: incidents counted, the
    reader's own, and the key sum the cube keeps for small-count suppression."""
    cells: dict[tuple, dict] = {}
    for group, incident, org in rows:
        got = cells.setdefault(tuple(group.values()),
                               {"group": group, "count": 0, "own": 0, "key": 0})
        got["count"] += 1
        got["own"] += org == access.organisation_id
        got["key"] += incident * key_multiplier() % KEY_MODULUS
    return list(cells.values())


def test_hexagon_cells_equal_binning_the_places(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.store.tables import Source

    engine, orgs = hub
    with Session(engine) as session:
        sources = list(session.scalars(select(Source.id)))
        filters = HEX_FILTERS + [{"source": [sid]} for sid in sources] + [
            {"source": sources[:2], "year_from": 2020, "country_of_exploitation": "CO"}]
        for org in orgs:
            access = Access(None, None, org, "analyst")
            shown = 0
            for where in filters:
                live = places_binned(session, access, where)
                assert sort(cube_cells(session, access, ["cell"], where)) == sort(live), (
                    org, where)
                shown += len(live)
            whole = places_binned(session, access, {})
            assert len(whole) >= 3 and shown > len(whole)
            assert sum(c["count"] for c in whole) > sum(c["own"] for c in whole) > 0


def areas_counted(session, access, filters) -> list[dict]:  # type: ignore[no-untyped-def]
    """Incidents per (country, area) their places name, each counted once per area."""
    from tahub.access.policy import countable_sources
    from tahub.store.tables import Incident, IncidentPlace, Source

    query = (select(IncidentPlace.country, IncidentPlace.admin1, Incident.id,
                    Source.organisation_id)
             .join(Incident, Incident.id == IncidentPlace.incident_id)
             .join(Source, Source.id == Incident.source_id)
             .where(countable_sources(access), IncidentPlace.admin1.is_not(None),
                    IncidentPlace.country.is_not(None), *where_clauses(filters)))
    return tally(access, (({"place_country": country, "area": area}, incident, org)
                          for country, area, incident, org in set(session.execute(query))))


def test_area_cells_count_each_incident_once_per_area(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.store.tables import Source

    engine, orgs = hub
    with Session(engine) as session:
        sources = list(session.scalars(select(Source.id)))
        filters = HEX_FILTERS + [{"source": [sid], "year_to": 2020} for sid in sources]
        for org in orgs:
            access = Access(None, None, org, "analyst")
            for where in filters:
                live = areas_counted(session, access, where)
                assert sort(cube_cells(session, access, ["place_country", "area"],
                                       where)) == sort(live), (org, where)
            assert len(areas_counted(session, access, {})) == 3


def test_cube_follows_new_incidents(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.store.tables import Incident, Source

    engine, orgs = hub
    access = Access(None, None, orgs[2], "viewer")
    with Session(engine) as session, session.begin():
        before = aggregate(session, access, ["country_of_exploitation"], {})
        built = session.scalar(select(CubeCell.id).limit(1))
        sid = session.scalar(select(Source.id).where(Source.sharing == "public").limit(1))
        session.add_all(Incident(source_id=sid, source_row=900 + i, country_of_exploitation="UA")
                        for i in range(30))
    with Session(engine) as session, session.begin():
        after = aggregate(session, access, ["country_of_exploitation"], {})
        assert sort(cube_cells(session, access, ["country_of_exploitation"], {})) == sort(
            live_cells(session, access, ["country_of_exploitation"], {}))
    assert built is not None
    assert "UA" not in {c["group"]["country_of_exploitation"] for c in before["cells"]}
    ua = [c for c in after["cells"] if c["group"]["country_of_exploitation"] == "UA"]
    assert ua and ua[0]["count"] == 30


def test_warm_builds_every_source_once(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.access.cube import warm

    engine, _ = hub
    with Session(engine) as session, session.begin():
        assert warm(session) == 5
    with Session(engine) as session, session.begin():
        assert warm(session) == 0


def test_cube_is_rebuilt_for_a_new_secret(hub, monkeypatch):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    engine, orgs = hub
    access = Access(None, None, orgs[1], "viewer")
    with Session(engine) as session, session.begin():
        cube_cells(session, access, ["gender"], {})
    monkeypatch.setenv("TAHUB_SECRET", "another secret")
    with Session(engine) as session, session.begin():
        assert sort(cube_cells(session, access, ["gender"], {})) == sort(
            live_cells(session, access, ["gender"], {}))


def test_sources_of_equal_terms_share_one_scope(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy import func
    from sqlalchemy.orm import Session

    from tahub.access.cube import warm
    from tahub.store.cube_tables import CubeScope, CubeSource

    engine, orgs = hub
    with Session(engine) as session, session.begin():
        add_source(session, orgs[0], "public", "GREEN")  # no incidents yet: nothing to count
        warm(session)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(CubeScope)) == 5
        assert session.scalar(select(func.count()).select_from(CubeSource)) == 5


def test_changed_terms_move_incidents_between_readers(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from tahub.store.tables import Source

    engine, orgs = hub
    cambio = Access(None, None, orgs[2], "viewer")
    with Session(engine) as session, session.begin():
        private = session.scalar(select(Source.id).where(Source.sharing == "private"))
        before = cube_cells(session, cambio, [], {})
        session.execute(update(Source).where(Source.id == private).values(sharing="public"))
    with Session(engine) as session:
        after = cube_cells(session, cambio, [], {})
        assert after == live_cells(session, cambio, [], {})
        assert after[0]["count"] > before[0]["count"]


def test_private_incidents_never_reach_another_organisation(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.access.cube import scopes_for
    from tahub.store.tables import Incident, IncidentPlace

    engine, orgs = hub
    secret_cell = h3.latlng_to_cell(-41.29, 174.78, 4)
    with Session(engine) as session, session.begin():
        hidden = add_source(session, orgs[1], "private", "GREEN")
        for i in range(40):
            incident = Incident(source_id=hidden, source_row=i, country_of_exploitation="ZZ")
            session.add(incident)
            session.flush()
            session.add(IncidentPlace(incident_id=incident.id, role="exploitation",
                                      lat=-41.29, lon=174.78))
    for org in (orgs[0], orgs[2]):
        access = Access(None, None, org, "analyst")
        with Session(engine) as session:
            for group_by in (["country_of_exploitation"], ["year", "country_of_exploitation"],
                             ["citizenship", "country_of_exploitation", "gender"]):
                cells = cube_cells(session, access, group_by, {})
                assert "ZZ" not in {c["group"]["country_of_exploitation"] for c in cells}
            for where in ({}, {"country_of_exploitation": "ZZ"}, {"source": [hidden]}):
                cells = cube_cells(session, access, ["cell"], where)
                assert cells is not None and secret_cell not in {c["group"]["cell"]
                                                                 for c in cells}
            assert scopes_for(session, [], org) == ([], set())
    with Session(engine) as session:
        owner = Access(None, None, orgs[1], "analyst")
        zz = [c for c in cube_cells(session, owner, ["country_of_exploitation"], {})
              if c["group"]["country_of_exploitation"] == "ZZ"]
        assert zz == [{"group": {"country_of_exploitation": "ZZ"}, "count": 40, "own": 40,
                       "key": zz[0]["key"]}]
        cells = cube_cells(session, owner, ["cell"], {"source": [hidden]})
        assert [(c["group"]["cell"], c["count"]) for c in cells] == [(secret_cell, 40)]


def test_a_scope_mixing_visible_and_hidden_sources_is_not_read(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.access.cube import scopes_for, warm
    from tahub.store.cube_tables import CubeSource

    engine, orgs = hub
    with Session(engine) as session, session.begin():
        warm(session)
    with Session(engine) as session:
        states = list(session.scalars(select(CubeSource)))
        assert scopes_for(session, [s.source_id for s in states], orgs[0]) is not None
        mixed = states[0].scope_id
        session.add(CubeSource(source_id=10_000, scope_id=mixed, max_incident_id=0,
                               multiplier=1))
        session.flush()
        assert scopes_for(session, [s.source_id for s in states], orgs[0]) is None


def test_concurrent_readers_of_a_stale_cube_count_once(hub):  # type: ignore[no-untyped-def]
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy.orm import Session

    engine, orgs = hub
    access = Access(None, None, orgs[0], "analyst")

    def ask(group_by: list[str]) -> list[dict] | None:
        with Session(engine) as session:
            return cube_cells(session, access, group_by, {})

    questions = [["country_of_exploitation"], ["year"], ["citizenship"], ["gender"]] * 2
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(ask, questions))
    with Session(engine) as session:
        for group_by, answer in zip(questions, answers, strict=True):
            assert sort(answer) == sort(live_cells(session, access, group_by, {}))


def test_sector_beside_an_exploitation_type_counts_incidents_holding_both(hub):  # type: ignore[no-untyped-def]
    """The web's two tag filters together (was: the sector silently ignored)."""
    from sqlalchemy import func
    from sqlalchemy.orm import Session

    from tahub.store.tables import Incident, IncidentTag
    from tahub.web.filters import WebFilters

    engine, orgs = hub
    both = WebFilters(exploitation="exploitation.labour", sector="sector.agriculture")
    filters = both.for_aggregate()
    with Session(engine) as session:
        alba = Access(None, None, orgs[0], "analyst")
        assert cube_cells(session, alba, [], filters) is None  # left to counting
        live = live_cells(session, alba, [], filters)
        expected = session.scalar(select(func.count()).select_from(Incident).where(
            *where_clauses({"exploitation": "exploitation.labour"}),
            Incident.id.in_(select(IncidentTag.incident_id)
                            .where(IncidentTag.tag == "sector.agriculture")),
            Incident.source_id.in_(_countable_ids(session, alba))))
        labour = live_cells(session, alba, [], {"exploitation": "exploitation.labour"})
        assert 0 < live[0]["count"] == expected < labour[0]["count"]
        shown = aggregate(session, alba, ["country_of_exploitation"], filters)
        assert sum(c["count"] or 0 for c in shown["cells"]) <= labour[0]["count"]


def _countable_ids(session, access):  # type: ignore[no-untyped-def]
    from tahub.access.policy import countable_sources
    from tahub.store.tables import Source

    return select(Source.id).where(countable_sources(access))
