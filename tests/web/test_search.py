"""Search and detail pages: evidence highlighted in the owner's text, and nothing of a
private source reaches another organisation by search, by id or by quote."""

from __future__ import annotations

from web_hub import SECRET_WORD

from tahub.web.evidence import segments


def test_segments_mark_each_span_once_and_skip_overlaps() -> None:
    text = "recruited with a false job offer; passport withheld"
    parts = segments(text, [(17, 32), (34, 51), (20, 25), (40, 99)])
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.hit) for p in parts if p.hit is not None] == [
        ("false job offer", 0), ("passport withheld", 1)]


def test_detail_page_highlights_each_fact_in_the_text(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    incident = hub.incidents["alba_private"][0]
    page = client.get(f"/incidents/{incident}")
    assert page.status_code == 200
    assert '<mark id="fact-0" title="False job offer">false job offer</mark>' in page.text
    assert "passport was withheld</mark>" in page.text
    assert "Alba Private" in page.text  # the source is named


def test_shared_record_shows_facts_in_the_text_with_personal_data_replaced(hub) -> None:
    client = hub.client("analyst@cambio.example.org")
    incident = hub.incidents["alba_members"][0]
    page = client.get(f"/incidents/{incident}")
    assert page.status_code == 200
    assert "Survivor statement" in page.text and "[PERSON]" in page.text
    assert "Ana María Gómez" not in page.text and "Gómez" not in page.text
    # the evidence is still highlighted where it lies in the redacted text
    assert '">false job offer</mark>' in page.text
    assert "False job offer" in page.text  # the fact itself is shared
    assert "Calle 12" not in page.text  # locality dropped outside the owner


def test_private_records_are_invisible_to_another_organisation(hub) -> None:
    client = hub.client("analyst@cambio.example.org")
    for path in (f"/incidents/{hub.incidents['alba_private'][0]}",
                 f"/documents/{hub.documents['alba_private']}"):
        page = client.get(path)
        assert page.status_code == 404 and SECRET_WORD not in page.text
    for kind in ("incidents", "documents"):
        page = client.get("/search", params={"q": SECRET_WORD[:6], "kind": kind})
        assert page.status_code == 200
        assert SECRET_WORD not in page.text and "Nothing found" in page.text


def test_owner_finds_its_own_text_by_a_word_in_it(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    page = client.get("/search", params={"q": SECRET_WORD[:6], "kind": "documents"})
    assert f"/documents/{hub.documents['alba_private']}" in page.text
    assert f"/documents/{hub.documents['alba_members']}" not in page.text


def test_bad_ids_and_queries_are_pages_not_errors(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    assert client.get("/incidents/abc").status_code == 404
    assert client.get("/incidents/99999999999999999999999").status_code == 404
    assert client.get("/search", params={"q": "\x00%_'\"", "page": "x"}).status_code == 200


def test_asking_for_a_hidden_record_is_audited(hub) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from tahub.store.access_tables import AuditLog
    from tahub.store.db import get_engine

    hidden = hub.incidents["alba_private"][0]
    client = hub.client("analyst@cambio.example.org")
    assert client.get(f"/incidents/{hidden}").status_code == 404
    with Session(get_engine()) as session:
        last = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert (last.action, last.object) == ("refused", f"GET /incidents/{hidden}")
        assert last.actor == "analyst@cambio.example.org"


def test_evidence_without_a_place_is_left_unmarked() -> None:
    parts = segments("[PERSON] was rescued", [(None, None), (9, 20)])
    assert [(p.text, p.hit) for p in parts] == [("[PERSON] ", None), ("was rescued", 1)]
