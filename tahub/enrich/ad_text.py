"""Undo the tricks ads use to hide numbers from filters, before anything else reads them.

`normalize` gives the text every other ads module reads: NFKC (fullwidth ３, circled ①,
mathematical 𝟑 become plain digits), keycap digits (3️⃣) and dingbat digits (❸) become
digits, look-alike Cyrillic/Greek letters ("sесenta") become Latin, other emoji become
spaces, and everything is lowercase. `fold` (same length) then drops accents so the
lexicons can be written once. `digitize` turns hidden numbers into digits: letters that
imitate digits inside a digit token ("3OO" -> 300, "12e" -> 123) and number words in
en/es/pt, alone or mixed with digits ("tres cero cero", "sesenta y 7" -> 67).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate

from tahub.enrich.ad_lexicon import fold, lexicon
from tahub.enrich.ad_match import words_of

_LEX = lexicon()

_DIGIT_SYMBOLS = {0x1F51F: "10"}
for _i in range(10):
    _DIGIT_SYMBOLS[0x2776 + _i] = str(_i + 1)  # ❶..❿
    _DIGIT_SYMBOLS[0x2780 + _i] = str(_i + 1)  # ➀..➉
    _DIGIT_SYMBOLS[0x278A + _i] = str(_i + 1)  # ➊..➓
for _base in (0x2776, 0x2780, 0x278A):
    _DIGIT_SYMBOLS[_base + 9] = "10"
_CONFUSABLES = {ord(k): str(v) for k, v in _LEX.common["confusables"].items()}
_PRE = {**_DIGIT_SYMBOLS, **_CONFUSABLES}
_PRE_RE = re.compile("[" + re.escape("".join(chr(c) for c in _PRE)) + "]")
# Variation selector, keycap, zero-width joiners/spaces: dropped so "3️⃣0️⃣" reads "30".
_INVISIBLE_RE = re.compile("[\ufe0f\ufe0e\u20e3\u200b\u200c\u200d\u2060\u00ad]")
# Pictographs, dingbats, arrows, misc symbols: read as a space (a separator).
_EMOJI_RE = re.compile("[\u2190-\u2bff\u2300-\u23ff\U0001F000-\U0001FAFF\u3030\u303d]")

_LEET = {k: str(v) for k, v in _LEX.common["leet_digits"].items()}
_LEET_CHARS = re.escape("".join(_LEET))
_LEET_TOKEN_RE = re.compile(
    rf"(?<![a-z0-9])[0-9{_LEET_CHARS}]*[0-9][0-9{_LEET_CHARS}]*(?![a-z0-9])"
)
_LEET_TABLE = str.maketrans(_LEET)
# Digit-led (re skips to digits): a look-alike right after a digit, or right before it.
_HAS_LEET_RE = re.compile(rf"\d(?:[{_LEET_CHARS}]|(?<=[{_LEET_CHARS}]\d))")
_SPLIT_TOKENS_RE = re.compile(r"([a-z]+|\d+)")


def unobfuscate(text: str) -> str:
    """Text with hidden digits and look-alike letters made visible, case kept."""
    if not text.isascii():
        if _PRE_RE.search(text):
            text = text.translate(_PRE)
        text = _INVISIBLE_RE.sub("", text)
        text = unicodedata.normalize("NFKC", text)
        text = _EMOJI_RE.sub(" ", text)
    return text


def normalize(text: str) -> str:
    """`unobfuscate`d text in lowercase: what the ads modules read."""
    return unobfuscate(text).lower()


def _number_vocab() -> tuple[dict[str, tuple[str, int]], set[str], set[str]]:
    kinds: dict[str, tuple[str, int]] = {}
    connectors: set[str] = set()
    run_only: set[str] = set()
    for data in _LEX.langs.values():
        nw = data["number_words"]
        for kind in ("units", "teens", "tens", "compounds", "hundreds"):
            for word, value in (nw.get(kind) or {}).items():
                for part in fold(str(word)).split()[-1:]:
                    kinds.setdefault(part, (kind, int(value)))
        connectors.update(fold(str(w)) for w in nw.get("connectors") or [])
        run_only.update(fold(str(w)) for w in nw.get("run_only") or [])
    # English "three hundred": "hundred" multiplies the unit before it.
    kinds["hundred"] = ("hundred", 100)
    # Spellings by sound ("secenta", "sinco", "dose"): read only next to other numbers,
    # since some are real words ("siento").
    for word, kv in list(kinds.items()):
        for variant in _sound_variants(word):
            if variant not in kinds:
                kinds[variant] = kv
                run_only.add(variant)
    return kinds, connectors, run_only


_SOFT_S_RE = re.compile(r"s|z|c(?=[ei])")


def _sound_variants(word: str) -> set[str]:
    """Every spelling of `word` with its s / z / soft c sounds swapped (seseo)."""
    variants = {""}
    pos = 0
    for m in _SOFT_S_RE.finditer(word):
        chunk = word[pos : m.start()]
        variants = {v + chunk + c for v in variants for c in "szc"}
        pos = m.end()
        if len(variants) > 81:
            return set()
    return {v + word[pos:] for v in variants} - {word}


_NUMBER_KINDS, _CONNECTORS, _RUN_ONLY = _number_vocab()
# A text without one of these has no number to write out (articles alone are not numbers).
_STRONG_NUMBER_WORDS = frozenset(set(_NUMBER_KINDS) - _RUN_ONLY)


def _leet_sub(m: re.Match[str]) -> str:
    return m.group(0).translate(_LEET_TABLE)


def _value(tok: str) -> tuple[str, int] | None:
    if tok.isdigit():
        return ("digits", int(tok)) if len(tok) == 1 else None
    return _NUMBER_KINDS.get(tok)


def digitize(folded: str, words: frozenset[str] | None = None) -> str:
    """Folded text with number words and digit look-alikes written as digits;
    `words` (ad_match.words_of the folded text) saves recomputing it."""
    if _HAS_LEET_RE.search(folded):
        folded = _LEET_TOKEN_RE.sub(_leet_sub, folded)
    if words is None:
        words = words_of(folded)
    if not words & _STRONG_NUMBER_WORDS:
        return folded
    # Tokens and their offsets without a Python loop over the text: split keeps the
    # tokens at odd places, and the running lengths of the pieces are their offsets
    # (bounds[2 * i] is where token i starts, bounds[2 * i + 1] where it ends).
    parts = _SPLIT_TOKENS_RE.split(folded)
    toks = parts[1::2]
    bounds = list(accumulate(map(len, parts)))
    out: list[str] = []
    pos = nxt = 0
    for i in [i for i, tok in enumerate(toks) if tok in _NUMBER_KINDS]:
        if i < nxt or (toks[i] in _RUN_ONLY and not _in_run(toks, i)):
            continue
        value, nxt = _compose(toks, i)
        out.append(folded[pos : bounds[2 * i]])
        out.append(str(value))
        pos = bounds[2 * nxt - 1]
    out.append(folded[pos:])
    return "".join(out)


def _number_token(tok: str) -> bool:
    return tok.isdigit() or tok in _NUMBER_KINDS


def _in_run(toks: list[str], i: int) -> bool:
    """Is number token i in a run of two or more numbers (digits or number words, "y"/"e"/
    "and" allowed between)? Articles like "una"/"um" count only inside runs."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(toks) and toks[j] in _CONNECTORS and not _number_token(toks[j]):
            j += step
        if 0 <= j < len(toks) and _number_token(toks[j]):
            return True
    return False


