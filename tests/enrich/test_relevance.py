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
    # arrests without any trafficking, exploitation or control word are other crime
    ("es", "other", "Por delitos de tráfico de influencias, la Fiscalía Anticorrupción detuvo "
           "al presidente municipal y a dos funcionarios. El juez libró orden de aprehensión y "
           "los imputados quedaron a disposición del juzgado; la Fiscalía pidió prisión "
           "preventiva tras la captura."),
    # "grooming", the online solicitation of a child, is its own offence in Spanish news
    ("es", "other", 'La Guardia Civil ha detenido a 7 varones e investiga a otros cuatro, '
           'acusados de "grooming" o "ciberacoso sexual", como supuestos autores de un delito '
           'contra la libertad e indemnidad sexual de una joven de 14 años, que tiene su '
           'domicilio en una villa del norte de la provincia de Pontevedra.'),
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


@pytest.mark.xfail(strict=True, reason="known regression: relearnt on 3,040 dev texts the trainer "
                   "picks incident margin 0 (five of six fold seeds favour it over 0.25), and "
                   "this two-sentence report with one rescue word scores 0.54")
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


# Incidents written the way agencies and local papers write them, with the inflections and
# synonyms an analyst reads past: present-tense headlines ("Capturan", "prende", "resgata"),
# pronoun-attached infinitives ("explotarlas"), venue words ("club de alterne").
PHRASED_INCIDENTS = [
    ("es", "Capturan en Quito a alias 'el Flaco', señalado de reclutar a jóvenes colombianas con "
           "falsas ofertas de empleo para someterlas a explotación sexual en Ecuador."),
    ("es", "Agentes de la Guardia Civil han liberado a seis víctimas de trata, todas de "
           "nacionalidad paraguaya, en un club de alterne de Murcia; cuatro personas fueron "
           "detenidas."),
    ("es", "Desarticulan una banda que obligaba a mendigar a niños rumanos en las calles de "
           "Madrid; cinco detenidos."),
    ("es", "Fue condenado a 15 años de prisión un hombre que captaba a adolescentes en Santa Cruz "
           "para explotarlas sexualmente en locales nocturnos de Buenos Aires."),
    ("pt", "Polícia Civil prende casal suspeito de explorar sexualmente adolescentes em Belém; "
           "quatro meninas foram resgatadas."),
    ("pt", "PF deflagra operação e desarticula quadrilha que aliciava mulheres goianas para "
           "casas de prostituição na Espanha."),
    ("en", "A court in Ghana convicted two men of trafficking three children to work on fishing "
           "boats on Lake Volta."),
    ("en", "Vietnamese police arrested 7 people who lured women to China with promises of "
           "marriage and sold them as brides."),
]


@pytest.mark.parametrize(("lang", "text"), PHRASED_INCIDENTS)
def test_incidents_in_everyday_news_phrasing(lang, text):
    fact = relevance.score([text], [lang])[0]
    assert fact.relevant, fact.cues


PHRASED_NEGATIVES = [
    # a law's penalty ("años de prisión") is not a sentence handed down
    ("es", "La Cámara aprobó la reforma de la ley contra la trata de personas; el artículo 3 "
           "establece que quien capte personas con fines de explotación sexual será sancionado "
           "con 10 a 20 años de prisión."),
    ("es", "La esclavitud en América colonial: una exposición del museo recorre tres siglos de "
           "historia."),
    ("pt", "Escravidão no Brasil colonial: historiadores lançam livro sobre o tráfico negreiro e "
           "a resistência nos quilombos."),
    ("pt", "Levantamento do Ministério do Trabalho mostra que o número de resgatados de trabalho "
           "escravo em 2023 foi o maior em 14 anos; Minas Gerais lidera o ranking."),
    ("en", "Experts say many migrants are vulnerable to trafficking and forced labour, and often "
           "end up in debt bondage, a new report finds."),
    ("en", "A new museum exhibit explores the history of the transatlantic slave trade and "
           "slavery in the Americas."),
    # smuggled migrants in inhumane conditions: no exploitation, no trafficking incident
    ("es", "El INM rescató a 130 migrantes centroamericanos que viajaban hacinados y en "
           "condiciones inhumanas en la caja de un tráiler en Veracruz; el chofer fue detenido."),
    ("en", "Border Patrol agents rescued 60 migrants found in inhumane conditions inside a "
           "tractor-trailer near San Antonio; the driver was arrested on human smuggling charges."),
    pytest.param("en", "The documentary follows survivors of sex trafficking in Cambodia who were "
                 "rescued from brothels years ago.", marks=pytest.mark.xfail(
                     strict=True, reason="known regression: relearnt on 2,590 dev texts, the "
                     "model reads this one-sentence documentary blurb as an incident (0.62)")),
    # "tráfico de pessoas" in a headline about coyotes is smuggling
    ("pt", "PF deflagra operação contra tráfico de pessoas para os EUA. Segundo a Polícia Federal, "
           "os coiotes cobravam até US$ 20 mil por migrante para atravessar a fronteira do México "
           "de forma ilegal. Foram cumpridos cinco mandados de prisão em Governador Valadares."),
]


