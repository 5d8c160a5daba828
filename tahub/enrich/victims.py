"""How many victims (the headline number), whether minors are among them, the genders stated,
and how many people were arrested.

Numbers are digits or number words ("doce mujeres", "três vítimas", "two dozen"); a number
counts what the noun after it names (victims, women, suspects) and, for plain "people", what
the nearest verb says (rescued vs arrested). Vocabulary: `tahub/schema/victims.yaml`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from tahub.enrich.gazetteer import country_names
from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc, normalise
from tahub.enrich.vocab import expand_all, load_yaml, require

NAME = "victims"
VERSION = "1.0"
METHOD = f"{NAME}@{VERSION}"
NOUN_GAP = 5  # tokens a number may sit before its noun ("23 young Thai and Laotian women")
_YEAR = re.compile(r"(19|20)\d\d")
_DIGITS = re.compile(r"\b\d")
_PUNCT = re.compile(r"[,;:.()]")
_CONJ = {"and", "y", "e", "plus", "mas"}
_DURATIONS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
              "ano", "anos", "mes", "meses", "semana", "semanas", "dia", "dias", "hora", "horas"}
_FAMILY = {"family", "families", "familia", "familias", "household"}  # tokens are accent-free
_MORE = {"other", "more", "additional", "further", "otros", "otras", "mas", "outros", "outras",
         "mais"}  # "a girl ... five other girls": an addition to the count before
_AMONG = {"among", "amongst"}  # "eight ... were among nine people arrested" (not "entre 3 y 15")
_POSSESSIVE = {"their", "his", "her", "sus", "su", "seus", "suas", "seu", "sua"}  # "and their four"
_JOINERS = _CONJ | _POSSESSIVE
# a count right after these is part of a group counted elsewhere: "31 personas, entre ellas dos
# menores", "including 12 women", "Entre las personas rescatadas se encontraban dos menores"
_INCLUDING = {"including", "incluidos", "incluidas", "incluyendo", "incluindo", "inclusive"}
_AMONG_THEM = {"entre", "among", "amongst"}
_THEM = {"ellas", "ellos", "elas", "eles", "them", "those", "las", "los", "as", "os"}
_ARTICLES = {"the", "las", "los", "as", "os"}  # "entre as 15 mulheres", not "entre ellas 15"
_OF_THEM = {("de", "ellos"), ("de", "ellas"), ("of", "them"), ("of", "those")}
_LOWER_BOUND = {"over", "than", "least", "mas", "menos", "mais", "pelo", "upwards"}
_BRIDGE = {"a", "at", "least", "al", "menos", "pelo", "ao", "other", "otros", "outros", "as", "os",
           "mais", "de", "more", "than", "over", "some", "about", "cerca", "unas", "unos", "las",
           "los", "the", "another", "otras", "outras", "un", "una", "um", "uma", "nearly"}
_NOBODY = {"nobody", "nadie", "ninguna", "ninguno", "ninguem", "nenhuma", "nenhum"}
# nouns of a total that a breakdown may follow: "Dezoito pessoas, 13 homens e cinco mulheres"
# (tokens are accent-folded)
_GENERIC = {"people", "persons", "victims", "individuals", "personas", "victimas", "individuos",
            "pessoas", "vitimas"}
# words between a counted noun and its participle: "16 mujeres fueron detenidas"
_AUXILIARIES = {"were", "was", "are", "is", "have", "has", "been", "had", "being", "got",
                "fueron", "fue", "han", "ha", "sido", "son", "estaban", "quedaron", "resultaron",
                "foram", "foi", "sao", "estavam", "ficaram", "tinham", "acabaram",
                "de", "anos", "years", "old", "aged"}  # "Una mujer de 45 años fue detenida"
# words between counted people and a victim noun that say what they are: "27 persons suspected
# to be victims", "15 people who were potential victims" (accent-folded)
_DESCRIBED = _AUXILIARIES | {"suspected", "believed", "thought", "presumed", "to", "be", "who",
                             "potential", "possible", "likely", "presuntas", "posibles", "como",
                             "possiveis", "que"}


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    role: str  # victim | arrest
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class VictimFacts:
    victims_count: int | None
    minors: bool | None
    victim_gender: list[str]
    arrested_count: int | None
    counts: list[Count] = field(default_factory=list)  # every count found, as evidence
    method: str = METHOD


@functools.lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_yaml("victims.yaml")


# The index channels of `phrases` that `extract_doc` reads.
CHANNELS = ("num", "vnoun", "vverb", "minor", "gender", "arrest1", "victim1", "vback")


def phrases(lang: str) -> Iterator[tuple[str, str, object, float]]:
    """(phrase, channel, value, confidence) entries this stage adds to a language's index."""
    v = _vocab()
    lang = lang if lang in v["numbers"] else "en"
    for word, value in require(v, "numbers", "victims.yaml")[lang].items():
        yield str(word), "num", int(value), 1.0
    for kind, forms in v["nouns"][lang].items():
        for form in expand_all(forms):
            yield form, "vnoun", kind, 1.0
    for role, forms in v["verbs"][lang].items():
        for form in expand_all(forms):
            yield form, "vverb", role, 1.0
    for form in expand_all(v.get("single_arrest", {}).get(lang, [])):
        yield form, "arrest1", 1, 1.0
    for form in expand_all(v.get("background", {}).get(lang, [])):
        yield form, "vback", 1, 1.0
    for form in expand_all(v.get("single_victim", {}).get(lang, [])):
        yield form, "victim1", 1, 1.0
    for form in expand_all(v.get("plural_victims", {}).get(lang, [])):
        yield form, "victim1", 0, 1.0
    for form in expand_all(v["minor_cues"][lang]):
        yield form, "minor", True, 1.0
    for form in expand_all(v["adult_cues"][lang]):
        yield form, "minor", False, 1.0
    for gender, by_lang in v["gender_cues"].items():
        for form in expand_all(by_lang[lang]):
            yield form, "gender", gender, 1.0
    for form, gender in _demonym_forms():  # "cinco brasileiras", "23 Cambodians": people
        if form.endswith("s") and not form.endswith("ss"):
            if lang != "en" or gender is None:
                yield form, "vnoun", "person", 1.0
            if gender == "female" and lang != "en":
                yield form, "gender", "female", 1.0


