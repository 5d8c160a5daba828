"""Ads and ad clusters, once the ads store exists; until then both lists are empty.

The tables are found by name in the shared metadata, so this router needs no change when
`tahub ingest-ads` lands. A table without a `source_id` cannot be checked against the
sharing policy, so it lists nothing rather than everything.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Table, func, inspect, select

from tahub.access.policy import listable_sources, redact_record
from tahub.api.deps import Ctx
from tahub.api.filters import Paging
from tahub.api.models import AdOut, ClusterOut, Page
from tahub.store.tables import Base, Source

router = APIRouter(tags=["ads"])
AD_TABLES = ("ads",)
CLUSTER_TABLES = ("ad_clusters", "clusters")
STORE_MODULES = ("tahub.store.ads_tables", "tahub.store.ad_tables")


def find_table(names: tuple[str, ...], bind: Any) -> Table | None:
    """The first table of `names` that is declared and exists in the database."""
    for module in STORE_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            continue
    existing = set(inspect(bind).get_table_names())
    for name in names:
        table = Base.metadata.tables.get(name)
        if table is not None and name in existing and "source_id" in table.c:
            return table
    return None


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _list(ctx: Ctx, names: tuple[str, ...], page: Paging) -> tuple[list[dict], int]:
    table = find_table(names, ctx.session.connection())
    if table is None:
        return [], 0
    visible = table.c.source_id.in_(select(Source.id).where(listable_sources(ctx.access)))
    total = ctx.session.scalar(select(func.count()).select_from(table).where(visible)) or 0
    rows = [dict(r._mapping) for r in ctx.session.execute(
        select(table).where(visible).order_by(table.c.id).limit(page.limit)
        .offset(page.offset))]
    sources = {s.id: s for s in ctx.session.scalars(
        select(Source).where(Source.id.in_({r["source_id"] for r in rows})))} if rows else {}
    items = []
    for row in rows:
        shown = redact_record(ctx.access, sources[row["source_id"]], row, "ads")
        items.append({"id": row["id"], "source_id": row["source_id"],
                      "fields": {k: _plain(v) for k, v in shown.items()
                                 if k not in ("id", "source_id") and v is not None}})
    return items, total


@router.get("/ads", response_model=Page[AdOut])
def list_ads(ctx: Ctx, page: Paging) -> dict:
    """Ads the caller may see; identifiers and text only inside the owner organisation."""
    items, total = _list(ctx, AD_TABLES, page)
    ctx.done("list", "ads", {"limit": page.limit, "offset": page.offset})
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


@router.get("/clusters", response_model=Page[ClusterOut])
def list_clusters(ctx: Ctx, page: Paging) -> dict:
    """Ad networks the caller may see."""
    items, total = _list(ctx, CLUSTER_TABLES, page)
    ctx.done("list", "clusters", {"limit": page.limit, "offset": page.offset})
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}
