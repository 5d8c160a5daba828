"""Phone numbers in an ad, as E.164, validated by phonenumbers.

phonenumbers decides what a valid number is (its metadata and `is_valid_number`); we do
not reimplement its rules. What we had to write ourselves, and why:

* Finding candidates. `PhoneNumberMatcher` is slow (hundreds of µs per ad) and reads
  "150.000" or "90-60-90" as possible numbers; ads need the opposite bias. We mask what is
  known not to be a phone (prices, measurements, heights, ages, dates, times, durations,
  postcodes, references) and take the remaining runs of digit groups separated by spaces,
  dots, commas, dashes, brackets or emoji (emoji are spaces after `ad_text.normalize`).
* Splitting a run. Ads glue numbers together ("llama 10 3001234567"), so when a whole run
  is not valid we try its contiguous group spans, longest first, left to right.
* Dialling habits phonenumbers rejects on purpose: "0057 301…" (00 as the international
  prefix even where the region's own rules read 005 as a carrier code), "57 301…" without
  "+", Mexico's retired mobile "1" (+52 1 55…) and prefixes 044/045/01 (common.yaml).
* Speed: we build `PhoneNumber(country_code, national_number)` for a digit string we have
  already split, and only call the full `phonenumbers.parse` when a national prefix needs
  stripping; results are cached, since networks repeat the same numbers across ads.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers import PhoneNumber

from tahub.enrich.ad_lexicon import alternation, lexicon
from tahub.enrich.ad_prefilter import Superset

_LEX = lexicon()
_QUIRKS = _LEX.common.get("dialling_quirks") or {}
_DROP_AFTER_CC = {int(k): str(v) for k, v in (_QUIRKS.get("drop_after_country_code") or {}).items()}
_RETIRED_PREFIXES = {
    k: tuple(str(p) for p in v) for k, v in (_QUIRKS.get("retired_national_prefixes") or {}).items()
}
FALLBACK_REGIONS = tuple(_LEX.common.get("fallback_regions") or ())


def _digit_mask_regex() -> re.Pattern[str]:
    """Number shapes that are not phones. Every branch starts with a bare digit, so re
    jumps from digit to digit instead of trying each branch at every position."""
    money_words = (
        _LEX.words("multipliers") + _LEX.words("roses") + _LEX.words("currency_words")
        + [c.lower() for c in _LEX.common["currency_codes"]]
    )
    age_words = "|".join(_LEX.words("age_after"))  # regex forms, already folded
    amount = r"\d[\d.,]*+"  # possessive: no backtracking into the digits
    parts = [
        # prices: "150 mil", "200 rosas", "80.000 pesos", "80$", "120/hr"
        rf"{amount}\s?(?:{alternation(money_words)})\b",
        rf"{amount}\s?\$",
        r"\d*\s?/\s?(?:hr|h|hora|hour|noche|night)\b",
        # thousands-grouped amounts standing alone: "150.000", "1.500.000" (not 987.654.321)
        r"\d(?:\d{0,2}|[.,]\d{3})[.,]\d{3}\b(?![.,]?\d)",
        # durations and times: "30 min", "24h", "22:00", "10pm", "10 a.m."
        r"\d{1,3}\s?(?:min|mins|minutos|minutes|hrs?|horas?|hours?|hs|h)\b",
        r"\d\d?[:h]\d{2}\s?(?:am|pm|hrs|hs|h)?\b",
        r"\d\d?\s?(?:am|pm|a\.m\.|p\.m\.)",
        # dates: "12/05/2024", "3-4-24", "2024-05-12"
        r"\d\d?[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}\b(?![.\-/]?\d)",
        r"\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}\b(?![.\-/]?\d)",
        # body measurements "90-60-90", heights "1.65", weights "55 kg"
        r"\d(?<=[5-9]|1)\d\d?\s?[-/x]\s?[4-9]\d\s?[-/x]\s?(?:[5-9]\d|1[0-4]\d)\b(?![.\-/]?\d)",
        # "90 60 90" with spaces, unless another pair follows (phones written in pairs)
        r"\d(?<=[5-9]|1)\d\d? [4-9]\d (?:[5-9]\d|1[0-4]\d)(?![\d.,\-/])(?! \d\d(?!\d))",
        r"\d(?<=[12])[.,]\d{2}\b(?![.,\-]?\d)",
        r"\d{2,3}\s?(?:kg|kgs|kilos|lbs?|libras|cm|cms)\b",
        # ages: "19 años", "21 yo"
        rf"\d{{2}}\s?(?:{age_words})\b" if age_words else r"(?!)",
        r"\d+\s?%",
    ]
    # Factor the leading digit out of every branch: "\\d(?:a|b|...)" lets re skip from
    # digit to digit, which it cannot do for an alternation or a "\\d{1,3}".
    rests = []
    for part in parts:
        if part.startswith(r"\d{1,3}"):
            rests.append(r"\d{0,2}" + part[len(r"\d{1,3}"):])
        elif part.startswith(r"\d{2,3}"):
            rests.append(r"\d\d?" + part[len(r"\d{2,3}"):])
        elif part.startswith(r"\d{2}"):
            rests.append(r"\d" + part[len(r"\d{2}"):])
        elif part.startswith(r"\d{4}"):
            rests.append(r"\d{3}" + part[len(r"\d{4}"):])
        elif part.startswith(r"\d+"):
            rests.append(r"\d*" + part[len(r"\d+"):])
        elif part.startswith(r"\d*"):
            rests.append(r"\d*" + part[len(r"\d*"):])
        elif part.startswith(r"\d"):
            rests.append(part[len(r"\d"):])
        else:
            raise ValueError(f"mask branch must start with a digit: {part}")
    return re.compile(r"\d(?:" + "|".join(rests) + ")")


def _keyword_before_regex() -> re.Pattern[str]:
    """Words that make the number right after them something else: a price ("$", "R$",
    "COP"), a reference ("ref", "id", "#"), a postcode ("cp", "zip"), an age ("edad")."""
    symbols = [s.lower() for s in _LEX.common["currency_symbols"]] + ["$"]
    codes = [c.lower() for c in _LEX.common["currency_codes"]]
    age_before = [w for w in _LEX.words("age_before") if "'" not in w and "?" not in w]
    keywords = ["ref", "referencia", "id", "cod", "codigo", "code", "anuncio", "aviso", "post",
                "ad", "cp", "c.p.", "codigo postal", "zip", "postal code", "cep", *age_before]
    return re.compile(
        rf"(?:{alternation(symbols + codes)}|#|(?<![a-z0-9])(?:{alternation(keywords)})\.?)"
        r"\s?(?:#|no\.?|n°|nº)?\s?[:#.]?\s?$"
    )


_DIGIT_MASK_RE = _digit_mask_regex()
# Most windows hold no price, date or measurement: one Hyperscan pass says so, and
# the mask's many branches are not tried at every digit.
_DIGIT_MASK_GATE = Superset(_DIGIT_MASK_RE)
_KEYWORD_BEFORE_RE = _keyword_before_regex()
_LEADING_NUMBER_RE = re.compile(r"\d+(?:[.,\-]\d+)*")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digit-led so re can skip straight to digits while scanning; a "+" before is read by hand.
_RUN_RE = re.compile(r"\d(?:[ \t.,\-()/_*~·•]{0,3}+\d)*+")
# The same runs, only those of seven digits or more: the rest fail inside re, in C.
_LONG_RUN_RE = re.compile(r"\d(?:[ \t.,\-()/_*~·•]{0,3}+\d){6,}+")
_GROUP_RE = re.compile(r"\d+")
_TAIL = 16  # characters after a run that the masks need to see ("20 min", "150 mil")


def _blank(m: re.Match[str]) -> str:
    """Mask a non-phone number with "#" of the same length, unless it starts inside a
    longer number ("654.321" in "987.654.321", "123 45 67" in "300 123 45 67" are parts
    of phones); a number glued after a phone is left to `_split_run`."""
    text, start = m.string, m.start()
    if start and (text[start - 1].isdigit()
                  or (text[start - 1] in ".,-/ " and start >= 2 and text[start - 2].isdigit())):
        return m.group(0)
    return "#" * (m.end() - start)


@functools.cache
def _region_info(region: str) -> tuple[int, frozenset[int], str | None] | None:
    md = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if md is None:
        return None
    lengths = frozenset(md.general_desc.possible_length or ())
    return md.country_code, lengths, md.national_prefix


@functools.cache
def _national_pattern(cc: int) -> re.Pattern[str] | None:
    """phonenumbers' own pattern for national numbers of a country code (every region
    sharing the code), used to discard impossible digit strings before building a
    PhoneNumber; the verdict on a survivor is still `is_valid_number`'s."""
    patterns = []
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ()):
        md = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if md is None or md.general_desc is None or not md.general_desc.national_number_pattern:
            return None
        patterns.append(md.general_desc.national_number_pattern)
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@functools.cache
def _cc_lengths(cc: int) -> frozenset[int]:
    lengths: set[int] = set()
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ()):
        info = _region_info(region)
        if info:
            lengths |= info[1]
    return frozenset(lengths)


