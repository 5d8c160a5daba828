"""`tahub ingest-ads FILE`: ads (JSONL or CSV) stored with their extractions and networks.

Bad lines are named by line number and skipped; the usable ads are extracted
(`tahub.enrich.ads`), linked into clusters (`tahub.link.ads`) and written with their
keyed identifier hashes and clusters in one transaction. The same file stored again by
the same organisation is recognised by its SHA-256 and stores nothing new. A new cluster
that shares an identifier hash with ads the organisation stored earlier names those
earlier clusters (`earlier_clusters`), so a network is followed across files without
comparing raw values; clusters stay per file, so each keeps its own file's sharing level.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from tahub.config import get_settings, installation_secret
from tahub.enrich.ads import extract_ads
from tahub.errors import UsageError
from tahub.ingest.tabular import Provenance
from tahub.link.ads import link_ads
from tahub.link.keyed import identifier_values, keyed_hash
from tahub.store.ads_tables import Ad, AdCluster, AdIdentifier
from tahub.store.db import ensure_organisation, get_engine, init_database
from tahub.store.tables import Organisation, Source
from tahub.store.writer import allocate_ids

PROFILE = "ads"
FIELDS = ("id", "text", "title", "city", "country", "site", "posted_at")
MAX_CHARS = {"id": 200, "city": 200, "site": 300}


@dataclass
class AdsResult:
    name: str
    read: int = 0
    stored: int = 0
    clusters: int = 0
    linked_clusters: int = 0
    earlier_links: int = 0
    source_id: int | None = None
    already: bool = False
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        """True when no ad was usable and nothing was stored."""
        return self.source_id is None and not self.already

    def summary(self) -> str:
        if self.already:
            return f"{self.name}: already stored as source #{self.source_id}; nothing new stored"
        warning = f"; warning: {len(self.problems)} bad line(s) skipped" if self.problems else ""
        return (f"{self.name}: ads read {self.read:,}, stored {self.stored:,}, clusters "
                f"{self.clusters:,} ({self.linked_clusters:,} with 2+ ads, "
                f"{self.earlier_links:,} linked to earlier files), {self.seconds:.2f} s"
                f"{warning}")


def check_ad(ad: Any) -> tuple[dict | None, str | None]:
    """The ad with its fields cleaned, or why it is unusable (never quoting its content)."""
    if not isinstance(ad, dict):
        return None, "not a JSON object"
    if ad.get("id") in (None, ""):
        return None, "field 'id' missing"
    if not isinstance(ad.get("text"), str) or not ad["text"].strip():
        return None, "field 'text' missing, empty or not a string"
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = ad.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, dict | list):
            return None, f"field '{name}' is not a single value"
        value = str(value).strip()
        if len(value) > MAX_CHARS.get(name, 1 << 30):
            return None, f"field '{name}' longer than {MAX_CHARS[name]} characters"
        out[name] = value
    if "country" in out:
        if len(out["country"]) != 2 or not out["country"].isalpha():
            return None, "field 'country' is not an ISO 3166 alpha-2 code"
        out["country"] = out["country"].upper()
    if "posted_at" in out:
        try:
            date.fromisoformat(out["posted_at"][:10])
        except ValueError:
            return None, "field 'posted_at' is not a date (YYYY-MM-DD)"
    return out, None


def read_ads(name: str, data: bytes) -> tuple[list[tuple[int, dict]], list[str]]:
    """(line number, ad) for every usable ad, and one message per bad line."""
    text = data.decode("utf-8-sig", errors="replace")
    rows = _csv_rows(name, text) if name.lower().endswith(".csv") else _jsonl_rows(text)
    ads, problems, seen = [], [], {}
    for n, ad, problem in rows:
        if ad is not None:
            ad, problem = check_ad(ad)
        if ad is not None and ad["id"] in seen:
            ad, problem = None, f"id already used on line {seen[ad['id']]}"
        if problem:
            problems.append(f"{name}: line {n}: {problem}, skipped")
            continue
        seen[ad["id"]] = n
        ads.append((n, ad))
    return ads, problems


def _jsonl_rows(text: str):  # type: ignore[no-untyped-def]
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield n, None, f"not valid JSON ({exc.msg} at column {exc.colno})"


def _csv_rows(name: str, text: str):  # type: ignore[no-untyped-def]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [h for h in ("id", "text") if h not in header]
    if missing:
        raise UsageError(f"{name}: line 1: the header lacks column(s) {', '.join(missing)}")
    reader.fieldnames = header
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, None, f"unreadable CSV ({exc})"
            continue
        if None in row:
            yield start, None, "more cells than header columns"
            continue
        yield start, row, None


def ingest_ads(path: Path, *, provenance: Provenance | None = None,
               data: bytes | None = None) -> AdsResult:
    """Read, extract, link and store the ads in `path`. Raises UsageError for unusable input."""
    started = time.perf_counter()
    settings = get_settings()
    provenance = provenance or Provenance()
    if data is None:
        if not path.is_file():
            raise UsageError(f"file not found: {path}")
        data = path.read_bytes()
    if len(data) > settings.max_upload_bytes:
        raise UsageError(f"{path.name}: {len(data):,} bytes, over the "
                         f"{settings.max_upload_bytes:,}-byte upload limit")
    digest = hashlib.sha256(data).hexdigest()
    result = AdsResult(name=path.name)
    init_database()
    engine = get_engine()
    org_name = provenance.organisation or settings.org
    with Session(engine) as session, session.begin():
        org_id = ensure_organisation(session, org_name).id if org_name == settings.org \
            else _org_id(session, org_name)
        existing = session.scalar(select(Source.id).where(
            Source.organisation_id == org_id, Source.profile == PROFILE,
            Source.content_sha256 == digest))
    if existing is not None:
        result.already, result.source_id = True, existing
        return result

    ads, result.problems = read_ads(path.name, data)
    result.read = len(ads) + len(result.problems)
    if result.read > settings.max_rows:
        raise UsageError(f"{path.name}: more than {settings.max_rows:,} ads; split the file")
    if not ads:
        result.seconds = time.perf_counter() - started
        return result
    records = [ad for _, ad in ads]
    secret = installation_secret(settings)
    extracted = extract_ads(records)
    clusters = link_ads(extracted, records, secret)
    with engine.begin() as conn:
        source = Source.__table__
        result.source_id = conn.execute(source.insert().values(
            organisation_id=org_id, label=provenance.label or path.name, profile=PROFILE,
            filename=path.name, content_sha256=digest, kind="ads", rows_read=result.read,
            rows_stored=len(ads), rows_rejected=len(result.problems),
            uploaded_by=provenance.uploaded_by, sharing=provenance.sharing,
            sharing_group_id=provenance.sharing_group_id, tlp=provenance.tlp,
        ).returning(source.c.id)).scalar_one()
        earlier = _earlier_clusters(conn, org_id, clusters)
        _write(conn, result.source_id, ads, extracted, clusters, earlier, secret)
    result.stored = len(ads)
    result.clusters = len(clusters)
    result.linked_clusters = sum(1 for c in clusters if c["size"] > 1)
    result.earlier_links = sum(1 for ids in earlier.values() if ids)
    result.seconds = time.perf_counter() - started
    return result


def _earlier_clusters(conn: Connection, org_id: int, clusters: list[dict]
                      ) -> dict[str, list[int]]:
    """Per new cluster key, the organisation's stored clusters sharing an identifier hash."""
    by_hash: dict[str, set[str]] = {}
    for c in clusters:
        for hashes in c["identifiers"].values():
            for h in hashes:
                by_hash.setdefault(h, set()).add(c["cluster_id"])
    found: dict[str, set[int]] = {}
    hashes = sorted(by_hash)
    for i in range(0, len(hashes), 500):
        rows = conn.execute(
            select(AdIdentifier.value_hash, Ad.cluster_id)
            .join(Ad, Ad.id == AdIdentifier.ad_id).join(Source, Source.id == Ad.source_id)
            .where(Source.organisation_id == org_id, Ad.cluster_id.is_not(None),
                   AdIdentifier.value_hash.in_(hashes[i:i + 500])))
        for value_hash, cluster in rows:
            for key in by_hash[value_hash]:
                found.setdefault(key, set()).add(cluster)
    return {key: sorted(ids) for key, ids in found.items()}


