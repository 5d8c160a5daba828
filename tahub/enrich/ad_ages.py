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
_AGE_RE = re.compile(
    rf"(?<![\w.,])(\d{{2}})\s?(?:{_AFTER})(?![\w])"
    rf"|(?<![\w])(?:{_BEFORE})\s?:?\s?(\d{{2}})(?![\w]|[.,]\d){_NOT_AGE}"
)


def find_ages(digitized: str) -> list[int]:
    """Stated ages, in order, without repeats."""
    out: list[int] = []
    for m in _AGE_RE.finditer(digitized):
        age = int(m.group(1) or m.group(2))
        if 12 <= age <= 79 and age not in out:
            out.append(age)
    return out
