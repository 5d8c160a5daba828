"""Passwords and API tokens: argon2 only, tokens shown once, stored as hashes, revocable,
expiring; repeated bad passwords lock the account for a while."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from tahub.access.context import NotFound
from tahub.access.members import add_organisation, add_user
from tahub.access.passwords import authenticate_password, hash_password, now, verify_password
from tahub.access.tokens import authenticate_token, create_token, revoke_token
from tahub.errors import UsageError
from tahub.store.access_tables import ApiToken, User

PASSWORD = "correct horse battery staple"


@pytest.fixture
def session(db_url):  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from tahub.store.db import get_engine, init_database

    init_database(db_url)
    with Session(get_engine(db_url)) as s, s.begin():
        add_organisation(s, "Fundación Renacer", "ngo")
        add_user(s, "Ana@Renacer.org", "Fundación Renacer", "viewer", PASSWORD)
        yield s


def test_argon2_hash_round_trip():  # type: ignore[no-untyped-def]
    stored = hash_password("contraseña segura 123")
    assert stored.startswith("$argon2id$") and "contraseña" not in stored
    assert verify_password(stored, "contraseña segura 123")
    assert not verify_password(stored, "contraseña segura 124")
    assert not verify_password("not a hash", "x")


def test_token_is_stored_only_as_hash_and_authenticates(session):  # type: ignore[no-untyped-def]
    token_id, token = create_token(session, "ana@renacer.org", days=30)
    stored = session.get(ApiToken, token_id)
    assert token not in stored.token_sha256 and len(stored.token_sha256) == 64
    dump = session.execute(text("SELECT * FROM api_tokens")).all()
    assert not any(token in str(v) for row in dump for v in row)
    access = authenticate_token(session, token)
    assert access is not None and access.email == "ana@renacer.org" and access.role == "viewer"
    assert stored.expires_at - stored.created_at == timedelta(days=30)
    assert authenticate_token(session, token + "x") is None
    assert authenticate_token(session, "") is None


def test_each_token_is_new(session):  # type: ignore[no-untyped-def]
    tokens = {create_token(session, "ana@renacer.org")[1] for _ in range(5)}
    assert len(tokens) == 5 and all(len(t) > 40 for t in tokens)


def test_revoked_and_expired_tokens_fail(session):  # type: ignore[no-untyped-def]
    revoked_id, revoked = create_token(session, "ana@renacer.org")
    expired_id, expired = create_token(session, "ana@renacer.org")
    _, other = create_token(session, "ana@renacer.org")
    revoke_token(session, revoked_id)
    session.get(ApiToken, expired_id).expires_at = now() - timedelta(seconds=1)
    session.flush()
    assert authenticate_token(session, revoked) is None
    assert authenticate_token(session, expired) is None
    assert authenticate_token(session, other) is not None
    with pytest.raises(NotFound):
        revoke_token(session, 9999)
    with pytest.raises(NotFound):
        create_token(session, "nobody@renacer.org")


def test_deactivated_user_loses_tokens_and_login(session):  # type: ignore[no-untyped-def]
    _, token = create_token(session, "ana@renacer.org")
    session.scalar(select(User)).active = False
    session.flush()
    assert authenticate_token(session, token) is None
    assert authenticate_password(session, "ana@renacer.org", PASSWORD) is None


def test_password_login_and_lockout(session):  # type: ignore[no-untyped-def]
    assert authenticate_password(session, "ANA@renacer.org", PASSWORD).role == "viewer"
    assert authenticate_password(session, "nobody@renacer.org", PASSWORD) is None
    for _ in range(5):
        assert authenticate_password(session, "ana@renacer.org", "wrong password") is None
    assert authenticate_password(session, "ana@renacer.org", PASSWORD) is not None  # 5 free
    for _ in range(6):
        authenticate_password(session, "ana@renacer.org", "wrong password")
    user = session.scalar(select(User))
    assert user.locked_until > now()
    assert authenticate_password(session, "ana@renacer.org", PASSWORD) is None  # locked
    user.locked_until = now() - timedelta(seconds=1)
    assert authenticate_password(session, "ana@renacer.org", PASSWORD) is not None


@pytest.mark.parametrize(("email", "role", "password", "problem"), [
    ("not-an-email", "viewer", PASSWORD, "email"),
    ("b@renacer.org", "superuser", PASSWORD, "role"),
    ("b@renacer.org", "viewer", "short", "at least"),
    ("ana@renacer.org", "viewer", PASSWORD, "already"),
])
def test_bad_users_are_refused(session, email, role, password, problem):  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match=problem):
        add_user(session, email, "Fundación Renacer", role, password)
