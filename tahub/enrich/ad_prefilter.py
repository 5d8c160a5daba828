"""Which of many regex forms match a text at all, found in one pass, so that only those
run in Python's re (which would otherwise try each form over the text).

Hyperscan (Intel's multi-pattern matcher, the `hyperscan` package) scans the text once
for every form it can take and reports each form that matches anywhere. Its verdict is
exact only where its regex meaning equals re's, so a form is given to it only when built
from constructs both read alike on ASCII text (literals, classes, \\d \\s \\w, groups,
alternation, repeats, word boundaries), and a text only when it is ASCII without the
control characters re counts as spaces. Forms with look-arounds, anchors, back
references, atomic groups or possessive repeats, texts outside that set, and every text
when the package is missing, are left to the caller's own gate (`matches` returns None
or leaves the form out of `covered`). The re match that follows still decides spans.
"""

from __future__ import annotations

import re
import threading
from re import _constants as C  # noqa: N812 - the sre opcode names, as re itself uses them
from re import _parser as sre_parse

try:
    import hyperscan
except ImportError:  # optional: the caller's gate then does all the work
    hyperscan = None

_UNSAFE = {C.ASSERT, C.ASSERT_NOT, C.GROUPREF, C.GROUPREF_EXISTS, C.ATOMIC_GROUP,
           C.POSSESSIVE_REPEAT, C.GROUPREF_IGNORE}
_SAFE_AT = {C.AT_BOUNDARY, C.AT_NON_BOUNDARY}
_CONTROL_SPACES_RE = re.compile("[\x1c-\x1f]")


def _safe(items: sre_parse.SubPattern | list) -> bool:
    for op, av in items:
        if op in _UNSAFE or (op is C.AT and av not in _SAFE_AT) or (
                op is C.CATEGORY and av not in _ASCII_CATEGORIES):
            return False
        if op is C.SUBPATTERN and (av[1] or av[2]):  # inline flags: (?i) and the like
            return False
        if not all(_safe(child) for child in _children(op, av)):
            return False
    return True


