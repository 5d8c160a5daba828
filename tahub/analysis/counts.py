"""How much the hub holds, table by table (`tahub stats`)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.store.db import get_engine, init_database
from tahub.store.tables import (
    Document,
    Incident,
    MissingPerson,
    Organisation,
    PointOfInterest,
    Source,
    Statistic,
)

COUNTED = {
    "incidents": Incident,
    "missing_persons": MissingPerson,
    "pois": PointOfInterest,
    "statistics": Statistic,
    "documents": Document,
    "sources": Source,
    "organisations": Organisation,
}


def table_counts() -> dict[str, int]:
    """Rows per kind of record, keyed by the names `tahub stats --json` promises."""
    init_database()
    with Session(get_engine()) as session:
        return {name: session.scalar(select(func.count()).select_from(model)) or 0
                for name, model in COUNTED.items()}
