import pytest

from tahub.enrich import relevance

INCIDENTS = [
    ("en", "Police arrested two men and rescued eight women in a human trafficking raid in "
           "Chaguanas; the victims had been forced into prostitution."),
    ("es", "La Fiscalía capturó a cinco presuntos integrantes de una red de trata de personas que "
           "explotaba sexualmente a mujeres venezolanas en Cartagena; doce víctimas fueron "
           "rescatadas."),
    ("pt", "Operação da Polícia Federal resgatou 20 trabalhadores em condições análogas à "
           "escravidão em uma fazenda do Pará; o empregador foi preso em flagrante."),
]

HARD_NEGATIVES = [
    ("en", "awareness_or_policy", "On World Day against Trafficking in Persons, the ministry "
           "launched an awareness campaign and a new national action plan to prevent human "
           "trafficking."),
    ("en", "drug_trafficking", "Police seized 400 kilos of cocaine and arrested three drug "
           "traffickers linked to a cartel smuggling narcotics through the port."),
    ("en", "other", "Ten SEO tips to boost your website traffic: improve page views, reduce your "
           "bounce rate and let search engines find you."),
    ("en", "other", "The club completed the signing of the striker for a transfer fee of 40 "
           "million euros; the player joins on a five-year contract."),
    ("es", "arms_or_wildlife_trafficking", "La Policía Ambiental incautó 200 tortugas y aves de "
           "fauna silvestre en un operativo contra el tráfico de especies en Cartagena."),
    ("es", "migrant_smuggling", "Detienen a dos polleros por tráfico de migrantes: llevaban a "
           "40 migrantes indocumentados en la caja de un tráiler hacia la frontera."),
    ("pt", "drug_trafficking", "A PF apreendeu 300 quilos de cocaína e prendeu dois "
           "traficantes de drogas em Santos."),
    ("pt", "awareness_or_policy", "Campanha de conscientização marca o Dia Mundial de "
           "Enfrentamento ao Tráfico de Pessoas com palestras e seminário sobre prevenção."),
]


@pytest.mark.parametrize(("lang", "text"), INCIDENTS)
def test_concrete_incidents_are_relevant(lang, text):
    fact = relevance.score([text], [lang])[0]
    assert fact.relevant and fact.kind == "incident"
    assert fact.score > 0.5
    assert fact.evidence  # the cues that fired, with offsets


@pytest.mark.parametrize(("lang", "kind", "text"), HARD_NEGATIVES)
def test_hard_negatives_are_not_relevant(lang, kind, text):
    fact = relevance.score([text], [lang])[0]
    assert not fact.relevant
    assert fact.kind == kind
    assert fact.score < 0.5


def test_se_trata_de_is_not_trafficking():
    text = "Se trata de una nueva ley de tránsito; el gobierno presentó el proyecto."
    fact = relevance.score([text], ["es"])[0]
    assert "trafficking" not in fact.cues


def test_child_abuse_file_possession_is_not_a_trafficking_incident():
    text = ("A Polícia Federal prendeu em flagrante um homem em Campinas por armazenar mais de "
            "5 mil arquivos de pornografia infantil no computador; ele responde por posse de "
            "material de abuso sexual infantil.")
    fact = relevance.score([text], ["pt"])[0]
    assert not fact.relevant and fact.kind == "other"


def test_statistics_report_is_not_an_incident():
    text = ("Traffickers force at least 300,000 children to beg every year, a new report said. "
            "Police rescued thousands across the country, the authors said, urging more "
            "surveillance.")
    fact = relevance.score([text], ["en"])[0]
    assert not fact.relevant


def test_portuguese_arrest_verbs_make_an_incident():
    text = ("A Polícia Judiciária deteve três pessoas por lenocínio e libertou sete mulheres "
            "brasileiras numa casa de alterne em Bragança.")
    fact = relevance.score([text], ["pt"])[0]
    assert fact.relevant


def test_trafico_de_personas_towards_the_border_is_smuggling():
    text = ("La Policía realizó un operativo para capturar a 15 integrantes de una red dedicada "
            "al tráfico de personas en San Miguel y Usulután. Las víctimas eran trasladadas de "
            "manera ilegal hacia Estados Unidos.")
    fact = relevance.score([text], ["es"])[0]
    assert not fact.relevant and fact.kind == "migrant_smuggling"
