"""`tahub pipeline`: enrich every stored document not yet enriched and store what it says.

Documents are read in chunks by id; an engine runs the pure enrichment over each chunk in
batches; each chunk is then written in one transaction: the document's facts, its tag hits
with their spans, and, when the text reports a trafficking incident, an Incident (with its
golden tags and places with roles) whose `document_id` points back at the evidence. A
document is enriched once (`enriched_at`), so running the pipeline again stores nothing new
and an interrupted run resumes after its last written chunk.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from tahub.engines import Engine
from tahub.enrich.text_pipeline import enrich_texts, versions
from tahub.store.db import get_engine, init_database
from tahub.store.tables import (
    Document,
    Incident,
    IncidentPlace,
    IncidentTag,
    Organisation,
    Source,
    TagHit,
)
from tahub.store.writer import allocate_ids, insert_rows

CHUNK = 2000
EXPLOITATION_ROLES = ("exploitation", "destination")
TAG_COLUMNS = ["id", "document_id", "tag", '"start"', '"end"', "text", "confidence", "method"]
INCIDENT_COLUMNS = ["id", "source_id", "source_row", "document_id", "registration_year",
                    "data_source", "gender", "minor", "country_of_exploitation", "date_start",
                    "reported_on", "victims_count", "attributes"]
PLACE_COLUMNS = ["incident_id", "role", "country", "admin1", "locality", "lat", "lon"]


@dataclass
class PipelineResult:
    documents: int = 0
    relevant: int = 0
    incidents: int = 0
    tag_hits: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.documents:,} document(s) enriched, {self.relevant:,} relevant, "
                f"{self.incidents:,} incident(s) and {self.tag_hits:,} tag hit(s) stored, "
                f"{self.seconds:.1f} s")


def enrich_for_store(records: list[dict]) -> list[dict]:
    """Pure batch function: contract lines with their evidence made JSON-safe (so the
    same function runs in a process pool or in Spark and its output can be stored)."""
    lines = enrich_texts(records, evidence=True)
    for line in lines:
        line["evidence"] = _jsonable(line.get("evidence") or {})
    return lines


WARM_UP = [  # one incident sentence per language: builds every lazy index before a fork
    {"id": "en", "text": "Police rescued 12 women from sex trafficking in Lima, Peru, on 3 "
     "March 2023 and arrested two men."},
    {"id": "es", "text": "La policía rescató a 12 mujeres víctimas de trata con fines de "
     "explotación sexual en Bogotá, Colombia, el 3 de marzo, y detuvo a dos hombres."},
    {"id": "pt", "text": "A Polícia Federal resgatou 12 mulheres vítimas de tráfico de pessoas "
     "para exploração sexual em São Paulo no dia 3 de março e prendeu dois homens."},
]


def warm_up() -> None:
    """Build the enrichment's lazy indexes in this process, so forked workers share them."""
    enrich_for_store(WARM_UP)


def pending(org: str | None = None) -> int:
    """How many stored documents (of `org`, or of everyone) are not enriched yet."""
    init_database()
    with get_engine().connect() as conn:
        return conn.scalar(_pending_query(org, select(func.count(Document.id)))) or 0


def run_pipeline(engine: Engine, *, org: str | None = None, batch_size: int = 256,
                 chunk: int = CHUNK,
                 progress: Callable[[int], None] | None = None) -> PipelineResult:
    """Enrich and store every pending document, chunk by chunk (one transaction each)."""
    started = time.perf_counter()
    init_database()
    db = get_engine()
    result = PipelineResult()
    if engine.name == "local":
        warm_up()
    last_id = 0
    columns = select(Document.id, Document.text, Document.published_at, Document.source_id,
                     Document.source_row, Document.story_id, Source.organisation_id
                     ).join(Source, Source.id == Document.source_id)
    while True:
        with db.connect() as conn:
            rows = conn.execute(_pending_query(org, columns).where(Document.id > last_id)
                                .order_by(Document.id).limit(chunk)).all()
        if not rows:
            break
        last_id = rows[-1].id
        records = [{"id": r.id, "text": r.text,
                    "published_at": r.published_at.isoformat() if r.published_at else None}
                   for r in rows]
        lines = engine.map_batches(enrich_for_store, records, batch_size, progress)
        with db.begin() as conn:
            store_facts(conn, {r.id: r for r in rows}, lines, result)
    if result.incidents:
        from sqlalchemy.orm import Session

        from tahub.access.cube import warm

        with Session(db) as session:  # count the new incidents now, not at the first read
            warm(session)
    result.seconds = time.perf_counter() - started
    return result


