"""Cell parsers: raw spreadsheet text in, a normalised value out, or ValueError(reason).

Each parser takes the stripped cell text (never empty: missing values are handled before)
and returns a Python value. The reason in a ValueError is shown to the person who
uploaded the file, so it says what was expected.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

import pycountry

SUPPRESSED = re.compile(r"^\s*(<|≤|<=)\s*\d+\s*$|^\s*(\*|n\.?d\.?|s\.?d\.?|x)\s*$", re.I)


def fold(text: str) -> str:
    """Case- and accent-insensitive form used to compare headers and enumerations."""
    text = unicodedata.normalize("NFKD", text.strip().casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z+]+", "_", text).strip("_")


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    translators = [gettext.NullTranslations()] + [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in ("es", "pt_BR", "pt", "fr")
    ]
    for c in pycountry.countries:
        names = {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
        for name in list(names):
            names |= {t.gettext(name) for t in translators}
        for name in names:
            index.setdefault(fold(name), c.alpha_2)
            index.setdefault(fold(re.sub(r"\s*[,(].*$", "", name)), c.alpha_2)
        index[fold(c.alpha_3)] = c.alpha_2
    for alias, code in _COUNTRY_ALIASES.items():
        index[fold(alias)] = code
    for c in pycountry.countries:  # ISO codes win over any name that folds alike
        index[fold(c.alpha_2)] = c.alpha_2
    index["xk"] = "XK"
    return index


_COUNTRY_ALIASES = {
    "UK": "GB", "Great Britain": "GB", "England": "GB", "Reino Unido": "GB",
    "USA": "US", "EEUU": "US", "EE.UU.": "US", "EUA": "US", "Estados Unidos de America": "US",
    "Russia": "RU", "Rusia": "RU", "Rússia": "RU", "South Korea": "KR", "Corea del Sur": "KR",
    "North Korea": "KP", "Vietnam": "VN", "Bolivia": "BO", "Venezuela": "VE", "Iran": "IR",
    "Syria": "SY", "Siria": "SY", "Laos": "LA", "Moldova": "MD", "Tanzania": "TZ",
    "Kosovo": "XK", "Congo DR": "CD", "Democratic Republic of the Congo": "CD",
    "Republica Democratica del Congo": "CD", "Ivory Coast": "CI", "Costa de Marfil": "CI",
    "Turkey": "TR", "Turquia": "TR", "Czech Republic": "CZ", "Macedonia": "MK",
    "Brasil": "BR", "Peru": "PE", "Haiti": "HT", "Panama": "PA", "Mexico": "MX",
}


def parse_country(text: str) -> str:
    code = _country_index().get(fold(text))
    if code is None:
        raise ValueError(f"'{_clip(text)}' is not a country code (ISO 3166) or country name")
    return code


_NUMBER = re.compile(r"^[+-]?(\d{1,3}([.,\s]\d{3})+|\d+)([.,]\d+)?$|^[+-]?\d*[.,]\d+$")


def parse_number(text: str, decimal: str = ".") -> float:
    """Numbers as English or Spanish Excel writes them: 1,234.5  1.234,5  4,57  1 234.

    `decimal` is the file's decimal mark ("," when its delimiter is ";"); it settles the
    ambiguous single-separator case `150.000` (150 or 150 thousand).
    """
    t = text.replace("\u00a0", " ").strip()
    if not _NUMBER.match(t):
        raise ValueError(f"'{_clip(text)}' is not a number")
    t = t.replace(" ", "")
    thousands = "," if decimal == "." else "."
    if "," in t and "." in t:
        mark = "," if t.rfind(",") > t.rfind(".") else "."
        t = t.replace("." if mark == "," else ",", "").replace(",", ".")
    elif thousands in t and all(len(g) == 3 for g in t.lstrip("+-").split(thousands)[1:]):
        t = t.replace(thousands, "")
    else:
        t = t.replace(",", ".")
        if t.count(".") > 1:
            raise ValueError(f"'{_clip(text)}' is not a number")
    return float(t)


def parse_int(text: str, decimal: str = ".") -> int:
    value = parse_number(text, decimal)
    if value != int(value):
        raise ValueError(f"'{_clip(text)}' is not a whole number")
    return int(value)


def parse_year(text: str, decimal: str = ".") -> int:
    try:
        year = parse_int(text, ".")
    except ValueError:
        raise ValueError(f"'{_clip(text)}' is not a year") from None
    if not 1900 <= year <= 2100:
        raise ValueError(f"{year} is not a plausible year (1900-2100)")
    return year


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")


def parse_date(text: str) -> date:
    """ISO dates and the day-first dd/mm/yyyy that Spanish and Portuguese Excel writes."""
    for pattern, order in ((_ISO_DATE, "ymd"), (_YMD_SLASH, "ymd"), (_DMY, "dmy")):
        m = pattern.match(text.strip())
        if m:
            parts = dict(zip(order, map(int, m.groups()[:3]), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise ValueError(f"'{_clip(text)}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


_PERIOD = re.compile(r"^(\d{4})(?:[-/](\d{1,2}))?$")


def parse_period(text: str) -> str:
    """A period as YYYY or YYYY-MM; a full date becomes its month."""
    m = _PERIOD.match(text.strip())
    if m:
        year, month = int(m.group(1)), m.group(2)
        if month is None:
            return f"{parse_year(str(year))}"
        if 1 <= int(month) <= 12:
            return f"{year:04d}-{int(month):02d}"
    try:
        d = parse_date(text)
    except ValueError:
        raise ValueError(f"'{_clip(text)}' is not a period (YYYY, YYYY-MM or a date)") from None
    return f"{d.year:04d}-{d.month:02d}"


def _bounded(low: float, high: float, what: str) -> Callable[[str], float]:
    def parse(text: str, decimal: str = ".") -> float:
        value = parse_number(text, decimal)
        if not low <= value <= high:
            raise ValueError(f"{_clip(text)} is outside {low:g}..{high:g} for a {what}")
        return value

    return parse


parse_latitude = _bounded(-90, 90, "latitude")
parse_longitude = _bounded(-180, 180, "longitude")

_SEX = {
    "female": "female", "f": "female", "woman": "female", "girl": "female", "mujer": "female",
    "femenino": "female", "feminino": "female", "mulher": "female", "nina": "female",
    "male": "male", "m": "male", "man": "male", "boy": "male", "hombre": "male",
    "masculino": "male", "homem": "male", "nino": "male", "varon": "male",
    "transgender_nonconforming": "other", "transgender": "other", "other": "other",
    "otro": "other", "outro": "other", "no_binario": "other", "nao_binario": "other",
    "non_binary": "other", "mujer_trans": "other", "varon_trans": "other", "x": "other",
}


def parse_sex(text: str) -> str:
    value = _SEX.get(fold(text))
    if value is None:
        raise ValueError(f"'{_clip(text)}' is not a sex or gender (female, male, other)")
    return value


_AGE_RANGE = re.compile(r"(\d{1,3})\s*(?:--|-|–|a|to|al)\s*(\d{1,3})")
_AGE_PLUS = re.compile(r"(\d{1,3})\s*(?:\+|y\s+m[aá]s|or\s+more|e\s+mais|y\s+mas|and\s+over)")


def parse_age_band(text: str) -> str:
    """Age bands as `lo-hi` or `lo+`: CTDC's `18--20`, SESNSP's `Adultos (18 y más)`."""
    m = _AGE_RANGE.search(text)
    if m:
        return f"{int(m.group(1))}-{int(m.group(2))}"
    m = _AGE_PLUS.search(text)
    if m:
        return f"{int(m.group(1))}+"
    raise ValueError(f"'{_clip(text)}' is not an age band such as 18--20 or 48+")


def band_is_minor(band: str) -> bool | None:
    """Whether an age band lies wholly below 18 (True), wholly at or above it (False)."""
    if band.endswith("+"):
        return False if int(band[:-1]) >= 18 else None
    low, high = map(int, band.split("-"))
    return True if high < 18 else False if low >= 18 else None


def parse_age(text: str, decimal: str = ".") -> int:
    age = parse_number(re.sub(r"\s*(a[nñ]os|anos|years?|yrs?)\.?$", "", text, flags=re.I), decimal)
    if age != int(age) or not 0 <= age <= 120:
        raise ValueError(f"'{_clip(text)}' is not an age in years (0-120)")
    return int(age)


_TRUE = {"1", "1_0", "true", "t", "yes", "y", "si", "s", "sim", "verdadero", "x"}
_FALSE = {"0", "0_0", "false", "f", "no", "n", "nao", "falso"}


def parse_flag(text: str) -> bool:
    key = fold(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"'{_clip(text)}' is not a yes/no value (1/0, true/false, sí/no)")


def parse_count(text: str, decimal: str = ".") -> tuple[float | None, str | None]:
    """A published count as (value, suppressed marker): `<5` gives (None, "<5"), never 0."""
    if SUPPRESSED.match(text):
        return None, text.strip()
    value = parse_number(text, decimal)
    if value < 0:
        raise ValueError(f"{_clip(text)} is negative; a count cannot be")
    return value, None


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


NUMERIC = {"number", "int", "latitude", "longitude", "age", "count"}
PARSERS: dict[str, Callable[..., object]] = {
    "text": str,
    "number": parse_number,
    "int": parse_int,
    "year": parse_year,
    "date": parse_date,
    "period": parse_period,
    "country": parse_country,
    "latitude": parse_latitude,
    "longitude": parse_longitude,
    "sex": parse_sex,
    "age_band": parse_age_band,
    "age": parse_age,
    "flag": parse_flag,
    "count": parse_count,
}


def coerce_cell(value: object) -> str:
    """Spreadsheet cell objects to the text our parsers read; formulas stay verbatim."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else \
            value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
