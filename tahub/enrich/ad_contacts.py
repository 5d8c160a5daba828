"""E-mail addresses and social handles in an ad, written plainly or spelled out.

Emails: "ana@mail.com", "ana (arroba) mail punto com", "ana [at] mail [dot] com". A
spelled-out address must end in a known top-level domain (common.yaml `email_tlds`), so
"nos vemos at the hotel" never becomes one. Handles: URLs (t.me/ana, instagram.com/ana,
wa.me/57300…), a platform word followed by ":", an arrow, an emoji or "@" ("ig: ana_vip",
"tg @ana"), and a bare "@ana" (platform "other"). A number is never a handle: "wsp: 300…"
or "wa.me/57300…" gives a phone (ad_phones), so one identifier is not counted twice.
"""

from __future__ import annotations

import re

from tahub.enrich.ad_lexicon import lexicon
from tahub.enrich.ad_match import words_of

_LEX = lexicon()


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_AT_WORDS = _alt(["at", "@"] + _LEX.words("email_at"))
_DOT_WORDS = _alt(["dot", "."] + _LEX.words("email_dot"))
_AT = rf"(?:\s*[(\[{{<]\s*(?:{_AT_WORDS})\s*[)\]}}>]\s*|\s+(?:{_AT_WORDS})\s+|\s*@\s*)"
_DOT = rf"(?:\s*[(\[{{<]\s*(?:{_DOT_WORDS})\s*[)\]}}>]\s*|\s+(?:{_DOT_WORDS})\s+|\s*\.\s*)"
_TLDS = _alt([str(t).split(".")[-1] for t in _LEX.common["email_tlds"]])
_LOCAL = r"[a-z0-9][a-z0-9._+\-]*"
_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"
)
_SPELLED_EMAIL_RE = re.compile(
    rf"(?<![\w.+\-])({_LOCAL}){_AT}([a-z0-9\-]+){_DOT}({_TLDS})(?:{_DOT}({_TLDS}))?(?![\w@])"
)

_PROVIDERS = {str(k): str(v) for k, v in (_LEX.common.get("email_providers") or {}).items()}
# Without a domain the "at" must be unmistakable: bracketed, "@" or "arroba", never a
# bare English " at " ("see you at gmail offices").
_STRICT_AT = rf"(?:\s*[(\[{{<]\s*(?:{_AT_WORDS})\s*[)\]}}>]\s*|\s+arroba\s+|\s*@\s*)"
_PROVIDER_EMAIL_RE = re.compile(
    rf"(?<![\w.+\-])({_LOCAL}){_STRICT_AT}({_alt(list(_PROVIDERS))})"
    rf"(?![\w@.\-]|\s*(?:{_DOT_WORDS}))"
)

_HANDLE = r"@?([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)"
_STOP = {str(w) for w in _LEX.common.get("handle_stopwords") or []}


def _platform_patterns() -> list[tuple[str, tuple[str, ...], frozenset[str], re.Pattern[str],
                                        re.Pattern[str] | None]]:
    out = []
    for platform, spec in _LEX.common["platforms"].items():
        hosts = tuple(str(h) for h in spec.get("hosts") or [])
        keywords = [str(k) for k in spec.get("keywords") or []]
        host_re = re.compile(rf"(?:https?://)?(?:www\.)?(?:{_alt(list(hosts))})/?{_HANDLE}")
        # A keyword introduces a handle only through ":", "=", "-", ">", an emoji (two
        # spaces after normalize) or "@"; "snap fotos reales" is not a handle.
        # No look-behind first, so re can skip to the keywords' first letters; the
        # character before a keyword is checked in find_handles.
        intro = rf"(?:{_alt(keywords)})\b(?:\s*(?:[:=>\-]+|\s\s)\s*@?|\s*@)\s*"
        # WhatsApp accounts are numbers (phones): a word after "wsp:" is a name.
        name_re = None if platform == "whatsapp" else re.compile(
            intro + r"([a-z_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)(?![\w/])"
        )
        first_words = frozenset(k.split()[0] for k in keywords)
        out.append((platform, hosts, first_words, host_re, name_re))
    return out


