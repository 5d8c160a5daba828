"""Exports: the formats, formula neutralising, and only what the policy lets through."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from web_hub import FORMULA

from tahub.web.exports import formats, neutralise


@pytest.mark.parametrize("value", ["=1+2", "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_cells_become_text(value: str) -> None:
    assert neutralise(value) == "'" + value


def test_other_cells_are_left_alone() -> None:
    assert [neutralise(v) for v in ("Bogotá", "", 12, None, "a=b")] == [
        "Bogotá", "", 12, None, "a=b"]


def _download(client, kind: str, **params):  # type: ignore[no-untyped-def]
    answer = client.get("/exports/download", params={"format": kind, **params})
    assert answer.status_code == 200, answer.text[:300]
    return answer


def test_csv_export_follows_the_filters_and_neutralises(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    answer = _download(client, "csv", country="CO", year_from=2021)
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len(rows) == 45
    assert {r["country_of_exploitation"] for r in rows} == {"CO"}
    assert {r["registration_year"] for r in rows} == {"2021"}
    sources = [r["data_source"] for r in rows]
    assert "'" + FORMULA in sources and FORMULA not in sources


def test_xlsx_export_neutralises_formulas(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    answer = _download(client, "xlsx", country="CO")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "'" + FORMULA in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert sheet.max_row == 1 + 75


def test_geojson_and_i2_exports(hub) -> None:
    client = hub.client("analyst@cambio.example.org")
    geo = json.loads(_download(client, "geojson").content)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    # another organisation's places come coarsened to an H3 cell centre, locality dropped
    lats = {round(f["geometry"]["coordinates"][1], 4) for f in geo["features"]
            if f["properties"]["source_id"] == str(hub.sources["alba_members"])
            or f["properties"]["source_id"] == hub.sources["alba_members"]}
    assert lats and len(lats) < 75
    links = list(csv.DictReader(io.StringIO(_download(client, "i2").content
                                            .decode("utf-8-sig"))))
    assert {"citizen of", "exploited in", "type"} <= {r["link_type"] for r in links}
    assert all(r["entity1_id"].startswith("incident:") for r in links)


def test_parquet_export_has_typed_columns_and_only_visible_rows(hub) -> None:
    import pyarrow.parquet as pq

    assert "parquet" in formats()
    client = hub.client("analyst@cambio.example.org")
    answer = client.get("/exports/download", params={"format": "parquet"})
    assert answer.status_code == 200
    table = pq.read_table(io.BytesIO(answer.content))
    assert str(table.schema.field("registration_year").type) == "int32"
    assert str(table.schema.field("minor").type) == "bool"
    rows = table.to_pylist()
    csv_rows = list(csv.DictReader(io.StringIO(_download(client, "csv").content
                                               .decode("utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == sorted(int(r["id"]) for r in csv_rows)
    assert hub.sources["alba_private"] not in {r["source_id"] for r in rows}
    shared = [r for r in rows if r["source_id"] == hub.sources["alba_members"]]
    assert shared and all(len(r["date_start"]) == 7 for r in shared)  # months only
