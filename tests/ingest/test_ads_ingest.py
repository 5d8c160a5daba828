"""`tahub ingest-ads`: ads from the labelled dev set stored with identifiers and networks."""

from __future__ import annotations

import csv
import json
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.cli import app
from tahub.ingest.ads import ingest_ads
from tahub.link.keyed import keyed_hash
from tahub.store.access_tables import AuditLog
from tahub.store.ads_tables import Ad, AdCluster, AdIdentifier
from tahub.store.db import get_engine
from tahub.store.tables import Source

DEV = Path(__file__).resolve().parents[2] / "eval" / "ads" / "dev.jsonl"
runner = CliRunner()


def dev_ads(n: int = 80) -> list[dict]:
    """The first `n` dev ads with their gold labels (kept apart from what is ingested)."""
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh][:n]


def write_jsonl(path: Path, ads: list[dict], extra_lines: dict[int, str] | None = None) -> Path:
    """Ads without gold, one a line; `extra_lines` puts raw text at given line numbers."""
    lines = [json.dumps({k: v for k, v in ad.items() if k != "gold"}, ensure_ascii=False)
             for ad in ads]
    for line_no, raw in sorted((extra_lines or {}).items()):
        lines.insert(line_no - 1, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(session: Session) -> dict[str, Ad]:
    return {ad.external_id: ad for ad in session.scalars(select(Ad))}


def test_ads_identifiers_and_clusters_are_stored(db_url, tmp_path):
    ads = dev_ads()
    result = ingest_ads(write_jsonl(tmp_path / "ads.jsonl", ads))
    assert result.stored == len(ads) and not result.problems
    with Session(get_engine()) as session:
        rows = stored(session)
        assert set(rows) == {ad["id"] for ad in ads}
        clusters = {c.id: c for c in session.scalars(select(AdCluster))}
        assert len(clusters) == result.clusters
        assert all(c.source_id == result.source_id for c in clusters.values())
        # every ad in exactly one cluster, and cluster sizes count their ads
        sizes: dict[int, int] = {}
        for ad in rows.values():
            sizes[ad.cluster_id] = sizes.get(ad.cluster_id, 0) + 1
        assert sizes == {cid: c.size for cid, c in clusters.items()}
        # ads the gold says share a phone are in one cluster
        shared = [(a["id"], b["id"]) for a, b in combinations(ads, 2)
                  if set(a["gold"]["phones"]) & set(b["gold"]["phones"])]
        assert shared
        for a, b in shared:
            assert rows[a].cluster_id == rows[b].cluster_id, (a, b)
        assert any(c.size > 1 for c in clusters.values())
        # the row's line number and the ad's own fields
        first = rows[ads[0]["id"]]
        assert first.source_row == 1 and first.city == ads[0]["city"]
        assert str(first.posted_at) == ads[0]["posted_at"][:10]
        assert first.identifiers["phones"] == ads[0]["gold"]["phones"]


def test_identifiers_are_stored_as_keyed_hashes(db_url, tmp_path):
    ads = dev_ads(40)
    ingest_ads(write_jsonl(tmp_path / "ads.jsonl", ads))
    with Session(get_engine()) as session:
        idents = session.execute(select(AdIdentifier, Ad.external_id)
                                 .join(Ad, Ad.id == AdIdentifier.ad_id)).all()
    phones = {(ext, i.value_hash) for i, ext in idents if i.kind == "phone"}
    for ad in ads:
        for phone in ad["gold"]["phones"]:
            assert (ad["id"], keyed_hash("phone", phone, b"test-secret")) in phones
    raw = {p for ad in ads for p in ad["gold"]["phones"]} | {
        e for ad in ads for e in ad["gold"]["emails"]}
    assert raw
    for ident, _ in idents:
        assert ident.value_hash not in raw and len(ident.value_hash) == 32
        assert not any(r.lstrip("+") in ident.value_hash for r in raw)
    handles = [i for i, _ in idents if i.kind == "handle"]
    assert all(h.platform for h in handles)


def test_bad_lines_are_named_and_skipped(db_url, tmp_path):
    ads = dev_ads(20)
    path = write_jsonl(tmp_path / "ads.jsonl", ads, {
        3: '{"id": "broken", "text": ',
        7: json.dumps({"id": "no-text", "title": "Hola"}),
        10: json.dumps({"id": ads[0]["id"], "text": "otra vez"}),
        12: json.dumps({"id": "bad-date", "text": "Nueva en la ciudad", "posted_at": "ayer"}),
    })
    answer = runner.invoke(app, ["ingest-ads", str(path)])
    assert answer.exit_code == 0, answer.output
    err = answer.stderr
    assert "ads.jsonl: line 3: not valid JSON" in err
    assert "line 7: field 'text' missing" in err
    assert "line 10: id already used on line 1" in err
    assert "line 12: field 'posted_at' is not a date" in err
    assert "Nueva en la ciudad" not in err and "otra vez" not in err
    assert "stored 20" in answer.stdout and "warning: 4 bad line(s) skipped" in answer.stdout
    with Session(get_engine()) as session:
        rows = stored(session)
        assert len(rows) == 20 and "no-text" not in rows
        # line numbers are the file's, bad lines included
        assert rows[ads[2]["id"]].source_row == 4


def test_same_file_again_stores_nothing_new(db_url, tmp_path):
    path = write_jsonl(tmp_path / "ads.jsonl", dev_ads(30))
    first = ingest_ads(path)
    again = runner.invoke(app, ["ingest-ads", str(path)])
    assert again.exit_code == 0 and "already stored" in again.stdout
    with Session(get_engine()) as session:
        assert session.scalar(select(func.count()).select_from(Ad)) == first.stored
        assert session.scalar(select(func.count()).select_from(AdCluster)) == first.clusters
        assert session.scalar(select(func.count()).select_from(Source)) == 1


def test_a_later_file_names_the_earlier_cluster_of_a_shared_phone(db_url, tmp_path):
    ads = dev_ads(120)
    a, b = next((a, b) for a, b in combinations(ads, 2)
                if set(a["gold"]["phones"]) & set(b["gold"]["phones"]))
    rest = [ad for ad in ads if ad is not a and ad is not b][:20]
    ingest_ads(write_jsonl(tmp_path / "first.jsonl", [a, *rest[:10]]))
    later = ingest_ads(write_jsonl(tmp_path / "later.jsonl", [b, *rest[10:]]))
    assert later.earlier_links >= 1
    with Session(get_engine()) as session:
        rows = stored(session)
        new_cluster = session.get(AdCluster, rows[b["id"]].cluster_id)
        assert rows[a["id"]].cluster_id in new_cluster.earlier_clusters
        assert new_cluster.source_id == later.source_id


def test_csv_ads_with_a_bad_row(db_url, tmp_path):
    """Line numbers are the file's physical lines: a quoted cell may span several."""
    ads = dev_ads(12)
    rows = [[ad["id"], ad["text"], ad.get("title", ""), ad["city"], ad["country"],
             ad["posted_at"] if i < 5 else ""] for i, ad in enumerate(ads)]
    rows.insert(5, ["empty-text", "", "", "Lima", "PE", ""])
    path = tmp_path / "ads.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "text", "title", "city", "country", "posted_at"])
        writer.writerows(rows)
    starts, line = [], 2
    for row in rows:
        starts.append(line)
        line += 1 + sum(cell.count("\n") for cell in row)
    assert starts[6] > 8  # the dev texts do span lines
    result = ingest_ads(path)
    assert result.stored == len(ads)
    assert result.problems == [f"ads.csv: line {starts[5]}: field 'text' missing, empty or "
                               "not a string, skipped"]
    with Session(get_engine()) as session:
        stored_rows = stored(session)
        assert stored_rows[ads[0]["id"]].identifiers["phones"] == ads[0]["gold"]["phones"]
        assert stored_rows[ads[5]["id"]].source_row == starts[6]
        assert stored_rows[ads[5]["id"]].posted_at is None


@pytest.mark.parametrize("header", [["id", "title"], ["text"]])
def test_csv_without_id_or_text_column_is_a_usage_error(sqlite_url, tmp_path, header):
    path = tmp_path / "ads.csv"
    path.write_text(",".join(header) + "\n1,hola\n", encoding="utf-8")
    answer = runner.invoke(app, ["ingest-ads", str(path)])
    assert answer.exit_code == 2 and "line 1: the header lacks column" in answer.stderr


def test_a_file_of_only_bad_lines_stores_nothing(sqlite_url, tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    answer = runner.invoke(app, ["ingest-ads", str(path)])
    assert answer.exit_code == 1 and "nothing stored" in answer.stderr
    with Session(get_engine()) as session:
        assert session.scalar(select(func.count()).select_from(Ad)) == 0


def test_provenance_options_are_checked_and_stored(sqlite_url, tmp_path):
    path = write_jsonl(tmp_path / "ads.jsonl", dev_ads(5))
    unknown = runner.invoke(app, ["ingest-ads", str(path), "--org", "Nobody"])
    assert unknown.exit_code == 2 and "unknown organisation 'Nobody'" in unknown.stderr
    no_group = runner.invoke(app, ["ingest-ads", str(path), "--sharing", "group"])
    assert no_group.exit_code == 2 and "--group" in no_group.stderr
    shared = runner.invoke(app, ["ingest-ads", str(path), "--sharing", "members",
                                 "--tlp", "green"])
    assert shared.exit_code == 0, shared.output
    with Session(get_engine()) as session:
        source = session.scalars(select(Source)).one()
        assert (source.sharing, source.tlp, source.kind, source.rows_stored) == (
            "members", "GREEN", "ads", 5)
        audited = session.scalars(select(AuditLog.object)
                                  .where(AuditLog.action == "ingest-ads")).all()
        assert f"source:{source.id}" in audited
