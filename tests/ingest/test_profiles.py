"""Each bundled profile on real rows of its bundled file (or a realistic fixture).

Large files are cut to a few real rows first (the same header, the same cells), so that
each test reads what the demo reads without paying for the whole file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tahub.ingest.demo import DEMO_FILES, demo_dir, load_demo
from tahub.ingest.profiles import load_profile, profile_names
from tahub.ingest.tabular import IngestResult, ingest_file
from tahub.store.db import get_engine
from tahub.store.tables import (
    Incident,
    IncidentPlace,
    IncidentTag,
    MissingPerson,
    PointOfInterest,
    Source,
    Statistic,
)

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
FIXTURES = REPO / "tests" / "data"


def real_csv_rows(path: Path, keep: Callable[[dict[str, str]], bool], limit: int = 50,
                  encoding: str = "utf-8-sig") -> tuple[list[str], list[list[str]]]:
    """The header and the first `limit` rows of a bundled CSV for which `keep` is true."""
    with path.open(newline="", encoding=encoding) as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = []
        for cells in reader:
            if keep(dict(zip(header, cells, strict=False))):
                rows.append(cells)
                if len(rows) == limit:
                    break
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def ingest(path: Path, profile: str) -> IngestResult:
    result = ingest_file(path, load_profile(profile))
    assert not result.errors, [str(e) for e in result.errors[:5]]
    assert result.rows_stored == result.rows_read > 0
    return result


def stored(model, *order):  # type: ignore[no-untyped-def]
    with Session(get_engine()) as session:
        return session.scalars(select(model).order_by(*(order or (model.id,)))).all()


# --- one profile per bundled real source ----------------------------------------------

LINEA145 = DATA / "argentina_linea145" / "oficina-rescate-denuncias-202001-202307.csv"


def test_argentina_linea145_complaints_become_tagged_incidents(db_url, tmp_path):
    wanted = {"Explotación sexual", "Explotación sexual niñas, niños y adolescentes",
              "Explotación laboral", "Extracción forzosa de órganos, tejidos o fluidos",
              "Oferta laboral engañosa", "Persona desaparecida"}
    seen: set[str] = set()

    def first_of_each(row: dict[str, str]) -> bool:
        if row["subtema"] in wanted - seen:
            seen.add(row["subtema"])
            return True
        return False

    header, rows = real_csv_rows(LINEA145, first_of_each)
    assert seen == wanted
    ingest(write_csv(tmp_path / "linea145.csv", header, rows), "argentina_linea145")
    incidents = stored(Incident, Incident.source_row)
    with Session(get_engine()) as session:
        tags: dict[int, set[str]] = {}
        for incident_id, tag in session.execute(select(IncidentTag.incident_id,
                                                       IncidentTag.tag)):
            tags.setdefault(incident_id, set()).add(tag)
        places = {p.incident_id: p for p in session.scalars(select(IncidentPlace))}
    by_subtema = {row[header.index("subtema")]: (row, inc)
                  for row, inc in zip(rows, incidents, strict=True)}

    row, first = by_subtema["Explotación sexual"]  # the file's first complaint
    assert row[header.index("nro_registro_interno")] == "584554505"
    assert str(first.reported_on) == "2020-01-01" and first.registration_year == 2020
    assert (first.data_source, first.country_of_exploitation) == ("Hotline", "AR")
    assert tags[first.id] == {"exploitation.sexual"} and first.minor is None
    place = places[first.id]
    assert (place.role, place.country, place.admin1, place.locality) == (
        "exploitation", "AR", "Buenos Aires", "Maquinista Savio")

    _, child = by_subtema["Explotación sexual niñas, niños y adolescentes"]
    assert tags[child.id] == {"exploitation.sexual"} and child.minor is True
    assert places[child.id].admin1 == "Ciudad Autónoma de Buenos Aires"
    assert tags[by_subtema["Explotación laboral"][1].id] == {"exploitation.labour"}
    organs = by_subtema["Extracción forzosa de órganos, tejidos o fluidos"][1]
    assert tags[organs.id] == {"exploitation.organ_removal"}
    offer = by_subtema["Oferta laboral engañosa"][1]
    assert tags[offer.id] == {"recruitment.false_job_offer"}
    assert by_subtema["Persona desaparecida"][1].id not in tags  # not a form of exploitation

    for row, incident in zip(rows, incidents, strict=True):
        assert incident.attributes["nro_registro_interno"] == row[
            header.index("nro_registro_interno")]
        assert incident.attributes.get("provincia_indec_id", "") == row[
            header.index("provincia_indec_id")]
        assert not any(k.startswith("denunciante_") or k == "origen"
                       for k in incident.attributes), "the caller is not the victim"


def test_argentina_every_exploitation_subtema_in_the_file_gets_a_tag(sqlite_url):
    ingest(LINEA145, "argentina_linea145")
    with LINEA145.open(newline="", encoding="utf-8-sig") as handle:
        subtemas = [row["subtema"] for row in csv.DictReader(handle)]
    with Session(get_engine()) as session:
        rows = dict(session.execute(select(Incident.id, Incident.source_row)).all())
        tagged = {rows[i] for i in session.scalars(
            select(IncidentTag.incident_id).where(IncidentTag.tag.like("exploitation.%")))}
    untagged = {s for row, s in enumerate(subtemas, start=2)
                if re.search(r"explotaci[oó]n|servidumbre|pornograf|prostituci", s, re.I)
                and row not in tagged}
    assert untagged == {"Explotación de joven con síndrome de down"}  # kind not said
    assert len(tagged) > 4_000  # sexual 2,170 + labour 1,040 + child ... of 5,912


def test_unodc_glotip_keeps_suppressed_counts_as_suppressed(db_url, tmp_path):
    book = load_workbook(DATA / "unodc_glotip" / "data_glotip.xlsx", read_only=True)
    cells = book.worksheets[0].iter_rows(values_only=True)
    header = next(cells)
    rows = [next(cells) for _ in range(2700)]
    book.close()
    picked = rows[:4] + [r for r in rows if r[0] == "Aruba/Curacao"]
    assert len(picked) == 5
    subset = Workbook()
    subset.active.append(header)
    for row in picked:
        subset.active.append(row)
    subset.save(tmp_path / "glotip.xlsx")

    ingest(tmp_path / "glotip.xlsx", "unodc_glotip")
    aruba, afg_2003, afg_2008, afg_offences, regional = stored(Statistic, Statistic.source_row)
    # ABW, Detected trafficking victims by country of repatriation: Ukraine, 2010, "<5"
    assert (aruba.country, aruba.year, aruba.level) == ("AW", 2010, "country")
    assert aruba.indicator == "Detected trafficking victims"
    assert aruba.category == "by country of repatriation: Ukraine"
    assert aruba.suppressed is True and aruba.value is None and aruba.value_text == "<5"
    assert aruba.sex is None and aruba.age_group is None  # "Total" is no breakdown
    assert afg_2003.country == "AF" and afg_2003.period == "2003"
    assert afg_offences.indicator == "Offences of trafficking in persons"
    assert (afg_offences.value, afg_offences.suppressed) == (103, False)
    assert afg_offences.unit == "Counts"
    assert afg_offences.breakdown["Subregion"] == "Southern Asia"
    assert regional.country is None and regional.suppressed is True  # not a country


def test_mexico_sesnsp_state_codes_zero_padded_from_clave_ent(db_url, tmp_path):
    path = DATA / "mexico_sesnsp" / "dataset_completo_limpio.csv"
    header, rows = real_csv_rows(path, lambda r: r["Año"] == "2019" and r["Mes"] == "Marzo"
                                 and r["Entidad"] in {"Chiapas", "Chihuahua", "Aguascalientes"},
                                 limit=100)
    assert len(rows) == 18  # 3 states x 2 sexes x 3 age groups
    ingest(write_csv(tmp_path / "sesnsp.csv", header, rows), "mexico_sesnsp")
    stats = stored(Statistic, Statistic.source_row)
    codes = {s.admin1: s.admin1_code for s in stats}
    # Both are MXCHI in Codigo_Estado_JSON; Clave_Ent tells them apart.
    assert codes == {"Aguascalientes": "01", "Chiapas": "07", "Chihuahua": "08"}
    first = stats[0]
    assert (first.country, first.level, first.period, first.year, first.month) == (
        "MX", "admin1", "2019-03", 2019, 3)
    assert first.indicator == "victims: Trata de personas" and first.unit == "victims"
    assert {s.age_group for s in stats} == {"0-17", "18+", "unknown"}
    assert {s.sex for s in stats} == {"female", "male"}
    for row, stat in zip(rows, stats, strict=True):
        assert stat.value == float(row[header.index("Numero Victimas")])
        assert "Codigo_Estado_JSON" not in (stat.breakdown or {})


def test_mexico_rnpdno_municipalities_undated_and_unplaced_rows(db_url, tmp_path):
    path = DATA / "mexico_rnpdno" / "rnpdno_all_states_2023.csv"
    header, rows = real_csv_rows(path, lambda r: r["cve_entidad"] == "01", limit=2000)
    ingest(write_csv(tmp_path / "rnpdno.csv", header, rows), "mexico_rnpdno")
    stats = stored(Statistic, Statistic.source_row)
    assert len(stats) == len(rows)
    first = stats[0]  # 01,AGUASCALIENTES,2023-01,DESAPARECIDA_O_NO_LOCALIZADA,HOMBRE,01001
    assert (first.admin1_code, first.admin2_code, first.admin2) == ("01", "01001",
                                                                    "AGUASCALIENTES")
    assert (first.level, first.period, first.sex, first.value) == ("admin2", "2023-01",
                                                                    "male", 1)
    assert first.indicator == "DESAPARECIDA_O_NO_LOCALIZADA"
    undated = [s for s in stats if s.period is None]
    assert {s.indicator: s.value for s in undated} == {
        "DESAPARECIDA_O_NO_LOCALIZADA": 9, "LOCALIZADA_CON_VIDA": 22, "LOCALIZADA_SIN_VIDA": 1}
    assert all(s.level == "admin1" and s.sex is None for s in undated)
    unplaced = [s for s, r in zip(stats, rows, strict=True)
                if r[header.index("municipio")] == "SIN MUNICIPIO DE REFERENCIA"]
    assert unplaced and all(s.admin2 is None and s.level == "admin1" for s in unplaced)
    assert sum(s.value for s in stats) == sum(int(r[header.index("conteo")]) for r in rows)


def test_peru_mininter_districts_and_blank_values(db_url):
    # Real rows of the bundled workbook (the whole file takes a minute to open); the slow
    # test below checks that they are.
    ingest(FIXTURES / "peru_mininter_sample.xlsx", "peru_mininter")
    stats = stored(Statistic, Statistic.source_row)
    offer = stats[2]  # 2017-01 ÁNCASH / SANTA / CHIMBOTE, CAPTACIÓN, C_OFERTA DE TRABAJO: 2
    assert (offer.country, offer.admin1, offer.admin1_code) == ("PE", "ÁNCASH", "02")
    assert (offer.admin2, offer.locality, offer.level) == ("SANTA", "CHIMBOTE", "admin2")
    assert (offer.period, offer.category, offer.indicator, offer.value) == (
        "2017-01", "CAPTACIÓN", "C_OFERTA DE TRABAJO", 2)
    assert offer.breakdown == {"COMISARÍA": "DIVICAJ -DEPINTRAP"}
    victims = [s for s in stats if s.category == "EM_EF_TOTAL"]
    assert [(s.admin1, s.value) for s in victims] == [("ÁNCASH", 2), ("AYACUCHO", 4)]
    blank = [s for s in stats if s.admin1 == "APURÍMAC"]
    assert blank and all(s.value is None and s.suppressed is False for s in blank)
    amazonas = [s for s in stats if s.admin1 == "AMAZONAS"]
    assert all(s.level == "admin1" and s.admin1_code == "01" for s in amazonas)


@pytest.mark.slow
def test_peru_sample_rows_are_real_rows_of_the_bundled_file():
    def rows(path: Path) -> list[tuple]:
        book = load_workbook(path, read_only=True)
        out = [tuple(c for c in r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        return out

    bundled = set(rows(DATA / "peru_mininter" /
                       "DataSet_trata_personas_enero2017_septiembre2025.xlsx"))
    assert set(rows(FIXTURES / "peru_mininter_sample.xlsx")) <= bundled


def test_colombia_desapariciones_by_department(db_url):
    ingest(DATA / "colombia" / "DesaparicionesPorDepartamento.csv", "colombia_desapariciones")
    stats = {s.admin1: s for s in stored(Statistic)}
    assert len(stats) == 34 and sum(s.value for s in stats.values()) == 96_472
    assert stats["ANTIOQUIA"].value == 19_659 and stats["ANTIOQUIA"].country == "CO"
    assert stats["POR ESTABLECER"].level == "admin1"  # never read as a national total


# --- generic profiles on realistic fixtures -------------------------------------------


def test_missing_persons_spanish_cp1252_semicolons_decimal_commas(db_url):
    ingest(FIXTURES / "missing_persons_es.csv", "missing_persons")
    people = stored(MissingPerson, MissingPerson.source_row)
    lucia, ramon, ana, yesenia, jose, maria = people
    assert (lucia.sex, lucia.age, lucia.minor, str(lucia.date_missing)) == (
        "female", 16, True, "2023-02-03")
    assert (lucia.country, lucia.admin1, lucia.admin2) == ("MX", "Chihuahua", "Juárez")
    assert (lucia.lat, lucia.lon, lucia.status) == (31.6904, -106.4245, "missing")
    assert (ramon.sex, ramon.country, ramon.status) == ("male", "MX", "found_alive")
    assert ana.status == "found_dead" and yesenia.status == "found_alive"
    assert (jose.country, jose.age, jose.lat) == ("GT", None, None)  # "Sin dato"
    assert (maria.country, maria.admin1) == ("CO", "Norte de Santander")
    assert_no_names_in_clear(people, ["Quintero", "Lucía", "Cárdenas", "secundaria"])


def test_missing_persons_english_and_portuguese(db_url):
    ingest(FIXTURES / "missing_persons_en.csv", "missing_persons")
    ingest(FIXTURES / "missing_persons_pt.json", "missing_persons")
    people = stored(MissingPerson, MissingPerson.source_id, MissingPerson.source_row)
    chloe, daniel, maricel, jomar, juliana, carlos, ana = people
    assert (chloe.country, chloe.admin2, chloe.status, chloe.minor) == (
        "GB", "Birmingham", "found_alive", True)
    assert (daniel.country, daniel.status) == ("GB", "missing")
    assert (maricel.country, maricel.lat, maricel.lon) == ("PH", 14.676, 121.0437)
    assert (jomar.sex, jomar.age, jomar.status) == ("male", None, "found_dead")
    assert (juliana.sex, juliana.country, juliana.admin1) == ("female", "BR", "Pará")
    assert (juliana.lat, str(juliana.date_missing), juliana.status) == (
        -1.4558, "2024-03-15", "found_alive")
    assert (carlos.age, carlos.country, carlos.status) == (41, "BR", "missing")
    assert (ana.sex, ana.status) == (None, "found_dead")
    assert_no_names_in_clear(people, ["Whitfield", "Maricel", "Juliana", "Malaysia", "babá"])


def assert_no_names_in_clear(people: list[MissingPerson], words: list[str]) -> None:
    hashes = [p.name_hash for p in people]
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes) and len(set(hashes)) == len(
        hashes)
    assert all(p.attributes is None for p in people)  # notes and ids are not kept
    dumped = json.dumps([{c.name: str(getattr(p, c.name)) for c in MissingPerson.__table__.c}
                         for p in people], ensure_ascii=False)
    assert not any(word in dumped for word in words)


def test_missing_persons_unknown_status_is_refused_with_its_row(db_url, tmp_path):
    path = tmp_path / "mp.csv"
    path.write_text("nombre,sexo,estatus\nPersona Ficticia,Mujer,Trasladada\n", encoding="utf-8")
    result = ingest_file(path, load_profile("missing_persons"))
    assert result.rejected and [(e.row, e.column) for e in result.errors] == [(2, "estatus")]


def test_poi_spanish_and_english(db_url):
    ingest(FIXTURES / "poi_es.csv", "poi")
    ingest(FIXTURES / "poi_en.csv", "poi")
    pois = stored(PointOfInterest, PointOfInterest.source_id, PointOfInterest.source_row)
    bar, spa, terminal, mine, shelter, lotus, pasay, ktv = pois
    assert (bar.category, bar.locality, bar.admin1, bar.country) == (
        "bar", "Bogotá", "Cundinamarca", "CO")
    assert (bar.lat, bar.lon, bar.address) == (4.6097, -74.0711, "Cra. 7 #22-15")
    assert bar.attributes == {"horario": "20:00-04:00", "fuente": "patrullaje 2024-03"}
    assert (spa.country, terminal.country, mine.admin1) == ("PE", "PE", "Madre de Dios")
    assert (shelter.lat, shelter.address) == (None, None)
    assert (lotus.country, lotus.lat, lotus.category) == ("GB", 51.8787, "massage parlour")
    assert (pasay.country, ktv.country, ktv.address) == ("PH", "PH", None)


def test_statistics_long_spanish(db_url):
    ingest(FIXTURES / "statistics_long_es.csv", "statistics")
    stats = stored(Statistic, Statistic.source_row)
    girls, boys, women, unknown, bogota, national = stats
    assert (girls.level, girls.country, girls.admin2, girls.admin2_code) == (
        "admin2", "CO", "Medellín", "05001")
    assert (girls.year, girls.sex, girls.age_group, girls.value) == (2022, "female", "0-17", 12)
    assert (boys.suppressed, boys.value, boys.value_text) == (True, None, "<5")
    assert women.value == 1234  # "1.234" in a semicolon file: thousands
    assert (unknown.sex, unknown.age_group) == ("unknown", None)
    assert (bogota.level, bogota.admin1) == ("admin1", "Bogotá, D.C.")
    assert (national.level, national.admin1, national.value) == ("country", None, 2310)


def test_statistics_wide_years_become_rows(db_url):
    ingest(FIXTURES / "statistics_wide_en.csv", "statistics")
    stats = stored(Statistic, Statistic.source_row, Statistic.period)
    got = [(s.country, s.sex, s.period, s.value, s.value_text) for s in stats]
    assert got == [
        ("PH", "female", "2019", 1204, None), ("PH", "female", "2020", 987, None),
        ("PH", "female", "2021", None, "<5"),
        ("PH", "male", "2019", 318, None), ("PH", "male", "2021", 271, None),
        ("GB", "female", "2019", 2451, None), ("GB", "female", "2020", None, "*"),
        ("GB", "female", "2021", 2980, None),
    ]
    assert stats[0].breakdown == {"Total": "2196"} and stats[0].year == 2019


def test_statistics_generic_profile_reads_real_sesnsp_rows(db_url, tmp_path):
    # Año + Spanish month name make the period; the dedicated profile adds country and pad.
    path = DATA / "mexico_sesnsp" / "dataset_completo_limpio.csv"
    header, rows = real_csv_rows(path, lambda r: r["Entidad"] == "Jalisco" and r["Año"] ==
                                 "2024" and r["Mes"] in {"Enero", "Diciembre"})
    assert len(rows) == 12
    ingest(write_csv(tmp_path / "jalisco.csv", header, rows), "statistics")
    stats = stored(Statistic, Statistic.source_row)
    assert {s.period for s in stats} == {"2024-01", "2024-12"}
    assert {(s.level, s.admin1, s.admin1_code) for s in stats} == {("admin1", "Jalisco", "14")}
    assert {s.sex for s in stats} == {"female", "male"}
    assert [s.value for s in stats] == [float(r[header.index("Numero Victimas")]) for r in rows]
    assert stats[0].breakdown["Codigo_Estado_JSON"] == "MXJAL"  # unmapped columns are kept


# --- the bundle as a whole ------------------------------------------------------------


def test_every_bundled_source_profile_names_its_terms():
    names = {p for _, p in DEMO_FILES} | {"missing_persons", "poi", "statistics"}
    for name in names:
        profile = load_profile(name)
        assert profile.licence and profile.attribution, name


def test_demo_files_are_bundled_with_their_source_notes():
    assert [p for _, p in DEMO_FILES].count("ctdc") == 1  # one CTDC extract: same release
    for relative, profile in DEMO_FILES:
        path = demo_dir() / relative
        assert path.is_file(), relative
        assert profile in profile_names()
        if not relative.startswith("ctdc/"):
            assert (path.parent / "SOURCE.md").is_file(), relative
        assert relative.split("/")[-1] in (DATA / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_whole_demo_loads_every_row_of_every_file(sqlite_url):
    results = [result for _, result in load_demo(demo_dir())]
    assert len(results) == len(DEMO_FILES)
    for result in results:
        assert not result.errors and result.rows_stored == result.rows_read > 0, result.path
    assert sum(r.rows_stored for r in results) == 48_773 + 5_912 + 25_344 + 12_732 + 13_235 \
        + 75_508 + 34 + 46_556


def test_reingesting_a_bundled_file_stores_nothing_new(db_url):
    path = DATA / "colombia" / "DesaparicionesPorDepartamento.csv"
    ingest(path, "colombia_desapariciones")
    again = ingest_file(path, load_profile("colombia_desapariciones"))
    assert again.already and len(stored(Statistic)) == 34 and len(stored(Source)) == 1
