"""Places of an incident: countries (ISO 3166-1 alpha-2) and cities/states with coordinates.

Names come from the packaged gazetteer (`gazetteer.py`); the words just before a name give
its role (origin, transit, destination, exploitation, rescue); a country named after "with
the support of" / "en coordinación con" in the same sentence is a helping agency's, not a
place of the incident; nationality words ("venezolanas") give the victims' origin. What
the words around each name say about it (a dateline, an agency's country, a suspect's
nationality, a list) is read by `geo_context.py`; this module chooses among a name's readings.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from tahub.enrich import victims
from tahub.enrich.gazetteer import Place, country_names, gazetteer, geo_vocab, geo_words
from tahub.enrich.geo_context import (
    agency_country,
    capitalised_neighbour,
    citizen_of,
    counted_people,
    cues_before,
    in_compound,
    is_dateline,
    listed_after_place,
    listed_before_place,
    lowercase_or_money,
    names_no_place,
    names_someone,
    number_words,
    perpetrator,
    person_nouns,
    place_cues,
    police_of,
    quoted_name,
    scope_end,
)
from tahub.enrich.names import (
    after_first_name,
    first_names,
    in_person_name,
    reported_speaker,
    surname_of,
)
from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc
from tahub.enrich.vocab import expand_all

NAME = "geoparse"
VERSION = "1.1"
METHOD = f"{NAME}@{VERSION}"
ROLE_WINDOW = 4  # tokens between a role cue and the place it qualifies
HELPER_WINDOW = 14  # tokens after a helper cue in which a country is the helper's


@dataclass(frozen=True, slots=True)
class PlaceFact:
    name: str
    country: str
    kind: str  # country | city | region | demonym | agency | state_code
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
            if p.kind in ("agency", "state_code") or (
                    p.kind in ("country", "demonym") and p.role is None):
                continue  # a country by its agency or a state code alone is no named place
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
    for iso, by_lang in (vocab.get("agencies") or {}).items():
        for form in expand_all(by_lang.get(lang) or []):
            yield form, "geo_agency", iso, 1.0


_BR_STATE = re.compile(r"\((AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|"
                       r"RR|SC|SP|SE|TO)\)")


@functools.cache
def _state_abbreviation() -> tuple[re.Pattern[str], dict[str, str]]:
    """A town, a comma and a state's press abbreviation ("Cambridge, Ont."), and their countries."""
    country = {a: iso for iso, forms in (geo_vocab().get("state_abbreviations") or {}).items()
               for a in forms}
    names = "|".join(re.escape(a) for a in sorted(country, key=len, reverse=True))
    return re.compile(rf"\b[A-Z][\w'-]*, ({names})\.(?=[\s,;:—–-]|$)"), country


def _abbreviated_states(text: str) -> list[PlaceFact]:
    """States and provinces in the press's abbreviations after a town ("LAKE COUNTY, Fla. —")."""
    pattern, country = _state_abbreviation()
    return [PlaceFact(m.group(1), country[m.group(1)], "state_code", None, None, None,
                      m.start(1), m.end(1), m.group(1), 0.8) for m in pattern.finditer(text)]


def add_gazetteer(index: PhraseIndex) -> None:
    for key, places in gazetteer().items():
        index.add(" ".join(key), "geo", places)


@functools.lru_cache(maxsize=8)
def _index(lang: str) -> PhraseIndex:
    index = PhraseIndex()
    for phrase, channel, value, conf in phrases(lang):
        index.add(phrase, channel, value, conf)
    for phrase, channel, value, conf in victims.phrases(lang):  # to tell suspects from victims
        if channel in ("vverb", "vnoun"):                         # as `enrich_one` does
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


REGION_POPULATION = 1_000_000  # a state or department counts like a big city when choosing


def _choose(places: tuple[Place, ...], named: set[str], spoken: frozenset[str]) -> Place:
    """The most plausible reading of an ambiguous name: a country; else by population (a state
    or department counting as a big place: "Goiás" the state, not the small town), with a
    bonus for a country the text names and for one where the text's language is spoken."""
    countries = [p for p in places if p.kind in ("country", "demonym")]
    regions = [p for p in places if p.country in named and (  # "en Granada" in a Spanish text
        p.kind == "region" or (p.kind == "city" and p.population >= REGION_POPULATION / 10))]
    if countries and not (regions and countries[0].country not in named):
        return countries[0]  # "Georgia" is the US state in a text about the United States
    return max(places, key=lambda p: math.log10(
        (REGION_POPULATION if p.kind == "region" else p.population) + 10)
        + 1.5 * (p.country in named) + 1.0 * (p.country in spoken))


