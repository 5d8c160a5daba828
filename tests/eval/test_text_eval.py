import json

import pytest

from tahub.eval import __main__, text


def _line(**over):
    base = {"id": "x", "lang": "es", "relevant": True, "kind": "incident",
            "exploitation": ["sexual"], "countries": ["CO"], "incident_date": None,
            "victims_count": 12, "minors": True, "victim_gender": ["female"],
            "arrested_count": 3}
    return base | over


def test_scores_count_fields_per_language_and_overall():
    gold = [_line(id="a"), _line(id="b", lang="pt", relevant=False, kind="drug_trafficking",
                                 exploitation=[], countries=[], victims_count=None,
                                 minors=None, victim_gender=[], arrested_count=None)]
    predicted = [_line(id="a", countries=["CO", "ES"], victims_count=11),
                 _line(id="b", lang="pt", relevant=True, kind="incident", countries=["BR"])]
    scores = text.score(gold, predicted)
    es, pt, overall = scores["es"], scores["pt"], scores["all"]
    assert (es["countries"].tp, es["countries"].fp) == (1, 1)
    assert es["victims_count"].hit == 0 and es["victims_count"].total == 1
    assert es["arrested_count"].hit == 1
    assert pt["relevance"].fp == 1 and pt["kind"].hit == 0
    assert pt["victims_count"].total == 0  # facts are scored on gold incidents only
    assert overall["relevance"].tp == 1 and overall["relevance"].fp == 1


def test_gold_splits_are_disjoint():
    dev = {g["id"] for g in text.load_gold("dev")}
    heldout = {g["id"] for g in text.load_gold("heldout")}
    assert dev and heldout and not dev & heldout


def _write_gold(directory, rows):
    with (directory / "gold_xx.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def test_each_split_loads_only_its_own_lines(tmp_path):
    named = ("dev", "heldout", *text.FRESH)
    _write_gold(tmp_path, [_line(id=f"id-{split}", split=split) for split in named])
    ids = {split: [g["id"] for g in text.load_gold(split, tmp_path)] for split in text.SPLITS}
    assert ids == {split: [f"id-{split}"] for split in named} | {
        "untuned": [f"id-{split}" for split in named if split != "dev"],
        "all": [f"id-{split}" for split in named]}
    with pytest.raises(ValueError, match="unknown split"):
        text.load_gold("fresh-ish", tmp_path)


@pytest.mark.parametrize("batch", text.FRESH)
def test_fresh_batches_are_apart_from_every_other_split(batch):
    fresh = text.load_gold(batch)
    others = [g for g in text.load_gold("all") if g["split"] != batch]
    assert len(fresh) >= 30 and {g["lang"] for g in fresh} == set(text.LANGS)
    assert not {g["id"] for g in fresh} & {g["id"] for g in others}
    assert not {g["url"] for g in fresh} & {g["url"] for g in others}
    untuned = text.load_gold("untuned")
    assert len(untuned) == len(text.load_gold("all")) - len(text.load_gold("dev"))


def test_cli_routes_fresh_to_text_only(monkeypatch, capsys):
    monkeypatch.setattr(text, "report", lambda split: f"scored {split}")
    __main__.main(["text", "--split", "fresh"])
    assert capsys.readouterr().out.strip() == "scored fresh"
    with pytest.raises(SystemExit):
        __main__.main(["ads", "--split", "fresh"])
    assert "ads has no split 'fresh'" in capsys.readouterr().err
