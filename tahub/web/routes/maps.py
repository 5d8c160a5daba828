"""/map: hotspots as H3 hexagons for incidents, missing persons and points of interest,
over country shapes shaded by incidents; layers toggle, the shared filters apply."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from tahub.web.charts import country_ids
from tahub.web.filters import read_filters
from tahub.web.hexes import hexagons
from tahub.web.labels import country_name
from tahub.web.pages import Reader
from tahub.web.queries import as_map, counts

router = APIRouter(include_in_schema=False)
LAYERS = ("incidents", "missing_persons", "pois")


@router.get("/map")
def map_page(ctx: Reader) -> HTMLResponse:
    filters = read_filters(ctx.request)
    countries = as_map(counts(ctx.db, ctx.access, ["country_of_exploitation"],
                              filters.for_aggregate()), "country_of_exploitation")
    names = {"incidents": ctx._("Incident hotspots"),
             "missing_persons": ctx._("Missing persons"), "pois": ctx._("Points of interest")}
    layers = {name: hexagons(ctx.db, ctx.access, name, filters) for name in LAYERS}
    data = {"countries": {"values": countries, "ids": country_ids(countries),
                          "names": {c: country_name(c, ctx.lang) for c in countries},
                          "label": ctx._("Incidents by country")},
            "layers": [{"key": k, "name": names[k], "data": layers[k]} for k in LAYERS],
            "labels": {"count": ctx._("Count"), "rounded": ctx._("rounded")}}
    ctx.audit("view", "page:map", filters.as_dict())
    return ctx.render("map.html", title=ctx._("Map"), filters=filters, data=data,
                      summary=[(names[k], len(layers[k]["features"]), layers[k]["hidden"])
                               for k in LAYERS])
