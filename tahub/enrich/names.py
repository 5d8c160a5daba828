"""People's names: first names from the list shipped in the gender-guesser package (about
45,000 names from many countries), and the checks that tell a place's name used inside a
person's ("la fiscal Esperanza Montenegro", "según Pereira") from the place; used by the
place reader and to find names to redact."""

from __future__ import annotations

import functools
from importlib import resources

from tahub.enrich.gazetteer import geo_phrases, geo_vocab, geo_words
from tahub.enrich.textindex import Hit, TextDoc, normalise
from tahub.enrich.vocab import load_yaml


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Normalised (lower-case, accent-free) first names; `+` in compound names is a space.
    Function words that happen to be names somewhere ("the", "del", "san") are left out."""
    function_words = {str(w) for words in load_yaml("language.yaml")["languages"].values()
                      for w in words} | {"san", "santa", "santo", "sao", "el", "la", "de",
                                         "en", "em", "in", "no", "con", "com", "para", "que",
                                         "a", "o"}  # words the languages share ("En Alicante")
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    names: set[str] = set()
    with data.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip().replace("+", " ")
            if name:
                names.add(normalise(name))
    return frozenset(names - function_words)


PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del"})


@functools.lru_cache(maxsize=1)
def place_kinds() -> frozenset[str]:
    """Words for kinds of place ("Estado", "Ciudad"): "Estado de São Paulo" is a place."""
    return frozenset(normalise(w) for w in geo_vocab().get("place_kind_words", []))


NAME_PARTS = 3  # capitalised words a surname may follow its first name by ("Juan Manuel Mundaca")


def in_person_name(doc: TextDoc, h: Hit, names: frozenset[str] | set[str],
                   place_starts: frozenset[int] = frozenset()) -> bool:
    """A country's name inside a person's: a first name before a capitalised word ("the
    prosecutor Kenya Porcell", "Jordan Henderson"), or a surname after a capitalised first
    name and up to two more names that are not places ("la fiscal Esperanza Montenegro", "el
    general Juan Manuel Mundaca Montenegro")."""
    text, toks = doc.text, doc.tokens
    first = h.j - h.i == 1 and toks[h.i] in names and h.j < len(toks) \
        and text[doc.starts[h.j]].isupper() and text[h.end:doc.starts[h.j]] == " " \
        and toks[h.j] not in place_kinds()
    return first or after_first_name(doc, h, names, place_starts)


def after_first_name(doc: TextDoc, h: Hit, names: frozenset[str] | set[str],
                     place_starts: frozenset[int] = frozenset()) -> bool:
    """A place name that ends a person's name: a capitalised first name, then up to two more
    names that are not places or a particle ("Juan Manuel Mundaca Montenegro", "la jueza
    Silvia de León"). A capitalised word before the first name makes it part of a place's own
    name ("Puerto Francisco de Orellana")."""
    text, toks = doc.text, doc.tokens
    end, parts = h.start, 0
    for k in range(h.i - 1, -1, -1):
        if text[doc.ends[k]:end] != " ":
            return False
        if toks[k] in PARTICLES and text[doc.starts[k]].islower() and k == h.i - 1:
            end = doc.starts[k]
            continue
        if not text[doc.starts[k]].isupper() or toks[k] in place_kinds():
            return False  # "Zona Norte de Manaus" is a district's name, not a person's
        if toks[k] in names:
            return not (k > 0 and text[doc.ends[k - 1]:doc.starts[k]] == " "
                        and text[doc.starts[k - 1]].isupper()
                        and toks[k - 1] not in names
                        and toks[k - 1] not in geo_words("person_titles"))  # "Inspector Frank"
        parts += 1
        if k in place_starts or parts >= NAME_PARTS:
            return False
        end = doc.starts[k]
    return False


def reported_speaker(doc: TextDoc, h: Hit) -> bool:
    """A town's name used as a person's surname in reported speech: "Pereira explicó",
    "según Pereira.", "according to Pereira,"."""
    toks, text = doc.tokens, doc.text
    if h.j < len(toks) and text[doc.ends[h.j - 1]:doc.starts[h.j]] == " " \
            and toks[h.j] in geo_words("speech_after"):
        return True
    after = text[h.end:h.end + 1]
    return after in (",", ".", ";") and any(
        h.i >= len(p) and tuple(toks[h.i - len(p):h.i]) == p for p in geo_phrases("speech_before"))


def surname_of(doc: TextDoc, h: Hit) -> bool:
    """A place name followed by a particle and a capitalised word is a person's first name
    ("Adelaide da Silva"), unless that word is a kind of place ("Bogotá de Distrito")."""
    toks, text, j = doc.tokens, doc.text, h.j
    return j + 1 < len(toks) and toks[j] in PARTICLES and text[doc.starts[j + 1]].isupper() \
        and text[doc.ends[j - 1]:doc.starts[j]] == " " and toks[j + 1] not in place_kinds()
