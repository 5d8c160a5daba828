"""Upload commits as background jobs: the JSON status a page polls (rows read of rows in
the file), who may read it (the job's owner, with the session's CSRF token), the page a
plain form is sent to, and all-or-nothing storing kept."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from test_upload import BAD, GOOD, _preview
from web_hub import csrf_of

from tahub.ingest.tabular import IngestResult
from tahub.store.db import get_engine
from tahub.store.tables import Source
from tahub.web import upload_jobs

JSON = {"Accept": "application/json"}


def _start(client, body: str, name: str):  # type: ignore[no-untyped-def]
    """Preview `body`, then commit it as a script does; (job answer, csrf)."""
    preview = _preview(client, body, name)
    assert preview.status_code == 200
    csrf = csrf_of(preview.text)
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    answer = client.post("/upload/commit", data={"csrf": csrf, "token": token}, headers=JSON)
    assert answer.status_code == 202, answer.text[-500:]
    return answer.json(), csrf


def _follow(client, job: dict, csrf: str) -> list[dict]:  # type: ignore[no-untyped-def]
    seen = []
    for _ in range(500):
        answer = client.get(job["status"], headers={"X-CSRF-Token": csrf})
        assert answer.status_code == 200, answer.text
        seen.append(answer.json())
        if seen[-1]["state"] in ("done", "failed"):
            return seen
        time.sleep(0.02)
    raise AssertionError("the job did not end")


def _sources(hub) -> int:  # type: ignore[no-untyped-def]
    with Session(get_engine(hub.url)) as s:
        return s.scalar(select(func.count()).select_from(Source))


def test_a_script_commit_is_a_job_whose_status_reaches_every_row(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    job, csrf = _start(client, GOOD.replace("2019.0", "2018.0"), "progress-good.csv")
    assert job["status"] == f"/upload/jobs/{job['job']}/status"
    last = _follow(client, job, csrf)[-1]
    assert last == {"state": "done", "rows_read": 2, "rows_total": 2, "percent": 100,
                    "stored": True}
    page = client.get(job["page"])
    assert page.status_code == 200
    assert "Stored 2 of 2 rows" in page.text


def test_a_bad_file_job_stores_nothing_and_its_page_lists_the_row_errors(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    before = _sources(hub)
    job, csrf = _start(client, BAD.replace("2019.0", "2017.0"), "progress-bad.csv")
    last = _follow(client, job, csrf)[-1]
    assert last["state"] == "done" and last["stored"] is False and last["percent"] == 100
    assert last["rows_read"] == 3
    page = client.get(job["page"])
    assert page.status_code == 422
    assert 'id="row-errors"' in page.text and "twenty twenty" in page.text
    assert _sources(hub) == before


def test_the_status_needs_the_session_csrf_token_and_the_owner(hub) -> None:
    owner = hub.client("analyst@alba.example.org")
    job, csrf = _start(owner, GOOD.replace("2019.0", "2016.0"), "progress-owner.csv")
    _follow(owner, job, csrf)
    assert owner.get(job["status"]).status_code == 403
    assert owner.get(job["status"], headers={"X-CSRF-Token": "forged"}).status_code == 403
    # a colleague of the same organisation, with a valid token of their own, sees nothing
    other = hub.client("admin@alba.example.org")
    other_csrf = csrf_of(other.get("/upload").text)
    assert other.get(job["status"], headers={"X-CSRF-Token": other_csrf}).status_code == 404
    assert other.get(job["page"]).status_code == 404
    assert "Stored" not in other.get(job["page"]).text
    # a role that may not upload, and no session at all
    viewer = hub.client("viewer@alba.example.org")
    viewer_csrf = csrf_of(viewer.get("/upload").text)
    assert viewer.get(job["status"], headers={"X-CSRF-Token": viewer_csrf}).status_code == 403
    anonymous = hub.client()
    assert anonymous.get(job["status"], headers={"X-CSRF-Token": csrf}).status_code == 303
    assert owner.get("/upload/jobs/nosuchjob/status",
                     headers={"X-CSRF-Token": csrf}).status_code == 404


def test_the_commit_itself_needs_csrf(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    preview = _preview(client, GOOD, "progress-csrf.csv")
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    answer = client.post("/upload/commit", data={"csrf": "forged", "token": token},
                         headers=JSON)
    assert answer.status_code == 403


def _user_id(hub, email: str) -> int:  # type: ignore[no-untyped-def]
    from tahub.store.access_tables import User

    with Session(get_engine(hub.url)) as s:
        return s.scalar(select(User.id).where(User.email == email))


def test_a_running_job_reports_rows_read_so_far_and_its_page_refreshes(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    csrf = csrf_of(client.get("/upload").text)
    halfway, release = threading.Event(), threading.Event()

    def work(progress):  # type: ignore[no-untyped-def]
        progress(1000)
        halfway.set()
        release.wait(10)
        progress(2000)
        return IngestResult(path=None, profile="ctdc", rows_read=3000,  # type: ignore[arg-type]
                            rows_stored=3000, source_id=1), True

    job = upload_jobs.start(_user_id(hub, "analyst@alba.example.org"), "big.csv", 3000, work)
    try:
        assert halfway.wait(10)
        status = client.get(f"/upload/jobs/{job.id}/status",
                            headers={"X-CSRF-Token": csrf}).json()
        assert status == {"state": "running", "rows_read": 1000, "rows_total": 3000,
                          "percent": 33, "stored": None}
        page = client.get(f"/upload/jobs/{job.id}")
        assert page.status_code == 200
        assert '<meta http-equiv="refresh"' in page.text
        assert 'id="job-progress" max="100" value="33"' in page.text
        assert "Rows checked: 1,000 of 3,000." in page.text
    finally:
        release.set()
    assert upload_jobs.wait(job, 10)
    assert job.status()["percent"] == 100


def test_the_upload_pages_carry_the_progress_bars_with_labels(hub) -> None:
    client = hub.client("analyst@alba.example.org", lang="es")
    form = client.get("/upload").text
    assert '<label for="progress-send">Enviando el archivo</label>' in form
    assert '<progress id="progress-send" max="100"' in form
    assert '<script src="/static/upload.js"></script>' in form
    preview = _preview(client, GOOD, "progress-labels.csv").text
    assert '<label for="progress-store">Revisando y guardando el archivo</label>' in preview
    assert 'data-checking="Filas revisadas: {read} de {total}."' in preview


def test_a_file_with_many_bad_rows_is_counted_whole_and_shown_in_part(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    head = GOOD.splitlines()[0]
    body = "\n".join([head, *(f"{i},year {i},Case Management,Female,18--20,CO,0.0,Other,,"
                               "Sexual," for i in range(600))]) + "\n"
    job, csrf = _start(client, body, "progress-many-bad.csv")
    assert _follow(client, job, csrf)[-1]["stored"] is False
    page = client.get(job["page"])
    assert page.status_code == 422
    assert "nothing was stored: 600 problems." in page.text
    assert "(500 / 600)" in page.text
    assert page.text.count('<tr><td class="num">') == 500