_PLATFORMS = _platform_patterns()
# Every host has a dot before a letter ("wa.me", "instagram.com"): a text without one has
# no URL, which spares most ads a substring search per host.
_DOT_LETTER_RE = re.compile(r"\.[a-z]")
if not all(_DOT_LETTER_RE.search(h) for _, hosts, *_ in _PLATFORMS for h in hosts):
    _DOT_LETTER_RE = re.compile(r"[./]")
_BARE_AT_RE = re.compile(r"(?<![\w.@])@([a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])?)")
_AT_WORDSET = frozenset(["at"] + _LEX.words("email_at"))
_AT_ANCHOR_RE = re.compile(rf"(?<![a-z0-9])(?:{_alt(sorted(_AT_WORDSET))})(?![a-z0-9])|@")


def find_emails(folded: str, words: frozenset[str] | None = None) -> list[str]:
    """Lowercase addresses, plain or spelled out ("ana (arroba) mail punto com")."""
    out: list[str] = []
    if "@" in folded:
        out.extend(m.group(0).rstrip(".") for m in _EMAIL_RE.finditer(folded))
    if words is None:
        words = words_of(folded)
    if "@" not in folded and not words & _AT_WORDSET:
        return out
    # The spelled-out pattern is costly: try it only around each "at"/"arroba"/"@"
    # ("ana @ mail . com", "ana[@]mail(.)com" are not plain addresses).
    for anchor in _AT_ANCHOR_RE.finditer(folded):
        lo, hi = max(0, anchor.start() - 48), anchor.end() + 64
        m = _SPELLED_EMAIL_RE.search(folded, lo, hi)
        if m is not None:
            local, domain, tld, tld2 = m.groups()
            email = f"{local}@{domain}.{tld}" + (f".{tld2}" if tld2 else "")
        else:  # "ana arroba gmail": the provider's domain is implied
            m = _PROVIDER_EMAIL_RE.search(folded, lo, hi)
            if m is None:
                continue
            email = f"{m.group(1)}@{_PROVIDERS[m.group(2)]}"
        if email not in out:
            out.append(email)
    return list(dict.fromkeys(out))


def find_handles(folded: str, words: frozenset[str] | None = None) -> list[dict[str, str]]:
    """Handles as {"platform", "handle"}: lowercase, without "@", never a bare number."""
    if words is None:
        words = words_of(folded)
    found: dict[tuple[str, str], None] = {}
    taken: list[tuple[int, int]] = []
    has_path = _DOT_LETTER_RE.search(folded) is not None
    for platform, hosts, _, host_re, _ in _PLATFORMS:
        if not has_path or not any(h in folded for h in hosts):
            continue
        for m in host_re.finditer(folded):
            taken.append(m.span())
            handle = _clean(platform, m.group(1))
            if handle:
                found[(platform, handle)] = None
    for platform, _, first_words, _, name_re in _PLATFORMS:
        if name_re is None or not first_words & words:
            continue
        for m in name_re.finditer(folded):
            before = folded[m.start() - 1] if m.start() else " "
            if before.isalnum() or before in "_@./" or any(s <= m.start(1) < e for s, e in taken):
                continue
            taken.append(m.span())
            handle = _clean(platform, m.group(1))
            if handle:
                found[(platform, handle)] = None
    if "@" in folded:
        email_spans = [m.span() for m in _EMAIL_RE.finditer(folded)]
        for m in _BARE_AT_RE.finditer(folded):
            pos = m.start()
            if any(s <= pos < e for s, e in taken + email_spans):
                continue
            handle = _clean("other", m.group(1))
            if handle and not any(h == handle for _, h in found):
                found[("other", handle)] = None
    return [{"platform": p, "handle": h} for p, h in found]


def _clean(platform: str, raw: str) -> str | None:
    raw = raw.strip().rstrip(".")
    if raw in _STOP or len(raw) < 2 or not any(ch.isalpha() for ch in raw):
        return None
    return raw