def store_facts(conn: Connection, docs: dict[int, Any], lines: list[dict],
                result: PipelineResult) -> None:
    """Write one chunk's enrichment; documents enriched meanwhile by another run are left.

    A story (the same article on several sites) gives one incident per organisation: the
    later copies record that incident's id in their facts instead of repeating it.
    """
    still = set(conn.scalars(select(Document.id).where(
        Document.id.in_(list(docs)), Document.enriched_at.is_(None)).with_for_update()))
    lines = [line for line in lines if line["id"] in still]
    if not lines:
        return
    sqlite = conn.dialect.name == "sqlite"
    relevant = [line for line in lines if line["relevant"]]
    known = _story_incidents(conn, {_story_key(docs[line["id"]]) for line in relevant})
    ids = iter(allocate_ids(conn, Incident.__table__, len(relevant)))  # type: ignore[arg-type]
    incidents, tags, places = [], [], []
    facts = {line["id"]: document_facts(line) for line in lines}
    for line in relevant:
        doc = docs[line["id"]]
        key = _story_key(doc)
        if key in known:
            facts[line["id"]]["story_incident_id"] = known[key]
            continue
        incident_id = known[key] = next(ids)
        values = incident_values(line, doc.published_at)
        incidents.append((incident_id, doc.source_id, doc.source_row, line["id"],
                          *(_db(values[c], sqlite) for c in INCIDENT_COLUMNS[4:-1]),
                          json.dumps(values["attributes"], ensure_ascii=False)))
        tags.extend((incident_id, tag) for tag in incident_tags(line))
        places.extend((incident_id, *(p[c] for c in PLACE_COLUMNS[1:]))
                      for p in incident_places(line))
    now = datetime.now(UTC).replace(tzinfo=None)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        f"UPDATE documents SET lang = {mark}, relevant = {mark}, relevance_score = {mark}, "
        f"kind = {mark}, facts = {mark}, enriched_at = {mark} WHERE id = {mark}",
        [(line["lang"], line["relevant"], line["relevance_score"], line["kind"],
          json.dumps(facts[line["id"]], ensure_ascii=False), _db(now, sqlite), line["id"])
         for line in lines])
    method = f"tagger@{versions()['tagger']}"
    hits = [(line["id"], t) for line in lines for t in line["tags"]]
    tag_ids = allocate_ids(conn, TagHit.__table__, len(hits))  # type: ignore[arg-type]
    insert_rows(conn, TagHit.__tablename__, TAG_COLUMNS,
                [(i, doc_id, t["tag"], t["start"], t["end"], t["text"], t["confidence"], method)
                 for i, (doc_id, t) in zip(tag_ids, hits, strict=True)])
    insert_rows(conn, Incident.__tablename__, INCIDENT_COLUMNS, incidents)
    insert_rows(conn, IncidentTag.__tablename__, ["incident_id", "tag"], tags)
    insert_rows(conn, IncidentPlace.__tablename__, PLACE_COLUMNS, places)
    result.documents += len(lines)
    result.relevant += len(relevant)
    result.incidents += len(incidents)
    result.tag_hits += len(hits)


def _story_key(doc: Any) -> tuple[int, int]:
    return doc.organisation_id, doc.story_id or doc.id


def _story_incidents(conn: Connection, keys: set[tuple[int, int]]) -> dict[tuple, int]:
    """The incident already stored for each (organisation, story), if any."""
    stories = sorted({story for _, story in keys})
    found: dict[tuple, int] = {}
    for i in range(0, len(stories), 500):
        rows = conn.execute(
            select(Source.organisation_id, Document.story_id, func.min(Incident.id))
            .join(Document, Document.id == Incident.document_id)
            .join(Source, Source.id == Document.source_id)
            .where(Document.story_id.in_(stories[i:i + 500]))
            .group_by(Source.organisation_id, Document.story_id))
        found.update({(org, story): incident for org, story, incident in rows})
    return found


