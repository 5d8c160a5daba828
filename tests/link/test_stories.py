"""Near-duplicate articles (one wire story, several sites) grouped as one story."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.cli import app
from tahub.link.stories import group_stories
from tahub.store.db import get_engine
from tahub.store.tables import Document

REPO = Path(__file__).resolve().parents[2]
FEEDS = REPO / "tests" / "data" / "feeds"
runner = CliRunner()


def gold(doc_id: str) -> str:
    for name in ("gold_en", "gold_es", "gold_pt"):
        for line in (REPO / "eval" / "text" / f"{name}.jsonl").open(encoding="utf-8"):
            record = json.loads(line)
            if record["id"] == doc_id:
                return record["text"]
    raise KeyError(doc_id)


def test_republished_wire_story_is_one_story_and_other_articles_are_not():
    story = gold("en-014")
    paragraphs = story.split("\n")
    republished = ("Mexican police free 30 trafficked women\n\nMEXICO CITY (AP) — " + story
                   + "\n\nCopyright 2019 The Associated Press. All rights reserved.")
    shortened = "\n".join(paragraphs[:-1])  # a site that cut the last paragraph
    stories = group_stories([
        (10, story), (11, gold("en-030")), (12, republished), (13, shortened),
        (14, gold("en-094")),  # also women freed from sexual slavery in Latin America
    ])
    assert stories == {10: 10, 11: 11, 12: 10, 13: 10, 14: 14}


def test_same_event_reported_in_other_words_is_not_the_same_story():
    # two real reports of one Dominican operation by different newsrooms
    assert group_stories([(1, gold("es-104")), (2, gold("es-105"))]) == {1: 1, 2: 2}


def test_a_bare_headline_is_never_linked():
    headline = "Thirty women rescued from sex traffickers"
    assert group_stories([(1, headline), (2, headline)]) == {1: 1, 2: 2}


def test_accents_and_case_do_not_hide_a_copy():
    text = gold("pt-010")
    folded = text.upper().replace("Ç", "C").replace("Ã", "A").replace("É", "E")
    assert group_stories([(5, text), (3, folded)]) == {3: 3, 5: 3}


def test_ingested_feeds_share_a_story_id(db_url):
    assert runner.invoke(app, ["ingest-feed", str(FEEDS / "newsday_rss.xml")]).exit_code == 0
    result = runner.invoke(app, ["ingest-feed", str(FEEDS / "wire_atom.xml")])
    assert result.exit_code == 0 and "1 in multi-source stories" in result.output
    with Session(get_engine()) as session:
        rows = session.execute(select(Document.id, Document.title, Document.story_id)
                               .order_by(Document.id)).all()
    by_title = {title: (doc_id, story) for doc_id, title, story in rows}
    first, _ = by_title["Thirty women rescued from sex traffickers"]
    assert by_title["Police free 30 women trafficked for sex in raids in Toluca and "
                    "Cuernavaca"][1] == first
    assert all(story == doc_id for doc_id, title, story in rows if "30 women" not in title
               and title != "Thirty women rescued from sex traffickers")


def _docs_dir(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _stories() -> dict[int, int]:
    with Session(get_engine()) as session:
        return dict(session.execute(select(Document.id, Document.story_id)).all())


def test_stories_over_several_ingests_are_those_of_one_pass_over_everything(db_url, tmp_path):
    """Each ingest compares its new texts with the stored signatures only; the groups must
    still be what grouping every text at once gives, a later bridge text included."""
    p1, p2, p3 = gold("en-014"), gold("en-030"), gold("en-094")
    # a and c share a third of their words: two stories, until b, holding all of a and all
    # of c, arrives and makes them one (under a's id, the smallest)
    batches = [{"a": f"{p1}\n\n{p2}", "other": gold("es-104")},
               {"c": f"{p2}\n\n{p3}", "copy": gold("es-104") + "\nEFE"},
               {"b": f"{p1}\n\n{p2}\n\n{p3}", "alone": gold("pt-010")}]
    for n, texts in enumerate(batches):
        folder = _docs_dir(tmp_path / f"batch{n}", texts)
        assert runner.invoke(app, ["ingest-docs", str(folder)]).exit_code == 0
    with Session(get_engine()) as session:
        texts = session.execute(select(Document.id, Document.text)).all()
    assert _stories() == group_stories(texts)
    assert sorted(_stories().values()) == [1, 1, 1, 2, 2, 5]


def test_documents_stored_before_signatures_are_signed_on_the_next_ingest(db_url, tmp_path):
    from sqlalchemy import delete

    from tahub.store.tables import DocumentBand, DocumentSignature

    first = _docs_dir(tmp_path / "one", {"x": gold("pt-010")})
    assert runner.invoke(app, ["ingest-docs", str(first)]).exit_code == 0
    with Session(get_engine()) as session, session.begin():  # as an older hub left it
        session.execute(delete(DocumentBand))
        session.execute(delete(DocumentSignature))
    second = _docs_dir(tmp_path / "two", {"y": gold("pt-010").upper()})
    result = runner.invoke(app, ["ingest-docs", str(second)])
    assert result.exit_code == 0 and "1 in multi-source stories" in result.output
    assert len(set(_stories().values())) == 1
