"""Fictitious but valid phone numbers per country, and the surface forms ads print them in."""

from __future__ import annotations

import random

import phonenumbers
from obfuscate import (
    circled,
    digit_words,
    emoji_separated,
    fullwidth,
    keycap,
    lookalike,
    mixed_words,
    spaced,
)

CODES = {"CO": "57", "MX": "52", "PE": "51", "BR": "55", "CA": "1"}
GROUPS = {"CO": (3, 3, 4), "MX": (2, 4, 4), "PE": (3, 3, 3), "BR": (2, 5, 4), "CA": (3, 3, 4)}
PREFIXES = {
    "CO": ["", "", "+57 ", "+57", "0057 ", "57 "],
    "MX": ["", "", "+52 ", "+52 1 ", "52 1 "],
    "PE": ["", "", "+51 ", "0051 "],
    "BR": ["", "", "+55 ", "+55 "],
    "CA": ["", "", "+1 ", "1-"],
}
INTERNATIONAL = {"CO": ["+57 ", "0057 ", "+57"], "MX": ["+52 ", "+52 1 "], "PE": ["+51 "],
                 "BR": ["+55 "], "CA": ["+1 "]}


def new_number(country: str, rng: random.Random, fiction: bool = True) -> tuple[str, str]:
    """A valid mobile (or, for Canada, a 555-01XX fiction number): (national digits, E.164).

    The 555-01XX range holds 100 numbers per area code; large generated corpora that are
    never stored (the benchmark) pass `fiction=False` to draw any valid Canadian number.
    """
    while True:
        if country == "CO":
            nsn = rng.choice(["300", "301", "302", "304", "305", "310", "311", "312", "313",
                              "314", "315", "316", "317", "318", "320", "321", "350"])
            nsn += "".join(rng.choice("0123456789") for _ in range(7))
        elif country == "MX":
            nsn = rng.choice(["55", "33", "81", "998", "664", "222"])
            nsn += "".join(rng.choice("0123456789") for _ in range(10 - len(nsn)))
        elif country == "PE":
            nsn = "9" + "".join(rng.choice("0123456789") for _ in range(8))
        elif country == "BR":
            nsn = rng.choice(["11", "21", "31", "41", "51", "61", "71", "81"]) + "9"
            nsn += "".join(rng.choice("0123456789") for _ in range(8))
        else:
            nsn = rng.choice(["416", "647", "604", "514", "403", "613", "778", "587"])
            tail = 2 if fiction else 7
            nsn += ("55501" if fiction else "") + "".join(
                rng.choice("0123456789") for _ in range(tail))
        e164 = f"+{CODES[country]}{nsn}"
        if phonenumbers.is_valid_number(phonenumbers.parse(e164)):
            return nsn, e164


def _groups(nsn: str, country: str) -> list[str]:
    sizes, out, i = GROUPS[country], [], 0
    if country == "MX" and len(nsn) == 10 and nsn[:2] not in ("55", "33", "81"):
        sizes = (3, 3, 4)
    for size in sizes:
        out.append(nsn[i:i + size])
        i += size
    return out


def surface(nsn: str, country: str, lang: str, rng: random.Random,
            international: bool = False) -> tuple[str, str]:
    """How an ad prints the number: (text, style name). `international` forces a country code,
    as a poster must when advertising outside the number's country."""
    groups = _groups(nsn, country)
    prefix = rng.choice(INTERNATIONAL[country] if international else PREFIXES[country])
    style = rng.choices(
        ["plain", "paren", "words", "mixed", "lookalike", "keycap", "keycap_part", "fullwidth",
         "circled", "emoji_sep", "spaced"],
        weights=[26, 8, 8, 10, 10, 7, 4, 6, 3, 6, 4])[0]
    sep = rng.choice([" ", "-", ".", "", " "])
    if style == "paren" and country in ("BR", "CA", "MX"):
        body = f"({groups[0]}) {groups[1]}-{groups[2]}"
    elif style == "words":
        body = digit_words(nsn, lang, rng)
    elif style == "mixed":
        body = mixed_words(groups, lang, rng)
    elif style == "lookalike":
        body = lookalike(sep.join(groups), rng)
        if body == sep.join(groups):
            body = groups[0].replace("0", "O", 1).replace("1", "l", 1) + sep + sep.join(groups[1:])
    elif style == "keycap":
        body = keycap(" ".join(groups))
    elif style == "keycap_part":
        body = keycap(groups[0]) + " " + " ".join(groups[1:])
    elif style == "fullwidth":
        body = fullwidth(sep.join(groups))
    elif style == "circled":
        body = circled(" ".join(groups))
    elif style == "emoji_sep":
        body = emoji_separated(groups, rng)
    elif style == "spaced":
        body = spaced(nsn)
    else:
        style = "plain"
        body = sep.join(groups)
    if style in ("words",) and prefix.strip() and rng.random() < 0.5:
        prefix = ""  # word-written numbers rarely carry a country code, unless forced
        if international:
            prefix = INTERNATIONAL[country][0]
    return prefix + body, style
