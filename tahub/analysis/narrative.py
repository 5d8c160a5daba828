"""What changed: the latest period against the one before, from disclosure-controlled cells.

Pure functions over the cell lists `tahub.access.disclosure.aggregate` returns
(`{"group": {...}, "count": int | None, "suppressed": bool}`). A suppressed cell is
unknown, not zero: no change is claimed from it, and a route hidden last period is not
"new" this period. The web page turns the result into sentences in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PERIOD = "year"


@dataclass(frozen=True)
class Change:
    """One value of one dimension whose count rose from `before` to `after`."""

    dimension: str
    value: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Route:
    """A citizenship -> country-of-exploitation pair seen this period and not the one before."""

    origin: str
    destination: str
    count: int


@dataclass(frozen=True)
class Narrative:
    period: int
    previous: int
    total: int | None
    total_before: int | None
    increases: list[Change] = field(default_factory=list)
    new_routes: list[Route] = field(default_factory=list)


def _table(cells: Iterable[dict], keys: Sequence[str]) -> dict[tuple, int | None]:
    """{(period, *key values): count or None when suppressed}; cells lacking a key skipped."""
    out: dict[tuple, int | None] = {}
    for cell in cells:
        group = cell["group"]
        values = (group.get(PERIOD), *(group.get(k) for k in keys))
        if any(v is None for v in values):
            continue
        out[values] = None if cell.get("suppressed") else cell.get("count")
    return out


def latest_periods(cells: Iterable[dict]) -> tuple[int, int] | None:
    """The latest period holding any count, and the period just before it."""
    periods = sorted({c["group"].get(PERIOD) for c in cells
                      if c["group"].get(PERIOD) is not None and not c.get("suppressed")})
    if not periods:
        return None
    return periods[-1], periods[-1] - 1


def increases(cells: Iterable[dict], dimension: str, period: int, previous: int,
              top: int = 3) -> list[Change]:
    """The `top` largest known rises of `dimension` values from `previous` to `period`.

    A value absent in a period counts 0 there; a suppressed cell in either period makes
    the change unknown, so it is left out.
    """
    table = _table(cells, [dimension])
    values = {k[1] for k in table if k[0] in (period, previous)}
    changes = []
    for value in values:
        now, before = table.get((period, value), 0), table.get((previous, value), 0)
        if now is None or before is None or now <= before:
            continue
        changes.append(Change(dimension, str(value), before, now))
    changes.sort(key=lambda c: (-c.delta, c.value))
    return changes[:top]


def new_routes(cells: Iterable[dict], period: int, previous: int, origin: str = "citizenship",
               destination: str = "country_of_exploitation", top: int = 3) -> list[Route]:
    """Routes with a count this period and no row at all the period before (a suppressed
    cell the period before means the route existed, so it is not new)."""
    table = _table(cells, [origin, destination])
    found = []
    for (when, o, d), count in table.items():
        if when != period or not count or o == d:
            continue
        if (previous, o, d) in table:
            continue
        found.append(Route(str(o), str(d), count))
    found.sort(key=lambda r: (-r.count, r.origin, r.destination))
    return found[:top]


def _total(cells: Iterable[dict], period: int) -> int | None:
    for cell in cells:
        if cell["group"].get(PERIOD) == period:
            return None if cell.get("suppressed") else cell.get("count")
    return 0


def what_changed(by_year: list[dict], by_country: list[dict], by_type: list[dict],
                 by_route: list[dict], top: int = 3) -> Narrative | None:
    """The narrative's facts, or None when the data holds no period with a count."""
    periods = latest_periods(by_year)
    if periods is None:
        return None
    period, previous = periods
    return Narrative(
        period=period, previous=previous,
        total=_total(by_year, period), total_before=_total(by_year, previous),
        increases=(increases(by_country, "country_of_exploitation", period, previous, top)
                   + increases(by_type, "exploitation", period, previous, top)),
        new_routes=new_routes(by_route, period, previous, top=top))
