"""Run many small lexicon patterns over short texts fast: only the ones that can match.

A Python regex alternation of hundreds of forms tries every form at every position,
which costs more per ad than everything else together. Instead each form is compiled
alone and given an anchor, a word (or failing that, a substring) that every match must
contain, found by reading the parsed pattern; a form runs only when the text's word set
holds its anchor. Word boundaries around a form are checked on the match, so a form
starting with a literal keeps re's fast literal search.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants as C  # noqa: N812 - the sre opcode names, as re itself uses them
from re import _parser as sre_parse

WORD_RE = re.compile(r"[a-z0-9]+")


def words_of(folded: str) -> frozenset[str]:
    """The set of alphanumeric tokens of a folded text (what anchors are looked up in)."""
    return frozenset(WORD_RE.findall(folded))


def _literal_runs(form: str) -> list[tuple[str, bool, bool]]:
    """Runs of required literal characters: (text, starts the form, ends the form)."""
    items = list(sre_parse.parse(form))
    runs: list[tuple[str, bool, bool]] = []
    cur: list[str] = []
    start = 0
    for i, (op, av) in enumerate(items):
        if op is C.LITERAL:
            if not cur:
                start = i
            cur.append(chr(av))
            continue
        if cur:
            runs.append(("".join(cur), start == 0, False))
            cur = []
    if cur:
        runs.append(("".join(cur), start == 0, True))
    return runs


def anchor(form: str) -> tuple[str, str] | None:
    """("word", w) if every match holds w as a whole word, ("sub", s) for a substring,
    None when the form has no required literal (it then always runs)."""
    whole: list[str] = []
    subs: list[str] = []
    for text, at_start, at_end in _literal_runs(form):
        pieces = re.split(r"([^a-z0-9]+)", text)
        for k, piece in enumerate(pieces):
            if not piece or not piece[0].isalnum():
                continue
            left = k > 0 or at_start
            right = k < len(pieces) - 1 or at_end
            (whole if left and right else subs).append(piece)
        if len(text.strip()) >= 2:
            subs.append(text)
    if whole:
        return "word", max(whole, key=len)
    subs = [s for s in subs if len(s.strip()) >= 2]
    return ("sub", max(subs, key=len)) if subs else None


class Forms:
    """Named regex forms matched at word boundaries, each gated by its anchor."""

    def __init__(self, named: Iterable[tuple[str, str]]):
        self.by_word: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self.by_sub: list[tuple[str, str, re.Pattern[str]]] = []
        self.always: list[tuple[str, re.Pattern[str]]] = []
        for name, form in named:
            pattern = re.compile(f"(?:{form})(?![a-z0-9_])")
            kind = anchor(form)
            if kind is None:
                self.always.append((name, pattern))
            elif kind[0] == "word":
                self.by_word.setdefault(kind[1], []).append((name, pattern))
            else:
                self.by_sub.append((kind[1], name, pattern))
        self.anchor_words = frozenset(self.by_word)

    def finditer(self, folded: str, words: frozenset[str]) -> Iterator[tuple[str, re.Match[str]]]:
        """(name, match) for every match of every form that can match, unordered."""
        for word in self.anchor_words & words:
            for name, pattern in self.by_word[word]:
                yield from _bounded(name, pattern, folded)
        for sub, name, pattern in self.by_sub:
            if sub in folded:
                yield from _bounded(name, pattern, folded)
        for name, pattern in self.always:
            yield from _bounded(name, pattern, folded)


def _bounded(name: str, pattern: re.Pattern[str], text: str) -> Iterator[tuple[str, re.Match[str]]]:
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        start = m.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            yield name, m
            pos = max(m.end(), start + 1)
        else:
            pos = start + 1
