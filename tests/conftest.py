"""Shared fixtures. Database tests run once on SQLite and once on PostgreSQL.

`db_url` gives each test its own database: a SQLite file in tmp_path, or a fresh schema in
the PostgreSQL server on 127.0.0.1:5432 (user postgres, database `test`), dropped after.
Set TAHUB_TEST_PG_URL to use another server; PostgreSQL tests are skipped when it cannot
be reached, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).parent))

from fresh_db import PG_URL, fresh_database  # noqa: E402

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
    if request.param == "postgresql" and not pg_available:
        pytest.skip("PostgreSQL not reachable")
    with fresh_database(tmp_path, request.param, monkeypatch) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """SQLite only, for tests about file handling rather than the database."""
    with fresh_database(tmp_path, "sqlite", monkeypatch) as url:
        yield url
