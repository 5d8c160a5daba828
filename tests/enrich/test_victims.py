import pytest

from tahub.enrich import geoparse, victims


def facts(text: str, lang: str) -> victims.VictimFacts:
    return victims.extract([text], [lang])[0]


@pytest.mark.parametrize(("lang", "text", "count", "arrested"), [
    ("en", "The police rescued six women and two children, all from Latin America. They also "
           "arrested the women's two male captors.", 8, 2),
    ("es", "La Policía rescató a doce mujeres venezolanas, entre ellas tres menores de edad, y "
           "capturó a cinco personas.", 12, 5),
    ("pt", "Foram resgatadas três vítimas e dois homens foram presos em flagrante.", 3, 2),
    ("es", "Un hombre fue capturado y 1.200 personas fueron rescatadas.", 1200, 1),
    ("en", "Twenty-six people working in slave-like conditions on two ranches have been "
           "rescued by labor inspectors.", 26, None),
    ("es", "Fue rescatada una mujer. En total, la Fiscalía identificó siete víctimas.", 7, None),
])
def test_headline_counts(lang, text, count, arrested):
    result = facts(text, lang)
    assert result.victims_count == count
    assert result.arrested_count == arrested


def test_minors_and_gender():
    result = facts("Siete niñas fueron rescatadas de un prostíbulo.", "es")
    assert result.minors is True
    assert result.victim_gender == ["female"]


def test_adults_stated():
    assert facts("Rescued were 30 adult women, all over 18.", "en").minors is False


def test_gender_of_arrested_men_is_not_the_victims():
    result = facts("Police arrested two men and rescued four girls.", "en")
    assert result.victim_gender == ["female"]
    assert result.arrested_count == 2 and result.victims_count == 4


def test_years_and_labels_are_not_counts():
    result = facts("In 2019 the case began. 15: A child was found.", "en")
    assert [c.value for c in result.counts] == [1]  # "A child", neither 2019 nor 15
    assert facts("In 2019 the case began. 15: children's rights.", "en").victims_count is None


@pytest.mark.parametrize(("lang", "text", "count", "arrested"), [
    # arrested women are not victims: the verb right after the noun decides
    ("es", "Cinco mujeres fueron detenidas en Guayaquil por explotar a menores. Las víctimas, "
           "nueve adolescentes, vendían caramelos en la calle.", 9, 5),
    ("pt", "Duas mulheres foram presas em Foz do Iguaçu. Na Espanha, 11 jovens paraguaias foram "
           "libertadas pela polícia.", 11, 2),
    # a plural nationality counts people in Spanish and Portuguese; "12 Nepali girls"
    ("pt", "Quatro brasileiras mantidas em cárcere privado foram resgatadas em Madri.", 4, None),
    ("en", "Police rescued 12 Nepali girls who were being taken across the border.", 12, None),
    # a single named victim is the headline when the lead says she was rescued
    ("pt", "Uma empregada doméstica foi resgatada após 30 anos em situação análoga à escravidão."
           " Em 2023, 250 trabalhadores foram resgatados no estado.", 1, None),
    ("es", "Las autoridades lograron rescatar a un adolescente en Villa Nueva. La Fiscalía "
           "investiga la desaparición de otros seis menores de edad.", 1, None),
])
def test_headline_counts_in_news_leads(lang, text, count, arrested):
    result = facts(text, lang)
    assert result.victims_count == count
    assert result.arrested_count == arrested


def test_rounded_headline_gives_way_to_the_exact_count():
    text = ("Over 60 women freed from brothels in Lima. Police said 67 victims were identified "
            "in the raid, among them 9 minors.")
    assert facts(text, "en").victims_count == 67
    assert facts("Más de 40 mujeres fueron rescatadas en un operativo.", "es").victims_count == 40


def test_female_nationality_gives_the_gender():
    result = facts("Sete paraguaias foram resgatadas de uma boate em Cascavel.", "pt")
    assert result.victim_gender == ["female"]


def test_plural_nationality_and_babies_are_counted_in_english():
    text = "Cambodian officials said they had rescued 23 Cambodians from fishing boats."
    assert facts(text, "en").victims_count == 23
    text = "Police said four babies were sold to couples for $5,000 each; two suspects were held."
    assert facts(text, "en").victims_count == 4


