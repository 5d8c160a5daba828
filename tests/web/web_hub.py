"""A small hub for web tests: two organisations, a private and a shared source each side,
documents with evidence, missing persons and points of interest with coordinates."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

PASSWORD = "correct horse battery staple"
USERS = {"admin@alba.example.org": ("Alba", "admin"),
         "analyst@alba.example.org": ("Alba", "analyst"),
         "viewer@alba.example.org": ("Alba", "viewer"),
         "analyst@cambio.example.org": ("Cambio Bank", "analyst")}
# name: (owner, sharing, tlp, country of exploitation, citizenship, years)
SOURCES = {
    "alba_private": ("Alba", "private", "AMBER", "NZ", "VE", [2020] * 6 + [2021] * 14),
    "alba_members": ("Alba", "members", "GREEN", "CO", "VE", [2020] * 30 + [2021] * 45),
    "cambio_private": ("Cambio Bank", "private", "AMBER", "PE", "BO", [2021] * 25),
}
SECRET_WORD = "Quetzalcoatlus"  # only in alba_private's document text and POI name
FORMULA = '=HYPERLINK("http://attacker.example","click")'  # a data source, last row of each


@dataclass
class WebHub:
    url: str
    sources: dict[str, int] = field(default_factory=dict)
    incidents: dict[str, list[int]] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)

    def client(self, email: str | None = None, lang: str | None = None) -> TestClient:
        from tahub.web.app import create_app

        client = TestClient(create_app(), raise_server_exceptions=True,
                            follow_redirects=False)
        if lang:
            client.cookies.set("tahub_lang", lang)
        if email and email in self.sessions:  # argon2 is slow: log in once per user
            client.cookies.set("tahub_session", self.sessions[email])
        elif email:
            login(client, email)
            self.sessions[email] = client.cookies["tahub_session"]
        return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD) -> None:
    page = client.get("/login")
    answer = client.post("/login", data={"email": email, "password": password,
                                         "csrf": csrf_of(page.text), "next": "/"})
    assert answer.status_code == 303, answer.text


def build_hub(url: str) -> WebHub:
    from tahub.access.members import add_organisation, add_user
    from tahub.store.db import get_engine, init_database
    from tahub.store.tables import (
        Document,
        Incident,
        IncidentPlace,
        IncidentTag,
        MissingPerson,
        PointOfInterest,
        Source,
        TagHit,
    )

    init_database(url)
    hub = WebHub(url)
    with Session(get_engine(url)) as s, s.begin():
        orgs = {name: add_organisation(s, name, kind).id
                for name, kind in (("Alba", "ngo"), ("Cambio Bank", "financial"))}
        for email, (org, role) in USERS.items():
            add_user(s, email, org, role, PASSWORD)
        for name, (owner, sharing, tlp, country, citizenship, years) in SOURCES.items():
            src = Source(organisation_id=orgs[owner], label=name.replace("_", " ").title(),
                         profile="ctdc", filename=f"{name}.csv",
                         content_sha256=hashlib.sha256(name.encode()).hexdigest(),
                         kind="incidents", rows_read=len(years), rows_stored=len(years),
                         sharing=sharing, tlp=tlp, uploaded_by="test")
            s.add(src)
            s.flush()
            hub.sources[name] = src.id
            secret = SECRET_WORD if (owner, sharing) == ("Alba", "private") else ""
            body = (f"Survivor statement ({name}), taken by Ana María Gómez: she was "
                    "recruited in Cúcuta with a false "
                    f"job offer and her passport was withheld. {secret}")
            doc = Document(source_id=src.id, source_row=1, title=f"Report {name}", text=body,
                           lang="en", published_at=datetime(2021, 5, 17),
                           content_sha256=hashlib.sha256(body.encode()).hexdigest())
            s.add(doc)
            s.flush()
            hub.documents[name] = doc.id
            start = body.index("false job offer")
            s.add(TagHit(document_id=doc.id, tag="recruitment.false_job_offer", start=start,
                         end=start + len("false job offer"), text="false job offer",
                         confidence=0.9, method="lexicon@1"))
            start = body.index("passport was withheld")
            s.add(TagHit(document_id=doc.id, tag="control.withholds_documents", start=start,
                         end=start + len("passport was withheld"),
                         text="passport was withheld", confidence=0.85, method="lexicon@1"))
            ids = []
            for i, year in enumerate(years):
                inc = Incident(source_id=src.id, source_row=i + 2, registration_year=year,
                               data_source=FORMULA if i == len(years) - 1 else "Case Management",
                               gender="female",
                               age_band="18-20", citizenship=citizenship,
                               country_of_exploitation=country, date_start=date(year, 3, 4),
                               victims_count=1, document_id=doc.id if i == 0 else None)
                s.add(inc)
                s.flush()
                s.add(IncidentTag(incident_id=inc.id, tag="exploitation.sexual" if i % 3
                                  else "exploitation.labour"))
                s.add(IncidentPlace(incident_id=inc.id, role="exploitation", country=country,
                                    locality="Calle 12", lat=4.6 + i / 100, lon=-74.08))
                ids.append(inc.id)
            hub.incidents[name] = ids
            s.add(MissingPerson(source_id=src.id, source_row=2, sex="female", age=16,
                                minor=True, date_missing=date(2022, 3, 14), country=country,
                                lat=4.58, lon=-74.22, status="missing"))
            s.add(PointOfInterest(source_id=src.id, source_row=2, category="bar",
                                  name=f"Bar {SECRET_WORD}" if sharing == "private"
                                  and owner == "Alba" else "Bar Central",
                                  lat=4.6, lon=-74.1, country=country))
    return hub
