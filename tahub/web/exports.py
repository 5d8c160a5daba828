"""Exports of a filtered view, built only from rows the policy lets the caller read.

Spreadsheet formats neutralise formula injection: a cell that begins with = + - @ (or a
tab / carriage return) is prefixed with an apostrophe, so Excel and LibreOffice show it as
text. Formats: CSV, XLSX, GeoJSON (redacted places), Parquet (typed columns),
and an entity/link CSV that i2 Analyst's Notebook imports as a link table.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("id", "source_id", "source_row", "registration_year", "country_of_exploitation",
           "citizenship", "gender", "age_band", "minor", "date_start", "date_end",
           "victims_count", "data_source", "exploitation", "tags")
LINK_COLUMNS = ("entity1_type", "entity1_id", "entity1_label", "link_type", "entity2_type",
                "entity2_id", "entity2_label", "incident_id", "source_id")


def formats() -> list[str]:
    return ["csv", "xlsx", "geojson", "parquet", "i2"]


def neutralise(value: object) -> object:
    """A cell safe to open in a spreadsheet: formula-like text becomes plain text."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def flat(record: dict) -> dict:
    tags = record.get("tags") or []
    row = {c: record.get(c) for c in COLUMNS if c not in ("exploitation", "tags")}
    row["exploitation"] = ";".join(t for t in tags if t.startswith("exploitation."))
    row["tags"] = ";".join(tags)
    return {k: ("" if v is None else v if isinstance(v, int | float | bool) else str(v))
            for k, v in row.items()}


def to_csv(records: Iterable[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: neutralise(v) for k, v in flat(record).items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(records: Iterable[dict]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("incidents")
    sheet.append(list(COLUMNS))
    for record in records:
        row = flat(record)
        sheet.append([neutralise(row[c]) for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_geojson(records: Iterable[dict]) -> bytes:
    """One point per place with coordinates (already coarsened outside the owner)."""
    features = []
    for record in records:
        row = flat(record)
        for place in record.get("places") or []:
            if place.get("lat") is None or place.get("lon") is None:
                continue
            features.append({"type": "Feature",
                             "geometry": {"type": "Point",
                                          "coordinates": [place["lon"], place["lat"]]},
                             "properties": {**row, "place_role": place.get("role"),
                                            "place_country": place.get("country")}})
    return json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False).encode("utf-8")


def to_parquet(records: Iterable[dict]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flat(r) for r in records]
    # numbers stay numbers and flags flags; empty cells are nulls, not ""
    types = {"id": pa.int64(), "source_id": pa.int64(), "source_row": pa.int64(),
             "registration_year": pa.int32(), "victims_count": pa.int32(),
             "minor": pa.bool_()}
    table = pa.table({c: pa.array([None if r[c] == "" else r[c] for r in rows],
                                  types.get(c, pa.string())) for c in COLUMNS})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def links(record: dict, country_label, tag_label) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The incident's entity/link rows: citizenship, country of exploitation, types."""
    incident = ("Incident", f"incident:{record['id']}", f"Incident {record['id']}")
    out = []
    if record.get("citizenship"):
        code = record["citizenship"]
        out.append((*incident, "citizen of", "Country", f"country:{code}", country_label(code)))
    if record.get("country_of_exploitation"):
        code = record["country_of_exploitation"]
        out.append((*incident, "exploited in", "Country", f"country:{code}",
                    country_label(code)))
    for tag in record.get("tags") or []:
        if tag.startswith("exploitation."):
            out.append((*incident, "type", "Exploitation", tag, tag_label(tag)))
    return [(*row, record["id"], record.get("source_id")) for row in out]


def to_i2(records: Iterable[dict], country_label, tag_label) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LINK_COLUMNS)
    for record in records:
        for row in links(record, country_label, tag_label):
            writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
