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
from itertools import accumulate, compress
from operator import add
from typing import Any, NamedTuple

TOKEN = re.compile(r"\w+")
_SPLIT = re.compile(r"(\W+)")
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
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _strip(match: re.Match) -> str:
    return _ACCENTS.get(ord(match.group()), match.group())


def normalise(text: str) -> str:
    """Lower-case and strip accents without changing the length (offsets stay valid)."""
    low = text.lower()
    if low.isascii():
        return low
    if len(low) != len(text):  # e.g. 'İ' lower-cases to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _NON_ASCII.sub(_strip, low)  # only the few non-ASCII characters pay a lookup


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token tuple a phrase is indexed under."""
    return tuple(TOKEN.findall(normalise(phrase)))


class Hit(NamedTuple):
    """A vocabulary phrase found in a text: token and character span, and what it means."""

    i: int  # first token index
    j: int  # one past the last token index
    start: int
    end: int
    channel: str  # which stage the phrase belongs to, e.g. "tag", "cue", "geo"
    value: Any  # the stage's payload (tag id, cue group, gazetteer entry...)
    confidence: float = 1.0


class PhraseIndex:
    """Phrases as a token trie: each node is `(payloads, children)`.

    `find` walks the trie from every token that starts a phrase, so a text costs about one
    dict lookup per token whatever the size of the vocabulary.
    """

    def __init__(self) -> None:
        self._root: dict[str, tuple[list, dict]] = {}
        self._size = 0

    def add(self, phrase: str, channel: str, value: Any, confidence: float = 1.0) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        children = self._root
        node: tuple[list, dict] | None = None
        for tok in key:
            node = children.get(tok)
            if node is None:
                node = children[tok] = ([], {})
            children = node[1]
        assert node is not None
        if not node[0]:
            self._size += 1
        node[0].append((channel, value, confidence))

    def __len__(self) -> int:
        return self._size

    def find(self, doc: TextDoc) -> list[Hit]:
        toks, starts, ends = doc.tokens, doc.starts, doc.ends
        root = self._root
        n = len(toks)
        hits: list[Hit] = []
        append = hits.append
        for i in compress(range(n), map(root.__contains__, toks)):  # C-speed prefilter
            payloads, children = root[toks[i]]
            j = i + 1
            while True:
                if payloads:
                    start, end = starts[i], ends[j - 1]
                    for channel, value, conf in payloads:
                        append(Hit(i, j, start, end, channel, value, conf))
                if j >= n or not children:
                    break
                node = children.get(toks[j])
                if node is None:
                    break
                payloads, children = node
                j += 1
        return hits


@dataclass
class TextDoc:
    """A text with its normalised form, tokens and sentence boundaries, built once."""

    text: str
    norm: str = ""
    tokens: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    _sentences: list[int] | None = field(default=None, repr=False)

    @property
    def sentence_starts(self) -> list[int]:
        """Character offsets where sentences start, found on first use (texts judged not
        relevant never need them)."""
        if self._sentences is None:
            self._sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentences

    @classmethod
    def build(cls, text: str) -> TextDoc:
        norm = normalise(text)
        parts = _SPLIT.split(norm)  # token, separator, token, ...: offsets by running sums
        offsets = list(accumulate(map(len, parts), initial=0))
        toks = parts[0::2]
        starts = offsets[0::2][: len(toks)]
        if toks and not toks[-1]:  # text ends with a separator
            toks.pop()
            starts.pop()
        if toks and not toks[0]:  # text starts with a separator
            del toks[0], starts[0]
        ends = list(map(add, starts, map(len, toks)))
        return cls(text, norm, toks, starts, ends)

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
