"""Social handles in an ad (and `find_emails`, from ad_emails, so contacts come from one place).

Handles: URLs (t.me/ana, instagram.com/ana,
wa.me/57300…), a platform word followed by ":", an arrow, an emoji or "@" ("ig: ana_vip",
"tg @ana"), and a bare "@ana" (platform "other"). A number is never a handle: "wsp: 300…"
or "wa.me/57300…" gives a phone (ad_phones), so one identifier is not counted twice.
"""

from __future__ import annotations

import re

from tahub.enrich.ad_emails import email_spans, find_emails
from tahub.enrich.ad_lexicon import alternation, lexicon
from tahub.enrich.ad_match import words_of
from tahub.enrich.ad_prefilter import Prefilter

_LEX = lexicon()
__all__ = ["find_emails", "find_handles"]


_HANDLE = r"@?([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)"
_NAME = r"([a-z_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)(?![\w/])"
_STOP = {str(w) for w in _LEX.common.get("handle_stopwords") or []}


def _platform_patterns() -> list[tuple[str, tuple[str, ...], frozenset[str], re.Pattern[str],
                                        re.Pattern[str] | None]]:
    out = []
    for platform, spec in _LEX.common["platforms"].items():
        hosts = tuple(str(h) for h in spec.get("hosts") or [])
        keywords = [str(k) for k in spec.get("keywords") or []]
        host_re = re.compile(rf"(?:https?://)?(?:www\.)?(?:{alternation(list(hosts))})/?{_HANDLE}")
        # A keyword introduces a handle only through ":", "=", "-", ">", an emoji (two
        # spaces after normalize) or "@"; "snap fotos reales" is not a handle.
        # No look-behind first, so re can skip to the keywords' first letters; the
        # character before a keyword is checked in find_handles.
        intro = rf"(?:{alternation(keywords)})\b(?:\s*(?:[:=>\-]+|\s\s)\s*@?|\s*@)\s*"
        # WhatsApp accounts are numbers (phones): a word after "wsp:" is a name.
        name_re = None if platform == "whatsapp" else re.compile(intro + _NAME)
        first_words = frozenset(k.split()[0] for k in keywords)
        out.append((platform, hosts, first_words, host_re, name_re))
    return out


_PLATFORMS = _platform_patterns()
# The keyword forms without their closing look-ahead (so Hyperscan can take them): a
# platform whose gate finds nothing cannot match either.
_NAME_GATES = Prefilter(
    [name_re.pattern.removesuffix(_NAME) + "[a-z_]" if name_re else "(?!)"
     for *_, name_re in _PLATFORMS])
# Every host has a dot before a letter ("wa.me", "instagram.com"): a text without one has
# no URL, which spares most ads a substring search per host.
_DOT_LETTER_RE = re.compile(r"\.[a-z]")
if not all(_DOT_LETTER_RE.search(h) for _, hosts, *_ in _PLATFORMS for h in hosts):
    _DOT_LETTER_RE = re.compile(r"[./]")
_BARE_AT_RE = re.compile(r"(?<![\w.@])@([a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])?)")


def find_handles(folded: str, words: frozenset[str] | None = None,
                 emails: list[tuple[str, int, int]] | None = None) -> list[dict[str, str]]:
    """Handles as {"platform", "handle"}: lowercase, without "@", never a bare number, never
    inside an address (`emails`: ad_emails.email_spans of the text, if already known)."""
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
    gated = _NAME_GATES.matches(folded)
    for k, (platform, _, first_words, _, name_re) in enumerate(_PLATFORMS):
        if name_re is None or not (first_words & words if gated is None else k in gated):
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
        if emails is None:
            emails = email_spans(folded, words)
        spans = taken + [(s, e) for _, s, e in emails]
        for m in _BARE_AT_RE.finditer(folded):
            pos = m.start()
            if any(s <= pos < e for s, e in spans):
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
