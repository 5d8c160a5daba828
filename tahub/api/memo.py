"""Aggregate answers memoised per data version: the hub's rows change only when a source
is ingested, so the same question from the same organisation gets the same answer until
then, without counting a million rows again.

The version is read on every request (one small query over `sources` and the newest
incident id), so an ingest, a change of a source's sharing level, TLP or group, or a new
row is seen at once. The key holds the caller's organisation and sharing groups (what the
policy decides on), never a user, and the answer is the disclosure-controlled one.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.store.tables import Incident, IncidentTag, Source


def data_version(session: Session) -> str:
    """A digest of everything an aggregate depends on besides the caller."""
    digest = hashlib.sha256()
    for row in session.execute(select(Source.id, Source.organisation_id, Source.sharing,
                                      Source.sharing_group_id, Source.tlp,
                                      Source.rows_stored).order_by(Source.id)):
        digest.update(repr(tuple(row)).encode())
    newest = (session.scalar(select(func.max(Incident.id))),
              session.scalar(select(func.max(IncidentTag.incident_id))))
    digest.update(repr(newest).encode())
    return digest.hexdigest()


class Memo:
    """A small LRU of answers keyed by (data version, caller's reach, question)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def answer(self, session: Session, access: Access, question: Hashable,
               compute: Callable[[], Any]) -> Any:
        key = (data_version(session), access.organisation_id, access.group_ids, question)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


AGGREGATES = Memo()
