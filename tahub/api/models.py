"""Response shapes: one per answer, never a table, and no field that carries raw identity.

Free text, coordinates and dates come out of `tahub.access.policy.redact_record`, so a
reader outside the owner's sharing level gets the coarsened value or null.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorBody(BaseModel):
    status: int
    message: str
    details: list[Any] = Field(default_factory=list)


class ErrorOut(BaseModel):
    error: ErrorBody


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="Rows the caller may see under these filters.")
    limit: int
    offset: int


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


class IncidentOut(Out):
    id: int
    source_id: int
    registration_year: int | None = None
    data_source: str | None = None
    gender: str | None = None
    age_band: str | None = None
    minor: bool | None = None
    citizenship: str | None = None
    country_of_exploitation: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    reported_on: str | None = None
    victims_count: int | None = None
    tags: list[str] = Field(default_factory=list)

    _dates = field_validator("date_start", "date_end", "reported_on", mode="before")(_iso)


class PlaceOut(Out):
    role: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    locality: str | None = None
    lat: float | None = None
    lon: float | None = None


class EvidenceOut(Out):
    tag: str
    start: int
    end: int
    text: str | None = None
    confidence: float
    method: str


class IncidentDetail(IncidentOut):
    document_id: int | None = None
    places: list[PlaceOut] = Field(default_factory=list)
    evidence: list[EvidenceOut] = Field(default_factory=list,
                                        description="Tag hits in the incident's document.")


class DocumentOut(Out):
    id: int
    source_id: int
    url: str | None = None
    title: str | None = None
    text: str | None = None
    lang: str | None = None
    published_at: str | None = None
    kind: str | None = None
    relevant: bool | None = None
    relevance_score: float | None = None
    story_id: int | None = None

    _dates = field_validator("published_at", mode="before")(_iso)


class MissingPersonOut(Out):
    id: int
    source_id: int
    sex: str | None = None
    age: int | None = None
    minor: bool | None = None
    date_missing: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    locality: str | None = None
    lat: float | None = None
    lon: float | None = None
    status: str | None = None

    _dates = field_validator("date_missing", mode="before")(_iso)


class PoiOut(Out):
    id: int
    source_id: int
    name: str | None = None
    category: str | None = None
    lat: float | None = None
    lon: float | None = None
    address: str | None = None
    locality: str | None = None
    admin1: str | None = None
    country: str | None = None


class AdOut(Out):
    id: int
    source_id: int
    fields: dict[str, Any] = Field(default_factory=dict)


class ClusterOut(Out):
    id: int
    source_id: int
    fields: dict[str, Any] = Field(default_factory=dict)


class Cell(BaseModel):
    group: dict[str, str | int | None]
    count: int | None = Field(description="Null when suppressed.")
    suppressed: bool = False
    exact: bool = Field(False, description="Only the caller's own rows: not rounded.")


class AggregateOut(BaseModel):
    group_by: list[str]
    cells: list[Cell]
    k: int = Field(description="Smallest count shown outside the owner's organisation.")
    suppressed: int = Field(description="How many cells are suppressed.")


class RowErrorOut(BaseModel):
    row: int
    column: str
    value: str
    reason: str


class UploadOut(BaseModel):
    source_id: int | None
    filename: str
    profile: str
    sharing: str
    tlp: str
    rows_read: int
    rows_stored: int
    rows_rejected: int
    already: bool = Field(description="The same file was stored before; nothing new stored.")
    errors: list[RowErrorOut] = Field(default_factory=list)


class AuditEntryOut(Out):
    id: int
    at: str
    actor: str
    organisation_id: int | None = None
    action: str
    object: str
    filters: dict[str, Any] | None = None

    _dates = field_validator("at", mode="before")(_iso)


class OrganisationOut(Out):
    id: int
    name: str
    type: str


class MeOut(BaseModel):
    user_id: int | None
    email: str | None
    role: str
    organisation: OrganisationOut
    group_ids: list[int]
    can: list[str] = Field(description="Actions the role allows.")
