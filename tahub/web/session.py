"""The web session: a signed cookie holding the user id and a CSRF token, nothing else.

The cookie is HttpOnly and SameSite=Lax; the signing key is derived from the installation
secret. Forms carry the CSRF token in a hidden field and the server compares it with the
one in the cookie (a signed double submit, so it also protects the anonymous login form).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
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


def csrf_ok(session: WebSession | None, submitted: object) -> bool:
    return (session is not None and isinstance(submitted, str) and bool(submitted)
            and hmac.compare_digest(session.csrf, submitted))
