"""/ : key counts with their sources, a choropleth, a trend line and what changed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from tahub.analysis.narrative import Narrative, latest_periods, what_changed
from tahub.web.charts import country_ids, series
from tahub.web.filters import read_filters
from tahub.web.labels import country_name
from tahub.web.pages import Reader
from tahub.web.queries import as_map, cached, counts_many, frozen, kind_totals, sources_seen
from tahub.web.saved import with_counts

router = APIRouter(include_in_schema=False)


def _narrative(ctx: Reader, where: dict, by_year: list[dict]) -> Narrative | None:
    """What changed, from tables of the last two periods only (a fraction of the rows)."""
    periods = latest_periods(by_year)
    if periods is None:
        return None
    period, previous = periods
    recent = {**where, "year_from": max(previous, where.get("year_from", previous)),
              "year_to": min(period, where.get("year_to", period))}
    return what_changed(by_year, *counts_many(ctx.db, ctx.access, [
        (["year", "country_of_exploitation"], recent), (["year", "exploitation"], recent),
        (["year", "citizenship", "country_of_exploitation"], recent)]))


@router.get("/")
def overview(ctx: Reader) -> HTMLResponse:
    filters = read_filters(ctx.request)
    where = filters.for_aggregate()
    by_country, by_year = counts_many(ctx.db, ctx.access,
                                      [(["country_of_exploitation"], where), (["year"], where)])
    narrative = cached(ctx.db, ctx.access, ("narrative", frozen(where)),
                       lambda: _narrative(ctx, where, by_year))
    countries = as_map(by_country, "country_of_exploitation")
    chart = {"choropleth": {"values": countries, "ids": country_ids(countries),
                            "names": {c: country_name(c, ctx.lang) for c in countries},
                            "label": ctx._("Incidents")},
             "trend": series(by_year, "year", ctx._("Incidents"))}
    ctx.audit("view", "page:overview", filters.as_dict())
    return ctx.render("overview.html", title=ctx._("Overview"), filters=filters,
                      totals=kind_totals(ctx.db, ctx.access),
                      sources=sources_seen(ctx.db, ctx.access),
                      narrative=narrative, chart=chart,
                      saved_searches=with_counts(ctx.db, ctx.access, ctx.user.id),
                      top_countries=sorted(((c, n) for c, n in countries.items() if n),
                                           key=lambda x: -x[1])[:10])
