"""Alembic environment: runs on the connection `tahub.store.db.migrate` hands over."""

from alembic import context
from sqlalchemy import create_engine

import tahub.store.access_tables  # noqa: F401  (its tables join Base.metadata)
import tahub.store.ads_tables  # noqa: F401  (ads, identifiers, clusters)
import tahub.store.cube_tables  # noqa: F401  (the incident cube)
import tahub.store.web_tables  # noqa: F401  (saved searches)
from tahub.store.tables import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
