"""Prices (amount, currency, unit) and stated ages."""

from tahub.enrich.ad_ages import find_ages
from tahub.enrich.ad_lexicon import fold
from tahub.enrich.ad_prices import find_prices
from tahub.enrich.ad_text import digitize, normalize, unobfuscate


def prices(text: str, country: str | None) -> list[tuple]:
    return [(p["amount"], p["currency"], p["unit"])
            for p in find_prices(fold(normalize(text)), country)]


def ages(text: str) -> list[int]:
    return find_ages(digitize(fold(normalize(text))), unobfuscate(text))


def test_colombian_rates_with_thousands_mil_and_dollar_sign():
    text = "Tarifas: 1 hora 150.000, media hora 100 mil, noche completa $600.000"
    assert prices(text, "CO") == [
        (150000, "COP", "hour"), (100000, "COP", "30min"), (600000, "COP", "night")]


def test_brazilian_reais_pair_each_unit_once():
    text = "R$ 200 meia hora, R$350 a hora, pernoite 1.200 reais"
    assert prices(text, "BR") == [(200, "BRL", "30min"), (350, "BRL", "hour"),
                                  (1200, "BRL", "night")]


def test_canadian_shorthand_without_currency_takes_the_local_dollar():
    assert prices("qv 80 hh 120 h 180 ovn 800", "CA") == [
        (80, "CAD", "15min"), (120, "CAD", "30min"), (180, "CAD", "hour"), (800, "CAD", "night")]
    assert prices("$80 30min, $150 1hr", "CA") == [(80, "CAD", "30min"), (150, "CAD", "hour")]


def test_a_bare_amount_is_a_price_only_within_three_characters_of_a_unit():
    assert prices("qv - 80", "CA") == [(80, "CAD", "15min")]
    assert prices("qv -  80", "CA") == []
    assert prices("80 - qv", "CA") == [(80, "CAD", "15min")]
    assert prices("80  - qv", "CA") == []
    assert prices("80, 45 qv", "CA") == [(45, "CAD", "15min")]
    assert prices("15 qv", "CA") == []  # under 20: not a price


def test_currency_words_codes_and_roses():
    assert prices("250 roses/hr", "US") == [(250, "USD", "hour")]
    assert prices("160 roses half hour", "CA") == [(160, "USD", "30min")]
    assert prices("S/ 150 la hora, 300 soles toda la noche", "PE") == [
        (150, "PEN", "hour"), (300, "PEN", "night")]
    assert prices("$1500 pesos el servicio", "MX") == [(1500, "MXN", "service")]
    assert prices("$2,000 MXN la hora", "MX") == [(2000, "MXN", "hour")]
    assert prices("USD 100 por hora", "CO") == [(100, "USD", "hour")]
    assert prices("150 lucas el rato", "CO") == [(150000, "COP", "service")]
    assert prices("$1.500 ARS la hora", "AR") == [(1500, "ARS", "hour")]
    assert prices("€ 120 la hora", "ES") == [(120, "EUR", "hour")]


def test_dollar_sign_follows_the_ad_country():
    assert prices("$150 la hora", "MX") == [(150, "MXN", "hour")]
    assert prices("$150 la hora", "CA") == [(150, "CAD", "hour")]


def test_phone_groups_and_percentages_are_not_prices():
    assert prices("whatsapp 300 123 4567 servicio 150.000", "CO") == [
        (150000, "COP", "service")]
    assert prices("servicio 300 123 4567, fotos 100% reales", "CO") == []


def test_ages_in_three_languages():
    assert ages("Hola, tengo 19 años y soy nueva") == [19]
    assert ages("Sweet Lily, 21 yo, age: 21") == [21]
    assert ages("Oi, sou a Bia, 19 anos") == [19]
    assert ages("diecinueve añitos") == [19]
    assert ages("Ashley is 20 ✨ Chloe 19 and Lily 18") == [20, 19, 18]
    assert ages("Jade 💋 42, college girl") == [42]


def test_numbers_near_age_words_that_are_not_ages():
    assert ages("tengo 20 minutos libres, open 24 hours, Atendo 24 horas") == []
    assert ages("Contáctame 57 318 731 3420, Wsp 52 1 816 922 7240") == []
    assert ages("fotos 100% reales, peso 58 kg") == []


def test_durations_are_units_not_prices():
    assert prices("disponible 24 horas, servicio 150.000", "CO") == [(150000, "COP", "service")]
    assert prices("open 24 hours, 200/hr", "CA") == [(200, "CAD", "hour")]
    assert prices("1 hora 150.000, 2 horas 250.000", "CO") == [
        (150000, "COP", "hour"), (250000, "COP", "hour")]


def test_more_english_ages():
    assert ages("I am 21 and sweet") == [21]
    assert ages("a 21-year-old student, 22 years young") == [21, 22]
    assert ages("I am 24/7 available") == []
