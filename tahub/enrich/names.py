"""First names, from the list shipped in the gender-guesser package (about 45,000 names from
many countries), used to tell people from places and to find names to redact."""

from __future__ import annotations

import functools
from importlib import resources

from tahub.enrich.textindex import normalise
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
