"""The filters every page shares (country, exploitation, year range, source, sector),
read from the query string, checked, and turned into what `tahub.access` takes."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from fastapi import Request

CODE = re.compile(r"^[A-Za-z]{2}$")
TAG = re.compile(r"^[a-z_]+\.[a-z_]+$")


@dataclass
class WebFilters:
    country: str | None = None
    exploitation: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    source: int | None = None
    sector: str | None = None

    def for_aggregate(self) -> dict:
        """As `tahub.access.disclosure.aggregate` filters: a sector alone is the tag filter
        (which the cube answers); beside an exploitation type it is a second tag filter."""
        out: dict = {}
        if self.country:
            out["country_of_exploitation"] = self.country
        tag = self.exploitation or self.sector
        if tag:
            out["exploitation"] = tag
        if self.exploitation and self.sector:
            out["sector"] = self.sector
        if self.year_from is not None:
            out["year_from"] = self.year_from
        if self.year_to is not None:
            out["year_to"] = self.year_to
        if self.source is not None:
            out["source"] = self.source
        return out

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def query(self, **override: object) -> str:
        values = {**self.as_dict(), **override}
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def _int(value: str | None, low: int, high: int) -> int | None:
    if value and value.strip().isdigit() and len(value.strip()) < 10:
        number = int(value)
        return number if low <= number <= high else None
    return None


def read_filters(request: Request) -> WebFilters:
    """Filters from the query string; malformed values are dropped, never a 500."""
    q = request.query_params
    country = (q.get("country") or "").strip()
    exploitation = (q.get("exploitation") or "").strip()
    sector = (q.get("sector") or "").strip()
    return WebFilters(
        country=country.upper() if CODE.match(country) else None,
        exploitation=exploitation if TAG.match(exploitation) and
        exploitation.startswith("exploitation.") else None,
        year_from=_int(q.get("year_from"), 1900, 2100),
        year_to=_int(q.get("year_to"), 1900, 2100),
        source=_int(q.get("source"), 1, 2**62),
        sector=sector if TAG.match(sector) and sector.startswith("sector.") else None)
