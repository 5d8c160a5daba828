"""`tahub ingest-feed`: RSS 2.0 and Atom files with real article texts, read offline."""

from __future__ import annotations

import functools
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.cli import app
from tahub.errors import UsageError
from tahub.ingest.feeds import load_feed, read_feed
from tahub.store.db import get_engine
from tahub.store.tables import Document, Source

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"
RSS = FEEDS / "newsday_rss.xml"
ATOM = FEEDS / "wire_atom.xml"
runner = CliRunner()


def ingest_feed(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest-feed", *args])


def documents() -> list[Document]:
    with Session(get_engine()) as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def test_rss_entries_become_documents_with_article_text_from_local_html(db_url):
    result = ingest_feed(str(RSS), "--tlp", "green", "--sharing", "members")
    assert result.exit_code == 0, result.output
    docs = documents()
    assert [d.title for d in docs] == [
        "Cops arrest 2 men, rescue women, girls in Chaguanas human-trafficking raid",
        "Thirty women rescued from sex traffickers",
        "Traffic stop leads to drug seizure"]
    raid = docs[0]
    # the feed's description is one paragraph; the local page holds the whole article
    assert "Sgt Walters and Cpl Ramsarran of the Counter-Trafficking Unit" in raid.text
    assert "Most read" not in raid.text and "Budget debate" not in raid.text  # boilerplate
    assert raid.url == "articles/chaguanas-raid.html"
    assert raid.published_at.isoformat() == "2022-09-16T13:30:00"  # -0400 stored as UTC
    assert "forced to prostitute themselves" in docs[1].text  # from content:encoded
    assert "13.6 kilograms of cocaine" in docs[2].text  # description HTML stripped
    assert "<p>" not in docs[2].text
    with Session(get_engine()) as session:
        source = session.scalar(select(Source))
    assert (source.profile, source.kind, source.tlp, source.sharing) == (
        "feed", "documents", "GREEN", "members")
    assert source.rows_stored == 3 and docs[0].source_id == source.id


def test_atom_with_html_dir_and_reingest_stores_nothing_new(db_url):
    first = ingest_feed(str(ATOM), "--html-dir", str(FEEDS / "html"))
    assert first.exit_code == 0, first.output
    docs = documents()
    assert [d.lang for d in docs] == [None, None, None]  # enrichment is the pipeline's job
    pt = docs[1]
    assert pt.url.endswith("219586-policia-federal-resgata-em-sao-paulo-22-vitimas-de-"
                           "exploracao-sexual.html")
    # the entry's summary is cut at 160 characters; the page gives the whole article
    assert "Operação Tauéma" in pt.text and len(pt.text) > 1000
    assert "Encerradas y vigiladas" in docs[2].text
    again = ingest_feed(str(ATOM), "--html-dir", str(FEEDS / "html"))
    assert again.exit_code == 0 and "nothing new stored" in again.output
    assert len(documents()) == 3


def test_without_html_dir_the_entry_summary_is_kept(sqlite_url):
    data, name, base = load_feed(str(ATOM))
    drafts, problems = read_feed(data, name, base)
    assert not problems
    assert "Operação Tauéma" not in drafts[1].text
    assert drafts[1].text.startswith("Polícia Federal resgata em São Paulo 22 vítimas")


def test_a_changed_feed_stores_only_its_new_entries(db_url, tmp_path):
    rss = RSS.read_text(encoding="utf-8")
    older = tmp_path / "feed.xml"
    shutil.copytree(FEEDS / "articles", tmp_path / "articles")
    cut = rss.index("  <item>", rss.index("</item>"))
    older.write_text(rss[:cut] + "</channel>\n</rss>\n", encoding="utf-8")
    assert ingest_feed(str(older)).exit_code == 0
    assert len(documents()) == 1
    older.write_text(rss, encoding="utf-8")  # the same feed a day later: two more entries
    result = ingest_feed(str(older))
    assert result.exit_code == 0, result.output
    assert "stored 2, already held 1" in result.output
    assert len(documents()) == 3


def test_missing_local_article_rejects_the_feed_naming_the_entry(sqlite_url, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(RSS.read_text(encoding="utf-8"), encoding="utf-8")  # no articles/ here
    result = ingest_feed(str(feed))
    assert result.exit_code == 1
    assert "feed.xml: entry 1: article file not found: articles/chaguanas-raid.html" in \
        result.output
    assert documents() == []
    partial = ingest_feed(str(feed), "--partial")
    assert partial.exit_code == 0 and len(documents()) == 2


def test_links_outside_the_feed_folder_are_refused(sqlite_url, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(RSS.read_text(encoding="utf-8").replace(
        "<link>articles/chaguanas-raid.html</link>", "<link>../../etc/passwd</link>"),
        encoding="utf-8")
    data, name, base = load_feed(str(feed))
    drafts, problems = read_feed(data, name, base)
    assert [str(p) for p in problems] == [
        "feed.xml: entry 1: article link '../../etc/passwd' leaves the feed's folder"]
    assert len(drafts) == 2


def test_urls_are_not_fetched_unless_asked(sqlite_url, monkeypatch):
    def no_network(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "create_connection", no_network)
    result = ingest_feed("https://www.example.org/rss.xml")
    assert result.exit_code == 2
    assert "tahub reads feeds offline" in result.output and "--fetch" in result.output


def test_fetch_offline_fails_with_a_clear_message(sqlite_url, monkeypatch):
    def offline(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("Network is unreachable")

    monkeypatch.setattr(socket, "create_connection", offline)
    with pytest.raises(UsageError, match=r"cannot fetch https://www.example.org/rss.xml: .*"
                                         r"offline\?"):
        load_feed("https://www.example.org/rss.xml", fetch=True)
    result = ingest_feed("https://www.example.org/rss.xml", "--fetch")
    assert result.exit_code == 2 and "cannot fetch" in result.output
    assert "Traceback" not in result.output


def test_fetch_downloads_the_feed_but_never_its_article_pages(sqlite_url):
    requested: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            requested.append(self.path)

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Handler, directory=str(FEEDS)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/newsday_rss.xml"
        result = ingest_feed(url, "--fetch", "--html-dir", str(FEEDS / "articles"))
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.output
    assert requested == ["/newsday_rss.xml"]  # one request: the feed itself
    docs = documents()
    assert len(docs) == 3
    # the relative link is looked up in --html-dir by its last segment, not downloaded
    assert "Sgt Walters and Cpl Ramsarran" in docs[0].text


@pytest.mark.parametrize("content, message", [
    ("<html><body>not a feed</body></html>", "not an RSS or Atom feed"),
    ("", "not an RSS or Atom feed"),
])
def test_not_a_feed_is_a_usage_error(sqlite_url, tmp_path, content, message):
    path = tmp_path / "page.xml"
    path.write_text(content, encoding="utf-8")
    result = ingest_feed(str(path))
    assert result.exit_code == 2 and message in result.output


def test_bad_options_are_usage_errors(sqlite_url):
    assert ingest_feed(str(RSS), "--tlp", "PURPLE").exit_code == 2
    assert ingest_feed(str(RSS), "--sharing", "group").exit_code == 2
    assert ingest_feed("no/such/feed.xml").exit_code == 2
    unknown = ingest_feed(str(RSS), "--org", "Nobody Ltd")
    assert unknown.exit_code == 2 and "unknown organisation 'Nobody Ltd'" in unknown.output
    with Session(get_engine()) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
