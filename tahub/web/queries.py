"""Reads behind the pages, each through `tahub.access`: rows from listable sources,
counts from countable ones and always passed through disclosure control."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.access.disclosure import aggregate, cube_cells, k_for, protect_table
from tahub.access.policy import countable_sources
from tahub.config import get_settings
from tahub.store.cube_tables import CubeScope
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


CACHE_SIZE = 512
_cache: OrderedDict[tuple, Any] = OrderedDict()
T = TypeVar("T")
_lock = threading.Lock()


def data_stamp(db: Session) -> int:
    """Changes whenever a source is added, grows, or changes its terms: the sources table
    is small (one row per file), so reading it whole is cheap next to an aggregate; the
    incident cube's version catches incidents added to an existing source. Read once per
    request (kept in the session's info)."""
    if "tahub_stamp" in db.info:
        return db.info["tahub_stamp"]
    rows = db.execute(select(Source.id, Source.organisation_id, Source.sharing, Source.tlp,
                             Source.sharing_group_id, Source.rows_stored)
                      .order_by(Source.id)).all()
    cube = db.scalar(select(func.coalesce(func.sum(CubeScope.version), 0)))  # grows on change
    settings = get_settings()
    stamp = hash((str(db.get_bind().url), tuple(tuple(r) for r in rows), cube,
                  settings.k_public, settings.k_members, settings.k_group))
    db.info["tahub_stamp"] = stamp
    return stamp


def counts(db: Session, access: Access, group_by: list[str], filters: dict) -> list[dict]:
    """Disclosure-controlled incident counts (the cells of `aggregate`).

    What a reader may count depends on the organisation and its groups only, never the
    role, so answers are cached per organisation, groups, query and data stamp.
    """
    return cached(db, access, ("counts", tuple(group_by), frozen(filters)),
                  lambda: aggregate(db, access, group_by, filters)["cells"])


def counts_many(db: Session, access: Access,
                questions: list[tuple[list[str], dict]]) -> list[list[dict]]:
    """Several `counts` at once: those not cached run side by side, each on its own
    connection (SQLite and PostgreSQL both read concurrently; the driver releases the GIL
    while a query runs), so a page's cold render costs about its slowest aggregate."""
    stamp = data_stamp(db)

    def one(question: tuple[list[str], dict]) -> list[dict]:
        group_by, filters = question
        with Session(db.get_bind()) as own:
            own.info["tahub_stamp"] = stamp
            return counts(own, access, group_by, filters)

    if len(questions) == 1:
        return [counts(db, access, *questions[0])]
    with ThreadPoolExecutor(max_workers=min(4, len(questions))) as pool:
        return list(pool.map(one, questions))


def frozen(filters: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in filters.items()))


def cached(db: Session, access: Access, what: tuple, compute: Callable[[], T]) -> T:
    """`compute()` once per organisation, sharing groups, question and data stamp. Only for
    answers that depend on nothing else (counts, never rows of a user's own view)."""
    key = (access.organisation_id, access.group_ids, what, data_stamp(db))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = compute()
    with _lock:
        _cache[key] = value
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return value


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
    return cached(db, access, ("totals",), lambda: _kind_totals(db, access))


def _kind_totals(db: Session, access: Access) -> dict[str, dict]:
    out = {}
    for name, model in KINDS.items():
        cubed = cube_cells(db, access, [], {}) if model is Incident else None
        if cubed is not None:  # the incident cube: no scan of a million rows
            row = (cubed[0]["count"], cubed[0]["own"]) if cubed else (0, 0)
        else:
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
             "own": r.organisation_id == access.organisation_id} for r in rows]


def source_choices(db: Session, access: Access) -> list[tuple[int, str]]:
    return [(r.id, r.label) for r in db.execute(
        select(Source.id, Source.label).where(countable_sources(access)).order_by(Source.label))]
