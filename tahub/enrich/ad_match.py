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
from collections.abc import Iterable
from re import _constants as C  # noqa: N812 - the sre opcode names, as re itself uses them
from re import _parser as sre_parse

from tahub.enrich.ad_prefilter import Prefilter

# Bytes table: [a-z0-9] kept, any other byte a space. Text is first encoded to ASCII with
# every other character replaced by "?", which the table also makes a space.
_SEPARATORS = bytes(c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256))


def words_of(folded: str) -> frozenset[str]:
    """The set of alphanumeric tokens of a folded text (what anchors are looked up in);
    encode-translate-split runs in C, faster than a findall or a str.translate."""
    return frozenset(
        folded.encode("ascii", "replace").translate(_SEPARATORS).decode("ascii").split())


def _literal_runs(form: str) -> list[tuple[str, bool, bool, int | None]]:
    """Runs of required literal characters: (text, starts the form, ends the form, the
    most characters a match can have before the run, None if unbounded)."""
    tree = sre_parse.parse(form)
    items = list(tree)
    runs: list[tuple[str, bool, bool, int | None]] = []
    cur: list[str] = []
    start = 0

    def lead(i: int) -> int | None:
        hi = sre_parse.SubPattern(tree.state, items[:i]).getwidth()[1] if i else 0
        return hi if hi < _UNBOUNDED else None

    for i, (op, av) in enumerate(items):
        if op is C.LITERAL:
            if not cur:
                start = i
            cur.append(chr(av))
            continue
        if cur:
            runs.append(("".join(cur), start == 0, False, lead(start)))
            cur = []
    if cur:
        runs.append(("".join(cur), start == 0, True, lead(start)))
    return runs


_UNBOUNDED = 1 << 16  # widths at or above this come from *, + or {n,}
_MAX_LEAD = 12  # beyond this, one search over the text beats trying each start


def _search_all(out: list, name: str, pattern: re.Pattern[str], text: str) -> None:
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        start = m.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            out.append((name, start, m.end()))
            pos = max(m.end(), start + 1)
        else:
            pos = start + 1


# Words too frequent in ads to be worth gating on when a rarer one is available.
COMMON = frozenset((
    "a", "e", "y", "o", "de", "del", "la", "las", "el", "los", "en", "con", "no", "nao", "com",
    "por", "para", "the", "and", "is", "to", "in", "of", "an", "my", "me", "anos", "hora",
    "hour", "1", "2", "24", "mi", "tu", "su", "se", "que",
))


def anchor(form: str) -> tuple[str, str, int | None] | None:
    """(kind, text, lead): kind "word" if every match holds `text` as a whole word, "sub"
    for a substring, "choice" if it holds one of the words in `text` (a frozenset);
    `lead` bounds how far before `text` a match can start (None: unbounded). None when
    the form has no required literal (it then always runs). Rare words win over common
    ones, whole words over substrings, long over short."""
    whole: list[tuple[str, int | None]] = []
    subs: list[tuple[str, int | None]] = []
    for text, at_start, at_end, lead in _literal_runs(form):
        offset = 0
        pieces = re.split(r"([^a-z0-9]+)", text)
        for k, piece in enumerate(pieces):
            here = None if lead is None else lead + offset
            offset += len(piece)
            if not piece or not piece[0].isalnum():
                continue
            left = k > 0 or at_start
            right = k < len(pieces) - 1 or at_end
            (whole if left and right else subs).append((piece, here))
        if len(text.strip()) >= 2:
            subs.append((text, lead))
    rare_whole = [w for w in whole if w[0] not in COMMON and len(w[0]) >= 3]
    if rare_whole:
        return ("word", *max(rare_whole, key=lambda w: len(w[0])))
    choices = word_choices(form)
    if choices is not None:
        return ("choice", choices, None)
    rare_subs = [s for s in subs if len(s[0].strip()) >= 4 and s[0].strip() not in COMMON]
    if rare_subs:
        return ("sub", *max(rare_subs, key=lambda s: len(s[0])))
    if whole:
        return ("word", *max(whole, key=lambda w: len(w[0])))
    subs = [s for s in subs if len(s[0].strip()) >= 2]
    return ("sub", *max(subs, key=lambda s: len(s[0]))) if subs else None


def word_choices(form: str) -> frozenset[str] | None:
    """Whole words one of which every match holds: a stretch of the form between
    separators that can only be spelled a few ways ("hotel(?:es)?", "jovencit[ao]s?",
    "(?:garotas|meninas)", "1 ?hr?"). Of those sets, the one whose shortest word is
    longest, none of them common; None when there is none."""
    best: frozenset[str] | None = None
    segment: list = []
    for item in [*sre_parse.parse(form), (C.LITERAL, ord(" "))]:
        if not (item[0] is C.LITERAL and not chr(item[1]).isalnum()):
            segment.append(item)
            continue
        spellings = _spellings(segment) if segment else None
        segment = []
        # Each spelling's words are whole words of the text (words_of splits on the same
        # characters); its longest uncommon word stands for it.
        texts = {max(_WORD_RE.findall(t) or [""], key=lambda w: (w not in COMMON, len(w)))
                 for t in spellings or ()}
        if not texts or "" in texts or COMMON & texts:
            continue
        if best is None or min(map(len, texts)) > min(map(len, best)):
            best = frozenset(texts)
    return best


_WORD_RE = re.compile(r"[a-z0-9]+")
_MAX_SPELLINGS = 64


