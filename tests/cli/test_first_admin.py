"""`tahub demo` leaves a hub that can be opened at once: one admin, password shown once."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tahub.access.passwords import authenticate_password
from tahub.cli import _first_admin
from tahub.store.access_tables import User
from tahub.store.db import get_engine, init_database


def test_first_admin_is_made_once_with_a_working_one_time_password(sqlite_url, capsys):
    init_database()
    _first_admin()
    printed = capsys.readouterr().out
    password = printed.split("with the password ")[1].split(" ")[0]
    _first_admin()
    assert capsys.readouterr().out == ""  # a hub with a user gets no second admin
    with Session(get_engine()) as session:
        users = session.scalars(select(User)).all()
        assert [(u.email, u.role) for u in users] == [("admin@tahub.local", "admin")]
        assert password not in users[0].password_hash
        assert authenticate_password(session, "admin@tahub.local", password) is not None
