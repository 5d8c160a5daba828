"""Golden tags found through the per-language lexicons in `tahub/schema/lexicon/{lang}.yaml`.

Each hit carries the tag id, its character span, the matched text and a confidence. The
longest form wins where forms overlap; a lexicon's negative contexts cancel a tag's hits in
the same sentence ("sex education" is not sexual exploitation).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc, phrase_key
from tahub.enrich.vocab import expand_all, load_yaml, require

NAME = "tagger"
VERSION = "1.0"
METHOD = f"{NAME}@{VERSION}"
LANGUAGES = ("en", "es", "pt")
EXPLOITATION = "exploitation."
CONTROL = "control."  # means of control: indicators of exploitation


@dataclass(frozen=True, slots=True)
class TagHit:
    tag: str
    start: int
    end: int
    text: str
    confidence: float
    method: str = METHOD

    def as_dict(self) -> dict:
        return {"tag": self.tag, "start": self.start, "end": self.end, "text": self.text,
                "confidence": self.confidence}


@functools.lru_cache(maxsize=8)
def lexicon(lang: str) -> dict:
    """The lexicon of a language (falls back to English for languages without one)."""
    return load_yaml(f"lexicon/{lang if lang in LANGUAGES else 'en'}.yaml")


def phrases(lang: str) -> Iterator[tuple[str, str, object, float]]:
    """(phrase, channel, value, confidence) entries this stage adds to a language's index."""
    lex = lexicon(lang)
    where = f"lexicon/{lang}.yaml"
    default = float(lex.get("default_confidence", 0.9))
    for tag, entry in require(lex, "tags", where).items():
        for form in require(entry, "forms", f"{where}: tags.{tag}"):
            if isinstance(form, dict):
                text = require(form, "form", f"{where}: tags.{tag}")
                conf = float(form.get("confidence", default))
            else:
                text, conf = str(form), default
            for surface in expand_all([text]):
                yield surface, "tag", tag, conf
        for neg in expand_all(entry.get("negative") or []):
            yield neg, "tag_neg", tag, 1.0


@functools.lru_cache(maxsize=8)
def _index(lang: str) -> PhraseIndex:
    index = PhraseIndex()
    for phrase, channel, value, conf in phrases(lang):
        index.add(phrase, channel, value, conf)
    return index


def tag_hits(doc: TextDoc, tag_raw: list[Hit], neg_raw: list[Hit]) -> list[TagHit]:
    """Resolve raw lexicon hits into tag hits: longest match per tag, negatives applied."""
    negated = {(h.value, doc.sentence_of(h.start)) for h in neg_raw}
    best: dict[tuple[str, int], Hit] = {}
    for h in sorted(tag_raw, key=lambda h: (h.start, -(h.end - h.start))):
        if negated and (h.value, doc.sentence_of(h.start)) in negated:
            continue
        key = (h.value, h.start)
        if key not in best:
            best[key] = h
    out: list[TagHit] = []
    last_end: dict[str, int] = {}
    for h in sorted(best.values(), key=lambda h: (h.start, -(h.end - h.start))):
        if h.start < last_end.get(h.value, -1):  # inside a longer hit of the same tag
            continue
        if h.value.startswith(EXPLOITATION) and _in_proper_name(doc, h):
            continue
        last_end[h.value] = h.end
        out.append(TagHit(h.value, h.start, h.end, doc.text[h.start:h.end], h.confidence))
    return out


def _in_proper_name(doc: TextDoc, h: Hit) -> bool:
    """A form written with capitals inside a sentence names an agency, a law or a campaign
    ("la Unidad Especializada en la Lucha contra la Trata de Personas y Explotación Sexual
    Infantil"), not what happened; a first sentence that capitalises most words is a headline
    and is left alone."""
    words = [w for w in doc.text[h.start:h.end].split() if len(w) > 3]
    if not words or not all(w[0].isupper() for w in words):
        return False
    if len(words) == 1 and not _after_capitalised(doc, h):
        return False  # "Grooming" alone may open a sentence; "Pornografía Infantil y Grooming"
    start, end = doc.sentence_span(h.start)
    if not doc.text[start:h.start].strip():
        return False
    if start > 0:
        return True
    sentence = [w for w in doc.text[start:end].split() if len(w) > 3 and w[0].isalpha()]
    return 2 * sum(w[0].isupper() for w in sentence) < len(sentence)


_NAME_LINKS = frozenset({"y", "e", "and", "de", "del", "da", "do", "of", "the", "la", "el"})


def _after_capitalised(doc: TextDoc, h: Hit) -> bool:
    """The words before a one-word hit, past "y"/"and"/"de", are capitalised ones of a name."""
    k = h.i - 1
    while k >= 0 and doc.tokens[k] in _NAME_LINKS:
        k -= 1
    return k >= 0 and doc.text[doc.starts[k]].isupper()


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    return load_yaml("exploitation_rules.yaml")


@functools.cache  # a few (rule, key) pairs of exploitation_rules.yaml
def _rule_forms(rule: str, key: str = "forms") -> frozenset[tuple[str, ...]]:
    return frozenset(phrase_key(f) for f in expand_all((_rules().get(rule) or {}).get(key, [])))


