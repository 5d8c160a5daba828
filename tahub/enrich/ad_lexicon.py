"""Load the ads vocabulary (`tahub/schema/ads/*.yaml`) once per process, checked at load.

Every ads module compiles its regular expressions from this at import, so a worker
(local pool or Spark executor) rebuilds the same state by importing the module.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tahub.errors import SchemaError

ADS_DIR = Path(__file__).resolve().parent.parent / "schema" / "ads"
LANGS = ("en", "es", "pt")
INDICATORS = (
    "new_in_town", "youth", "third_person", "multiple_workers", "foreign_origin",
    "restricted_movement", "always_available", "unprotected_services", "touring", "hotel",
    "price_discount",
)
UNITS = ("15min", "30min", "hour", "night", "service")


def alternation(words: list[str]) -> str:
    """A regex alternation of the words, escaped, longest first (so "arroba" wins over "at")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _fold_table() -> dict[int, str]:
    """Lowercase Latin letters with accents -> the bare letter, one char for one char."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0].lower()
        if base != chr(code).lower() and base.isascii():
            table[code] = base
    return table


FOLD = _fold_table()


_COMBINING_RE = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lowercase and drop accents without changing the length (offsets stay valid)."""
    text = text.lower()
    if text.isascii():
        return text
    # NFD then dropping the marks is C-speed; a per-character table is the fallback for
    # the rare text where that would change the length (Hangul, say).
    out = _COMBINING_RE.sub("", unicodedata.normalize("NFD", text))
    return out if len(out) == len(text) else text.translate(FOLD)


def fold_pattern(pattern: str) -> str:
    """A lexicon regex with accents dropped but case kept (so \\W stays \\W)."""
    return _COMBINING_RE.sub("", unicodedata.normalize("NFD", pattern))


@dataclass(frozen=True)
class AdLexicon:
    common: dict[str, Any]
    langs: dict[str, dict[str, Any]]

    def merged(self, key: str) -> dict[str, Any]:
        """One mapping merged over the languages (en, es, pt)."""
        out: dict[str, Any] = {}
        for lang in LANGS:
            out.update(self.langs[lang].get(key) or {})
        return out

    def words(self, key: str) -> list[str]:
        """One word list concatenated over the languages, folded, without duplicates."""
        seen: dict[str, None] = {}
        for lang in LANGS:
            for w in self.langs[lang].get(key) or []:
                seen[fold(str(w))] = None
        return list(seen)


def _load(name: str) -> dict[str, Any]:
    path = ADS_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SchemaError(f"{path}: cannot read ads vocabulary ({exc})") from exc
    if not isinstance(data, dict) or "version" not in data:
        raise SchemaError(f"{path}: expected a mapping with a 'version' key")
    return data


def _check_lang(name: str, data: dict[str, Any]) -> None:
    for key in ("stopwords", "number_words", "currency_words", "price_units", "indicators"):
        if key not in data:
            raise SchemaError(f"{ADS_DIR / name}: missing key '{key}'")
    for ind, spec in data["indicators"].items():
        if ind not in INDICATORS:
            raise SchemaError(f"{ADS_DIR / name}: unknown indicator 'indicators.{ind}'")
        if not isinstance(spec, dict) or not spec.get("forms"):
            raise SchemaError(f"{ADS_DIR / name}: 'indicators.{ind}.forms' is empty")
    for unit in data["price_units"]:
        if unit not in UNITS:
            raise SchemaError(f"{ADS_DIR / name}: unknown unit 'price_units.{unit}'")


@functools.lru_cache(maxsize=1)
def lexicon() -> AdLexicon:
    """The ads vocabulary; raises SchemaError naming the file and key on a bad file."""
    langs = {}
    for lang in LANGS:
        data = _load(f"{lang}.yaml")
        _check_lang(f"{lang}.yaml", data)
        langs[lang] = data
    return AdLexicon(common=_load("common.yaml"), langs=langs)


@functools.lru_cache(maxsize=1)
def risk_config() -> dict[str, Any]:
    """Weights and threshold of the risk score (risk.yaml), checked against INDICATORS."""
    data = _load("risk.yaml")
    weights = data.get("weights") or {}
    missing = [name for name in INDICATORS if name not in weights]
    if missing:
        raise SchemaError(f"{ADS_DIR / 'risk.yaml'}: 'weights' lacks {', '.join(missing)}")
    for name, w in weights.items():
        if not isinstance(w, int | float) or not 0 <= w < 1:
            raise SchemaError(f"{ADS_DIR / 'risk.yaml'}: 'weights.{name}' must be in [0, 1)")
    return data
