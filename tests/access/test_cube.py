"""The incident cube answers aggregates exactly as counting the incidents does, keys
included, and follows a source that gains incidents."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from tahub.access.context import Access
from tahub.access.disclosure import aggregate, cube_cells, live_cells
from tahub.store.access_tables import IncidentCube

from .conftest import add_source

COUNTRIES = ["CO", "PE", "VE", "EC", None]
TAGS = ["exploitation.sexual", "exploitation.labour", "exploitation.begging"]
QUERIES = [
    ([], {}),
    (["country_of_exploitation"], {}),
    (["country_of_exploitation", "gender"], {"year_from": 2019}),
    (["year", "citizenship", "age_band"], {"gender": ["female", "male"]}),
    (["exploitation"], {}),
    (["exploitation", "country_of_exploitation"], {"year_to": 2020, "citizenship": "VE"}),
    (["source", "gender"], {"exploitation": "exploitation.labour"}),
    (["year"], {"exploitation": ["exploitation.labour", "exploitation.sexual"]}),  # live
    (["exploitation"], {"exploitation": "exploitation.sexual"}),  # live
    (["country_of_exploitation"], {"source": []}),
]


def sort(cells):  # type: ignore[no-untyped-def]
    return sorted(cells, key=lambda c: repr(sorted(c["group"].items())))


@pytest.fixture
def hub(db_url):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.store.db import ensure_organisation, get_engine, init_database
    from tahub.store.tables import Incident, IncidentTag

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
                if cubed is None:
                    continue
                assert sort(cubed) == sort(live), (org, group_by, filters)
                answered += 1
    assert answered == 3 * (len(QUERIES) - 2)


def test_cube_follows_new_incidents(hub):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.store.tables import Incident, Source

    engine, orgs = hub
    access = Access(None, None, orgs[2], "viewer")
    with Session(engine) as session, session.begin():
        before = aggregate(session, access, ["country_of_exploitation"], {})
        built = session.scalar(select(IncidentCube.id).limit(1))
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
