"""Risk indicators in an ad, each with the text that shows it, and a transparent score.

Indicators come from the per-language lexicons (schema/ads/{en,es,pt}.yaml), all three
languages at once because ads mix them. A hit is dropped when one of its indicator's
negative contexts surrounds it ("siempre con condón") or, for negatable indicators, when
a negation word just precedes it ("no hago sin condón", "no agency"). Nationality words
count as foreign_origin only when foreign to the ad's country. A stated age under 18
adds youth. The score and its weights are documented in schema/ads/risk.yaml.
"""

from __future__ import annotations

import re

from tahub.enrich.ad_lexicon import INDICATORS, fold, fold_pattern, lexicon, risk_config
from tahub.enrich.ad_match import Forms, words_of

_LEX = lexicon()
_RISK = risk_config()
WEIGHTS: dict[str, float] = {k: float(v) for k, v in _RISK["weights"].items()}
FLAG_THRESHOLD = float(_RISK.get("flag_threshold", 0.5))
MINOR_FLOOR = float(_RISK.get("minor_age_floor", 0.95))
_WINDOW_BEFORE, _WINDOW_AFTER = 40, 25


def _named_forms(key: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name in INDICATORS:
        for data in _LEX.langs.values():
            spec = data["indicators"].get(name) or {}
            out.extend((name, fold_pattern(str(f))) for f in spec.get(key) or [] if str(f).strip())
    return list(dict.fromkeys(out))  # a form shared by two languages runs once


_FORMS = Forms(_named_forms("forms"))
_NEGATIVE_FORMS = Forms(_named_forms("negative"))
_NEGATABLE = set(_LEX.common.get("negatable_indicators") or [])


def _negation_regex(words: list[str]) -> re.Pattern[str]:
    alt = "|".join(sorted({fold(str(w)) for w in words}, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alt})(?:\W+\w+)?\W*$")


# Negation words of the ad's own language: "no" is "in the" in Portuguese.
_NEGATION = {
    lang: _negation_regex(list(data.get("negation") or [])) for lang, data in _LEX.langs.items()
}
_NEGATION["und"] = _negation_regex(_LEX.words("negation"))
_DEMONYMS = {fold(str(k)): {str(c) for c in v} for k, v in _LEX.common["demonyms"].items()}
_DEMONYM_WORDS = frozenset(_DEMONYMS) | frozenset(d + "s" for d in _DEMONYMS)
_ORIGINS = {fold(str(k)): str(v) for k, v in (_LEX.common.get("origin_countries") or {}).items()}
_ORIGIN_FIRST = frozenset(name.split()[0] for name in _ORIGINS)
_ORIGIN_RE = re.compile(
    rf"(?<![a-z0-9])(?:{'|'.join(fold(str(w)) for w in _LEX.common.get('origin_words') or [])})"
    rf"\s+({'|'.join(sorted(_ORIGINS, key=len, reverse=True))})(?![a-z0-9])"
)


def _negated(folded: str, start: int, end: int, negatives: list[tuple[int, int]],
             negation: re.Pattern[str] | None) -> bool:
    for ns, ne in negatives:
        if ns - _WINDOW_BEFORE <= start and ne <= end + _WINDOW_AFTER and ns <= end and ne >= start:
            return True
    return negation is not None and bool(negation.search(folded, max(0, start - 16), start))


def find_indicators(
    clean: str,
    folded: str,
    country: str | None = None,
    ages: list[int] = (),
    lang: str = "und",
    words: frozenset[str] | None = None,
) -> list[dict[str, str]]:
    """One {"name", "evidence"} per indicator found; evidence is the earliest match."""
    if words is None:
        words = words_of(folded)
    hits: dict[str, list[tuple[int, int]]] = {}
    for name, start, end in _FORMS.find(folded, words):
        hits.setdefault(name, []).append((start, end))
    negatives: dict[str, list[tuple[int, int]]] = {}
    if hits:
        for name, start, end in _NEGATIVE_FORMS.find(folded, words):
            negatives.setdefault(name, []).append((start, end))
    negation = _NEGATION.get(lang, _NEGATION["und"])
    evidence_text = clean if len(clean) == len(folded) else folded
    found: dict[str, str] = {}
    for name, spans in hits.items():
        neg = negation if name in _NEGATABLE else None
        kept = [(s, e) for s, e in sorted(spans)
                if not _negated(folded, s, e, negatives.get(name, []), neg)]
        if kept:
            start, end = kept[0]
            for s, e in kept[1:]:  # overlapping forms widen the evidence: "las 24 horas"
                if s > end:
                    break
                end = max(end, e)
            found[name] = evidence_text[start:end].strip()
    if "foreign_origin" not in found and country:
        for word in sorted(words & _DEMONYM_WORDS):
            base = word if word in _DEMONYMS else word[:-1]
            if country.upper() not in _DEMONYMS[base]:
                m = re.search(rf"(?<![a-z0-9]){word}(?![a-z0-9])", folded)
                found["foreign_origin"] = evidence_text[m.start():m.end()] if m else word
                break
    if "foreign_origin" not in found and country and words & _ORIGIN_FIRST:
        for m in _ORIGIN_RE.finditer(folded):
            if _ORIGINS[m.group(1)] != country.upper():
                found["foreign_origin"] = evidence_text[m.start():m.end()]
                break
    minors = [a for a in ages if a < 18]
    if minors and "youth" not in found:
        found["youth"] = f"{minors[0]}"
    return [{"name": name, "evidence": found[name]} for name in INDICATORS if name in found]


def score(indicators: list[dict[str, str]], ages: list[int] = ()) -> tuple[float, list[str]]:
    """Noisy-OR of the weights of distinct indicators, with one reason per indicator."""
    keep = 1.0
    reasons: list[str] = []
    for ind in indicators:
        weight = WEIGHTS.get(ind["name"], 0.0)
        keep *= 1.0 - weight
        reasons.append(f"{ind['name']} +{weight:.2f}: «{ind['evidence']}»")
    risk = 1.0 - keep
    minors = [a for a in ages if a < 18]
    if minors:
        risk = max(risk, MINOR_FLOOR)
        reasons.insert(0, f"stated age under 18 ({minors[0]}): floor {MINOR_FLOOR:.2f}")
    return round(risk, 3), reasons
