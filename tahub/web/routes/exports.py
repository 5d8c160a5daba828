"""/exports: the filtered view as CSV, XLSX, GeoJSON, Parquet or an i2 link table."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from tahub.web import exports, records
from tahub.web.filters import read_filters
from tahub.web.labels import country_name, tag_label
from tahub.web.pages import Reader

router = APIRouter(include_in_schema=False)
MAX_ROWS = 100_000
TYPES = {"csv": ("text/csv; charset=utf-8", "csv"),
         "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
         "geojson": ("application/geo+json", "geojson"),
         "parquet": ("application/vnd.apache.parquet", "parquet"),
         "i2": ("text/csv; charset=utf-8", "i2.csv")}


@router.get("/exports")
def exports_page(ctx: Reader) -> HTMLResponse:
    filters = read_filters(ctx.request)
    _, total = records.incidents(ctx.db, ctx.access, filters, 1, 0)
    return ctx.render("exports.html", title=ctx._("Exports"), filters=filters, total=total,
                      formats=exports.formats(), cap=MAX_ROWS)


@router.get("/exports/download")
def download(ctx: Reader) -> Response:
    filters = read_filters(ctx.request)
    kind = ctx.request.query_params.get("format", "csv")
    if kind not in exports.formats():
        return ctx.render("message.html", status=422, title=ctx._("Exports"),
                          message=ctx._("Unknown format."))
    rows = list(records.all_incidents(ctx.db, ctx.access, filters, MAX_ROWS,
                                      places=kind == "geojson"))
    if kind == "csv":
        body = exports.to_csv(rows)
    elif kind == "xlsx":
        body = exports.to_xlsx(rows)
    elif kind == "geojson":
        body = exports.to_geojson(rows)
    elif kind == "parquet":
        body = exports.to_parquet(rows)
    else:
        body = exports.to_i2(rows, lambda c: country_name(c, ctx.lang),
                             lambda t: tag_label(t, ctx.lang))
    ctx.audit("export", f"incidents:{kind}", {**filters.as_dict(), "rows": len(rows)})
    media, suffix = TYPES[kind]
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="tahub-incidents.{suffix}"',
        "Cache-Control": "no-store"})
