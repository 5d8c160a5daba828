"""/trends: incidents over time by exploitation type and by country, and the chosen years
against a comparison period (by default the same number of years just before)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from tahub.web.charts import series
from tahub.web.filters import WebFilters, _int, read_filters
from tahub.web.labels import country_name, tag_label
from tahub.web.pages import Reader
from tahub.web.queries import counts_many

router = APIRouter(include_in_schema=False)
LINES = 6


def _lines(cells: list[dict], key: str, label) -> list[dict]:  # type: ignore[no-untyped-def]
    totals: dict[str, int] = {}
    for c in cells:
        if c["group"].get(key) is not None and c["count"]:
            totals[c["group"][key]] = totals.get(c["group"][key], 0) + c["count"]
    top = sorted(totals, key=lambda v: -totals[v])[:LINES]
    return [series([c for c in cells if c["group"].get(key) == value], "year", label(value))
            for value in top]


def _by(cells: list[dict], key: str) -> dict[str, int | None]:
    return {c["group"][key]: c["count"] for c in cells if c["group"].get(key) is not None}


@router.get("/trends")
def trends(ctx: Reader) -> HTMLResponse:
    filters = read_filters(ctx.request)
    where = filters.for_aggregate()
    by_type, by_country = counts_many(ctx.db, ctx.access, [
        (["year", "exploitation"], where), (["year", "country_of_exploitation"], where)])
    years = sorted({c["group"]["year"] for c in by_type + by_country
                    if c["group"].get("year") is not None})
    comparison = None
    if years:
        end = filters.year_to or years[-1]
        start = filters.year_from or end  # by default: the latest year against the one before
        span = max(0, end - start)
        q = ctx.request.query_params
        c_from = _int(q.get("compare_from"), 1900, 2100) or start - span - 1
        c_to = _int(q.get("compare_to"), 1900, 2100) or start - 1
        now_f = WebFilters(**{**filters.as_dict(), "year_from": start, "year_to": end})
        then_f = WebFilters(**{**filters.as_dict(), "year_from": c_from, "year_to": c_to})
        rows = []
        keys = ("exploitation", "country_of_exploitation")
        tables = counts_many(ctx.db, ctx.access, [([key], f.for_aggregate()) for key in keys
                                                  for f in (now_f, then_f)])
        for i, (key, label) in enumerate(((keys[0], lambda v: tag_label(v, ctx.lang)),
                                          (keys[1], lambda v: country_name(v, ctx.lang)))):
            now, then = _by(tables[2 * i], key), _by(tables[2 * i + 1], key)
            for value in sorted(set(now) | set(then), key=lambda v: -(now.get(v) or 0)):
                a, b = now.get(value, 0), then.get(value, 0)
                change = None if a is None or b is None else a - b
                rows.append((key, label(value), a, b, change))
        comparison = {"period": (start, end), "compare": (c_from, c_to), "rows": rows}
    data = {"series": _lines(by_type, "exploitation", lambda v: tag_label(v, ctx.lang)),
            "compare": _lines(by_country, "country_of_exploitation",
                              lambda v: country_name(v, ctx.lang))}
    ctx.audit("view", "page:trends", filters.as_dict())
    return ctx.render("trends.html", title=ctx._("Trends"), filters=filters, chart=data,
                      comparison=comparison, has_data=bool(years))