@functools.lru_cache(maxsize=1)
def _demonym_forms() -> tuple[tuple[str, str | None], ...]:
    """Nationality words of `geo.yaml` with their grammatical gender (None: either)."""
    out: list[tuple[str, str | None]] = []
    for forms in load_yaml("geo.yaml")["demonyms"].values():
        for gender in ("female", "male", "any"):
            for form in expand_all(forms.get(gender) or []):
                out.append((normalise(form), None if gender == "any" else gender))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _demonym_set() -> frozenset[str]:
    return frozenset(form for form, _ in _demonym_forms())


@functools.lru_cache(maxsize=8)
def _fillers(lang: str) -> frozenset[str]:
    """Words allowed between a number and its noun (checked by set lookup, not indexed)."""
    v = _vocab()["fillers"]
    nationalities = {form for form, _ in _demonym_forms()}  # "12 Nepali girls"
    countries = {normalise(n) for n in country_names().values()  # "17 Myanmar women"
                 if n.isalpha()}
    return frozenset(normalise(str(w)) for w in v.get(lang, v["en"])) | nationalities | countries


@functools.lru_cache(maxsize=8)
def _post_modifiers(lang: str) -> frozenset[str]:
    """Words that may follow a counted noun before "and" joins the next count ("tres mujeres
    adultas y siete adolescentes"): adjectives of `victims.yaml` and nationality words."""
    v = _vocab().get("after_noun") or {}
    return frozenset(normalise(str(w)) for w in v.get(lang, v.get("en", []))) | {
        form for form, _ in _demonym_forms()}


