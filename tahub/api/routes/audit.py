"""The audit log, read through `tahub.access.audit.visible_entries`."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import func, select

from tahub.access import audit
from tahub.api.deps import Ctx
from tahub.api.filters import Paging
from tahub.api.models import AuditEntryOut, Page

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=Page[AuditEntryOut])
def list_audit(ctx: Ctx, page: Paging) -> dict:
    """Newest first: an org admin sees its organisation's entries, the hub admin all."""
    query = audit.visible_entries(ctx.access)
    total = ctx.session.scalar(select(func.count()).select_from(query.order_by(None)
                                                                .subquery())) or 0
    items = [audit.as_dict(e) for e in ctx.session.scalars(
        query.limit(page.limit).offset(page.offset))]
    ctx.done("list", "audit", {"limit": page.limit, "offset": page.offset})
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}
