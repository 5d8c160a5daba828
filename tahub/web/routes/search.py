"""/search over incidents and documents, and the detail pages with highlighted evidence.

Rows come through the same listing as the API (`listable_sources` in SQL, fields through
`redact_record`): text of other organisations' documents is never searched nor shown.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from tahub.access.context import NotFound
from tahub.access.policy import can_list, get_listable, redact_record
from tahub.api.filters import document_text_matches, like
from tahub.api.listing import as_dict, list_rows
from tahub.store.tables import Document, Incident, Source, TagHit
from tahub.web import records
from tahub.web.evidence import segments
from tahub.web.filters import read_filters
from tahub.web.pages import Reader

router = APIRouter(include_in_schema=False)
PAGE = 25
MAX_Q = 200


@router.get("/search")
def search(ctx: Reader) -> HTMLResponse:
    filters = read_filters(ctx.request)
    q = (ctx.request.query_params.get("q") or "").strip()[:MAX_Q]
    q = "".join(ch for ch in q if ch.isprintable())
    kind = ctx.request.query_params.get("kind") or "incidents"
    kind = kind if kind in ("incidents", "documents") else "incidents"
    raw_page = ctx.request.query_params.get("page", "1")
    page = max(1, min(int(raw_page), 10_000)) if raw_page.isdigit() else 1
    offset = (page - 1) * PAGE
    if kind == "incidents":
        items, total = records.incidents(ctx.db, ctx.access, filters, PAGE, offset, q=q)
    else:
        conditions = [document_text_matches(like(q), ctx.access)] if q else []
        if filters.source is not None:
            conditions.append(Document.source_id == filters.source)
        items, total = list_rows(ctx.db, ctx.access, Document, "documents", conditions, PAGE,
                                 offset)
    ctx.audit("search", kind, {**filters.as_dict(), "q": q or None, "page": page})
    return ctx.render("search.html", title=ctx._("Search"), filters=filters, q=q, kind=kind,
                      items=items, total=total, page=page, pages=max(1, -(-total // PAGE)))


def _not_found(ctx: Reader) -> HTMLResponse:
    """A hidden record and a missing one get the same answer, and the same audit entry."""
    return ctx.refused(404, ctx._("Not found"), ctx._("No such record, or not one you may see."))


def _facts(ctx: Reader, document: Document) -> tuple[list[dict], list, bool]:
    """The document's facts as the caller may see them, and its text in segments."""
    source = ctx.db.get(Source, document.source_id)
    hits = [as_dict(h) for h in ctx.db.scalars(
        select(TagHit).where(TagHit.document_id == document.id)
        .order_by(TagHit.start, TagHit.id))]
    record = redact_record(ctx.access, source, {**as_dict(document), "evidence": hits},
                           "documents")
    facts = record["evidence"]
    text = record.get("text")
    parts = segments(text, [(f["start"], f["end"]) for f in facts]) if text else []
    return facts, parts, text is not None


@router.get("/incidents/{incident_id}")
def incident_detail(ctx: Reader, incident_id: str) -> HTMLResponse:
    if not incident_id.isdigit() or len(incident_id) > 18:
        return _not_found(ctx)
    try:
        row, source = get_listable(ctx.db, ctx.access, Incident, int(incident_id))
    except NotFound:
        return _not_found(ctx)
    record = as_dict(row)
    records.with_tags(ctx.db, [record])
    records.with_places(ctx.db, [record])
    record = redact_record(ctx.access, source, record, "incidents")
    document = ctx.db.get(Document, row.document_id) if row.document_id else None
    facts, parts, full = [], [], False
    doc_source = ctx.db.get(Source, document.source_id) if document else None
    if document is not None and can_list(ctx.access, doc_source):
        facts, parts, full = _facts(ctx, document)
    else:
        document = None
    ctx.audit("read", f"incident:{row.id}")
    return ctx.render("detail.html", title=ctx._("Incident #%(id)s", id=row.id),
                      record=record, source=source, document=document, facts=facts,
                      parts=parts, full=full, kind="incident")


@router.get("/documents/{document_id}")
def document_detail(ctx: Reader, document_id: str) -> HTMLResponse:
    if not document_id.isdigit() or len(document_id) > 18:
        return _not_found(ctx)
    try:
        document, source = get_listable(ctx.db, ctx.access, Document, int(document_id))
    except NotFound:
        return _not_found(ctx)
    facts, parts, full = _facts(ctx, document)
    ctx.audit("read", f"document:{document.id}")
    return ctx.render("detail.html", title=document.title or ctx._("Document"),
                      record=None, source=source, document=document, facts=facts,
                      parts=parts, full=full, kind="document")
