"""Bulk writes of mapped records, inside the caller's transaction.

Ids are allocated up front (one query) so that an incident's tags and places go in with
plain multi-row inserts, and rows go to the driver's executemany as tuples: SQLAlchemy's
per-row parameter processing costs more than the database itself on a 50,000-row file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from tahub.ingest.mapping import Record
from tahub.ingest.profiles import TARGET_FIELDS
from tahub.store.tables import (
    Incident,
    IncidentPlace,
    IncidentTag,
    MissingPerson,
    PointOfInterest,
    Statistic,
)

TABLES: dict[str, Table] = {
    "incidents": Incident.__table__,  # type: ignore[dict-item]
    "missing_persons": MissingPerson.__table__,  # type: ignore[dict-item]
    "pois": PointOfInterest.__table__,  # type: ignore[dict-item]
    "statistics": Statistic.__table__,  # type: ignore[dict-item]
}
EXTRA = {"statistics": ("suppressed", "value_text", "breakdown")}  # after the fields
PLACE_COLUMNS = ("incident_id", "role", "country", "admin1", "admin2", "locality", "lat", "lon")


def allocate_ids(conn: Connection, table: Table, count: int) -> Sequence[int]:
    """`count` fresh primary keys for `table`, safe inside the ingest's transaction."""
    if count == 0:
        return []
    if conn.dialect.name == "postgresql":
        seq = conn.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
        return conn.scalars(text("SELECT nextval(:s) FROM generate_series(1, :n)"),
                            {"s": seq, "n": count}).all()
    start = (conn.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1
    return range(start, start + count)


def write_records(conn: Connection, target: str, source_id: int,
                  records: Sequence[Record]) -> int:
    """Insert `records` for `target`; returns how many rows of the target were stored."""
    table = TABLES[target]
    fields = sorted(TARGET_FIELDS[target] - {"name_hash"}) + (
        ["name_hash"] if target == "missing_persons" else [])
    extra = EXTRA.get(target, ("attributes",))
    columns = ["id", "source_id", "source_row", *fields, *extra]
    ids = allocate_ids(conn, table, len(records))
    sqlite = conn.dialect.name == "sqlite"
    dumps = _json_dumper()
    shared: dict[int, tuple[dict, tuple[Any, ...]]] = {}  # memoised rows share value dicts
    rows = []
    for rec, id_ in zip(records, ids, strict=True):
        hit = shared.get(id(rec.values))
        if hit is None or hit[0] is not rec.values:
            values = statistic_values(rec.values) if target == "statistics" else rec.values
            middle = tuple(values.get(f) for f in fields)
            if target == "statistics":
                middle += (values["suppressed"], values["value_text"])
            hit = shared[id(rec.values)] = (rec.values, _adapt_dates(middle) if sqlite else middle)
        rows.append((id_, source_id, rec.row, *hit[1], dumps(rec.attributes)))
    insert_rows(conn, table.name, columns, rows)
    if target == "incidents":
        tags = [(i, t) for rec, i in zip(records, ids, strict=True) for t in rec.tags]
        insert_rows(conn, IncidentTag.__tablename__, ["incident_id", "tag"], tags)
        places = [(i, p["role"], *(p.get(k) for k in PLACE_COLUMNS[2:]))
                  for rec, i in zip(records, ids, strict=True) for p in rec.places]
        insert_rows(conn, IncidentPlace.__tablename__, list(PLACE_COLUMNS), places)
    return len(rows)


def insert_rows(conn: Connection, table: str, columns: list[str],
                rows: list[tuple[Any, ...]]) -> None:
    """A driver-level executemany of ready tuples, in chunks."""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    for chunk in _chunks(rows, 20_000):
        conn.exec_driver_sql(sql, chunk)


def statistic_values(values: dict[str, Any]) -> dict[str, Any]:
    """Derive value/suppression, period, year, month and level of a published count."""
    out = dict(values)
    value, marker = values.get("value") or (None, None)
    out["value"], out["suppressed"], out["value_text"] = value, marker is not None, marker
    period = values.get("period")
    if period is None and values.get("year"):
        month = values.get("month")
        period = f"{values['year']:04d}-{int(month):02d}" if month else f"{values['year']:04d}"
    out["period"] = period
    if period and out.get("year") is None:
        out["year"] = int(period[:4])
    if period and len(period) == 7 and out.get("month") is None:
        out["month"] = int(period[5:7])
    out["level"] = values.get("level") or (
        "admin2" if values.get("admin2") or values.get("admin2_code")
        else "admin1" if values.get("admin1") or values.get("admin1_code") else "country")
    out["indicator"] = values.get("indicator") or "count"
    return out


def _json_dumper():  # type: ignore[no-untyped-def]
    seen: dict[int, tuple[object, str]] = {}

    def dumps(value: dict | None) -> str | None:
        if not value:
            return None
        hit = seen.get(id(value))
        if hit is None or hit[0] is not value:
            hit = seen[id(value)] = (value, _flat_json(value))
        return hit[1]

    return dumps


def _flat_json(value: dict) -> str:
    """JSON of a text-to-text dict (unmapped cells) with the C string encoder: a third of
    the cost of json.dumps on wide files; anything else goes through json.dumps."""
    if all(type(k) is str and type(v) is str for k, v in value.items()):
        return "{" + ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _adapt_dates(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """sqlite3's own date adapters are deprecated; store ISO text as SQLAlchemy does."""
    if not any(isinstance(v, date) for v in row):
        return row
    return tuple(v.isoformat(sep=" ") if isinstance(v, datetime) else
                 v.isoformat() if isinstance(v, date) else v for v in row)


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]
