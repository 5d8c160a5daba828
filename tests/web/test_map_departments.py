"""Departments, states and provinces on the map: the packaged shapes served per country,
record area names matched to them, and counts per area through the sharing policy and
disclosure control (exact for one's own rows, small foreign cells hidden)."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tahub.store.db import get_engine
from tahub.store.tables import (
    Incident,
    IncidentPlace,
    MissingPerson,
    Organisation,
    Source,
)
from tahub.web.departments import shape_for, shape_names

DATA = Path(__file__).resolve().parents[2] / "data"
# owner, sharing, {area name as written in the records: incidents}
AREAS = {
    "alba_ar": ("Alba", "private", {"Buenos Aires": 12, "CABA": 3,
                                    "Ciudad Autónoma de Buenos Aires": 2, "Atlantis": 1}),
    "cambio_ar": ("Cambio Bank", "members", {"Córdoba": 20, "Salta": 3}),
}


@pytest.fixture(scope="module")
def areas_hub(hub):  # type: ignore[no-untyped-def]
    if not shape_names("AR"):
        pytest.skip("the web libraries are not installed (scripts/setup runs npm ci)")
    with Session(get_engine(hub.url)) as s, s.begin():
        orgs = dict(s.execute(select(Organisation.name, Organisation.id)).all())
        for name, (owner, sharing, counts) in AREAS.items():
            src = Source(organisation_id=orgs[owner], label=name, profile="argentina_linea145",
                         filename=f"{name}.csv", kind="incidents", sharing=sharing,
                         content_sha256=hashlib.sha256(name.encode()).hexdigest(),
                         rows_read=sum(counts.values()), rows_stored=sum(counts.values()),
                         tlp="AMBER", uploaded_by="test")
            s.add(src)
            s.flush()
            row = 2
            for area, n in counts.items():
                for _ in range(n):
                    inc = Incident(source_id=src.id, source_row=row, registration_year=2021,
                                   country_of_exploitation="AR", date_start=date(2021, 1, 2))
                    s.add(inc)
                    s.flush()
                    # two places in one area still count the incident once there
                    for role in ("exploitation", "destination"):
                        s.add(IncidentPlace(incident_id=inc.id, role=role, country="AR",
                                            admin1=area))
                    row += 1
        alba_co = s.scalar(select(Source.id).where(Source.label == "Alba Members"))
        for i in range(2):
            s.add(MissingPerson(source_id=alba_co, source_row=10 + i, country="CO",
                                admin1="ANTIOQUIA", status="missing"))
    return hub


def test_record_names_find_their_shapes() -> None:
    if not shape_names("CO"):
        pytest.skip("the web libraries are not installed")
    assert shape_for("CO", "ANTIOQUIA") == "Antioquia"
    assert shape_for("CO", "Bogotá, D.C.") == "Bogota"
    assert shape_for("CO", "NARIÑO") == "Nariño"
    assert shape_for("MX", "Ciudad de México") == "Distrito Federal"
    assert shape_for("MX", "Estado de México") == "México"
    assert shape_for("MX", "Veracruz de Ignacio de la Llave") == "Veracruz"
    assert shape_for("AR", "Ciudad Autónoma de Buenos Aires") == "Ciudad de Buenos Aires"
    assert shape_for("PE", "LIMA") == "Lima"
    assert shape_for("AR", "Atlantis") is None


def test_every_province_in_the_bundled_argentine_data_has_a_shape() -> None:
    if not shape_names("AR"):
        pytest.skip("the web libraries are not installed")
    path = DATA / "argentina_linea145" / "oficina-rescate-denuncias-202001-202307.csv"
    with path.open(encoding="utf-8") as handle:
        names = {row["provincia"] for row in csv.DictReader(handle) if row["provincia"]}
    assert len(names) == 24
    assert sorted(n for n in names if shape_for("AR", n) is None) == []


def test_shapes_are_served_per_country(areas_hub) -> None:
    client = areas_hub.client("analyst@alba.example.org")
    answer = client.get("/static/vendor/admin1/AR.json")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    topology = answer.json()
    assert topology["type"] == "Topology"
    names = {g["properties"]["name"] for g in topology["objects"]["arg"]["geometries"]}
    assert {"Buenos Aires", "Córdoba", "Ciudad de Buenos Aires"} <= names
    assert len(answer.content) < 5_000_000
    for bad in ("XX", "ar", "A1", "..%2F..%2Fapp"):
        assert client.get(f"/static/vendor/admin1/{bad}.json").status_code == 404


def test_own_areas_are_exact_and_small_foreign_ones_hidden(areas_hub) -> None:
    answer = areas_hub.client("analyst@alba.example.org", lang="es").get("/map/departments")
    assert answer.status_code == 200
    body = answer.json()
    ar = body["countries"]["AR"]
    incidents = ar["layers"]["incidents"]
    assert incidents["Buenos Aires"] == {"count": 12, "exact": True}
    # "CABA" and the official long name are one shape: counted together, each incident once
    assert incidents["Ciudad de Buenos Aires"] == {"count": 5, "exact": True}
    # Cambio's 3 in Salta are below k: hidden, and Córdoba with them so the two cannot be
    # told apart from the province total
    assert incidents["Salta"]["count"] is None and incidents["Córdoba"]["count"] is None
    assert ar["unmatched"]["incidents"] == [["Atlantis", {"count": 1, "exact": True}]]
    assert ar["shapes"] == "/static/vendor/admin1/AR.json" and ar["name"] == "Argentina"
    co = body["countries"]["CO"]
    assert co["layers"]["missing_persons"] == {"Antioquia": {"count": 2, "exact": True}}
    assert body["labels"]["layer"] == "Departamentos, estados y provincias"


def test_another_organisation_sees_only_what_it_may_count(areas_hub) -> None:
    body = areas_hub.client("analyst@cambio.example.org").get("/map/departments").json()
    incidents = body["countries"]["AR"]["layers"]["incidents"]
    assert incidents == {"Córdoba": {"count": 20, "exact": True},
                         "Salta": {"count": 3, "exact": True}}
    assert body["countries"]["AR"]["unmatched"]["incidents"] == []
    assert "Atlantis" not in str(body) and "Buenos Aires" not in str(body)


def test_filters_apply_and_a_chosen_country_gets_its_shapes(areas_hub) -> None:
    client = areas_hub.client("analyst@alba.example.org")
    body = client.get("/map/departments?country=CO").json()
    assert list(body["countries"]) == ["CO"]
    assert body["countries"]["CO"]["layers"]["incidents"] == {}
    later = client.get("/map/departments?year_from=2022").json()
    assert "AR" not in later["countries"]


def test_areas_need_a_session(areas_hub) -> None:
    answer = areas_hub.client().get("/map/departments")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_the_map_page_has_the_area_table_and_its_labels(areas_hub) -> None:
    html = areas_hub.client("analyst@alba.example.org", lang="es").get("/map").text
    assert '<table class="compact" id="area-summary" hidden>' in html
    assert "<caption>Departamentos, estados y provincias</caption>" in html


def test_a_misnamed_packaged_shape_is_served_with_its_right_name(areas_hub) -> None:
    # the package names Puno "Callao" (two "Callao" shapes, none for Puno)
    assert shape_for("PE", "PUNO") == "Puno"
    assert shape_for("PE", "Callao") == "Callao"
    topology = areas_hub.client("analyst@alba.example.org").get(
        "/static/vendor/admin1/PE.json").json()
    names = [g["properties"].get("name") for g in topology["objects"]["per"]["geometries"]]
    assert names.count("Puno") == 1 and names.count("Callao") == 1


def test_labels_go_on_copies_not_on_the_shared_cached_counts(areas_hub, monkeypatch) -> None:
    """The counts are cached for every reader of the organisation; writing one reader's
    language into them let a concurrent reader get another language's country names."""
    from types import MappingProxyType

    from tahub.web import departments
    from tahub.web.routes import departments as route

    def read_only(*args):  # type: ignore[no-untyped-def]
        counts = departments.department_counts(*args)
        return {code: MappingProxyType(entry) for code, entry in counts.items()}

    monkeypatch.setattr(route, "department_counts", read_only)
    body = areas_hub.client("analyst@alba.example.org", lang="es").get("/map/departments")
    assert body.status_code == 200 and body.json()["countries"]["AR"]["name"] == "Argentina"
