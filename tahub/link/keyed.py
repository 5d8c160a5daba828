"""Keyed hashes of identifiers: equal values still match, raw values never leave the hub."""

from __future__ import annotations

import hmac


def keyed_hash(kind: str, value: str, secret: bytes) -> str:
    """HMAC-SHA256 of `kind:value` under the installation secret, hex, 128 bits kept.

    The kind is part of the message so a phone and a handle with the same text never match.
    """
    return hmac.digest(secret, f"{kind}:{value}".encode(), "sha256")[:16].hex()


def identifier_values(extracted: dict) -> list[tuple[str, str]]:
    """The (kind, normalised value) pairs of one extracted ad that linking compares."""
    out = [("phone", p) for p in extracted.get("phones") or ()]
    emails, handles = extracted.get("emails"), extracted.get("handles")
    if emails:
        out += [("email", e.strip().lower()) for e in emails]
    for h in handles or ():
        handle = str(h.get("handle", "")).strip().lstrip("@").lower()
        if handle:
            out.append(("handle", f"{h.get('platform', 'other')}:{handle}"))
    return out
