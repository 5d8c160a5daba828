"""Prices in an ad: amount, currency and what it buys (15min, 30min, hour, night, service).

Currency comes from a symbol or word ("R$", "S/", "soles", "USD", "roses" = USD); a bare
"$" or "pesos" takes the currency of the ad's country (common.yaml `local_currency`).
"150.000" and "150,000" are thousands; "150 mil", "150k", "150 lucas" multiply by 1000.
The unit is the nearest unit phrase before or after the amount with no other price in
between ("150.000 la hora", "media hora 100 mil", "hh 120"); "service" when none.
Bare amounts without a currency count only right next to a unit ("qv 80 hh 120").
"""

from __future__ import annotations

import re

from tahub.enrich.ad_lexicon import UNITS, alternation, fold, fold_pattern, lexicon
from tahub.enrich.ad_match import Forms, words_of

_LEX = lexicon()


_SYMBOLS = {fold(str(k)): str(v) for k, v in _LEX.common["currency_symbols"].items()}
_CODES = {c.lower(): c for c in _LEX.common["currency_codes"]}
_LOCAL = {str(k): str(v) for k, v in _LEX.common["local_currency"].items()}
_FALLBACK = [str(r) for r in _LEX.common.get("fallback_regions") or []]
_WORDS = {fold(str(k)): str(v) for k, v in _LEX.merged("currency_words").items()}
_MULTS = {fold(str(k)): int(v) for k, v in _LEX.merged("multipliers").items()}
_ROSES = set(_LEX.words("roses"))

_MULT = alternation(list(_MULTS))
_CURWORD = alternation(list(_WORDS) + list(_CODES) + list(_ROSES))
_SYM = alternation(list(_SYMBOLS) + list(_CODES) + ["$"])
# Amounts are found first (a digit-led pattern re scans fast), then their context is read.
# A bare leading \d lets re skip from digit to digit (it cannot for \d{1,3} or a branch).
# The look-behinds skip, inside re, numbers glued to a word or to a number before them
# and the later groups of a digit run ("314 669 2872" is a phone, not three prices).
# What may follow an amount (multiplier, currency word, "$") is read in the same match,
# after a space, "$" or a letter (no word there starts otherwise).
_AFTER = (rf"\s?(?:(?P<mult>{_MULT})(?![a-z0-9])\s?)?"
          rf"(?:(?P<word>{_CURWORD})(?![a-z0-9])|(?P<dol>\$))?")
_AMOUNT_RE = re.compile(
    r"(?P<num>\d(?<![\w.,]\d)(?<!\d[ \-]\d)"
    r"(?:\d{0,2}(?:[.,]\d{3})+(?!\d)|\d*(?:[.,]\d{1,2}(?!\d))?))"
    rf"(?:(?=[ $a-z]){_AFTER})?"
)
_SYM_BEFORE_RE = re.compile(rf"(?<![a-z0-9$])(?P<sym>{_SYM})\s?$")
_UNIT_FORMS = Forms(
    (unit, fold_pattern(str(form)))
    for unit in UNITS
    for data in _LEX.langs.values()
    for form in data["price_units"].get(unit) or []
)
_NEAR = 24  # characters between an amount and its unit phrase
_DIGIT_RE = re.compile(r"\d")
_CODE_SET = frozenset(_CODES)


def parse_amount(text: str) -> float:
    """'150.000' -> 150000, '1.500.000' -> 1500000, '80,50' -> 80.5, '120' -> 120."""
    parts = text.replace(",", ".").split(".")
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return float("".join(parts))


def local_currency(country: str | None) -> str:
    """Currency of a bare "$" or "pesos" in an ad from `country`."""
    if country and country.upper() in _LOCAL:
        return _LOCAL[country.upper()]
    return _LOCAL.get(_FALLBACK[0], "USD") if _FALLBACK else "USD"


def _currency(sym: str | None, word: str | None, country: str | None) -> str:
    if sym:
        if sym == "$":
            return local_currency(country)
        return _SYMBOLS.get(sym) or _CODES[sym]
    if word:
        if word in _ROSES:
            return "USD"
        if word in _CODES:
            return _CODES[word]
        value = _WORDS[word]
        return local_currency(country) if value == "local" else value
    return local_currency(country)


