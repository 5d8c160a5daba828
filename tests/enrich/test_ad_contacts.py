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