@functools.lru_cache(maxsize=8)
def _perpetrator_verbs(lang: str) -> frozenset[str]:
    """Active exploiting verbs: "N people who exploited ..." counts the exploiters."""
    v = _vocab().get("perpetrator_verbs") or {}
    return frozenset(normalise(f) for f in expand_all(v.get(lang, v.get("en", []))))


@functools.lru_cache(maxsize=1)
def _relatives() -> frozenset[str]:
    return frozenset(normalise(str(w)) for w in _vocab().get("relative") or ())


@functools.lru_cache(maxsize=1)
def _suspect_heads() -> frozenset[str]:
    return frozenset(normalise(str(w)) for w in _vocab().get("suspect_heads") or ())


@functools.lru_cache(maxsize=8)
def _index(lang: str) -> PhraseIndex:
    index = PhraseIndex()
    for phrase, channel, value, conf in phrases(lang):
        index.add(phrase, channel, value, conf)
    return index


def _in_group(doc: TextDoc, i: int) -> bool:
    """The count at token i is a subgroup: "including" just before it, "among them" a few
    tokens before it, or "entre"/"among" opening its sentence; but not "entre as 15 mulheres",
    where the count right after "entre" is the whole group."""
    toks = doc.tokens
    first = doc.token_at(doc.sentence_span(doc.starts[i])[0])  # the sentence's first token
    before = range(max(first, i - 5), i)
    if any(toks[k] in _INCLUDING for k in before[-2:]):
        return True
    if any(toks[k] in _AMONG_THEM and toks[k + 1] in _THEM and k + 2 < i for k in before):
        return True
    return toks[first] in _AMONG_THEM and i - first > 3


def _of_them(doc: TextDoc, j: int) -> bool:
    """The count ending before token j is part of a group named before: "cuatro de ellos"."""
    return tuple(doc.tokens[j:j + 2]) in _OF_THEM or doc.tokens[j:j + 1] in (["deles"],
                                                                             ["delas"])


_PARTITIVE = {("de", "las"), ("de", "los"), ("of", "the")}


def _one_of_the(doc: TextDoc, j: int, lang: str) -> bool:
    """The count ending before token j is taken from a group named after it: "una de las
    víctimas", "one of the victims", "uma das vítimas" ("dos" is "two" in Spanish)."""
    return tuple(doc.tokens[j:j + 2]) in _PARTITIVE or (
        lang == "pt" and doc.tokens[j:j + 1] in (["das"], ["dos"]))


def _bare_count_role(doc: TextDoc, i: int, j: int, verbs: list[Hit]) -> str | None:
    """Role of a number with no noun (tokens i..j): arrests after an arrest verb ("detuvo a
    cinco"), victims when it opens a clause before a victim verb ("Pelo menos 15 foram
    resgatadas"; not "aged 19 to 24, were rescued")."""
    if any(v.value == "arrest" and i - 3 <= v.j <= i and set(doc.tokens[v.j:i]) <= _BRIDGE
           for v in verbs):
        return "arrest"
    opens = i == 0 or doc.tokens[i - 1] in _LOWER_BOUND or (
        doc.sentence_of(doc.starts[i - 1]) != doc.sentence_of(doc.starts[i]))
    if opens and any(v.value == "victim" and j < v.i <= j + 2
                     and set(doc.tokens[j:v.i]) <= _AUXILIARIES for v in verbs):
        return "victim"
    return None


