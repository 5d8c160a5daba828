"""What the words around a place name say about it, for the place reader (`geoparse.py`):
whether a cue before it makes it a place, a barrio or a title ("en", "barrio", "Protocolo
de"); whether it is a dateline, an agency's or a currency's country, part of a longer proper
name or a business's quoted name; whether a nationality word names suspects rather than
victims; and whether it continues a list of places or nationalities."""

from __future__ import annotations

import functools
import re

from tahub.enrich.gazetteer import country_acronyms, geo_phrases, geo_vocab, geo_words
from tahub.enrich.names import first_names
from tahub.enrich.textindex import Hit, TextDoc, normalise, phrase_key
from tahub.enrich.vocab import expand_all, load_yaml

_CLAUSE_END = re.compile(r"[,;:\n]|\.\s")
_LIST_ITEM = re.compile(r"\s*(the |la |el |los |las |o |os |as |and |y |e )?[A-ZÀ-Ý]")
_QUOTED = re.compile(r"[\"“”«»'‘’]{2}")
_OPENING_QUOTE = re.compile(r"[“«][^”»\n.]{0,30}$")
_WITHHELD_SURNAME = re.compile(r"\s*[\"“”«]\s?[A-Z]\.?\s?[\"“”»]")  # Mexican press: Saúl “N”
# "The Hague, 7 April 2022", "Lisboa, 12 de março de 2024", "Quito, 25 oct"
_DASHED = re.compile(r"\s*(\([^)\n]{1,30}\)\s*)?[–—-]\s")
_DATED = re.compile(r"\s*,\s*(\d{1,2}(st|nd|rd|th)?\s+(de\s+)?[A-Za-zÀ-ÿ]{3,}"
                    r"|[A-Z][a-z]{2,}\.?\s+\d{1,2}\b|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})")
_LINKS = frozenset({"the", "la", "el", "los", "las", "lo", "a", "o", "os", "as", "its", "sus",
                    "su", "seu", "sua", "their", "of", "de", "del", "do", "da", "dos", "das",
                    "in", "en", "em", "no", "na", "nos", "nas"})
_LIST_JOIN = frozenset({"and", "or", "y", "o", "e", "ou"})  # "Syria, Jordan and Lebanon"
_CITIZENS = frozenset({"al", "ao", "citizen", "citizens", "national", "nationals", "ciudadano",
                       "ciudadana", "ciudadanos", "ciudadanas", "cidadao", "cidada", "cidadaos"})
_MEMBER_WORDS = frozenset({"ciudadanos", "ciudadanas", "cidadaos", "cidadas", "citizens",
                           "nationals", "personas", "pessoas", "people", "de", "of", "origen",
                           "origem", "nacionalidad", "nacionalidade"})  # "integrada por
# ciudadanos de origen pakistaní": words between a gang's members and their nationality
PERPETRATOR_WINDOW = 8  # tokens around a nationality word searched for arrest/victim words


@functools.lru_cache(maxsize=8)
def place_cues(lang: str) -> frozenset[tuple[str, ...]]:
    """Words that announce a place ("en", "in", "municipio de"), checked before a name."""
    cues = geo_vocab()["place_cues"]
    return frozenset(phrase_key(f) for f in expand_all(cues.get(lang, cues["en"])))


@functools.lru_cache(maxsize=8)
def _before_cues(lang: str) -> dict[tuple[str, ...], frozenset[str]]:
    """Phrase -> the kinds of cue it is when it comes right before a name: `place` ("en",
    "in"), `neighbourhood` ("barrio"), `local_division` ("concelho de"), `not_place`
    ("Protocolo de", "alias"); one lookup per length serves every check."""
    kinds: dict[tuple[str, ...], set[str]] = {}
    for key in place_cues(lang):
        kinds.setdefault(key, set()).add("place")
    for kind in ("neighbourhood", "local_division", "not_place", "distance", "state", "network"):
        for key in geo_phrases(f"{kind}_before"):
            kinds.setdefault(key, set()).add(kind)
    for key in geo_phrases("person_titles"):  # "fiscal Esperanza": a person, not the place
        kinds.setdefault(key, set()).add("not_place")
    return {k: frozenset(v) for k, v in kinds.items()}


