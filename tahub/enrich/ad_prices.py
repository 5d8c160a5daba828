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

from tahub.enrich.ad_lexicon import UNITS, fold, lexicon

_LEX = lexicon()


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SYMBOLS = {fold(str(k)): str(v) for k, v in _LEX.common["currency_symbols"].items()}
_CODES = {c.lower(): c for c in _LEX.common["currency_codes"]}
_LOCAL = {str(k): str(v) for k, v in _LEX.common["local_currency"].items()}
_FALLBACK = [str(r) for r in _LEX.common.get("fallback_regions") or []]
_WORDS = {fold(str(k)): str(v) for k, v in _LEX.merged("currency_words").items()}
_MULTS = {fold(str(k)): int(v) for k, v in _LEX.merged("multipliers").items()}
_ROSES = set(_LEX.words("roses"))

_AMOUNT = r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?"
_MULT = _alt(list(_MULTS))
_CURWORD = _alt(list(_WORDS) + list(_CODES) + list(_ROSES))
_SYM = _alt(list(_SYMBOLS) + list(_CODES) + ["$"])
_PRICE_RE = re.compile(
    rf"(?<![\w$])(?P<sym>{_SYM})\s?(?P<a1>{_AMOUNT})(?:\s?(?P<m1>{_MULT})\b)?"
    rf"|(?<![\w.,])(?P<a2>{_AMOUNT})\s?(?:(?P<m2>{_MULT})\b\s?)?(?:(?P<word>{_CURWORD})\b|(?P<dol>\$))"
    rf"|(?<![\w.,])(?P<a3>{_AMOUNT})\s?(?P<m3>{_MULT})\b"
)


def _unit_regex() -> re.Pattern[str]:
    parts = []
    for unit in UNITS:
        forms: list[str] = []
        for data in _LEX.langs.values():
            forms.extend(fold(str(f)) for f in (data["price_units"].get(unit) or []))
        name = "u" + unit.replace("min", "m")
        parts.append(rf"(?P<{name}>{'|'.join(sorted(set(forms), key=len, reverse=True))})")
    return re.compile(rf"(?<![\w])(?:{'|'.join(parts)})(?![\w])")


_UNIT_RE = _unit_regex()
_UNIT_OF_GROUP = {"u" + u.replace("min", "m"): u for u in UNITS}
# Not a group of a longer digit run (a phone number split by spaces or dashes).
_BARE_AMOUNT_RE = re.compile(
    r"(?<![\w.,])(?<!\d[\s\-])(\d{1,3}(?:[.,]\d{3})+|\d{2,6})(?![\w]|[.,]\d|\s?%|[\s\-]\d{2})"
)
_NEAR = 24  # characters between an amount and its unit phrase


def parse_amount(text: str) -> float:
    """'150.000' -> 150000, '1.500.000' -> 1500000, '80,50' -> 80.5, '120' -> 120."""
    parts = re.split(r"[.,]", text)
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


def _currency(m: re.Match[str], country: str | None) -> str:
    sym, word = m.group("sym"), m.group("word")
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


def find_prices(folded: str, country: str | None) -> list[dict]:
    """Prices as {"amount", "currency", "unit"} in the order they appear."""
    if not any(ch.isdigit() for ch in folded):
        return []
    units = [(m.start(), m.end(), _UNIT_OF_GROUP[m.lastgroup]) for m in _UNIT_RE.finditer(folded)]
    spans: list[tuple[int, int, float, str]] = []
    for m in _PRICE_RE.finditer(folded):
        raw = m.group("a1") or m.group("a2") or m.group("a3")
        mult = m.group("m1") or m.group("m2") or m.group("m3")
        amount = parse_amount(raw) * (_MULTS[mult] if mult else 1)
        spans.append((m.start(), m.end(), amount, _currency(m, country)))
    if units:
        spans.extend(_bare_prices(folded, units, spans, country))
        spans.sort()
    chosen = _assign_units(units, spans)
    out = []
    for k, (_, _, amount, currency) in enumerate(spans):
        value = int(amount) if amount == int(amount) else round(amount, 2)
        out.append({"amount": value, "currency": currency, "unit": chosen.get(k, "service")})
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


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _bare_prices(
    folded: str, units: list[tuple[int, int, str]], priced: list[tuple], country: str | None
) -> list[tuple[int, int, float, str]]:
    """Amounts with no currency sitting right next to a unit phrase ("hh 120", "80/qv")."""
    busy = [(s, e) for s, e, *_ in priced] + [(s, e) for s, e, _ in units]
    out = []
    for m in _BARE_AMOUNT_RE.finditer(folded):
        if _inside(m.start(), busy):
            continue
        gap_after = min((us - m.end() for us, _, _ in units if us >= m.end()), default=99)
        gap_before = min((m.start() - ue for _, ue, _ in units if ue <= m.start()), default=99)
        if min(gap_after, gap_before) <= 3:
            amount = parse_amount(m.group(1))
            if amount >= 20:
                out.append((m.start(), m.end(), amount, local_currency(country)))
    return out
