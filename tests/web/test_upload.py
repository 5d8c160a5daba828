"""/upload: a preview that names every bad row, a commit that stores all or nothing."""

from __future__ import annotations

from web_hub import csrf_of

GOOD = (",yearOfRegistration,Datasource,gender,ageBroad,citizenship,isForcedLabour,"
        "control_category,RecruiterCategory,ExploitType,Labor_Type\n"
        "0,2019.0,Case Management,Female,18--20,CO,0.0,Other,,Sexual,\n"
        "1,2020.0,Case Management,Male,30--38,PH,1.0,Other,,Labour,Agriculture\n")
BAD = GOOD + "2,twenty twenty,Case Management,Female,18--20,CO,0.0,Other,,Sexual,\n"


def _commit(client, preview):  # type: ignore[no-untyped-def]
    """The plain form's commit: a redirect to the job's page, which shows the result once
    the background job has ended."""
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    answer = client.post("/upload/commit", data={"csrf": csrf_of(preview.text),
                                                 "token": token})
    if answer.status_code != 303:
        return answer
    assert answer.headers["location"].startswith("/upload/jobs/")
    for _ in range(200):
        page = client.get(answer.headers["location"])
        if 'id="job-progress"' not in page.text:
            return page
    raise AssertionError("the upload job did not end")


def _preview(client, body: str, name: str = "cases.csv", **fields):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/upload").text)
    data = {"csrf": token, "profile": "ctdc", "sharing": "private", "tlp": "AMBER", **fields}
    return client.post("/upload", data=data,
                       files={"file": (name, body.encode(), "text/csv")})


def test_a_bad_file_shows_its_row_errors_and_stores_nothing(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    preview = _preview(client, BAD, "bad.csv")
    assert preview.status_code == 200
    assert 'id="row-errors"' in preview.text
    assert "yearOfRegistration" in preview.text and "twenty twenty" in preview.text
    assert "<td class=\"num\">4</td>" in preview.text  # header is row 1
    commit = _commit(client, preview)
    assert commit.status_code == 422
    assert "nothing was stored" in commit.text and "twenty twenty" in commit.text


def test_a_good_file_previews_its_columns_then_is_stored(hub) -> None:
    client = hub.client("analyst@alba.example.org", lang="es")
    preview = _preview(client, GOOD, "good.csv", label="Casos nuevos")
    assert preview.status_code == 200
    assert "Columnas asignadas" in preview.text and "citizenship" in preview.text
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    # another user cannot commit this preview
    other = hub.client("admin@alba.example.org")
    stolen = other.post("/upload/commit", data={"csrf": csrf_of(other.get("/upload").text),
                                                "token": token})
    assert stolen.status_code == 410
    commit = _commit(client, preview)
    assert commit.status_code == 200, commit.text[-800:]
    assert "Se guardaron 2 de 2 filas" in commit.text


def test_upload_needs_csrf_and_a_role_that_may_upload(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    answer = client.post("/upload", data={"csrf": "x", "profile": "ctdc"},
                         files={"file": ("a.csv", GOOD.encode(), "text/csv")})
    assert answer.status_code == 403
    viewer = hub.client("viewer@alba.example.org")
    assert _preview(viewer, GOOD).status_code == 403


def test_an_unreadable_file_is_a_message_not_a_crash(hub) -> None:
    client = hub.client("analyst@alba.example.org")
    answer = _preview(client, "", "empty.csv")
    assert answer.status_code == 422
    assert "empty" in answer.text
