"""`tahub ingest-feed`: RSS 2.0 / Atom entries as documents (feedparser).

An entry's text is its article, when the article is at hand as a local HTML file (a link
relative to the feed file, or a file named after the link's last path segment in
`html_dir`): trafilatura keeps its main text. Otherwise the entry's own content or summary
is used. Nothing is fetched while reading: a feed given as an http(s) URL is downloaded
(standard library, once) only when the caller asks for it with `fetch=True`.
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from tahub.config import get_settings
from tahub.errors import UsageError
from tahub.ingest.documents import (
    DocumentsResult,
    Draft,
    Problem,
    fragment_text,
    html_main_text,
    store_documents,
)
from tahub.ingest.tabular import Provenance

_URL = re.compile(r"^https?://", re.IGNORECASE)
FETCH_TIMEOUT = 30


def load_feed(location: str, fetch: bool = False) -> tuple[bytes, str, Path | None]:
    """(feed bytes, display name, folder for relative article links) of a file or URL."""
    limit = get_settings().max_upload_bytes
    if _URL.match(location):
        if not fetch:
            raise UsageError(f"{location} is a URL; tahub reads feeds offline. Save the feed "
                             "to a file and pass its path, or add --fetch to download it now")
        request = urllib.request.Request(location, headers={"User-Agent": "tahub feed reader"})
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
                data = response.read(limit + 1)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise UsageError(f"cannot fetch {location}: {reason} (offline? save the feed to a "
                             "file and pass its path)") from None
        if len(data) > limit:
            raise UsageError(f"{location}: over the {limit:,}-byte upload limit")
        name = PurePosixPath(urlsplit(location).path).name or urlsplit(location).netloc
        return data, name, None
    path = Path(location)
    if not path.is_file():
        raise UsageError(f"file not found: {path}")
    if path.stat().st_size > limit:
        raise UsageError(f"{path.name}: over the {limit:,}-byte upload limit")
    return path.read_bytes(), path.name, path.resolve().parent


def read_feed(data: bytes, name: str, base: Path | None = None,
              html_dir: Path | None = None) -> tuple[list[Draft], list[Problem]]:
    """The feed's entries as documents, and a problem for each unusable entry."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise UsageError(f"{name}: not an RSS or Atom feed with entries"
                         + (f" ({reason})" if reason else ""))
    drafts: list[Draft] = []
    problems: list[Problem] = []
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{name}: entry {number}"
        link = entry.get("link") or None
        title = " ".join((entry.get("title") or "").split()) or None
        try:
            html = _local_article(link, base, html_dir)
        except UsageError as exc:
            problems.append(Problem(where, str(exc)))
            continue
        body = ""
        if html is not None:
            page_title, body = html_main_text(html)
            title = title or page_title
        if not body.strip():
            body = fragment_text(_entry_html(entry))
        if not body.strip() and not title:
            problems.append(Problem(where, "no title, content or summary"))
            continue
        text = body.strip()
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}".strip()
        drafts.append(Draft(row=number, text=text, title=title, url=link,
                            published_at=_published(entry)))
    return drafts, problems


def ingest_feed(location: str, *, fetch: bool = False, html_dir: Path | None = None,
                partial: bool = False, provenance: Provenance | None = None) -> DocumentsResult:
    """Read a feed file (or URL, with `fetch`) and store its entries as documents."""
    started = time.perf_counter()
    if html_dir is not None and not html_dir.is_dir():
        raise UsageError(f"--html-dir: not a folder: {html_dir}")
    data, name, base = load_feed(location, fetch)
    drafts, problems = read_feed(data, name, base, html_dir)
    digest = hashlib.sha256(data).hexdigest()
    result = store_documents(drafts, problems, name=name, profile="feed", digest=digest,
                             partial=partial, provenance=provenance or Provenance())
    result.seconds = time.perf_counter() - started
    return result


def _local_article(link: str | None, base: Path | None, html_dir: Path | None) -> bytes | None:
    """The entry's article as local HTML bytes, if the feed points at one we hold."""
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme == "file":
        raise UsageError(f"article link {link!r}: only paths relative to the feed are read")
    if parts.scheme == "" and not parts.netloc and base is not None:
        if PurePosixPath(parts.path).is_absolute():
            raise UsageError(f"article link {link!r}: only paths relative to the feed are read")
        path = (base / unquote(parts.path)).resolve()
        if not path.is_relative_to(base):
            raise UsageError(f"article link {link!r} leaves the feed's folder")
        if not path.is_file():
            raise UsageError(f"article file not found: {link}")
        return path.read_bytes()
    if html_dir is not None:
        slug = PurePosixPath(unquote(parts.path)).name
        stem = slug.rsplit(".", 1)[0] if slug.lower().endswith((".html", ".htm")) else slug
        for candidate in (f"{stem}.html", f"{stem}.htm"):
            path = html_dir / candidate
            if stem and path.is_file():
                return path.read_bytes()
    return None


def _entry_html(entry: dict) -> str:
    content = entry.get("content") or []
    values = [c.get("value") or "" for c in content]
    return max(values, key=len) if any(values) else (entry.get("summary") or "")


def _published(entry: dict) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*stamp[:6]) if stamp else None