@pytest.mark.parametrize(("lang", "text", "count", "arrested"), [
    # the verb right before the count governs it, not a verb after a conjunction
    ("en", "Police rescued twelve women and arrested three men in a raid on a brothel.", 12, 3),
    ("es", "En el operativo fueron rescatadas 16 mujeres y detenidos 4 hombres que las "
           "explotaban desde 2019.", 16, 4),
    ("pt", "A operação resgatou 32 trabalhadores e prendeu 2 pessoas por trabalho escravo.", 32, 2),
    ("es", "La Policía rescató a una docena de mujeres venezolanas y detuvo a cuatro personas.",
     12, 4),
    # hundreds and thousands in words
    ("es", "La Fiscalía logró rescatar a doscientas treinta personas sometidas a trabajos "
           "forzados.", 230, None),
    ("pt", "A PF resgatou duzentas pessoas mantidas em condições análogas à escravidão.", 200,
     None),
    ("en", "Officers identified 48 potential victims of modern slavery and arrested 11 people.",
     48, 11),
    ("pt", "Fiscalização resgata 18 paraguaios em situação análoga à escravidão.", 18, None),
    # one victim, named by "a" and an age in English
    ("en", "A 17-year-old girl was rescued after she was held for two years; the 45-year-old "
           "suspect was charged.", 1, None),
])
def test_counts_with_conjunctions_words_and_single_victims(lang, text, count, arrested):
    result = facts(text, lang)
    assert result.victims_count == count
    assert result.arrested_count == arrested


def test_a_noun_followed_by_accused_is_the_suspect():
    text = ("Detienen en Tijuana a una mujer acusada de explotar sexualmente a dos menores de edad "
            "a quienes ofrecía por redes sociales.")
    assert facts(text, "es").victims_count == 2


def test_parts_joined_after_an_adjective_are_summed():
    text = "En total fueron rescatadas tres mujeres adultas y siete adolescentes."
    assert facts(text, "es").victims_count == 10


