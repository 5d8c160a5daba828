"""Fixtures for API tests: the hub of `api_hub.py`, built once per module and database
(SQLite, and PostgreSQL when reachable), since hashing a dozen passwords with argon2 and
migrating cost more than the tests themselves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from api_hub import build_hub  # noqa: E402
from fresh_db import fresh_database  # noqa: E402


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hub(request, tmp_path_factory, pg_available):  # type: ignore[no-untyped-def]
    """The shared test hub, on each database."""
    if request.param == "postgresql" and not pg_available:
        pytest.skip("PostgreSQL not reachable")
    with pytest.MonkeyPatch.context() as mp, fresh_database(
            tmp_path_factory.mktemp("hub"), request.param, mp) as url:
        yield build_hub(url)


@pytest.fixture(scope="module")
def sqlite_hub(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The test hub on SQLite only, for tests about HTTP rather than the database."""
    with pytest.MonkeyPatch.context() as mp, fresh_database(
            tmp_path_factory.mktemp("hub"), "sqlite", mp) as url:
        yield build_hub(url)