def _write(conn: Connection, source_id: int, ads: list[tuple[int, dict]],
           extracted: list[dict], clusters: list[dict], earlier: dict[str, list[int]],
           secret: bytes) -> None:
    cluster_table, ad_table = AdCluster.__table__, Ad.__table__
    cluster_ids = allocate_ids(conn, cluster_table, len(clusters))  # type: ignore[arg-type]
    cluster_of: dict[str, int] = {}
    cluster_rows = []
    for c, cid in zip(clusters, cluster_ids, strict=True):
        dates = [date.fromisoformat(d) for d in c["dates"]]
        cluster_rows.append({
            "id": cid, "source_id": source_id, "cluster_key": c["cluster_id"],
            "size": c["size"], "risk": c["risk"], "reasons": c["reasons"],
            "cities": c["cities"], "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None,
            "earlier_clusters": earlier.get(c["cluster_id"]) or None})
        for ad_id in c["ad_ids"]:
            cluster_of[ad_id] = cid
    if cluster_rows:
        conn.execute(cluster_table.insert(), cluster_rows)
    ad_ids = allocate_ids(conn, ad_table, len(ads))  # type: ignore[arg-type]
    ad_rows, ident_rows = [], []
    by_id = {str(ex["id"]): ex for ex in extracted}
    for (line, ad), aid in zip(ads, ad_ids, strict=True):
        ex = by_id[ad["id"]]
        posted = ad.get("posted_at")
        raw = {k: ex[k] for k in ("phones", "emails", "handles") if ex.get(k)}
        ad_rows.append({
            "id": aid, "source_id": source_id, "source_row": line, "external_id": ad["id"],
            "title": ad.get("title"), "text": ad["text"], "city": ad.get("city") or ex.get("city"),
            "country": ad.get("country"), "site": ad.get("site"),
            "posted_at": date.fromisoformat(posted[:10]) if posted else None,
            "lang": ex.get("lang"), "risk": float(ex.get("risk") or 0.0),
            "reasons": ex.get("reasons") or None, "indicators": ex.get("indicators") or None,
            "ages": ex.get("ages") or None, "prices": ex.get("prices") or None,
            "identifiers": raw or None, "cluster_id": cluster_of[ad["id"]]})
        for kind, value in dict.fromkeys(identifier_values(ex)):
            ident_rows.append({
                "ad_id": aid, "kind": kind,
                "platform": value.partition(":")[0] if kind == "handle" else None,
                "value_hash": keyed_hash(kind, value, secret)})
    conn.execute(ad_table.insert(), ad_rows)
    if ident_rows:
        conn.execute(AdIdentifier.__table__.insert(), ident_rows)


def _org_id(session: Session, name: str) -> int:
    org_id = session.scalar(select(Organisation.id).where(Organisation.name == name))
    if org_id is None:
        raise UsageError(f"unknown organisation '{name}' (add it with `tahub orgs add`)")
    return org_id