def _in_quoted_name(text: str, h: Hit) -> bool:
    """The name ends a short name in typographic quotes: “Cidade da China”, «Hotel Lisboa»."""
    return text[h.end:h.end + 1] in ("”", "»") \
        and _OPENING_QUOTE.search(text, max(0, h.start - 30), h.start) is not None


def cues_before(doc: TextDoc, i: int, lang: str) -> frozenset[str]:
    """The kinds of cue (see `_before_cues`) that the one to three tokens before token i are."""
    table, toks = _before_cues(lang), doc.tokens
    found: frozenset[str] = frozenset()
    for n in (1, 2, 3):
        if i >= n and (kinds := table.get(tuple(toks[i - n:i]))):
            found = found | kinds
    return found


@functools.lru_cache(maxsize=8)
def person_nouns(lang: str) -> frozenset[str]:
    """Nouns for people that make a nationality word beside them the people's ("Thai workers")."""
    nouns = geo_vocab()["person_nouns"]
    return frozenset(normalise(w) for w in nouns.get(lang, nouns["en"]))


@functools.cache
def _counted_words() -> frozenset[str]:
    """Words between a verb and the people it counts: numbers and articles."""
    return number_words() | {"a", "an", "the", "un", "una", "um", "uma"}


@functools.lru_cache(maxsize=8)
def counted_people(lang: str) -> frozenset[str]:
    """Words that may count the people of a nationality in a list ("dos austríacos, un
    rumano y un ciudadano turco", "two Moroccans and a Guinean national"): numbers, articles,
    person nouns."""
    return number_words() | geo_words("noun_articles") | {"a", "an"} | person_nouns(lang)


@functools.lru_cache(maxsize=1)
def number_words() -> frozenset[str]:
    """Number words above one, in every language: they count people ("five Vietnamese")."""
    numbers = load_yaml("victims.yaml")["numbers"]  # "five Vietnamese", not "a Thai boat"
    return frozenset(normalise(str(w)) for by_lang in numbers.values()
                     for w, v in by_lang.items() if int(v) > 1)


def is_dateline(doc: TextDoc, h: Hit, dated: bool = False) -> bool:
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


def lowercase_or_money(text: str, h: Hit) -> bool:
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


def dash_joined(doc: TextDoc, k: int) -> bool:
    """Token k is joined by a dash to a capitalised token before it ("Kenya" in "Uganda-Kenya")."""
    return 0 < k < len(doc.tokens) and doc.text[doc.ends[k - 1]:doc.starts[k]] in ("-", "–") \
        and doc.text[doc.starts[k - 1]].isupper() and doc.text[doc.starts[k]].isupper()


def in_compound(doc: TextDoc, h: Hit, place_starts: frozenset[int]) -> bool:
    """A name dash-joined to another: a border ("the Uganda-Kenya border", "la frontera
    México-Guatemala") or part of a longer name ("KwaZulu-Natal"), but not a country office
    ("International Justice Mission-Ghana")."""
    first, last = h.i, h.j - 1
    if dash_joined(doc, h.i):
        first -= 1
    if dash_joined(doc, h.j):
        last += 1
    if (first, last) == (h.i, h.j - 1):
        return False
    borders = geo_words("border_words")
    if (first > 0 and doc.tokens[first - 1] in borders) or (
            last + 1 < len(doc.tokens) and doc.tokens[last + 1] in borders):
        return True
    return first < h.i and first not in place_starts and not all(  # but "IJM-Ghana" is
        p.kind == "country" for p in h.value)  # the mission's country office


def names_someone(doc: TextDoc, cue: Hit) -> bool:
    """A helper cue is a helper's name ("HSI"), or introduces one within two linking words
    ("together with the Philippine police", "agencia federal de los Estados Unidos"), unlike
    "forced to live together with no toilets"."""
    if doc.text[cue.start].isupper():
        return True
    k = cue.j
    while k < min(cue.j + 2, len(doc.tokens)) and doc.tokens[k] in _LINKS:
        k += 1
    return k < len(doc.tokens) and doc.text[doc.starts[k]].isupper()


def scope_end(text: str, start: int) -> int:
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


