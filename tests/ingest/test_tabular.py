"""The `tahub ingest` contract, clause by clause, on real CTDC rows."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.cli import app
from tahub.store.db import get_engine
from tahub.store.tables import Incident, IncidentTag, Source

REPO = Path(__file__).resolve().parents[2]
CTDC = REPO / "data" / "ctdc" / "ctdc_global_2020_final.csv"
CTDC_APP = REPO / "data" / "ctdc" / "ctdc_dados_app.csv"
runner = CliRunner()


def real_rows(path: Path, n: int, start: int = 0) -> tuple[list[str], list[list[str]]]:
    """The header and `n` real rows of a bundled CTDC file."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [row for i, row in enumerate(reader) if start <= i < start + n]
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",",
              encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def ingest(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", *args])


def count(model=Incident) -> int:  # type: ignore[no-untyped-def]
    with Session(get_engine()) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_every_row_stored_identical_rows_kept_and_reingest_idempotent(db_url, tmp_path):
    header, rows = real_rows(CTDC, 40)
    assert len({tuple(r[1:]) for r in rows}) < 40, "the sample must hold identical victims"
    path = write_csv(tmp_path / "ctdc.csv", header, rows)
    first = ingest(str(path), "--profile", "ctdc")
    assert first.exit_code == 0, first.output
    assert count() == 40
    again = ingest(str(path), "--profile", "ctdc")
    assert again.exit_code == 0 and "nothing new" in again.output
    assert count() == 40 and count(Source) == 1


def test_stored_values_are_normalised_codes_with_provenance(db_url, tmp_path):
    header, rows = real_rows(CTDC_APP, 3, start=48_770)
    path = write_csv(tmp_path / "app.csv", header, rows)
    assert ingest(str(path), "--profile", "ctdc", "--source", "CTDC 2020").exit_code == 0
    with Session(get_engine()) as session:
        incidents = session.scalars(select(Incident).order_by(Incident.source_row)).all()
        source = session.scalars(select(Source)).one()
        tags = set(session.scalars(select(IncidentTag.tag)))
    assert [i.source_row for i in incidents] == [2, 3, 4]
    first = incidents[0]
    assert (first.registration_year, first.gender, first.citizenship) == (2018, "male", "US")
    assert first.country_of_exploitation == "US" and first.age_band == "9-17"
    assert first.minor is True  # derived from the age band 9--17
    assert first.attributes["pais_exploracao_alpha3"] == "USA"  # nothing lost
    assert source.label == "CTDC 2020" and len(source.content_sha256) == 64
    assert source.attribution.startswith("Counter Trafficking Data Collaborative")
    assert tags <= {"exploitation.labour", "exploitation.sexual"}


def test_minus_99_empty_and_00_mean_unknown(db_url, tmp_path):
    header = ["yearOfRegistration", "gender", "citizenship", "CountryOfExploitation",
              "isSexualExploit"]
    rows = [["2016", "-99", "00", "", "-99"], ["2017", "Female", "ZZ", "-99", "1"]]
    path = write_csv(tmp_path / "unknowns.csv", header, rows)
    assert ingest(str(path), "--profile", "ctdc").exit_code == 0
    with Session(get_engine()) as session:
        rows_ = session.execute(select(Incident.gender, Incident.citizenship,
                                       Incident.country_of_exploitation)).all()
    assert rows_ == [(None, None, None), ("female", None, None)]


def test_rejected_file_stores_nothing_and_names_row_and_column(db_url, tmp_path):
    header, rows = real_rows(CTDC, 10)
    rows[3][5] = "XX"  # citizenship
    rows[6][1] = "20O2"  # yearOfRegistration with a letter O
    path = write_csv(tmp_path / "bad.csv", header, rows)
    report = tmp_path / "report.csv"
    result = ingest(str(path), "--profile", "ctdc", "--report", str(report))
    assert result.exit_code == 1
    assert "row 5, column citizenship: 'XX' is not a country code" in result.output
    assert "row 8, column yearOfRegistration:" in result.output
    assert count() == 0 and count(Source) == 0
    lines = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [(r["row"], r["column"], r["value"]) for r in lines] == [
        ("5", "citizenship", "XX"), ("8", "yearOfRegistration", "20O2")]


def test_partial_stores_valid_rows_and_reports_the_rest(db_url, tmp_path):
    header, rows = real_rows(CTDC, 10)
    rows[2][5] = "Atlantis"
    path = write_csv(tmp_path / "partial.csv", header, rows)
    result = ingest(str(path), "--profile", "ctdc", "--partial")
    assert result.exit_code == 0
    assert "row 4, column citizenship" in result.output
    assert "stored 9" in result.output and "rejected 1" in result.output
    assert count() == 9


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not a table"),
])
def test_unusable_files_are_usage_errors(sqlite_url, tmp_path, content, message):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    result = ingest(str(path), "--profile", "ctdc")
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_usage_errors_missing_file_and_unknown_profile(sqlite_url, tmp_path):
    missing = ingest(str(tmp_path / "nope.csv"), "--profile", "ctdc")
    assert missing.exit_code == 2 and "file not found" in missing.output
    unknown = ingest(str(CTDC), "--profile", "nope")
    assert unknown.exit_code == 2 and "unknown profile 'nope'" in unknown.output
    assert "ctdc" in unknown.output  # lists the known ones


