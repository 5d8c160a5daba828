"""The audit chain: every entry covers its content and its predecessor; `verify` names the
first edited or deleted entry from the database alone."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tahub.access import audit
from tahub.access.context import Access, Forbidden
from tahub.store.access_tables import AuditLog

ANA = Access(user_id=1, email="ana@renacer.org", organisation_id=2, role="org_admin")
LUIS = Access(user_id=2, email="luis@policia.gov.co", organisation_id=3, role="analyst")


@pytest.fixture
def engine(db_url):  # type: ignore[no-untyped-def]
    from tahub.store.db import get_engine, init_database

    init_database(db_url)
    engine = get_engine(db_url)
    with Session(engine) as session, session.begin():
        audit.record(session, None, "ingest", "source:1", {"profile": "ctdc", "stored": 48773})
        audit.record(session, ANA, "read", "incidents", {"country": "CO", "limit": 50})
        audit.record(session, LUIS, "read", "aggregates",
                     {"group_by": ["country_of_exploitation", "year"], "year_from": 2019})
        audit.record(session, ANA, "read", "incident:17", None)
        audit.record(session, LUIS, "read", "documents", {"q": "Cúcuta", "offset": 100})
    return engine


def verify(engine):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return audit.verify(session)


def tamper(engine, sql: str, **params) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def test_intact_chain_verifies(engine):  # type: ignore[no-untyped-def]
    ok, bad, message = verify(engine)
    assert (ok, bad) == (True, None) and "5 entries" in message
    with Session(engine) as session:
        entries = session.scalars(select(AuditLog).order_by(AuditLog.id)).all()
    assert [e.actor for e in entries[1:3]] == ["ana@renacer.org", "luis@policia.gov.co"]
    assert entries[2].filters["group_by"] == ["country_of_exploitation", "year"]
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))


@pytest.mark.parametrize(("sql", "bad"), [
    ("UPDATE audit_log SET object = 'incidents' WHERE id = 4", 4),
    ("UPDATE audit_log SET actor = 'someone@else.org' WHERE id = 2", 2),
    ("UPDATE audit_log SET organisation_id = 9 WHERE id = 3", 3),
    ("UPDATE audit_log SET filters = NULL WHERE id = 5", 5),
    ("UPDATE audit_log SET at = at + INTERVAL '1 hour' WHERE id = 1", 1),
])
def test_edited_entry_is_named(engine, sql, bad):  # type: ignore[no-untyped-def]
    if "INTERVAL" in sql and engine.dialect.name == "sqlite":
        sql = "UPDATE audit_log SET at = datetime(at, '+1 hour') WHERE id = 1"
    tamper(engine, sql)
    ok, first_bad, message = verify(engine)
    assert (ok, first_bad) == (False, bad) and f"#{bad}" in message


def test_edit_with_a_recomputed_hash_is_caught_by_the_next_entry(engine):  # type: ignore[no-untyped-def]
    with Session(engine) as session, session.begin():
        entry = session.get(AuditLog, 3)
        entry.filters = {"group_by": ["country_of_exploitation"]}
        entry.hash = audit.entry_hash(entry)
    ok, bad, message = verify(engine)
    assert (ok, bad) == (False, 3) and "#3" in message


@pytest.mark.parametrize("deleted", [1, 3, 5])
def test_deleted_entry_is_named(engine, deleted):  # type: ignore[no-untyped-def]
    tamper(engine, "DELETE FROM audit_log WHERE id = :id", id=deleted)
    ok, bad, message = verify(engine)
    assert (ok, bad) == (False, deleted) and f"#{deleted}" in message and "deleted" in message


def test_renumbered_chain_after_deletion_is_caught(engine):  # type: ignore[no-untyped-def]
    tamper(engine, "DELETE FROM audit_log WHERE id = 3")
    tamper(engine, "UPDATE audit_log SET id = id - 1 WHERE id > 3")
    ok, bad, _ = verify(engine)
    assert not ok and bad == 3


def test_appending_after_verification_keeps_the_chain(engine):  # type: ignore[no-untyped-def]
    with Session(engine) as session, session.begin():
        audit.record(session, ANA, "read", "me")
    assert verify(engine)[0]


def test_org_admins_see_their_organisation_only(engine):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        mine = session.scalars(audit.visible_entries(ANA)).all()
        everything = session.scalars(audit.visible_entries(
            Access(user_id=9, email="root@hub.org", organisation_id=1, role="admin"))).all()
    assert [e.id for e in mine] == [4, 2]
    assert len(everything) == 5
    with pytest.raises(Forbidden):
        audit.visible_entries(LUIS)


def test_concurrent_writers_keep_one_chain(engine):  # type: ignore[no-untyped-def]
    from concurrent.futures import ThreadPoolExecutor

    def work(n: int) -> None:
        for i in range(8):
            audit.append(ANA if n % 2 else LUIS, "read", f"incident:{n * 100 + i}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(4)))
    ok, bad, message = verify(engine)
    assert ok, message
    assert "37 entries" in message
