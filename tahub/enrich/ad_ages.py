"""Ages an ad states: "tengo 19 años", "19 yo", "age: 21", "19 anos", "diecinueve años".

Read from the digitized text (number words already digits); 12..79 only, so "90 kg" or a
"100% real" never becomes an age, and an age under 18 is kept (it is the strongest sign).
"""

from __future__ import annotations

import re

from tahub.enrich.ad_lexicon import lexicon

_LEX = lexicon()


def _alt(words: list[str]) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


_AFTER = _alt(_LEX.words("age_after"))
_BEFORE = _alt(_LEX.words("age_before"))
_NOT_AGE = (
    r"(?!\s?(?:cm|kg|kilos|lbs?|min|minutos|minutes|h|hs|hrs?|horas?|hours?|mil|k|%|\$|am|pm"
    r"|chicas|girls|garotas|meninas|fotos|pics|dias|days)\b)"
)
# Digit-led, so re skips to digits; the character before is checked by hand.
_AFTER_RE = re.compile(rf"(\d\d)\s?(?:{_AFTER})(?![\w])")
_BEFORE_RE = re.compile(rf"(?<![\w])(?:{_BEFORE})\s?:?\s?(\d{{2}})(?![\w]|[.,/]\d){_NOT_AGE}")
_BEFORE_WORDS = frozenset(re.findall(r"[a-z]+", " ".join(_LEX.words("age_before"))))


# "Ashley is 20", "Natalie, 19,", "Skye 27", "Chloe 19 and Lily 18": a capitalised name
# right before a bare two-digit number that is not a time, price, size or duration. The
# capital comes first (re then skips to capitals); "(?<![\w].)" checks the char before it.
_NAME_AGE_RE = re.compile(
    r"[A-Z](?<![\w].)[a-zà-ÿ]{2,}(?: is|,)?\s{1,4}(\d{2})(?![\w]|[.,:/\-]\d|\s*[%$+]|\s+\d)"
    r"(?!\s?(?:min|mins|minutes|minutos|h|hr|hrs|hs|hours?|horas?|pm|am|kg|cm|roses|dollars"
    r"|usd|cad|k|mil)\b)"
)


def find_ages(digitized: str, cased: str = "", words: frozenset[str] | None = None) -> list[int]:
    """Stated ages, in order, without repeats; `cased` (the text before lowercasing)
    adds English-style "Name 19" ages; `words` (ad_match.words_of) saves a pass."""
    found: list[tuple[int, int]] = []
    for m in _AFTER_RE.finditer(digitized):
        start = m.start()
        if start and (digitized[start - 1].isalnum() or digitized[start - 1] in ".,"):
            continue
        found.append((start, int(m.group(1))))
    if words is None or words & _BEFORE_WORDS:
        found.extend((m.start(), int(m.group(1))) for m in _BEFORE_RE.finditer(digitized))
    if cased:
        found.extend((m.start(), int(m.group(1))) for m in _NAME_AGE_RE.finditer(cased))
    found.sort()
    out: list[int] = []
    for _, age in found:
        if 12 <= age <= 79 and age not in out:
            out.append(age)
    return out