def document_facts(line: dict) -> dict:
    """What the document's `facts` column keeps: the contract fields and the evidence (tag
    hits are rows of their own)."""
    return {k: v for k, v in line.items() if k not in ("id", "tags")}


def incident_values(line: dict, published_at: datetime | None) -> dict[str, Any]:
    """The Incident columns a relevant document's contract line gives."""
    when = line.get("incident_date") or ""
    incident_day = _day(when)
    year = int(when[:4]) if when[:4].isdigit() else (published_at.year if published_at
                                                     else None)
    genders = line.get("victim_gender") or []
    return {
        "registration_year": year,
        "data_source": "document",
        "gender": genders[0] if len(genders) == 1 else None,
        "minor": line.get("minors"),
        "country_of_exploitation": exploitation_country(line),
        "date_start": incident_day,
        "reported_on": published_at.date() if published_at else None,
        "victims_count": line.get("victims_count"),
        "attributes": {"kind": line["kind"], "relevance_score": line["relevance_score"],
                       "arrested_count": line.get("arrested_count"),
                       "incident_date": line.get("incident_date"),
                       "method": f"text_pipeline@{versions()['text_pipeline']}"},
    }


def exploitation_country(line: dict) -> str | None:
    """Where the victims were exploited: the exploitation or destination place, else the
    place of rescue, else the first incident country that is not only an origin/transit."""
    places = line.get("places") or []
    for roles in (EXPLOITATION_ROLES, ("rescue",)):
        for place in places:
            if place.get("role") in roles and place.get("country"):
                return place["country"]
    passing = {p.get("country") for p in places if p.get("role") in ("origin", "transit")}
    countries = line.get("countries") or []
    for country in countries:
        if country not in passing:
            return country
    return countries[0] if countries else None


def incident_tags(line: dict) -> list[str]:
    """`exploitation.<id>` for each exploitation type, and every other golden tag found."""
    tags = {f"exploitation.{e}" for e in line.get("exploitation") or []}
    tags.update(t["tag"] for t in line.get("tags") or [])
    return sorted(tags)


def incident_places(line: dict) -> list[dict]:
    """One row per place and role; places without a stated role are `incident` places;
    an incident country no place stands for gets a country-level row."""
    rows: dict[tuple, dict] = {}
    for p in (line.get("evidence") or {}).get("places") or []:
        kind = p.get("kind")
        name = p.get("name") if kind in ("city", "region") else None
        key = (p.get("country"), name, p.get("role") or "incident")
        rows.setdefault(key, {"role": key[2], "country": p.get("country"),
                              "admin1": name if kind == "region" else None,
                              "locality": name if kind == "city" else None,
                              "lat": p.get("lat") if name else None,
                              "lon": p.get("lon") if name else None})
    with_role = {(c, n) for c, n, role in rows if role != "incident"}
    out = [row for (c, n, role), row in rows.items()
           if role != "incident" or (c, n) not in with_role]
    covered = {row["country"] for row in out}
    out.extend({"role": "incident", "country": c, "admin1": None, "locality": None,
                "lat": None, "lon": None}
               for c in line.get("countries") or [] if c not in covered)
    return out


def _pending_query(org: str | None, query):  # type: ignore[no-untyped-def]
    query = query.where(Document.enriched_at.is_(None))
    if org is None:
        return query
    return query.where(Document.source_id.in_(
        select(Source.id).join(Organisation, Organisation.id == Source.organisation_id)
        .where(Organisation.name == org)))  # a subquery: the count query has no join


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _db(value: Any, sqlite: bool) -> Any:
    """sqlite3's own date adapters are deprecated; store ISO text as SQLAlchemy does."""
    if sqlite and isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if sqlite and isinstance(value, date):
        return value.isoformat()
    return value


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value