def _valid(cc: int, national: str) -> str | None:
    if not national or national[0] == "0":
        return None
    check = _validity(cc)
    if check is not None:  # it matches the general pattern itself
        valid = check(national)
    else:
        pattern = _national_pattern(cc)
        valid = (pattern is None or pattern.fullmatch(national) is not None) \
            and phonenumbers.is_valid_number(
                PhoneNumber(country_code=cc, national_number=int(national)))
    return f"+{cc}{national}" if valid else None


# The number descriptions phonenumbers' `_number_type_helper` tries after the general one;
# a number is valid for a region when the general one and any of these match it.
_TYPE_DESCS = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
               "uan", "voicemail", "fixed_line", "mobile")
_Desc = tuple[frozenset[int], re.Pattern[str]]


def _desc(desc: object) -> _Desc | None:
    pattern = getattr(desc, "national_number_pattern", None) if desc is not None else None
    if not pattern:
        return None  # phonenumbers: never matches
    return frozenset(desc.possible_length or ()), re.compile(pattern)


def _matches(nsn: str, desc: _Desc) -> bool:
    """phonenumbers' `_is_number_matching_desc`: length first, then the whole pattern."""
    lengths, pattern = desc
    return (not lengths or len(nsn) in lengths) and pattern.fullmatch(nsn) is not None


