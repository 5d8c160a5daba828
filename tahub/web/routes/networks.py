"""/networks: ad clusters drawn as graphs (cluster, its ads, and the cities they name),
with each cluster's risk and reasons. The ads store may not exist yet: then the page
says so. Rows come through `listable_sources`, fields through `redact_record`, so other
organisations' identifiers never reach the graph."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from tahub.access.policy import is_owner, listable_sources, redact_record
from tahub.api.routes.ads import AD_TABLES, CLUSTER_TABLES, find_table
from tahub.store.tables import Source
from tahub.web.pages import Reader

router = APIRouter(include_in_schema=False)
MAX_CLUSTERS = 50
MAX_ADS = 2000


def _rows(ctx: Reader, table: Any, limit: int, *where: Any) -> list[dict]:
    visible = table.c.source_id.in_(select(Source.id).where(listable_sources(ctx.access)))
    order = [table.c.risk.desc(), table.c.id] if "risk" in table.c else [table.c.id]
    rows = [dict(r._mapping) for r in ctx.db.execute(
        select(table).where(visible, *where).order_by(*order).limit(limit))]
    sources = {s.id: s for s in ctx.db.scalars(select(Source).where(
        Source.id.in_({r["source_id"] for r in rows})))} if rows else {}
    out = []
    for r in rows:
        record = redact_record(ctx.access, sources[r["source_id"]], r, "ads")
        record["own"] = is_owner(ctx.access, sources[r["source_id"]])
        out.append(record)
    return out


def _identifiers(ctx: Reader, ads: list[dict]) -> list[tuple[int, str, str]]:
    """(ad id, kind, keyed hash) of the caller's own ads only: another organisation's
    identifiers, even hashed, stay out of its graph."""
    own = [a["id"] for a in ads if a.get("own")]
    if not own:
        return []
    from tahub.store.ads_tables import AdIdentifier

    return [(r.ad_id, r.kind, r.value_hash) for r in ctx.db.execute(
        select(AdIdentifier.ad_id, AdIdentifier.kind, AdIdentifier.value_hash)
        .where(AdIdentifier.ad_id.in_(own)))]


def graph(clusters: list[dict], ads: list[dict], names: dict[str, str],
          identifiers: list[tuple[int, str, str]] = ()) -> dict:  # type: ignore[assignment]
    """ECharts graph data: cluster -> ad -> city and identifier nodes (identifiers only of
    the caller's own ads, as keyed hashes)."""
    nodes: dict[str, dict] = {}
    links = []
    for c in clusters:
        nodes[f"c{c['id']}"] = {"id": f"c{c['id']}", "name": f"#{c['id']}", "category": 0,
                                "symbolSize": 18}
    for ad in ads:
        cluster = ad.get("cluster_id")
        if f"c{cluster}" not in nodes:
            continue
        node = f"a{ad['id']}"
        nodes[node] = {"id": node, "name": f"{names['ad']} {ad['id']}", "category": 1,
                       "symbolSize": 7}
        links.append({"source": f"c{cluster}", "target": node})
        city = ad.get("city") or ad.get("locality")
        if city:
            key = f"p{city}"
            nodes.setdefault(key, {"id": key, "name": str(city), "category": 2,
                                   "symbolSize": 10})
            links.append({"source": node, "target": key})
    for ad_id, kind, value_hash in identifiers:
        if f"a{ad_id}" not in nodes:
            continue
        key = f"i{value_hash[:16]}"
        nodes.setdefault(key, {"id": key, "name": f"{kind} ·{value_hash[:6]}", "category": 3,
                               "symbolSize": 9})
        links.append({"source": f"a{ad_id}", "target": key})
    return {"nodes": list(nodes.values()), "links": links,
            "categories": [{"name": names["cluster"]}, {"name": names["ad"]},
                           {"name": names["city"]}, {"name": names["identifier"]}]}


@router.get("/networks")
def networks(ctx: Reader) -> HTMLResponse:
    bind = ctx.db.connection()
    cluster_table = find_table(CLUSTER_TABLES, bind)
    ad_table = find_table(AD_TABLES, bind)
    clusters = _rows(ctx, cluster_table, MAX_CLUSTERS, cluster_table.c.size >= 2) \
        if cluster_table is not None else []
    ads = _rows(ctx, ad_table, MAX_ADS, ad_table.c.cluster_id.in_([c["id"] for c in clusters])) \
        if ad_table is not None and clusters else []
    names = {"cluster": ctx._("Cluster"), "ad": ctx._("Ad"), "city": ctx._("City"),
             "identifier": ctx._("Phone, email or handle")}
    ctx.audit("view", "page:networks")
    return ctx.render("networks.html", title=ctx._("Networks"), clusters=clusters,
                      store=cluster_table is not None,
                      chart={"graph": graph(clusters, ads, names, _identifiers(ctx, ads))}
                      if clusters else {})
