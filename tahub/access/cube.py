"""Aggregates from pre-counted cells: one row per source and combination of the fields
aggregates group on, with the count and the sum of record keys (see disclosure.cell_key).

A cell summed from cube rows equals the cell counted from incidents, key included, so
disclosure control gives the same answer either way. A source's rows are rebuilt, inside
the caller's transaction, when its newest incident id differs from the one they were built
from; a query the cube cannot answer (several exploitation filters, or an exploitation
filter while grouping by exploitation) is counted from the incidents.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, and_, case, cast, delete, func, insert, literal, select, text
from sqlalchemy.orm import Session

from tahub.store.access_tables import IncidentCube, IncidentCubeState
from tahub.store.tables import Incident, IncidentTag

ALL = "*"
DIMENSIONS = ("country_of_exploitation", "citizenship", "year", "gender", "age_band")
SOURCE_COLUMNS = {"country_of_exploitation": Incident.country_of_exploitation,
                  "citizenship": Incident.citizenship, "year": Incident.registration_year,
                  "gender": Incident.gender, "age_band": Incident.age_band}
COLUMNS = {**{d: getattr(IncidentCube, d) for d in DIMENSIONS},
           "source": IncidentCube.source_id, "exploitation": IncidentCube.exploitation}


def answerable(group_by: list[str], parsed: dict[str, Any]) -> bool:
    """Whether cube rows give exactly the incident count for this query."""
    tags = parsed.get("exploitation")
    if tags is None:
        return True
    return ("exploitation" not in group_by and len(tags) == 1
            and str(tags[0]).startswith("exploitation."))


def refresh(session: Session, source_ids: list[int], multiplier: int) -> int:
    """Rebuild the cube rows of every stale source among `source_ids`; how many were."""
    states = {s.source_id: s for s in session.scalars(
        select(IncidentCubeState).where(IncidentCubeState.source_id.in_(source_ids)))}
    rebuilt = 0
    for sid in source_ids:
        newest = session.scalar(select(func.max(Incident.id)).where(Incident.source_id == sid))
        state = states.get(sid)
        if state and state.max_incident_id == (newest or 0) and state.multiplier == multiplier:
            continue
        _rebuild(session, sid, newest or 0, multiplier)
        rebuilt += 1
    return rebuilt


def warm(session: Session) -> int:
    """Refresh every source's cube rows (after an ingest or a pipeline run), so the first
    aggregate a reader asks for does not pay for the build; how many were rebuilt."""
    from tahub.access.disclosure import key_multiplier
    from tahub.store.tables import Source

    return refresh(session, list(session.scalars(select(Source.id))), key_multiplier())


def _rebuild(session: Session, sid: int, newest: int, multiplier: int) -> None:
    from tahub.access.disclosure import KEY_MODULUS

    if session.get_bind().dialect.name == "postgresql":  # one rebuilder per source at once
        session.execute(text("SELECT pg_advisory_xact_lock(7271, :sid)"), {"sid": sid})
    session.execute(delete(IncidentCube).where(IncidentCube.source_id == sid))
    key = func.sum(cast(Incident.id, BigInteger) * multiplier % KEY_MODULUS)
    dims = [SOURCE_COLUMNS[d] for d in DIMENSIONS]
    target = ["source_id", "exploitation", *DIMENSIONS, "n", "key_sum"]
    every = (select(Incident.source_id, literal(ALL), *dims, func.count(), key)
             .where(Incident.source_id == sid).group_by(Incident.source_id, *dims))
    tagged = (select(Incident.source_id, IncidentTag.tag, *dims, func.count(), key)
              .join(IncidentTag, and_(IncidentTag.incident_id == Incident.id,
                                      IncidentTag.tag.like("exploitation.%")))
              .where(Incident.source_id == sid)
              .group_by(Incident.source_id, IncidentTag.tag, *dims))
    for query in (every, tagged):
        session.execute(insert(IncidentCube).from_select(target, query))
    session.merge(IncidentCubeState(source_id=sid, max_incident_id=newest,
                                    multiplier=multiplier))
    session.flush()


def cells(session: Session, group_by: list[str], parsed: dict[str, Any],
          own_ids: set[int], source_ids: list[int]) -> list[dict]:
    """Cells `{"group", "count", "own", "key"}` over the cube rows of `source_ids`."""
    if not source_ids:
        return []
    columns = [COLUMNS[g].label(g) for g in group_by]
    own = func.sum(case((IncidentCube.source_id.in_(sorted(own_ids)), IncidentCube.n),
                        else_=0)) if own_ids else literal(0)
    tags = parsed.get("exploitation")
    if "exploitation" in group_by:
        where = [IncidentCube.exploitation != ALL]
    elif tags:
        where = [IncidentCube.exploitation == str(tags[0])]
    else:
        where = [IncidentCube.exploitation == ALL]
    where.append(IncidentCube.source_id.in_(source_ids))
    for name, values in parsed.items():
        if name == "year_from":
            where.append(IncidentCube.year >= values)
        elif name == "year_to":
            where.append(IncidentCube.year <= values)
        elif name != "exploitation":
            where.append(COLUMNS[name].in_(values))
    query = select(*columns, func.sum(IncidentCube.n).label("n"), own.label("own"),
                   func.sum(IncidentCube.key_sum).label("key")).where(*where)
    if columns:
        query = query.group_by(*columns)
    return [{"group": {g: row[i] for i, g in enumerate(group_by)}, "count": int(row.n),
             "own": int(row.own or 0), "key": int(row.key or 0)}
            for row in session.execute(query) if row.n]
