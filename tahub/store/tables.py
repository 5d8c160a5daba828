"""The hub's tables. Every stored record knows its source and its row number in it.

Codes are stored as codes (ISO 3166 alpha-2 countries, golden-tag ids), never labels, so
that aggregates group on stable values and translations stay in `schema/`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict: JSON, list: JSON}


class Organisation(Base):
    """A member of the hub: ngo, law_enforcement, financial, business, academic, ..."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Source(Base):
    """One uploaded file or feed: who brought it, when, its hash and its terms of use."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("organisation_id", "profile", "content_sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    label: Mapped[str] = mapped_column(String(300))
    profile: Mapped[str] = mapped_column(String(80))
    filename: Mapped[str] = mapped_column(String(500))
    content_sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_stored: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    licence: Mapped[str | None] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    uploaded_by: Mapped[str | None] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    sharing: Mapped[str] = mapped_column(String(20), default="private")
    sharing_group_id: Mapped[int | None] = mapped_column(Integer)
    tlp: Mapped[str] = mapped_column(String(20), default="AMBER")


class Incident(Base):
    """One victim case record, aligned with CTDC / the Human Trafficking Case Data Standard.

    Exploitation types, sub-types, means of control and recruiter relations are golden tags
    in `incident_tags`; places with their role are in `incident_places`.
    """

    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_exploitation_country_year", "country_of_exploitation",
              "registration_year"),
        Index("ix_incidents_citizenship", "citizenship"),
        Index("ix_incidents_year", "registration_year"),
        # covers the policy's source filter for counts and lists by country (API, web)
        Index("ix_incidents_country_source", "country_of_exploitation", "source_id", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    source_row: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    registration_year: Mapped[int | None] = mapped_column(Integer)
    data_source: Mapped[str | None] = mapped_column(String(100))
    gender: Mapped[str | None] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(20))
    minor: Mapped[bool | None] = mapped_column(Boolean)
    citizenship: Mapped[str | None] = mapped_column(String(2))
    country_of_exploitation: Mapped[str | None] = mapped_column(String(2))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    reported_on: Mapped[date | None] = mapped_column(Date)
    victims_count: Mapped[int | None] = mapped_column(Integer)
    attributes: Mapped[dict | None] = mapped_column(JSON)


class IncidentTag(Base):
    """A golden tag held by an incident (exploitation type, sector, means of control...)."""

    __tablename__ = "incident_tags"
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)


class IncidentPlace(Base):
    """A place in an incident with its role: origin, transit, destination, exploitation..."""

    __tablename__ = "incident_places"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    locality: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class MissingPerson(Base):
    """A missing-person report. Names are never stored in clear, only as a keyed hash."""

    __tablename__ = "missing_persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    source_row: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(20))
    age: Mapped[int | None] = mapped_column(Integer)
    minor: Mapped[bool | None] = mapped_column(Boolean)
    date_missing: Mapped[date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    locality: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(40))
    name_hash: Mapped[str | None] = mapped_column(String(64))
    attributes: Mapped[dict | None] = mapped_column(JSON)


class PointOfInterest(Base):
    """A place of interest: a bar, a massage parlour, a mine, a farm, a bus terminal."""

    __tablename__ = "points_of_interest"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    source_row: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(100))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(Text)
    locality: Mapped[str | None] = mapped_column(String(200))
    admin1: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    attributes: Mapped[dict | None] = mapped_column(JSON)


class Statistic(Base):
    """A published aggregate count. A suppressed value (`<5`) is kept as suppressed, not 0."""

    __tablename__ = "statistics"
    __table_args__ = (Index("ix_statistics_indicator_country", "indicator", "country"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    source_row: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin1_code: Mapped[str | None] = mapped_column(String(20))
    admin2: Mapped[str | None] = mapped_column(String(200))
    admin2_code: Mapped[str | None] = mapped_column(String(20))
    locality: Mapped[str | None] = mapped_column(String(200))
    period: Mapped[str | None] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(300))
    sex: Mapped[str | None] = mapped_column(String(20))
    age_group: Mapped[str | None] = mapped_column(String(40))
    breakdown: Mapped[dict | None] = mapped_column(JSON)
    value: Mapped[float | None] = mapped_column(Float)
    suppressed: Mapped[bool] = mapped_column(Boolean, default=False)
    value_text: Mapped[str | None] = mapped_column(String(40))
    unit: Mapped[str | None] = mapped_column(String(40))


class Document(Base):
    """A text: news article, report, survivor narrative with personal data removed."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    source_row: Mapped[int] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(8))
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    enriched_at: Mapped[datetime | None] = mapped_column(DateTime)
    relevant: Mapped[bool | None] = mapped_column(Boolean)
    relevance_score: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str | None] = mapped_column(String(40))
    facts: Mapped[dict | None] = mapped_column(JSON)


class DocumentSignature(Base):
    """A document's MinHash signature (None: too short to compare), kept so that an ingest
    compares new texts with the stored ones without reading them all again."""

    __tablename__ = "document_signatures"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)


class DocumentBand(Base):
    """One LSH bucket of a document's signature: only documents sharing one are compared."""

    __tablename__ = "document_bands"
    band: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True)


class TagHit(Base):
    """A golden tag found in a document, with its evidence span."""

    __tablename__ = "tag_hits"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    tag: Mapped[str] = mapped_column(String(80), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(80))