@pytest.mark.parametrize(("lang", "text", "count"), [
    # the arrested woman's age does not hide her arrest; her daughters are the victims
    ("es", "Una mujer de 45 años fue capturada en Medellín acusada de explotar sexualmente a sus "
           "dos hijas, de 13 y 15 años, quienes fueron rescatadas por el ICBF.", 2),
    ("pt", "Um casal foi preso suspeito de manter uma idosa de 72 anos em situação análoga à "
           "escravidão por 40 anos em Salvador.", 1),
    ("pt", "Três homens foram presos e sete mulheres resgatadas em uma casa de prostituição em "
           "Uberlândia, segundo a Polícia Civil.", 7),
    ("en", "A 32-year-old man was arrested and three women, aged 19 to 24, were rescued from an "
           "apartment in Queens.", 3),
    # fourth session's dev wording: citizens, a single kept victim, household workers, two
    # nationalities joined by "and", a gang's members against a family's
    ("en", "The police said they rescued more than 60 Indian citizens who were forced to work "
           "at cyber-scam call centres in Myanmar.", 60),
    ("en", "A woman has been jailed for keeping a pensioner in slavery for more than four years.",
     1),
    ("en", "The couple withheld the pay of a Nigerian nanny and kept her passport.", 1),
    ("es", "La Policía liberó a una niñera retenida durante dos años en una vivienda.", 1),
    ("en", "Police say they have rescued 23 young Thai and Laotian women who were held captive "
           "in a karaoke shop.", 23),
    ("en", "Four members of an organised crime group who recruited and exploited at least 30 "
           "vulnerable teenage girls have been convicted.", 30),
    ("en", "Seven members of a family were freed from a brick kiln owner's captivity.", 7),
    # fifth session: one victim named only as "the victim", never in the plural
    ("en", "Officers have arrested a Lebanese who allegedly trafficked a mother of three to "
           "Lebanon. The victim said the suspect promised her a monthly salary.", 1),
    ("pt", "De acordo com o MPT, a vítima foi trazida pelos empregadores do estado de "
           "Pernambuco há oito anos e trabalhava para a família sem receber salário.", 1),
    ("es", "La víctima fue trasladada a un refugio; la Fiscalía investiga a otras víctimas de "
           "la misma red.", None),
    # foreigners, crew members and garimpeiros are counted; a bare number before "were
    # rescued"; "the identification of" is finding victims
    ("en", "Authorities rescued 72 foreigners believed to have been trafficked into the country.",
     72),
    ("en", "Nine Ghanaian crew members working on a pair of British trawlers were rescued.", 9),
    ("pt", "A Polícia Federal resgatou 70 garimpeiros em situação análoga à escravidão.", 70),
    ("pt", "A organização pode ter recrutado ao menos 40 paraguaias. Pelo menos 15 foram "
           "resgatadas.", 15),
    ("pt", "A operação levou à identificação de 15 cidadãos de nacionalidade estrangeira.", 15),
    # a subgroup ("entre ellas", "Entre las personas rescatadas") is not the headline, but the
    # group after "entre as" is; "ten (10) survivors" is one number
    ("es", "Entre las personas rescatadas se encontraban dos menores de edad. Un total de 31 "
           "personas, entre ellas dos menores de edad, fueron rescatadas de dos campos.", 31),
    ("es", "Las personas –entre las que había 33 menores y una niña de 12 años- permanecían "
           "privadas de su libertad. Las autoridades rescataron a 103 centroamericanos y cinco "
           "mexicanos que eran explotados en una finca bananera.", 108),
    ("pt", "Seis catarinenses estariam entre as 15 mulheres e uma adolescente que estavam "
           "sendo mantidas em regime de escravidão sexual.", 16),
    ("en", "The NGO, with the Ghana Police Service, has rescued ten (10) survivors who were "
           "trafficked. Out of these ten (10), four were boys and six were girls.", 10),
    # a statistic of other cases is not the headline; sex slaves and factory workers are
    # counted; "submeter" is a victim verb
    ("es", "El año pasado se registraron más de 600 víctimas de trata. Un nuevo operativo de la "
           "Policía Nacional llevado a cabo en Málaga ha liberado a once mujeres.", 11),
    ("en", "Police say 10 alleged sex slaves were rescued from a brothel in raids on six inner "
           "Sydney sites yesterday. Three women and two men were arrested.", 10),
    ("en", "An inspection confirmed 17 migrant factory workers from Burma were trafficked and "
           "trapped in the factory.", 17),
    ("pt", "A polícia prendeu um boliviano de 28 anos suspeito de submeter outros quatro "
           "bolivianos a regime de escravidão.", 4),
    ("es", "La Policía rescató a 14 mujeres y a una niña en un bar.", 15),
    ("en", "No fewer than 93 Nigerians were evacuated from Mali by the National Agency for the "
           "Prohibition of Trafficking in Persons.", 93),
    ("pt", "Seis indivíduos foram detidos, no Alentejo, numa operação que identificou mais de 200 "
           "estrangeiros em situação de exploração laboral.", 200),
    ("pt", "A polícia intercetou uma carrinha que transportava 16 jovens que haviam sido "
           "recrutados no distrito de Pebane.", 16),
    ("es", "De mayo del 2010 a julio último, unas 22 personas fueron engañadas y enviadas a "
           "trabajar a Jordania.", 22),
    ("es", "Una de las madres tenía otra niña encargada con un extraño, por lo que fueron cinco "
           "los infantes rescatados.", 5),
    ("pt", "Os policiais encontraram duas pensões com 85 travestis, a maioria do Pará, que "
           "estavam presos por meio de dívida.", 85),
    ("pt", "A operação permitiu a libertação de 15 cidadãos portugueses que se encontravam numa "
           "situação de escravatura.", 15),
    # people named by where they come from
    ("es", "La Policía Federal y el Ministerio Público del Brasil rescataron a 15 compatriotas "
           "que trabajaban en una plantación de mandioca, entre ellos cuatro adolescentes.", 15),
    ("en", "The police have successfully rescued three African women who found themselves in "
           "the grips of a human trafficking network.", 3),
    ("pt", "O Ministério Público do Trabalho de Goiás resgatou 79 piauienses de trabalho análogo à "
           "escravidão em uma fazenda no município de Acreúna.", 79),
    # a group counted among a larger one, "one of the victims": parts, not the count
    ("pt", "Seis catarinenses estariam entre as 15 mulheres, uma adolescente e um travesti que "
           "estavam sendo mantidas em regime de escravidão sexual.", 17),
    ("es", "La Policía Nacional ha liberado a un total de seis mujeres con edades comprendidas "
           "entre los 30 y 40 años que eran obligadas a prostituirse.", 6),
    ("es", "La Policía Nacional desarticuló una red dedicada a la explotación sexual de mujeres "
           "procedentes de Paraguay. Una de las víctimas acababa de dar a luz. En la operación han "
           "sido liberadas 13 mujeres.", 13),
    ("pt", "Uma das vítimas é uma adolescente boliviana. Policiais Militares de São Paulo "
           "resgataram, nesta sexta-feira (10), dez pessoas que viviam em condições análogas à "
           "escravidão dentro de uma oficina de costura.", 10),
    # babies, people found, slavery victims
    ("en", "Ten potential slavery victims have been rescued in a raid on a car wash.", 10),
    ("es", "Las autoridades desarticularon una red internacional de tráfico de bebés que "
           "presuntamente ha vendido al menos 25 bebés a compradores en Singapur.", 25),
    ("es", "El caso comenzó tras la denuncia de cuatro ciudadanos venezolanos que fueron hallados "
           "en graves condiciones de hacinamiento.", 4),
    # the suspect described after a comma (en-1786); the exploited as the object (es-1244)
    ("en", "The ring's mastermind was arrested and 28 Indonesian workers were rescued. The "
           "mastermind, a 50-year-old man surnamed Huang, lured them away.", 28),
    ("es", "La Policía Nacional detiene a 43 personas de una organización que explotó "
           "laboralmente a más de un centenar de ciudadanos marroquíes.", 100),
    # more of the same, said next, adds up (en-1676, en-1798); far away it is other cases
    ("en", "Police rescued an 11-year-old child from the house. They later found 15 more "
           "children in a shed.", 16),
    ("en", "Police rescued two female victims from the apartment on Friday. Two other victims "
           "were found at a motel.", 4),
    ("en", "Police rescued 20 girls from the brothel on Friday. The suspects had been charged "
           "before. In 2019 the agency said it had found the man. Years earlier, 20 other girls "
           "were rescued in a separate case.", 20),
])
def test_who_is_counted_as_a_victim(lang, text, count):
    assert facts(text, lang).victims_count == count


