import json

import pytest
from sklearn.preprocessing import normalize

from tahub.enrich import relevance, relevance_words
from tahub.enrich.textindex import TextDoc
from tahub.errors import SchemaError
from tahub.eval import train_relevance
from tahub.eval.text import load_gold


@pytest.fixture
def model_file(tmp_path, monkeypatch):
    """Point the run-time model at a file of the test's own, and back afterwards."""
    path = tmp_path / "relevance_words.json"
    monkeypatch.setattr(relevance_words, "MODEL_FILE", path)
    relevance_words._model.cache_clear()
    yield path
    relevance_words._model.cache_clear()


def test_shipped_model_is_the_fit_of_the_dev_split_alone():
    shipped = json.loads(relevance_words.MODEL_FILE.read_text(encoding="utf-8"))
    refit = train_relevance.fit(load_gold("dev"))
    assert shipped["trained_on"] == refit["trained_on"]
    assert shipped["weights"].keys() == refit["weights"].keys()
    assert shipped["intercept"] == pytest.approx(refit["intercept"], abs=1e-3)
    assert all(abs(w - refit["weights"][k]) < 1e-3 for k, w in shipped["weights"].items())


def test_run_time_scoring_agrees_with_the_fitted_classifier(model_file):
    """The dot product over unit-scaled word sets must give scikit-learn's own log-odds,
    here on texts the model never saw (the held-out split)."""
    vectorizer, model = train_relevance.fit_model(load_gold("dev"))
    model_file.write_text(json.dumps(train_relevance.fit(load_gold("dev"))), encoding="utf-8")
    texts = [g["text"] for g in load_gold("heldout")][:40]
    expected = model.decision_function(normalize(vectorizer.transform(texts).astype(float)))
    got = [relevance_words.logit(TextDoc.build(t).tokens) for t in texts]
    assert got == pytest.approx(list(expected), abs=1e-3)


def test_a_broken_model_file_is_a_schema_error_naming_the_file(model_file):
    model_file.write_text('{"weights": {}}', encoding="utf-8")
    with pytest.raises(SchemaError, match="relevance_words.json"):
        relevance_words.logit(["trafficking"])


def test_no_opinion_outside_the_languages_it_learned():
    doc = TextDoc.build("La police a démantelé un réseau de traite des êtres humains à Lyon.")
    assert relevance_words.opinion(doc, "fr") is None
    assert 0.0 < relevance_words.opinion(doc, "es") < 1.0


def test_the_mean_of_both_opinions_decides_and_rules_name_the_other_kind():
    doc = TextDoc.build("Police seized 400 kilos of cocaine and arrested three drug traffickers.")
    hits = [h for h in relevance._index("en").find(doc) if h.channel == "cue"]
    alone = relevance.classify(hits)
    assert not alone.relevant and alone.kind == "drug_trafficking"
    sure = relevance.classify(hits, word_score=1.0)
    assert sure.score == pytest.approx((alone.score + 1.0) / 2, abs=1e-4)
    assert sure.relevant == (sure.score > 0.5)
    doubtful = relevance.classify(hits, word_score=0.0)
    assert not doubtful.relevant and doubtful.kind == "drug_trafficking"
    assert doubtful.word_score == 0.0
