"""Disclosure control for counts shown outside the owner organisation.

A cell is sensitive when the rows of *other* organisations in it number 1..k-1: the caller
knows its own rows, so that is what must not be recoverable. Sensitive cells are suppressed;
then, along every line of the table (one dimension varying, the others fixed: exactly the
cells a lower-dimensional query sums into one margin), a line holding suppressed cells gets
further cells suppressed until it holds at least two and their foreign rows add up to k or
more, so neither a total nor an overlapping query pins a hidden cell down. Cells holding
only the caller's rows are exact; the rest are rounded to 5, at random but repeatably (the
direction comes from the cell's key, a sum of secret per-record keys).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import BigInteger, and_, case, cast, exists, func, select
from sqlalchemy.orm import Session, aliased

from tahub.access.context import Access
from tahub.access.policy import countable_sources
from tahub.errors import UsageError
from tahub.store.tables import Incident, IncidentTag, Source

ROUND_TO = 5
KEY_MODULUS = 1_000_003  # record keys are (id * multiplier) mod this prime
MAX_DIMENSIONS = 4
FIELDS = {
    "country_of_exploitation": Incident.country_of_exploitation,
    "citizenship": Incident.citizenship,
    "year": Incident.registration_year,
    "gender": Incident.gender,
    "age_band": Incident.age_band,
    "source": Incident.source_id,
    "exploitation": IncidentTag.tag,
}
RANGE_FILTERS = {"year_from": (Incident.registration_year, ">="),
                 "year_to": (Incident.registration_year, "<=")}
# a second tag the incidents must also hold (a sector beside an exploitation type);
# filter only, never a grouping
TAG_FILTERS = ("sector",)


def round_count(n: int, step: int = ROUND_TO, key: int | None = None) -> int:
    """`n` to a multiple of `step`. With a cell `key`, rounding is random but repeatable
    (up with probability remainder/step, decided by the key: unbiased, and the same cell
    always shows the same value, so asking again averages nothing away); without one, to
    the nearest multiple, halves up."""
    if key is None:
        return (2 * n + step) // (2 * step) * step
    low = n // step * step
    return low + step if key % step < n - low else low


def protect_table(cells: list[dict], k: int, round_to: int = ROUND_TO) -> list[dict]:
    """Cells safe to show: `[{"group": {...}, "count": int, "own"?: int, "key"?: int}]` in,
    each out as `{"group", "count", "suppressed", "exact"}`, `count` None when suppressed.

    `own` is how many of the cell's rows belong to the caller's organisation (default 0);
    `key` is the cell key for repeatable random rounding (see `round_count`).
    """
    foreign = [c["count"] - c.get("own", 0) for c in cells]
    hidden = {i for i, f in enumerate(foreign) if 0 < f < k}
    dims = sorted(cells[0]["group"]) if cells else []
    lines = list(_lines(cells, dims))
    lines_of: dict[int, list[int]] = defaultdict(list)
    for n, line in enumerate(lines):
        for i in line:
            lines_of[i].append(n)

    def cost(i: int, line_no: int) -> tuple:
        """Prefer a complement whose value no margin gives away and that leaves no other
        line newly holding a lone hidden cell; then the smallest."""
        others = [lines[n] for n in lines_of[i] if n != line_no]
        exposed = any(len(other) == 1 for other in others)
        lone = sum(1 for other in others if not hidden.intersection(other))
        return (exposed, lone, foreign[i], cells[i]["count"])

    changed = bool(hidden)
    while changed:
        changed = False
        for line_no, line in enumerate(lines):
            shut = [i for i in line if i in hidden]
            if not shut or (len(shut) >= 2 and sum(foreign[i] for i in shut) >= k):
                continue
            open_ = [i for i in line if i not in hidden and foreign[i] > 0]
            if open_:  # else the line's margin holds < k foreign rows and is itself hidden
                hidden.add(min(open_, key=lambda i: cost(i, line_no)))  # noqa: B023
                changed = True
    out = []
    for i, cell in enumerate(cells):
        shown: dict[str, Any] = {"group": dict(cell["group"]), "count": None,
                                 "suppressed": i in hidden, "exact": False}
        if foreign[i] == 0:
            shown.update(count=cell["count"], exact=True)
        elif i not in hidden:
            shown["count"] = round_count(cell["count"], round_to, cell.get("key"))
        out.append(shown)
    return out


def _lines(cells: list[dict], dims: list[str]) -> Iterable[list[int]]:
    """Index lists of cells that share every group value but one dimension's."""
    if len(dims) <= 1:
        yield list(range(len(cells)))
        return
    for d in dims:
        by_rest: dict[tuple, list[int]] = defaultdict(list)
        for i, cell in enumerate(cells):
            by_rest[tuple(repr(cell["group"][o]) for o in dims if o != d)].append(i)
        yield from by_rest.values()


