"""`python -m tahub.eval.train_relevance`: fit the word-relevance model on the dev split.

Reads only `split == "dev"` gold lines (never heldout or the fresh batches), fits an
L2-regularised logistic regression (scikit-learn, a dev dependency) on binary word features
scaled to unit length, which `tahub.enrich.relevance_words` computes the same way at run
time, and writes
`tahub/schema/relevance_words.json`. Deterministic: the same dev set gives the same file.
"""

from __future__ import annotations

import json
from pathlib import Path

from tahub.enrich.relevance_words import MODEL_FILE, features
from tahub.enrich.textindex import TextDoc
from tahub.eval.text import load_gold

C = 1.0  # by 5-fold cross-validation on dev, judged together with the rules
MIN_TEXTS = 2  # a word seen in one dev text says more about that text than about the world


def fit_model(gold: list[dict]) -> tuple:
    """(vectorizer, classifier) fitted to gold lines (`text`, `relevant`)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    vectorizer = CountVectorizer(analyzer=lambda text: sorted(features(TextDoc.build(text).tokens)),
                                 binary=True, min_df=MIN_TEXTS)
    x = normalize(vectorizer.fit_transform([g["text"] for g in gold]).astype(float))
    y = [bool(g["relevant"]) for g in gold]
    return vectorizer, LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(x, y)


def fit(gold: list[dict]) -> dict:
    """Model file contents fitted to gold lines."""
    vectorizer, model = fit_model(gold)
    weights = {word: round(float(w), 5) for word, w in
               zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)}
    return {"version": 1, "trained_on": f"eval/text split=dev ({len(gold)} texts)",
            "langs": sorted({g["lang"] for g in gold}), "C": C,
            "min_texts": MIN_TEXTS, "intercept": round(float(model.intercept_[0]), 5),
            "weights": dict(sorted(weights.items()))}


def main(path: Path = MODEL_FILE) -> None:
    data = fit(load_gold("dev"))
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n",
                    encoding="utf-8")
    print(f"wrote {path}: {len(data['weights'])} words from {data['trained_on']}")


if __name__ == "__main__":
    main()
