"""Aggregates from pre-counted cells (`tahub.store.cube_tables`), so a page over a million
incidents sums thousands of rows and the first request after a restart is as fast as
the next.

Cells are kept per *scope* (the source terms the policy decides on), in a few rollups
that each keep some of the aggregate fields; a query reads the smallest rollup holding
every field it groups or filters on. A cell summed from cube rows equals the cell counted
from incidents, key included, so disclosure control gives the same answer either way.
One rollup also keeps the source: a source lies inside one scope, so it is exact for any
reader who may count that scope. Place rollups count the incidents' places with
coordinates by H3 cell (`cell`, resolution 4: the map's hexagons), binned here in Python
since the databases cannot compute a cell. Area rollups count incidents once per
first-level area (`place_country`, `area`: the map's departments) their places name.
Tags kept are exploitation types and sectors.
A query the cube cannot answer (by source with another field than year and country;
several tag filters, or a tag filter while grouping by exploitation) is counted from the
incidents.

`refresh` brings the cube up to date with the committed incidents: a source that gained
incidents has only the new ones added (rows are appended; readers sum), a scope whose
sources changed terms, shrank or vanished, or whose key multiplier changed, is rebuilt.
Ingest and the pipeline call it after writing, so readers normally find nothing to do;
readers call it too (a cheap check) so an answer never lags the data.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from tahub.store.cube_tables import CubeCell, CubeScope, CubeSource
from tahub.store.tables import Incident, IncidentPlace, IncidentTag, Source

ALL = "*"
FULL = "all"
DIMENSIONS = ("country_of_exploitation", "citizenship", "year", "gender", "age_band")
BY_SOURCE = "s"
# rollup -> the fields it keeps, smallest first (queries take the first that suffices);
# FULL is counted from the incidents, BY_SOURCE too, the others from FULL's new cells
ROLLUPS = {"c": ("country_of_exploitation",),
           "yc": ("year", "country_of_exploitation"),
           "xc": ("citizenship", "country_of_exploitation"),
           "yxc": ("year", "citizenship", "country_of_exploitation"),
           BY_SOURCE: ("source", "year", "country_of_exploitation"),
           FULL: DIMENSIONS}
# the same for places with coordinates, by H3 cell
PLACE_ROLLUPS = {"h": ("cell",),
                 "hc": ("cell", "country_of_exploitation"),
                 "hyc": ("cell", "year", "country_of_exploitation"),
                 "hsyc": ("cell", "source", "year", "country_of_exploitation")}
PLACE_FIELDS = ("cell", "source", "year", "country_of_exploitation")
# incidents per first-level area of their places; the last keeps every field (counted
# from the places), the others are summed from its new cells
AREA = ("place_country", "area")
AREA_ROLLUPS = {"a": AREA, "ac": (*AREA, "country_of_exploitation"),
                "ayc": (*AREA, "year", "country_of_exploitation"),
                "asyc": (*AREA, "source", "year", "country_of_exploitation")}
RESOLUTION = 4  # H3 cells of about 1,800 km²
TAG_PREFIXES = ("exploitation.", "sector.")
SOURCE_COLUMNS = {"country_of_exploitation": Incident.country_of_exploitation,
                  "citizenship": Incident.citizenship, "year": Incident.registration_year,
                  "gender": Incident.gender, "age_band": Incident.age_band}
COLUMNS = {**{d: getattr(CubeCell, d) for d in DIMENSIONS}, "exploitation": CubeCell.exploitation,
           "source": CubeCell.source_id, "cell": CubeCell.cell,
           "place_country": CubeCell.place_country, "area": CubeCell.area}
COMPACT_AFTER = 16  # appends to a scope before it is rebuilt in one piece
_lock = threading.Lock()  # one refresher per process (the database lock covers processes)

Terms = tuple[int, str, int | None, str]


def terms_of(row: Any) -> Terms:
    """Everything the policy reads of a source, so equal terms mean equal visibility."""
    return (row.organisation_id, row.sharing, row.sharing_group_id, row.tlp)


def rollup_for(group_by: list[str], parsed: dict[str, Any]) -> str | None:
    """The smallest rollup giving exactly the count for this query, or None. Grouping by
    `cell` counts places with coordinates (a place rollup), by `area` incidents per area
    (an area rollup), anything else incidents."""
    tags = parsed.get("exploitation")
    if tags is not None and ("exploitation" in group_by or len(tags) != 1
                             or not str(tags[0]).startswith(TAG_PREFIXES)):
        return None
    needed = {g for g in group_by if g != "exploitation"}
    needed |= {"year" if f in ("year_from", "year_to") else f for f in parsed
               if f != "exploitation"}
    rollups = (PLACE_ROLLUPS if "cell" in needed else AREA_ROLLUPS if "area" in needed
               else ROLLUPS)
    return next((name for name, kept in rollups.items() if needed <= set(kept)), None)


def _survey(session: Session) -> tuple[list, dict[int, CubeSource], dict[int, CubeScope]]:
    """Every source with its terms and newest incident id; the cube's sources and scopes."""
    newest = (select(func.max(Incident.id)).where(Incident.source_id == Source.id)
              .correlate(Source).scalar_subquery())
    sources = session.execute(select(Source.id, Source.organisation_id, Source.sharing,
                                     Source.sharing_group_id, Source.tlp,
                                     func.coalesce(newest, 0).label("newest"))).all()
    states = {s.source_id: s for s in session.scalars(select(CubeSource))}
    scopes = {s.id: s for s in session.scalars(select(CubeScope))}
    return sources, states, scopes


