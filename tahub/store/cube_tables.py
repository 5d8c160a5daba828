"""The incident cube: pre-aggregated incident counts, so a page reads thousands of rows
instead of scanning millions. Derived data, kept by `tahub.access.cube`; never a source of
truth (deleting every row only makes the next refresh rebuild it).

Rows are keyed by *scope*, not source: a scope is one combination of the source terms the
access policy decides on (owner organisation, sharing level, sharing group, TLP mark), so
every source in a scope is visible to exactly the same readers and any reader's visible
incidents are a union of whole scopes. A few rollups also keep the source (finer than a
scope, so still exact for any reader who may count the scope), the H3 cell of the
incidents' places (the map's hexagons) or their first-level area (the map's departments).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tahub.store.tables import Base


class CubeScope(Base):
    """One combination of the policy's source terms. `version` grows at every change of the
    scope's cells (callers cache answers by it); `appends` counts additions since the last
    full rebuild (many small additions are compacted by rebuilding)."""

    __tablename__ = "cube_scopes"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(Integer)
    sharing: Mapped[str] = mapped_column(String(20))
    sharing_group_id: Mapped[int | None] = mapped_column(Integer)
    tlp: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=0)
    appends: Mapped[int] = mapped_column(Integer, default=0)


class CubeCell(Base):
    """Count and key sum (see `tahub.access.disclosure.cell_key`) of a scope's incidents in
    one cell of one rollup. A rollup keeps some of the aggregate fields; the others are
    NULL and never read. `exploitation` is '*' for every incident, else one exploitation
    or sector tag. Place rollups (those keeping `cell`, an H3 cell) count places with
    coordinates instead of incidents; area rollups (keeping `place_country` and `area`,
    the first-level area as the records name it) count incidents once per area. One
    cell may have several rows (additions append); readers always sum."""

    __tablename__ = "cube_cells"
    __table_args__ = (Index("ix_cube_cells_rollup", "rollup", "exploitation", "scope_id",
                            "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rollup: Mapped[str] = mapped_column(String(8))
    scope_id: Mapped[int] = mapped_column(Integer)
    exploitation: Mapped[str] = mapped_column(String(80))
    country_of_exploitation: Mapped[str | None] = mapped_column(String(2))
    citizenship: Mapped[str | None] = mapped_column(String(2))
    year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(20))
    source_id: Mapped[int | None] = mapped_column(Integer)
    cell: Mapped[str | None] = mapped_column(String(16))
    place_country: Mapped[str | None] = mapped_column(String(2))
    area: Mapped[str | None] = mapped_column(String(200))
    n: Mapped[int] = mapped_column(Integer)
    key_sum: Mapped[int] = mapped_column(BigInteger)


class CubeSource(Base):
    """What the cube holds of one source: its scope, the newest incident id counted, and
    the key multiplier used (a new installation secret rebuilds every scope)."""

    __tablename__ = "cube_sources"
    source_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    scope_id: Mapped[int] = mapped_column(Integer)
    max_incident_id: Mapped[int] = mapped_column(Integer)
    multiplier: Mapped[int] = mapped_column(BigInteger)
