"""Lists and single reads of source-backed records, always filtered by the policy.

The visibility filter is `tahub.access.policy.listable_sources` applied in SQL, so
`total` counts only rows the caller may see; fields pass through `redact_record`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, inspect, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.access.policy import listable_sources, redact_record
from tahub.store.tables import Source

MAX_LIMIT = 500


def visible(access: Access, model: Any) -> ColumnElement[bool]:
    """Rows of `model` whose source the caller may list."""
    return model.source_id.in_(select(Source.id).where(listable_sources(access)))


def as_dict(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in inspect(row).mapper.column_attrs}


def sources_of(session: Session, rows: Sequence[Any]) -> dict[int, Source]:
    ids = {r.source_id for r in rows}
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(Source).where(Source.id.in_(ids)))}


def list_rows(session: Session, access: Access, model: Any, kind: str,
              conditions: Sequence[ColumnElement[bool]], limit: int, offset: int,
              extend: Callable[[Session, list[dict]], None] | None = None
              ) -> tuple[list[dict], int]:
    """One page of visible, redacted records (ordered by id) and the visible total."""
    where = [visible(access, model), *conditions]
    total = session.scalar(select(func.count()).select_from(model).where(*where)) or 0
    # ids first (from an index, no row read), then only the page's rows
    page = select(model.id).where(*where).order_by(model.id).limit(limit).offset(offset)
    rows = list(session.scalars(select(model).where(model.id.in_(page)).order_by(model.id)))
    records = [as_dict(r) for r in rows]
    if extend is not None:
        extend(session, records)
    sources = sources_of(session, rows)
    return [redact_record(access, sources[r["source_id"]], r, kind) for r in records], total
