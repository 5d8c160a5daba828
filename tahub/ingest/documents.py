"""`tahub ingest-docs DIR`: text files as documents, all of them or none of them.

.txt and .md files are read as UTF-8 text; .html/.htm pages go through trafilatura, which
keeps the article's main text and drops menus, footers and comment threads. Every
unusable file is named; without `partial` nothing is stored when one is. The same folder
stored again by the same organisation stores nothing new, and a text the organisation
already holds (from any source) is not stored twice. After the write, near-duplicate
texts across the hub are grouped into stories (`tahub.link.stories`).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from tahub.config import get_settings
from tahub.errors import UsageError
from tahub.ingest.tabular import Provenance
from tahub.store.db import ensure_organisation, get_engine, init_database
from tahub.store.stories import assign_stories
from tahub.store.tables import Document, Organisation, Source
from tahub.store.writer import allocate_ids, insert_rows

SUFFIXES = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html"}
MIN_HTML_TEXT = 40  # characters; a page's "main text" shorter than a sentence is a menu
DOC_COLUMNS = ["id", "source_id", "source_row", "url", "title", "text", "published_at",
               "content_sha256"]


@dataclass
class Draft:
    """A document ready to store, with where it came from."""

    row: int
    text: str
    title: str | None = None
    url: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True)
class Problem:
    """One unusable file or feed entry, shown as `where: reason` (never its content)."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class DocumentsResult:
    name: str
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    in_stories: int = 0
    source_id: int | None = None
    already: bool = False
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        """True when the input was refused and nothing stored."""
        return bool(self.problems) and self.source_id is None and not self.already

    def summary(self) -> str:
        if self.already:
            return f"{self.name}: already stored as source #{self.source_id}; nothing new stored"
        return (f"{self.name}: documents read {self.read:,}, stored {self.stored:,}, "
                f"already held {self.duplicates:,}, rejected {len(self.problems):,}, "
                f"{self.in_stories:,} in multi-source stories, {self.seconds:.2f} s")


def read_folder(folder: Path) -> tuple[list[Draft], list[Problem], str]:
    """The folder's documents (recursively, in path order), its problems and its digest."""
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    limit = get_settings().max_upload_bytes
    drafts: list[Draft] = []
    problems: list[Problem] = []
    digest = hashlib.sha256()
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    for row, path in enumerate(paths, 1):
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
        if len(data) > limit:
            problems.append(Problem(rel, f"{len(data):,} bytes, over the {limit:,}-byte limit"))
            continue
        if SUFFIXES[path.suffix.lower()] == "html":
            title, text = html_main_text(data)
        else:
            text = decode_text(data)
            title = first_line(text)
        if not text.strip():
            problems.append(Problem(rel, "no text found"))
            continue
        drafts.append(Draft(row=row, text=text.strip(), title=title, url=rel))
    return drafts, problems, digest.hexdigest()


def ingest_folder(folder: Path, *, partial: bool = False,
                  provenance: Provenance | None = None) -> DocumentsResult:
    """Store every .txt/.md/.html file under `folder` as a document."""
    started = time.perf_counter()
    drafts, problems, digest = read_folder(folder)
    if not drafts and not problems:
        raise UsageError(f"{folder}: no .txt, .md or .html files")
    result = store_documents(drafts, problems, name=folder.name or str(folder),
                             profile="documents", digest=digest, partial=partial,
                             provenance=provenance or Provenance())
    result.seconds = time.perf_counter() - started
    return result


def store_documents(drafts: list[Draft], problems: list[Problem], *, name: str, profile: str,
                    digest: str, partial: bool, provenance: Provenance) -> DocumentsResult:
    """Write `drafts` under one new source in one transaction, and join them to stories."""
    settings = get_settings()
    result = DocumentsResult(name=name, read=len(drafts) + len(problems), problems=problems)
    init_database()
    engine = get_engine()
    org_name = provenance.organisation or settings.org
    with Session(engine) as session, session.begin():
        org_id = ensure_organisation(session, org_name).id if org_name == settings.org \
            else organisation_id(session, org_name)
        existing = session.scalar(select(Source.id).where(
            Source.organisation_id == org_id, Source.profile == profile,
            Source.content_sha256 == digest))
    if existing is not None:
        result.already, result.source_id = True, existing
        return result
    if (problems and not partial) or not drafts:
        return result
    with engine.begin() as conn:
        fresh = _new_texts(conn, org_id, drafts)
        result.duplicates = len(drafts) - len(fresh)
        source = Source.__table__
        result.source_id = conn.execute(source.insert().values(
            organisation_id=org_id, label=provenance.label or name, profile=profile,
            filename=name, content_sha256=digest, kind="documents", rows_read=result.read,
            rows_stored=len(fresh), rows_rejected=len(problems),
            uploaded_by=provenance.uploaded_by, sharing=provenance.sharing,
            sharing_group_id=provenance.sharing_group_id, tlp=provenance.tlp,
        ).returning(source.c.id)).scalar_one()
        ids = allocate_ids(conn, Document.__table__, len(fresh))  # type: ignore[arg-type]
        sqlite = conn.dialect.name == "sqlite"
        rows = [(i, result.source_id, d.row, d.url, d.title, d.text,
                 _when(d.published_at, sqlite), sha) for i, (d, sha) in zip(ids, fresh,
                                                                           strict=True)]
        insert_rows(conn, Document.__tablename__, DOC_COLUMNS, rows)
        result.stored = len(rows)
        stories = assign_stories(conn)
        result.in_stories = sum(1 for i in ids if stories.get(i, 1) > 1)
    return result


def organisation_id(session: Session, name: str) -> int:
    org_id = session.scalar(select(Organisation.id).where(Organisation.name == name))
    if org_id is None:
        raise UsageError(f"unknown organisation '{name}' (add it with `tahub orgs add`)")
    return org_id


def _new_texts(conn: Connection, org_id: int, drafts: list[Draft]) -> list[tuple[Draft, str]]:
    """Drafts whose text the organisation does not hold yet, each with its SHA-256."""
    hashed = [(d, hashlib.sha256(d.text.encode("utf-8")).hexdigest()) for d in drafts]
    held: set[str] = set()
    shas = sorted({sha for _, sha in hashed})
    for i in range(0, len(shas), 500):
        held.update(conn.scalars(
            select(Document.content_sha256).join(Source, Source.id == Document.source_id)
            .where(Source.organisation_id == org_id,
                   Document.content_sha256.in_(shas[i:i + 500]))))
    fresh = []
    for draft, sha in hashed:
        if sha not in held:
            held.add(sha)
            fresh.append((draft, sha))
    return fresh


def _when(value: datetime | None, sqlite: bool) -> datetime | str | None:
    return value.isoformat(sep=" ") if sqlite and value is not None else value


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); Windows-1252 for the old files that are not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def first_line(text: str) -> str | None:
    """A plain-text or Markdown file's title: its first non-empty line, without `#`."""
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()[:500] or None
    return None


def html_main_text(data: bytes) -> tuple[str | None, str]:
    """(title, main text) of an HTML page; boilerplate removed by trafilatura."""
    import trafilatura

    page = decode_text(data)
    text = trafilatura.extract(page, include_comments=False, include_tables=False,
                               favor_recall=True) or ""
    if len(text.strip()) < MIN_HTML_TEXT:
        text = ""
    meta = trafilatura.extract_metadata(page)
    title = meta.title if meta is not None and meta.title else None
    if title and text and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return title, text


class _Fragment(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), paragraphs kept apart."""
    parser = _Fragment()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
