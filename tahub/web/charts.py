"""Chart payloads: small JSON the page embeds for its script (no inline code, CSP-safe)."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def _numeric() -> dict[str, str]:
    return {c.alpha_2: c.numeric for c in pycountry.countries}


def country_ids(codes) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """ISO alpha-2 -> the numeric id world-atlas uses for the country's shape."""
    table = _numeric()
    return {c: table[c] for c in codes if c in table}


def series(cells: list[dict], key: str, name: str) -> dict:
    """One line: x values sorted, counts (None where suppressed)."""
    points = sorted((c["group"][key], c["count"]) for c in cells
                    if c["group"].get(key) is not None)
    return {"name": name, "x": [p[0] for p in points], "y": [p[1] for p in points]}
