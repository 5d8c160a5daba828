"""When the incident happened, as precisely as the text says (YYYY-MM-DD, YYYY-MM or YYYY),
kept apart from the publication date.

Candidate phrases are found by the shared token pass (month and weekday names, "ayer",
"hace tres semanas"); weekdays and "yesterday" are resolved against `published_at`; dateparser
only reads the short "N units ago" phrases, never whole texts. The candidate in a sentence
that reports the incident (arrest, rescue, raid) wins.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tahub.enrich.textindex import Hit, PhraseIndex, TextDoc, normalise
from tahub.enrich.vocab import load_yaml

NAME = "dates"
VERSION = "1.0"
METHOD = f"{NAME}@{VERSION}"
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
PAST_WORDS = {"last", "pasado", "passado", "passada", "ultimo", "ultima", "past"}


@dataclass(frozen=True, slots=True)
class DateFact:
    value: str  # YYYY-MM-DD | YYYY-MM | YYYY
    start: int
    end: int
    text: str
    confidence: float
    method: str = METHOD


@functools.lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_yaml("dates.yaml")


def phrases(lang: str) -> Iterator[tuple[str, str, object, float]]:
    """(phrase, channel, value, confidence) entries this stage adds to a language's index."""
    v = _vocab()
    lang = lang if lang in v["months"] else "en"
    for word, month in v["months"][lang].items():
        yield str(word), "month", int(month), 1.0
    for word, day in v["weekdays"][lang].items():
        yield str(word), "weekday", int(day), 1.0
    for word, back in v["days_before"][lang].items():
        yield str(word), "days_before", int(back), 1.0
    ago = v["ago"][lang]
    for word in ago.get("marker_after", []):
        yield word, "ago_after", None, 1.0
    for word in ago.get("marker_before", []):
        yield word, "ago_before", None, 1.0
    for word in ago["units"]:
        yield word, "ago_unit", None, 1.0


@functools.lru_cache(maxsize=8)
def _index(lang: str) -> PhraseIndex:
    index = PhraseIndex()
    for phrase, channel, value, conf in phrases(lang):
        index.add(phrase, channel, value, conf)
    return index


def parse_published(value: object) -> dt.date | None:
    """The publication date of a record, if it has a usable one (a day, month or year)."""
    parsed = parse_published_precision(value)
    return parsed[0] if parsed else None


def parse_published_precision(value: object) -> tuple[dt.date, int] | None:
    """(date, precision) of a publication date: precision 10 (day), 7 (month) or 4 (year)."""
    if not value:
        return None
    return _parse_published(str(value)[:10])


@functools.lru_cache(maxsize=4096)
def _parse_published(text: str) -> tuple[dt.date, int] | None:
    for fmt, cut in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(text[:cut], fmt).date(), cut
        except ValueError:
            continue
    return None


@functools.lru_cache(maxsize=4096)
def _dateparser(phrase: str, lang: str, base: dt.date) -> dt.date | None:
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(phrase, languages=[lang], settings=settings)
    return parsed.date() if parsed else None


@functools.lru_cache(maxsize=8)
def _number_words(lang: str) -> dict[str, int]:
    numbers = load_yaml("victims.yaml")["numbers"]
    return {normalise(str(w)): int(v) for w, v in numbers.get(lang, numbers["en"]).items()}


def _day_token(tok: str) -> int | None:
    digits = tok[:-2] if tok.endswith(("st", "nd", "rd", "th")) else tok
    if digits.isdigit() and 1 <= int(digits) <= 31 and len(digits) <= 2:
        return int(digits)
    return None


def _year_token(tok: str) -> int | None:
    if len(tok) == 4 and tok.isdigit() and 1950 <= int(tok) <= 2100:
        return int(tok)
    return None