def find_prices(
    folded: str, country: str | None, words: frozenset[str] | None = None
) -> list[dict]:
    """Prices as {"amount", "currency", "unit"} in the order they appear."""
    if not _DIGIT_RE.search(folded):
        return []
    if words is None:
        words = words_of(folded)
    units = sorted((start, end, unit) for unit, start, end in _UNIT_FORMS.find(folded, words))
    spans: list[tuple[int, int, float, str]] = []
    bare: list[tuple[int, int, float]] = []
    # Where a bare amount must end or start to sit within 3 characters of a unit phrase
    # (what `_bare_prices` asks): most numbers (ages, sizes, phone groups) are nowhere near.
    near_end = {p for us, _, _ in units for p in range(us - 3, us + 1)}
    near_start = {p for _, ue, _ in units for p in range(ue, ue + 4)}
    for m in _AMOUNT_RE.finditer(folded):
        start, end = m.span(1)
        win = folded[max(0, start - 6) : start]
        before = _SYM_BEFORE_RE.search(folded, max(0, start - 6), start) if (
            "$" in win or "/" in win or "€" in win or "£" in win
            or win.rstrip(" .:")[-3:] in _CODE_SET
        ) else None
        if before is None and folded[end:end + 1] in " -." and folded[end + 1 : end + 3].isdigit():
            continue  # the first group of a digit run ("314 669 2872"): not a price
        mult, word, dol = m.group("mult", "word", "dol")
        if before or word or dol or mult:
            amount = parse_amount(m.group("num")) * (_MULTS[mult] if mult else 1)
            sym = before.group("sym") if before else None
            currency = _currency(sym, word, country)
            spans.append((before.start() if before else start, m.end(), amount, currency))
        elif (end in near_end or start in near_start) and _standalone(folded, start, end):
            amount = parse_amount(m.group("num"))
            if amount >= 20:
                bare.append((start, end, amount))
    if units and bare:
        spans.extend(_bare_prices(units, bare, spans, country))
        spans.sort()
    chosen = _assign_units(units, spans)
    out = []
    for k, (_, _, amount, currency) in enumerate(spans):
        value = int(amount) if amount == int(amount) else round(amount, 2)
        out.append({"amount": value, "currency": currency, "unit": chosen.get(k, "service")})
    return out


def _standalone(folded: str, start: int, end: int) -> bool:
    """Not a piece of a longer digit run (a phone split by spaces), a percentage or a
    token like "24h"."""
    if start >= 2 and folded[start - 2].isdigit() and folded[start - 1] in " -":
        return False
    tail = folded[end:end + 3]
    if tail[:1].isalnum() or tail[:1] == "%" or tail[:2] == " %":
        return False
    return not (len(tail) >= 3 and tail[0] in " -" and tail[1:3].isdigit())


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _bare_prices(
    units: list[tuple[int, int, str]], bare: list[tuple[int, int, float]], priced: list[tuple],
    country: str | None,
) -> list[tuple[int, int, float, str]]:
    """Amounts with no currency sitting right next to a unit phrase ("hh 120", "80/qv")."""
    busy = [(s, e) for s, e, *_ in priced] + [(s, e) for s, e, _ in units]
    out = []
    for start, end, amount in bare:
        if _inside(start, busy):
            continue
        gap_after = min((us - end for us, _, _ in units if us >= end), default=99)
        gap_before = min((start - ue for _, ue, _ in units if ue <= start), default=99)
        if min(gap_after, gap_before) <= 3:
            out.append((start, end, amount, local_currency(country)))
    return out


def _assign_units(units: list[tuple[int, int, str]], spans: list[tuple]) -> dict[int, str]:
    """Pair prices with unit phrases, closest pairs first, each phrase used once, never
    across another price: "R$ 200 meia hora, R$ 350 a hora" gives 30min then hour."""
    pairs = []
    for k, (start, end, *_) in enumerate(spans):
        lo = spans[k - 1][1] if k else 0
        hi = spans[k + 1][0] if k + 1 < len(spans) else 1 << 30
        for u, (us, ue, _) in enumerate(units):
            if lo <= us and ue <= start:
                gap = start - ue
            elif end <= us and ue <= hi:
                gap = us - end
            else:
                continue
            if gap <= _NEAR:
                pairs.append((gap, k, u))
    chosen: dict[int, str] = {}
    used: set[int] = set()
    for _, k, u in sorted(pairs):
        if k not in chosen and u not in used:
            chosen[k] = units[u][2]
            used.add(u)
    return chosen
