"""Tables of stored ads (`tahub ingest-ads`): ads, their identifiers as keyed hashes, and
the networks (clusters) they were linked into.

Raw phones, emails and handles live only in `ads.identifiers`, a field the sharing policy
drops for every reader outside the owner organisation (policy.yaml `personal.ads`);
`ad_identifiers` holds the keyed hashes that linking compares, so ads can be joined to
earlier files without reading a raw value back.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tahub.store.tables import Base


class AdCluster(Base):
    """One network of ads from one file: its size, network risk and where and when."""

    __tablename__ = "ad_clusters"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    cluster_key: Mapped[str] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(Integer)
    risk: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list | None] = mapped_column(JSON)
    cities: Mapped[list | None] = mapped_column(JSON)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    earlier_clusters: Mapped[list | None] = mapped_column(JSON)


class Ad(Base):
    """One ad with what extraction found in it; `identifiers` holds the raw values."""

    __tablename__ = "ads"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    source_row: Mapped[int] = mapped_column(Integer)
    external_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    site: Mapped[str | None] = mapped_column(String(300))
    posted_at: Mapped[date | None] = mapped_column(Date)
    lang: Mapped[str | None] = mapped_column(String(8))
    risk: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list | None] = mapped_column(JSON)
    indicators: Mapped[list | None] = mapped_column(JSON)
    ages: Mapped[list | None] = mapped_column(JSON)
    prices: Mapped[list | None] = mapped_column(JSON)
    identifiers: Mapped[dict | None] = mapped_column(JSON)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("ad_clusters.id"), index=True)


class AdIdentifier(Base):
    """A phone, email or handle of one ad, as the HMAC keyed hash linking compares."""

    __tablename__ = "ad_identifiers"
    id: Mapped[int] = mapped_column(primary_key=True)
    ad_id: Mapped[int] = mapped_column(ForeignKey("ads.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    platform: Mapped[str | None] = mapped_column(String(40))
    value_hash: Mapped[str] = mapped_column(String(64), index=True)
