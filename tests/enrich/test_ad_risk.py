"""Risk indicators with their evidence, and a score that leaves independent adults alone."""

import pytest

from tahub.enrich.ad_lexicon import INDICATORS, fold
from tahub.enrich.ad_risk import FLAG_THRESHOLD, WEIGHTS, find_indicators, score
from tahub.enrich.ad_text import detect_lang, normalize
from tahub.enrich.ads import extract_ads


def indicators(text: str, country: str = "CO") -> dict[str, str]:
    clean = normalize(text)
    folded = fold(clean)
    found = find_indicators(clean, folded, country, lang=detect_lang(folded))
    return {i["name"]: i["evidence"] for i in found}


INDEPENDENT = [
    ("es", "CO", "Hola amor, soy Camila, mujer madura de 37 años. Atiendo en mi apartamento o "
                 "en tu hotel. Media hora 80.000, hora 150.000. Solo con preservativo. "
                 "Contáctame 318 731 3420"),
    ("es", "MX", "¿Buscas compañía? Soy Karla, 40 años, muy limpia y educada. Recibo en mi apto "
                 "en la Condesa o voy a tu hotel. $1,500 la hora. Wsp 55 5828 5923"),
    ("es", "PE", "Soy Milagros, trabajo sola, sin intermediarios. Masajes relajantes, visitas a "
                 "hoteles en Miraflores. S/ 150 la hora. Nunca sin condón. Cel 987 654 321"),
    ("pt", "BR", "Oi amores, sou a Bia, 29 anos, atendo em local próprio e motel. R$ 200 meia "
                 "hora, R$ 350 a hora. Sempre com camisinha. Zap (11) 98765-4321"),
    ("pt", "BR", "Thaís, 34 anos, universitária. Vou ao seu hotel em Moema. 300 reais a hora. "
                 "Não atendo número privado. Ligue 21973552731"),
    ("pt", "BR", "Sou a Renata, independente, atendo sozinha no meu flat. Programa R$ 250. "
                 "Só com preservativo. Whats 31 98632 9884"),
    ("en", "CA", "Hi guys, I'm Lily, 27, independent, no agency. Incall downtown or outcall to "
                 "your hotel. 200/hr. Always safe. Text 647-555-0170"),
    ("en", "CA", "Jade, 42, college girl. I offer relaxing massage and great conversation. "
                 "Private incall in the Glebe. Donation $200/hr. Call me 1-613-555-0100"),
    ("en", "US", "Sweet and classy mature lady, I am my own boss. Hotel outcalls only, no rush. "
                 "Email me at jade.star46 [at] example [dot] org"),
]


@pytest.mark.parametrize(("lang", "country", "text"), INDEPENDENT)
def test_first_person_adult_ads_are_not_flagged(lang, country, text):
    [out] = extract_ads([{"id": "x", "text": text, "country": country}])
    assert out["lang"] == lang
    assert {i["name"] for i in out["indicators"]} <= {"hotel"}
    assert out["risk"] < 0.5


def test_agency_ads_with_control_signs_are_flagged():
    texts = [
        ("Agencia VIP presenta a sus chicas en Monterrey ✨ Catalina, colegiala, recién cumplió "
         "18 años ✨ Disponibles 24/7 ✨ Ella no sale sola, va con acompañante", "MX"),
        ("As novinhas de Curitiba te esperam, Venezuelanas recém chegadas, Jéssica tem 18 anos, "
         "Só saídas com nosso motorista, Disponíveis 24h", "BR"),
        ("New girls every week, young Asian girls new from overseas, she is 19, ask for the "
         "manager, bareback extra", "CA"),
    ]
    for text, country in texts:
        [out] = extract_ads([{"id": "x", "text": text, "country": country}])
        assert out["risk"] >= FLAG_THRESHOLD, out["reasons"]
        assert len(out["reasons"]) == len(out["indicators"])


