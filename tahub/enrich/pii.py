"""Redact personal data for shared views: personal names, phones, emails and exact addresses
become typed placeholders ([PERSON], [PHONE], [EMAIL], [ADDRESS]).

The originals are returned only when the caller asks (`keep_mapping=True`), for a sharing
policy that allows them; nothing here logs or stores them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from tahub.enrich.gazetteer import gazetteer
from tahub.enrich.names import first_names
from tahub.enrich.textindex import normalise, phrase_key
from tahub.enrich.vocab import load_yaml

NAME = "pii"
VERSION = "1.0"
METHOD = f"{NAME}@{VERSION}"
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_UPPER = "A-ZÁÉÍÓÚÑÂÊÔÃÕÇÜ"
_WORD = rf"[{_UPPER}][\w'’-]*"
_CAPITALISED = re.compile(rf"\b{_WORD}(?:\s+(?:(?:de|del|da|do|dos|das|la|las|los|van|von|y|e)"
                          rf"\s+)*{_WORD})*")
_TOKEN = re.compile(r"\S+")
_QUOTED = re.compile(r"[\"“'‘«]([^\"”'’»]{2,40})[\"”'’»]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # PERSON | PHONE | EMAIL | ADDRESS


@dataclass(frozen=True, slots=True)
class Redaction:
    text: str
    counts: dict[str, int]
    mapping: list[dict] | None = field(default=None)  # only when asked: placeholder -> original
    method: str = METHOD
    # (start, end, new_start, new_end) of each replaced span: positions only, no originals
    edits: tuple[tuple[int, int, int, int], ...] = ()

    def moved(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the span [start, end) of the original text lies in the redacted text;
        None when it overlaps a redacted span (the span itself was personal data)."""
        shift = 0
        for old_start, old_end, _new_start, new_end in self.edits:
            if old_end <= start:
                shift = new_end - old_end
            elif old_start < end:
                return None
            else:
                break
        return start + shift, end + shift


@functools.lru_cache(maxsize=1)
def _vocab() -> dict:
    data = load_yaml("pii.yaml")
    return {
        "regions": data["phone_regions"],
        "cues": frozenset(phrase_key(c) for c in data["person_cues"]),
        "not_person": frozenset(normalise(w) for w in data["not_person_words"]),
        "addresses": [re.compile(p) for p in data["address_patterns"]],
    }


def _phones(text: str, lang: str) -> list[Span]:
    import phonenumbers

    spans: list[Span] = []
    regions = _vocab()["regions"]
    for region in regions.get(lang, regions["en"]):
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            spans.append(Span(match.start, match.end, "PHONE"))
    return spans


def _persons(text: str) -> list[Span]:
    vocab, names, places = _vocab(), first_names(), gazetteer()
    spans: list[Span] = []
    for m in _CAPITALISED.finditer(text):
        words = [(w.start() + m.start(), w.end() + m.start(), normalise(w.group()))
                 for w in _TOKEN.finditer(m.group())]
        if phrase_key(m.group()) in places:
            continue
        before = phrase_key(text[max(0, m.start() - 25):m.start()])
        cued = any(len(before) >= len(cue) and before[-len(cue):] == cue for cue in vocab["cues"])
        # "Police Chief John Smith": the name starts at the first first name
        k = 0 if cued else next((n for n, w in enumerate(words) if w[2] in names), None)
        if k is None:
            continue
        name = words[k:]
        cut = next((n for n, w in enumerate(name) if w[2] in vocab["not_person"]), len(name))
        name = name[:cut]
        while name and not text[name[-1][0]].isupper():  # trailing particle ("de")
            name.pop()
        if name and (cued or len(name) >= 2):
            spans.append(Span(name[0][0], name[-1][1], "PERSON"))
    for m in _QUOTED.finditer(text):  # alias "El Flaco"
        before = phrase_key(text[max(0, m.start() - 12):m.start()])
        if before and before[-1] in ("alias", "aka", "vulgo", "apodado", "apodada"):
            spans.append(Span(m.start(), m.end(), "PERSON"))
    return spans


def find(text: str, lang: str = "en") -> list[Span]:
    """Personal data in a text, longest span first where spans overlap."""
    spans = [Span(m.start(), m.end(), "EMAIL") for m in _EMAIL.finditer(text)]
    for pattern in _vocab()["addresses"]:
        spans.extend(Span(m.start(), m.end(), "ADDRESS") for m in pattern.finditer(text))
    spans.extend(_phones(text, lang))
    spans.extend(_persons(text))
    chosen: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if chosen and s.start < chosen[-1].end:
            continue
        chosen.append(s)
    return chosen


def redact(text: str, lang: str = "en", keep_mapping: bool = False) -> Redaction:
    """The text with personal data replaced by typed placeholders."""
    out: list[str] = []
    counts: dict[str, int] = {}
    mapping: list[dict] = []
    edits: list[tuple[int, int, int, int]] = []
    last = written = 0
    for span in find(text, lang):
        out.append(text[last:span.start])
        written += span.start - last
        placeholder = f"[{span.kind}]"
        edits.append((span.start, span.end, written, written + len(placeholder)))
        if keep_mapping:
            mapping.append({"placeholder": placeholder, "start": written,
                            "end": written + len(placeholder),
                            "original": text[span.start:span.end]})
        out.append(placeholder)
        written += len(placeholder)
        counts[span.kind] = counts.get(span.kind, 0) + 1
        last = span.end
    out.append(text[last:])
    return Redaction("".join(out), counts, mapping if keep_mapping else None, edits=tuple(edits))
