"""A second, learned opinion on relevance: a logistic model over the words of a text.

The cue-group rules in `relevance.py` generalise only as far as their cue lists reach; this
model weighs every word seen in the labelled dev set (`eval/text`, split `dev` only), so it
errs differently. Its weights live in `tahub/schema/relevance_words.json`, written by
`python -m tahub.eval.train_relevance`; applying them needs no learning library: binary word
features (digits folded to "0"), scaled to unit length over the words the model knows (so a
one-line feed summary and a long article are judged on the same scale), and a dot product.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable

from tahub.enrich.textindex import TextDoc
from tahub.enrich.vocab import SCHEMA_DIR
from tahub.errors import SchemaError

MODEL_FILE = SCHEMA_DIR / "relevance_words.json"


def features(tokens: Iterable[str]) -> set[str]:
    """The distinct normalised words of a text, every number folded to "0"."""
    return {"0" if t.isdigit() else t for t in tokens}


@functools.lru_cache(maxsize=1)
def _model() -> tuple[float, dict[str, float], frozenset[str]]:
    try:
        data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
        return (float(data["intercept"]), {str(k): float(v) for k, v in data["weights"].items()},
                frozenset(data["langs"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SchemaError(f"{MODEL_FILE}: not a word-relevance model ({exc}); "
                          "rebuild it with `python -m tahub.eval.train_relevance`") from exc


def logit(tokens: Iterable[str]) -> float:
    """Log-odds that a text reports a concrete trafficking incident, from its words alone."""
    intercept, weights, _ = _model()
    get = weights.get
    known = [w for t in features(tokens) if (w := get(t)) is not None]
    return intercept + sum(known) / math.sqrt(len(known)) if known else intercept


def probability(tokens: Iterable[str]) -> float:
    return 1.0 / (1.0 + math.exp(-logit(tokens)))


def opinion(doc: TextDoc, lang: str) -> float | None:
    """The model's probability for a text in a language it was trained on, else None (its
    words would all be unknown, and the intercept alone is no opinion)."""
    return probability(doc.tokens) if lang in _model()[2] else None
