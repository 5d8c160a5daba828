"""Is a text a concrete human-trafficking incident, and if not, what kind of text is it?

Cue words per language (`tahub/schema/relevance.yaml`) are counted by group (trafficking,
incident, awareness, a period totals are counted over, drugs, arms/wildlife, migrant smuggling,
web traffic, football), over the whole text and, for incident, awareness, period and media
cues, again in its first sentence; a linear score per kind over log(1 + count) of the cues, plus a
weight per kind for each of the dev texts' commonest words the text holds, picks the kind.
The weights (`relevance_weights.yaml`) are learnt from the labelled dev texts by
`python -m tahub.eval.train_relevance`, not set by hand, and so is the margin by which
`incident` must beat the next kind. The relevance score is the probability of `incident`
against the best other kind beyond that margin (> 0.5 exactly when the text is an incident);
the evidence lists the cues that fired.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tahub.enrich import tagger
from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc
from tahub.enrich.vocab import expand_all, load_yaml, require
from tahub.errors import SchemaError

NAME = "relevance"
VERSION = "1.5"
METHOD = f"{NAME}@{VERSION}"
KINDS = ("incident", "awareness_or_policy", "drug_trafficking", "arms_or_wildlife_trafficking",
         "migrant_smuggling", "other")


@dataclass(frozen=True, slots=True)
class RelevanceFact:
    relevant: bool
    score: float
    kind: str
    cues: dict[str, int] = field(default_factory=dict)  # group -> count
    evidence: tuple[tuple[int, int, str], ...] = ()  # (start, end, group) of the cues
    method: str = METHOD


WEIGHTS_FILE = "relevance_weights.yaml"
GROUPS = ("trafficking", "ambiguous", "incident", "victim", "awareness", "period", "drugs",
          "arms_wildlife", "smuggling", "web", "football", "media", "csam")
# Counted again in the first sentence: news announces an arrest there, a statistics piece its
# totals and the period they cover, a review its film or book.
LEAD_GROUPS = ("awareness", "incident", "period", "media")
FEATURES = (*GROUPS, "exploitation", "control", "both", "no_incident", "no_trafficking",
            "on_topic", "length", *(f"lead_{g}" for g in LEAD_GROUPS))
OTHER_TOPICS = ("awareness", "drugs", "arms_wildlife", "smuggling", "web", "football", "media",
                "csam")


@functools.lru_cache(maxsize=1)
def _weights() -> tuple[tuple[str, float, dict[str, float]], ...]:
    """(kind, bias, weights by feature) once, so scoring walks only the features that fired."""
    kinds = require(load_yaml(WEIGHTS_FILE), "kinds", WEIGHTS_FILE)
    missing = [k for k in KINDS if k not in kinds]
    if missing:
        raise SchemaError(f"{WEIGHTS_FILE}: kinds without weights: {', '.join(missing)}; "
                          "rebuild it with `python -m tahub.eval.train_relevance`")
    unknown = {f for w in kinds.values() for f in w if f != "bias"} - set(FEATURES)
    if unknown:
        raise SchemaError(f"{WEIGHTS_FILE}: unknown features: {', '.join(sorted(unknown))}")
    return tuple((kind, float(w.get("bias", 0.0)),
                  {g: float(x) for g, x in w.items() if g != "bias"})
                 for kind, w in kinds.items())


@functools.lru_cache(maxsize=1)
def _word_weights() -> dict[str, tuple[float, ...]]:
    """Word -> its weight for each of `KINDS`: the commonest words of the dev texts, learnt
    with the cue weights, catch what no cue list names ("repatriated", "balance", "sextorsão")."""
    words = load_yaml(WEIGHTS_FILE).get("words") or {}
    wrong = [str(w) for w, v in words.items() if len(v) != len(KINDS)]
    if wrong:
        raise SchemaError(f"{WEIGHTS_FILE}: words without one weight per kind: "
                          f"{', '.join(wrong[:5])}; rebuild it with "
                          "`python -m tahub.eval.train_relevance`")
    return {str(w): tuple(map(float, v)) for w, v in words.items()}


def word_scores(tokens: Iterable[str]) -> dict[str, float]:
    """What the words of a text (normalised tokens) add to each kind's score."""
    weights = _word_weights()
    rows = [weights[w] for w in weights.keys() & set(tokens)]
    if not rows:
        return dict.fromkeys(KINDS, 0.0)
    columns = zip(*rows, strict=True)  # one weight per kind in each row
    return dict(zip(KINDS, map(math.fsum, columns), strict=True))  # fsum: exact in any order


@functools.lru_cache(maxsize=1)
def _incident_margin() -> float:
    """How far `incident` must beat the next kind (logits), chosen with the weights."""
    return float(load_yaml(WEIGHTS_FILE).get("incident_margin", 0.0))


def features(counts: dict[str, int], exploitation_hits: int = 0, control_hits: int = 0,
             n_tokens: int = 0, lead: dict[str, int] | None = None) -> dict[str, float]:
    """The features the kind weights apply to, from cue counts by group, the lexicon's
    exploitation-type and means-of-control hits (both are evidence of exploitation even where
    no "trafficking" word is used), the text's length (a one-line feed summary has few cues
    because it is short, not because it is off-topic) and the cue counts of the first sentence
    (`lead`): news announces an arrest there, a statistics piece its totals."""
    feats = {g: math.log1p(c) for g, c in counts.items()}
    for g in LEAD_GROUPS:
        feats[f"lead_{g}"] = math.log1p((lead or {}).get(g, 0))
    feats["length"] = math.log1p(n_tokens / 100)
    feats["exploitation"] = math.log1p(exploitation_hits)
    feats["control"] = math.log1p(control_hits)
    feats["both"] = feats.get("trafficking", 0.0) * feats.get("incident", 0.0)
    feats["no_incident"] = 0.0 if counts.get("incident") else 1.0
    # arrests and raids without any trafficking, exploitation or control word are other crime
    feats["no_trafficking"] = 0.0 if (counts.get("trafficking") or counts.get("ambiguous")
                                      or exploitation_hits or control_hits) else 1.0
    # trafficking and an event with no word of another topic (statistics and awareness
    # included): what a one-line incident is
    feats["on_topic"] = 1.0 if feats["both"] and not any(counts.get(g) for g in OTHER_TOPICS) \
        else 0.0
    return feats