def key_multiplier() -> int:
    """The installation's secret multiplier for record keys: an outsider cannot predict
    which way a cell is rounded."""
    import hashlib
    import hmac

    from tahub.config import installation_secret

    digest = hmac.new(installation_secret(), b"tahub cell keys", hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") % (KEY_MODULUS - 1) + 1


def cell_key(column: Any = Incident.id, multiplier: int | None = None) -> Any:
    """SQL aggregate giving a cell's key: the sum of its records' keys (each record's id
    times the installation's multiplier, modulo KEY_MODULUS). Pass it to `protect_table` as
    each cell's "key" so rounding is repeatable per set of records."""
    factor = key_multiplier() if multiplier is None else multiplier
    return func.sum(cast(column, BigInteger) * factor % KEY_MODULUS)


def threshold(session: Session, access: Access) -> int:
    """k for the caller's tables: the strictest level among other organisations' sources
    the caller may count."""
    levels = session.scalars(select(Source.sharing).distinct().where(
        countable_sources(access), Source.organisation_id != access.organisation_id)).all()
    return k_for(levels)


def k_for(levels: Iterable[str]) -> int:
    """The threshold for a table mixing foreign rows shared at `levels`: the strictest."""
    from tahub.config import get_settings

    settings = get_settings()
    per_level = {"group": settings.k_group, "members": settings.k_members,
                 "public": settings.k_public}
    return max((per_level.get(level, settings.k_public) for level in levels),
               default=settings.k_public)


def parse_filters(filters: dict[str, Any] | None) -> dict[str, Any]:
    """Filters checked and normalised: `year_from`/`year_to` as ints, every field a list
    (whole numbers for year and source); empty values dropped. UsageError names the bad one."""
    parsed: dict[str, Any] = {}
    for name, value in (filters or {}).items():
        if value is None or value == "" or value == []:
            continue
        if name in RANGE_FILTERS:
            try:
                parsed[name] = int(value)
            except (TypeError, ValueError):
                raise UsageError(f"filter '{name}' must be a year, not {value!r}") from None
            continue
        if name not in FIELDS and name not in TAG_FILTERS:
            raise UsageError(f"unknown filter '{name}'; use one of "
                             f"{', '.join(sorted([*FIELDS, *RANGE_FILTERS, *TAG_FILTERS]))}")
        values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        if name in ("year", "source"):
            try:
                values = [int(v) for v in values]
            except (TypeError, ValueError):
                raise UsageError(f"filter '{name}' takes whole numbers") from None
        tag = name == "exploitation" or name in TAG_FILTERS
        parsed[name] = [str(v) for v in values] if tag else values
    return parsed


def where_clauses(filters: dict[str, Any]) -> list:
    """`filters` as where-clauses over `Incident` (exploitation, sector: holds any of the
    tags; aliased, since the outer query may join IncidentTag too)."""
    clauses = []
    for name, value in parse_filters(filters).items():
        if name in RANGE_FILTERS:
            column, op = RANGE_FILTERS[name]
            clauses.append(column >= value if op == ">=" else column <= value)
        elif name == "exploitation" or name in TAG_FILTERS:
            held = aliased(IncidentTag)
            clauses.append(exists().where(held.incident_id == Incident.id,
                                          held.tag.in_(value)))
        else:
            clauses.append(FIELDS[name].in_(value))
    return clauses


def live_cells(session: Session, access: Access, group_by: list[str],
               filters: dict) -> list[dict]:
    """Cells counted straight from the incidents (what the cube must reproduce)."""
    own = func.sum(case((Source.organisation_id == access.organisation_id, 1), else_=0))
    columns = [FIELDS[g].label(g) for g in group_by]
    query = (select(*columns, func.count().label("n"), own.label("own"),
                    cell_key().label("key"))
             .select_from(Incident).join(Source, Source.id == Incident.source_id))
    if "exploitation" in group_by:
        query = query.join(IncidentTag, and_(IncidentTag.incident_id == Incident.id,
                                             IncidentTag.tag.like("exploitation.%")))
    query = query.where(countable_sources(access), *where_clauses(filters))
    if columns:
        query = query.group_by(*columns)
    return [{"group": {g: row[i] for i, g in enumerate(group_by)}, "count": row.n,
             "own": int(row.own or 0), "key": int(row.key or 0)}
            for row in session.execute(query) if row.n]


def cube_cells(session: Session, access: Access, group_by: list[str],
               filters: dict) -> list[dict] | None:
    """The same cells from the incident cube (refreshed first), or None when the cube
    cannot answer this query exactly."""
    from tahub.access import cube

    parsed = parse_filters(filters)
    rollup = cube.rollup_for(group_by, parsed)
    if rollup is None:
        return None
    cube.refresh(session)
    visible = session.scalars(select(Source.id).where(countable_sources(access)))
    scopes = cube.scopes_for(session, visible, access.organisation_id)
    if scopes is None:
        return None
    return cube.cells(session, rollup, group_by, parsed, *scopes)


def aggregate(session: Session, access: Access, group_by: list[str],
              filters: dict) -> dict:
    """Incidents counted by `group_by` for the caller, disclosure-controlled.

    Counts every row the policy lets the caller count; cells holding only the caller's
    own rows are exact, the others pass through `protect_table` with the k of the
    strictest sharing level among the other organisations' sources. A cell's key is the
    sum of its records' keys, so a cell of the same records rounds the same way in every
    query that contains it. Counts come from the incident cube when it can answer.
    """
    group_by = list(dict.fromkeys(group_by))
    unknown = [g for g in group_by if g not in FIELDS]
    if unknown:
        raise UsageError(f"cannot group by {', '.join(unknown)}; use "
                         f"{', '.join(sorted(FIELDS))}")
    if len(group_by) > MAX_DIMENSIONS:
        raise UsageError(f"group by at most {MAX_DIMENSIONS} fields")
    cells = cube_cells(session, access, group_by, filters)
    if cells is None:
        cells = live_cells(session, access, group_by, filters)
    cells.sort(key=lambda c: tuple((v is None, "" if v is None else v)
                                  for v in c["group"].values()))
    k = threshold(session, access)
    protected = protect_table(cells, k)
    return {"group_by": group_by, "cells": protected, "k": k, "round_to": ROUND_TO,
            "suppressed": sum(c["suppressed"] for c in protected)}
