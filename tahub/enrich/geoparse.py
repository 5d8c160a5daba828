"""Places of an incident: countries (ISO 3166-1 alpha-2) and cities/states with coordinates.

Names come from the packaged gazetteer (`gazetteer.py`); the words just before a name give
its role (origin, transit, destination, exploitation, rescue); a country named after "with
the support of" / "en coordinación con" in the same sentence is a helping agency's, not a
place of the incident; nationality words ("venezolanas") give the victims' origin.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tahub.enrich.gazetteer import Place, gazetteer, geo_vocab
from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc, phrase_key
from tahub.enrich.vocab import expand_all

NAME = "geoparse"
VERSION = "1.0"
METHOD = f"{NAME}@{VERSION}"
ROLE_WINDOW = 4  # tokens between a role cue and the place it qualifies
HELPER_WINDOW = 14  # tokens after a helper cue in which a country is the helper's
_CLAUSE_END = re.compile(r"[,;:()\n]|\.\s")


@dataclass(frozen=True, slots=True)
class PlaceFact:
    name: str
    country: str
    kind: str  # country | city | region | demonym
    lat: float | None
    lon: float | None
    role: str | None
    start: int
    end: int
    text: str
    confidence: float
    method: str = METHOD


@dataclass(frozen=True, slots=True)
class GeoResult:
    countries: list[str]
    places: list[PlaceFact]  # accepted incident places, one per mention
    helpers: list[PlaceFact]  # places named only as a helping agency's country

    def places_out(self) -> list[dict]:
        """Contract `places`: cities/regions, and countries where the text gives a role."""
        out: list[dict] = []
        seen: dict[tuple[str, str], dict] = {}
        for p in self.places:
            if p.kind in ("country", "demonym") and p.role is None:
                continue
            key = (p.name, p.country)
            if key in seen:
                if seen[key]["role"] is None and p.role is not None:
                    seen[key]["role"] = p.role
                continue
            seen[key] = {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
                         "role": p.role}
            out.append(seen[key])
        return out


def phrases(lang: str) -> Iterator[tuple[str, str, object, float]]:
    """(phrase, channel, value, confidence) entries this stage adds to a language's index."""
    vocab = geo_vocab()
    for role, by_lang in vocab["roles"].items():
        for form in expand_all(by_lang.get(lang, by_lang["en"])):
            yield form, "geo_role", role, 1.0
    for form in expand_all(vocab["helper_cues"].get(lang, vocab["helper_cues"]["en"])):
        yield form, "geo_helper", None, 1.0


@functools.lru_cache(maxsize=8)
def _place_cues(lang: str) -> frozenset[tuple[str, ...]]:
    """Words that announce a place ("en", "in", "municipio de"), checked before a name."""
    cues = geo_vocab()["place_cues"]
    return frozenset(phrase_key(f) for f in expand_all(cues.get(lang, cues["en"])))


def _after_cue(doc: TextDoc, i: int, cues: frozenset[tuple[str, ...]]) -> bool:
    return any(i >= n and tuple(doc.tokens[i - n:i]) in cues for n in (1, 2, 3))


def add_gazetteer(index: PhraseIndex) -> None:
    for key, places in gazetteer().items():
        index.add(" ".join(key), "geo", places)


@functools.lru_cache(maxsize=8)
def _index(lang: str) -> PhraseIndex:
    index = PhraseIndex()
    for phrase, channel, value, conf in phrases(lang):
        index.add(phrase, channel, value, conf)
    add_gazetteer(index)
    return index


def _longest(hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    end = -1
    for h in sorted(hits, key=lambda h: (h.i, -(h.j - h.i))):
        if h.i >= end:
            out.append(h)
            end = h.j
    return out


def _choose(places: tuple[Place, ...], named: set[str]) -> Place:
    """The most plausible reading of an ambiguous name: a country, a named country's city,
    else the most populous."""
    for p in places:
        if p.kind in ("country", "demonym"):
            return p
    local = [p for p in places if p.country in named]
    pool = local or list(places)
    return max(pool, key=lambda p: (p.kind == "city", p.population))


def parse_doc(doc: TextDoc, hits: list[Hit], lang: str) -> GeoResult:
    """Places in one text, given its index hits (channels geo, geo_role, geo_helper)."""
    min_pop = int(geo_vocab().get("min_city_population", 100_000))
    geo = _longest([h for h in hits if h.channel == "geo"])
    roles = [h for h in hits if h.channel == "geo_role"]
    helper_scopes = []
    for c in (h for h in hits if h.channel == "geo_helper"):
        stop = _CLAUSE_END.search(doc.text, c.end)
        helper_scopes.append((c.j, c.end, stop.start() if stop else len(doc.text)))
    cues = _place_cues(lang)
    text = doc.text

    mentions: list[tuple[Hit, tuple[Place, ...], bool]] = []
    for h in geo:
        places: tuple[Place, ...] = h.value
        demonym = all(p.kind == "demonym" for p in places)
        if not demonym and not text[h.start].isupper():
            continue
        after_cue = _after_cue(doc, h.i, cues)
        places = tuple(p for p in places if not p.needs_cue or after_cue)
        if places:
            mentions.append((h, places, after_cue))
    named = {p.country for _, ps, _ in mentions for p in ps if p.kind in ("country", "demonym")}

    accepted: list[PlaceFact] = []
    helped: list[PlaceFact] = []
    for h, places, after_cue in mentions:
        place = _choose(places, named)
        small = place.population < min_pop and not (after_cue and len(places) == 1)
        if place.kind in ("city", "region") and place.country not in named and small:
            continue
        is_helper = any(0 <= h.i - j <= HELPER_WINDOW and end <= h.start < stop
                        for j, end, stop in helper_scopes)
        role = None
        best_gap = ROLE_WINDOW + 1
        for c in roles:
            gap = h.i - c.j
            if 0 <= gap < best_gap:
                role, best_gap = c.value, gap
        if place.kind == "demonym" and role is None:
            role = "origin"
        conf = 0.9 if place.kind in ("country", "demonym") or len(places) == 1 else 0.7
        fact = PlaceFact(place.name, place.country, place.kind, place.lat, place.lon, role,
                         h.start, h.end, text[h.start:h.end], conf)
        (helped if is_helper else accepted).append(fact)
    countries = sorted({p.country for p in accepted})
    return GeoResult(countries, accepted, helped)


def parse(texts: list[str], langs: list[str]) -> list[GeoResult]:
    """Batch entry: places named in each text."""
    out = []
    for text, lang in zip(texts, langs, strict=True):
        doc = TextDoc.build(text)
        out.append(parse_doc(doc, _index(lang).find(doc), lang))
    return out