@pytest.mark.parametrize(("lang", "text"), PHRASED_NEGATIVES)
def test_law_history_and_statistics_stay_negative(lang, text):
    fact = relevance.score([text], [lang])[0]
    assert not fact.relevant, fact.cues


def test_means_of_control_count_as_evidence_of_exploitation():
    hits = []
    without = relevance.classify(hits, exploitation_hits=0, control_hits=0)
    with_control = relevance.classify(hits, exploitation_hits=0, control_hits=2)
    assert with_control.score > without.score


def test_series_and_episode_are_not_film_words_in_news():
    text = ("La Policía Nacional ejecutó una serie de allanamientos y capturó a cinco integrantes "
            "de una red de explotación sexual infantil en Medellín.")
    assert "media" not in relevance.score([text], ["es"])[0].cues
    text = ("A PF investiga um episódio de tráfico de pessoas: a mãe tentou vender o bebê pelas "
            "redes sociais e foi presa.")
    fact = relevance.score([text], ["pt"])[0]
    assert "media" not in fact.cues and fact.relevant


def test_a_release_of_child_soldiers_is_an_incident():
    """en-737: "Myanmar's military has released 75 child soldiers"."""
    text = ("Myanmar releases 75 more child soldiers: UNICEF. YANGON: Myanmar's military has "
            "released 75 child soldiers, a UN agency said, as part of a gradual process to end "
            "decades of forced recruitment of under age fighters.")
    assert relevance.score([text], ["en"])[0].relevant


def test_migrants_without_travel_documents_are_smuggling():
    """en-870-like: migrants on the way to South Africa, nothing said of exploitation."""
    text = ("51 Ethiopian nationals were intercepted by immigration officers in a suspected case "
            "of human trafficking en route to South Africa. The immigrants, who had entered the "
            "country illegally without valid travel documents, were detained.")
    fact = relevance.score([text], ["en"])[0]
    assert not fact.relevant and fact.kind == "migrant_smuggling"


def test_the_first_sentence_tells_an_arrest_from_a_statistic():
    """The same two sentences: an arrest announced first is news of it; totals announced
    first, with the arrest below, are a statistics piece."""
    arrest = ("Police in Lagos rescued 23 girls from a trafficking ring on Tuesday and arrested "
              "four suspects.")
    totals = ("Trafficking cases reported so far this year reached a record number, according "
              "to an annual report by the agency, with thousands of victims estimated "
              "nationwide.")
    first, second = relevance.score([f"{arrest} {totals}", f"{totals} {arrest}"], ["en", "en"])
    # five statistics cues after one arrest keep the arrest-first text near the threshold
    # (0.53 to 0.66 as dev grew); the order moves it from a sure statistic to an incident
    assert first.relevant and first.score - second.score > 0.4
    assert second.kind == "awareness_or_policy"


def test_period_totals_and_records_read_as_statistics():
    text = ("Resgates de trabalhadores em condição análoga à escravidão batem recorde no primeiro "
            "semestre: fiscais resgataram 1.443 pessoas desde o início do ano, o maior número em "
            "12 anos.")
    fact = relevance.score([text], ["pt"])[0]
    assert not fact.relevant and fact.kind == "awareness_or_policy"


