"""Tables the web pages keep for their users: saved searches (alerts on new incidents).

A saved search stores only a filter and the newest visible incident id the user has
looked at; what counts as new is recomputed through the access policy on every read.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from tahub.store.tables import Base


class SavedSearch(Base):
    """One user's named filter and the newest incident id they have marked as seen."""

    __tablename__ = "saved_searches"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    filters: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    last_seen_max_id: Mapped[int] = mapped_column(Integer, default=0)