@functools.lru_cache(maxsize=8)
def _spoken(lang: str) -> frozenset[str]:
    return frozenset(geo_vocab().get("language_countries", {}).get(lang, []))


_GLUE = re.compile(r"[\s,()]+|\b(?:en|el|la|em|no|na|in|the|of|de|del|do|da|y|e|and|estado|state|"
                   r"province|provincia|província|departamento|department|región|region|"
                   r"ciudad|cidade|city|municipio|município)\b", re.IGNORECASE)
NEIGHBOUR_GAP = 30  # characters of glue between two places named together


def _neighbours(doc: TextDoc, mentions: list[tuple[Hit, tuple[Place, ...], bool]],
                named: set[str], context: set[str], spoken: frozenset[str]
                ) -> dict[int, set[str]]:
    """Start of each place mention -> the country of places named right beside it: one that
    can only be in one country, a country the text names or one of its regions ("Eje
    Cafetero, Valle y Antioquia"; "Maipú, Mendoza"), or an ambiguous one read in a country
    the text names ("Santa Elena, en el estado de Paraná, Brasil")."""
    out: dict[int, set[str]] = {}
    ordered = sorted(mentions, key=lambda m: m[0].start)
    for (a, pa, _), (b, pb, _) in itertools.pairwise(ordered):
        gap = doc.text[a.end:b.start]
        if len(gap) > NEIGHBOUR_GAP or _GLUE.sub("", gap) or "." in gap:
            continue
        for here, there in ((a, pb), (b, pa)):
            countries = {p.country for p in there}
            if there[0].kind == "demonym":
                continue
            if len(countries) == 1 and (countries <= named
                                        or any(p.kind == "region" for p in there)):
                out.setdefault(here.start, set()).update(countries)
            elif (chosen := _choose(there, context, spoken)).country in named:
                out.setdefault(here.start, set()).add(chosen.country)
    return out


