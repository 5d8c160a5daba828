"""Lexicon form matching: gating by anchors must never lose a match."""

from tahub.enrich.ad_match import Forms, word_choices, words_of


def test_word_choices_spells_out_short_alternations():
    assert word_choices("hotel(?:es)?") == {"hotel", "hoteles"}
    assert word_choices("jovencit[ao]s?") == {"jovencita", "jovencito", "jovencitas",
                                              "jovencitos"}
    assert word_choices(r"\d{1,3} (?:garotas|meninas)") == {"garotas", "meninas"}
    # an optional space: each spelling stands by its longest uncommon word
    assert word_choices("1 ?hr?") == {"1h", "h", "1hr", "hr"}
    # a letter class or a space inside a stretch: no finite word set from it
    assert word_choices("(?:nueva|nuevita) en [a-z]{1,20}") == {"nueva", "nuevita"}
    assert word_choices("(?:1 |una )?hora") is None


def test_forms_gated_by_word_sets_find_every_match():
    forms = Forms([
        ("multiple_workers", "(?:hermosas|lindas) chicas"),
        ("multiple_workers", r"\d{1,3} (?:garotas|meninas)"),
        ("hotel", "hotel(?:es)?"),
        ("hour", "1 ?h"),
    ])
    text = "lindas chicas y 5 garotas. voy a hoteles, 1h 150 mil. hotelero no cuenta"
    found = sorted((name, text[s:e]) for name, s, e in forms.find(text, words_of(text)))
    assert found == [("hotel", "hoteles"), ("hour", "1h"),
                     ("multiple_workers", "5 garotas"), ("multiple_workers", "lindas chicas")]
    plain = "chicas lindas en su apto"
    assert forms.find(plain, words_of(plain)) == []
