from tahub.enrich import language


def test_detects_the_three_languages_of_real_news_sentences():
    texts = [
        "Police rescued six women and two children in a raid in Chaguanas on Thursday, and "
        "arrested the two men who held them.",
        "La Policía Nacional rescató a siete menores de edad que eran explotadas sexualmente "
        "en el barrio Santa Fe de Bogotá y capturó a ocho personas.",
        "A Polícia Federal resgatou quatro trabalhadores que estavam sendo mantidos em "
        "condições análogas à escravidão em uma fazenda no Pantanal.",
        "La police a démantelé un réseau de traite des êtres humains et libéré dix femmes "
        "qui étaient exploitées dans des salons de massage.",
    ]
    assert [f.lang for f in language.detect(texts)] == ["en", "es", "pt", "fr"]


def test_short_ambiguous_text_falls_back_to_lingua():
    fact = language.detect(["Rescatadas en Cartagena"])[0]
    assert fact.lang == "es"
    assert "lingua" in fact.method


def test_empty_text_is_undetermined():
    assert language.detect([""])[0].lang == "und"
