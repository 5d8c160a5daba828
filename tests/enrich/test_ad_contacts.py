"""Emails and handles, plain and spelled out."""

from tahub.enrich.ad_contacts import find_emails, find_handles
from tahub.enrich.ad_lexicon import fold
from tahub.enrich.ad_text import normalize


def emails(text: str) -> list[str]:
    return find_emails(fold(normalize(text)))


def handles(text: str) -> set[tuple[str, str]]:
    return {(h["platform"], h["handle"]) for h in find_handles(fold(normalize(text)))}


def test_plain_emails_are_lowercased():
    assert emails("Correo: Karla.Luna76@Example.org 💋") == ["karla.luna76@example.org"]


def test_spelled_out_emails_in_three_languages():
    assert emails("escríbeme ana (arroba) mail punto com") == ["ana@mail.com"]
    assert emails("email me at jade.star46 [at] example [dot] org") == ["jade.star46@example.org"]
    assert emails("meu email: bia_rj arroba gmail ponto com ponto br") == ["bia_rj@gmail.com.br"]
    assert emails("correo: lulu {arroba} hotmail {punto} com") == ["lulu@hotmail.com"]


def test_a_spelled_dot_at_a_line_end_still_joins_the_local_part():
    assert emails("escribe a ana punto\nluna arroba gmail punto com") == ["ana.luna@gmail.com"]


def test_at_and_dot_in_ordinary_sentences_are_not_emails():
    assert emails("nos vemos at the hotel, dot com bubble") == []
    assert emails("see you at home, call me at 10pm") == []


def test_handles_from_urls_keywords_and_arrows():
    text = "ig: @ana_vip ✨ tg: t.me/anita22 ✨ snap 👻 lulu.baby ✨ onlyfans.com/SweetKitty"
    assert handles(text) == {
        ("instagram", "ana_vip"), ("telegram", "anita22"), ("snapchat", "lulu.baby"),
        ("onlyfans", "sweetkitty"),
    }
    assert handles("x: @ana_xo, kik me: ann_ca, telegram @lunita") == {
        ("twitter", "ana_xo"), ("kik", "ann_ca"), ("telegram", "lunita"),
    }
    assert handles("Instagram: agenc_dollz18 / instagram.com/agencia_rosek16") == {
        ("instagram", "agenc_dollz18"), ("instagram", "agencia_rosek16"),
    }


def test_bare_at_handle_is_other_but_an_email_is_not_a_handle():
    assert handles("sígueme @candy_co") == {("other", "candy_co")}
    assert handles("correo ana.lu@hotmail.com") == set()


def test_a_platform_word_without_a_handle_is_not_one():
    assert handles("snap fotos reales, ig para más fotos") == set()


def test_whatsapp_numbers_are_phones_not_handles():
    assert handles("wsp: +57 300 123 4567 ✨ https://wa.me/573001234567") == set()


def test_spaced_and_bracketed_at_signs():
    assert emails("mail: ana.bella43 @ example . org") == ["ana.bella43@example.org"]
    assert emails("ana[@]mail(.)com") == ["ana@mail.com"]


def test_a_known_provider_implies_its_domain_only_after_an_unmistakable_at():
    assert emails("escríbeme ana_23 arroba gmail") == ["ana_23@gmail.com"]
    assert emails("ana (at) hotmail y más") == ["ana@hotmail.com"]
    assert emails("nos vemos at gmail offices.") == []
    # a bare "at" only after an address-like name
    assert emails("email me: jade.star46 at gmail") == ["jade.star46@gmail.com"]
    assert emails("contact at gmail") == []


def _extract(text: str, country: str = "CO") -> dict:
    from tahub.enrich.ads import extract_ads

    return extract_ads([{"id": "a1", "text": text, "country": country}])[0]


