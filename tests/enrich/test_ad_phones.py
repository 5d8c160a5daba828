"""Phones in ads: every obfuscation readers meet, and every number that is not a phone."""

import pytest

from tahub.enrich.ad_lexicon import fold
from tahub.enrich.ad_phones import find_phones
from tahub.enrich.ad_text import digitize, normalize


def phones(text: str, country: str | None) -> list[str]:
    return find_phones(digitize(fold(normalize(text))), country)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # separators: spaces, dots, dashes, brackets, emoji
        ("Llámame 300 123 4567 amor", "CO", "+573001234567"),
        ("cel 987.654.321 solo whatsapp", "PE", "+51987654321"),
        ("call (613) 555-0123 anytime", "CA", "+16135550123"),
        ("📞 300 💋 123 💋 4567", "CO", "+573001234567"),
        ("Reservas +57 302🔥405🔥8850", "CO", "+573024058850"),
        ("Agendamentos +55 41•96447•3559", "BR", "+5541964473559"),
        # words, mixed with digits and look-alikes
        ("wsp: tres cero cero 12e 45 sесenta y 7", "CO", "+573001234567"),
        ("Citas al nueve nueve ocho dos uno dos 4713", "MX", "+529982124713"),
        ("zap um um nove dois meia cinco três sete oito três nove", "BR", "+5511926537839"),
        ("text me six one three five five five zero one two three", "CA", "+16135550123"),
        ("call six one three, five five five, oh one two three", "CA", "+16135550123"),
        ("llámame al tres cero uno, dos tres cuatro, cinco seis siete ocho", "CO",
         "+573012345678"),
        ("wsp: +57 3OO 123 45 67", "CO", "+573001234567"),
        ("Citas al +52 1 998 2l2 47I3", "MX", "+529982124713"),
        # fullwidth, circled, keycap digits
        ("Pregunta por Don Carlos al ３１１１９９６３０５", "CO", "+573111996305"),
        ("+57③①⑧ ③⑥③ ⑤③⑦⑤", "CO", "+573183635375"),
        ("Citas al +52 1 5️⃣5️⃣ 4️⃣0️⃣7️⃣5️⃣ 3️⃣9️⃣9️⃣8️⃣", "MX", "+525540753998"),
        # country code variants
        ("Wsp 0057 3207395418", "CO", "+573207395418"),
        ("Contáctame 57 318 731 3420", "CO", "+573187313420"),
        ("+52 1 55 1234 5678", "MX", "+525512345678"),
        ("llama 044 55 1234 5678", "MX", "+525512345678"),
        ("wa.me/573001234567", "MX", "+573001234567"),
        ("visiting from Toronto +1 416 555 0142", "CO", "+14165550142"),
        # no country on the ad: the fallback regions (Colombia first)
        ("cel 3001234567", None, "+573001234567"),
    ],
)
def test_obfuscated_phones_come_out_as_e164(text, country, expected):
    assert phones(text, country) == [expected]


def test_fictional_555_01xx_numbers_are_kept():
    assert phones("Skye 27, discreet 📱 647-555-0170", "CA") == ["+16475550170"]
    assert phones("Call me 1-613💋555💋0100", "CA") == ["+16135550100"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Mis tarifas: media hora 80.000 y hora 150.000, noche $600.000", "CO"),
        ("R$ 200 meia hora, R$ 350 a hora, pernoite 1.200 reais", "BR"),
        ("desde $100.000 el rato, 150 mil la hora", "CO"),
        ("medidas 90-60-90, 1.65 de altura, 58 kg", "PE"),
        ("medidas 90 60 90 165 de estatura", "PE"),
        ("tengo 22 años, edad: 21, 19 yo", "PE"),
        ("Horario: 9 am a 7 pm, de 10:00 a 22:00, 10pm", "CO"),
        ("actualizado el 15/04/2025, desde 2025-04-15", "PE"),
        ("ref 987654321, anuncio nº 3391, Ref #44190, ID 99230", "PE"),
        ("código postal 06700, cp 11560", "MX"),
        ("fotos 100% reales, 100% real", "CO"),
    ],
)
def test_numbers_that_are_not_phones(text, country):
    assert phones(text, country) == []


def test_a_phone_survives_its_non_phone_neighbours():
    text = "tarifa 150.000 la hora, medidas 90-60-90, 1.65, 22 años, 22:00, ref 12345678, " \
           "cel 987 654 321"
    assert phones(text, "PE") == ["+51987654321"]
    assert phones("$80.000 30 min 3001234567", "CO") == ["+573001234567"]
    assert phones("llámame a las diez 3001234567", "CO") == ["+573001234567"]
    assert phones("300 123 4567 150.000", "CO") == ["+573001234567"]


def test_two_numbers_in_one_ad_in_order_without_repeats():
    text = "Wsp 55 5828 5923 💋 Wsp (81) 6922-7240 💋 o al 55 5828 5923"
    assert phones(text, "MX") == ["+525558285923", "+528169227240"]


def test_validity_is_phonenumbers_own_verdict_for_shared_and_single_country_codes():
    """ad_phones decides validity from phonenumbers' metadata with its patterns compiled
    once; it must agree with `is_valid_number` everywhere, including country codes shared
    by many regions (+1, +7, +44) whose region is picked by leading digits or by type."""
    import random

    import phonenumbers
    from phonenumbers import PhoneNumber

    from tahub.enrich.ad_phones import _validity

    rng = random.Random(3)
    checked = valid = 0
    for cc in (1, 7, 44, 47, 52, 54, 55, 57, 51, 61, 262, 590, 599):
        check = _validity(cc)
        assert check is not None
        seeds = set()
        for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[cc]:
            md = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
            for name in ("fixed_line", "mobile", "toll_free", "premium_rate", "voip"):
                desc = getattr(md, name, None) if md else None
                if desc is not None and desc.example_number:
                    seeds.add(desc.example_number)
        for seed in sorted(seeds):
            for _ in range(40):
                digits = list(seed)
                digits[rng.randrange(len(digits))] = str(rng.randrange(10))
                if rng.random() < 0.2:
                    digits.append(str(rng.randrange(10)))
                national = "".join(digits)
                if national[0] == "0":
                    continue
                expected = phonenumbers.is_valid_number(
                    PhoneNumber(country_code=cc, national_number=int(national)))
                assert check(national) == expected, (cc, national)
                checked += 1
                valid += expected
    assert checked > 2000 and 0.2 * checked < valid < 0.9 * checked
    assert _validity(800) is None  # non-geographic: phonenumbers itself decides
