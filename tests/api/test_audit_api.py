"""Every successful authenticated request appends one audit entry, list pages included."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access.audit import verify
from tahub.store.access_tables import AuditLog
from tahub.store.db import get_engine


def entries() -> list[AuditLog]:
    with Session(get_engine()) as session:
        return list(session.scalars(select(AuditLog).order_by(AuditLog.id)))


def test_each_request_and_page_appends_one_entry(hub):
    before = len(entries())
    for offset in (0, 5, 10):
        answer = hub.get("/api/v1/incidents", "Bogota Police", "viewer", limit=5,
                         offset=offset, country="CO")
        assert answer.status_code == 200
    hub.get("/api/v1/aggregates", "Bogota Police", "viewer", group_by="year")
    shared = hub.rows["incidents"]["alba_members"][0]
    hub.get(f"/api/v1/incidents/{shared}", "Bogota Police", "viewer")
    new = entries()[before:]
    assert [(e.action, e.object) for e in new] == [("list", "incidents")] * 3 + [
        ("aggregate", "incidents"), ("read", f"incident:{shared}")]
    assert [e.filters["offset"] for e in new[:3]] == [0, 5, 10]
    assert all(e.filters["country"] == "CO" for e in new[:3])
    assert {e.actor for e in new} == {"viewer@bogota.example.org"}
    assert {e.organisation_id for e in new} == {hub.orgs["Bogota Police"]}
    with Session(get_engine()) as session:
        assert verify(session)[0]


def test_anonymous_requests_add_nothing(hub):
    with Session(get_engine()) as session:
        before = session.scalar(select(func.count()).select_from(AuditLog))
    hub.client.get("/api/v1/incidents")
    hub.client.get("/api/v1/incidents", headers={"Authorization": "Bearer tahub_forged"})
    with Session(get_engine()) as session:
        assert session.scalar(select(func.count()).select_from(AuditLog)) == before


def test_refused_requests_are_audited_without_their_query(hub):
    """Asking for another organisation's private record, or for one that does not exist,
    answers the same 404 and leaves the same trace."""
    before = len(entries())
    hidden = hub.rows["incidents"]["alba_private"][0]
    for path in (f"/api/v1/incidents/{hidden}", "/api/v1/incidents/999999999",
                 "/api/v1/nowhere"):
        answer = hub.get(path, "Bogota Police", "viewer", q="Maria")
        assert answer.status_code == 404
    new = entries()[before:]
    assert [(e.action, e.object, e.filters) for e in new] == [
        ("refused", f"GET /api/v1/incidents/{hidden}", {"status": 404}),
        ("refused", "GET /api/v1/incidents/999999999", {"status": 404}),
        ("refused", "GET /api/v1/nowhere", {"status": 404})]
    assert {e.actor for e in new} == {"viewer@bogota.example.org"}
    with Session(get_engine()) as session:
        assert verify(session)[0]