def test_each_indicator_with_its_evidence_in_spanish():
    found = indicators(
        "Nuevas chicas venezolanas recién llegadas, ella es muy complaciente, disponibles las "
        "24 horas, servicio sin condón, solo salidas con nuestro conductor, de paso por pocos "
        "días, promoción 2x1, habitación de hotel incluida, jovencitas", "CO")
    assert found == {
        "new_in_town": "recién llegadas", "youth": "jovencitas", "third_person": "ella es",
        "multiple_workers": "nuevas chicas venezolanas", "foreign_origin": "venezolanas",
        "restricted_movement": "con nuestro conductor", "always_available": "las 24 horas",
        "unprotected_services": "sin condón", "touring": "de paso",
        "hotel": "hotel", "price_discount": "promoción",
    }


def test_indicators_in_portuguese_and_english():
    pt = indicators("Novinha recém chegada, ela atende 24h, temos várias garotas, sem camisinha, "
                    "de passagem, com nosso motorista, promoção no motel", "BR")
    assert set(pt) == {"youth", "new_in_town", "third_person", "always_available",
                       "multiple_workers", "unprotected_services", "touring",
                       "restricted_movement", "price_discount", "hotel"}
    en = indicators("Just arrived! Barely legal, she's available 24/7, our girls do bbbj, "
                    "on tour, exotic, 2 for 1 special, hotel incall, driver will bring her", "CA")
    assert set(en) == {"new_in_town", "youth", "third_person", "always_available",
                       "multiple_workers", "unprotected_services", "touring",
                       "foreign_origin", "price_discount", "hotel", "restricted_movement"}


def test_negated_indicators_do_not_count():
    assert indicators("Nunca sin condón, no hago sin preservativo, no hoteles") == {}
    assert indicators("No agency, no bareback, always safe", "CA") == {}
    assert indicators("Sempre com camisinha, sem cafetão", "BR") == {}
    # Portuguese "no" means "in the": not a negation
    assert "hotel" in indicators("Levamos e buscamos no seu hotel", "BR")


def test_nationality_is_foreign_only_outside_its_country():
    assert "foreign_origin" not in indicators("Soy colombiana, paisa de Medellín", "CO")
    assert indicators("Soy colombiana, paisa de Medellín", "PE")["foreign_origin"] == "colombiana"
    assert "foreign_origin" in indicators("Latina caliente", "CA")
    assert "foreign_origin" not in indicators("Latina caliente", "MX")
    assert "foreign_origin" not in indicators("Sou a Thaís, 34 anos", "BR")


def test_score_is_a_documented_noisy_or_with_reasons():
    found = [{"name": "third_person", "evidence": "ella es"},
             {"name": "multiple_workers", "evidence": "nuestras chicas"}]
    risk, reasons = score(found)
    expected = 1 - (1 - WEIGHTS["third_person"]) * (1 - WEIGHTS["multiple_workers"])
    assert risk == pytest.approx(expected, abs=1e-3)
    assert reasons[0].startswith("third_person +") and "«ella es»" in reasons[0]
    assert score([]) == (0.0, [])


def test_a_stated_minor_age_sets_the_floor():
    risk, reasons = score([], ages=[17])
    assert risk >= 0.9 and "under 18" in reasons[0]


def test_no_single_indicator_flags_an_ad_on_its_own():
    assert set(WEIGHTS) == set(INDICATORS)
    assert all(w < FLAG_THRESHOLD for w in WEIGHTS.values())


def test_two_named_women_with_ages_are_multiple_workers():
    """The English 'Name 21 and Name 23' form once held a doubled backslash and never matched."""
    from tahub.enrich.ads import extract_ads

    ad = extract_ads([{"id": "x", "text": "Sofia 21 and Maria 23 waiting for you downtown, "
                       "incall only", "country": "CA"}])[0]
    assert "multiple_workers" in {i["name"] for i in ad["indicators"]}
