"""`tahub ingest-docs DIR`: a folder of real reports (.txt, .md, .html) as documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.cli import app
from tahub.ingest.documents import fragment_text, html_main_text
from tahub.store.db import get_engine
from tahub.store.tables import Document, Source

REPORTS = Path(__file__).resolve().parents[1] / "data" / "feeds" / "reports"
runner = CliRunner()


def ingest_docs(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest-docs", *args])


def documents() -> list[Document]:
    with Session(get_engine()) as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def test_text_markdown_and_html_files_are_stored_other_files_ignored(db_url):
    result = ingest_docs(str(REPORTS), "--source", "Field reports", "--tlp", "red")
    assert result.exit_code == 0, result.output
    docs = {d.url: d for d in documents()}
    assert sorted(docs) == ["2025/pf-resgata-pantanal.md", "liberadas-52-victimas-brenes.txt",
                            "madre-de-dios-rescate.html"]  # README.csv is not a text
    md = docs["2025/pf-resgata-pantanal.md"]
    assert md.title == ("PF resgata 4 trabalhadores em condições análogas à escravidão no "
                        "Pantanal sul-mato-grossense")
    page = docs["madre-de-dios-rescate.html"]
    assert page.title == "Madre de Dios: rescatan a mujeres que eran víctimas de explotación " \
                         "sexual"
    assert "Se detuvo a 12 personas" in page.text
    assert "Lo más leído" not in page.text and "Suscríbete" not in page.text
    assert "Guardia Civil de Sevilla ha liberado a 52 personas" in \
        docs["liberadas-52-victimas-brenes.txt"].text
    with Session(get_engine()) as session:
        source = session.scalar(select(Source))
    assert (source.label, source.profile, source.tlp, source.rows_stored) == (
        "Field reports", "documents", "RED", 3)
    again = ingest_docs(str(REPORTS))
    assert again.exit_code == 0 and "nothing new stored" in again.output
    assert len(documents()) == 3


def test_same_text_in_another_folder_is_not_stored_twice(db_url, tmp_path):
    assert ingest_docs(str(REPORTS)).exit_code == 0
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(REPORTS / "liberadas-52-victimas-brenes.txt", folder / "sevilla.txt")
    result = ingest_docs(str(folder))
    assert result.exit_code == 0, result.output
    assert "stored 0, already held 1" in result.output
    assert len(documents()) == 3


def test_an_empty_file_rejects_the_folder_unless_partial(sqlite_url, tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(REPORTS, folder)
    (folder / "blank.txt").write_text("  \n\n", encoding="utf-8")
    (folder / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a></nav>"
                                          "</body></html>", encoding="utf-8")
    result = ingest_docs(str(folder))
    assert result.exit_code == 1
    assert "blank.txt: no text found" in result.output
    assert "nav-only.html: no text found" in result.output
    assert documents() == []
    partial = ingest_docs(str(folder), "--partial")
    assert partial.exit_code == 0 and "stored 3" in partial.output and "rejected 2" in \
        partial.output


def test_windows_1252_text_is_read(sqlite_url, tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    text = (REPORTS / "liberadas-52-victimas-brenes.txt").read_text(encoding="utf-8")
    (folder / "informe.txt").write_bytes(text.encode("cp1252"))
    assert ingest_docs(str(folder)).exit_code == 0
    assert documents()[0].text == text.strip()


def test_usage_errors(sqlite_url, tmp_path):
    assert "not a folder" in ingest_docs(str(tmp_path / "nowhere")).output
    assert ingest_docs(str(tmp_path / "nowhere")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = ingest_docs(str(empty))
    assert result.exit_code == 2 and "no .txt, .md or .html files" in result.output


def test_html_helpers_keep_paragraphs_and_drop_scripts():
    assert fragment_text("<p>Police rescued <b>six</b> women.</p><script>x()</script>"
                         "<p>Two men were arrested.</p>") == \
        "Police rescued six women.\n\nTwo men were arrested."
    title, text = html_main_text((REPORTS / "madre-de-dios-rescate.html").read_bytes())
    assert text.startswith(title + "\n")


def test_partial_with_nothing_usable_is_still_rejected(sqlite_url, tmp_path):
    folder = tmp_path / "blank"
    folder.mkdir()
    (folder / "blank.md").write_text("\n", encoding="utf-8")
    result = ingest_docs(str(folder), "--partial")
    assert result.exit_code == 1 and "blank.md: no text found" in result.output
    with Session(get_engine()) as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0
