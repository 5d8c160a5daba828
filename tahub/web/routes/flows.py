"""/routes: citizenship -> country of exploitation flows as a Sankey, with a table of the
same disclosure-controlled counts for readers who do not use the chart."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from tahub.web.filters import read_filters
from tahub.web.labels import country_name
from tahub.web.pages import Reader
from tahub.web.queries import counts

router = APIRouter(include_in_schema=False)
TOP = 40
TABLE_ROWS = 200


def sankey(flows: list[tuple[str, str, int]], name) -> dict:  # type: ignore[no-untyped-def]
    """ECharts Sankey data; origins and destinations are distinct nodes (a country can be
    both), named with an arrow on the side the flow leaves or arrives."""
    nodes: dict[str, dict] = {}
    links = []
    for origin, destination, n in flows:
        a, b = f"{name(origin)} →", f"→ {name(destination)}"
        nodes.setdefault(a, {"name": a})
        nodes.setdefault(b, {"name": b})
        links.append({"source": a, "target": b, "value": n})
    return {"nodes": list(nodes.values()), "links": links}


@router.get("/routes")
def routes_page(ctx: Reader) -> HTMLResponse:
    filters = read_filters(ctx.request)
    cells = counts(ctx.db, ctx.access, ["citizenship", "country_of_exploitation"],
                   filters.for_aggregate())
    known = [c for c in cells if c["group"]["citizenship"] and
             c["group"]["country_of_exploitation"]]
    flows = sorted(((c["group"]["citizenship"], c["group"]["country_of_exploitation"],
                     c["count"]) for c in known if not c["suppressed"] and c["count"]),
                   key=lambda f: (-f[2], f[0], f[1]))
    hidden = sum(1 for c in known if c["suppressed"])
    ctx.audit("view", "page:routes", filters.as_dict())
    data = {"sankey": sankey(flows[:TOP], lambda c: country_name(c, ctx.lang))}
    return ctx.render("routes.html", title=ctx._("Routes"), filters=filters,
                      flows=flows[:TABLE_ROWS], more=max(0, len(flows) - TABLE_ROWS),
                      hidden=hidden, chart=data, top=TOP)