def candidates(doc: TextDoc, hits: list[Hit], lang: str, published: dt.date | None,
               precision: int = 10) -> list[tuple[DateFact, int]]:
    """Every date phrase with the token it starts at. Weekdays and "yesterday" resolve to a
    day only against a publication date known to the day, else to its month."""
    toks, n = doc.tokens, len(doc.tokens)
    speech = _speech_words(lang)
    out: list[tuple[DateFact, int]] = []

    def add(value: str, i: int, j: int, conf: float) -> None:
        start, end = doc.starts[i], doc.ends[j - 1]
        out.append((DateFact(value, start, end, doc.text[start:end], conf), i))

    prep_words = _year_prepositions(lang)
    years = (doc.token_at(m.start()) for m in _YEAR.finditer(doc.norm))
    preps = {k - 1 for k in years if 0 < k < n and toks[k - 1] in prep_words}
    preps |= {h.i - 1 for h in hits if h.channel == "month" and h.i and toks[h.i - 1] in prep_words}
    used: set[int] = set()
    for h in hits:
        if h.channel == "month":
            i, j, month = h.i, h.j, h.value
            day = year = None
            if i >= 1 and _day_token(toks[i - 1]):
                day, i = _day_token(toks[i - 1]), i - 1
            elif i >= 2 and toks[i - 1] == "de" and _day_token(toks[i - 2]):
                day, i = _day_token(toks[i - 2]), i - 2
            elif j < n and _day_token(toks[j]) and not _year_token(toks[j]):
                day, j = _day_token(toks[j]), j + 1
            for k in (j, j + 1):
                if k < n and _year_token(toks[k]) and (k == j or toks[j] in ("de", "del")):
                    year, j = _year_token(toks[k]), k + 1
                    break
            if year is None:
                if published is None or (day is None and i - 1 not in preps):
                    continue  # "may" alone is a verb; a bare month needs "in"/"en"/"em"
                year = published.year - (1 if month > published.month else 0)
            used.update(range(i, j))
            if day:
                try:
                    add(dt.date(year, month, day).isoformat(), i, j, 0.9)
                except ValueError:
                    continue
            else:
                add(f"{year:04d}-{month:02d}", i, j, 0.8)
        elif h.channel == "weekday" and published is not None:
            if speech.intersection(toks[max(0, h.i - 3):h.i]):
                continue  # "police said Friday": the announcement, not the incident
            back = (published.weekday() - h.value) % 7
            if back == 0 and h.i > 0 and toks[h.i - 1] in PAST_WORDS:
                back = 7
            day = (published - dt.timedelta(days=back)).isoformat()
            add(day if precision == 10 else day[:7], h.i, h.j, 0.8 if precision == 10 else 0.5)
        elif h.channel == "days_before" and published is not None and h.value >= 0:
            day = (published - dt.timedelta(days=h.value)).isoformat()
            add(day if precision == 10 else day[:7], h.i, h.j, 0.8 if precision == 10 else 0.5)
        elif h.channel in ("ago_before", "ago_after") and published is not None:
            i, j = (h.i, min(h.j + 3, n)) if h.channel == "ago_before" else (max(h.i - 3, 0), h.j)
            units = [u for u in hits if u.channel == "ago_unit" and i <= u.i < j]
            if not units:
                continue
            if h.channel == "ago_before":
                j = units[0].j
            else:
                i = max(units[0].i - 2, 0)
            words = _number_words(lang)  # dateparser reads "hace 2 meses", not "hace dos meses"
            phrase = " ".join(str(words.get(t, doc.text[doc.starts[k]:doc.ends[k]]))
                              for k, t in enumerate(toks[i:j], start=i))
            parsed = _dateparser(phrase, lang, published)
            if parsed:
                unit = toks[units[0].i]
                value = parsed.isoformat()
                if unit.startswith(("mes", "mon", "mê")):
                    value = value[:7]
                elif unit.startswith(("year", "an", "añ")):
                    value = value[:4]
                add(value, i, j, 0.6)
    for i in preps:
        k = i + 1
        if k not in used and _year_token(toks[k]):
            add(str(_year_token(toks[k])), k, k + 1, 0.5)
    return out


@functools.lru_cache(maxsize=8)
def _speech_words(lang: str) -> frozenset[str]:
    words = _vocab().get("speech_words") or {}
    return frozenset(normalise(str(w)) for w in words.get(lang, words.get("en", [])))


@functools.lru_cache(maxsize=8)
def _year_prepositions(lang: str) -> frozenset[str]:
    preps = _vocab()["year_prepositions"]
    return frozenset(normalise(str(w)) for w in preps.get(lang, preps["en"]))


def incident_date_doc(doc: TextDoc, hits: list[Hit], lang: str, published: object,
                      incident_sentences: set[int]) -> DateFact | None:
    """The date of the incident: a date in a sentence reporting it, most precise, earliest.
    `published` is the record's `published_at` (a string or a date)."""
    parsed = parse_published_precision(published)
    published, precision = parsed if parsed else (None, 10)
    best: tuple | None = None
    for fact, i in candidates(doc, hits, lang, published, precision):
        if published is not None and fact.value > published.isoformat()[:precision]:
            continue  # a future date is a hearing or a deadline, not the incident
        in_incident = doc.sentence_of(fact.start) in incident_sentences
        rank = (not in_incident, -len(fact.value), i)
        if best is None or rank < best[0]:
            best = (rank, fact)
    return best[1] if best else None


def incident_dates(texts: list[str], langs: list[str],
                   published: list[object]) -> list[DateFact | None]:
    """Batch entry: the incident date of each text (any sentence counts as reporting it)."""
    out = []
    for text, lang, pub in zip(texts, langs, published, strict=True):
        doc = TextDoc.build(text)
        sentences = set(range(len(doc.sentence_starts)))
        out.append(incident_date_doc(doc, _index(lang).find(doc), lang, pub, sentences))
    return out