def test_charged_people_are_not_the_freed_workers():
    text = ("La Fiscalía imputó a tres personas por trata laboral tras liberar a 27 trabajadores "
            "bolivianos en un taller textil de Buenos Aires.")
    assert facts(text, "es").victims_count == 27


def test_a_country_name_may_qualify_the_counted_victims():
    text = ("Police in Bangkok rescued 17 Myanmar women who had been forced to work in massage "
            "parlours and arrested the owner.")
    assert facts(text, "en").victims_count == 17


@pytest.mark.parametrize(("lang", "text", "count"), [
    ("pt", "Duas irmãs paraguaias, de 15 e 17 anos, foram libertadas de uma casa de prostituição "
           "em Ponta Porã.", 2),
    ("es", "Desarticulada en Sevilla una red que explotaba laboralmente a 40 temporeros "
           "marroquíes en el campo; la Guardia Civil detuvo a 6 personas.", 40),
])
def test_sisters_and_seasonal_workers_are_counted(lang, text, count):
    assert facts(text, lang).victims_count == count


def test_judicialised_suspects_and_the_girls_they_exploited():
    text = ("La Fiscalía de Santa Marta judicializó a dos personas por explotar sexualmente a "
            "cuatro niñas en un hotel.")
    result = facts(text, "es")
    assert result.victims_count == 4 and result.arrested_count == 2


def test_the_sellers_are_not_the_victims():
    text = ("Police joined the search for two men described as ringleaders of a group selling "
            "newborn infants to couples abroad. Investigators said 26 babies were sold.")
    assert facts(text, "en").victims_count == 26


def test_european_portuguese_alleged_victims_are_counted():
    """"as 41 alegadas vítimas" (pt-114): "alegadas" sits between number and noun."""
    assert facts("Segundo a PRM, as 41 alegadas vítimas de uma rede de tráfico de seres humanos "
                 "foram encontradas em uma residência, na cidade de Matola.", "pt"
                 ).victims_count == 41


def test_participles_between_number_and_noun_are_read_past():
    """"23 abducted children" (en-224) is a count of 23 victims."""
    assert facts("Police found 23 abducted children being kept at a house and forced to sell "
                 "trinkets on the street.", "en").victims_count == 23


def test_nationalities_the_gazetteer_lacked_are_read_past_and_placed():
    """"29 Burundian girls" (en-232): Burundi had no demonym, so the count was lost."""
    text = "Ugandan police has rescued 29 Burundian girls and arrested five suspects."
    assert facts(text, "en").victims_count == 29
    assert "BI" in geoparse.parse([text], ["en"])[0].countries


