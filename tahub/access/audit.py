"""The audit log: every read and write, one hash-chained row each, in the hub's database.

Each entry's hash covers all its columns and the previous entry's hash, and the one-row
`audit_head` table holds the newest entry's id and hash, so `verify` finds an edited entry,
a deleted one (in the middle, at the start or at the end) from the database alone.
Appending first updates the head row, which serialises writers on SQLite and PostgreSQL
alike: the chain never forks.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.access.passwords import now
from tahub.store.access_tables import AuditHead, AuditLog

GENESIS = "0" * 64
HEAD_ID = 1


def _cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "cli"


def _canonical(filters: dict | None) -> dict | None:
    """Filters as plain JSON (dates and sets become text), so the hash survives a reload."""
    if filters is None:
        return None
    return json.loads(json.dumps(filters, default=str, sort_keys=True))


def entry_hash(entry: AuditLog) -> str:
    """SHA-256 over every column of `entry` but the hash itself."""
    body = [entry.id, entry.at.isoformat(timespec="microseconds"), entry.actor, entry.user_id,
            entry.organisation_id, entry.action, entry.object, entry.filters, entry.prev_hash]
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def record(session: Session, access: Access | None, action: str, obj: str,
           filters: dict | None = None) -> None:
    """Append one entry (who, organisation, action, object, filters, time) to the chain.

    Runs inside the caller's transaction, which must commit for the entry to count. Call it
    on a short transaction of its own where many requests write at once (SQLite).
    """
    session.execute(update(AuditHead).where(AuditHead.id == HEAD_ID)
                    .values(entries=AuditHead.entries + 1))
    head = session.get(AuditHead, HEAD_ID, populate_existing=True)
    if head is None:  # a database made without the migration's head row
        head = AuditHead(id=HEAD_ID, last_id=0, last_hash=GENESIS, entries=1)
        session.add(head)
    entry = AuditLog(
        id=head.last_id + 1, at=now(),
        actor=(access.email or f"org:{access.organisation_id}") if access else _cli_actor(),
        user_id=access.user_id if access else None,
        organisation_id=access.organisation_id if access else None,
        action=action, object=obj, filters=_canonical(filters), prev_hash=head.last_hash)
    entry.hash = entry_hash(entry)
    session.add(entry)
    head.last_id, head.last_hash = entry.id, entry.hash
    session.flush()


def append(access: Access | None, action: str, obj: str, filters: dict | None = None,
           attempts: int = 5) -> None:
    """`record` in a short transaction of its own, retried when SQLite reports the database
    busy: for callers whose own session has been reading (a request's read snapshot cannot
    be upgraded to a write once another writer has committed)."""
    import time

    from sqlalchemy.exc import OperationalError

    from tahub.store.db import get_engine

    for attempt in range(attempts):
        try:
            with Session(get_engine()) as session, session.begin():
                record(session, access, action, obj, filters)
            return
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2 ** attempt)


def verify(session: Session) -> tuple[bool, int | None, str]:
    """(ok, first bad entry id, message): walks the chain and checks it against the head."""
    prev: AuditLog | None = None
    count = 0
    for entry in session.scalars(select(AuditLog).order_by(AuditLog.id)
                                 .execution_options(yield_per=1000)):
        count += 1
        expected_id = prev.id + 1 if prev else 1
        if entry.id > expected_id:
            return False, expected_id, (f"entry #{expected_id} is missing: deleted (entry "
                                        f"#{entry.id} follows #{prev.id if prev else 'none'})")
        if entry_hash(entry) != entry.hash:
            return False, entry.id, f"entry #{entry.id} was edited: its hash no longer matches"
        if entry.prev_hash != (prev.hash if prev else GENESIS):
            bad = prev.id if prev else entry.id
            return False, bad, (f"entry #{bad} was edited or replaced: entry #{entry.id} "
                                "no longer links to it")
        prev = entry
    head = session.get(AuditHead, HEAD_ID)
    last_id, last_hash = (head.last_id, head.last_hash) if head else (0, GENESIS)
    if (prev.id if prev else 0) < last_id:
        missing = (prev.id if prev else 0) + 1
        return False, missing, (f"entry #{missing} is missing: deleted (the log should end "
                                f"at #{last_id})")
    if (prev.hash if prev else GENESIS) != last_hash or (head and head.entries != count):
        bad = prev.id if prev else None
        return False, bad, f"entry #{bad} was edited or the chain's head no longer matches"
    return True, None, f"audit log intact: {count:,} entries"


def visible_entries(access: Access) -> Select[tuple[AuditLog]]:
    """The entries the caller may read: all for the hub admin, its organisation's for an
    org admin; Forbidden for other roles. Newest first."""
    access.require("read_audit")
    query = select(AuditLog).order_by(AuditLog.id.desc())
    if not access.is_admin:
        query = query.where(AuditLog.organisation_id == access.organisation_id)
    return query


def as_dict(entry: AuditLog) -> dict[str, Any]:
    """One entry as JSON-ready data (the API's and CLI's shape)."""
    return {"id": entry.id, "at": entry.at.isoformat(), "actor": entry.actor,
            "user_id": entry.user_id, "organisation_id": entry.organisation_id,
            "action": entry.action, "object": entry.object, "filters": entry.filters,
            "hash": entry.hash}