def _children(op: object, av: object) -> list:
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.BRANCH:
        return list(av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        return [av[2]]
    if op is C.IN:
        return [[item] for item in av]
    return []


_ASCII_CATEGORIES = {C.CATEGORY_DIGIT, C.CATEGORY_NOT_DIGIT, C.CATEGORY_SPACE,
                     C.CATEGORY_NOT_SPACE, C.CATEGORY_WORD, C.CATEGORY_NOT_WORD}


def usable(form: str) -> bool:
    """Whether `form` reads the same in Hyperscan as in re on ASCII text, and cannot match
    the empty string."""
    try:
        tree = sre_parse.parse(form)
    except re.error:
        return False
    flags = tree.state.flags & ~(re.UNICODE | re.ASCII)  # global inline flags: (?i), (?x)...
    return not flags and tree.getwidth()[0] > 0 and _safe(tree)


class _Scanner:
    """Every prefilter's forms in one Hyperscan database, so one pass over a text serves
    them all; the last text's matches are kept (per thread) for the next prefilter."""

    def __init__(self) -> None:
        self.forms: list[str] = []
        self.db = None  # built at the first scan after forms were added
        self.version = 0
        self.broken = -1  # the version whose forms failed to compile
        self.local = threading.local()

    def add(self, forms: list[str]) -> int:
        """Register forms; returns the id of the first."""
        offset = len(self.forms)
        self.forms.extend(forms)
        self.db = None
        self.version += 1
        return offset

    def last(self, text: str) -> set[int] | None:
        """The ids `scan` found for `text` if it was this thread's last text (so it passed
        the caller's checks already), else None."""
        local = self.local
        if getattr(local, "version", None) == self.version and local.text == text:
            return local.found
        return None

    def scan(self, text: str) -> set[int] | None:
        """Ids of the forms matching `text`; None if the forms could not be compiled."""
        found = self.last(text)
        if found is not None:
            return found
        local = self.local
        db = self.db
        if db is None:
            if self.broken == self.version:
                return None
            try:
                db = self.db = _database(self.forms, list(range(len(self.forms))))
            except hyperscan.error:  # a form re reads but Hyperscan refuses: gate by anchors
                self.broken = self.version
                return None
        if getattr(local, "scratch_for", None) is not db:
            local.scratch, local.scratch_for = hyperscan.Scratch(db), db
        found: set[int] = set()
        db.scan(text.encode("ascii"), match_event_handler=_collect, context=found,
                scratch=local.scratch)
        local.version, local.text, local.found = self.version, text, found
        return found


_SCANNER = _Scanner()


class Prefilter:
    """The forms of a list that match a text, by position in the list.

    `before` and `after` wrap every form given to Hyperscan (they may use the anchors
    \\A and \\z, which forms may not): a caller that keeps only matches with a word
    boundary around them states it here, so a form like "h" stops passing the gate for
    every "h" inside a word."""

    def __init__(self, forms: list[str], before: str = "", after: str = ""):
        self.covered: frozenset[int] = frozenset()
        self._ids: list[int] = []
        self._n = len(forms)
        if hyperscan is None:
            return
        ids = [i for i, f in enumerate(forms) if usable(f) and f.isascii()]
        if ids:
            self._offset = _SCANNER.add([f"{before}(?:{forms[i]}){after}" for i in ids])
            self._ids = ids
            self.covered = frozenset(ids)

    def matches(self, text: str) -> set[int] | None:
        """Indices of the covered forms that match `text` somewhere; None when the text
        is not one this filter can read (the caller must then gate every form itself)."""
        if not self._ids:
            return None
        # Five stages ask about the same text in a row: only the first pays the checks.
        found = _SCANNER.last(text)
        if found is None:
            if not text.isascii() or _CONTROL_SPACES_RE.search(text):
                return None
            found = _SCANNER.scan(text)
            if found is None:
                return None
        lo, ids = self._offset, self._ids
        hi = lo + len(ids)
        return {ids[g - lo] for g in found if lo <= g < hi}


    def rules_out(self, text: str) -> bool:
        """True only when every form is covered and none matches `text`."""
        return len(self._ids) == self._n and self.matches(text) == set()


def _collect(form_id: int, _start: int, _end: int, _flags: int, found: set[int]) -> None:
    found.add(form_id)


def _database(forms: list[str], ids: list[int]):  # noqa: ANN202 - hyperscan.Database
    db = hyperscan.Database()
    db.compile(expressions=[forms[i].encode("ascii") for i in ids], ids=ids,
               elements=len(ids), flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(ids))
    return db


class Superset:
    """Whether one regex may match a text, in one Hyperscan pass: the regex is compiled in
    Hyperscan's prefilter mode, which accepts what it cannot read exactly (look-arounds,
    possessive repeats) by matching a superset, so "no" is certain and lets the caller
    skip re, while "yes" (also the answer whenever unsure) means run re as before."""

    def __init__(self, pattern: re.Pattern[str]):
        self.db = None
        if hyperscan is None or not pattern.pattern.isascii() or pattern.flags & ~re.UNICODE:
            return
        db = hyperscan.Database()
        try:
            db.compile(expressions=[pattern.pattern.encode("ascii")], ids=[0], elements=1,
                       flags=[hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH])
        except hyperscan.error:
            return
        self.db = db
        self.local = threading.local()

    def may_match(self, text: str) -> bool:
        # \v and \x1c-\x1f: re's \s takes them, Hyperscan's may not.
        if self.db is None or not text.isascii() or _SUPERSET_UNSURE_RE.search(text):
            return True
        local = self.local
        scratch = getattr(local, "scratch", None)
        if scratch is None:
            scratch = local.scratch = hyperscan.Scratch(self.db)
        found: set[int] = set()
        self.db.scan(text.encode("ascii"), match_event_handler=_collect, context=found,
                     scratch=scratch)
        return bool(found)


_SUPERSET_UNSURE_RE = re.compile("[\x0b\x1c-\x1f]")
