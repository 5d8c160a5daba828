"""`tahub ads extract`: the command-line contract, bad lines and --strict."""

import json

from typer.testing import CliRunner

from tahub.cli import app

ADS = [
    {"id": "a1", "text": "Soy Ana, 22 años. wsp: tres cero cero 12e 45 sесenta y 7",
     "country": "CO"},
    {"id": "a2", "text": "Oi, sou a Bia, zap (11) 98765-4321", "country": "BR"},
]


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_extract_writes_one_line_per_ad(tmp_path):
    src, dst = tmp_path / "ads.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [json.dumps(a, ensure_ascii=False) for a in ADS])
    result = CliRunner().invoke(app, ["ads", "extract", "--input", str(src), "--output", str(dst)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert rows[0]["phones"] == ["+573001234567"] and rows[1]["phones"] == ["+5511987654321"]
    for key in ("lang", "emails", "handles", "ages", "prices", "indicators", "risk", "reasons"):
        assert key in rows[0]


def test_bad_lines_are_reported_by_number_and_skipped(tmp_path):
    src, dst = tmp_path / "ads.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [json.dumps(ADS[0], ensure_ascii=False),
                      "not json, call 300 123 4567",
                      json.dumps({"id": "x", "country": "CO"}),
                      json.dumps(ADS[1], ensure_ascii=False)])
    result = CliRunner().invoke(app, ["ads", "extract", "--input", str(src), "--output", str(dst)])
    assert result.exit_code == 0
    assert "line 2: not valid JSON" in result.output
    assert "line 3: field 'text'" in result.output
    assert "2 bad line(s)" in result.output
    assert "300 123 4567" not in result.output  # never echo the ad's content
    assert len(dst.read_text(encoding="utf-8").splitlines()) == 2


def test_strict_makes_a_bad_line_fatal_and_writes_nothing(tmp_path):
    src, dst = tmp_path / "ads.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [json.dumps(ADS[0], ensure_ascii=False), "{broken"])
    result = CliRunner().invoke(
        app, ["ads", "extract", "--input", str(src), "--output", str(dst), "--strict"])
    assert result.exit_code == 1
    assert "line 2" in result.output
    assert not dst.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["ads.jsonl"]


def test_missing_input_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["ads", "extract", "--input", str(tmp_path / "nope.jsonl"),
                                      "--output", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in result.output
