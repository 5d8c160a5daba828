"""The golden tags: complete in three languages, stable ids, strict loader, real mappings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tahub.cli import app
from tahub.errors import SchemaError
from tahub.schema.taxonomy import (
    DEFAULT_PATH,
    LANGS,
    load_taxonomy,
    render_markdown,
    render_text,
)

ROOT = Path(__file__).resolve().parents[2]

# CTDC codebook v6 / data dictionary 15-08-2018: every means-of-control concept column.
# (meansOfControlNotSpecified and meansOfControlConcatenated say nothing about the means.)
CTDC_MEANS_OF_CONTROL = [
    "meansOfControlDebtBondage", "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse",
    "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours",
    "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments",
    "meansOfControlOther",
]
ILO_INDICATORS = [
    "Abuse of vulnerability", "Deception", "Restriction of movement", "Isolation",
    "Physical and sexual violence", "Intimidation and threats",
    "Retention of identity documents", "Withholding of wages", "Debt bondage",
    "Abusive working and living conditions", "Excessive overtime",
]
POLARIS_TYPES = [
    "Escort Services", "Illicit Massage, Health & Beauty", "Outdoor Solicitation", "Residential",
    "Domestic Work", "Bars, Strip Clubs & Cantinas", "Pornography", "Traveling Sales Crews",
    "Restaurants & Food Service", "Peddling & Begging", "Agriculture & Animal Husbandry",
    "Personal Sexual Servitude", "Health & Beauty Services", "Construction",
    "Hotels & Hospitality", "Landscaping", "Illicit Activities", "Arts & Entertainment",
    "Commercial Cleaning Services", "Factories & Manufacturing",
    "Remote Interactive Sexual Acts", "Carnivals", "Forestry & Logging", "Health Care",
    "Recreational Facilities",
]

SMALL_DOC = """\
version: 3
categories:
  control:
    label: {en: Means of control, es: Medios de control, pt: Meios de controle}
    tags:
      - id: control.debt_bondage
        label: {en: Debt bondage, es: Servidumbre por deudas, pt: Servidão por dívida}
        maps: {ctdc: meansOfControlDebtBondage, ilo: Debt bondage}
      - id: control.threats
        label: {en: Threats, es: Amenazas, pt: Ameaças}
        maps: {ctdc: meansOfControlThreats}
      - id: control.old_threats
        retired: true
        label: {en: Threats (old), es: Amenazas (antiguo), pt: Ameaças (antigo)}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "golden_tags.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_tag_and_category_has_a_label_in_every_language():
    tax = load_taxonomy()
    for category in tax.categories.values():
        assert all(category.label[lang].strip() for lang in LANGS), category.name
    for tag in tax.tags(include_retired=True):
        for lang in LANGS:
            assert tax.label(tag.id, lang).strip(), (tag.id, lang)
        if tag.description:
            assert all(tag.description[lang].strip() for lang in LANGS), tag.id


def test_spanish_and_portuguese_labels_are_translations_not_copies():
    tax = load_taxonomy()
    same = [t.id for t in tax.tags() if t.label["en"] in (t.label["es"], t.label["pt"])]
    # A word may be spelt alike across languages, but an untranslated block would show here.
    assert len(same) <= len(tax.tags()) // 20, same


def test_exploitation_ids_are_stable():
    ids = [t.id for t in load_taxonomy().tags("exploitation", include_retired=True)]
    assert ids == [
        "exploitation.sexual", "exploitation.labour", "exploitation.domestic_servitude",
        "exploitation.forced_criminality", "exploitation.begging",
        "exploitation.forced_marriage", "exploitation.organ_removal",
        "exploitation.child_soldiers", "exploitation.online_sexual_exploitation",
        "exploitation.illegal_adoption",
    ]


def test_ids_in_the_file_are_unique_and_prefixed_by_their_category():
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    ids = [(name, t["id"]) for name, c in raw["categories"].items() for t in c["tags"]]
    assert len({i for _, i in ids}) == len(ids)
    assert all(tag_id.startswith(f"{name}.") for name, tag_id in ids)
    assert isinstance(raw["version"], int)


def test_by_mapping_finds_the_tag_for_a_ctdc_column():
    tax = load_taxonomy()
    assert tax.by_mapping("ctdc", "meansOfControlDebtBondage") == "control.debt_bondage"
    assert tax.by_mapping("ctdc", "isSexualExploit") == "exploitation.sexual"
    assert tax.by_mapping("ctdc", "typeOfLabourAgriculture") == "sector.agriculture"
    assert tax.by_mapping("ctdc", "gender=Female") == "victim.female"
    assert tax.by_mapping("htcds", "vic_MethodsOfControl:WithholdsDocuments") == (
        "control.withholds_documents"
    )
    assert tax.by_mapping("ctdc", "yearOfRegistration") is None
    assert tax.by_mapping("nosuchsystem", "meansOfControlDebtBondage") is None


@pytest.mark.parametrize("column", CTDC_MEANS_OF_CONTROL)
def test_every_ctdc_means_of_control_maps_to_a_control_tag(column):
    tag_id = load_taxonomy().by_mapping("ctdc", column)
    assert tag_id is not None and tag_id.startswith("control."), column


