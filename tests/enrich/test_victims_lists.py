"""Victim counts given as lists ("seven women, five men and three children") and counts that
name only part of the group ("his wife and two children")."""

import pytest

from tahub.enrich import victims


def count(text: str, lang: str) -> int | None:
    return victims.extract([text], [lang])[0].victims_count


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "In the raid, six women, four men and three children were rescued.", 13),
    ("es", "Fueron rescatados nueve niños, cuatro mujeres y dos hombres en la operación.", 15),
    ("pt", "Os fiscais resgataram oito homens, três mulheres e dois adolescentes.", 13),
    ("en", "Officials rescued five bonded labourers and their three children from the kiln.", 8),
    ("es", "La Policía liberó a cuatro trabajadores y sus dos hijos en la finca.", 6),
])
def test_comma_lists_and_possessives_add_up(lang, text, expected):
    assert count(text, lang) == expected


def test_a_part_of_the_group_in_the_lead_is_not_the_headline():
    text = ("Acting on a complaint from a former kiln hand, officers went to free his wife and "
            "two children, among others. On Monday the team rescued nine labourers and their "
            "five children from the site.")
    assert count(text, "en") == 14


def test_suspects_made_arguidos_are_not_victims():
    text = ("O SEF constituiu arguidos dois cidadãos portugueses e identificou 25 mulheres em "
            "situação de exploração sexual numa casa de alterne.")
    result = victims.extract([text], ["pt"])[0]
    assert result.victims_count == 25
    assert result.arrested_count == 2


@pytest.mark.parametrize(("lang", "text", "victims_count", "arrested"), [
    ("pt", "A Polícia Judiciária deteve um grupo de quatro pessoas que exploravam mulheres "
           "estrangeiras; foram resgatadas 30 mulheres.", 30, 4),
    ("es", "La Policía desarticuló una banda de tres personas que explotaban a nueve mujeres "
           "en dos bares.", 9, 3),
    ("pt", "Seis pessoas que foram resgatadas relataram ameaças do patrão.", 6, None),
])
def test_people_who_exploited_others_are_the_suspects(lang, text, victims_count, arrested):
    result = victims.extract([text], [lang])[0]
    assert (result.victims_count, result.arrested_count) == (victims_count, arrested)


def test_a_breakdown_by_nationality_after_a_comma_is_not_added():
    text = "La Policía detuvo a cuatro hombres, tres colombianos y un ecuatoriano, en Quito."
    assert victims.extract([text], ["es"])[0].arrested_count == 4
