"""`tahub alerts`: per user, the saved searches with new incidents, as counts and filters
only (no names, emails or record content), printed and optionally POSTed as JSON to
`TAHUB_ALERT_WEBHOOK` (an email relay, a chat bot) with the standard library."""

from __future__ import annotations

import json
import urllib.request

from sqlalchemy import select
from sqlalchemy.orm import Session

from tahub.access.context import access_for_user
from tahub.store.access_tables import User
from tahub.store.web_tables import SavedSearch
from tahub.web.saved import filters_of, new_count

TIMEOUT = 10


def pending(db: Session) -> list[dict]:
    """`[{"user_id", "searches": [{"id", "filters", "new"}]}]` for active users with news;
    each count is what that user may list, through their own Access."""
    out = []
    user_ids = db.scalars(select(SavedSearch.user_id).distinct().order_by(SavedSearch.user_id))
    for user_id in list(user_ids):
        user = db.get(User, user_id)
        if user is None or not user.active:
            continue
        access = access_for_user(db, user)
        searches = []
        for s in db.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id)
                            .order_by(SavedSearch.id)):
            n = new_count(db, access, s)
            if n:
                searches.append({"id": s.id, "filters": filters_of(s).as_dict(), "new": n})
        if searches:
            out.append({"user_id": user_id, "searches": searches})
    return out


def post(url: str, alerts: list[dict]) -> int:
    """POST `{"alerts": [...]}` as JSON; the HTTP status."""
    body = json.dumps({"alerts": alerts}).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
        return answer.status