def _codebook() -> Path | None:
    name = "CTDC Global Dataset DATA DICTIONARY version 15082018.xlsx"
    for base in (ROOT / "data", ROOT.parent / "shared" / "data"):
        found = sorted(base.rglob(name)) if base.is_dir() else []
        if found:
            return found[0]
    return None


def test_ctdc_codebook_boolean_columns_all_map_to_tags():
    """Read the official data dictionary, so a column we forgot cannot hide."""
    path = _codebook()
    if path is None:
        pytest.skip("CTDC data dictionary not bundled in this checkout")
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(path, read_only=True)["Main"]
    names = [str(r[0]).strip() for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    prefixes = ("meansOfControl", "typeOfLabour", "typeOfSex", "recruiterRelation")
    columns = [n for n in names if n.startswith(prefixes)
               and not n.endswith(("Concatenated", "NotSpecified"))]
    assert set(CTDC_MEANS_OF_CONTROL) <= set(columns)
    tax = load_taxonomy()
    assert [c for c in columns if tax.by_mapping("ctdc", c) is None] == []


def test_every_ilo_indicator_and_polaris_type_has_a_tag():
    tax = load_taxonomy()
    assert [i for i in ILO_INDICATORS if not tax.tags_by_mapping("ilo", i)] == []
    assert [p for p in POLARIS_TYPES if not tax.tags_by_mapping("polaris", p)] == []
    assert tax.tags_by_mapping("ilo", "Physical and sexual violence") == [
        "control.physical_abuse", "control.sexual_abuse",
    ]


def test_one_ctdc_variable_names_both_the_ctdc_and_the_ilo_concept():
    tag = load_taxonomy().get("control.withholds_documents")
    assert tag is not None
    assert tag.maps["ctdc"] == ("meansOfControlWithholdsDocuments",)
    assert tag.maps["ilo"] == ("Retention of identity documents",)


def test_small_file_loads_and_retired_tags_stay_out_of_listings(tmp_path):
    tax = load_taxonomy(write(tmp_path, SMALL_DOC))
    assert tax.version == 3
    assert [t.id for t in tax.tags()] == ["control.debt_bondage", "control.threats"]
    assert tax.get("control.old_threats").retired
    assert "control.old_threats" in tax
    assert tax.label("control.threats", "pt") == "Ameaças"
    with pytest.raises(ValueError, match="fr"):
        tax.label("control.threats", "fr")
    with pytest.raises(KeyError):
        tax.tags("nosuch")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: control.threats", "id: control.debt_bondage", "control.debt_bondage: duplicate id"),
        (", pt: Ameaças}", "}", "(control.threats).label.pt: missing"),
        ("id: control.threats", "id: threats", "(threats).id: must be 'control."),
        ("maps: {ctdc: meansOfControlThreats}", "mapz: {ctdc: x}", "(control.threats).mapz: "
         "unknown key"),
        ("maps: {ctdc: meansOfControlThreats}", "maps: {ctdc: meansOfControlDebtBondage}",
         "'meansOfControlDebtBondage' already maps to control.debt_bondage"),
        ("maps: {ctdc: meansOfControlThreats}", "maps: {ctdc: a, cdtc: b}",
         "(control.threats).maps.cdtc: unknown key"),
        ("version: 3", "version: three", "version: expected a positive integer"),
        ("retired: true", "retired: true\n        retired: false", "duplicate key 'retired'"),
    ],
)
def test_loader_rejects_a_bad_file_naming_file_and_key(tmp_path, old, new, expected):
    assert old in SMALL_DOC
    path = write(tmp_path, SMALL_DOC.replace(old, new, 1))
    with pytest.raises(SchemaError) as caught:
        load_taxonomy(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_loader_reports_every_problem_at_once(tmp_path):
    text = SMALL_DOC.replace(", pt: Ameaças}", "}").replace(
        "id: control.threats", "id: control.debt_bondage")
    with pytest.raises(SchemaError) as caught:
        load_taxonomy(write(tmp_path, text))
    assert "label.pt: missing" in str(caught.value)
    assert "duplicate id" in str(caught.value)


def test_missing_file_is_a_schema_error(tmp_path):
    with pytest.raises(SchemaError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.yaml")


def test_render_text_lists_live_tags_in_the_asked_language(tmp_path):
    text = render_text("pt", load_taxonomy(write(tmp_path, SMALL_DOC)))
    assert "control.debt_bondage" in text and "Servidão por dívida" in text
    assert "Meios de controle" in text
    assert "old_threats" not in text


def test_cli_schema_show_prints_spanish_labels():
    result = CliRunner().invoke(app, ["schema", "show", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "Explotación sexual" in result.output
    assert "Servidumbre por deudas" in result.output
    assert "Sexual exploitation" not in result.output
    assert "control.debt_bondage" in result.output


def test_cli_schema_show_rejects_an_unknown_language():
    result = CliRunner().invoke(app, ["schema", "show", "--lang", "fr"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_committed_docs_match_the_yaml():
    committed = (ROOT / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    assert committed == render_markdown("en"), (
        "docs/taxonomy.md is stale: run `python -m tahub.schema.taxonomy > docs/taxonomy.md`"
    )


def test_docs_table_has_one_row_per_tag():
    tax = load_taxonomy()
    markdown = render_markdown("es")
    assert "## Medios de control (`control`)" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| `")]
    assert len(rows) == len(tax.tags(include_retired=True))
