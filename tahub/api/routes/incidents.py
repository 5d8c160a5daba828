"""Incidents: filtered lists and one incident with its places and evidence."""

from __future__ import annotations

from fastapi import APIRouter, Path
from sqlalchemy import select
from sqlalchemy.orm import Session

from tahub.access.policy import can_list, get_listable, redact_record
from tahub.api.deps import Ctx
from tahub.api.filters import MAX_ID, Filters, Paging, incident_conditions
from tahub.api.listing import as_dict, list_rows
from tahub.api.models import IncidentDetail, IncidentOut, Page
from tahub.store.tables import Document, Incident, IncidentPlace, IncidentTag, Source, TagHit

router = APIRouter(tags=["incidents"])


def _with_tags(session: Session, records: list[dict]) -> None:
    ids = [r["id"] for r in records]
    tags: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for incident_id, tag in session.execute(
                select(IncidentTag.incident_id, IncidentTag.tag)
                .where(IncidentTag.incident_id.in_(ids)).order_by(IncidentTag.tag)):
            tags[incident_id].append(tag)
    for r in records:
        r["tags"] = tags[r["id"]]


@router.get("/incidents", response_model=Page[IncidentOut])
def list_incidents(ctx: Ctx, filters: Filters, page: Paging) -> dict:
    """Incidents the caller may see, ordered by id; `total` counts only those."""
    items, total = list_rows(ctx.session, ctx.access, Incident, "incidents",
                             incident_conditions(filters, ctx.access), page.limit, page.offset,
                             extend=_with_tags)
    ctx.done("list", "incidents", {**filters.as_dict(), "limit": page.limit,
                                   "offset": page.offset})
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


@router.get("/incidents/{incident_id}", response_model=IncidentDetail)
def get_incident(ctx: Ctx, incident_id: int = Path(ge=1, le=MAX_ID)) -> dict:
    """One incident with its tags, places (coarsened outside the owner) and evidence."""
    s = ctx.session
    row, source = get_listable(s, ctx.access, Incident, incident_id)
    record = as_dict(row)
    _with_tags(s, [record])
    record["places"] = [as_dict(p) for p in s.scalars(
        select(IncidentPlace).where(IncidentPlace.incident_id == row.id)
        .order_by(IncidentPlace.id))]
    out = redact_record(ctx.access, source, record, "incidents")
    out["evidence"] = _evidence(ctx, row.document_id)
    ctx.done("read", f"incident:{row.id}")
    return out


def _evidence(ctx: Ctx, document_id: int | None) -> list[dict]:
    """Tag hits of the incident's document, redacted by the document's own source."""
    document = ctx.session.get(Document, document_id) if document_id is not None else None
    if document is None:
        return []
    source = ctx.session.get(Source, document.source_id)
    if not can_list(ctx.access, source):
        return []
    return [redact_record(ctx.access, source, as_dict(h), "evidence") for h in
            ctx.session.scalars(select(TagHit).where(TagHit.document_id == document.id)
                                .order_by(TagHit.start, TagHit.id))]
