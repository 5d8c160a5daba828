"""Undoing obfuscation: the text the other ads extractors read."""

from tahub.enrich.ad_lexicon import fold
from tahub.enrich.ad_text import detect_lang, digitize, normalize


def read(text: str) -> str:
    return digitize(fold(normalize(text)))


def test_keycap_fullwidth_circled_and_dingbat_digits_become_digits():
    assert read("3️⃣0️⃣0️⃣ １２３ ④⑤⑥⑦") == "300 123 4567"
    assert read("❸⓪❶ ➋➌") == "301 23"


def test_cyrillic_and_greek_look_alikes_become_latin():
    # Cyrillic е and с, Greek ο: "sесenta" reads like "secenta", a spelling by sound.
    assert read("sесenta y siete") == "67"
    assert fold(normalize("nuеvа еn lа ciudаd")) == "nueva en la ciudad"
    assert fold(normalize("hοtel")) == "hotel"


def test_letters_for_digits_only_inside_digit_runs():
    assert read("wsp 3OO 12e 45 67") == "wsp 300 123 45 67"
    assert read("3l2 4I5") == "312 415"
    # ordinary words keep their letters
    assert read("hola lola, soy nueva") == "hola lola, soy nueva"
    assert read("10pm 19yo") == "10pm 19yo"


def test_spanish_number_words_alone_and_mixed_with_digits():
    assert read("tres cero cero 12e 45 sесenta y 7") == "3 0 0 123 45 67"
    assert read("trescientos doce cuarenta y cinco") == "312 45"
    assert read("diecinueve años") == "19 anos"


def test_portuguese_and_english_number_words():
    assert read("nove oito sete meia cinco quatro") == "9 8 7 6 5 4"
    assert read("sessenta e sete") == "67"
    assert read("six one three five five five zero one two three") == "6 1 3 5 5 5 0 1 2 3"
    assert read("four hundred sixteen") == "416"


def test_articles_are_numbers_only_inside_a_run_of_numbers():
    assert read("una chica de 22 años") == "una chica de 22 anos"
    assert read("meia hora") == "meia hora"
    assert read("um um nove dois") == "1 1 9 2"
    assert read("me siento sola") == "me siento sola"
    # a run reaches an article through "y"/"e"/"and" on either side, never through a word
    assert read("nueve y una chica") == "9 y 1 chica"
    assert read("una y nueve") == "1 y 9"
    assert read("una chica y nueve") == "una chica y 9"
    assert read("y una, tres") == "y 1, 3"


def test_language_of_short_ads():
    assert detect_lang(fold(normalize("Hola amor, soy Ana, estoy disponible para ti"))) == "es"
    assert detect_lang(fold(normalize("Oi amores, sou a Bia, atendo em local próprio"))) == "pt"
    assert detect_lang(fold(normalize("Hi guys, I am Lily, new in town, call me"))) == "en"
    assert detect_lang(fold(normalize("Bonjour, je suis nouvelle en ville, bisous"))) == "fr"
    assert detect_lang("3001234567") == "und"
