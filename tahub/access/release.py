"""Public releases with differential privacy (OpenDP): counts anyone may publish.

Rows come only from sources marked for it (policy.yaml `public_release`). The cells are
every combination of a fixed vocabulary (all ISO countries, the years asked for, the
genders), never the values found in the data, so which cells exist reveals nothing; each
count gets discrete Laplace noise of scale 1/epsilon (one victim changes one cell by one:
L1 sensitivity 1). Every release appends its epsilon to the audit log, which is the
ledger `epsilon_spent` adds up.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access import audit
from tahub.access.context import Access
from tahub.access.disclosure import FIELDS, where_clauses
from tahub.access.policy import policy
from tahub.errors import UsageError
from tahub.store.access_tables import AuditLog
from tahub.store.tables import Incident, Source

ACTION = "release.dp"
DP_FIELDS = ("country_of_exploitation", "citizenship", "year", "gender")
GENDERS = ("female", "male", "other")
MAX_CELLS = 100_000
MAX_EPSILON = 10.0


def _domain(field: str, filters: dict[str, Any]) -> list[Any]:
    """The fixed values of `field` (and None, unknown), chosen without looking at data."""
    if field in ("country_of_exploitation", "citizenship"):
        import pycountry

        return [*sorted(c.alpha_2 for c in pycountry.countries), None]
    if field == "gender":
        return [*GENDERS, None]
    try:
        low, high = int(filters["year_from"]), int(filters["year_to"])
    except (KeyError, TypeError, ValueError):
        raise UsageError("a release by year needs year_from and year_to (whole years)") from None
    if not 0 <= high - low <= 100:
        raise UsageError("year_from..year_to must span 0 to 100 years")
    return [*range(low, high + 1), None]


def release_sources() -> Any:
    rule = policy()["public_release"]
    return Source.sharing.in_(rule["sharing"]) & Source.tlp.in_(rule["tlp"])


def dp_release(session: Session, access: Access | None, group_by: list[str],
               filters: dict[str, Any], epsilon: float) -> dict[str, Any]:
    """Noisy counts of incidents by `group_by` over the public-release sources, and the
    audit entry that records the epsilon spent (in the caller's transaction)."""
    import opendp.prelude as dp

    if not 0 < epsilon <= MAX_EPSILON:
        raise UsageError(f"epsilon must be above 0 and at most {MAX_EPSILON}")
    group_by = list(dict.fromkeys(group_by))
    unsupported = [g for g in group_by if g not in DP_FIELDS]
    if unsupported:
        raise UsageError(f"a DP release groups by {', '.join(DP_FIELDS)} only, not "
                         f"{', '.join(unsupported)}")
    domains = [_domain(g, filters) for g in group_by]
    size = 1
    for values in domains:
        size *= len(values)
    if size > MAX_CELLS:
        raise UsageError(f"{size:,} cells; a release holds at most {MAX_CELLS:,}")
    columns = [FIELDS[g] for g in group_by]
    query = (select(*columns, func.count()).select_from(Incident)
             .join(Source, Source.id == Incident.source_id)
             .where(release_sources(), *where_clauses(filters)))
    if columns:
        query = query.group_by(*columns)
    true = {tuple(row[:-1]): row[-1] for row in session.execute(query)}
    keys = list(product(*domains))
    scale = 1.0 / epsilon
    dp.enable_features("contrib")
    measurement = dp.m.make_laplace(dp.vector_domain(dp.atom_domain(T=int)),
                                    dp.l1_distance(T=int), scale=scale)
    spent = measurement.map(1)
    noisy = measurement([int(true.get(key, 0)) for key in keys])
    cells = [{"group": dict(zip(group_by, key, strict=True)), "count": max(0, int(n))}
             for key, n in zip(keys, noisy, strict=True)]
    meta = {"group_by": group_by, "filters": filters, "epsilon": spent, "delta": 0.0,
            "mechanism": "discrete Laplace (OpenDP make_laplace)", "scale": scale,
            "sensitivity": 1}
    audit.record(session, access, ACTION, "incidents", meta)
    return {**meta, "cells": cells}


def epsilon_spent(session: Session) -> float:
    """The epsilon of every public release so far, from the audit log."""
    entries = session.scalars(select(AuditLog.filters).where(AuditLog.action == ACTION))
    return sum(float((f or {}).get("epsilon", 0)) for f in entries)
