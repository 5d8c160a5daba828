"""Shared fixtures. Database tests run once on SQLite and once on PostgreSQL.

`db_url` gives each test its own database: a SQLite file in tmp_path, or a fresh schema in
the PostgreSQL server on 127.0.0.1:5432 (user postgres, database `test`), dropped after.
Set TAHUB_TEST_PG_URL to use another server; PostgreSQL tests are skipped when it cannot
be reached, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_URL = os.environ.get("TAHUB_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


def _pg_available() -> bool:
    try:
        engine = create_engine(PG_URL)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_available() -> bool:
    ok = _pg_available()
    if not ok and os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is not reachable at {PG_URL}; .ci/run must start it")
    return ok


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, monkeypatch, pg_available):  # type: ignore[no-untyped-def]
    """A fresh, migrated-on-first-use database URL, also set as TAHUB_DATABASE_URL."""
    monkeypatch.setenv("TAHUB_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TAHUB_SECRET", "test-secret")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/tahub.db"
        monkeypatch.setenv("TAHUB_DATABASE_URL", url)
        yield url
        _dispose(url)
        return
    if not pg_available:
        pytest.skip("PostgreSQL not reachable")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("TAHUB_DATABASE_URL", url)
    try:
        yield url
    finally:
        _dispose(url)
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """SQLite only, for tests about file handling rather than the database."""
    monkeypatch.setenv("TAHUB_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TAHUB_SECRET", "test-secret")
    url = f"sqlite:///{tmp_path}/tahub.db"
    monkeypatch.setenv("TAHUB_DATABASE_URL", url)
    yield url
    _dispose(url)


def _dispose(url: str) -> None:
    from tahub.store.db import _engine_for

    _engine_for(url).dispose()
    _engine_for.cache_clear()
