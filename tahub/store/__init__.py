"""The hub's database: SQLAlchemy tables, Alembic migrations, connection handling."""
