"""One tokenisation and one dictionary-driven phrase pass per text, shared by every stage.

Texts are lower-cased and stripped of accents with a length-preserving table, so character
offsets in the normalised text are offsets in the original. Phrases are matched token by token
through a dict keyed on the first token (an Aho-Corasick-style trie flattened to one level),
which costs one dict lookup per token whatever the size of the vocabulary.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(¿¡]*[A-ZÁÉÍÓÚÑÇÂÊÔÃÕ0-9])|\n\s*\n|\n")


def _accent_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[0]
        if base != ch and len(base) == 1 and base.isascii():
            table[code] = base.lower()
    for src, dst in {"º": "o", "ª": "a", "’": "'", "‘": "'", "“": '"', "”": '"'}.items():
        table[ord(src)] = dst
    return table


_ACCENTS = _accent_table()


def normalise(text: str) -> str:
    """Lower-case and strip accents without changing the length (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # e.g. 'İ' lower-cases to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_ACCENTS)


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token tuple a phrase is indexed under."""
    return tuple(TOKEN.findall(normalise(phrase)))


@dataclass(frozen=True, slots=True)
class Hit:
    """A vocabulary phrase found in a text: token and character span, and what it means."""

    i: int  # first token index
    j: int  # one past the last token index
    start: int
    end: int
    channel: str  # which stage the phrase belongs to, e.g. "tag", "cue", "geo"
    value: Any  # the stage's payload (tag id, cue group, gazetteer entry...)
    confidence: float = 1.0


class PhraseIndex:
    """Phrases (by token tuple) -> payloads; `find` returns every occurrence in one pass."""

    def __init__(self) -> None:
        self._by_first: dict[str, dict[tuple[str, ...], list[tuple[str, Any, float]]]] = {}
        self._lengths: dict[str, list[int]] = {}

    def add(self, phrase: str, channel: str, value: Any, confidence: float = 1.0) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        bucket = self._by_first.setdefault(key[0], {})
        bucket.setdefault(key, []).append((channel, value, confidence))
        lengths = self._lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def __len__(self) -> int:
        return sum(len(b) for b in self._by_first.values())

    def find(self, doc: TextDoc) -> list[Hit]:
        toks, starts, ends = doc.tokens, doc.starts, doc.ends
        by_first, lengths = self._by_first, self._lengths
        n = len(toks)
        hits: list[Hit] = []
        for i, tok in enumerate(toks):
            bucket = by_first.get(tok)
            if bucket is None:
                continue
            for length in lengths[tok]:
                j = i + length
                if j > n:
                    continue
                payloads = bucket.get(tuple(toks[i:j])) if length > 1 else bucket.get((tok,))
                if payloads:
                    for channel, value, conf in payloads:
                        hits.append(Hit(i, j, starts[i], ends[j - 1], channel, value, conf))
        return hits


@dataclass
class TextDoc:
    """A text with its normalised form, tokens and sentence boundaries, built once."""

    text: str
    norm: str = ""
    tokens: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, text: str) -> TextDoc:
        norm = normalise(text)
        toks: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in TOKEN.finditer(norm):
            toks.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
        sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        return cls(text, norm, toks, starts, ends, sentences)

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding a character offset."""
        return bisect.bisect_right(self.sentence_starts, char) - 1

    def sentence_span(self, char: int) -> tuple[int, int]:
        k = self.sentence_of(char)
        end = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[k], end

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after a character offset."""
        return bisect.bisect_left(self.starts, char)

    def is_capitalised(self, i: int) -> bool:
        return self.text[self.starts[i]].isupper()