def test_header_only_file_is_rejected(sqlite_url, tmp_path):
    path = write_csv(tmp_path / "header.csv", real_rows(CTDC, 0)[0], [])
    result = ingest(str(path), "--profile", "ctdc")
    assert result.exit_code == 1 and "no data rows" in result.output


def test_missing_required_column(sqlite_url, tmp_path):
    header, rows = real_rows(CTDC, 3)
    keep = [i for i, h in enumerate(header) if h != "yearOfRegistration"]
    path = write_csv(tmp_path / "noyear.csv", [header[i] for i in keep],
                     [[r[i] for i in keep] for r in rows])
    result = ingest(str(path), "--profile", "ctdc")
    assert result.exit_code == 1
    assert "row 1, column yearOfRegistration: required column is missing" in result.output


def test_ragged_row_and_huge_cell(sqlite_url, tmp_path, monkeypatch):
    header, rows = real_rows(CTDC, 4)
    rows[1] = rows[1][:4]
    rows[2][2] = "x" * 5_000_000
    path = write_csv(tmp_path / "ragged.csv", header, rows)
    result = ingest(str(path), "--profile", "ctdc")
    assert result.exit_code == 1
    assert "row 3, column ageBroad: row has 4 cells but the header has 11" in result.output
    assert "row 4, column Datasource: cell is 5,000,000 bytes" in result.output
    assert count() == 0


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8-sig", ";"), ("cp1252", "\t"), ("utf-16", "|"), ("utf-8", ","),
])
def test_encodings_and_delimiters_are_sniffed(sqlite_url, tmp_path, encoding, delimiter):
    header = ["yearOfRegistration", "citizenship", "CountryOfExploitation", "Datasource"]
    rows = [["2019", "Perú", "España", "Atención – Línea"], ["2018", "México", "EE.UU.", "x"]]
    path = write_csv(tmp_path / "es.csv", header, rows, delimiter, encoding)
    assert ingest(str(path), "--profile", "ctdc").exit_code == 0
    with Session(get_engine()) as session:
        got = session.execute(select(Incident.citizenship, Incident.country_of_exploitation,
                                     Incident.data_source).order_by(Incident.id)).all()
    assert got == [("PE", "ES", "Atención – Línea"), ("MX", "US", "x")]


