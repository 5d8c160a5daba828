"""Settings, declared once as (name, default, help) and read from the environment.

Every setting is an environment variable `TAHUB_<NAME>`; `docs/configuration.md`
lists them and `tests/test_docs.py` keeps that page in step with this table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SETTINGS: list[tuple[str, str, str]] = [
    ("DATA_DIR", "./var", "Folder for the SQLite database, the installation secret and uploads."),
    ("DATABASE_URL", "", "SQLAlchemy URL; empty means a SQLite file `tahub.db` in DATA_DIR."),
    ("SECRET", "", "Installation secret for keyed hashes; empty means one is made in DATA_DIR."),
    ("ORG", "Local hub", "Name of the installation's own organisation, made by `tahub init`."),
    ("HOST", "127.0.0.1", "Address `tahub serve` listens on."),
    ("PORT", "8000", "Port `tahub serve` listens on."),
    ("MAX_CELL_BYTES", "1000000", "Largest cell accepted by tabular ingest, in bytes."),
    ("MAX_UPLOAD_BYTES", "104857600", "Largest uploaded file, in bytes."),
    ("MAX_ROWS", "5000000", "Most rows accepted in one tabular file."),
    ("K_PUBLIC", "11", "Smallest count shown in aggregates to readers outside the owner."),
    ("K_MEMBERS", "11", "Like K_PUBLIC, for rows shared with every member (`members`)."),
    ("K_GROUP", "11", "Like K_PUBLIC, for rows shared with a sharing group (`group`)."),
    ("CORS_ORIGINS", "", "Comma-separated origins allowed to call the API from a browser; "
     "empty (the default) allows none, and `*` is ignored."),
    ("ALERT_WEBHOOK", "", "URL `tahub alerts` POSTs new saved-search matches to as JSON; "
     "empty means print only."),
]


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    secret: str
    org: str
    host: str
    port: int
    max_cell_bytes: int
    max_upload_bytes: int
    max_rows: int
    k_public: int
    k_members: int = 11
    k_group: int = 11
    cors_origins: str = ""
    alert_webhook: str = ""


def _env(name: str) -> str:
    default = next(d for n, d, _ in SETTINGS if n == name)
    return os.environ.get(f"TAHUB_{name}", default)


def get_settings() -> Settings:
    """Read the settings afresh, so tests and workers see the environment they were given."""
    data_dir = Path(_env("DATA_DIR")).expanduser()
    url = _env("DATABASE_URL") or f"sqlite:///{(data_dir / 'tahub.db').resolve()}"
    return Settings(
        data_dir=data_dir,
        database_url=url,
        secret=_env("SECRET"),
        org=_env("ORG"),
        host=_env("HOST"),
        port=int(_env("PORT")),
        max_cell_bytes=int(_env("MAX_CELL_BYTES")),
        max_upload_bytes=int(_env("MAX_UPLOAD_BYTES")),
        max_rows=int(_env("MAX_ROWS")),
        k_public=int(_env("K_PUBLIC")),
        k_members=int(_env("K_MEMBERS")),
        k_group=int(_env("K_GROUP")),
        cors_origins=_env("CORS_ORIGINS"),
        alert_webhook=_env("ALERT_WEBHOOK"),
    )


def installation_secret(settings: Settings | None = None) -> bytes:
    """The key for keyed hashes of identifiers: from TAHUB_SECRET, else a file made once."""
    settings = settings or get_settings()
    if settings.secret:
        return settings.secret.encode()
    path = settings.data_dir / "secret.key"
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(32).hex().encode())
        path.chmod(0o600)
    return path.read_bytes().strip()
