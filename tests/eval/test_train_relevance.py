import pytest
import yaml

from tahub.enrich import relevance, text_pipeline
from tahub.enrich.vocab import SCHEMA_DIR
from tahub.errors import SchemaError
from tahub.eval import train_relevance
from tahub.eval.text import load_gold


@pytest.fixture(scope="module")
def dev_fit():
    return train_relevance.fit(load_gold("dev"))


def test_shipped_weights_are_the_fit_of_the_dev_split(dev_fit):
    """The weights in the repository are what the trainer learns from dev alone today: a cue
    list or dev text changed without retraining fails here."""
    shipped_file = yaml.safe_load((SCHEMA_DIR / relevance.WEIGHTS_FILE).read_text("utf-8"))
    assert shipped_file["incident_margin"] == train_relevance.choose_margin(load_gold("dev"))[0]
    shipped = shipped_file["kinds"]
    model, words, _ = dev_fit
    refit = train_relevance.weights(model)
    assert shipped.keys() == refit.keys() == set(relevance.KINDS)
    for kind in relevance.KINDS:
        for feature in set(shipped[kind]) | set(refit[kind]):
            assert shipped[kind].get(feature, 0.0) == pytest.approx(
                refit[kind].get(feature, 0.0), abs=2e-3), (kind, feature)
    shipped_words = shipped_file["words"]
    assert list(shipped_words) == words
    for word, row in train_relevance.word_weights(model, words).items():
        assert shipped_words[word] == pytest.approx(row, abs=2e-3), word


def test_run_time_kinds_are_the_fitted_models(dev_fit):
    """`tahub enrich` applies the weights as the fitted classifier does, on texts it never
    learnt from (the held-out split; only the agreement of the two is checked here)."""
    model, words, _ = dev_fit
    gold = load_gold("heldout")[:60]
    x, _ = train_relevance.design(gold, words)
    expected = train_relevance.kinds(model, x, relevance._incident_margin())
    got = [text_pipeline.enrich_one({"id": g["id"], "text": g["text"]})["kind"] for g in gold]
    agree = sum(a == b for a, b in zip(got, expected, strict=True))
    assert agree >= len(gold) - 1  # weights are rounded to 4 decimals: a tie may flip


@pytest.fixture
def weights_file(tmp_path, monkeypatch):
    path = tmp_path / "relevance_weights.yaml"
    monkeypatch.setattr(relevance, "WEIGHTS_FILE", str(path))
    relevance._weights.cache_clear()
    relevance._incident_margin.cache_clear()
    yield path
    relevance._weights.cache_clear()
    relevance._incident_margin.cache_clear()


def test_a_weights_file_missing_a_kind_names_the_file_and_the_fix(weights_file):
    weights_file.write_text("version: 1\nkinds:\n  incident: {bias: 0.0}\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="kinds without weights.*train_relevance"):
        relevance.classify([])


def test_words_without_a_weight_per_kind_are_refused(weights_file):
    kinds = {k: {"bias": 0.0} for k in relevance.KINDS}
    weights_file.write_text(yaml.safe_dump({"version": 1, "kinds": kinds,
                                            "words": {"rescued": [1.0, 0.0]}}), encoding="utf-8")
    relevance._word_weights.cache_clear()
    try:
        with pytest.raises(SchemaError, match="words without one weight per kind: rescued"):
            relevance.classify([], tokens=["rescued"])
    finally:
        relevance._word_weights.cache_clear()


def test_a_weights_file_with_an_unknown_feature_is_refused(weights_file):
    kinds = {k: {"bias": 0.0} for k in relevance.KINDS}
    kinds["incident"]["tweets"] = 1.0
    weights_file.write_text(yaml.safe_dump({"version": 1, "kinds": kinds}), encoding="utf-8")
    with pytest.raises(SchemaError, match="unknown features: tweets"):
        relevance.classify([])