@functools.cache
def _validity(cc: int):  # noqa: ANN202 - a predicate on national numbers, or None
    """`phonenumbers.is_valid_number` for numbers of country code `cc`, decided by the
    same metadata and the same steps (pick the region as `region_code_for_number` does,
    then ask whether the general description and any type description match), with the
    patterns compiled once instead of looked up per call: most of the time phones took
    was spent there. None (use phonenumbers itself) for non-geographic codes and any
    metadata this does not expect."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc)
    if not regions or phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY in regions:
        return None
    table = []
    for region in regions:
        md = phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)
        if md is None:
            if len(regions) == 1:
                return None
            continue
        if md.country_code != cc:
            return None
        general = _desc(md.general_desc)
        types = [d for name in _TYPE_DESCS
                 if not (name == "mobile" and md.same_mobile_and_fixed_line_pattern)
                 and (d := _desc(getattr(md, name))) is not None]
        leading = re.compile(md.leading_digits) if md.leading_digits is not None else None
        table.append((leading, general, types))

    def valid_here(nsn: str, general: _Desc | None, types: list[_Desc]) -> bool:
        return general is not None and _matches(nsn, general) and any(
            _matches(nsn, d) for d in types)

    if len(regions) == 1:
        _, general, types = table[0]
        return lambda nsn: valid_here(nsn, general, types)

    def check(nsn: str) -> bool:
        for leading, general, types in table:
            if leading is not None:
                if leading.match(nsn):
                    return valid_here(nsn, general, types)
            elif valid_here(nsn, general, types):
                return True
        return False

    return check


@functools.lru_cache(maxsize=200_000)
def international(digits: str) -> str | None:
    """E.164 for digits that start with a country code (after "+" or "00"), or None."""
    for k in (1, 2, 3):
        cc = int(digits[:k])
        if cc in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            national = digits[k:]
            drop = _DROP_AFTER_CC.get(cc)
            if drop and national.startswith(drop) and len(national) - len(drop) in _cc_lengths(cc):
                national = national[len(drop):]
            if len(national) in _cc_lengths(cc):
                return _valid(cc, national)
            return None
    return None


@functools.lru_cache(maxsize=200_000)
def national(digits: str, region: str) -> str | None:
    """E.164 for digits dialled inside `region` (with or without its country code)."""
    info = _region_info(region)
    if info is None:
        return None
    cc, lengths, prefix = info
    for retired in _RETIRED_PREFIXES.get(region, ()):
        if digits.startswith(retired) and len(digits) - len(retired) in lengths:
            found = _valid(cc, digits[len(retired):])
            if found:
                return found
    if len(digits) in lengths and digits[0] != "0":
        found = _valid(cc, digits)
        if found:
            return found
    elif prefix and digits.startswith(prefix):
        try:
            num = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            num = None
        if num is not None and phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    cc_str = str(cc)
    if digits.startswith(cc_str):
        return international(digits)
    return None


def _resolve(digits: str, plus: bool, regions: tuple[str, ...], foreign: bool) -> str | None:
    if plus:
        return international(digits)
    if digits.startswith("00"):
        return international(digits[2:])
    if digits.startswith("011") and regions and regions[0] in ("US", "CA"):
        return international(digits[3:])
    if foreign:
        return international(digits) if len(digits) >= 11 else None
    for region in regions:
        found = national(digits, region)
        if found:
            return found
    return None


def _split_run(groups: list[str], plus: bool, regions: tuple[str, ...]) -> list[str]:
    """Valid numbers in a run of digit groups: longest valid span first, left to right.

    A number read with the ad's region wins over one read as foreign without "+",
    so "300 123 4567 20" stays Colombian instead of becoming some other country's.
    """
    found: list[str] = []
    n, i = len(groups), 0
    while i < n:
        hit = None
        for foreign in (False, True):
            total = sum(len(g) for g in groups[i:])
            for j in range(n, i, -1):
                if total < 7:
                    break
                if total <= 15:
                    hit = _resolve("".join(groups[i:j]), plus and i == 0, regions, foreign)
                    if hit:
                        break
                total -= len(groups[j - 1])
            if hit:
                break
        if hit:
            found.append(hit)
            i = j
        else:
            i += 1
    return found


def find_phones(digitized: str, region: str | None) -> list[str]:
    """E.164 numbers in a `ad_text.digitize`d text; `region` is the ad's country (ISO2).

    Runs of seven digits or more are the only candidates; the masks for prices, dates
    and the like run on a window around each, not on the whole text."""
    region = region.upper() if region else None
    regions = (region,) if region in phonenumbers.SUPPORTED_REGIONS else FALLBACK_REGIONS
    out: list[str] = []
    for m in _LONG_RUN_RE.finditer(digitized):
        start, end = m.span()
        plus = digitized[max(0, start - 2) : start].lstrip(" ")[-1:] == "+"
        window = digitized[start : end + _TAIL]
        if _KEYWORD_BEFORE_RE.search(digitized, max(0, start - 24), start):
            lead = _LEADING_NUMBER_RE.match(window).end()
            window = "#" * lead + window[lead:]
        masked = _DIGIT_MASK_RE.sub(_blank, window) if _DIGIT_MASK_GATE.may_match(
            window) else window
        if "@" in masked:
            masked = _EMAIL_RE.sub(_blank, masked)
        for run in _RUN_RE.finditer(masked):
            if run.start() >= end - start:
                break  # the tail belongs to the next run, which gets its own turn
            groups = _GROUP_RE.findall(run.group(0))
            if sum(len(g) for g in groups) < 7:
                continue
            for number in _split_run(groups, plus and run.start() == 0, regions):
                if number not in out:
                    out.append(number)
    return out
