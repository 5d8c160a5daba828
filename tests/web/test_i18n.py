"""The catalogues: every message in the templates and pages has a Spanish translation,
with the same %(placeholders)s, and the language negotiation picks the right one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tahub.web import i18n

WEB = Path(i18n.__file__).parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _messages() -> set[str]:
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(WEB), method_map, options,
                                                keywords={"_": None, "gettext": (2,)}):
        if isinstance(message, str) and message:
            found.add(message)
    return found


def test_every_message_has_a_spanish_translation_with_the_same_placeholders() -> None:
    with i18n.po_path("es").open("rb") as handle:
        spanish = {m.id: m.string for m in read_po(handle) if m.id}
    messages = _messages()
    assert len(messages) > 50
    missing = sorted(m for m in messages if not spanish.get(m))
    assert missing == []
    for message in messages:
        assert set(PLACEHOLDER.findall(message)) == set(PLACEHOLDER.findall(spanish[message])), \
            message


@pytest.mark.parametrize(("setting", "header", "expected"), [
    (None, "es-CO,es;q=0.9,en;q=0.8", "es"),
    (None, "en-GB,en;q=0.9,es;q=0.8", "en"),
    (None, "fr-FR,pt;q=0.9,es;q=0.5", "es"),
    (None, "es;q=0.2, en;q=0.9", "en"),
    (None, "es;q=0", "en"),
    (None, None, "en"),
    ("es", "en-GB", "es"),
    ("xx", "es-MX", "es"),
])
def test_language_is_the_setting_else_accept_language(setting, header, expected) -> None:  # type: ignore[no-untyped-def]
    assert i18n.choose(setting, header) == expected


def test_gettext_fills_parameters_in_the_language() -> None:
    assert i18n.gettext("es", "Too many attempts. Try again in %(seconds)s seconds.",
                        seconds=30) == "Demasiados intentos. Vuelva a intentarlo en 30 segundos."
    assert i18n.gettext("en", "Log in") == "Log in"
