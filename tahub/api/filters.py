"""Query parameters shared by lists and aggregates, validated before any SQL is built.

Every value reaches SQL as a bound parameter; patterns and bounds keep out what the
database would choke on (NUL bytes, integers past 64 bits), so bad input is a 422.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Depends, Query
from sqlalchemy import ColumnElement, exists, or_, select

from tahub.access.context import Access
from tahub.access.policy import text_searchable_sources
from tahub.api.listing import MAX_LIMIT
from tahub.store.tables import Document, Incident, IncidentTag, Source

TEXT = r"^[^\x00-\x1f\x7f]*$"
MAX_ID = 2**62


@dataclass
class PageParams:
    limit: int
    offset: int


def page_params(
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}."),
    offset: int = Query(0, ge=0, le=10**9),
) -> PageParams:
    return PageParams(limit, offset)


@dataclass
class IncidentFilters:
    country: str | None = None
    citizenship: str | None = None
    exploitation: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    source: int | None = None
    q: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def incident_filters(
    country: str | None = Query(None, pattern=r"^[A-Za-z]{2}$",
                                description="Country of exploitation, ISO alpha-2 (UA)."),
    citizenship: str | None = Query(None, pattern=r"^[A-Za-z]{2}$",
                                    description="Citizenship, ISO alpha-2."),
    exploitation: str | None = Query(None, pattern=r"^[a-z_]+(\.[a-z_]+)*$", max_length=80,
                                     description="Golden tag, e.g. exploitation.sexual "
                                                 "(or just sexual)."),
    year_from: int | None = Query(None, ge=1900, le=2100),
    year_to: int | None = Query(None, ge=1900, le=2100),
    source: int | None = Query(None, ge=1, le=MAX_ID, description="Source id."),
    q: str | None = Query(None, min_length=1, max_length=200, pattern=TEXT,
                          description="Words in the data source label or document title."),
) -> IncidentFilters:
    if exploitation and "." not in exploitation:
        exploitation = f"exploitation.{exploitation}"
    return IncidentFilters(country.upper() if country else None,
                           citizenship.upper() if citizenship else None,
                           exploitation, year_from, year_to, source, q)


def count_filters(
    country: str | None = Query(None, pattern=r"^[A-Za-z]{2}$",
                                description="Country of exploitation, ISO alpha-2 (UA)."),
    citizenship: str | None = Query(None, pattern=r"^[A-Za-z]{2}$",
                                    description="Citizenship, ISO alpha-2."),
    exploitation: str | None = Query(None, pattern=r"^[a-z_]+(\.[a-z_]+)*$", max_length=80,
                                     description="Golden tag, e.g. exploitation.sexual."),
    year_from: int | None = Query(None, ge=1900, le=2100),
    year_to: int | None = Query(None, ge=1900, le=2100),
    source: int | None = Query(None, ge=1, le=MAX_ID, description="Source id."),
) -> IncidentFilters:
    """The incident filters without free text: aggregates take no `q`, which could
    single out one record's words."""
    return incident_filters(country, citizenship, exploitation, year_from, year_to, source,
                            None)


Filters = Annotated[IncidentFilters, Depends(incident_filters)]
CountFilters = Annotated[IncidentFilters, Depends(count_filters)]
Paging = Annotated[PageParams, Depends(page_params)]


def like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def incident_conditions(f: IncidentFilters, access: Access) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.country:
        out.append(Incident.country_of_exploitation == f.country)
    if f.citizenship:
        out.append(Incident.citizenship == f.citizenship)
    if f.exploitation:
        out.append(exists().where(IncidentTag.incident_id == Incident.id,
                                  IncidentTag.tag == f.exploitation))
    if f.year_from is not None:
        out.append(Incident.registration_year >= f.year_from)
    if f.year_to is not None:
        out.append(Incident.registration_year <= f.year_to)
    if f.source is not None:
        out.append(Incident.source_id == f.source)
    if f.q:
        pattern = like(f.q)
        out.append(or_(
            Incident.data_source.ilike(pattern, escape="\\"),
            Incident.document_id.in_(select(Document.id).where(
                document_text_matches(pattern, access)))))
    return out


def document_text_matches(pattern: str, access: Access) -> ColumnElement[bool]:
    """Title for everyone; body text only where the policy lets the caller search it."""
    return or_(Document.title.ilike(pattern, escape="\\"),
               Document.text.ilike(pattern, escape="\\")
               & Document.source_id.in_(select(Source.id).where(text_searchable_sources(access))))
