"""A small hub for access tests: three organisations (two of them in the sharing group
"Andes"), a user of every role in each, and one source owned by Alba at every sharing
level × TLP marking, each holding one incident. Built once per test module and database
(SQLite and PostgreSQL), since tests only read it; tests that write use `db_url`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest
from fresh_db import fresh_database
from sqlalchemy.orm import Session

from tahub.access.context import ROLES, SHARING_LEVELS, TLP_MARKS, Access, access_for_user

ORGS = {"Alba": "ngo", "Bogota Police": "law_enforcement", "Cambio Bank": "financial"}
GROUP = ("Andes", ["Alba", "Bogota Police"])
OWNER = "Alba"


@dataclass
class World:
    url: str
    orgs: dict[str, int] = field(default_factory=dict)
    group_id: int = 0
    access: dict[tuple[str, str], Access] = field(default_factory=dict)
    sources: dict[tuple[str, str], int] = field(default_factory=dict)  # (sharing, tlp) -> id

    def session(self) -> Session:
        from tahub.store.db import get_engine

        return Session(get_engine(self.url))


def add_source(session: Session, org_id: int, sharing: str, tlp: str,
               group_id: int | None = None, label: str | None = None) -> int:
    from tahub.store.tables import Source

    source = Source(organisation_id=org_id, label=label or f"{sharing}/{tlp}", profile="ctdc",
                    filename="cases.csv", content_sha256=uuid.uuid4().hex * 2,
                    kind="incidents", sharing=sharing, tlp=tlp,
                    sharing_group_id=group_id if sharing == "group" else None)
    session.add(source)
    session.flush()
    return source.id


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request, tmp_path_factory, pg_available):  # type: ignore[no-untyped-def]
    """Like `db_url`, for a whole module: a fresh SQLite file or PostgreSQL schema."""
    if request.param == "postgresql" and not pg_available:
        pytest.skip("PostgreSQL not reachable")
    with pytest.MonkeyPatch.context() as mp, fresh_database(
            tmp_path_factory.mktemp("access"), request.param, mp) as url:
        yield url


@pytest.fixture(scope="module")
def world(module_db_url: str) -> World:
    from tahub.access.members import add_group, add_organisation
    from tahub.store.access_tables import User
    from tahub.store.db import init_database
    from tahub.store.tables import Incident

    init_database(module_db_url)
    w = World(url=module_db_url)
    with w.session() as session, session.begin():
        for name, type_ in ORGS.items():
            w.orgs[name] = add_organisation(session, name, type_).id
        w.group_id = add_group(session, *GROUP).id
        users = []
        for org in ORGS:
            for role in ROLES:
                user = User(email=f"{role}@{org.split()[0].lower()}.example.org",
                            organisation_id=w.orgs[org], role=role, active=True,
                            failed_logins=0)
                session.add(user)
                users.append((org, role, user))
        session.flush()
        for org, role, user in users:
            w.access[org, role] = access_for_user(session, user)
        for sharing in SHARING_LEVELS:
            for tlp in TLP_MARKS:
                sid = add_source(session, w.orgs[OWNER], sharing, tlp, w.group_id)
                w.sources[sharing, tlp] = sid
                session.add(Incident(source_id=sid, source_row=2, registration_year=2021,
                                     gender="female", age_band="18-20", citizenship="VE",
                                     country_of_exploitation="CO",
                                     date_start=date(2021, 3, 14)))
    return w
