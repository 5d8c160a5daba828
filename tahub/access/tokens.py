"""API tokens: random, shown once, stored only as SHA-256, revocable, expiring."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access.context import Access, NotFound, access_for_user
from tahub.access.passwords import now

PREFIX = "tahub_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, email: str, days: int = 90) -> tuple[int, str]:
    """A new token for the user `email`: (its id, the token, which is never stored)."""
    from tahub.store.access_tables import ApiToken, User

    if days < 1:
        raise ValueError("a token must live at least one day")
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.active:
        raise NotFound(f"no active user '{email}' (add one with `tahub users add`)")
    token = PREFIX + secrets.token_urlsafe(32)
    created = now()
    row = ApiToken(user_id=user.id, token_sha256=token_hash(token), created_at=created,
                   expires_at=created + timedelta(days=days))
    session.add(row)
    session.flush()
    return row.id, token


def revoke_token(session: Session, token_id: int) -> None:
    """Revoke token `token_id` from now on; NotFound if there is no such token."""
    from tahub.store.access_tables import ApiToken

    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFound(f"no token #{token_id}")
    if row.revoked_at is None:
        row.revoked_at = now()
        session.flush()


def authenticate_token(session: Session, token: str) -> Access | None:
    """The caller's Access for a valid token; None when unknown, revoked or expired."""
    from tahub.store.access_tables import ApiToken, User

    if not token or len(token) > 200:
        return None
    row = session.execute(
        select(ApiToken, User).join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_sha256 == token_hash(token))).first()
    if row is None:
        return None
    tok, user = row
    if tok.revoked_at is not None or tok.expires_at <= now() or not user.active:
        return None
    return access_for_user(session, user)
