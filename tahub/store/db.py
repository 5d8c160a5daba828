"""Connections: one engine per database URL, migrations run by `tahub init`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

import tahub.store.access_tables  # noqa: F401  (users, tokens, audit join the metadata)
import tahub.store.ads_tables  # noqa: F401  (ads, identifiers, clusters)
import tahub.store.cube_tables  # noqa: F401  (the incident cube)
import tahub.store.web_tables  # noqa: F401  (saved searches)
from tahub.config import get_settings
from tahub.store.tables import Organisation

MIGRATIONS = Path(__file__).parent / "migrations"


@cache
def _engine_for(url: str) -> Engine:
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url`, or for the configured database; SQLite folders are made."""
    url = url or get_settings().database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return _engine_for(url)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(url: str | None = None) -> None:
    """Create or upgrade the database to the newest schema (every migration branch)."""
    url = url or get_settings().database_url
    engine = get_engine(url)
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def ensure_organisation(session: Session, name: str, type_: str = "ngo") -> Organisation:
    """The organisation called `name`, made on first use (the installation's own one)."""
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = Organisation(name=name, type=type_)
        session.add(org)
        session.flush()
    return org


def init_database(url: str | None = None) -> None:
    """`tahub init`: migrate, then make sure the installation's own organisation exists."""
    migrate(url)
    with Session(get_engine(url)) as session, session.begin():
        ensure_organisation(session, get_settings().org)
