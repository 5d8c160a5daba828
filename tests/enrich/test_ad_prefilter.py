"""The one-pass prefilter must never drop a lexicon match that the anchor gate finds."""

import json
from pathlib import Path

import pytest

from tahub.enrich.ad_lexicon import fold
from tahub.enrich.ad_match import Forms, words_of
from tahub.enrich.ad_prefilter import Prefilter, usable
from tahub.enrich.ad_risk import _named_forms
from tahub.enrich.ad_text import normalize

DEV = Path(__file__).resolve().parents[2] / "eval" / "ads" / "dev.jsonl"


def test_only_forms_read_alike_by_both_engines_are_usable():
    assert usable("hotel(?:es)?")
    assert usable(r"[a-z]{1,20} de \d{2} anos y [a-z]{1,20}")
    assert usable(r"\bnew\b in town")
    assert not usable("nueva en (?!esto|este)[a-z]{1,20}")  # look-ahead
    assert not usable(r"(?<!no )sin condon")  # look-behind
    assert not usable(r"\d++ mil")  # possessive repeat
    assert not usable("(?i)hotel")  # inline flag
    assert not usable("^hotel$")  # anchors
    assert not usable("x?")  # matches the empty string


def test_texts_it_cannot_read_are_left_to_the_caller():
    pytest.importorskip("hyperscan")
    pre = Prefilter(["hotel", "sin condon", "(?<!no )sin condon"])
    assert pre.covered == {0, 1}
    assert pre.matches("hotel en lima, sin condon") == {0, 1}
    assert pre.matches("solo motel") == set()
    assert pre.matches("hotel \u00e9") is None  # not ASCII
    assert pre.matches("hotel\x1c") is None  # a control character re reads as a space


def _find_both(forms: Forms, text: str) -> tuple[list, list]:
    words = words_of(text)
    fast = sorted(forms.find(text, words))
    matches = forms.prefilter.matches
    forms.prefilter.matches = lambda _text: None  # the anchor gate alone
    try:
        slow = sorted(forms.find(text, words))
    finally:
        forms.prefilter.matches = matches
    return fast, slow


def test_the_prefilter_finds_what_the_anchor_gate_finds_on_the_dev_ads():
    pytest.importorskip("hyperscan")
    forms = Forms(_named_forms("forms"))
    assert len(forms.prefilter.covered) > 0.9 * len(forms.entries)
    total = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        ad = json.loads(line)
        text = fold(normalize(f"{ad.get('title') or ''}\n{ad['text']}"))
        fast, slow = _find_both(forms, text)
        assert fast == slow, ad["id"]
        total += len(fast)
    assert total > 300


def test_forms_the_prefilter_cannot_take_still_run():
    forms = Forms([("new_in_town", "nueva en (?!esto|este)[a-z]{1,20}"), ("hotel", "hotel")])
    text = "nueva en lima, hotel centrico"
    found = sorted((name, text[s:e]) for name, s, e in forms.find(text, words_of(text)))
    assert found == [("hotel", "hotel"), ("new_in_town", "nueva en lima")]


def test_rules_out_only_when_every_form_is_covered():
    pytest.importorskip("hyperscan")
    full = Prefilter(["arroba", "punto com"])
    assert full.rules_out("besos amor") is True
    assert full.rules_out("ana arroba mail punto com") is False
    assert full.rules_out("besos \u00e9") is False  # unreadable text: nothing ruled out
    partial = Prefilter(["arroba", "(?<!x)punto"])
    assert partial.rules_out("besos amor") is False


def test_every_shipped_form_compiles_in_the_shared_scanner():
    """A lexicon form Hyperscan refused would silently turn the one-pass filter off."""
    pytest.importorskip("hyperscan")
    from tahub.enrich import ad_contacts, ad_emails, ad_prices  # noqa: F401 - registers forms
    from tahub.enrich.ad_prefilter import _SCANNER

    assert _SCANNER.scan("hola amor, hotel 24 horas") is not None


def test_word_boundaries_are_part_of_the_one_pass_gate():
    """A one-letter unit like "h" passes the gate only where it stands as a word, and
    the gate still agrees with re at the text's edges and next to "_", capitals, digits."""
    pytest.importorskip("hyperscan")
    forms = Forms([("hour", "h"), ("hour", "1 ?hr?"), ("30min", "1/2 ?(?:hora|h)")])
    assert forms.prefilter.matches("hola, ahora hasta las 10") == set()
    assert forms.prefilter.matches("100 mil 1 h") == {0, 1}
    for text in ["h", "1h", "h_", "_h", "xh", "hx", "h.", ".h", "1 hr", "1 hrs", "1/2 h",
                 "1/2 hora.", "21 h", "1 hR", "1 hA", "Ah", "a1 h", "1/2hora_"]:
        fast, slow = _find_both(forms, text)
        assert fast == slow, text


def test_unit_forms_through_the_prefilter_find_what_the_anchor_gate_finds():
    pytest.importorskip("hyperscan")
    from tahub.enrich.ad_prices import _UNIT_FORMS

    total = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        ad = json.loads(line)
        text = fold(normalize(f"{ad.get('title') or ''}\n{ad['text']}"))
        fast, slow = _find_both(_UNIT_FORMS, text)
        assert fast == slow, ad["id"]
        total += len(fast)
    assert total > 100


def test_a_superset_gate_never_says_no_where_re_matches():
    """The phones' mask (prices, dates, measurements) is skipped only where Hyperscan's
    prefilter mode is sure it cannot match; it must be sure only when re agrees."""
    pytest.importorskip("hyperscan")
    import random

    from tahub.enrich.ad_phones import _DIGIT_MASK_RE
    from tahub.enrich.ad_prefilter import Superset

    gate = Superset(_DIGIT_MASK_RE)
    assert gate.may_match("318 071 7747") is False
    assert gate.may_match("3001234567 hora 150 mil") is True
    assert gate.may_match("300 1234567 \u00e9") is True  # not ASCII: unsure, so yes
    assert gate.may_match("3001234567\x1c90 60 90") is True  # a space only re reads as one
    rng = random.Random(4)
    pieces = ["3", "9", "1", "0", "60", "90", "150", ".", ",", "-", "/", " ", "  ", "x", "h",
              ":", "$", "%", "am", "mil", "kg", "anos", "min", "2024", "1.65", "\t", "\n"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(3, 14)))
        if _DIGIT_MASK_RE.search(text):
            assert gate.may_match(text), text
