"""Names for codes in the reader's language: countries (CLDR via Babel), golden tags."""

from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).territories)


def country_name(code: str | None, lang: str) -> str:
    """`CO` -> Colombia / Colombia; unknown or empty codes come back as they are."""
    if not code:
        return "—"
    return _territories(lang).get(str(code).upper(), str(code))


@cache
def _tags() -> dict[str, dict[str, str]]:
    from tahub.schema.taxonomy import load_taxonomy

    return {tag.id: dict(tag.label) for tag in load_taxonomy().tags()}


def tag_label(tag: str | None, lang: str) -> str:
    """`exploitation.sexual` -> Sexual exploitation / Explotación sexual."""
    if not tag:
        return "—"
    labels = _tags().get(tag)
    if not labels:
        return tag.split(".", 1)[-1].replace("_", " ")
    return labels.get(lang) or labels.get("en") or tag


def tags_of(category: str) -> list[str]:
    """Tag ids of one category (`exploitation`, `sector`), in taxonomy order."""
    return [t for t in _tags() if t.startswith(category + ".")]
