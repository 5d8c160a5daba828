"""Read commercial-sex ads: identifiers, prices, ages, risk indicators and a risk score.

`extract_ads(records)` is a pure batch function (list of dicts in, list of dicts out,
same order, no I/O), so the local engine and Spark can both run it. Each input dict has
"id" and "text", optionally "title", "city", "country" (ISO2), "site", "posted_at".
Each output dict follows the `tahub ads extract` contract:

    {"id", "lang", "phones": [E.164], "emails": [lowercase],
     "handles": [{"platform", "handle"}], "ages": [int],
     "prices": [{"amount", "currency", "unit"}], "indicators": [{"name", "evidence"}],
     "risk": float, "reasons": [str], "city": str | None}

"city" is the record's own city, or else the first city the text names after a
preposition ("en Medellín"), found with a gazetteer (ad_city).

Conventions worth knowing when comparing with gold data: a number introduced by a
WhatsApp/Telegram word or link ("wsp: 300…", "wa.me/57300…") is a phone, not a handle;
handles are lowercase without "@";
a price with no unit phrase nearby has unit "service"; `indicators` has one entry per
indicator name (the first evidence found); risk >= `FLAG_THRESHOLD` means flagged.
"""

from __future__ import annotations

from typing import Any

from tahub.enrich.ad_ages import find_ages
from tahub.enrich.ad_city import find_city
from tahub.enrich.ad_contacts import find_handles
from tahub.enrich.ad_emails import addresses, email_spans
from tahub.enrich.ad_lexicon import fold
from tahub.enrich.ad_match import words_of
from tahub.enrich.ad_phones import find_phones
from tahub.enrich.ad_prices import find_prices
from tahub.enrich.ad_risk import FLAG_THRESHOLD, find_indicators, score
from tahub.enrich.ad_text import detect_lang, digitize, unobfuscate

NAME = "ads"
VERSION = "1.0"
__all__ = ["FLAG_THRESHOLD", "extract_ad", "extract_ads"]


def _country(record: dict[str, Any]) -> str | None:
    country = record.get("country")
    if isinstance(country, str) and len(country.strip()) == 2:
        return country.strip().upper()
    return None


def extract_ad(record: dict[str, Any]) -> dict[str, Any]:
    """Everything `extract_ads` reports, for one ad."""
    return {"id": record.get("id"), **_read(*_inputs(record))}


def extract_ads(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Extractions for a batch of ads, in input order (see the module docstring).

    Reposted ads repeat their text word for word, so each distinct (text, country, city)
    is read once per batch and its result copied for the reposts. The first ad gets the
    result itself: nothing can change it before the copies are made, all in this call."""
    seen: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
    out = []
    for record in records:
        key = _inputs(record)
        found = seen.get(key)
        if found is None:
            found = seen[key] = _read(*key)
            out.append({"id": record.get("id"), **found})
        else:
            out.append({"id": record.get("id"), **_copy(found)})
    return out


def _inputs(record: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """What the extraction depends on: title and text, country, the record's own city."""
    parts = [record.get("title"), record.get("text")]
    text = "\n".join(p for p in parts if isinstance(p, str) and p)
    city = record.get("city")
    return text, _country(record), city.strip() if isinstance(city, str) and city.strip() else None


def _copy(found: dict[str, Any]) -> dict[str, Any]:
    """A copy whose lists and dicts a caller may change without touching the memo."""
    return {k: [dict(x) if isinstance(x, dict) else x for x in v] if isinstance(v, list) else v
            for k, v in found.items()}


def _read(text: str, country: str | None, city: str | None) -> dict[str, Any]:
    cased = unobfuscate(text)
    clean = cased.lower()
    folded = fold(clean)
    words = words_of(folded)
    digitized = digitize(folded, words)
    lang = detect_lang(folded, words)
    ages = find_ages(digitized, cased, words)
    indicators = find_indicators(clean, folded, country, ages, lang, words)
    risk, reasons = score(indicators, ages)
    emails = email_spans(folded, words)
    return {
        "lang": lang,
        "phones": find_phones(digitized, country),
        "emails": addresses(emails),
        "handles": find_handles(folded, words, emails),
        "ages": ages,
        "prices": find_prices(folded, country, words),
        "indicators": indicators,
        "risk": risk,
        "reasons": reasons,
        "city": city or find_city(folded, country, words),
    }