def _numbers(doc: TextDoc, num_hits: list[Hit]) -> list[tuple[int, int, int]]:
    """(first token, end token, value) of every number, digits and words, combined."""
    words: dict[int, tuple[int, int]] = {}
    for h in sorted(num_hits, key=lambda h: (h.i, -(h.j - h.i))):
        words.setdefault(h.i, (h.j, h.value))
    toks, text = doc.tokens, doc.text
    out: list[tuple[int, int, int]] = []
    n = len(toks)
    # only tokens that start a number are visited: digits (found by regex) and number words
    starts = sorted({doc.token_at(m.start()) for m in _DIGITS.finditer(doc.norm)} | set(words))
    consumed = 0  # tokens before this index already belong to a number
    for i in starts:
        if i < consumed or i >= n:
            continue
        tok = toks[i]
        if tok.isdigit() and len(tok) <= 6:
            value, j = int(tok), i + 1
            while (j < n and len(toks[j]) == 3 and toks[j].isdigit()
                   and text[doc.ends[j - 1]:doc.starts[j]] in (".", ",")):
                value, j = value * 1000 + int(toks[j]), j + 1
            if not (len(tok) == 4 and _YEAR.fullmatch(tok)) \
                    and not (j < n and toks[j] in _DURATIONS):  # "a 61-year-old man"
                out.append((i, j, value))
            consumed = j
            continue
        if i in words:
            j, value = words[i]
            while j < n:  # tens + units, "two hundred", "vinte e cinco"
                k = j + 1 if toks[j] in _CONJ and j + 1 < n else j
                nxt = words.get(k)
                if nxt is None:
                    break
                if nxt[1] == 100 and value < 10:
                    value, j = value * 100, nxt[0]
                elif nxt[1] == 1000 and value < 1000:  # "dos mil", "três mil"
                    value, j = value * 1000, nxt[0]
                elif (value >= 20 and value % 10 == 0 and nxt[1] < 10) or (
                        value >= 100 and nxt[1] < 100) or (
                        value >= 1000 and value % 1000 == 0 and nxt[1] < 1000):
                    value, j = value + nxt[1], nxt[0]
                else:
                    break
            if (j < n and toks[j] == str(value)
                    and text[doc.ends[j - 1]:doc.starts[j]].strip() == "("
                    and text[doc.ends[j]:doc.ends[j] + 1] == ")"):
                j += 1  # "ten (10) survivors", "three (3) suspects"
            out.append((i, j, value))
            consumed = j
    return out


LEAD_CHARS = 300  # the headline and first sentence


def _headline(counts: list[tuple[float, Count]], prefer_lead: bool,
              rounded: frozenset[int] = frozenset(),
              partial: frozenset[int] = frozenset()) -> int | None:
    """The first well-formed count of the lead (headline, first sentence) if asked, unless it is
    a lower bound (`rounded` starts) that a later, larger count makes exact, or only part of a
    group (`partial` starts: "his wife and two children"); else the best-supported count, the
    earliest among equals."""
    if not counts:
        return None
    lead = [c for w, c in counts if c.start < LEAD_CHARS and w >= 0
            and c.start not in partial] if prefer_lead else []
    singles_lose = lead and lead[0].value == 1 and any(
        w >= 2 for w, c in counts if c is not lead[0])  # "una mujer" ... "siete víctimas"
    if lead and not singles_lose:
        first = lead[0]
        if first.start in rounded:  # "over 80 women" in the lead, "84 victims" below
            exact = [c.value for _, c in counts
                     if c.start > first.start and first.value < c.value <= 1.5 * first.value]
            if exact:
                return exact[0]
        return first.value
    whole = [(w, c) for w, c in counts if c.start not in partial] or counts
    best = max(w for w, _ in whole)
    return next(c.value for w, c in whole if w == best)


