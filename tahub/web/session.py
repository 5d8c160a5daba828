"""The web session: a signed cookie holding the user id and a CSRF token, nothing else.

The cookie is HttpOnly and SameSite=Lax; the signing key is derived from the installation
secret. Forms carry the CSRF token in a hidden field and the server compares it with the
one in the cookie (a signed double submit, so it also protects the anonymous login form).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from tahub.config import installation_secret

COOKIE = "tahub_session"
LANG_COOKIE = "tahub_lang"
MAX_AGE = 12 * 3600


@dataclass(frozen=True)
class WebSession:
    user_id: int | None
    csrf: str


def _serializer() -> URLSafeTimedSerializer:
    key = hmac.new(installation_secret(), b"tahub web session", hashlib.sha256).hexdigest()
    return URLSafeTimedSerializer(key, salt="tahub.web.session")


def read(cookie: str | None) -> WebSession | None:
    """The session in a cookie value, or None when absent, forged or expired."""
    if not cookie:
        return None
    try:
        data = _serializer().loads(cookie, max_age=MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), str):
        return None
    user_id = data.get("u")
    return WebSession(user_id if isinstance(user_id, int) else None, data["c"])


def new(user_id: int | None) -> WebSession:
    return WebSession(user_id, secrets.token_urlsafe(24))


def dump(session: WebSession) -> str:
    return _serializer().dumps({"u": session.user_id, "c": session.csrf})


class Revoked:
    """Sessions ended by logout, by their CSRF token (unique per session), until their
    cookie would have expired anyway. In the memory of one process: after a restart a
    logged-out cookie works again until it expires, which is why MAX_AGE is short."""

    def __init__(self) -> None:
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def add(self, session: WebSession) -> None:
        with self._lock:
            now = time.time()
            self._until = {k: t for k, t in self._until.items() if t > now}
            self._until[session.csrf] = now + MAX_AGE

    def __contains__(self, session: object) -> bool:
        if not isinstance(session, WebSession):
            return False
        with self._lock:
            return self._until.get(session.csrf, 0) > time.time()


def csrf_ok(session: WebSession | None, submitted: object) -> bool:
    return (session is not None and isinstance(submitted, str) and bool(submitted)
            and hmac.compare_digest(session.csrf, submitted))
