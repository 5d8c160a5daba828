"""Saved searches: new incidents are counted through the reader's own policy, marking seen
resets the count, forms need the CSRF token, and `tahub alerts` reports counts only."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner
from web_hub import csrf_of

ALBA = "analyst@alba.example.org"
CAMBIO = "analyst@cambio.example.org"


def upload(hub, owner: str, sharing: str, country: str, n: int, label: str) -> None:  # type: ignore[no-untyped-def]
    """What an upload stores: a source and its incidents (here straight into the store)."""
    from tahub.store.db import get_engine
    from tahub.store.tables import Incident, Organisation, Source

    with Session(get_engine(hub.url)) as s, s.begin():
        org = s.scalar(select(Organisation.id).where(Organisation.name == owner))
        src = Source(organisation_id=org, label=label, profile="ctdc", filename=f"{label}.csv",
                     content_sha256=hashlib.sha256(label.encode()).hexdigest(),
                     kind="incidents", rows_read=n, rows_stored=n, sharing=sharing,
                     tlp="AMBER", uploaded_by="test")
        s.add(src)
        s.flush()
        for i in range(n):
            s.add(Incident(source_id=src.id, source_row=i + 2, registration_year=2022,
                           citizenship="VE", country_of_exploitation=country,
                           date_start=date(2022, 1, 5), victims_count=1))


def saved_rows(html: str) -> dict[str, int]:
    """Saved search name -> new count, as the overview shows them."""
    section = html.split('id="saved-searches"', 1)[1].split("</section>", 1)[0]
    return {name: int(n) for name, n in re.findall(
        r'<a href="/\?[^"]*">([^<]+)</a></td>\s*<td class="num">(?:<strong>)?(\d+)', section)}


def save(client, name: str, query: str) -> int:  # type: ignore[no-untyped-def]
    page = client.get("/?" + query)
    answer = client.post("/saved-searches?" + query,
                         data={"name": name, "csrf": csrf_of(page.text), "next": "/?" + query})
    return answer.status_code


def ids_of(client) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Saved search name -> id, from the overview's mark-as-seen forms."""
    return {name: int(i) for name, i in re.findall(
        r'<a href="/\?[^"]*">([^<]+)</a></td>.*?/saved-searches/(\d+)/seen',
        client.get("/").text, re.S)}


def test_new_incidents_count_through_the_policy_and_mark_seen_resets(hub) -> None:  # type: ignore[no-untyped-def]
    alba, cambio = hub.client(ALBA), hub.client(CAMBIO)
    assert save(alba, "New Zealand cases", "country=NZ") == 303
    assert save(cambio, "NZ watch", "country=NZ") == 303
    assert saved_rows(alba.get("/").text) == {"New Zealand cases": 0}

    upload(hub, "Alba", "private", "NZ", 4, "alba_new")
    upload(hub, "Alba", "private", "CO", 2, "alba_colombia")  # does not match the filter
    upload(hub, "Cambio Bank", "private", "NZ", 7, "cambio_new")

    assert saved_rows(alba.get("/").text) == {"New Zealand cases": 4}
    # Alba's private rows never count for Cambio, and Cambio's never for Alba
    assert saved_rows(cambio.get("/").text) == {"NZ watch": 7}

    page = alba.get("/")
    search_id = ids_of(alba)["New Zealand cases"]
    answer = alba.post(f"/saved-searches/{search_id}/seen", data={"csrf": csrf_of(page.text)})
    assert answer.status_code == 303
    assert saved_rows(alba.get("/").text) == {"New Zealand cases": 0}
    assert saved_rows(cambio.get("/").text) == {"NZ watch": 7}

    upload(hub, "Alba", "members", "NZ", 3, "alba_shared")
    assert saved_rows(alba.get("/").text) == {"New Zealand cases": 3}
    assert saved_rows(cambio.get("/").text) == {"NZ watch": 10}  # shared with members


def test_the_filter_link_applies_the_saved_filter(hub) -> None:  # type: ignore[no-untyped-def]
    viewer = hub.client("viewer@alba.example.org")
    assert save(viewer, "Labour in Colombia",
                "country=CO&exploitation=exploitation.labour&year_from=2020") == 303
    html = viewer.get("/").text
    assert ('href="/?country=CO&amp;exploitation=exploitation.labour&amp;year_from=2020">'
            "Labour in Colombia</a>") in html


def test_forms_need_the_csrf_token_and_users_touch_only_their_own(hub) -> None:  # type: ignore[no-untyped-def]
    admin = hub.client("admin@alba.example.org")
    answer = admin.post("/saved-searches?country=PE", data={"name": "forged", "csrf": "nope"})
    assert answer.status_code == 403
    answer = admin.post("/saved-searches?country=PE", data={"name": "forged"})
    assert answer.status_code == 403
    assert "forged" not in admin.get("/").text

    assert save(admin, "Peru", "country=PE") == 303
    search_id = ids_of(admin)["Peru"]
    other = hub.client(CAMBIO)
    token = csrf_of(other.get("/").text)
    assert other.post(f"/saved-searches/{search_id}/delete",
                      data={"csrf": token}).status_code == 404
    assert admin.post(f"/saved-searches/{search_id}/delete",
                      data={"csrf": "nope"}).status_code == 403
    assert "Peru" in saved_rows(admin.get("/").text)
    token = csrf_of(admin.get("/").text)
    assert admin.post(f"/saved-searches/{search_id}/delete",
                      data={"csrf": token}).status_code == 303
    assert "Peru" not in saved_rows(admin.get("/").text)


def test_save_form_is_on_the_map_and_in_spanish(hub) -> None:  # type: ignore[no-untyped-def]
    es = hub.client(ALBA, lang="es")
    map_page = es.get("/map?country=CO").text
    assert 'action="/saved-searches?country=CO"' in map_page
    assert "Guardar esta búsqueda" in map_page
    assert save(es, "Colombia (es)", "country=CO") == 303  # not left to another test's order
    overview = es.get("/").text
    for text in ("Búsquedas guardadas", "Incidentes nuevos", "Marcar como vista", "Eliminar"):
        assert text in overview


def test_alerts_prints_counts_and_posts_them_to_the_webhook(hub, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tahub.cli import app

    received: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    cambio = hub.client(CAMBIO)
    assert save(cambio, "Peru cases", "country=PE") == 303
    upload(hub, "Cambio Bank", "private", "PE", 2, "cambio_peru")

    result = CliRunner().invoke(app, ["alerts"])
    assert result.exit_code == 0, result.output
    assert "new 2" in result.output and '{"country": "PE"}' in result.output
    assert "@" not in result.output  # no emails

    server = HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    monkeypatch.setenv("TAHUB_ALERT_WEBHOOK", f"http://127.0.0.1:{server.server_port}/hook")
    result = CliRunner().invoke(app, ["alerts"])
    thread.join(5)
    server.server_close()
    assert result.exit_code == 0, result.output
    searches = [s for entry in received[0]["alerts"] for s in entry["searches"]]
    assert {"filters": {"country": "PE"}, "new": 2} in [
        {k: s[k] for k in ("filters", "new")} for s in searches]
    assert "@" not in json.dumps(received)
