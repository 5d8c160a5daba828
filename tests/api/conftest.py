"""Fixtures for API tests: the hub of `api_hub.py`, built once per module and database
(SQLite, and PostgreSQL when reachable), since hashing a dozen passwords with argon2 and
migrating cost more than the tests themselves."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).parent))

from api_hub import build_hub  # noqa: E402

PG_URL = os.environ.get("TAHUB_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hub(request, tmp_path_factory, pg_available):  # type: ignore[no-untyped-def]
    """The shared test hub, on each database."""
    from tahub.store.db import _engine_for

    folder: Path = tmp_path_factory.mktemp("hub")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TAHUB_DATA_DIR", str(folder / "var"))
        mp.setenv("TAHUB_SECRET", "test-secret")
        schema = None
        if request.param == "sqlite":
            url = f"sqlite:///{folder}/tahub.db"
        else:
            if not pg_available:
                pytest.skip("PostgreSQL not reachable")
            schema = f"t_{uuid.uuid4().hex[:12]}"
            admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = f"{PG_URL}?options=-csearch_path%3D{schema}"
        mp.setenv("TAHUB_DATABASE_URL", url)
        try:
            yield build_hub(url)
        finally:
            _engine_for(url).dispose()
            _engine_for.cache_clear()
            if schema:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()


@pytest.fixture(scope="module")
def sqlite_hub(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The test hub on SQLite only, for tests about HTTP rather than the database."""
    from tahub.store.db import _engine_for

    folder: Path = tmp_path_factory.mktemp("hub")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TAHUB_DATA_DIR", str(folder / "var"))
        mp.setenv("TAHUB_SECRET", "test-secret")
        url = f"sqlite:///{folder}/tahub.db"
        mp.setenv("TAHUB_DATABASE_URL", url)
        try:
            yield build_hub(url)
        finally:
            _engine_for(url).dispose()
            _engine_for.cache_clear()
