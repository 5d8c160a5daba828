import json

from typer.testing import CliRunner

from tahub.cli import app
from tahub.enrich import enrich_texts
from tahub.enrich.text_pipeline import CONTRACT_KEYS

INCIDENT = {"id": "es-1", "published_at": "2023-05-14",
            "text": "La Policía Nacional, en coordinación con la Policía de España, rescató el "
                    "pasado martes a doce mujeres venezolanas víctimas de trata de personas que "
                    "eran explotadas sexualmente en Cartagena, y capturó a tres personas."}
NEGATIVE = {"id": "en-1", "text": "Ten SEO tips to boost your website traffic: improve page "
                                  "views and reduce your bounce rate."}


def test_contract_line_for_an_incident():
    line = enrich_texts([INCIDENT])[0]
    assert tuple(line) == CONTRACT_KEYS
    assert line["lang"] == "es" and line["relevant"] is True and line["kind"] == "incident"
    assert line["exploitation"] == ["sexual"]
    assert line["countries"] == ["CO", "VE"]  # not ES: Spain's police only helped
    assert line["incident_date"] == "2023-05-09"
    assert line["victims_count"] == 12 and line["arrested_count"] == 3
    assert line["victim_gender"] == ["female"]
    cartagena = next(p for p in line["places"] if p["name"] == "Cartagena")
    assert cartagena["country"] == "CO" and cartagena["role"] == "exploitation"
    for tag in line["tags"]:
        assert INCIDENT["text"][tag["start"]:tag["end"]] == tag["text"]
    json.dumps(line)  # plain JSON types only


def test_negative_has_empty_facts_and_evidence_on_request():
    line = enrich_texts([NEGATIVE], evidence=True)[0]
    assert line["relevant"] is False and line["kind"] == "other"
    assert line["countries"] == [] and line["victims_count"] is None
    assert line["evidence"]["relevance"].method.startswith("relevance@")


def test_same_output_whatever_the_batch():
    both = enrich_texts([INCIDENT, NEGATIVE])
    assert both == enrich_texts([INCIDENT]) + enrich_texts([NEGATIVE])


def test_enrich_command_skips_bad_lines_and_reports_them(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([json.dumps(INCIDENT), "not json", json.dumps({"id": "x"}), "",
                                 json.dumps(NEGATIVE)]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["enrich", "--input", str(source), "--output", str(out)])
    assert result.exit_code == 0
    assert "line 2: not valid JSON" in result.output
    assert "line 3: field 'text' missing" in result.output
    assert "2 bad line(s) skipped" in result.output
    assert "explotadas" not in result.output  # never echoes raw text
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["es-1", "en-1"]
    assert lines[0]["relevant"] is True


def test_enrich_command_strict_writes_nothing(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(INCIDENT) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["enrich", "--input", str(source), "--output", str(out),
                                      "--strict"])
    assert result.exit_code == 1
    assert "line 2" in result.output
    assert not out.exists()


def test_sentences_are_found_only_when_needed():
    from tahub.enrich.textindex import TextDoc

    doc = TextDoc.build("Police rescued six women. Two men were arrested.\nA third fled.")
    assert doc._sentences is None
    assert doc.sentence_starts == [0, 26, 49]
    assert doc.sentence_of(30) == 1