def parse_doc(doc: TextDoc, hits: list[Hit], lang: str) -> GeoResult:
    """Places in one text, given its index hits (channels geo, geo_role, geo_helper, and the
    victims stage's vverb/vnoun to tell a suspect's nationality from the victims')."""
    min_pop = int(geo_vocab().get("min_city_population", 100_000))
    geo = _longest([h for h in hits if h.channel == "geo"])
    place_starts = frozenset(h.i for h in geo)
    place_ends = frozenset(h.j for h in geo)
    roles = [h for h in hits if h.channel == "geo_role"]
    people = [h for h in hits if h.channel in ("vverb", "vnoun")  # explicit words only
              and h.value in ("arrest", "victim", "victim_word", "victim_female",
                              "victim_minor")]
    helper_scopes = []
    for c in (h for h in hits if h.channel == "geo_helper" and names_someone(doc, h)):
        helper_scopes.append((c.j, c.end, scope_end(doc.text, c.end)))
    cues = place_cues(lang)
    text = doc.text

    vocab = geo_vocab()
    spoken, persons = _spoken(lang), person_nouns(lang)
    names, name_pop = first_names(), int(vocab.get("first_name_population", 1_000_000))
    mentions: list[tuple[Hit, tuple[Place, ...], bool]] = []
    datelines: set[int] = set()
    kept_demonyms: set[int] = set()  # "de nacionalidades venezolana y dominicana"
    network_ends: set[int] = set()  # where names of a network's reach end
    for h in geo:
        places: tuple[Place, ...] = h.value
        demonym = all(p.kind == "demonym" for p in places)
        if demonym:
            near = doc.tokens[max(0, h.i - 2):h.i] + doc.tokens[h.j:h.j + 2]
            plural = doc.tokens[h.j - 1].endswith("s") and not doc.tokens[h.j - 1].endswith("ss")
            counted = h.i > 0 and doc.tokens[h.i - 1].isdigit() or (
                h.i > 0 and doc.tokens[h.i - 1] in number_words())  # "five Vietnamese"
            as_noun = h.i > 0 and doc.tokens[h.i - 1] in geo_words("noun_articles")
            if not plural and not counted and not as_noun and not persons.intersection(near) \
                    and not police_of(doc, h) and not listed_after_place(doc, h, kept_demonyms):
                continue  # "Thai fishing boats", "a Colombian restaurant"; not "una nicaragüense"
            if h.i > 0 and doc.tokens[h.i - 1] in geo_words("currency_before"):
                continue  # "140 dólares estadounidenses"
            if h.i > 0 and doc.tokens[h.i - 1] in geo_words("demonym_not_after"):
                continue  # "Central American migrants"
            if geo_words("language_before").intersection(doc.tokens[max(0, h.i - 2):h.i]):
                continue  # "cursos de português", "speaks English": a language
        elif h.i > 0 and doc.tokens[h.i - 1] in ("nacionalidad", "nacionalidade") and any(
                p.kind == "demonym" for p in places):
            places = tuple(p for p in places if p.kind == "demonym")  # "nacionalidade indiana"
        elif not text[h.start].isupper() or is_dateline(doc, h) or lowercase_or_money(text, h) \
                or in_compound(doc, h, place_starts):
            continue
        elif is_dateline(doc, h, dated=True):
            datelines.add(h.start)
        elif citizen_of(doc, h) and perpetrator(doc, h, people):
            continue  # "deteve um cidadão da Guiné-Conacri acusado de tráfico": a suspect's
        if quoted_name(text, h):
            continue  # “Delicias”, a bar's name; “Cidade da China”, a Luanda neighbourhood
        if h.j < len(doc.tokens) and doc.tokens[h.j] in geo_words("things_after_country") \
                and {p.kind for p in places} <= {"country", "demonym"}:
            continue  # "two Chinese fishing boats", "a Malaysia fishing boat"
        if names_no_place(text, h):
            continue  # "Saúl “N”", a first name whose surname the press withholds; "Sama-sama"
        before = cues_before(doc, h.i, lang)
        if "network" in before or listed_after_place(doc, h, network_ends):
            network_ends.add(h.j)  # "asentada en Italia, Nigeria y Argelia": the gang's reach
            continue
        if "not_place" in before or (
                h.j < len(doc.tokens) and doc.tokens[h.j] in geo_words("not_place_after")):
            continue  # "Protocolo de Palermo", "alias Wellington", "the Palermo Protocol"
        if "distance" in before and any(p.kind in ("country", "demonym") for p in places):
            continue  # "a 60 kilómetros de Guatemala": a landmark, the city's reading too
        if "state" in before and {p.kind for p in places} - {"country", "demonym"}:
            places = tuple(p for p in places if p.kind not in ("country", "demonym"))  # "the
            # State of Georgia" is the US state; "the State of Qatar" stays the country
        if "local_division" in before:
            places = tuple(p for p in places if p.kind not in ("country", "demonym"))
            if not places:
                continue  # "no concelho de Cuba" is a Portuguese town, not the country
        after_cue = "place" in before or listed_after_place(doc, h, place_ends)
        single = h.j - h.i == 1
        kinds = {p.kind for p in places}  # what follows is asked once per mention
        in_name = bool(kinds & {"city", "region"}) and (
            capitalised_neighbour(doc, h, cues) or surname_of(doc, h)
            or after_first_name(doc, h, names, place_starts))
        in_speech = "city" in kinds and reported_speaker(doc, h)
        not_country = "country" in kinds and (
            agency_country(doc, h) or in_person_name(doc, h, names, place_starts))
        places = tuple(p for p in places if
                       (not p.needs_cue or after_cue)
                       and not (p.kind == "city" and single and p.population < name_pop
                                and doc.tokens[h.i] in names and not after_cue)
                       and not (p.kind in ("city", "region") and in_name)
                       and not (p.kind == "city" and in_speech)
                       and not (p.kind == "country" and not_country))
        if places:
            mentions.append((h, places, after_cue))
            if demonym:
                kept_demonyms.add(h.j)
    def helper(h: Hit) -> bool:
        return any(0 <= h.i - j <= HELPER_WINDOW and end <= h.start < stop
                   for j, end, stop in helper_scopes)

    named = {p.country for h, ps, _ in mentions for p in ps  # names that can only be countries
             if all(q.kind in ("country", "demonym") for q in ps) and not helper(h)}
    abbreviated = _abbreviated_states(text) if lang == "en" else []
    implied = {h.value for h in hits  # "La Guardia Civil" makes "La Rioja" Spain's, not
               if h.channel == "geo_agency" and text[h.start].isupper() and not helper(h)
               } | {p.country for p in abbreviated}  # Argentina's; "Cambridge, Ont." Canada's
    by_name = {ps[0].country for h, ps, _ in mentions  # countries named, not by nationality
               if all(q.kind == "country" for q in ps) and not helper(h)}
    context = named | implied | {  # states name their country too, as big cities do: "Atlanta"
        ps[0].country for h, ps, _ in mentions  # makes "Georgia" the state
        if len({p.country for p in ps}) == 1 and not helper(h)
        and (ps[0].kind == "region"
            or (ps[0].kind == "city" and ps[0].population >= min_pop))}

    regions_named = Counter(country for country, _ in {  # distinct regions of one country
        (ps[0].country, tuple(doc.tokens[h.i:h.j])) for h, ps, _ in mentions
        if all(p.kind == "region" and p.country == ps[0].country for p in ps)})
    accepted: list[PlaceFact] = []
    helped: list[PlaceFact] = []
    for h in hits:  # "la Guardia Civil", "a Polícia Federal": the country where it acted
        if h.channel == "geo_agency" and text[h.start].isupper():
            fact = PlaceFact(country_names().get(h.value, h.value), h.value, "agency", None, None,
                             "rescue", h.start, h.end, text[h.start:h.end], 0.8)
            (helped if helper(h) else accepted).append(fact)
    if lang == "pt":  # "Bonito (PE)", "Foz do Iguaçu (PR)": a Brazilian state code
        for m in _BR_STATE.finditer(text):
            accepted.append(PlaceFact(m.group(1), "BR", "state_code", None, None, None,
                                      m.start(1), m.end(1), m.group(1), 0.8))
    accepted += abbreviated
    full: list[tuple[tuple[str, ...], Place]] = []  # multi-word places read so far
    suspects: set[int] = set()  # ends of nationalities said of suspects
    counting_words = counted_people(lang)
    # Where a town's name ends -> the countries of the region after it: "Vitoria (Álava)",
    # "Maipú, Mendoza", "Getafe in Bohol", "Cambridge, Ont."; and where a country's name is a
    # town's because a region of another country follows it: "em Cuba, no Alentejo".
    in_brackets: dict[int, set[str]] = {p.start - 2: {p.country} for p in abbreviated}
    town_of: dict[int, set[str]] = {}
    towns: set[tuple[str, ...]] = set()  # country names read so as towns
    for h, ps, _ in mentions:
        region = any(p.kind == "region" for p in ps) and len({p.country for p in ps}) == 1 \
            and all(p.kind in ("city", "region") for p in ps)
        if text[h.start - 2:h.start] == " (" and ps[0].kind != "demonym" \
                or text[h.start - 2:h.start] == ", " and region:
            in_brackets[h.start - 2] = {p.country for p in ps}
        elif text[h.start - 4:h.start] in (" in ", " en ", " em ") and region:
            in_brackets[h.start - 4] = {p.country for p in ps}
        if region and text[h.start - 5:h.start] in (", no ", ", na "):
            town_of[h.start - 5] = {p.country for p in ps}
        elif region and text[h.start - 2:h.start] == " (":
            town_of[h.start - 2] = {p.country for p in ps}
    only = [h for h, ps, _ in mentions if all(p.kind == "country" for p in ps)]
    only_starts, only_ends = frozenset(h.i for h in only), frozenset(h.j for h in only)
    beside = _neighbours(doc, mentions, named, context, spoken)
    for h, places, after_cue in mentions:
        key = tuple(doc.tokens[h.i:h.j])
        place = next((p for k, p in full if len(k) > len(key) and k[:len(key)] == key),
                     None) or _choose(places, context, spoken)  # "San Cristóbal" after
        # "San Cristóbal de las Casas" is that city, not the Dominican province
        if place.kind != "country" and (listed_after_place(doc, h, only_ends)
                                        or listed_before_place(doc, h, only_starts)):
            place = next((p for p in places if p.kind == "country"), place)  # "through
            # Niger and Libya" is the country even in a text about Nigeria and its Niger State
        near = beside.get(h.start)
        if near and place.kind in ("city", "region") and place.country not in named | near \
                and not any(p.country == place.country and p.population >= min_pop
                            for p in places):  # "Madrid" beside Bogotá is still Madrid
            place = next((p for p in places if p.country in near), None)  # "Eje Cafetero,
            if place is None:  # Valle y Antioquia" in Colombia: not Honduras' Valle
                continue
        if place.kind == "country" and (key in towns or place.country not in town_of.get(
                h.end, {place.country})):
            towns.add(key)  # and so is "Cuba" in "em Beja, Cuba e Ferreira" after it
            continue
        if (within := in_brackets.get(h.end)) is not None and place.country not in within \
                and place.kind != "country":
            place = next((p for p in places if p.country in within), None)  # "Vitoria
            if place is None:  # (Álava)" is the Spanish city, not Vitória in Brazil
                continue
        if len(key) > 1 and place.kind in ("city", "region"):
            full.append((key, place))
        if spoken and place.kind == "city" and place.country not in spoken | named \
                and key[0] in geo_words("local_name_heads"):
            continue  # "en el puerto San Francisco, en Iquitos": not California's
        small = place.population < min_pop and not (  # "in Montrose" is Trinidad's in a text
            after_cue and len(places) == 1 and not context - {place.country})  # naming only it
        if place.kind == "city" and place.country not in named and small:
            continue
        if (place.kind == "country" or place.kind in ("city", "region")
                and place.country not in named) and (
                "neighbourhood" in cues_before(doc, h.i, lang)):
            continue  # "el barrio Santa Fe" of a Colombian city is not Argentina's Santa Fe,
            # "el barrio de Guadalupe" not Guadeloupe
        if place.kind == "region" and by_name and place.country not in named | implied and not (
                place.country in spoken and not by_name & spoken) \
                and regions_named[place.country] < 2:  # "Bihar, Uttar Pradesh and Nepal"
            continue  # "La Pampa" in a text about Peru is not Argentina's province; but
            # "no Alentejo" stays Portuguese in a Portuguese text naming only Nepal and India
        is_helper = helper(h)
        role = None
        best_gap = ROLE_WINDOW + 1
        for c in roles:
            gap = h.i - c.j
            if 0 <= gap < best_gap:
                role, best_gap = c.value, gap
        if place.kind == "demonym" and police_of(doc, h):
            role = "rescue"  # "Indonesian police arrested", "la Policía colombiana rescató"
        elif place.kind == "demonym" and role in (None, "origin"):
            if perpetrator(doc, h, people) or listed_after_place(doc, h, suspects,
                                                                   counting_words):
                suspects.add(h.j)  # "22 detenidos, de nacionalidad colombiana y venezolana"
                continue  # "el captor, un ciudadano venezolano acusado de captar mujeres"
            role = "origin"
        elif place.kind == "country" and role == "origin" and perpetrator(doc, h, people):
            continue  # "the alleged traffickers are believed to originate from Iran"
        conf = 0.9 if place.kind in ("country", "demonym") or len(places) == 1 else 0.7
        fact = PlaceFact(place.name, place.country, place.kind, place.lat, place.lon, role,
                         h.start, h.end, text[h.start:h.end], conf)
        (helped if is_helper else accepted).append(fact)
    elsewhere = {p.country for p in accepted if p.start not in datelines}
    accepted = [p for p in accepted if p.start not in datelines or p.country in elsewhere]
    located = {p.country for p in accepted if p.kind != "agency"}
    if by_name:  # where the text names countries, "a Polícia Judiciária" in Cabo Verde is not
        # Portugal's: an agency stands for a country only when no country is named
        accepted = [p for p in accepted if p.kind != "agency" or p.country in located]
    return GeoResult(sorted({p.country for p in accepted}), accepted, helped)


def parse(texts: list[str], langs: list[str]) -> list[GeoResult]:
    """Batch entry: places named in each text."""
    out = []
    for text, lang in zip(texts, langs, strict=True):
        doc = TextDoc.build(text)
        out.append(parse_doc(doc, _index(lang).find(doc), lang))
    return out
