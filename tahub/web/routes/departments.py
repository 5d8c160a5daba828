"""/map/departments: protected counts of incidents and missing persons per department,
state or province, for the map's area layer (the shapes come from /static/vendor/admin1/)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from tahub.web.departments import department_counts
from tahub.web.filters import read_filters
from tahub.web.labels import country_name
from tahub.web.pages import Reader

router = APIRouter(include_in_schema=False)


@router.get("/map/departments")
def map_departments(ctx: Reader) -> JSONResponse:
    filters = read_filters(ctx.request)
    # the counts are shared between requests (cached): label copies, not the cached entries
    countries = {code: {**entry, "name": country_name(code, ctx.lang),
                        "shapes": f"/static/vendor/admin1/{code}.json"}
                 for code, entry in department_counts(ctx.db, ctx.access, filters).items()}
    ctx.audit("view", "map:departments", filters.as_dict())
    labels = {"layer": ctx._("Departments, states and provinces"),
              "incidents": ctx._("Incidents"), "missing_persons": ctx._("Missing persons"),
              "hidden": ctx._("hidden (too few to show)"), "rounded": ctx._("rounded"),
              "unmatched": ctx._("Not on the map (name not matched)"),
              "area": ctx._("Department, state or province"), "country": ctx._("Country")}
    return JSONResponse({"countries": countries, "labels": labels},
                        headers={"Cache-Control": "no-store", "Content-Language": ctx.lang})