def agency_country(doc: TextDoc, h: Hit) -> bool:
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


def perpetrator(doc: TextDoc, h: Hit, people: list[Hit]) -> bool:
    """A nationality next to arrest words and no victim word, or qualifying one man ("un
    hombre venezolano", "o homem angolano", "a Nigerian man"), names a suspect's nationality,
    which is not a place of the incident."""
    sentence = doc.sentence_of(h.start)
    near = [p.value for p in people if -PERPETRATOR_WINDOW <= p.i - h.i <= PERPETRATOR_WINDOW
            and doc.sentence_of(p.start) == sentence]
    if "arrest" in near and not any(v != "arrest" for v in near):
        return True
    if any(p.channel == "vverb" and p.value == "arrest" and 0 <= h.i - p.j <= 3  # "arrested
           and set(doc.tokens[p.j:h.i]) <= _counted_words() | _CITIZENS  # three Kenyans",
           for p in people):  # "detuvo a dos venezolanos", "condenó al ciudadano estadounidense"
        return True
    beside = doc.tokens[max(0, h.i - 2):h.i] + doc.tokens[h.j:h.j + 1]
    if geo_words("suspect_nouns").intersection(beside):
        return True
    members = geo_phrases("members_before")  # "conformada por siete colombianos", "integrada
    k = h.i  # por ciudadanos de origen pakistaní"
    while k > max(0, h.i - 4) and doc.tokens[k - 1] in _MEMBER_WORDS:
        k -= 1
    return any(tuple(doc.tokens[m - n:m]) in members for n in {len(p) for p in members}
               for m in range(max(n, min(k, h.i - 2)), h.i + 1))


def listed_after_place(doc: TextDoc, h: Hit, place_ends: frozenset[int] | set[int],
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


def listed_before_place(doc: TextDoc, h: Hit, place_starts: frozenset[int]) -> bool:
    """The name opens or continues a list whose next item is one of `place_starts`."""
    k = h.j
    if k < len(doc.tokens) and doc.text[doc.ends[k - 1]:doc.starts[k]].strip() == "," \
            and doc.tokens[k] in _LIST_JOIN:
        k += 1  # "Niger, and Libya"
    elif k < len(doc.tokens) and doc.tokens[k] in _LIST_JOIN:
        k += 1
    return k in place_starts and doc.text[doc.ends[k - 1]:doc.starts[k]].strip() in ("", ",")


def citizen_of(doc: TextDoc, h: Hit) -> bool:
    """A name after "cidadão de", "citizen of", also as the second word of a compound name
    ("cidadão da Guiné-Conacri")."""
    cues = geo_phrases("citizen_of")
    if h.i >= 2 and tuple(doc.tokens[h.i - 2:h.i]) in cues:
        return True
    return h.i >= 3 and doc.text[doc.starts[h.i - 1]].isupper() \
        and tuple(doc.tokens[h.i - 3:h.i - 1]) in cues


def police_of(doc: TextDoc, h: Hit) -> bool:
    """A nationality qualifying the police or authorities who acted ("Indonesian police",
    "las autoridades peruanas"): the country where they acted, a place of the incident
    unless a helper cue says they merely helped."""
    beside = doc.tokens[max(0, h.i - 2):h.i] + doc.tokens[h.j:h.j + 2]  # "immigration officers"
    return bool(geo_words("police_nouns").intersection(beside))


def capitalised_neighbour(doc: TextDoc, h: Hit, cues: frozenset[tuple[str, ...]]) -> bool:
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


def quoted_name(text: str, h: Hit) -> bool:
    """The name stands alone in quotes (“Delicias”, a bar) or ends a short quoted name
    (“Cidade da China”, a Luanda neighbourhood): a business or a place's nickname."""
    return _QUOTED.match(text[h.start - 1:h.start] + text[h.end:h.end + 1]) is not None \
        or _in_quoted_name(text, h)


def names_no_place(text: str, h: Hit) -> bool:
    """A first name whose surname the Mexican press withholds ("Saúl “N”") or a word said
    twice ("Sama-sama")."""
    return _WITHHELD_SURNAME.match(text, h.end) is not None or _reduplicated(text, h)
