"""Statistics, definitions and officials' speeches are not incidents; a concrete case told with
regional words ("privados de libertad") or a child sold into marriage is one."""

import pytest

from tahub.enrich.text_pipeline import enrich_texts


def enrich(text: str) -> dict:
    return enrich_texts([{"id": "t", "text": text, "url": None, "published_at": None}])[0]


@pytest.mark.parametrize("text", [
    "An estimated 27 million people are victims of human trafficking, according to the "
    "International Labour Organization. About 71 percent of them are women and girls, and "
    "forced labor is a $150 billion industry. Last year 10,000 hotline calls were made and "
    "2,000 cases were reported; police arrested 300 individuals for trafficking.",
    "Segundo dados do Ministério da Justiça, 40 por cento dos casos registados de tráfico de "
    "seres humanos envolvem crianças. A governante disse que as principais vítimas são "
    "mulheres e que o trabalho forçado e a exploração sexual são os casos mais frequentes; "
    "30 arguidos já foram julgados.",
    "Según datos de la Fiscalía, el 60 por ciento de las víctimas de trata de personas son "
    "mujeres; la explotación sexual y el trabajo forzoso son los casos más frecuentes. El "
    "número de casos registrados creció y 45 tratantes fueron condenados.",
])
def test_statistics_and_speeches_are_not_incidents(text):
    assert enrich(text)["relevant"] is False


@pytest.mark.parametrize("text", [
    "Dos funcionarios fueron privados de libertad por su presunta participación en la trata de "
    "dos adolescentes. Las autoridades lograron ubicar y rescatar a las jóvenes en un hotel, "
    "donde iban a ser entregadas a una red de prostitución.",
    "Los agentes arrestaron a una pareja que pretendía vender a la menor, de 12 años, para "
    "casarla a cambio de 2.000 euros; la niña estaba en casa de unos parientes.",
])
def test_spanish_incidents_with_regional_wording(text):
    assert enrich(text)["relevant"] is True


def test_selling_a_girl_for_marriage_is_forced_marriage():
    result = enrich("Los agentes detuvieron a la pareja, que pretendía vender a la menor para "
                    "casarla con un hombre mayor a cambio de dinero.")
    assert result["exploitation"] == ["forced_marriage"]


@pytest.mark.parametrize("text", [
    "Tres adolescentes reclutados forzadamente por un grupo armado escaparon del campamento y "
    "se entregaron al Ejército; fueron puestos bajo custodia del ICBF.",
    "Dois adolescentes aliciados por uma facção armada fugiram do acampamento e foram "
    "colocados sob proteção do Conselho Tutelar.",
    "More than 200 child soldiers were released by an armed group at a release ceremony "
    "after years of forced recruitment.",
])
def test_child_soldiers_escaping_or_released_are_incidents(text):
    assert enrich(text)["relevant"] is True
