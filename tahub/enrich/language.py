"""Language of a text: en, es, pt or fr (`und` when there is nothing to go on).

A count of discriminating function words decides clear cases in microseconds; lingua, built
once per process and restricted to the four languages, decides the short or mixed ones.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from tahub.enrich.textindex import TextDoc
from tahub.enrich.vocab import load_yaml, require

NAME = "language"
VERSION = "1.0"
METHOD = f"{NAME}@{VERSION}"
LINGUA_CHARS = 600  # lingua only sees the beginning of long ambiguous texts


@dataclass(frozen=True, slots=True)
class LanguageFact:
    lang: str
    confidence: float
    method: str


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], int, float]:
    data = load_yaml("language.yaml")
    word_lang: dict[str, str] = {}
    for lang, words in require(data, "languages", "language.yaml").items():
        for w in words:
            word_lang.setdefault(str(w), lang)
    return word_lang, int(data.get("min_hits", 4)), float(data.get("min_ratio", 2.0))


@functools.lru_cache(maxsize=1)
def _lingua():
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.ENGLISH, Language.SPANISH, Language.PORTUGUESE, Language.FRENCH]
    return LanguageDetectorBuilder.from_languages(*langs).build()


_LINGUA_CODES = {"ENGLISH": "en", "SPANISH": "es", "PORTUGUESE": "pt", "FRENCH": "fr"}


def detect_doc(doc: TextDoc) -> LanguageFact:
    """Language of an already tokenised text."""
    word_lang, min_hits, min_ratio = _cues()
    counts = {"en": 0, "es": 0, "pt": 0, "fr": 0}
    for tok, n in Counter(doc.tokens).items():  # Counter runs in C; few distinct words
        lang = word_lang.get(tok)
        if lang is not None:
            counts[lang] += n
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= min_hits and top >= min_ratio * max(second, 1):
        return LanguageFact(best, round(top / (top + second), 3), f"{METHOD}:function-words")
    if not doc.tokens:
        return LanguageFact("und", 0.0, METHOD)
    detector = _lingua()
    sample = doc.text[:LINGUA_CHARS]
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return LanguageFact("und", 0.0, f"{METHOD}:lingua")
    head = values[0]
    return LanguageFact(_LINGUA_CODES[head.language.name], round(head.value, 3), f"{METHOD}:lingua")


def detect(texts: list[str]) -> list[LanguageFact]:
    """Batch entry: the language of each text."""
    return [detect_doc(TextDoc.build(t)) for t in texts]
