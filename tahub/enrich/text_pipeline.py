"""All text enrichment in one pass per text: `enrich_texts(records) -> contract lines`.

One combined phrase index per language holds every stage's vocabulary (lexicon tags,
relevance cues, gazetteer, role cues, numbers, date words), so each text is tokenised once
and scanned once; the stages then read the hits of their own channels. Pure: no database,
no global state beyond lazily built indexes a worker rebuilds on first use.
"""

from __future__ import annotations

import functools
from typing import Any

from tahub.enrich import dates, geoparse, language, relevance, tagger, victims
from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc

NAME = "text_pipeline"
VERSION = "1.0"
STAGES = (language, relevance, tagger, geoparse, dates, victims)
SUPPORTED = ("en", "es", "pt")
CONTRACT_KEYS = ("id", "lang", "relevant", "relevance_score", "kind", "exploitation",
                 "countries", "places", "incident_date", "victims_count", "minors",
                 "victim_gender", "arrested_count", "tags")


@functools.lru_cache(maxsize=4)
def combined_index(lang: str) -> PhraseIndex:
    """Every stage's phrases for one language, in one index."""
    index = PhraseIndex()
    for stage in (relevance, tagger, geoparse, dates, victims):
        for phrase, channel, value, conf in stage.phrases(lang):
            index.add(phrase, channel, value, conf)
    geoparse.add_gazetteer(index)
    return index


def versions() -> dict[str, str]:
    """method@version of every stage, for provenance."""
    return {s.NAME: s.VERSION for s in STAGES} | {NAME: VERSION}


def _empty(record_id: Any, lang: str) -> dict:
    return {"id": record_id, "lang": lang, "relevant": False, "relevance_score": 0.0,
            "kind": "other", "exploitation": [], "countries": [], "places": [],
            "incident_date": None, "victims_count": None, "minors": None, "victim_gender": [],
            "arrested_count": None, "tags": []}


def _scan(doc: TextDoc, index_lang: str) -> tuple[dict[str, list[Hit]], list, int, int]:
    """Index hits by channel, the lexicon's tag hits, and its exploitation and control hits."""
    by: dict[str, list[Hit]] = {}
    for h in combined_index(index_lang).find(doc):
        by.setdefault(h.channel, []).append(h)
    tag_hits = tagger.tag_hits(doc, by.get("tag", []), by.get("tag_neg", []))
    n_exploit = sum(1 for t in tag_hits if t.tag.startswith(tagger.EXPLOITATION))
    n_control = sum(1 for t in tag_hits if t.tag.startswith(tagger.CONTROL))
    return by, tag_hits, n_exploit, n_control


def relevance_features(text: str) -> tuple[dict[str, float], list[str]]:
    """What the relevance weights apply to for one text, as `enrich_one` computes it: the cue
    features and the normalised tokens; for learning those weights
    (`python -m tahub.eval.train_relevance`)."""
    doc = TextDoc.build(text)
    lang = language.detect_doc(doc).lang
    by, _, n_exploit, n_control = _scan(doc, lang if lang in SUPPORTED else "en")
    return relevance.doc_features(by.get("cue", []), n_exploit, n_control, doc), doc.tokens


def enrich_one(record: dict, evidence: bool = False) -> dict:
    """Enrich one record `{"id", "text", "published_at"?}` into one contract line."""
    text = record.get("text") or ""
    doc = TextDoc.build(text)
    lang_fact = language.detect_doc(doc)
    lang = lang_fact.lang
    out = _empty(record.get("id"), lang)
    if not doc.tokens:
        return out
    index_lang = lang if lang in SUPPORTED else "en"
    by, tag_hits, n_exploit, n_control = _scan(doc, index_lang)
    rel = relevance.classify(by.get("cue", []), n_exploit, n_control, len(doc.tokens),
                             relevance.lead_end(doc), doc.tokens)
    out.update(relevant=rel.relevant, relevance_score=rel.score, kind=rel.kind,
               tags=[t.as_dict() for t in tag_hits])
    facts: dict[str, Any] = {}
    if rel.relevant:
        geo = geoparse.parse_doc(doc, [h for c in ("geo", "geo_role", "geo_helper", "geo_agency",
                                                   "vverb", "vnoun") for h in by.get(c, [])],
                                 index_lang)
        incident_sentences = {doc.sentence_of(s) for s, _, g in rel.evidence if g == "incident"}
        told = incident_sentences | {doc.sentence_of(s) for s, _, g in rel.evidence
                                     if g == "victim"}
        date = dates.incident_date_doc(doc, [h for c in ("month", "weekday", "days_before",
                                                         "ago_before", "ago_after", "ago_unit")
                                             for h in by.get(c, [])],
                                       index_lang, record.get("published_at"),
                                       incident_sentences)
        vic = victims.extract_doc(doc, [h for c in victims.CHANNELS for h in by.get(c, [])],
                                  index_lang)
        out.update(exploitation=tagger.exploitation_types(
            tag_hits, doc.sentence_of, lambda a, b: text[a.end:b.start], told),
                   countries=geo.countries,
                   places=geo.places_out(), incident_date=date.value if date else None,
                   victims_count=vic.victims_count, minors=vic.minors,
                   victim_gender=vic.victim_gender, arrested_count=vic.arrested_count)
        facts = {"places": geo.places, "helper_places": geo.helpers, "incident_date": date,
                 "counts": vic.counts}
    if evidence:
        out["evidence"] = {"language": lang_fact, "relevance": rel, **facts,
                           "versions": versions()}
    return out


def enrich_texts(records: list[dict], evidence: bool = False) -> list[dict]:
    """Batch entry: one contract line per record, in order (see `tahub enrich`).

    With `evidence=True` each line also carries an `evidence` key with the stages' facts
    (spans, method@version, confidence) for storing incidents with links to their evidence.
    """
    return [enrich_one(r, evidence) for r in records]
