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

from tahub.enrich.ad_lexicon import INDICATORS, fold, lexicon, risk_config

_LEX = lexicon()
_RISK = risk_config()
WEIGHTS: dict[str, float] = {k: float(v) for k, v in _RISK["weights"].items()}
FLAG_THRESHOLD = float(_RISK.get("flag_threshold", 0.5))
MINOR_FLOOR = float(_RISK.get("minor_age_floor", 0.95))
_WINDOW_BEFORE, _WINDOW_AFTER = 40, 25


def _compile(forms: list[str]) -> re.Pattern[str] | None:
    forms = sorted({fold(str(f)) for f in forms if str(f).strip()}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(rf"(?<![\w])(?:{'|'.join(forms)})(?![\w])")


def _indicator_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    out = []
    for name in INDICATORS:
        forms: list[str] = []
        negatives: list[str] = []
        for data in _LEX.langs.values():
            spec = data["indicators"].get(name) or {}
            forms.extend(spec.get("forms") or [])
            negatives.extend(spec.get("negative") or [])
        pattern = _compile(forms)
        if pattern is not None:
            out.append((name, pattern, _compile(negatives)))
    return out


_PATTERNS = _indicator_patterns()
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
_DEMONYM_RE = re.compile(
    rf"(?<![\w])({'|'.join(sorted(_DEMONYMS, key=len, reverse=True))})s?(?![\w])"
)


def _negated(folded: str, start: int, end: int, negative: re.Pattern[str] | None,
             negation: re.Pattern[str] | None) -> bool:
    if negative is not None:
        lo = max(0, start - _WINDOW_BEFORE)
        for m in negative.finditer(folded, lo, min(len(folded), end + _WINDOW_AFTER)):
            if m.start() <= end and m.end() >= start:
                return True
    return negation is not None and bool(negation.search(folded, max(0, start - 16), start))


def find_indicators(
    clean: str, folded: str, country: str | None = None, ages: list[int] = (), lang: str = "und"
) -> list[dict[str, str]]:
    """One {"name", "evidence"} per indicator found; evidence is the matched text."""
    found: dict[str, str] = {}
    negation = _NEGATION.get(lang, _NEGATION["und"])
    for name, pattern, negative in _PATTERNS:
        neg = negation if name in _NEGATABLE else None
        for m in pattern.finditer(folded):
            if not _negated(folded, m.start(), m.end(), negative, neg):
                found[name] = clean[m.start():m.end()].strip()
                break
    if "foreign_origin" not in found and country:
        for m in _DEMONYM_RE.finditer(folded):
            if country.upper() not in _DEMONYMS[m.group(1)]:
                found["foreign_origin"] = clean[m.start():m.end()]
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
