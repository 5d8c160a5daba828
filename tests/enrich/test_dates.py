import pytest

from tahub.enrich import dates


@pytest.mark.parametrize(("lang", "text", "published", "expected"), [
    ("es", "La Policía rescató el pasado martes a doce mujeres.", "2023-05-14", "2023-05-09"),
    ("es", "En la madrugada del 24 de marzo se llevó a cabo el operativo.", "2021-03-25",
     "2021-03-24"),
    ("en", "The police rescued six women on Thursday in Chaguanas.", "2022-09-16", "2022-09-15"),
    ("en", "On September 15, 2022 police raided a bar.", None, "2022-09-15"),
    ("en", "Women were rescued in May.", "2023-08-01", "2023-05"),
    ("pt", "A operação foi deflagrada há três semanas em Belém.", "2023-05-14", "2023-04-23"),
    ("pt", "Ontem, a PF resgatou 12 trabalhadores.", "2024-02-10", "2024-02-09"),
    ("es", "Hace dos meses fueron detenidos.", "2023-05-14", "2023-03"),
])
def test_incident_dates(lang, text, published, expected):
    fact = dates.incident_dates([text], [lang], [published])[0]
    assert fact is not None and fact.value == expected
    assert text[fact.start:fact.end] == fact.text


def test_may_the_verb_is_not_a_month():
    assert dates.incident_dates(["Police may raid the farm."], ["en"], ["2023-08-01"]) == [None]


def test_future_dates_are_hearings_not_incidents():
    text = "The trial will open on 3 March 2030."
    assert dates.incident_dates([text], ["en"], ["2024-01-01"]) == [None]


def test_relative_words_need_a_publication_date():
    assert dates.incident_dates(["Ayer rescataron a tres mujeres."], ["es"], [None]) == [None]
