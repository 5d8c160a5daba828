"""Exploitation types joined by a conjunction ("explotación laboral y sexual"), webcam-style
online exploitation without the word "webcam", and forced housework."""

import pytest

from tahub.enrich.text_pipeline import enrich_texts


def types(text: str) -> list[str]:
    return enrich_texts([{"id": "t", "text": text, "url": None, "published_at": None}])[0][
        "exploitation"]


@pytest.mark.parametrize(("text", "expected"), [
    ("La Fiscalía rescató a quince víctimas de trata con fines de explotación laboral y sexual "
     "en un campamento minero.", ["labour", "sexual"]),
    ("A Polícia Federal resgatou nove vítimas de tráfico de pessoas para exploração laboral e "
     "sexual numa fazenda.", ["labour", "sexual"]),
    ("Las jóvenes, víctimas de trata, eran obligadas a transmitir en plataformas digitales de "
     "contenido para adultos; la Policía las rescató.", ["online_sexual_exploitation"]),
    ("A polícia deteve um suspeito de tráfico de pessoas; as adolescentes eram sujeitas a "
     "trabalhos domésticos forçados em casas de familiares dele.", ["domestic_servitude"]),
])
def test_exploitation_types_in_new_wordings(text, expected):
    assert types(text) == expected
