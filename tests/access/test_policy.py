"""The authorisation matrix: every role × sharing level × TLP × own/group/other
organisation, against the rules of docs/sharing.md written out here by hand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tahub.access.context import ROLES, Access, NotFound
from tahub.access.disclosure import aggregate
from tahub.access.policy import (
    can_count,
    can_list,
    coarse_point,
    countable_sources,
    get_listable,
    listable_sources,
    redact_record,
)
from tahub.store.tables import Incident, Source

from .conftest import ORGS, OWNER


def expected(viewer: str, sharing: str, tlp: str) -> dict[str, bool]:
    """docs/sharing.md as a function: what `viewer` may do with Alba's source."""
    if viewer == OWNER:
        return {"rows": True, "counts": True, "personal": True}
    in_group = viewer == "Bogota Police"
    reaches = sharing in ("members", "public") or (sharing == "group" and in_group)
    return {"rows": reaches and sharing != "public" and tlp not in ("AMBER+STRICT", "RED"),
            "counts": reaches and tlp != "RED", "personal": False}


def test_authorisation_matrix(world):  # type: ignore[no-untyped-def]
    checked = 0
    with world.session() as session:
        sources = {s.id: s for s in session.scalars(select(Source))}
        for viewer in ORGS:
            for role in ROLES:
                access = world.access[viewer, role]
                listed = set(session.scalars(select(Source.id).where(listable_sources(access))))
                counted = set(session.scalars(select(Source.id)
                                              .where(countable_sources(access))))
                cells = aggregate(session, access, ["source"], {})["cells"]
                in_aggregates = {c["group"]["source"] for c in cells}
                for (sharing, tlp), sid in world.sources.items():
                    want = expected(viewer, sharing, tlp)
                    where = f"{viewer}/{role} on {sharing}/{tlp}"
                    assert (sid in listed) == want["rows"], where
                    assert can_list(access, sources[sid]) == want["rows"], where
                    assert (sid in counted) == want["counts"], where
                    assert can_count(access, sources[sid]) == want["counts"], where
                    assert (sid in in_aggregates) == want["counts"], where
                    record = {"id": 1, "date_start": date(2021, 3, 14), "attributes": {"a": 1}}
                    seen = redact_record(access, sources[sid], record, "incidents")
                    assert (seen["date_start"] == date(2021, 3, 14)) == want["personal"], where
                    checked += 1
    assert checked == len(ORGS) * len(ROLES) * len(world.sources) == 300


def test_reading_one_row_by_id_obeys_the_same_matrix(world):  # type: ignore[no-untyped-def]
    with world.session() as session:
        incident_of = {i.source_id: i.id for i in session.scalars(select(Incident))}
        for viewer in ORGS:
            access = world.access[viewer, "viewer"]
            for (sharing, tlp), sid in world.sources.items():
                if expected(viewer, sharing, tlp)["rows"]:
                    row, source = get_listable(session, access, Incident, incident_of[sid])
                    assert (row.id, source.id) == (incident_of[sid], sid)
                else:
                    with pytest.raises(NotFound):
                        get_listable(session, access, Incident, incident_of[sid])


def test_private_rows_reach_no_other_organisation_even_its_admin(world):  # type: ignore[no-untyped-def]
    private = {sid for (sharing, _), sid in world.sources.items() if sharing == "private"}
    with world.session() as session:
        for viewer in ("Bogota Police", "Cambio Bank"):
            admin = world.access[viewer, "admin"]
            assert admin.is_admin
            assert not private & set(session.scalars(
                select(Source.id).where(countable_sources(admin))))


def test_group_sharing_follows_membership_not_the_source_label(world):  # type: ignore[no-untyped-def]
    outsider = world.access["Cambio Bank", "analyst"]
    forged = Access(user_id=None, email=None, organisation_id=outsider.organisation_id,
                    role="analyst", group_ids=frozenset({world.group_id + 99}))
    with world.session() as session:
        listed = set(session.scalars(select(Source.id).where(listable_sources(forged))))
    assert world.sources["group", "GREEN"] not in listed


