"""Languages of the web pages: gettext catalogues, negotiation, and one Jinja env each.

The `.po` files are the source of truth; they are compiled in memory when first used
(babel's own compiler), so a fresh clone needs no build step and no `.mo` goes stale.
"""

from __future__ import annotations

import io
from functools import cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("en", "es")
DEFAULT = "en"
NAMES = {"en": "English", "es": "Español"}
FOLDER = Path(__file__).with_name("translations")


def po_path(lang: str) -> Path:
    return FOLDER / lang / "LC_MESSAGES" / "messages.po"


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of `lang` (English falls back to the msgids themselves)."""
    path = po_path(lang)
    if lang not in LANGUAGES or not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return GNUTranslations(buffer)


def gettext(lang: str, message: str, **params: object) -> str:
    """`message` in `lang`, with %(name)s parameters filled in."""
    text = translations(lang).gettext(message)
    return text % params if params else text


def accept_language(header: str | None) -> str | None:
    """The first of our languages named in an Accept-Language header (by weight), if any."""
    tags = []
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if q > 0:
            tags.append((-q, i, tag.strip().lower().split("-")[0]))
    for _, _, tag in sorted(tags):
        if tag in LANGUAGES:
            return tag
    return None


def choose(setting: str | None, header: str | None) -> str:
    """The page language: the reader's own setting, else Accept-Language, else English."""
    if setting in LANGUAGES:
        return setting
    return accept_language(header) or DEFAULT