def _plan(session: Session, multiplier: int) -> tuple[set[Terms], list[tuple], list]:
    """What to do: scopes (by terms) to rebuild, `(source, terms, after_id, newest)`
    additions, and the survey's sources."""
    sources, states, scopes = _survey(session)
    rebuild: set[Terms] = set()
    appends = []
    seen = set()
    for row in sources:
        seen.add(row.id)
        terms, state = terms_of(row), states.get(row.id)
        if state is None:
            if row.newest:
                appends.append((row.id, terms, 0, row.newest))
            continue
        built = terms_of(scopes[state.scope_id]) if state.scope_id in scopes else None
        if state.multiplier != multiplier or built != terms or row.newest < state.max_incident_id:
            rebuild |= {terms} | ({built} if built else set())
        elif row.newest > state.max_incident_id:
            appends.append((row.id, terms, state.max_incident_id, row.newest))
    for sid, state in states.items():
        if sid not in seen and state.scope_id in scopes:  # the source is gone
            rebuild.add(terms_of(scopes[state.scope_id]))
    if any(s.multiplier != multiplier for s in states.values()):
        rebuild |= {terms_of(s) for s in scopes.values()} | {terms_of(r) for r in sources}
    return rebuild, [a for a in appends if a[1] not in rebuild], sources


def is_fresh(session: Session) -> bool:
    """True when the cube holds exactly the committed incidents (a few small reads)."""
    from tahub.access.disclosure import key_multiplier

    rebuild, appends, _ = _plan(session, key_multiplier())
    return not rebuild and not appends


def refresh(session: Session) -> int:
    """Bring the cube up to date with the committed incidents; how many scopes changed.

    The work runs in a transaction of its own, except when `session` already holds
    SQLite's write lock (it wrote): then inside it, since another connection would wait
    for that lock forever."""
    from tahub.access.disclosure import key_multiplier

    multiplier = key_multiplier()
    rebuild, appends, _ = _plan(session, multiplier)
    if not rebuild and not appends:
        return 0
    if _writing(session):
        with _lock:
            return _apply(session, multiplier)
    with _lock, Session(session.get_bind()) as own, own.begin():
        _write_lock(own)
        return _apply(own, multiplier)


def warm(session: Session) -> int:
    """Refresh the cube after an ingest or a pipeline run, so the first aggregate a reader
    asks for does not pay for it; how many scopes changed."""
    return refresh(session)


