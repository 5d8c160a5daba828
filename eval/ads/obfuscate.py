"""Ways ads hide a phone number, used to write the dev set and the benchmark corpus.

Every function takes the digits of a phone as the ad would print them and returns the
disguised surface text; the gold E.164 number never changes, only how it is written.
"""

from __future__ import annotations

import random

WORDS = {
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
    "pt": ["zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
}
TEENS = {
    "es": [
        "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
        "dieciocho", "diecinueve"],
    "pt": [
        "dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito",
        "dezenove"],
    "en": [
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"],
}
TENS = {
    "es": ["", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta",
           "ochenta", "noventa"],
    "pt": ["", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta",
           "oitenta", "noventa"],
    "en": ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
           "ninety"],
}
VEINTI = ["veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco",
          "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
AND = {"es": " y ", "pt": " e ", "en": " "}
LOOKALIKE = {"0": "Oo", "1": "lI"}
SEPARATOR_EMOJI = ["🔥", "💋", "✨", "🌹", "➖", "•"]


def two_digit_words(pair: str, lang: str) -> str:
    """'67' -> 'sesenta y siete'; pairs starting with 0 are read digit by digit."""
    tens, unit = int(pair[0]), int(pair[1])
    if tens == 0:
        return f"{WORDS[lang][0]} {WORDS[lang][unit]}"
    if tens == 1:
        return TEENS[lang][unit]
    if lang == "es" and tens == 2:
        return VEINTI[unit]
    if unit == 0:
        return TENS[lang][tens]
    sep = "-" if lang == "en" else AND[lang]
    return f"{TENS[lang][tens]}{sep}{WORDS[lang][unit]}"


def digit_words(digits: str, lang: str, rng: random.Random) -> str:
    """Every digit as a word; Brazilian ads often say 'meia' for six."""
    words = []
    for d in digits:
        if lang == "pt" and d == "6" and rng.random() < 0.5:
            words.append("meia")
        else:
            words.append(WORDS[lang][int(d)])
    return " ".join(words)


def mixed_words(groups: list[str], lang: str, rng: random.Random) -> str:
    """Some groups in digits, some as digit words, some as two-digit numbers in words."""
    out = []
    for g in groups:
        r = rng.random()
        if r < 0.35:
            out.append(g)
        elif r < 0.7 or len(g) % 2:
            out.append(digit_words(g, lang, rng))
        else:
            out.append(" ".join(two_digit_words(g[i:i + 2], lang) for i in range(0, len(g), 2)))
    return " ".join(out)


def lookalike(text: str, rng: random.Random) -> str:
    """Swap some 0s and 1s for O/o and l/I, as ads do to dodge filters."""
    out = []
    for ch in text:
        if ch in LOOKALIKE and rng.random() < 0.6:
            out.append(rng.choice(LOOKALIKE[ch]))
        else:
            out.append(ch)
    return "".join(out)


def keycap(text: str) -> str:
    return "".join(ch + "\ufe0f\u20e3" if ch.isdigit() else ch for ch in text)


def fullwidth(text: str) -> str:
    return "".join(chr(0xFF10 + int(ch)) if ch.isdigit() else ch for ch in text)


def circled(text: str) -> str:
    def one(ch: str) -> str:
        if not ch.isdigit():
            return ch
        return "\u24ea" if ch == "0" else chr(0x2460 + int(ch) - 1)

    return "".join(one(ch) for ch in text)


def emoji_separated(groups: list[str], rng: random.Random) -> str:
    return rng.choice(SEPARATOR_EMOJI).join(groups)


def spaced(digits: str) -> str:
    return " ".join(digits)
