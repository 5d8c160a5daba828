"""Places of an incident: countries (ISO 3166-1 alpha-2) and cities/states with coordinates.

Names come from the packaged gazetteer (`gazetteer.py`); the words just before a name give
its role (origin, transit, destination, exploitation, rescue); a country named after "with
the support of" / "en coordinación con" in the same sentence is a helping agency's, not a
place of the incident; nationality words ("venezolanas") give the victims' origin.
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
from tahub.enrich.gazetteer import (
    Place,
    country_acronyms,
    country_names,
    gazetteer,
    geo_phrases,
    geo_vocab,
    geo_words,
)
from tahub.enrich.names import (
    after_first_name,
    first_names,
    in_person_name,
    reported_speaker,
    surname_of,
)
from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc, normalise, phrase_key
from tahub.enrich.vocab import expand_all

NAME = "geoparse"
VERSION = "1.1"
METHOD = f"{NAME}@{VERSION}"
ROLE_WINDOW = 4  # tokens between a role cue and the place it qualifies
HELPER_WINDOW = 14  # tokens after a helper cue in which a country is the helper's
_CLAUSE_END = re.compile(r"[,;:\n]|\.\s")
_LIST_ITEM = re.compile(r"\s*(the |la |el |los |las |o |os |as |and |y |e )?[A-ZÀ-Ý]")


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


@functools.lru_cache(maxsize=8)
def _place_cues(lang: str) -> frozenset[tuple[str, ...]]:
    """Words that announce a place ("en", "in", "municipio de"), checked before a name."""
    cues = geo_vocab()["place_cues"]
    return frozenset(phrase_key(f) for f in expand_all(cues.get(lang, cues["en"])))


@functools.lru_cache(maxsize=8)
def _before_cues(lang: str) -> dict[tuple[str, ...], frozenset[str]]:
    """Phrase -> the kinds of cue it is when it comes right before a name: `place` ("en",
    "in"), `neighbourhood` ("barrio"), `local_division` ("concelho de"), `not_place`
    ("Protocolo de", "alias"); one lookup per length serves every check."""
    kinds: dict[tuple[str, ...], set[str]] = {}
    for key in _place_cues(lang):
        kinds.setdefault(key, set()).add("place")
    for kind in ("neighbourhood", "local_division", "not_place", "distance"):
        for key in geo_phrases(f"{kind}_before"):
            kinds.setdefault(key, set()).add(kind)
    return {k: frozenset(v) for k, v in kinds.items()}


_QUOTED = re.compile(r"[\"“”«»'‘’]{2}")
_OPENING_QUOTE = re.compile(r"[“«][^”»\n.]{0,30}$")


def _in_quoted_name(text: str, h: Hit) -> bool:
    """The name ends a short name in typographic quotes: “Cidade da China”, «Hotel Lisboa»."""
    return text[h.end:h.end + 1] in ("”", "»") \
        and _OPENING_QUOTE.search(text, max(0, h.start - 30), h.start) is not None


_WITHHELD_SURNAME = re.compile(r"\s*[\"“”«]\s?[A-Z]\.?\s?[\"“”»]")  # Mexican press: Saúl “N”


def _cues_before(doc: TextDoc, i: int, lang: str) -> frozenset[str]:
    table, toks = _before_cues(lang), doc.tokens
    found: frozenset[str] = frozenset()
    for n in (1, 2, 3):
        if i >= n and (kinds := table.get(tuple(toks[i - n:i]))):
            found = found | kinds
    return found


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


@functools.lru_cache(maxsize=8)
def _person_nouns(lang: str) -> frozenset[str]:
    nouns = geo_vocab()["person_nouns"]
    return frozenset(normalise(w) for w in nouns.get(lang, nouns["en"]))


@functools.cache
def _counted_words() -> frozenset[str]:
    """Words between a verb and the people it counts: numbers and articles."""
    return _number_words() | {"a", "an", "the", "un", "una", "um", "uma"}


@functools.lru_cache(maxsize=8)
def _counted_people(lang: str) -> frozenset[str]:
    """Words that may count the people of a nationality in a list ("dos austríacos, un
    rumano y un ciudadano turco", "two Moroccans and a Guinean national"): numbers, articles,
    person nouns."""
    return _number_words() | geo_words("noun_articles") | {"a", "an"} | _person_nouns(lang)


@functools.lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    from tahub.enrich.vocab import load_yaml

    numbers = load_yaml("victims.yaml")["numbers"]  # "five Vietnamese", not "a Thai boat"
    return frozenset(normalise(str(w)) for by_lang in numbers.values()
                     for w, v in by_lang.items() if int(v) > 1)


def _is_dateline(doc: TextDoc, h: Hit, dated: bool = False) -> bool:
    """"BOGOTA (Reuters) -": the outlet's city at the head of a paragraph, not a place of the
    incident. With `dated`, also "The Hague, 7 April 2022" and "Johannesburg –": a title-case
    place then a date or a dash, kept only where the text names its country again."""
    head = doc.text[max(0, h.start - 40):h.start]
    line_start = max(head.rfind("\n"), -1) + 1 if "\n" in head else (0 if h.start < 40 else -1)
    if line_start < 0 or head[line_start:].strip(" |"):
        return False
    if dated:  # also "Johannesburg – Ugandan police ...": a title-case dateline
        return (_DATED.match(doc.text, h.end) or _DASHED.match(doc.text, h.end)) is not None
    word = doc.text[h.start:h.end]
    return word.isupper() and doc.text[h.end:h.end + 3].lstrip()[:1] in (",", "(", "-", "—")


_LINKS = frozenset({"the", "la", "el", "los", "las", "lo", "a", "o", "os", "as", "its", "sus",
                    "su", "seu", "sua", "their", "of", "de", "del", "do", "da", "dos", "das",
                    "in", "en", "em", "no", "na", "nos", "nas"})


def _lowercase_or_money(text: str, h: Hit) -> bool:
    """"Us" is not "US", "Usa" not "USA", and "US$18" is a currency."""
    surface = text[h.start:h.end]
    return (not surface.isupper() and (h.end - h.start == 2
                                       or normalise(surface) in country_acronyms())) \
        or text[h.end:h.end + 1] == "$"


def _reduplicated(text: str, h: Hit) -> bool:
    """"Sama-sama", "Bersama-sama": a word said twice with a dash (Filipino, Malay) is no place."""
    word = text[h.start:h.end]
    return text[h.end:h.end + 1] == "-" and \
        text[h.end + 1:h.end + 1 + len(word)].lower() == word.lower()


def _dash_joined(doc: TextDoc, k: int) -> bool:
    """Token k is joined by a dash to a capitalised token before it ("Kenya" in "Uganda-Kenya")."""
    return 0 < k < len(doc.tokens) and doc.text[doc.ends[k - 1]:doc.starts[k]] in ("-", "–") \
        and doc.text[doc.starts[k - 1]].isupper() and doc.text[doc.starts[k]].isupper()


def _in_compound(doc: TextDoc, h: Hit, place_starts: frozenset[int]) -> bool:
    """A name dash-joined to another: a border ("the Uganda-Kenya border", "la frontera
    México-Guatemala") or part of a longer name ("KwaZulu-Natal"), but not a country office
    ("International Justice Mission-Ghana")."""
    first, last = h.i, h.j - 1
    if _dash_joined(doc, h.i):
        first -= 1
    if _dash_joined(doc, h.j):
        last += 1
    if (first, last) == (h.i, h.j - 1):
        return False
    borders = geo_words("border_words")
    if (first > 0 and doc.tokens[first - 1] in borders) or (
            last + 1 < len(doc.tokens) and doc.tokens[last + 1] in borders):
        return True
    return first < h.i and first not in place_starts and not all(  # but "IJM-Ghana" is
        p.kind == "country" for p in h.value)  # the mission's country office


def _names_someone(doc: TextDoc, cue: Hit) -> bool:
    """A helper cue is a helper's name ("HSI"), or introduces one within two linking words
    ("together with the Philippine police", "agencia federal de los Estados Unidos"), unlike
    "forced to live together with no toilets"."""
    if doc.text[cue.start].isupper():
        return True
    k = cue.j
    while k < min(cue.j + 2, len(doc.tokens)) and doc.tokens[k] in _LINKS:
        k += 1
    return k < len(doc.tokens) and doc.text[doc.starts[k]].isupper()


def _scope_end(text: str, start: int) -> int:
    """End of the clause after a helper cue; a list of names ("officers from Myanmar, Laos,
    Vietnam and Thailand", "agencies from Belgium, the Czech Republic") runs on across its
    commas."""
    pos = start
    while True:
        stop = _CLAUSE_END.search(text, pos)
        if stop is None:
            return len(text)
        if stop.group() != "," or not _LIST_ITEM.match(text, stop.end()):
            return stop.start()
        pos = stop.end()


def _agency_country(doc: TextDoc, h: Hit) -> bool:
    """"the U.S. Embassy", "US State Department", "Agence France-Presse", "U.S. dollars",
    "U.S. $4,956": a country naming an agency, a currency or a longer proper name, not a place
    of the incident."""
    after = geo_words("agency_after")
    nxt = doc.tokens[h.j:h.j + 2]
    if nxt and (nxt[0] in after or " ".join(nxt) in after) \
            and doc.text[doc.starts[h.j]].isupper():
        return True
    if nxt and nxt[0] in geo_words("currency_after") \
            or doc.text[h.end:h.end + 3].lstrip(". ").startswith("$"):
        return True
    return h.j < len(doc.tokens) and doc.text[doc.ends[h.j - 1]:doc.starts[h.j]] == "-" \
        and doc.text[doc.starts[h.j]].isupper() and doc.text[h.start].isupper()


# "The Hague, 7 April 2022", "Lisboa, 12 de março de 2024", "Quito, 25 oct"
_DASHED = re.compile(r"\s*(\([^)\n]{1,30}\)\s*)?[–—-]\s")
_DATED = re.compile(r"\s*,\s*(\d{1,2}(st|nd|rd|th)?\s+(de\s+)?[A-Za-zÀ-ÿ]{3,}"
                    r"|[A-Z][a-z]{2,}\.?\s+\d{1,2}\b|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})")


_LIST_JOIN = frozenset({"and", "or", "y", "o", "e", "ou"})  # "Syria, Jordan and Lebanon"
PERPETRATOR_WINDOW = 8  # tokens around a nationality word searched for arrest/victim words


def _perpetrator(doc: TextDoc, h: Hit, people: list[Hit]) -> bool:
    """A nationality next to arrest words and no victim word, or qualifying one man ("un
    hombre venezolano", "o homem angolano", "a Nigerian man"), names a suspect's nationality,
    which is not a place of the incident."""
    sentence = doc.sentence_of(h.start)
    near = [p.value for p in people if -PERPETRATOR_WINDOW <= p.i - h.i <= PERPETRATOR_WINDOW
            and doc.sentence_of(p.start) == sentence]
    if "arrest" in near and not any(v != "arrest" for v in near):
        return True
    if any(p.channel == "vverb" and p.value == "arrest" and 0 <= h.i - p.j <= 2  # "arrested
           and set(doc.tokens[p.j:h.i]) <= _counted_words()  # three Kenyans", "detuvo a dos
           for p in people):  # venezolanos"
        return True
    beside = doc.tokens[max(0, h.i - 2):h.i] + doc.tokens[h.j:h.j + 1]
    if geo_words("suspect_nouns").intersection(beside):
        return True
    members = geo_phrases("members_before")  # "conformada por siete colombianos"
    return any(tuple(doc.tokens[k - n:k]) in members for n in {len(p) for p in members}
               for k in range(max(n, h.i - 2), h.i + 1))


def _listed_after_place(doc: TextDoc, h: Hit, place_ends: frozenset[int] | set[int],
                        people: frozenset[str] = frozenset()) -> bool:
    """The name continues a list of places ("Syria, Jordan and Lebanon"): the place before it
    gives it the place cue that a name shared with a first name needs. A list of nationalities
    may count its people (`people`: "dos austríacos, un rumano y un ciudadano turco")."""
    k = h.i
    while k > h.i - 2 and k > 0 and doc.tokens[k - 1] in people \
            and doc.text[doc.ends[k - 1]:doc.starts[k]] == " ":
        k -= 1
    if k > 0 and doc.tokens[k - 1] in _LIST_JOIN:
        k -= 1
    return k in place_ends and doc.text[doc.ends[k - 1]:doc.starts[k]].strip() in ("", ",")


def _listed_before_place(doc: TextDoc, h: Hit, place_starts: frozenset[int]) -> bool:
    """The name opens or continues a list whose next item is one of `place_starts`."""
    k = h.j
    if k < len(doc.tokens) and doc.text[doc.ends[k - 1]:doc.starts[k]].strip() == "," \
            and doc.tokens[k] in _LIST_JOIN:
        k += 1  # "Niger, and Libya"
    elif k < len(doc.tokens) and doc.tokens[k] in _LIST_JOIN:
        k += 1
    return k in place_starts and doc.text[doc.ends[k - 1]:doc.starts[k]].strip() in ("", ",")


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


def _citizen_of(doc: TextDoc, h: Hit) -> bool:
    """A name after "cidadão de", "citizen of", also as the second word of a compound name
    ("cidadão da Guiné-Conacri")."""
    cues = geo_phrases("citizen_of")
    if h.i >= 2 and tuple(doc.tokens[h.i - 2:h.i]) in cues:
        return True
    return h.i >= 3 and doc.text[doc.starts[h.i - 1]].isupper() \
        and tuple(doc.tokens[h.i - 3:h.i - 1]) in cues


def _police_of(doc: TextDoc, h: Hit) -> bool:
    """A nationality qualifying the police or authorities who acted ("Indonesian police",
    "las autoridades peruanas"): the country where they acted, a place of the incident
    unless a helper cue says they merely helped."""
    beside = doc.tokens[max(0, h.i - 2):h.i] + doc.tokens[h.j:h.j + 2]  # "immigration officers"
    return bool(geo_words("police_nouns").intersection(beside))


def _capitalised_neighbour(doc: TextDoc, h: Hit, cues: frozenset[tuple[str, ...]]) -> bool:
    """A name inside a longer proper name ("Mónica Moreno Álvarez", "Colonia Roma"), but not
    a force or court named after its place ("Cumbria Police", "Exeter Crown Court")."""
    if h.j < len(doc.tokens) and doc.text[doc.starts[h.j]].isupper() \
            and doc.text[doc.ends[h.j - 1]:doc.starts[h.j]] == " ":
        return doc.tokens[h.j] not in geo_words("force_words")
    if h.i == 0:
        return False
    prev = h.i - 1
    gap = doc.text[doc.ends[prev]:doc.starts[h.i]]
    if gap != " " or not doc.text[doc.starts[prev]].isupper():
        return False
    at_sentence_start = doc.sentence_starts[doc.sentence_of(doc.starts[prev])] >= \
        doc.starts[prev] - 3
    if at_sentence_start:  # "Marvin Orellana, agente fiscal": a first name opens the sentence
        return doc.tokens[prev] in first_names() and (doc.tokens[prev],) not in cues
    return (doc.tokens[prev],) not in cues


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
    for c in (h for h in hits if h.channel == "geo_helper" and _names_someone(doc, h)):
        helper_scopes.append((c.j, c.end, _scope_end(doc.text, c.end)))
    cues = _place_cues(lang)
    text = doc.text

    vocab = geo_vocab()
    spoken, persons = _spoken(lang), _person_nouns(lang)
    names, name_pop = first_names(), int(vocab.get("first_name_population", 1_000_000))
    mentions: list[tuple[Hit, tuple[Place, ...], bool]] = []
    datelines: set[int] = set()
    kept_demonyms: set[int] = set()  # "de nacionalidades venezolana y dominicana"
    for h in geo:
        places: tuple[Place, ...] = h.value
        demonym = all(p.kind == "demonym" for p in places)
        if demonym:
            near = doc.tokens[max(0, h.i - 2):h.i] + doc.tokens[h.j:h.j + 2]
            plural = doc.tokens[h.j - 1].endswith("s") and not doc.tokens[h.j - 1].endswith("ss")
            counted = h.i > 0 and doc.tokens[h.i - 1].isdigit() or (
                h.i > 0 and doc.tokens[h.i - 1] in _number_words())  # "five Vietnamese"
            as_noun = h.i > 0 and doc.tokens[h.i - 1] in geo_words("noun_articles")
            if not plural and not counted and not as_noun and not persons.intersection(near) \
                    and not _police_of(doc, h) and not _listed_after_place(doc, h, kept_demonyms):
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
        elif not text[h.start].isupper() or _is_dateline(doc, h) or _lowercase_or_money(text, h) \
                or _in_compound(doc, h, place_starts):
            continue
        elif _is_dateline(doc, h, dated=True):
            datelines.add(h.start)
        elif _citizen_of(doc, h) and _perpetrator(doc, h, people):
            continue  # "deteve um cidadão da Guiné-Conacri acusado de tráfico": a suspect's
        if _QUOTED.match(text[h.start - 1:h.start] + text[h.end:h.end + 1]) \
                or _in_quoted_name(text, h):
            continue  # “Delicias”, a bar's name; “Cidade da China”, a Luanda neighbourhood
        if h.j < len(doc.tokens) and doc.tokens[h.j] in geo_words("things_after_country") \
                and {p.kind for p in places} <= {"country", "demonym"}:
            continue  # "two Chinese fishing boats", "a Malaysia fishing boat"
        if _WITHHELD_SURNAME.match(text, h.end) or _reduplicated(text, h):
            continue  # "Saúl “N”", a first name whose surname the press withholds; "Sama-sama"
        before = _cues_before(doc, h.i, lang)
        if "not_place" in before or (
                h.j < len(doc.tokens) and doc.tokens[h.j] in geo_words("not_place_after")):
            continue  # "Protocolo de Palermo", "alias Wellington", "the Palermo Protocol"
        if "distance" in before and any(p.kind in ("country", "demonym") for p in places):
            continue  # "a 60 kilómetros de Guatemala": a landmark, the city's reading too
        if "local_division" in before:
            places = tuple(p for p in places if p.kind not in ("country", "demonym"))
            if not places:
                continue  # "no concelho de Cuba" is a Portuguese town, not the country
        after_cue = "place" in before or _listed_after_place(doc, h, place_ends)
        single = h.j - h.i == 1
        kinds = {p.kind for p in places}  # what follows is asked once per mention
        in_name = bool(kinds & {"city", "region"}) and (
            _capitalised_neighbour(doc, h, cues) or surname_of(doc, h)
            or after_first_name(doc, h, names, place_starts))
        in_speech = "city" in kinds and reported_speaker(doc, h)
        not_country = "country" in kinds and (
            _agency_country(doc, h) or in_person_name(doc, h, names, place_starts))
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
    by_name = {ps[0].country for h, ps, _ in mentions  # countries named, not by nationality
               if all(q.kind == "country" for q in ps) and not helper(h)}
    context = named | {ps[0].country for h, ps, _ in mentions  # states name their country too,
                       if len({p.country for p in ps}) == 1 and not helper(h)  # as big cities
                       and (ps[0].kind == "region"  # do: "Atlanta" makes "Georgia" the state
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
    full: list[tuple[tuple[str, ...], Place]] = []  # multi-word places read so far
    suspects: set[int] = set()  # ends of nationalities said of suspects
    counted_people = _counted_people(lang)
    in_brackets: dict[int, set[str]] = {}  # where a town's name ends -> countries of the region
    for h, ps, _ in mentions:  # that follows it: "Vitoria (Álava)", "Maipú, Mendoza", "Getafe
        region = any(p.kind == "region" for p in ps) and len({p.country for p in ps}) == 1 \
            and all(p.kind in ("city", "region") for p in ps)  # in Bohol"
        if text[h.start - 2:h.start] == " (" and ps[0].kind != "demonym" \
                or text[h.start - 2:h.start] == ", " and region:
            in_brackets[h.start - 2] = {p.country for p in ps}
        elif text[h.start - 4:h.start] in (" in ", " en ", " em ") and region:
            in_brackets[h.start - 4] = {p.country for p in ps}
    only = [h for h, ps, _ in mentions if all(p.kind == "country" for p in ps)]
    only_starts, only_ends = frozenset(h.i for h in only), frozenset(h.j for h in only)
    beside = _neighbours(doc, mentions, named, context, spoken)
    for h, places, after_cue in mentions:
        key = tuple(doc.tokens[h.i:h.j])
        place = next((p for k, p in full if len(k) > len(key) and k[:len(key)] == key),
                     None) or _choose(places, context, spoken)  # "San Cristóbal" after
        # "San Cristóbal de las Casas" is that city, not the Dominican province
        if place.kind != "country" and (_listed_after_place(doc, h, only_ends)
                                        or _listed_before_place(doc, h, only_starts)):
            place = next((p for p in places if p.kind == "country"), place)  # "through
            # Niger and Libya" is the country even in a text about Nigeria and its Niger State
        near = beside.get(h.start)
        if near and place.kind in ("city", "region") and place.country not in named | near \
                and not any(p.country == place.country and p.population >= min_pop
                            for p in places):  # "Madrid" beside Bogotá is still Madrid
            place = next((p for p in places if p.country in near), None)  # "Eje Cafetero,
            if place is None:  # Valle y Antioquia" in Colombia: not Honduras' Valle
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
                "neighbourhood" in _cues_before(doc, h.i, lang)):
            continue  # "el barrio Santa Fe" of a Colombian city is not Argentina's Santa Fe,
            # "el barrio de Guadalupe" not Guadeloupe
        if place.kind == "region" and by_name and place.country not in named and not (
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
        if place.kind == "demonym" and _police_of(doc, h):
            role = "rescue"  # "Indonesian police arrested", "la Policía colombiana rescató"
        elif place.kind == "demonym" and role in (None, "origin"):
            if _perpetrator(doc, h, people) or _listed_after_place(doc, h, suspects,
                                                                   counted_people):
                suspects.add(h.j)  # "22 detenidos, de nacionalidad colombiana y venezolana"
                continue  # "el captor, un ciudadano venezolano acusado de captar mujeres"
            role = "origin"
        elif place.kind == "country" and role == "origin" and _perpetrator(doc, h, people):
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