def _writing(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite" or not session.in_transaction():
        return False
    return bool(session.connection().connection.driver_connection.in_transaction)


def _apply(session: Session, multiplier: int) -> int:
    rebuild, appends, sources = _plan(session, multiplier)  # again, under the lock
    scopes = {terms_of(s): s for s in session.scalars(select(CubeScope))}
    into: dict[Terms, list[tuple]] = {}
    for append in appends:
        into.setdefault(append[1], []).append(append)
    for terms, adds in into.items():
        scope = scopes.get(terms)
        if scope is not None and scope.appends + len(adds) > COMPACT_AFTER:
            rebuild.add(terms)
    for terms in rebuild:
        _rebuild(session, _scope(session, scopes, terms), sources, multiplier)
    for terms, adds in into.items():
        if terms not in rebuild:
            _append(session, _scope(session, scopes, terms), adds, multiplier)
    return len(rebuild) + len(set(into) - rebuild)


def _write_lock(session: Session) -> None:
    """Take the database's write lock before reading the state, so two processes never
    both add the same incidents."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7271, 1)"))
    else:  # SQLite: a write starts the write transaction; wait as long as a rebuild takes
        session.execute(text("PRAGMA busy_timeout = 600000"))
        session.execute(update(CubeScope).where(CubeScope.id < 0).values(version=0))


def _scope(session: Session, scopes: dict[Terms, CubeScope], terms: Terms) -> CubeScope:
    if terms not in scopes:
        org, sharing, group, tlp = terms
        scopes[terms] = CubeScope(organisation_id=org, sharing=sharing, sharing_group_id=group,
                                  tlp=tlp, version=0, appends=0)
        session.add(scopes[terms])
        session.flush()
    return scopes[terms]


def _rebuild(session: Session, scope: CubeScope, sources: list, multiplier: int) -> None:
    session.execute(delete(CubeCell).where(CubeCell.scope_id == scope.id))
    session.execute(delete(CubeSource).where(CubeSource.scope_id == scope.id))
    members = [r for r in sources if terms_of(r) == terms_of(scope) and r.newest]
    if members:
        _count(session, scope.id, or_(*(and_(Incident.source_id == r.id, Incident.id <= r.newest)
                                         for r in members)), multiplier)
    for r in members:
        session.merge(CubeSource(source_id=r.id, scope_id=scope.id, max_incident_id=r.newest,
                                 multiplier=multiplier))
    scope.version += 1
    scope.appends = 0
    session.flush()


def _append(session: Session, scope: CubeScope, adds: list[tuple], multiplier: int) -> None:
    _count(session, scope.id, or_(*(and_(Incident.source_id == sid, Incident.id > after,
                                         Incident.id <= newest)
                                    for sid, _terms, after, newest in adds)), multiplier)
    for sid, _terms, _after, newest in adds:
        session.merge(CubeSource(source_id=sid, scope_id=scope.id, max_incident_id=newest,
                                 multiplier=multiplier))
    scope.version += 1
    scope.appends += 1
    session.flush()


def _count(session: Session, scope_id: int, where: Any, multiplier: int) -> None:
    """Count the incidents matching `where` into new cells of every rollup of the scope:
    the full and by-source rollups from the incidents, the smaller ones from those new
    full cells, the place rollups from the incidents' places."""
    from tahub.access.disclosure import cell_key

    start = session.scalar(select(func.max(CubeCell.id))) or 0
    key = cell_key(multiplier=multiplier)
    kept_tag = and_(IncidentTag.incident_id == Incident.id,
                    or_(*(IncidentTag.tag.like(f"{p}%") for p in TAG_PREFIXES)))
    for name, fields in ((FULL, DIMENSIONS), (BY_SOURCE, ROLLUPS[BY_SOURCE])):
        dims = [Incident.source_id if d == "source" else SOURCE_COLUMNS[d] for d in fields]
        target = ["rollup", "scope_id", "exploitation",
                  *("source_id" if d == "source" else d for d in fields), "n", "key_sum"]
        head = (literal(name), literal(scope_id))
        every = (select(*head, literal(ALL), *dims, func.count(), key).where(where)
                 .group_by(*dims))
        tagged = (select(*head, IncidentTag.tag, *dims, func.count(), key)
                  .join(IncidentTag, kept_tag).where(where).group_by(IncidentTag.tag, *dims))
        for query in (every, tagged):
            session.execute(insert(CubeCell).from_select(target, query))
    _derive(session, scope_id, FULL,
            {n: kept for n, kept in ROLLUPS.items() if n not in (FULL, BY_SOURCE)}, start)
    _count_places(session, scope_id, where, multiplier, kept_tag)
    _count_areas(session, scope_id, where, key, kept_tag, start)


def _derive(session: Session, scope_id: int, source: str,
            derived: dict[str, tuple[str, ...]], start: int) -> None:
    """Cells of the `derived` rollups summed from the `source` rollup's cells added after
    cell id `start` (the fields a rollup does not keep stay NULL)."""
    for name, kept in derived.items():
        cols = [COLUMNS[d] for d in kept]
        query = (select(literal(name), literal(scope_id), CubeCell.exploitation, *cols,
                        func.sum(CubeCell.n), func.sum(CubeCell.key_sum))
                 .where(CubeCell.rollup == source, CubeCell.id > start)
                 .group_by(CubeCell.exploitation, *cols))
        target = ["rollup", "scope_id", "exploitation",
                  *("source_id" if d == "source" else d for d in kept), "n", "key_sum"]
        session.execute(insert(CubeCell).from_select(target, query))


def _count_areas(session: Session, scope_id: int, where: Any, key: Any,
                 kept_tag: Any, start: int) -> None:
    """Incidents matching `where` counted once per (country, first-level area) their
    places name, into the area rollups (the smaller ones from the largest's cells added
    after cell id `start`)."""
    places = (select(IncidentPlace.incident_id, IncidentPlace.country, IncidentPlace.admin1)
              .join(Incident, Incident.id == IncidentPlace.incident_id)
              .where(where, IncidentPlace.admin1.is_not(None),
                     IncidentPlace.country.is_not(None)).distinct().subquery())
    dims = [places.c.country, places.c.admin1, Incident.source_id,
            Incident.registration_year, Incident.country_of_exploitation]
    largest = list(AREA_ROLLUPS)[-1]
    target = ["rollup", "scope_id", "exploitation",
              *("source_id" if d == "source" else d for d in AREA_ROLLUPS[largest]),
              "n", "key_sum"]
    head = (literal(largest), literal(scope_id))
    counted = select(*head).select_from(places).join(Incident,
                                                      Incident.id == places.c.incident_id)
    every = counted.add_columns(literal(ALL), *dims, func.count(), key).group_by(*dims)
    tagged = (counted.join(IncidentTag, kept_tag)
              .add_columns(IncidentTag.tag, *dims, func.count(), key)
              .group_by(IncidentTag.tag, *dims))
    for query in (every, tagged):
        session.execute(insert(CubeCell).from_select(target, query))
    _derive(session, scope_id, largest,
            {n: kept for n, kept in AREA_ROLLUPS.items() if n != largest}, start)


def _count_places(session: Session, scope_id: int, where: Any, multiplier: int,
                  kept_tag: Any) -> None:
    """Places with coordinates of the incidents matching `where`, binned into H3 cells
    and counted into the place rollups (each place counts once, like a point on the map;
    its key is its incident's)."""
    from tahub.access.disclosure import KEY_MODULUS
    from tahub.store.writer import insert_rows

    fields = (Incident.id, Incident.source_id, Incident.registration_year,
              Incident.country_of_exploitation, IncidentPlace.lat, IncidentPlace.lon)
    base = (select(*fields).select_from(IncidentPlace)
            .join(Incident, Incident.id == IncidentPlace.incident_id)
            .where(where, IncidentPlace.lat.is_not(None), IncidentPlace.lon.is_not(None)))
    every = base.add_columns(literal(ALL))
    tagged = base.add_columns(IncidentTag.tag).join(IncidentTag, kept_tag)
    full: dict[tuple, list[int]] = {}
    for query in (every, tagged):
        for incident, source, year, country, lat, lon, tag in session.execute(query):
            cell = _cell(lat, lon)
            if cell is None:
                continue
            counted = full.setdefault((tag, cell, source, year, country), [0, 0])
            counted[0] += 1
            counted[1] += incident * multiplier % KEY_MODULUS
    rows = []
    for name, kept in PLACE_ROLLUPS.items():
        keep = [f in kept for f in PLACE_FIELDS]
        summed = full if all(keep) else _project(full, keep)
        rows.extend((name, scope_id, *group, n, key) for group, (n, key) in summed.items())
    insert_rows(session.connection(), CubeCell.__tablename__,
                ["rollup", "scope_id", "exploitation", "cell", "source_id", "year",
                 "country_of_exploitation", "n", "key_sum"], rows)


@lru_cache(maxsize=1 << 16)  # geocoded places repeat a gazetteer's coordinates
def _cell(lat: float, lon: float) -> str | None:
    """The H3 cell of a point, None when the coordinates are out of range."""
    import h3

    if -90 <= lat <= 90 and -180 <= lon <= 180:
        return h3.latlng_to_cell(lat, lon, RESOLUTION)
    return None


def _project(full: dict[tuple, list[int]], keep: list[bool]) -> dict[tuple, list[int]]:
    """`(tag, *PLACE_FIELDS)` counts summed over the fields not kept (set to None)."""
    summed: dict[tuple, list[int]] = {}
    for (tag, *values), (n, key) in full.items():
        cell = summed.setdefault((tag, *(v if k else None for v, k in zip(
            values, keep, strict=True))), [0, 0])
        cell[0] += n
        cell[1] += key
    return summed


def scopes_for(session: Session, visible: Iterable[int],
               organisation_id: int) -> tuple[list[int], set[int]] | None:
    """The scopes holding the `visible` sources' incidents, and those the caller owns; None
    when a scope also holds a source outside `visible` (then the cube cannot answer)."""
    visible = set(visible)
    rows = session.execute(select(CubeSource.source_id, CubeSource.scope_id,
                                  CubeScope.organisation_id)
                           .join(CubeScope, CubeScope.id == CubeSource.scope_id)).all()
    scopes = {r.scope_id for r in rows if r.source_id in visible}
    if any(r.scope_id in scopes and r.source_id not in visible for r in rows):
        return None
    return sorted(scopes), {r.scope_id for r in rows
                            if r.scope_id in scopes and r.organisation_id == organisation_id}


def cells(session: Session, rollup: str, group_by: list[str], parsed: dict[str, Any],
          scope_ids: list[int], own_ids: set[int]) -> list[dict]:
    """Cells `{"group", "count", "own", "key"}` summed over the scopes' rows of `rollup`."""
    if "source" in parsed:  # only the scopes holding those sources
        holding = set(session.scalars(select(CubeSource.scope_id).where(
            CubeSource.source_id.in_(parsed["source"]))))
        scope_ids = [s for s in scope_ids if s in holding]
    if not scope_ids:
        return []
    columns = [COLUMNS[g].label(g) for g in group_by]
    own = func.sum(case((CubeCell.scope_id.in_(sorted(own_ids)), CubeCell.n),
                        else_=0)) if own_ids else literal(0)
    tags = parsed.get("exploitation")
    if "exploitation" in group_by:
        where = [CubeCell.exploitation.like("exploitation.%")]
    else:
        where = [CubeCell.exploitation == (str(tags[0]) if tags else ALL)]
    where += [CubeCell.rollup == rollup, CubeCell.scope_id.in_(scope_ids)]
    for name, values in parsed.items():
        if name == "year_from":
            where.append(CubeCell.year >= values)
        elif name == "year_to":
            where.append(CubeCell.year <= values)
        elif name != "exploitation":
            where.append(COLUMNS[name].in_(values))
    query = select(*columns, func.sum(CubeCell.n).label("n"), own.label("own"),
                   func.sum(CubeCell.key_sum).label("key")).where(*where)
    if columns:
        query = query.group_by(*columns)
    return [{"group": {g: row[i] for i, g in enumerate(group_by)}, "count": int(row.n),
             "own": int(row.own or 0), "key": int(row.key or 0)}
            for row in session.execute(query) if row.n]
