"""E-mail addresses in an ad, written plainly or disguised the way ads disguise them.

Plain: "Ana.Luna@Example.org" (lowercased). Disguised: the "@" and the dots spaced out
("ana @ mail . com", "ana @mail .com"), spelled ("at", "arroba", "a r r o b a"; "dot",
"punto", "ponto") or wrapped ("(at)", "[at]", "{arroba}", "<@>", "-at-", "(.)", "[dot]"),
also inside the local part ("ana punto luna arroba mail punto com").

Precision comes first, since a made-up address links strangers:
- a disguised address must end in a known top-level domain (common.yaml `email_tlds`), so
  "punto de encuentro" or "arroba de amor" is never one;
- a bare English " at " is weak evidence ("I am at home. com..."): it needs a local part
  that is not a function word ("me", "you", "am") and a domain with a letter;
- a dot with a space after it but not before is a full stop, never part of an address
  ("I am at home. com...", "ana@mail.com. Com carinho");
- "ana arroba gmail": a mail provider's domain is implied (these providers serve one
  address space under their main domain, so the address reaches her), after "@",
  "arroba" or a wrapped at, or after a bare " at " only when the name looks like an
  address ("ana.luna22 at gmail", not "see you at gmail offices", "contact at gmail");
- "@ana_23" with nothing before it is a handle (ad_contacts), not an address.
"""

from __future__ import annotations

import re

from tahub.enrich.ad_lexicon import alternation, fold, lexicon
from tahub.enrich.ad_match import words_of
from tahub.enrich.ad_prefilter import Prefilter

_LEX = lexicon()


def _spelled(words: list[str]) -> list[str]:
    """Each word, and the same letter by letter ("a r r o b a") for words of 3+ letters."""
    return words + [" ".join(w) for w in words if len(w) >= 3 and " " not in w]


_AT_WORDS = _spelled(_LEX.words("email_at"))  # at, arroba, and "a r r o b a"
_DOT_WORDS = _spelled(_LEX.words("email_dot"))
_OPEN, _CLOSE = r"[(\[{<*_\-]", r"[)\]}>*_\-]"
# Middle dots, bullets and the ideographic full stop stand for a dot (NFKC keeps them).
_DOT_SIGNS = r"[.\u00b7\u2022\u2219\u3002]"


def _sep(words: list[str], sign: str, bare: str) -> str:
    """A wrapped word or sign, a spaced word, or the bare sign (`bare`: its spacing)."""
    alt = alternation(words)
    return rf"(?:\s*{_OPEN}\s*(?:{alt}|{sign})\s*{_CLOSE}\s*|\s+(?:{alt})\s+|{bare})"


_AT = _sep(_AT_WORDS, "@", r"\s*@\s*")
# A dot with a space after it but none before is a full stop ("mail.com. Com carinho").
_DOT = _sep(_DOT_WORDS, _DOT_SIGNS, rf"\s+{_DOT_SIGNS}\s*|{_DOT_SIGNS}(?!\s)")
# Dots inside the local part: spelled ("ana punto luna"), wrapped ("ana[.]luna") or
# spaced on both sides ("ana . luna"; a bullet there is a separator), never a full stop
# ("besos. ana").
_DOT_WORD_JOIN = (rf"\s+(?:{alternation(_DOT_WORDS)})\s+|\s+\.\s+"
                  rf"|\s*{_OPEN}\s*(?:{alternation(_DOT_WORDS)}|{_DOT_SIGNS})\s*{_CLOSE}\s*")
_TLDS = alternation([str(t).split(".")[-1] for t in _LEX.common["email_tlds"]])
_CC = alternation([str(t) for t in _LEX.common["email_tlds"] if len(str(t)) == 2])
_PIECE = r"[a-z0-9][a-z0-9._+\-]*"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"

EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"
)
# What follows the local part: the "at", the domain and a known top-level domain.
_DOMAIN_RE = re.compile(
    rf"({_AT})({_LABEL})"
    rf"(?:{_DOT}{_LABEL})?"  # a subdomain ("mail.example.com")
    rf"{_DOT}({_TLDS})(?:({_DOT})({_CC}))?(?![\w@/])"  # "/": a URL path, not an address
)
_PROVIDERS = {str(k): str(v) for k, v in (_LEX.common.get("email_providers") or {}).items()}
_PROVIDER_RE = re.compile(rf"({_AT})({alternation(list(_PROVIDERS))})(?![\w@.\-]|{_DOT})")
# The local part is read backwards from the "at": its characters, and dot words joining
# pieces of it ("ana punto luna arroba ...").
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._+-")
_OPEN_CHARS = frozenset("([{<*_-")
_JOIN_BEFORE_RE = re.compile(rf"(?<![a-z0-9._+\-]){_PIECE}(?:{_DOT_WORD_JOIN})$")
_JOIN_TAILS = (" ", "\t", "\n", *")]}>*_-")  # how a join ends: a space or a closing sign
# Forms every address found below contains, without look-arounds (Hyperscan takes them):
# most ads match none and skip the rest.
# (Only ASCII texts are gated, so the plain dot stands for every dot sign.)
_LOOSE_DOT = _sep(_DOT_WORDS, r"\.", r"\s*\.\s*")
_GATE = Prefilter([
    r"[a-z0-9][a-z0-9._+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}",
    rf"[a-z0-9._+\-]{_AT}{_LABEL}(?:{_LOOSE_DOT}{_LABEL})?{_LOOSE_DOT}(?:{_TLDS})",
    rf"[a-z0-9._+\-]{_AT}(?:{alternation(list(_PROVIDERS))})",
])
_AT_ANCHOR_RE = re.compile(
    rf"(?<![a-z0-9])(?:{alternation(_AT_WORDS)})(?![a-z0-9])|@"
)
_AT_WORDSET = frozenset(w for w in _AT_WORDS if " " not in w)
_SPACED_AT_RE = re.compile(
    rf"(?<![a-z0-9])(?:{alternation([w for w in _AT_WORDS if ' ' in w])})(?![a-z0-9])")
