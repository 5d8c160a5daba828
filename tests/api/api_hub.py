"""A small hub for API tests: three organisations, every role, sources at every sharing
level and TLP, made through the access functions; served by a TestClient."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

ORGS = {"Alba": "ngo", "Bogota Police": "law_enforcement", "Cambio Bank": "financial"}
ROLES = {
    "Alba": ("admin", "org_admin", "analyst", "contributor", "viewer"),
    "Bogota Police": ("org_admin", "analyst", "viewer"),
    "Cambio Bank": ("analyst", "contributor", "viewer"),
}
GROUP = ("Andes", ["Alba", "Bogota Police"])
# name: (owner, sharing, tlp, country of exploitation, incidents)
SOURCES = {
    "alba_private": ("Alba", "private", "AMBER", "NZ", 12),
    "alba_group": ("Alba", "group", "AMBER", "CO", 12),
    "alba_members": ("Alba", "members", "GREEN", "PH", 12),
    "alba_public": ("Alba", "public", "CLEAR", "GB", 15),
    "alba_members_red": ("Alba", "members", "RED", "UA", 12),
    "alba_members_strict": ("Alba", "members", "AMBER+STRICT", "MX", 12),
    "bogota_private": ("Bogota Police", "private", "AMBER", "PE", 12),
}
PASSWORD = "correct horse battery staple"


@dataclass
class Hub:
    client: TestClient
    url: str
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)
    group_id: int = 0
    sources: dict[str, int] = field(default_factory=dict)
    rows: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    def get(self, path: str, org: str = "Alba", role: str = "analyst", **params):  # type: ignore[no-untyped-def]
        return self.client.get(path, params=params or None,
                               headers={"Authorization": f"Bearer {self.tokens[org, role]}"})


def _incidents(session: Session, source_id: int, country: str, n: int,
               start_id: int) -> list[int]:
    from tahub.store.tables import Incident, IncidentPlace, IncidentTag

    ids = []
    for i in range(n):
        incident = Incident(id=start_id + i, source_id=source_id, source_row=i + 2,
                            registration_year=2018 + i % 4, data_source="Case Management",
                            gender="female" if i % 3 else "male", age_band="18-20",
                            minor=False, citizenship="VE", country_of_exploitation=country,
                            date_start=date(2019, 1 + i % 12, 3 + i),
                            victims_count=1)
        session.add(incident)
        session.flush()
        session.add(IncidentTag(incident_id=incident.id,
                                tag="exploitation.sexual" if i % 2 else "exploitation.labour"))
        session.add(IncidentPlace(incident_id=incident.id, role="exploitation",
                                  country=country, admin1="Centro", admin2="Barrio Sur",
                                  locality="Calle 12", lat=4.60971 + i / 1000,
                                  lon=-74.08175 + i / 1000))
        ids.append(incident.id)
    return ids


def _others(session: Session, hub: Hub, name: str, source_id: int, country: str) -> None:
    from tahub.store.tables import Document, MissingPerson, PointOfInterest, TagHit

    body = (f"Survivor statement for {name}, taken by Maria Fernanda Lopez (+57 301 234 5678): "
            "recruited in Cúcuta by a job offer.")
    doc = Document(source_id=source_id, source_row=2, title=f"Report {name}", text=body,
                   lang="en", published_at=datetime(2021, 5, 17, 9, 30),
                   content_sha256=hashlib.sha256(body.encode()).hexdigest())
    session.add(doc)
    session.flush()
    start = body.index("recruited in Cúcuta")
    session.add(TagHit(document_id=doc.id, tag="recruitment.job_offer", start=start,
                       end=start + len("recruited in Cúcuta"),
                       text="recruited in Cúcuta", confidence=0.9, method="lexicon@1"))
    person = MissingPerson(source_id=source_id, source_row=2, sex="female", age=16,
                           minor=True, date_missing=date(2022, 3, 14), country=country,
                           locality="Soacha", lat=4.58, lon=-74.22, status="missing",
                           name_hash="ab" * 32)
    poi = PointOfInterest(source_id=source_id, source_row=2, name=f"Bar {name}",
                          category="bar", lat=4.6, lon=-74.1, country=country)
    session.add_all([person, poi])
    session.flush()
    hub.rows.setdefault("documents", {})[name] = [doc.id]
    hub.rows.setdefault("missing-persons", {})[name] = [person.id]
    hub.rows.setdefault("pois", {})[name] = [poi.id]
    # the first incident of the source carries the document as its evidence
    from tahub.store.tables import Incident

    session.get(Incident, hub.rows["incidents"][name][0]).document_id = doc.id


def cheap_passwords() -> None:
    """Argon2 at test strength: the API tests log in by token, never by password, and the
    production cost (over a second a hash here) would dominate the suite."""
    from argon2 import PasswordHasher

    from tahub.access import passwords

    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def build_hub(url: str) -> Hub:
    from tahub.access.members import add_group, add_organisation, add_user
    from tahub.access.tokens import create_token
    from tahub.api.app import create_app
    from tahub.store.db import get_engine, init_database
    from tahub.store.tables import Source

    init_database(url)
    cheap_passwords()
    hub = Hub(client=TestClient(create_app(), raise_server_exceptions=False), url=url)
    with Session(get_engine(url)) as session, session.begin():
        for name, type_ in ORGS.items():
            hub.orgs[name] = add_organisation(session, name, type_).id
        hub.group_id = add_group(session, *GROUP).id
        for org, roles in ROLES.items():
            for role in roles:
                email = f"{role}@{org.split()[0].lower()}.example.org"
                add_user(session, email, org, role, PASSWORD)
                hub.tokens[org, role] = create_token(session, email)[1]
        next_id = 1
        for name, (owner, sharing, tlp, country, n) in SOURCES.items():
            source = Source(organisation_id=hub.orgs[owner], label=name, profile="ctdc",
                            filename=f"{name}.csv", content_sha256=uuid.uuid4().hex * 2,
                            kind="incidents", sharing=sharing, tlp=tlp,
                            sharing_group_id=hub.group_id if sharing == "group" else None)
            session.add(source)
            session.flush()
            hub.sources[name] = source.id
            hub.rows.setdefault("incidents", {})[name] = _incidents(
                session, source.id, country, n, next_id)
            next_id += n
            _others(session, hub, name, source.id, country)
    return hub


def upload(hub, data: bytes, org="Alba", role="contributor", name="ctdc.csv",  # type: ignore[no-untyped-def]
           **fields):
    fields.setdefault("profile", "ctdc")
    return hub.client.post("/api/v1/uploads", files={"file": (name, data, "text/csv")},
                           data={k: str(v) for k, v in fields.items()},
                           headers={"Authorization": f"Bearer {hub.tokens[org, role]}"})