def test_redaction_coarsens_personal_fields_for_others():  # type: ignore[no-untyped-def]
    record = {"id": 7, "date_start": date(2021, 3, 14), "reported_on": "2021-04-02",
              "attributes": {"note": "lives above the bakery"}, "country_of_exploitation": "CO",
              "places": [{"role": "exploitation", "lat": 4.60971, "lon": -74.08175,
                          "locality": "Calle 12", "admin1": "Bogotá"}]}
    source = {"organisation_id": 1}
    own = redact_record(Access(None, None, 1, "viewer"), source, record, "incidents")
    assert own == record
    other = redact_record(Access(None, None, 2, "analyst"), source, record, "incidents")
    assert other["date_start"] == "2021-03" and other["reported_on"] == "2021-04"
    assert other["attributes"] is None and other["country_of_exploitation"] == "CO"
    place = other["places"][0]
    assert place["locality"] is None and place["admin1"] == "Bogotá"
    assert (place["lat"], place["lon"]) == coarse_point(4.60971, -74.08175)
    assert abs(place["lat"] - 4.60971) + abs(place["lon"] + 74.08175) > 0.001
    assert record["places"][0]["locality"] == "Calle 12"  # the caller's dict is untouched


def test_points_in_one_h3_cell_become_one_point():  # type: ignore[no-untyped-def]
    # two addresses 300 m apart in Bogotá's centre land on the same released point
    assert coarse_point(4.6097, -74.0817) == coarse_point(4.6120, -74.0800)


@pytest.mark.parametrize(("role", "upload", "audit"), [
    ("admin", True, True), ("org_admin", True, True), ("analyst", True, False),
    ("contributor", True, False), ("viewer", False, False)])
def test_roles_decide_actions(role, upload, audit):  # type: ignore[no-untyped-def]
    access = Access(user_id=1, email="x@example.org", organisation_id=1, role=role)
    assert access.can("read")
    assert access.can("upload") is upload
    assert access.can("read_audit") is audit


def test_links_to_other_records_do_not_leak_to_other_organisations():  # type: ignore[no-untyped-def]
    """A story id or an earlier-cluster id may point at the owner's private records."""
    source = {"organisation_id": 1}
    other = Access(None, None, 2, "analyst")
    document = {"id": 5, "story_id": 3, "title": "Rescate en Cartagena", "text": "..."}
    assert redact_record(other, source, document, "documents")["story_id"] is None
    cluster = {"id": 9, "size": 4, "earlier_clusters": [2], "risk": 0.7}
    shown = redact_record(other, source, cluster, "ads")
    assert shown["earlier_clusters"] is None and shown["risk"] == 0.7
    assert redact_record(Access(None, None, 1, "viewer"), source, cluster, "ads") == cluster


def test_shared_document_text_is_redacted_and_its_evidence_follows():  # type: ignore[no-untyped-def]
    text = ("La Fiscalía imputó a Juan Carlos Pérez, alias \"El Flaco\", tel. 301 234 5678, "
            "por explotación sexual de tres adolescentes rescatadas en Cartagena.")
    def span(phrase: str) -> dict:
        start = text.index(phrase)
        return {"tag": "x", "start": start, "end": start + len(phrase), "text": phrase}
    document = {"id": 1, "lang": "es", "text": text,
                "evidence": [span("explotación sexual"), span("Juan Carlos Pérez")]}
    source = {"organisation_id": 1}
    own = redact_record(Access(None, None, 1, "viewer"), source, document, "documents")
    assert own == document
    shown = redact_record(Access(None, None, 2, "analyst"), source, document, "documents")
    assert "Juan" not in shown["text"] and "Flaco" not in shown["text"]
    assert "5678" not in shown["text"] and "[PERSON]" in shown["text"]
    assert "Cartagena" in shown["text"] and "[PHONE]" in shown["text"]
    sexual, name = shown["evidence"]
    assert shown["text"][sexual["start"]:sexual["end"]] == "explotación sexual"
    # evidence that was itself personal data keeps neither its place nor its words
    assert name["start"] is None and name["end"] is None and "Juan" not in name["text"]