def test_xlsx_json_and_jsonl(sqlite_url, tmp_path):
    from openpyxl import Workbook

    header, rows = real_rows(CTDC_APP, 5)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([float(c) if c.replace(".", "").isdigit() else c or None for c in row])
    workbook.save(tmp_path / "ctdc.xlsx")
    records = [dict(zip(header, r, strict=True)) for r in rows]
    (tmp_path / "ctdc.json").write_text(json.dumps(records))
    (tmp_path / "ctdc.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    for name in ("ctdc.xlsx", "ctdc.json", "ctdc.jsonl"):
        result = ingest(str(tmp_path / name), "--profile", "ctdc")
        assert result.exit_code == 0, (name, result.output)
    assert count() == 15
    with Session(get_engine()) as session:
        years = set(session.scalars(select(Incident.registration_year)))
    assert years == {2002}


def test_formula_cells_are_kept_verbatim(sqlite_url, tmp_path):
    header = ["yearOfRegistration", "Datasource", "notes"]
    rows = [["2019", '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0"], ["2019", "@SUM(1)", ""]]
    path = write_csv(tmp_path / "formula.csv", header, rows)
    assert ingest(str(path), "--profile", "ctdc").exit_code == 0
    with Session(get_engine()) as session:
        got = session.execute(select(Incident.data_source, Incident.attributes)
                              .order_by(Incident.id)).all()
    assert got[0] == ('=HYPERLINK("http://x","y")', {"notes": "+cmd|' /C calc'!A0"})
    assert got[1][0] == "@SUM(1)"


def test_spanish_excel_dates_and_decimal_commas(sqlite_url, tmp_path):
    from tahub.ingest.values import parse_date, parse_latitude, parse_number

    assert parse_date("31/12/2020").isoformat() == "2020-12-31"
    assert parse_number("1.234,5", ",") == 1234.5 and parse_number("150.000", ",") == 150000
    assert parse_latitude("4,570868", ",") == pytest.approx(4.570868)
    with pytest.raises(ValueError, match="outside -90..90"):
        parse_latitude("200")


def test_failure_during_write_leaves_no_partial_import(db_url, tmp_path, monkeypatch):
    import tahub.store.writer as writer

    header, rows = real_rows(CTDC, 30)
    path = write_csv(tmp_path / "ok.csv", header, rows)
    calls = {"n": 0}
    original = writer.insert_rows

    def failing(conn, table, columns, rows_):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if table == "incident_tags":
            raise RuntimeError("power cut")
        return original(conn, table, columns, rows_)

    monkeypatch.setattr(writer, "insert_rows", failing)
    with pytest.raises(RuntimeError):
        from tahub.ingest.profiles import load_profile
        from tahub.ingest.tabular import ingest_file

        ingest_file(path, load_profile("ctdc"))
    assert calls["n"] >= 2 and count() == 0 and count(Source) == 0


def test_killed_ingest_leaves_all_or_nothing(sqlite_url, tmp_path):
    header, rows = real_rows(CTDC, 2000)
    path = write_csv(tmp_path / "big.csv", header, rows * 60)  # 120,000 rows
    env = {"TAHUB_DATABASE_URL": sqlite_url, "TAHUB_DATA_DIR": str(tmp_path / "var"),
           "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "tahub", "init"], env=env, check=True,
                   capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "tahub", "ingest", str(path), "--profile",
                             "ctdc"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2.5)
    proc.kill()
    proc.wait()
    stored = count()
    assert stored in (0, 120_000)


def test_stats_json_has_the_promised_keys(db_url):
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0
    counts = json.loads(result.output)
    for key in ("incidents", "missing_persons", "pois", "statistics", "documents", "sources"):
        assert counts[key] == 0


def test_bad_jsonl_lines_are_row_errors_and_partial_keeps_the_rest(sqlite_url, tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"yearOfRegistration": 2019, "citizenship": "UA"}\n'
                    "{not json\n"
                    '["a list"]\n'
                    '{"yearOfRegistration": "2020", "citizenship": "Ucrania"}\n')
    rejected = ingest(str(path), "--profile", "ctdc")
    assert rejected.exit_code == 1
    assert "row 2, column *: not valid JSON" in rejected.output
    assert "row 3, column *: expected a JSON object, got list" in rejected.output
    assert ingest(str(path), "--profile", "ctdc", "--partial").exit_code == 0
    with Session(get_engine()) as session:
        assert list(session.scalars(select(Incident.citizenship))) == ["UA", "UA"]


def test_generic_profile_with_own_mapping(sqlite_url, tmp_path):
    mapping = tmp_path / "mine.yaml"
    mapping.write_text(
        "target: incidents\n"
        "fields:\n"
        "  registration_year: {columns: [Año, year], type: year, required: true}\n"
        "  citizenship: {columns: [Nacionalidad], type: country}\n"
        "  gender: {columns: [Sexo], type: sex}\n"
        "tags:\n"
        "  - {columns: [Finalidad], type: choice, values: {Explotación sexual: exploitation.sexual,"
        " Trabajo forzoso: exploitation.labour}}\n")
    data = write_csv(tmp_path / "casos.csv", ["Año", "Nacionalidad", "Sexo", "Finalidad"],
                     [["2021", "Venezuela", "Mujer", "Explotación sexual"],
                      ["2022", "Colombia", "Hombre", "Trabajo forzoso"]], delimiter=";")
    assert ingest(str(data), "--profile", "generic").exit_code == 2  # needs --mapping
    result = ingest(str(data), "--profile", "generic", "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    with Session(get_engine()) as session:
        got = session.execute(select(Incident.citizenship, Incident.gender, IncidentTag.tag)
                              .join(IncidentTag).order_by(Incident.id)).all()
    assert got == [("VE", "female", "exploitation.sexual"), ("CO", "male", "exploitation.labour")]


def test_broken_mapping_fails_naming_file_and_key(sqlite_url, tmp_path):
    mapping = tmp_path / "broken.yaml"
    mapping.write_text("target: incidents\nfields:\n  colour: {columns: [c]}\n")
    result = ingest(str(CTDC), "--profile", "generic", "--mapping", str(mapping))
    assert result.exit_code == 2
    assert "broken.yaml: fields.colour: not a field of this target" in result.output


def test_templates_are_parsed_by_type_and_names_never_stored_in_clear(sqlite_url, tmp_path):
    from tahub.store.tables import MissingPerson

    mapping = tmp_path / "mp.yaml"
    mapping.write_text(
        "target: missing_persons\n"
        "keep_unmapped: false\n"
        "missing: [Desconocido]\n"
        "fields:\n"
        "  date_missing: {template: '{anio}-{mes}-{dia}', type: date}\n"
        "  name_hash: {template: '{nombres} {apellidos}', type: keyed_hash}\n"
        "  sex: {columns: [sexo], type: sex}\n")
    data = write_csv(tmp_path / "mp.csv", ["anio", "mes", "dia", "nombres", "apellidos", "sexo"],
                     [["2024", "03", "09", "Ana María", "Pérez Demo", "DESCONOCIDO"]])
    result = ingest(str(data), "--profile", "generic", "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    with Session(get_engine()) as session:
        person = session.scalars(select(MissingPerson)).one()
    assert person.date_missing.isoformat() == "2024-03-09"
    assert person.sex is None  # the missing marker matches whatever its case
    assert len(person.name_hash) == 64 and "Ana" not in person.name_hash
    assert person.attributes is None