def _spellings(items: list) -> set[str] | None:
    """Every string a parsed stretch can match, or None if there are many or infinitely
    many (a class like [a-z], a "+")."""
    out = {""}
    for op, av in items:
        if op is C.LITERAL:
            options = {chr(av)}
        elif op is C.IN and all(o is C.LITERAL for o, _ in av):
            options = {chr(c) for _, c in av}
        elif op is C.SUBPATTERN:
            options = _spellings(list(av[3]))
        elif op is C.BRANCH:
            options = set()
            for branch in av[1]:
                sub = _spellings(list(branch))
                if sub is None:
                    return None
                options |= sub
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] <= 2:
            once = _spellings(list(av[2]))
            if once is None:
                return None
            options, power = set(), {""}
            for k in range(av[1] + 1):
                if k >= av[0]:
                    options |= power
                power = {a + b for a in power for b in once}
        else:
            return None
        if options is None:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > _MAX_SPELLINGS:
            return None
    return out


# (name, compiled form, anchor text, lead bound or None, max width, anchor is a whole word)
_Entry = tuple[str, re.Pattern[str], str, "int | None", int, bool]


class _Gate:
    """Forms gated by their anchors: the words (or substrings) a text must hold for each."""

    def __init__(self) -> None:
        self.by_word: dict[str, list[_Entry]] = {}
        self.by_sub: dict[str, list[_Entry]] = {}
        # Forms gated by a set of words, found through any of the words, kept in order.
        self.choices: list[_Entry] = []
        self.by_choice_word: dict[str, list[int]] = {}
        self.always: list[_Entry] = []

    def add(self, entry: _Entry, kind: tuple | None) -> None:
        if kind is None:
            self.always.append(entry)
        elif kind[0] == "choice":
            for word in kind[1]:
                self.by_choice_word.setdefault(word, []).append(len(self.choices))
            self.choices.append(entry)
        elif kind[0] == "word":
            self.by_word.setdefault(kind[1], []).append(entry)
        else:
            self.by_sub.setdefault(kind[1], []).append(entry)

    def seal(self) -> None:
        self.anchor_words = frozenset(self.by_word)
        self.choice_words = frozenset(self.by_choice_word)

    def entries(self, folded: str, words: frozenset[str]) -> list[_Entry]:
        entries = [e for w in self.anchor_words & words for e in self.by_word[w]]
        for sub, subs in self.by_sub.items():
            if sub in folded:
                entries.extend(subs)
        chosen = {k for w in self.choice_words & words for k in self.by_choice_word[w]}
        entries.extend(self.choices[k] for k in sorted(chosen))
        entries.extend(self.always)
        return entries


class Forms:
    """Named regex forms matched at word boundaries. A text is first scanned once for all
    forms at once (ad_prefilter, when Hyperscan is installed) so only forms that match run
    in re; forms or texts the prefilter cannot read are gated by their anchor instead.
    A form with a bounded width is searched only in a window around each anchor."""

    def __init__(self, named: Iterable[tuple[str, str]]):
        named = list(named)
        # Every match kept has no word character right before it (checked by hand in
        # `find`) and none of [a-z0-9_] right after (the look-ahead compiled below).
        self.prefilter = Prefilter([form for _, form in named], before=r"(?:\A|[^A-Za-z0-9_])",
                                   after=r"(?:[^a-z0-9_]|\z)")
        self.entries: list[_Entry] = []
        self.gate = _Gate()  # every form: for texts the prefilter cannot read
        self.rest = _Gate()  # forms the prefilter does not cover
        for i, (name, form) in enumerate(named):
            pattern = re.compile(f"(?:{form})(?![a-z0-9_])")
            width = sre_parse.parse(form).getwidth()[1]
            kind = anchor(form)
            if kind is None or kind[0] == "choice":
                entry = (name, pattern, "", None, width, False)
            else:
                # A short anchor occurs too often for a window per occurrence to pay: re's
                # own search (a literal prefix scan in C) is faster.
                lead = kind[2] if width < _UNBOUNDED and len(kind[1]) >= 3 else None
                entry = (name, pattern, kind[1], lead, width, kind[0] == "word")
            self.entries.append(entry)
            self.gate.add(entry, kind)
            if i not in self.prefilter.covered:
                self.rest.add(entry, kind)
        self.gate.seal()
        self.rest.seal()
        self.has_rest = len(self.prefilter.covered) < len(self.entries)

    def find(self, folded: str, words: frozenset[str]) -> list[tuple[str, int, int]]:
        """(name, start, end) of every match of every form that can match, unordered.
        One flat loop: nested generators cost more than the searches themselves."""
        matched = self.prefilter.matches(folded)
        if matched is None:
            entries = self.gate.entries(folded, words)
        else:
            entries = [self.entries[i] for i in sorted(matched)]
            if self.has_rest:
                entries.extend(self.rest.entries(folded, words))
        out: list[tuple[str, int, int]] = []
        for name, pattern, anchor_text, lead, _, whole in entries:
            if lead is None or lead > _MAX_LEAD:
                _search_all(out, name, pattern, folded)
                continue
            # A match starts at most `lead` characters before an anchor occurrence: try
            # re's `match` at those few starts instead of scanning the text.
            step, at, last = len(anchor_text), folded.find(anchor_text), -1
            while at != -1:
                glued = (at and folded[at - 1].isalnum()) or folded[
                    at + step : at + step + 1
                ].isalnum()
                if not (whole and glued):
                    for start in range(max(0, at - lead, last + 1), at + 1):
                        if start and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
                            continue
                        m = pattern.match(folded, start)
                        if m is not None:
                            out.append((name, start, m.end()))
                            last = m.end() - 1
                            break
                at = folded.find(anchor_text, at + 1)
        return out
