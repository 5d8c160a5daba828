"""Passwords: argon2id hashes, and a login that slows down after repeated failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access.context import Access, access_for_user

# OWASP's argon2id minimum (19 MiB, 2 passes): a login costs ~0.1 s, not the library
# default's 64 MiB and ~0.5 s, which a small hub's shared CPU pays on every sign-in.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
FREE_FAILURES = 5  # failures allowed before each further one locks the account a while
MAX_LOCK = timedelta(minutes=30)
_DUMMY = HASHER.hash("tahub: an unknown user takes as long as a known one")


def hash_password(pw: str) -> str:
    return HASHER.hash(pw)


def verify_password(hash: str, pw: str) -> bool:
    try:
        return HASHER.verify(hash, pw)
    except (VerificationError, InvalidHashError):
        return False


def now() -> datetime:
    """UTC now without tzinfo, as stored in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def authenticate_password(session: Session, email: str, password: str) -> Access | None:
    """The Access for a correct email and password, else None.

    Past FREE_FAILURES consecutive failures the account is locked for 1, 2, 4... minutes
    (at most 30) and every attempt, right or wrong, fails until the lock ends. The caller
    commits the session so the failure count is kept.
    """
    from tahub.store.access_tables import User

    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.active or not user.password_hash:
        verify_password(_DUMMY, password)
        return None
    if user.locked_until is not None and user.locked_until > now():
        return None
    if not verify_password(user.password_hash, password):
        user.failed_logins = (user.failed_logins or 0) + 1
        over = user.failed_logins - FREE_FAILURES - 1
        if over >= 0:
            user.locked_until = now() + min(timedelta(minutes=2 ** min(over, 10)), MAX_LOCK)
        return None
    user.failed_logins, user.locked_until = 0, None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return access_for_user(session, user)
