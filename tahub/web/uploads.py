"""The two steps of a web upload: a preview (mapped columns, first rows, every row-level
problem, nothing stored) and the commit (`ingest_file`, all-or-nothing unless partial).

Between the steps the file waits in the data folder under a random token, with who
uploaded it and the chosen terms; only that user can commit it, within an hour.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tahub.config import get_settings, installation_secret
from tahub.ingest.mapping import Mapper, RowError
from tahub.ingest.profiles import load_profile
from tahub.ingest.reader import open_table

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_AGE = 3600
PREVIEW_ROWS = 5
MAX_SHOWN = 500


@dataclass
class Preview:
    header: list[str]
    mapped: list[tuple[str, str | None, bool]]  # field, column in the file, required
    unmapped: list[str]
    rows: list[list[str]]
    rows_read: int
    errors: list[RowError]


def folder() -> Path:
    return get_settings().data_dir / "uploads"


def safe_name(name: str | None) -> str:
    return SAFE_NAME.sub("_", Path(name or "upload.csv").name)[:200] or "upload.csv"


def stash(data: bytes, name: str, meta: dict) -> str:
    """Keep the file until it is committed; the token names it."""
    _sweep()
    token = secrets.token_urlsafe(24)
    place = folder() / token
    place.mkdir(parents=True, exist_ok=False)
    (place / safe_name(name)).write_bytes(data)
    (place / "meta.json").write_text(json.dumps({**meta, "name": safe_name(name),
                                                 "at": time.time()}))
    return token


def fetch(token: str, user_id: int) -> tuple[Path, dict] | None:
    """The stashed file and its terms, if `token` is this user's and still fresh."""
    if not TOKEN.match(token or ""):
        return None
    place = folder() / token
    try:
        meta = json.loads((place / "meta.json").read_text())
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != user_id or time.time() - meta.get("at", 0) > MAX_AGE:
        return None
    return place / meta["name"], meta


def discard(token: str) -> None:
    if TOKEN.match(token or ""):
        shutil.rmtree(folder() / token, ignore_errors=True)


def _sweep() -> None:
    root = folder()
    if not root.is_dir():
        return
    for place in root.iterdir():
        try:
            if time.time() - place.stat().st_mtime > MAX_AGE:
                shutil.rmtree(place, ignore_errors=True)
        except OSError:
            continue


def preview(path: Path, data: bytes, profile_name: str) -> Preview:
    """What the profile makes of the file, without storing anything.

    Raises UsageError (unreadable file, unknown profile) with a message for the uploader.
    """
    settings = get_settings()
    profile = load_profile(profile_name)
    table = open_table(path, data)
    mapper = Mapper(profile, table.header, table.decimal, installation_secret(settings),
                    settings.max_cell_bytes)
    mapped = [(b.spec.name, table.header[b.index] if b.index is not None else None,
               b.spec.required) for b in mapper.fields if b.spec.columns]
    unmapped = [mapper.names[i] for i in mapper.unmapped]
    errors: list[RowError] = list(mapper.header_errors)
    rows: list[list[str]] = []
    read = 0
    if not mapper.header_errors:
        raw_rows = []

        def keep(source):  # type: ignore[no-untyped-def]
            for row, cells in source:
                if len(raw_rows) < PREVIEW_ROWS:
                    raw_rows.append(cells)
                yield row, cells

        for _, _, row_errors in mapper.rows(keep(table.rows)):
            read += 1
            errors.extend(row_errors)
            if read > settings.max_rows:
                break
        rows = raw_rows
        errors.extend(RowError(row, "*", "", reason) for row, reason in table.bad_rows.items())
        errors.sort(key=lambda e: e.row)
    return Preview(table.header, mapped, unmapped, rows, read, errors)