_JOIN_SPLIT_RE = re.compile(f"({_DOT_WORD_JOIN})")
_SIGN_JOIN_RE = re.compile(r"\s+\.\s+")
_SPACED_AT_SIGN_RE = re.compile(r"\s+@\s+")
_ADDRESS_LIKE_RE = re.compile(r"[0-9._]")
_DOT_RE = re.compile(_DOT)
_WEAK_AT_RE = re.compile(r"\s+at\s+")


def _function_words() -> frozenset[str]:
    words: set[str] = set()
    for data in _LEX.langs.values():
        words.update(fold(str(w)) for w in data["stopwords"])
    for extra in (_LEX.common.get("extra_stopwords") or {}).values():
        words.update(fold(str(w)) for w in extra)
    return frozenset(words)


_FUNCTION_WORDS = _function_words()


def find_emails(folded: str, words: frozenset[str] | None = None) -> list[str]:
    """Lowercase addresses, plain or disguised, in order of appearance, each once."""
    return addresses(email_spans(folded, words))


def addresses(spans: list[tuple[str, int, int]]) -> list[str]:
    """The addresses of `email_spans`, in order of appearance, each once."""
    return list(dict.fromkeys(email for email, _, _ in spans))


def email_spans(folded: str, words: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
    """(address, start, end) of every address found, so "ana @mail .com" is not also read
    as the handle "@mail"."""
    out: list[tuple[str, int, int]] = []
    if _GATE.rules_out(folded):
        return out
    has_at = "@" in folded
    if has_at:
        out.extend((m.group(0).rstrip("."), *m.span()) for m in EMAIL_RE.finditer(folded))
    if words is None:
        words = words_of(folded)
    if not has_at and not words & _AT_WORDSET and not _SPACED_AT_RE.search(folded):
        return out
    # Read outwards from each "at"/"arroba"/"@" that no plain address holds.
    for anchor in _AT_ANCHOR_RE.finditer(folded):
        at = anchor.start()
        if any(s <= at < e for _, s, e in out):
            continue
        found = _disguised(folded, at)
        if found is not None:
            out.append(found)
    return out


def _disguised(folded: str, at: int) -> tuple[str, int, int] | None:
    """The address around the "at" word or sign at offset `at`, if any."""
    # Back over the at's spaces and wrapper to where the local part must end.
    end = at
    while end and folded[end - 1] in " \t\n":
        end -= 1
    ends = [end]
    if end and folded[end - 1] in _OPEN_CHARS:
        end -= 1
        while end and folded[end - 1] in " \t\n":
            end -= 1
        ends.insert(0, end)
    for local_end in ends:
        start = local_end
        while start and folded[start - 1] in _LOCAL_CHARS:
            start -= 1
        while folded.endswith(_JOIN_TAILS, 0, start) and (
                m := _JOIN_BEFORE_RE.search(folded, max(0, start - 48), start)):
            start = m.start()
        if start == local_end or (start and folded[start - 1].isalnum()):
            continue
        m = _DOMAIN_RE.match(folded, local_end)
        if m is not None:
            local = _local(folded[start:local_end], _SPACED_AT_SIGN_RE.fullmatch(m.group(1)))
            if local is None or _WEAK_AT_RE.fullmatch(m.group(1)) and (
                    local in _FUNCTION_WORDS or not any(c.isalpha() for c in m.group(2))):
                continue
            domain = _DOT_RE.sub(".", folded[m.start(2):m.end(3)])
            cc = f".{m.group(5)}" if m.group(5) else ""
            return f"{local}@{domain}{cc}", start, m.end()
        m = _PROVIDER_RE.match(folded, local_end)
        if m is not None:
            local = _local(folded[start:local_end], _SPACED_AT_SIGN_RE.fullmatch(m.group(1)))
            # after a bare "at" only an address-like name: "ana.luna22 at gmail", not
            # "contact at gmail"
            if local is not None and (not _WEAK_AT_RE.fullmatch(m.group(1))
                                      or _ADDRESS_LIKE_RE.search(local)):
                return f"{local}@{_PROVIDERS[m.group(2)]}", start, m.end()
    return None


def _local(raw: str, spaced: object) -> str | None:
    """The local part, its dots written plainly ("ana punto luna" -> "ana.luna"), read
    from the "at" backwards up to a function word ("al punto ana" -> "ana"). A dot spaced
    on both sides ("ana . luna") joins only when the "@" is spaced too ("ana . luna @ ..."):
    otherwise it is prose ("te espero . ana arroba ...")."""
    parts = _JOIN_SPLIT_RE.split(raw)
    pieces = [parts[-1]]
    for k in range(len(parts) - 2, 0, -2):
        if parts[k - 1] in _FUNCTION_WORDS or (
                not spaced and _SIGN_JOIN_RE.fullmatch(parts[k])):
            break
        pieces.append(parts[k - 1])
    local = ".".join(reversed(pieces)).lstrip("._+-").rstrip(".")
    return local or None
