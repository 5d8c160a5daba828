"""Reads behind the pages, each through `tahub.access`: rows from listable sources,
counts from countable ones and always passed through disclosure control."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.access.disclosure import aggregate, k_for, protect_table
from tahub.access.policy import countable_sources, listable_sources
from tahub.store.tables import (
    Document,
    Incident,
    MissingPerson,
    Organisation,
    PointOfInterest,
    Source,
    Statistic,
)

KINDS = {"incidents": Incident, "missing_persons": MissingPerson, "pois": PointOfInterest,
         "documents": Document, "statistics": Statistic}


def counts(db: Session, access: Access, group_by: list[str], filters: dict) -> list[dict]:
    """Disclosure-controlled incident counts (the cells of `aggregate`)."""
    return aggregate(db, access, group_by, filters)["cells"]


def as_map(cells: list[dict], key: str) -> dict[str, int | None]:
    return {str(c["group"][key]): c["count"] for c in cells if c["group"].get(key) is not None}


def foreign_k(db: Session, access: Access) -> int:
    levels = db.scalars(select(Source.sharing).distinct().where(
        countable_sources(access), Source.organisation_id != access.organisation_id)).all()
    return k_for(levels)


def protected(db: Session, access: Access, rows: list[tuple[Any, int, int]],
              key: str) -> list[dict]:
    """`(value, count, own count)` rows as disclosure-controlled cells keyed `key`."""
    cells = [{"group": {key: value}, "count": n, "own": own} for value, n, own in rows if n]
    return protect_table(cells, foreign_k(db, access))


def own_expr(access: Access):  # type: ignore[no-untyped-def]
    return func.sum(case((Source.organisation_id == access.organisation_id, 1), else_=0))


def kind_totals(db: Session, access: Access) -> dict[str, dict]:
    """One protected total per kind of record the caller may count."""
    out = {}
    for name, model in KINDS.items():
        row = db.execute(select(func.count(), own_expr(access)).select_from(model)
                         .join(Source, Source.id == model.source_id)
                         .where(countable_sources(access))).one()
        cells = protected(db, access, [("all", row[0], int(row[1] or 0))], "total")
        out[name] = cells[0] if cells else {"count": 0, "suppressed": False, "exact": True}
    return out


def sources_seen(db: Session, access: Access, limit: int = 50) -> list[dict]:
    """The sources the caller may count, with owner and terms (no row content)."""
    rows = db.execute(
        select(Source.id, Source.label, Source.kind, Source.sharing, Source.tlp,
               Source.uploaded_at, Source.rows_stored, Source.organisation_id,
               Organisation.name)
        .join(Organisation, Organisation.id == Source.organisation_id)
        .where(countable_sources(access)).order_by(Source.id.desc()).limit(limit)).all()
    return [{"id": r.id, "label": r.label, "kind": r.kind, "sharing": r.sharing, "tlp": r.tlp,
             "uploaded_at": r.uploaded_at, "organisation": r.name,
             "own": r.organisation_id == access.organisation_id,
             "listable": None} for r in rows]


def listable_source_ids(db: Session, access: Access) -> set[int]:
    return set(db.scalars(select(Source.id).where(listable_sources(access))))


def source_choices(db: Session, access: Access) -> list[tuple[int, str]]:
    return [(r.id, r.label) for r in db.execute(
        select(Source.id, Source.label).where(countable_sources(access)).order_by(Source.label))]
