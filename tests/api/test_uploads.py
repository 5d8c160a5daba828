"""`POST /api/v1/uploads`: the `tahub ingest` contract over HTTP, on real CTDC rows."""

from __future__ import annotations

import pytest
from api_hub import upload
from ctdc_sample import real_csv


def visible_ids(hub, org: str, source_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    body = hub.get("/api/v1/incidents", org, "viewer", source=source_id, limit=500).json()
    assert body["total"] == len(body["items"])
    return [i["id"] for i in body["items"]]


def test_upload_stores_every_row_privately_by_default(sqlite_hub):
    answer = upload(sqlite_hub, real_csv(30, start=1000), name="ctdc 2019 (Alba).csv")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["rows_read"], body["rows_stored"], body["rows_rejected"]) == (30, 30, 0)
    assert body["sharing"] == "private" and body["tlp"] == "AMBER" and not body["already"]
    assert body["filename"] == "ctdc_2019_Alba_.csv"
    assert len(visible_ids(sqlite_hub, "Alba", body["source_id"])) == 30
    assert visible_ids(sqlite_hub, "Bogota Police", body["source_id"]) == []
    assert visible_ids(sqlite_hub, "Cambio Bank", body["source_id"]) == []
    again = upload(sqlite_hub, real_csv(30, start=1000), role="analyst")
    assert again.status_code == 201
    assert again.json()["already"] and again.json()["source_id"] == body["source_id"]
    assert again.json()["rows_stored"] == 0
    assert len(visible_ids(sqlite_hub, "Alba", body["source_id"])) == 30


def test_identical_file_of_another_organisation_is_another_source(sqlite_hub):
    data = real_csv(12, start=2000)
    mine = upload(sqlite_hub, data).json()
    theirs = upload(sqlite_hub, data, org="Cambio Bank").json()
    assert mine["source_id"] != theirs["source_id"] and not theirs["already"]
    assert len(visible_ids(sqlite_hub, "Cambio Bank", theirs["source_id"])) == 12
    assert visible_ids(sqlite_hub, "Cambio Bank", mine["source_id"]) == []


def test_sharing_and_tlp_take_effect(sqlite_hub):
    shared = upload(sqlite_hub, real_csv(15, start=3000), sharing="members", tlp="green")
    assert shared.status_code == 201 and shared.json()["tlp"] == "GREEN"
    assert len(visible_ids(sqlite_hub, "Cambio Bank", shared.json()["source_id"])) == 15
    grouped = upload(sqlite_hub, real_csv(15, start=3100), sharing="group",
                     group=sqlite_hub.group_id)
    assert grouped.status_code == 201, grouped.text
    assert len(visible_ids(sqlite_hub, "Bogota Police", grouped.json()["source_id"])) == 15
    assert visible_ids(sqlite_hub, "Cambio Bank", grouped.json()["source_id"]) == []
    outsider = upload(sqlite_hub, real_csv(5, start=3200), org="Cambio Bank",
                      sharing="group", group=sqlite_hub.group_id)
    assert outsider.status_code == 403


def bad_rows(i: int, row: dict) -> dict:
    if i == 3:
        row["yearOfRegistration"] = "twenty-nineteen"
    if i == 7:
        row["CountryOfExploitation"] = "Atlantis"
    return row


def test_bad_rows_are_422_with_row_errors_and_nothing_stored(sqlite_hub):
    before = sqlite_hub.get("/api/v1/incidents", "Alba", "viewer").json()["total"]
    answer = upload(sqlite_hub, real_csv(20, start=4000, edit=bad_rows))
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert "nothing stored" in error["message"]
    assert {(e["row"], e["column"]) for e in error["details"]} == {
        (5, "yearOfRegistration"), (9, "CountryOfExploitation")}
    for e in error["details"]:
        assert set(e) == {"row", "column", "value", "reason"} and e["reason"]
    assert {e["value"] for e in error["details"]} == {"twenty-nineteen", "Atlantis"}
    assert sqlite_hub.get("/api/v1/incidents", "Alba", "viewer").json()["total"] == before


