"""`tahub pipeline`: stored documents enriched once, facts stored with links to evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.cli import app
from tahub.engines import engine_named
from tahub.engines.local import LocalEngine
from tahub.engines.pipeline import (
    enrich_for_store,
    exploitation_country,
    incident_places,
    incident_tags,
    incident_values,
)
from tahub.enrich.text_pipeline import enrich_texts
from tahub.errors import UsageError
from tahub.store.db import get_engine
from tahub.store.tables import Document, Incident, IncidentPlace, IncidentTag, TagHit

REPO = Path(__file__).resolve().parents[2]
FEEDS = REPO / "tests" / "data" / "feeds"
runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def load_fixtures() -> None:
    invoke("ingest-feed", str(FEEDS / "newsday_rss.xml"))
    invoke("ingest-feed", str(FEEDS / "wire_atom.xml"), "--html-dir", str(FEEDS / "html"))
    invoke("ingest-docs", str(FEEDS / "reports"))


def counts() -> dict[str, int]:
    with Session(get_engine()) as session:
        return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
                for m in (Incident, IncidentTag, IncidentPlace, TagHit)}


def enriched(docs: list[Document]) -> dict[int, dict]:
    """What `enrich_texts` says of the stored documents, by id."""
    return {line["id"]: line for line in enrich_texts(
        [{"id": d.id, "text": d.text,
          "published_at": d.published_at.isoformat() if d.published_at else None}
         for d in docs])}


def test_pipeline_stores_facts_evidence_and_incidents_once(db_url):
    load_fixtures()
    first = invoke("pipeline", "--workers", "1")
    assert "9 document(s) enriched" in first.output
    stored = counts()
    with Session(get_engine()) as session:
        docs = list(session.scalars(select(Document).order_by(Document.id)))
        incidents = {i.document_id: i for i in session.scalars(select(Incident))}
        hits = list(session.scalars(select(TagHit)))
        tags = {(t.incident_id, t.tag) for t in session.scalars(select(IncidentTag))}
        places = list(session.scalars(select(IncidentPlace)))
    assert all(d.enriched_at is not None for d in docs)
    assert [d.lang for d in docs] == ["en", "en", "en", "en", "pt", "es", "pt", "es", "es"]
    drugs = next(d for d in docs if d.title == "Traffic stop leads to drug seizure")
    assert drugs.relevant is False and drugs.kind == "drug_trafficking"
    assert drugs.id not in incidents
    # what is stored is what the enrichment says, for every document
    lines = enriched(docs)
    for doc in docs:
        line = lines[doc.id]
        assert (doc.relevant, doc.kind, doc.relevance_score) == (
            line["relevant"], line["kind"], line["relevance_score"])
        assert doc.facts["countries"] == line["countries"]
        assert doc.facts["evidence"]["versions"]["text_pipeline"]
        assert sorted((h.tag, h.start, h.end) for h in hits if h.document_id == doc.id) == \
            sorted((t["tag"], t["start"], t["end"]) for t in line["tags"])
    for hit in hits:  # every tag hit points at its words in the stored text
        text = next(d.text for d in docs if d.id == hit.document_id)
        assert text[hit.start:hit.end] == hit.text
        assert hit.method.startswith("tagger@")
    # the wire story republished in the Atom feed gives no second incident
    wire = next(d for d in docs if d.title.startswith("Police free 30 women"))
    assert wire.story_id != wire.id and wire.relevant
    assert wire.id not in incidents
    assert wire.facts["story_incident_id"] == incidents[wire.story_id].id
    relevant = [d for d in docs if d.relevant]
    assert len(incidents) == len(relevant) - 1
    raid = incidents[docs[0].id]
    line = lines[docs[0].id]
    assert raid.country_of_exploitation == "TT" and raid.registration_year == 2022
    assert raid.victims_count == line["victims_count"] and raid.minor == line["minors"]
    assert raid.source_id == docs[0].source_id and raid.reported_on.isoformat() == "2022-09-16"
    mexico = incidents[wire.story_id]
    assert mexico.country_of_exploitation == "MX"  # not CO/VE, where the women came from
    assert ("exploitation.sexual" in {t for i, t in tags if i == mexico.id}) == \
        ("sexual" in lines[wire.story_id]["exploitation"])
    assert {t for i, t in tags if i == mexico.id} >= {h.tag for h in hits
                                                     if h.document_id == wire.story_id}
    assert all(p.role in ("origin", "transit", "destination", "exploitation", "rescue",
                          "incident") for p in places)
    assert {p.incident_id for p in places} <= {i.id for i in incidents.values()}
    # running again does nothing new
    again = invoke("pipeline")
    assert "0 document(s) enriched" in again.output
    assert counts() == stored


def test_pipeline_on_spark_stores_what_the_enrichment_says(sqlite_url):
    pytest.importorskip("pyspark")
    load_fixtures()
    result = invoke("pipeline", "--engine", "spark", "--workers", "2")
    assert "9 document(s) enriched" in result.output
    with Session(get_engine()) as session:
        docs = list(session.scalars(select(Document).order_by(Document.id)))
        incidents = set(session.scalars(select(Incident.document_id)))
    lines = enriched(docs)
    for doc in docs:
        line = lines[doc.id]
        assert (doc.relevant, doc.kind, doc.facts["countries"]) == (
            line["relevant"], line["kind"], line["countries"])
    assert {d.id for d in docs if d.relevant and d.story_id == d.id} == incidents


def test_new_documents_after_a_run_are_enriched_next_time(db_url):
    invoke("ingest-feed", str(FEEDS / "newsday_rss.xml"))
    invoke("pipeline", "--workers", "1")
    invoke("ingest-feed", str(FEEDS / "wire_atom.xml"))
    result = invoke("pipeline", "--workers", "1")
    assert "3 document(s) enriched" in result.output


def test_pipeline_for_one_organisation_leaves_the_others(sqlite_url):
    invoke("orgs", "add", "Fundación Renacer", "--type", "ngo")
    invoke("ingest-feed", str(FEEDS / "newsday_rss.xml"))
    invoke("ingest-docs", str(FEEDS / "reports"), "--org", "Fundación Renacer")
    result = invoke("pipeline", "--org", "Fundación Renacer", "--workers", "1")
    assert "3 document(s) enriched" in result.output
    with Session(get_engine()) as session:
        pending = session.scalar(select(func.count()).select_from(Document)
                                 .where(Document.enriched_at.is_(None)))
    assert pending == 3
    bad = runner.invoke(app, ["pipeline", "--org", "Nobody"])
    assert bad.exit_code == 2 and "unknown organisation 'Nobody'" in bad.output
    assert runner.invoke(app, ["pipeline", "--engine", "dask"]).exit_code == 2


def test_process_pool_gives_the_same_lines_in_order():
    records = []
    for name in ("gold_en", "gold_es", "gold_pt"):
        with (REPO / "eval" / "text" / f"{name}.jsonl").open(encoding="utf-8") as fh:
            records += [json.loads(line) for _, line in zip(range(4), fh, strict=False)]
    seen: list[int] = []
    with LocalEngine(workers=2) as pool:
        pooled = pool.map_batches(enrich_for_store, records, 5, seen.append)
    inline = LocalEngine(workers=1).map_batches(enrich_for_store, records, 5)
    assert [line["id"] for line in pooled] == [r["id"] for r in records]
    assert pooled == inline
    assert seen == [5, 5, 2]
    json.dumps(pooled)  # evidence is JSON-safe, so it can be stored and sent to Spark


def test_unknown_engine_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown engine 'dask'"):
        engine_named("dask")


LINE = {"id": 1, "lang": "es", "relevant": True, "relevance_score": 0.99, "kind": "incident",
        "exploitation": ["sexual"], "countries": ["CO", "VE", "MX"],
        "places": [{"name": "Colombia", "country": "CO", "lat": None, "lon": None,
                    "role": "origin"},
                   {"name": "Cancún", "country": "MX", "lat": 21.17, "lon": -86.85,
                    "role": "rescue"}],
        "incident_date": "2023-03-08", "victims_count": 12, "minors": True,
        "victim_gender": ["female"], "arrested_count": 3,
        "tags": [{"tag": "victim.minor", "start": 0, "end": 5, "text": "niñas",
                  "confidence": 0.9}],
        "evidence": {"places": [
            {"name": "Colombia", "country": "CO", "kind": "country", "lat": None,
             "lon": None, "role": "origin"},
            {"name": "Cancún", "country": "MX", "kind": "city", "lat": 21.17, "lon": -86.85,
             "role": "rescue"},
            {"name": "Cancún", "country": "MX", "kind": "city", "lat": 21.17, "lon": -86.85,
             "role": None},
            {"name": "Quintana Roo", "country": "MX", "kind": "region", "lat": 19.6,
             "lon": -87.9, "role": None}]}}


def test_incident_values_from_a_contract_line():
    values = incident_values(LINE, None)
    assert values["registration_year"] == 2023 and values["date_start"].isoformat() == \
        "2023-03-08"
    assert (values["gender"], values["minor"], values["victims_count"]) == ("female", True, 12)
    assert values["country_of_exploitation"] == "MX"
    assert values["attributes"]["arrested_count"] == 3
    mixed = incident_values(LINE | {"victim_gender": ["female", "male"],
                                    "incident_date": None}, None)
    assert mixed["gender"] is None and mixed["registration_year"] is None


def test_exploitation_country_prefers_exploitation_then_rescue_then_non_origin():
    destination = {"name": "Spain", "country": "ES", "role": "destination"}
    assert exploitation_country(LINE | {"places": [*LINE["places"], destination]}) == "ES"
    assert exploitation_country(LINE | {"places": LINE["places"][:1]}) == "VE"
    assert exploitation_country(LINE | {"places": [], "countries": []}) is None


def test_incident_tags_and_places():
    assert incident_tags(LINE) == ["exploitation.sexual", "victim.minor"]
    rows = incident_places(LINE)
    assert [(r["role"], r["country"], r["locality"], r["admin1"]) for r in rows] == [
        ("origin", "CO", None, None), ("rescue", "MX", "Cancún", None),
        ("incident", "MX", None, "Quintana Roo"), ("incident", "VE", None, None)]
