from tahub.eval import text


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
