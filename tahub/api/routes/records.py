"""Documents, missing persons and points of interest: plain filtered lists."""

from __future__ import annotations

from fastapi import APIRouter, Query

from tahub.api.deps import Ctx
from tahub.api.filters import MAX_ID, TEXT, Paging, document_text_matches, like
from tahub.api.listing import list_rows
from tahub.api.models import DocumentOut, MissingPersonOut, Page, PoiOut
from tahub.store.tables import Document, MissingPerson, PointOfInterest

router = APIRouter()
COUNTRY = r"^[A-Za-z]{2}$"


def _page(items: list[dict], total: int, page: Paging) -> dict:
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


@router.get("/documents", response_model=Page[DocumentOut], tags=["documents"])
def list_documents(
    ctx: Ctx, page: Paging,
    lang: str | None = Query(None, pattern=r"^[a-z]{2,3}$"),
    relevant: bool | None = Query(None),
    source: int | None = Query(None, ge=1, le=MAX_ID),
    q: str | None = Query(None, min_length=1, max_length=200, pattern=TEXT,
                          description="Words in the title (or text, in your own sources)."),
) -> dict:
    """Documents the caller may see; body text only inside the owner organisation."""
    conditions = []
    if lang:
        conditions.append(Document.lang == lang)
    if relevant is not None:
        conditions.append(Document.relevant == relevant)
    if source is not None:
        conditions.append(Document.source_id == source)
    if q:
        conditions.append(document_text_matches(like(q), ctx.access))
    items, total = list_rows(ctx.session, ctx.access, Document, "documents", conditions,
                             page.limit, page.offset)
    ctx.done("list", "documents", {"lang": lang, "relevant": relevant, "source": source,
                                   "q": q, "limit": page.limit, "offset": page.offset})
    return _page(items, total, page)


@router.get("/missing-persons", response_model=Page[MissingPersonOut],
            tags=["missing persons"])
def list_missing_persons(
    ctx: Ctx, page: Paging,
    country: str | None = Query(None, pattern=COUNTRY),
    source: int | None = Query(None, ge=1, le=MAX_ID),
) -> dict:
    """Missing-person reports the caller may see (names never leave: not even hashed)."""
    conditions = []
    if country:
        conditions.append(MissingPerson.country == country.upper())
    if source is not None:
        conditions.append(MissingPerson.source_id == source)
    items, total = list_rows(ctx.session, ctx.access, MissingPerson, "missing_persons",
                             conditions, page.limit, page.offset)
    ctx.done("list", "missing_persons", {"country": country, "source": source,
                                         "limit": page.limit, "offset": page.offset})
    return _page(items, total, page)


@router.get("/pois", response_model=Page[PoiOut], tags=["points of interest"])
def list_pois(
    ctx: Ctx, page: Paging,
    country: str | None = Query(None, pattern=COUNTRY),
    category: str | None = Query(None, max_length=100, pattern=TEXT),
    source: int | None = Query(None, ge=1, le=MAX_ID),
) -> dict:
    """Points of interest the caller may see."""
    conditions = []
    if country:
        conditions.append(PointOfInterest.country == country.upper())
    if category:
        conditions.append(PointOfInterest.category == category)
    if source is not None:
        conditions.append(PointOfInterest.source_id == source)
    items, total = list_rows(ctx.session, ctx.access, PointOfInterest, "pois", conditions,
                             page.limit, page.offset)
    ctx.done("list", "pois", {"country": country, "category": category, "source": source,
                              "limit": page.limit, "offset": page.offset})
    return _page(items, total, page)
