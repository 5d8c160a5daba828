"""Disclosure-controlled counts of incidents (`tahub.access.disclosure.aggregate`)."""

from __future__ import annotations

from fastapi import APIRouter, Query

from tahub.access.disclosure import FIELDS, MAX_DIMENSIONS, aggregate
from tahub.api.deps import Ctx
from tahub.api.errors import ApiError
from tahub.api.filters import CountFilters
from tahub.api.memo import AGGREGATES
from tahub.api.models import AggregateOut

router = APIRouter(tags=["aggregates"])
GROUPS = ", ".join(sorted(FIELDS))


@router.get("/aggregates", response_model=AggregateOut)
def get_aggregates(
    ctx: Ctx, filters: CountFilters,
    group_by: list[str] = Query(..., min_length=1, max_length=MAX_DIMENSIONS,
                                description=f"One or more of {GROUPS}: repeat the "
                                            "parameter (or separate with commas).",
                                json_schema_extra={"items": {"type": "string",
                                                             "enum": sorted(FIELDS)}}),
    gender: str | None = Query(None, pattern=r"^[A-Za-z_]{1,20}$"),
    age_band: str | None = Query(None, pattern=r"^[0-9A-Za-z_+\-]{1,20}$"),
) -> dict:
    """Incident counts grouped by stored codes. Cells that include other organisations'
    rows are rounded, and suppressed (`count: null, suppressed: true`) below k."""
    fields = [g.strip() for part in group_by for g in part.split(",") if g.strip()]
    unknown = sorted({g for g in fields if g not in FIELDS})
    if unknown or not fields:
        raise ApiError(422, f"cannot group by {', '.join(unknown) or 'nothing'}; use {GROUPS}",
                       [{"field": "query.group_by", "reason": f"unknown field {g!r}"}
                        for g in unknown])
    if len(set(fields)) > MAX_DIMENSIONS:
        raise ApiError(422, f"group by at most {MAX_DIMENSIONS} fields")
    query = {"country_of_exploitation": filters.country, "citizenship": filters.citizenship,
             "exploitation": filters.exploitation, "year_from": filters.year_from,
             "year_to": filters.year_to, "source": filters.source, "gender": gender,
             "age_band": age_band}
    query = {k: v for k, v in query.items() if v is not None}
    question = (tuple(fields), tuple(sorted(query.items())))
    result = AGGREGATES.answer(ctx.session, ctx.access, question,
                               lambda: aggregate(ctx.session, ctx.access, fields, query))
    ctx.done("aggregate", "incidents", {"group_by": fields, **query})
    return result