def phrases(lang: str) -> Iterator[tuple[str, str, object, float]]:
    """(phrase, channel, value, confidence) entries this stage adds to a language's index."""
    cues = require(load_yaml("relevance.yaml"), "cues", "relevance.yaml")
    for group, forms in cues.get(lang, cues["en"]).items():
        if group not in GROUPS:
            raise SchemaError(f"relevance.yaml: cue group {group!r} ({lang}) is not one of "
                              f"{', '.join(GROUPS)}")
        for form in expand_all(forms):
            yield form, "cue", group, 1.0


@functools.lru_cache(maxsize=8)
def _index(lang: str) -> PhraseIndex:
    index = PhraseIndex()
    for phrase, channel, value, conf in phrases(lang):
        index.add(phrase, channel, value, conf)
    return index


def lead_end(doc: TextDoc) -> int:
    """Where the text's first sentence ends (a character offset)."""
    return doc.sentence_span(0)[1] if doc.text else 0


def doc_features(cue_hits: list[Hit], exploitation_hits: int, control_hits: int,
                 doc: TextDoc) -> dict[str, float]:
    """`features` of one text from its cue hits, as `classify` computes them."""
    return _features_of(_resolve(cue_hits), exploitation_hits, control_hits, len(doc.tokens),
                        lead_end(doc))


def _features_of(hits: list[Hit], exploitation_hits: int, control_hits: int, n_tokens: int,
                 lead: int) -> dict[str, float]:
    """`features` from resolved cue hits, those before `lead` counted again."""
    return features(_count(hits), exploitation_hits, control_hits, n_tokens,
                    _count([h for h in hits if h.start < lead]))


def decide(scores: dict[str, float], margin: float, event: bool = True) -> tuple[str, float]:
    """(kind, incident's lead over the next kind beyond `margin`): `incident` only when the text
    names an event (`event`: an incident or victim cue, such as an arrest, a raid or people
    rescued) and incident beats every other kind by more than `margin` logits, else the best
    other kind. Without an event word, "slavery" in a museum's exhibition is no incident however
    the word weights lean."""
    other = max((k for k in scores if k != "incident"), key=lambda k: scores[k])
    lead = scores["incident"] - scores[other] - margin
    if not event:
        lead = min(lead, 0.0)
    return ("incident" if lead > 0 else other), lead


def has_event(feats: dict[str, float]) -> bool:
    """Whether the features count an incident or a victim cue (see `decide`)."""
    return bool(feats.get("incident") or feats.get("victim"))


def _count(hits: list[Hit]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for h in hits:
        counts[h.value] = counts.get(h.value, 0) + 1
    return counts


def _resolve(cue_hits: list[Hit]) -> list[Hit]:
    """Longest cue wins where cues overlap ("drug trafficking" over "drug")."""
    out: list[Hit] = []
    end = -1
    for h in sorted(cue_hits, key=lambda h: (h.i, -(h.j - h.i))):
        if h.i >= end:
            out.append(h)
            end = h.j
    return out


def classify(cue_hits: list[Hit], exploitation_hits: int = 0, control_hits: int = 0,
             n_tokens: int = 0, lead_end: int = 0, tokens: Iterable[str] = ()) -> RelevanceFact:
    """Kind and relevance from the cue hits of one text, the lexicon's exploitation-type and
    means-of-control hit counts, the text's length in tokens, where its first sentence
    ends (a character offset) and its normalised tokens (for the word weights)."""
    hits = _resolve(cue_hits)
    feats = _features_of(hits, exploitation_hits, control_hits, n_tokens, lead_end)
    words = word_scores(tokens)
    scores: dict[str, float] = {}
    for kind, bias, weights in _weights():
        scores[kind] = bias + words[kind] + sum(w * v for g, v in feats.items()
                                                if (w := weights.get(g)))
    kind, margin = decide(scores, _incident_margin(), has_event(feats))
    prob = 1.0 / (1.0 + math.exp(-margin))  # > 0.5 exactly when the text is an incident
    evidence = tuple((h.start, h.end, h.value) for h in hits)
    return RelevanceFact(kind == "incident", round(prob, 4), kind, _count(hits), evidence)


def classify_doc(doc: TextDoc, lang: str, exploitation_hits: int = 0,
                 control_hits: int = 0) -> RelevanceFact:
    hits = [h for h in _index(lang).find(doc) if h.channel == "cue"]
    return classify(hits, exploitation_hits, control_hits, len(doc.tokens), lead_end(doc),
                    doc.tokens)


def score(texts: list[str], langs: list[str]) -> list[RelevanceFact]:
    """Batch entry: relevance and kind of each text, with the lexicon's exploitation and
    control hits as `tahub enrich` counts them."""
    out = []
    for text, lang in zip(texts, langs, strict=True):
        doc = TextDoc.build(text)
        tags = tagger.tag_doc(doc, lang)
        out.append(classify_doc(doc, lang,
                                sum(1 for t in tags if t.tag.startswith(tagger.EXPLOITATION)),
                                sum(1 for t in tags if t.tag.startswith(tagger.CONTROL))))
    return out
