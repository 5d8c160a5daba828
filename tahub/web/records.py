"""Visible, redacted incident rows for the search page and the exports: the API's own
listing (`listable_sources` in SQL, `redact_record` on every row) with the web filters."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.api.filters import IncidentFilters, incident_conditions
from tahub.api.listing import MAX_LIMIT, list_rows
from tahub.store.tables import Incident, IncidentPlace, IncidentTag
from tahub.web.filters import WebFilters


def with_tags(db: Session, records: list[dict]) -> None:
    ids = [r["id"] for r in records]
    found: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for incident_id, tag in db.execute(
                select(IncidentTag.incident_id, IncidentTag.tag)
                .where(IncidentTag.incident_id.in_(ids)).order_by(IncidentTag.tag)):
            found[incident_id].append(tag)
    for r in records:
        r["tags"] = found[r["id"]]


def with_places(db: Session, records: list[dict]) -> None:
    from tahub.api.listing import as_dict

    ids = [r["id"] for r in records]
    found: dict[int, list[dict]] = {i: [] for i in ids}
    if ids:
        for place in db.scalars(select(IncidentPlace).where(
                IncidentPlace.incident_id.in_(ids)).order_by(IncidentPlace.id)):
            found[place.incident_id].append(as_dict(place))
    for r in records:
        r["places"] = found[r["id"]]


def conditions(access: Access, filters: WebFilters, q: str | None = None) -> list:
    api = IncidentFilters(country=filters.country, exploitation=filters.exploitation,
                          year_from=filters.year_from, year_to=filters.year_to,
                          source=filters.source, q=q or None)
    out = incident_conditions(api, access)
    if filters.sector:
        out.append(exists().where(IncidentTag.incident_id == Incident.id,
                                  IncidentTag.tag == filters.sector))
    return out


def incidents(db: Session, access: Access, filters: WebFilters, limit: int, offset: int,
              q: str | None = None, places: bool = False) -> tuple[list[dict], int]:
    """One page of incidents the caller may see, redacted, with tags (and places)."""
    def extend(s: Session, records: list[dict]) -> None:
        with_tags(s, records)
        if places:
            with_places(s, records)

    return list_rows(db, access, Incident, "incidents", conditions(access, filters, q),
                     min(limit, MAX_LIMIT), offset, extend=extend)


def all_incidents(db: Session, access: Access, filters: WebFilters, cap: int,
                  places: bool = False) -> Iterator[dict]:
    """Every visible incident up to `cap`, page by page."""
    offset = 0
    while offset < cap:
        items, total = incidents(db, access, filters, min(MAX_LIMIT, cap - offset), offset,
                                 places=places)
        yield from items
        offset += len(items)
        if not items or offset >= total:
            return