def test_spaced_at_and_dots_in_whole_ads():
    ad = _extract("Hola amor, soy Valentina, 24 años 💋 correo: valentina.star99 @example .net "
                  "besitos")
    assert ad["emails"] == ["valentina.star99@example.net"]
    # "@example" belongs to the address: it is not also a bare handle
    assert ad["handles"] == []
    ad = _extract("Hi gentlemen, I'm Jade 💋 email me: Jade.Star46 @ Example . Org. Kisses", "CA")
    assert ad["emails"] == ["jade.star46@example.org"]
    assert ad["handles"] == []


def test_wrapped_dashed_and_capitalised_at_words():
    cases = [
        ("Soy Paola 🌹 escríbeme a paola.kiss54 {arroba} example {punto} net",
         "paola.kiss54@example.net"),
        ("Salomé, 22 añitos. Correo SALOME.VIP50 ARROBA EXAMPLE PUNTO COM!",
         "salome.vip50@example.com"),
        ("correo: mile-arroba-example-punto-com, respondo rápido", "mile@example.com"),
        ("Bia, 25 aninhos ✨ e-mail: bia.rj [arroba] example [ponto] com [ponto] br",
         "bia.rj@example.com.br"),
        ("New in town 💋 lily.dulce81 <at> example <dot> org for bookings",
         "lily.dulce81@example.org"),
        ("Lily 💋 write lily_23 *at* example *dot* net", "lily_23@example.net"),
        ("mándame un correo a caro.luna a r r o b a example p u n t o com",
         "caro.luna@example.com"),
        ("email: kim.rose @ example · net", "kim.rose@example.net"),
    ]
    for text, email in cases:
        assert _extract(text)["emails"] == [email], text


def test_dot_words_inside_the_local_part():
    ad = _extract("Llama al punto ana punto luna arroba example punto com")
    assert ad["emails"] == ["ana.luna@example.com"]
    assert _extract("escríbeme: ana[.]luna22[@]example[.]com")["emails"] == [
        "ana.luna22@example.com"]
    assert _extract("email: Ana . Luna22 @ Example . Org", "CA")["emails"] == [
        "ana.luna22@example.org"]
    assert _extract("Kim, 24 • kim.rose @ example • net")["emails"] == ["kim.rose@example.net"]


def test_a_spaced_full_stop_before_an_address_is_prose():
    assert _extract("te espero . ana arroba example punto com")["emails"] == [
        "ana@example.com"]


def test_full_stops_and_trailing_punctuation_are_not_part_of_the_address():
    assert _extract("Correo: ana.luna22@example.com. Com carinho")["emails"] == [
        "ana.luna22@example.com"]
    assert _extract("escríbeme ana arroba example punto com. Co nosotras te atendemos")[
        "emails"] == ["ana@example.com"]
    assert _extract("(ana.luna22 @ example . org)!")["emails"] == ["ana.luna22@example.org"]


def test_two_addresses_in_one_ad_each_found_once():
    ad = _extract("ana@example.com y bia (arroba) example (punto) net, ana@example.com")
    assert ad["emails"] == ["ana@example.com", "bia@example.net"]


def test_prose_prices_and_handles_are_not_addresses():
    texts = [
        "I am at home. Com pletely discreet, call me", "meet me at 10 dot com bubble",
        "Nos vemos en el punto de encuentro, arroba de amor 💋",
        "$150.000 la hora, 1.65 de estatura, 90-60-90",
        "sígueme @ana_23 en ig ✨", "see you at gmail offices.", "see you at the hotel. com",
        "Estoy en el punto. Com gusto te atiendo",
    ]
    for text in texts:
        assert _extract(text)["emails"] == [], text
    assert _extract("sígueme @ana_23 en ig ✨")["handles"] == [
        {"platform": "other", "handle": "ana_23"}]
    # a URL after a bare "at" is a profile, not an address
    ad = _extract("Lucía 23 años, sígueme lucia_23 at instagram.com/lucia_23")
    assert ad["emails"] == []
    assert ad["handles"] == [{"platform": "instagram", "handle": "lucia_23"}]