def _compose(toks: list[str], i: int) -> tuple[int, int]:
    """Value of the number starting at word i ("sesenta y 7" -> 67) and the next index."""
    kind, value = _NUMBER_KINDS[toks[i]]
    j = i + 1
    if kind == "units" and j < len(toks) and toks[j] == "hundred" and value > 0:
        kind, value, j = "hundreds", value * 100, j + 1
    if kind == "hundreds":
        nxt = _peek(toks, j)
        if nxt and nxt[1][0] in ("tens", "teens", "compounds", "units", "digits"):
            if nxt[1][0] == "tens":
                sub, j2 = _compose_tens(toks, nxt[0])
            else:
                sub, j2 = nxt[1][1], nxt[0] + 1
            if sub < 100:
                return value + sub, j2
        return value, j
    if kind == "tens":
        return _compose_tens(toks, i)
    return value, j


def _compose_tens(toks: list[str], i: int) -> tuple[int, int]:
    value = _NUMBER_KINDS[toks[i]][1]
    nxt = _peek(toks, i + 1)
    if nxt and nxt[1][0] in ("units", "digits") and 0 < nxt[1][1] < 10:
        return value + nxt[1][1], nxt[0] + 1
    return value, i + 1


def _peek(toks: list[str], j: int) -> tuple[int, tuple[str, int]] | None:
    """The number word or single digit at j, skipping one connector ("y", "e", "and")."""
    if j < len(toks) and toks[j] in _CONNECTORS:
        j += 1
    if j < len(toks):
        kv = _value(toks[j])
        if kv is not None:
            return j, kv
    return None


def _stopwords() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang, data in _LEX.langs.items():
        for w in data["stopwords"]:
            table.setdefault(fold(str(w)), []).append(lang)
    for lang, words in (_LEX.common.get("extra_stopwords") or {}).items():
        for w in words:
            table.setdefault(fold(str(w)), []).append(lang)
    return {w: tuple(langs) for w, langs in table.items()}


_STOPWORDS = _stopwords()
_STOPWORD_SET = frozenset(_STOPWORDS)
_LANG_ORDER = ("es", "en", "pt", "fr")


def detect_lang(folded: str, words: frozenset[str] | None = None) -> str:
    """en, es, pt or fr by counting distinct function words (microseconds, unlike a
    model); `und` when none is found. Ties go to the earlier of es, en, pt, fr."""
    if words is None:
        words = words_of(folded)
    counts = dict.fromkeys(_LANG_ORDER, 0)
    for w in words & _STOPWORD_SET:
        for lang in _STOPWORDS[w]:
            counts[lang] += 1
    best = max(_LANG_ORDER, key=lambda lang: counts[lang])
    return best if counts[best] else "und"
