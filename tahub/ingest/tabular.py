"""`tahub ingest`: one tabular file in, all of it stored or none of it.

The whole file is read and checked before anything is written; the write is one
transaction, so an interrupted ingest leaves no partial import. A file already stored
under the same profile for the same organisation is recognised by its SHA-256 and
stored nothing new.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tahub.config import get_settings, installation_secret
from tahub.errors import UsageError
from tahub.ingest.mapping import Mapper, Record, RowError
from tahub.ingest.profiles import Profile
from tahub.ingest.reader import open_table
from tahub.store.db import ensure_organisation, get_engine, init_database
from tahub.store.tables import Organisation, Source
from tahub.store.writer import write_records


@dataclass
class IngestResult:
    path: Path
    profile: str
    rows_read: int = 0
    rows_stored: int = 0
    rows_rejected: int = 0
    seconds: float = 0.0
    source_id: int | None = None
    already: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        """True when the file was refused and nothing stored."""
        return bool(self.errors) and self.rows_stored == 0 and not self.already

    def summary(self) -> str:
        if self.already:
            return (f"{self.path.name}: already stored as source #{self.source_id}; "
                    "nothing new stored")
        return (f"{self.path.name}: rows read {self.rows_read:,}, stored {self.rows_stored:,}, "
                f"rejected {self.rows_rejected:,}, {self.seconds:.2f} s")


@dataclass
class Provenance:
    """Who brings the file and under which terms it may be shared."""

    organisation: str | None = None
    label: str | None = None
    uploaded_by: str | None = None
    sharing: str = "private"
    sharing_group_id: int | None = None
    tlp: str = "AMBER"


def ingest_file(path: Path, profile: Profile, *, partial: bool = False,
                provenance: Provenance | None = None,
                progress: Callable[[int], None] | None = None,
                data: bytes | None = None) -> IngestResult:
    """Read, check and store `path` under `profile`. Raises UsageError for unusable input."""
    started = time.perf_counter()
    settings = get_settings()
    provenance = provenance or Provenance()
    if data is None:
        if not path.is_file():
            raise UsageError(f"file not found: {path}")
        data = path.read_bytes()
    result = IngestResult(path=path, profile=profile.name)
    if len(data) > settings.max_upload_bytes:
        raise UsageError(f"{path.name}: {len(data):,} bytes, over the "
                         f"{settings.max_upload_bytes:,}-byte upload limit")
    digest = hashlib.sha256(data).hexdigest()
    init_database()
    engine = get_engine()
    org_name = provenance.organisation or settings.org
    with Session(engine) as session, session.begin():
        org_id = ensure_organisation(session, org_name).id if org_name == settings.org \
            else _org_id(session, org_name)
        existing = session.scalar(select(Source).where(
            Source.organisation_id == org_id, Source.profile == profile.name,
            Source.content_sha256 == digest))
        if existing is not None:
            result.already, result.source_id = True, existing.id
            result.rows_read = existing.rows_read
            return result

    table = open_table(path, data)
    mapper = Mapper(profile, table.header, table.decimal, installation_secret(settings),
                    settings.max_cell_bytes)
    mapper.check_cells = len(data) > settings.max_cell_bytes // 4
    if mapper.header_errors:
        result.errors = mapper.header_errors
        result.seconds = time.perf_counter() - started
        return result
    records: list[Record] = []
    bad_rows: set[int] = set()
    for row, mapped, errors in mapper.rows(table.rows):
        result.rows_read += 1
        if result.rows_read > settings.max_rows:
            raise UsageError(f"{path.name}: more than {settings.max_rows:,} rows; split the file")
        if errors:
            result.errors.extend(errors)
            bad_rows.add(row)
        else:
            records.extend(mapped)
        if progress and result.rows_read % 1000 == 0:
            progress(1000)
    for row, reason in table.bad_rows.items():
        result.rows_read += 1
        result.errors.append(RowError(row, "*", "", reason))
        bad_rows.add(row)
    result.errors.sort(key=lambda e: e.row)
    result.rows_rejected = len(bad_rows)
    if result.rows_read == 0:
        result.errors.append(RowError(1, "*", "", "the file has a header but no data rows"))
    if result.errors and not partial:
        result.seconds = time.perf_counter() - started
        return result
    with engine.begin() as conn:
        source = Source.__table__
        source_id = conn.execute(source.insert().values(
            organisation_id=org_id, label=provenance.label or path.name, profile=profile.name,
            filename=path.name, content_sha256=digest, kind=profile.target,
            rows_read=result.rows_read, rows_stored=result.rows_read - len(bad_rows),
            rows_rejected=len(bad_rows), licence=profile.licence,
            attribution=profile.attribution, uploaded_by=provenance.uploaded_by,
            sharing=provenance.sharing, sharing_group_id=provenance.sharing_group_id,
            tlp=provenance.tlp).returning(source.c.id)).scalar_one()
        write_records(conn, profile.target, source_id, records)
    if profile.target == "incidents":
        from tahub.access.cube import warm

        with Session(engine) as session:  # count the new incidents now, not at the first read
            warm(session)
    result.source_id = source_id
    result.rows_stored = result.rows_read - len(bad_rows)
    result.seconds = time.perf_counter() - started
    return result


def _org_id(session: Session, name: str) -> int:
    org_id = session.scalar(select(Organisation.id).where(Organisation.name == name))
    if org_id is None:
        raise UsageError(f"unknown organisation '{name}' (add it with `tahub orgs add`)")
    return org_id