def exploitation_types(hits: list[TagHit], sentence_of: Callable[[int], int] | None = None,
                       text_between: Callable[[TagHit, TagHit], str] | None = None,
                       told: set[int] | None = None) -> list[str]:
    """Exploitation ids (without prefix) an incident's tag hits support, by the rules in
    `exploitation_rules.yaml`: enough summed confidence, nested evidence dropped, a sentence
    that lists many types (a legal definition) discounted, hits outside the lead and the
    sentences that tell the incident (`told`: sentence indexes) discounted, specific types
    absorbing general ones, debt bondage beside another type read as its means of control,
    slavery and forced work beside sexual exploitation read as its description, a sector
    fallback to labour, and household labour as domestic servitude."""
    rules = _rules()
    exp = [h for h in hits if h.tag.startswith(EXPLOITATION)]
    kept = {EXPLOITATION + t for t in rules.get("nested_kept") or ()}
    inner = [h for h in exp if h.tag not in kept and any(
        o is not h and o.tag != h.tag and o.start <= h.start and h.end <= o.end for o in exp)]
    listing: set[int] = set()
    if sentence_of is not None:
        kinds: dict[int, set[str]] = {}
        for h in exp:
            kinds.setdefault(sentence_of(h.start), set()).add(h.tag[len(EXPLOITATION):])
        absorbs = rules.get("absorbs") or {}
        listing = {k for k, types in kinds.items()  # "forced to work as pick-pockets and
                   if len(types - {t for g in types for t in absorbs.get(g, ())})  # beggars"
                   >= int(rules.get("list_types", 3))}  # is two types, not a list of three
        ors = set(rules.get("list_or") or ())
        ordered = sorted((h for h in exp if h not in inner), key=lambda h: h.start)
        for a, b in itertools.pairwise(ordered):  # "exploração sexual ou trabalho escravo"
            gap = text_between(a, b) if text_between else ""
            if a.tag != b.tag and sentence_of(a.start) == sentence_of(b.start) \
                    and len(gap) <= 30 and ors.intersection(gap.lower().split()):
                listing.add(sentence_of(a.start))
    discount = float(rules.get("list_discount", 0.5))
    if told is not None:
        told = told | set(range(int(rules.get("lead_sentences", 3))))
    aside = float(rules.get("aside_discount", 1.0))
    weight: dict[str, float] = {}
    for h in exp:
        if h not in inner:
            key = h.tag[len(EXPLOITATION):]
            conf = h.confidence * (discount if listing and sentence_of(h.start) in listing
                                   else 1.0)
            if told is not None and sentence_of is not None and sentence_of(h.start) not in told:
                conf *= aside  # "prostitution" only in a background paragraph
            weight[key] = weight.get(key, 0.0) + conf
    found = {k for k, w in weight.items() if w >= float(rules.get("min_weight", 0.6))}
    means = rules.get("means_of_control") or {}
    if means and len(found) > 1 and means["type"] in found and all(
            phrase_key(h.text) in _rule_forms("means_of_control") for h in exp
            if h not in inner and h.tag == EXPLOITATION + means["type"]):
        found.discard(means["type"])  # "debt bondage" in a brothel
    beside = rules.get("labour_beside_sexual") or {}
    if beside and beside["type"] in found and found & set(beside.get("slavery_beside", ())) \
            and all(phrase_key(h.text) in _rule_forms("labour_beside_sexual", "anywhere")
                    for h in exp if h.tag == EXPLOITATION + beside["type"]):
        found.discard(beside["type"])  # "babies sold into slavery" at a baby factory
    if beside and sentence_of is not None and {beside["type"], beside["beside"]} <= found:
        told_there = {sentence_of(h.start) for h in exp if h.tag == EXPLOITATION + beside["beside"]}
        workplaces = {sentence_of(h.start) for h in hits  # "Los hombres fueron forzados a
                      if h.tag in (rules.get("fallback") or {}).get("tags", ())}  # ... una finca"
        told_there |= {k + 1 for k in told_there} - workplaces  # "Elas eram obrigadas a trabalhar"
        if all(phrase_key(h.text) in _rule_forms("labour_beside_sexual", "anywhere")
               or (phrase_key(h.text) in _rule_forms("labour_beside_sexual", "in_sentence")
                   and (sentence_of(h.start) in told_there or not workplaces))
               for h in exp if h.tag == EXPLOITATION + beside["type"]):
            found.discard(beside["type"])  # "forzadas a trabajar ... servicios sexuales"
    for general_of, absorbed in (rules.get("absorbs") or {}).items():
        if general_of in found:
            found -= set(absorbed)
    tags = {h.tag for h in hits}
    fallback = rules.get("fallback") or {}
    if not found and fallback and tags & set(fallback["tags"]):
        found = {fallback["type"]}
    domestic = rules.get("domestic") or {}
    if domestic and domestic["from"] in found and tags & set(domestic["sectors"]):
        found = (found - {domestic["from"]}) | {domestic["to"]}
    return sorted(found)


def tag_doc(doc: TextDoc, lang: str) -> list[TagHit]:
    """Tag one tokenised text with the lexicon of its language."""
    raw = _index(lang).find(doc)
    return tag_hits(doc, [h for h in raw if h.channel == "tag"],
                    [h for h in raw if h.channel == "tag_neg"])


def tag(texts: list[str], langs: list[str]) -> list[list[TagHit]]:
    """Batch entry: the tag hits of each text, with the lexicon of its language."""
    return [tag_doc(TextDoc.build(t), lang) for t, lang in zip(texts, langs, strict=True)]