@pytest.mark.parametrize(("lang", "text", "arrested"), [
    # a total, then its breakdown (pt-115): not 18 + 13 + 5
    ("pt", "Dezoito pessoas, 13 homens e cinco mulheres, foram esta terça-feira detidas pela PJ "
           "por tráfico de pessoas.", 18),
    ("pt", "Dois indivíduos suspeitos, num caso de tráfico de pessoas, foram detidos pela PRM.", 2),
    # one person arrested, said without a number (pt-112, pt-137, es-066)
    ("pt", "O responsável pela empresa, que mantinha os trabalhadores nestas condições, foi "
           "preso.", 1),
    ("es", "Dos mujeres fueron rescatadas y el dueño del local fue detenido.", 1),
    ("en", "The owner of the bar was arrested on Friday.", 1),
    # nobody arrested is 0, not the 1 of "foi presa" (pt-170)
    ("pt", "A trabalhadora doméstica foi resgatada em Canoas. Nenhuma pessoa foi presa.", 0),
    ("en", "The girls were rescued; no one was arrested.", 0),
    ("es", "Rescataron a la menor, pero nadie fue detenido.", 0),
    ("en", "Eight workers were freed and only one was arrested.", 1),
    # a part of the arrested told after them is not the headline (es-661)
    ("es", "La actuación se ha saldado con once detenidos, cuatro de ellos en Segovia y el resto "
           "en Pamplona.", 11),
    ("en", "Eighteen ringleaders were detained during a series of raids.", 18),
    # an age is not a count (en-1026)
    ("en", "The AFP charged a 61-year-old Melbourne man in November 2019.", None),
    ("pt", "O resgate foi auxiliado pela Polícia Civil. Dois envolvidos foram presos em "
           "flagrante.", 2),
    ("pt", "A polícia prendeu, nesta quinta-feira (31), um dos acusados de pertencer a um "
           "esquema de tráfico.", 1),
    ("es", "La Policía Nacional detiene a 43 personas de una organización que explotó "
           "laboralmente a más de un centenar de ciudadanos marroquíes.", 43),
])
def test_arrests_said_as_a_breakdown_or_without_a_number(lang, text, arrested):
    assert facts(text, lang).arrested_count == arrested


def test_groups_that_happen_to_add_up_are_still_summed():
    """"once niños, cinco mujeres y seis hombres" (es-145) is 22, although 5 + 6 = 11."""
    text = ("En las incursiones once niños, cinco mujeres y seis hombres fueron rescatados y "
            "puestos a órdenes de la Fiscalía.")
    assert facts(text, "es").victims_count == 22


def test_a_count_among_a_larger_one_is_a_subgroup():
    text = ("Eight citizens of China were among nine people arrested in Indonesia on suspicion "
            "of trafficking women.")
    assert facts(text, "en").arrested_count == 9



@pytest.mark.parametrize(("lang", "text", "count"), [
    ("es", "La Guardia Civil ha desarticulado en Zamora una red dedicada a la trata de seres "
           "humanos con fines de explotación laboral. Ha detenido a seis personas y ha liberado "
           "a una veintena de víctimas.", 20),
    ("pt", "Em Antônio João, perto da fronteira com o Paraguai, onze índios foram resgatados, "
           "pois os mesmo estavam vivendo como escravos.", 11),
])
def test_approximate_counts_and_indigenous_workers(lang, text, count):
    assert facts(text, lang).victims_count == count


@pytest.mark.parametrize(("text", "count", "arrested"), [
    ("The Argentine authorities have rescued 56 immigrants, including three children, who were "
     "working in slavery in several textile mills located in the province of Buenos Aires.",
     56, None),
    ("More than 60 eastern Europeans, allegedly required to work long hours for little money, "
     "were removed from Lincolnshire leek fields yesterday morning.", 60, None),
    ("The Malawi Police in the eastern district of Machinga are keeping in custody three men for "
     "allegedly trafficking 18 Malawians to Mozambique. Sulumba added that on August 23 this "
     "month, the third suspect took 18 victims.", 18, 3),
    ("Eight people, including a police officer, were arrested on charges including human "
     "trafficking, after 31 Romani children under the age of 12 were found in a house.", 31, 8),
    ("An impromptu raid in Bartica early yesterday morning netted 27 persons suspected to be "
     "victims of human trafficking and two alleged traffickers were also detained.", 27, 2),
])
def test_immigrants_continents_custody_and_people_said_to_be_victims(text, count, arrested):
    result = facts(text, "en")
    assert (result.victims_count, result.arrested_count) == (count, arrested)


def test_the_arrested_owner_counts_one_arrest():
    text = ("Siete mujeres, cinco de ellas de nacionalidad dominicana, lograron ser rescatadas en "
            "Pehuajó. Efectivos de la Policía Federal allanaron ayer la wiskería y detuvieron al "
            "responsable del local, un argentino de 60 años.")
    assert facts(text, "es").arrested_count == 1
