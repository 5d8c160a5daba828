"""The Alembic migrations build exactly the tables the models declare, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tahub.store.db import get_engine, init_database
from tahub.store.tables import Base


def test_migrations_match_the_models(db_url):
    init_database()
    init_database()  # a second run is a no-op, not an error
    with get_engine().connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"write a migration for: {diff}"