def test_partial_upload_stores_the_good_rows_and_lists_the_rest(sqlite_hub):
    answer = upload(sqlite_hub, real_csv(20, start=5000, edit=bad_rows), partial="true")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["rows_read"], body["rows_stored"], body["rows_rejected"]) == (20, 18, 2)
    assert len(body["errors"]) == 2
    assert len(visible_ids(sqlite_hub, "Alba", body["source_id"])) == 18


@pytest.mark.parametrize(("fields", "field"), [
    ({"profile": "no_such_profile"}, None),
    ({"profile": "../../etc/passwd"}, "profile"),
    ({"profile": "ctdc", "sharing": "everyone"}, "sharing"),
    ({"profile": "ctdc", "tlp": "PURPLE"}, "tlp"),
    ({"profile": "ctdc", "sharing": "group"}, "group"),
])
def test_unusable_requests_are_422_naming_the_field(sqlite_hub, fields, field):
    answer = upload(sqlite_hub, real_csv(3, start=6000), **fields)
    assert answer.status_code == 422
    error = answer.json()["error"]
    if field:
        assert field in [d["field"] for d in error["details"]]
    else:
        assert "ctdc" in error["message"]  # names the profiles that exist


def test_not_a_table_and_not_multipart(sqlite_hub):
    garbage = upload(sqlite_hub, b"\x89PNG\r\n\x1a\n\x00\x00binary", name="photo.csv")
    assert garbage.status_code == 422
    token = sqlite_hub.tokens["Alba", "analyst"]
    plain = sqlite_hub.client.post("/api/v1/uploads", content=b"a,b\n1,2\n", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "text/csv"})
    assert plain.status_code == 422 and "multipart" in plain.json()["error"]["message"]
    missing = sqlite_hub.client.post("/api/v1/uploads", data={"profile": "ctdc"},
                                     files={"other": ("x.txt", b"x")},
                                     headers={"Authorization": f"Bearer {token}"})
    assert missing.status_code == 422
    assert "file" in [d["field"] for d in missing.json()["error"]["details"]]


def test_viewer_may_not_upload(sqlite_hub):
    answer = upload(sqlite_hub, real_csv(3, start=7000), role="viewer")
    assert answer.status_code == 403 and "viewer" in answer.json()["error"]["message"]


def test_upload_size_limit(sqlite_hub, monkeypatch):
    monkeypatch.setenv("TAHUB_MAX_UPLOAD_BYTES", "2000")
    big = real_csv(200, start=8000)
    answer = upload(sqlite_hub, big + b"\n" * (70 * 1024))
    assert answer.status_code == 413
    assert "TAHUB_MAX_UPLOAD_BYTES" in answer.json()["error"]["message"]
    # no Content-Length: the counting reader stops it as the body streams in
    token = sqlite_hub.tokens["Alba", "analyst"]

    def chunks():  # type: ignore[no-untyped-def]
        boundary = b"--xyz\r\n"
        yield boundary + b'Content-Disposition: form-data; name="profile"\r\n\r\nctdc\r\n'
        yield boundary + (b'Content-Disposition: form-data; name="file"; filename="a.csv"'
                          b"\r\nContent-Type: text/csv\r\n\r\n")
        for _ in range(100):
            yield b"x" * 4096
        yield b"\r\n--xyz--\r\n"

    streamed = sqlite_hub.client.post("/api/v1/uploads", content=chunks(), headers={
        "Authorization": f"Bearer {token}",
        "Content-Type": "multipart/form-data; boundary=xyz"})
    assert streamed.status_code == 413
    small = upload(sqlite_hub, real_csv(5, start=8500))
    assert small.status_code == 201


def test_row_limit(sqlite_hub, monkeypatch):
    monkeypatch.setenv("TAHUB_MAX_ROWS", "10")
    answer = upload(sqlite_hub, real_csv(11, start=9000))
    assert answer.status_code == 422 and "10" in answer.json()["error"]["message"]


def test_uploads_are_audited(sqlite_hub):
    body = upload(sqlite_hub, real_csv(4, start=9500), role="org_admin").json()
    entries = sqlite_hub.get("/api/v1/audit", "Alba", "org_admin", limit=20).json()["items"]
    hit = [e for e in entries if e["action"] == "upload"
           and e["object"] == f"source:{body['source_id']}"]
    assert hit and hit[0]["filters"]["rows_read"] == 4