@pytest.mark.parametrize(("lang", "text"), [
    ("pt", "Uma menina de 13 anos vendida pelo padrasto foi resgatada pela polícia em Belém; o "
           "suspeito foi preso."),
    ("es", "Rescatan a dos niñas indígenas que eran explotadas como empleadas domésticas en una "
           "vivienda de Cusco; una mujer fue detenida."),
    ("es", "Capturan en Guayaquil a cinco integrantes de una banda que reclutaba menores para "
           "venderlas como esposas a hombres adultos; cuatro adolescentes fueron rescatadas."),
])
def test_sold_by_a_relative_exploited_as_maids_sold_as_wives(lang, text):
    assert relevance.score([text], [lang])[0].relevant


def test_a_mother_selling_her_newborn_is_an_incident():
    text = ("Condenan a 20 años de prisión a una mujer que vendió a su bebé recién nacido a una "
            "pareja en Monterrey.")
    assert relevance.score([text], ["es"])[0].relevant


def test_selling_a_woman_to_a_brothel_is_an_incident():
    text = "Two Nepali men were jailed in Kathmandu for selling a woman to a brothel in Mumbai."
    assert relevance.score([text], ["en"])[0].relevant


def test_on_topic_needs_trafficking_and_an_event_and_no_other_topic():
    assert relevance.features({"trafficking": 1, "incident": 1})["on_topic"] == 1.0
    assert relevance.features({"trafficking": 1, "incident": 1, "drugs": 1})["on_topic"] == 0.0
    assert relevance.features({"trafficking": 1, "incident": 1, "awareness": 1})["on_topic"] == 0.0
    assert relevance.features({"trafficking": 2})["on_topic"] == 0.0


def test_a_count_over_a_period_reads_as_statistics():
    """Totals over a period ("nos últimos dez anos") are a statistics piece even though they
    count rescued victims and cases taken to court."""
    text = ("Nos últimos dez anos, Angola contabilizou pouco mais de 200 casos de tráfico de seres "
            "humanos, sendo que 50% das vítimas foram resgatadas e devolvidas às suas famílias, "
            "informou Edvalda dos Santos, directora nacional dos Direitos Humanos. A responsável "
            "abordou o tema durante a abertura de uma formação destinada a capacitar agentes de "
            "defesa e segurança no combate a este crime, um evento organizado pelo Governo em "
            "colaboração com o Escritório das Nações Unidas contra Drogas e Crimes (UNODC).")
    fact = relevance.score([text], ["pt"])[0]
    assert fact.cues.get("period") == 1
    assert not fact.relevant and fact.kind == "awareness_or_policy"


def test_period_cues_take_any_year():
    doc_cues = relevance.score(["Entre 2017 e 2025, 238 brasileiros foram resgatados em "
                                "operações policiais após serem vítimas de tráfico de pessoas."],
                               ["pt"])[0].cues
    assert doc_cues.get("period") == 1



def test_period_cues_take_a_number_in_digits():
    fact = relevance.score(["O MTE divulgou dados: 3.190 trabalhadores foram resgatados de "
                            "condições semelhantes à escravidão, o maior número registrado nos "
                            "últimos 14 anos."], ["pt"])[0]
    assert fact.cues.get("period") == 1


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "KUWAIT CITY - Some 286 distressed Overseas Filipino Workers (OFWs) were repatriated "
           "to the Philippines by the Philippine Embassy in Kuwait on August 2, 2022 on a "
           "chartered flight."),
    ("pt", "Mais de 40 trabalhadores foram resgatados de condições análogas à escravidão no Pará "
           "ao longo do último ano, segundo dados das forças-tarefas de combate ao trabalho "
           "escravo."),
])
def test_words_no_cue_names_tell_a_flight_home_or_a_balance_from_a_rescue(lang, text):
    """A repatriation flight and a year's balance use a rescue's cue words; their other words
    (learnt with the cue weights) tell them apart."""
    assert not relevance.score([text], [lang])[0].relevant


def test_a_text_without_an_event_word_is_no_incident_however_the_words_lean():
    scores = dict.fromkeys(relevance.KINDS, 0.0) | {"incident": 3.0, "awareness_or_policy": 1.0}
    assert relevance.decide(scores, 0.0) == ("incident", 2.0)
    assert relevance.decide(scores, 0.0, event=False) == ("awareness_or_policy", 0.0)
    fact = relevance.score(["A new museum exhibit explores the history of slavery."], ["en"])[0]
    assert not fact.cues.get("incident") and not fact.relevant and fact.score <= 0.5
