"""Saved searches: a user's filter, and how many incidents matching it arrived since they
last looked. New means an incident id above the one stored when they marked it seen; only
incidents the user may list count (the search page's own conditions and `visible`)."""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access.context import Access
from tahub.api.listing import visible
from tahub.store.tables import Incident
from tahub.store.web_tables import SavedSearch
from tahub.web import records
from tahub.web.filters import WebFilters

MAX_PER_USER = 50
MAX_NAME = 100


def filters_of(saved: SavedSearch) -> WebFilters:
    """The stored filter as `WebFilters` (unknown keys, from older versions, dropped)."""
    known = {f.name for f in fields(WebFilters)}
    return WebFilters(**{k: v for k, v in (saved.filters or {}).items() if k in known})


def newest_visible(db: Session, access: Access, filters: WebFilters) -> int:
    """The highest id among incidents matching `filters` that the caller may list."""
    return db.scalar(select(func.max(Incident.id)).where(
        visible(access, Incident), *records.conditions(access, filters))) or 0


def new_count(db: Session, access: Access, saved: SavedSearch) -> int:
    """Incidents matching the search, visible to the caller, newer than last seen."""
    return db.scalar(select(func.count()).select_from(Incident).where(
        visible(access, Incident), *records.conditions(access, filters_of(saved)),
        Incident.id > saved.last_seen_max_id)) or 0


def save(db: Session, access: Access, user_id: int, name: str,
         filters: WebFilters) -> SavedSearch:
    """Store the search, seen up to now: only what arrives afterwards is new."""
    name = " ".join(name.split())[:MAX_NAME] or "—"
    saved = SavedSearch(user_id=user_id, name=name, filters=filters.as_dict(),
                        last_seen_max_id=newest_visible(db, access, filters))
    db.add(saved)
    db.flush()
    return saved


def of_user(db: Session, user_id: int) -> list[SavedSearch]:
    return list(db.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id)
                           .order_by(SavedSearch.id).limit(MAX_PER_USER)))


def with_counts(db: Session, access: Access, user_id: int) -> list[dict]:
    """The user's saved searches with their filter and count of new incidents."""
    return [{"id": s.id, "name": s.name, "filters": filters_of(s),
             "new": new_count(db, access, s)} for s in of_user(db, user_id)]


def mark_seen(db: Session, access: Access, saved: SavedSearch) -> None:
    saved.last_seen_max_id = max(saved.last_seen_max_id,
                                 newest_visible(db, access, filters_of(saved)))
