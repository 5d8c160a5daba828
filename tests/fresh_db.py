"""One fresh database for a test or a module: a SQLite file, or a new PostgreSQL schema.

Sets TAHUB_DATA_DIR, TAHUB_SECRET and TAHUB_DATABASE_URL for its duration, and disposes of
the engine (and drops the schema) afterwards. Every database fixture goes through it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_URL = os.environ.get("TAHUB_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def fresh_database(folder: Path, backend: str, mp: pytest.MonkeyPatch) -> Iterator[str]:
    from tahub.store.db import _engine_for

    mp.setenv("TAHUB_DATA_DIR", str(folder / "var"))
    mp.setenv("TAHUB_SECRET", "test-secret")
    schema = None
    if backend == "sqlite":
        url = f"sqlite:///{folder}/tahub.db"
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    mp.setenv("TAHUB_DATABASE_URL", url)
    try:
        yield url
    finally:
        _engine_for(url).dispose()
        _engine_for.cache_clear()
        if schema:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