def _add_more(counts: list[tuple[float, Count]], doc: TextDoc, parts: set[int]
              ) -> tuple[list[tuple[float, Count]], set[int]]:
    """A count said as more of the same, in the next sentence at most and with a victim verb or
    noun of its own ("an 11-year-old child ... found 15 more children"), adds to the victim
    count before it (the counts, and the starts of those added: only parts now). Further away,
    "20 other girls" are other cases; "la desaparición de otros seis menores" is no rescue."""
    out: list[tuple[float, Count]] = []
    added: set[int] = set()
    for w, c in sorted(counts, key=lambda wc: wc[1].start):
        k = doc.token_at(c.start)
        more = {doc.tokens[k - 1] if k else "", *doc.tokens[k + 1:k + 2]} & _MORE
        if more and out and c.start not in parts and w >= 1 \
                and doc.sentence_of(c.start) - doc.sentence_of(out[-1][1].start) <= 1:
            pw, prev = out[-1]
            out[-1] = (pw, replace(prev, value=prev.value + c.value))
            added.add(c.start)
        out.append((w, c))
    return out, added


def extract_doc(doc: TextDoc, hits: list[Hit], lang: str) -> VictimFacts:
    """Victim and arrest facts of one text, given its index hits."""
    window = int(_vocab().get("window", 6))
    by: dict[str, list[Hit]] = {}
    for h in hits:
        by.setdefault(h.channel, []).append(h)
    nouns: dict[int, Hit] = {}
    for h in sorted(by.get("vnoun", []), key=lambda h: (h.i, -(h.j - h.i))):
        nouns.setdefault(h.i, h)
    fillers = _fillers(lang)
    post = _post_modifiers(lang)
    verbs = by.get("vverb", [])
    perpetrator_verbs, relatives = _perpetrator_verbs(lang), _relatives()
    suspects = _suspect_heads()
    demonyms = _demonym_set()

    def exploiters(j: int) -> bool:
        """The counted people are the subject of an active exploiting verb ("que exploravam")."""
        toks = doc.tokens
        return j + 1 < len(toks) and toks[j] in relatives and toks[j + 1] in perpetrator_verbs

    far = int(_vocab().get("sentence_window", 25))

    def nearest_verb(i: int, j: int, limit: float) -> str | None:
        """Role of the closest verb in the sentence; a verb after the noun wins ties, and one
        counts as farther when a conjunction or comma separates it from the count."""
        sentence = doc.sentence_of(doc.starts[i])
        best, role = limit + 1.0, None
        for v in verbs:
            if v.j <= i:
                between, toks = doc.text[v.end:doc.starts[i]], doc.tokens[v.j:i]
                gap = i - v.j + 0.5
            else:
                between, toks = doc.text[doc.ends[j - 1]:v.start], doc.tokens[j:v.i]
                gap = v.i - j
            if "," in between or any(t in _CONJ for t in toks):
                gap += 1
            if 0 <= gap < best and doc.sentence_of(v.start) == sentence:
                best, role = gap, v.value
        return role

    def noun_after(j: int) -> Hit | None:
        k, stop = j, min(j + NOUN_GAP, len(doc.tokens))
        while k < stop:
            if doc.text[doc.ends[k - 1]:doc.starts[k]].strip(" -'\"\n)"):
                return None  # "15: A child" is not a count of children
            if k in nouns:
                return nouns[k]
            if doc.tokens[k].isdigit() and tuple(doc.tokens[k + 1:k + 3]) == ("year", "old"):
                k, stop = k + 3, min(stop + 3, len(doc.tokens))  # "a 17-year-old girl"
                continue
            if doc.tokens[k] not in fillers and not (  # "23 Thai and Laotian women"
                    doc.tokens[k] in _CONJ and doc.tokens[k - 1] in demonyms
                    and k + 1 < len(doc.tokens) and doc.tokens[k + 1] in demonyms):
                return None
            k += 1
        return None

    counts: list[tuple[float, Count]] = []
    subgroups: set[int] = set()
    numbers = _numbers(doc, by.get("num", []))
    starts = {i: (j, v) for i, j, v in numbers}
    used: set[int] = set()
    for i, j, value in numbers:
        if i in used or value <= 0:
            continue
        noun = noun_after(j)
        if noun is None:
            bare = _bare_count_role(doc, i, j, verbs) if value > 1 else None
            if bare and not _of_them(doc, j):  # "once detenidos, cuatro de ellos en Segovia"
                counts.append((0.5, Count(value, bare, doc.starts[i], doc.ends[j - 1],
                                          doc.text[doc.starts[i]:doc.ends[j - 1]])))
            continue
        kind = noun.value
        near = nearest_verb(i, noun.j, window)
        verb = near or nearest_verb(i, noun.j, far)
        governing = [v.value for v in verbs  # "rescued twelve women", "capturó a dos mujeres"
                     if v.j <= i and set(doc.tokens[v.j:i]) <= _BRIDGE
                     and not _PUNCT.search(doc.text[v.end:doc.starts[i]])]
        if kind == "arrest":
            role = "arrest"
        elif kind == "person" and any(  # "27 persons suspected to be victims"
                n.value == "victim_word" and set(doc.tokens[noun.j:k]) <= _DESCRIBED
                and not _PUNCT.search(doc.text[doc.ends[noun.j - 1]:n.start])
                for k, n in nouns.items() if noun.j < k <= noun.j + 5):
            role = "victim"
        elif kind == "person":
            role = governing[-1] if governing else ("arrest" if exploiters(noun.j) else verb)
        elif kind == "member" and _FAMILY.isdisjoint(doc.tokens[noun.j:noun.j + 3]):
            role = "arrest" if (governing[-1:] or [verb]) == ["arrest"] else None  # a gang's
        elif kind == "member":  # "Seven members of a family were freed"
            role = governing[-1] if governing else verb
        elif kind == "victim_word":
            role = "victim"
        elif governing:
            role = governing[-1]
        elif (after := nouns.get(noun.j)) is not None and after.value == "arrest":
            role = "arrest"  # "una mujer acusada de explotar", "two men charged"
        elif any(v.value == "arrest" and noun.j <= v.i  # "Cinco mujeres fueron detenidas"
                 and all(t in _AUXILIARIES or t.isdigit() for t in doc.tokens[noun.j:v.i])
                 and "," not in doc.text[doc.ends[noun.j - 1]:v.start] for v in verbs):
            role = "arrest"
        else:
            role = "victim"
        if role is None or role == "victim" and i > 0 and doc.tokens[i - 1] in suspects \
                and doc.text[doc.ends[i - 1]:doc.starts[i]].strip() == ",":
            continue  # "the mastermind, a 50-year-old man": the suspect described
        weight = 2.0 * (kind == "victim_word") + 1.0 * (verb == role) \
            - 2.0 * (value == 1 and not doc.tokens[i].isdigit()  # "una mujer" is weak ...
                     and near != role)  # ... unless "una adolescente fue rescatada"
        end, total = noun.j, value
        parts = 0  # what the counts after the first add up to
        while end < len(doc.tokens):  # "six women and two children", "dos mujeres y un hombre"
            skip = end
            while skip < min(end + 2, len(doc.tokens)) and doc.tokens[skip] in post:
                skip += 1  # "tres mujeres adultas y siete adolescentes"
            if skip >= len(doc.tokens):
                break
            comma = doc.tokens[skip] not in _CONJ
            if not comma:
                k = skip + 1
            elif doc.text[doc.ends[skip - 1]:doc.starts[skip]].strip() == ",":
                k = skip  # "seven women, seven men and four children"
            else:
                break
            if k < len(doc.tokens) and (doc.tokens[k] in _POSSESSIVE or (
                    doc.tokens[k] == "a" and k not in starts)):
                k += 1  # "six labourers and their four children", "14 colombianas y a una"
            if k not in starts:
                break
            nj, nv = starts[k]
            more = noun_after(nj)
            if more is None or (comma and doc.tokens[more.i] in demonyms):
                break  # "tres hombres, dos peruanos y un venezolano" breaks the three down
            if role == "victim" and (more.value == "arrest" or (
                    more.value == "person" and nearest_verb(k, more.j, window) == "arrest")):
                break
            if role == "arrest" and more.value in ("victim_word", "victim"):
                break
            used.add(k)
            total, end, parts = total + nv, more.j, parts + nv
        if parts == value and doc.tokens[noun.j - 1] in _GENERIC and noun.j < len(doc.tokens) \
                and doc.text[doc.ends[noun.j - 1]:doc.starts[noun.j]].strip() == ",":
            total = value  # "Dezoito pessoas, 13 homens e cinco mulheres": a total, then its parts
        if any(doc.tokens[k] in _AMONG and k + 1 in starts
               or doc.tokens[k] in _AMONG_THEM and k + 2 in starts
               and doc.tokens[k + 1] in _ARTICLES and noun_after(starts[k + 2][0]) is not None
               for k in range(end, min(end + 5, len(doc.tokens) - 1))):
            subgroups.add(doc.starts[i])  # "Eight citizens of China were among nine people",
            # "Seis catarinenses estariam entre as 15 mulheres" (not "entre los 30 y 40 años")
        if _of_them(doc, end) or _one_of_the(doc, j, lang):
            subgroups.add(doc.starts[i])  # "doce detenidas, cuatro mujeres de ellas", "una de
            # las víctimas", "10 dos menores"
        counts.append((weight, Count(total, role, doc.starts[i], doc.ends[end - 1],
                                     doc.text[doc.starts[i]:doc.ends[end - 1]])))
    rounded = frozenset(doc.starts[i] for i, _, _ in numbers
                        if set(doc.tokens[max(0, i - 2):i]) & _LOWER_BOUND)
    victim_counts, added = _add_more([(w, c) for w, c in counts if c.role == "victim"], doc,
                                     subgroups)
    first_tokens = (doc.token_at(c.start) for _, c in victim_counts)
    background = {doc.sentence_of(h.start) for h in by.get("vback", [])}  # "last year, 600"
    partial = frozenset(doc.starts[i] for i in first_tokens  # "Mr. K and 13 other labourers"
                        if (i > 0 and doc.tokens[i - 1] in _JOINERS) or _in_group(doc, i)
                        or doc.sentence_of(doc.starts[i]) in background) | subgroups | added
    victims = _headline(victim_counts, prefer_lead=True,
                        rounded=rounded, partial=partial)
    if victims is None and by.get("victim1") and all(h.value for h in by["victim1"]):
        victims = 1  # "the victim" throughout, never "victims"
    arrested = _headline([(w, c) for w, c in counts if c.role == "arrest"], prefer_lead=False,
                         partial=subgroups)
    if arrested is None and by.get("arrest1"):  # "the owner was arrested": 1; but "nenhuma
        # pessoa foi presa", "no one was arrested": 0
        arrested = 0 if all(_NOBODY & set(doc.tokens[max(0, h.i - 2):h.i])
                            or doc.tokens[max(0, h.i - 2):h.i] == ["no", "one"]
                            for h in by["arrest1"]) else 1

    minor_flags = [h.value for h in by.get("minor", [])]
    minors = True if True in minor_flags else (False if minor_flags else None)

    victim_sentences = {doc.sentence_of(v.start) for v in verbs if v.value == "victim"}
    arrest_verbs = [v for v in verbs if v.value == "arrest"]
    genders: set[str] = set()
    for h in by.get("gender", []):
        if doc.sentence_of(h.start) not in victim_sentences:
            continue
        if any(abs(h.i - v.i) <= 3 for v in arrest_verbs):
            continue
        genders.add(h.value)
    return VictimFacts(victims, minors, sorted(genders), arrested, [c for _, c in counts])


def extract(texts: list[str], langs: list[str]) -> list[VictimFacts]:
    """Batch entry: victim and arrest facts of each text."""
    out = []
    for text, lang in zip(texts, langs, strict=True):
        doc = TextDoc.build(text)
        out.append(extract_doc(doc, _index(lang).find(doc), lang))
    return out
