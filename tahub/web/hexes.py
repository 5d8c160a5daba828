"""Hotspots as H3 hexagons: points the caller may count, binned into cells, each cell's
count passed through disclosure control like any other aggregate.

Cells are at resolution 4 (about 1,800 km²), coarser than the policy's coarsening of
other organisations' coordinates, so a hexagon never places a record more precisely than
its row would. Incident places come pre-binned from the incident cube's place rollups
(`tahub.access.cube`), so a cold map over a million incidents sums a few thousand rows;
what the cube cannot answer (an exploitation type and a sector at once), missing persons
and points of interest are read point by point, in batches of BATCH, every one counted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import h3
from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.access.cube import RESOLUTION
from tahub.access.disclosure import cube_cells
from tahub.access.policy import countable_sources
from tahub.store.tables import (
    Incident,
    IncidentPlace,
    IncidentTag,
    MissingPerson,
    PointOfInterest,
    Source,
)
from tahub.web.filters import WebFilters
from tahub.web.queries import cached, protected

BATCH = 20_000  # points fetched at a time when binning here


def incident_conditions(filters: WebFilters) -> list:
    out: list = []
    if filters.country:
        out.append(Incident.country_of_exploitation == filters.country)
    for tag in (filters.exploitation, filters.sector):
        if tag:
            out.append(exists().where(IncidentTag.incident_id == Incident.id,
                                      IncidentTag.tag == tag))
    if filters.year_from is not None:
        out.append(Incident.registration_year >= filters.year_from)
    if filters.year_to is not None:
        out.append(Incident.registration_year <= filters.year_to)
    if filters.source is not None:
        out.append(Incident.source_id == filters.source)
    return out


def _points(db: Session, access: Access, layer: str, filters: WebFilters) -> Any:
    own = Source.organisation_id == access.organisation_id
    if layer == "incidents":
        query = (select(IncidentPlace.lat, IncidentPlace.lon, own)
                 .join(Incident, Incident.id == IncidentPlace.incident_id)
                 .join(Source, Source.id == Incident.source_id)
                 .where(countable_sources(access), IncidentPlace.lat.is_not(None),
                        IncidentPlace.lon.is_not(None), *incident_conditions(filters)))
    else:
        model: Any = MissingPerson if layer == "missing_persons" else PointOfInterest
        where = [countable_sources(access), model.lat.is_not(None), model.lon.is_not(None)]
        if filters.country:
            where.append(model.country == filters.country)
        if filters.source is not None:
            where.append(model.source_id == filters.source)
        query = (select(model.lat, model.lon, own).join(Source, Source.id == model.source_id)
                 .where(and_(*where)))
    return db.execute(query.execution_options(yield_per=BATCH))


def hexagons(db: Session, access: Access, layer: str, filters: WebFilters) -> dict:
    """A GeoJSON FeatureCollection of protected cell counts (suppressed cells left out)."""
    return cached(db, access, ("hexagons", layer, tuple(sorted(filters.as_dict().items()))),
                  lambda: _hexagons(db, access, layer, filters))


def cell_counts(db: Session, access: Access, layer: str,
                filters: WebFilters) -> list[tuple[str, int, int]]:
    """`(H3 cell, points, the caller's own points)` of a layer: the input of disclosure
    control, from the cube when it can answer, else binned here."""
    if layer == "incidents":
        cubed = cube_cells(db, access, ["cell"], filters.for_aggregate())
        if cubed is not None:
            return [(c["group"]["cell"], c["count"], c["own"]) for c in cubed]
    return binned(db, access, layer, filters)


def binned(db: Session, access: Access, layer: str,
           filters: WebFilters) -> list[tuple[str, int, int]]:
    """`cell_counts` by reading every point the caller may count."""
    total: Counter[str] = Counter()
    mine: Counter[str] = Counter()
    for lat, lon, is_own in _points(db, access, layer, filters):
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        cell = h3.latlng_to_cell(lat, lon, RESOLUTION)
        total[cell] += 1
        if is_own:
            mine[cell] += 1
    return [(c, n, mine[c]) for c, n in total.items()]


def _hexagons(db: Session, access: Access, layer: str, filters: WebFilters) -> dict:
    cells = protected(db, access, cell_counts(db, access, layer, filters), "cell")
    features = []
    for item in cells:
        if item["suppressed"]:
            continue
        cell = item["group"]["cell"]
        ring = [[round(lon, 4), round(lat, 4)] for lat, lon in h3.cell_to_boundary(cell)]
        ring.append(ring[0])
        features.append({"type": "Feature", "geometry": {"type": "Polygon",
                                                         "coordinates": [ring]},
                         "properties": {"count": item["count"], "exact": item["exact"]}})
    return {"type": "FeatureCollection", "features": features,
            "hidden": sum(1 for c in cells if c["suppressed"])}
