"""One error shape everywhere, 401 before anything else, and nothing internal leaking."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tahub.api.app import create_app

API = create_app().openapi()
ROUTES = [(method.upper(), path) for path, item in API["paths"].items() for method in item]


def assert_error_shape(answer, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "details"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    return body["error"]


def concrete(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def test_every_route_is_documented_with_the_error_shape():
    assert len(ROUTES) >= 11
    for method, path in ROUTES:
        responses = API["paths"][path][method.lower()]["responses"]
        for status in ("401", "403", "422"):
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize("header", [None, "Bearer tahub_not-a-real-token", "Basic dXNlcjpwdw==",
                                    "Bearer "])
def test_401_before_404_and_422(sqlite_hub, method, path, header):
    headers = {"Authorization": header} if header else {}
    for value in ("999999", "not-a-number", "-1"):
        url = concrete(path, value) + "?limit=abc&group_by=nonsense&country=123"
        answer = sqlite_hub.client.request(method, url, headers=headers,
                                           content=b"--x\r\nbroken", )
        error = assert_error_shape(answer, 401)
        assert answer.headers["www-authenticate"].lower().startswith("bearer")
        assert "token" in error["message"]


def test_unknown_api_paths_are_401_then_404(sqlite_hub):
    assert_error_shape(sqlite_hub.client.get("/api/v1/no-such-thing"), 401)
    assert_error_shape(sqlite_hub.client.get("/api/v1"), 401)
    assert_error_shape(sqlite_hub.get("/api/v1/no-such-thing"), 404)
    token = sqlite_hub.tokens["Alba", "viewer"]
    answer = sqlite_hub.client.delete("/api/v1/incidents",
                                      headers={"Authorization": f"Bearer {token}"})
    assert_error_shape(answer, 405)


def test_validation_errors_name_the_field(sqlite_hub):
    error = assert_error_shape(sqlite_hub.get("/api/v1/incidents", limit=0), 422)
    assert error["details"][0]["field"] == "query.limit"
    error = assert_error_shape(sqlite_hub.get("/api/v1/incidents", country="Colombia"), 422)
    assert "query.country" in error["message"]
    error = assert_error_shape(sqlite_hub.get("/api/v1/aggregates", group_by="name"), 422)
    assert "country_of_exploitation" in error["message"]
    assert_error_shape(sqlite_hub.get("/api/v1/incidents/abc"), 422)
    assert_error_shape(sqlite_hub.get("/api/v1/incidents/99999"), 404)


def test_a_revoked_token_is_401(sqlite_hub):
    from sqlalchemy.orm import Session

    from tahub.access.tokens import create_token, revoke_token
    from tahub.store.db import get_engine

    with Session(get_engine()) as session, session.begin():
        token_id, token = create_token(session, "viewer@cambio.example.org")
    headers = {"Authorization": f"Bearer {token}"}
    assert sqlite_hub.client.get("/api/v1/me", headers=headers).status_code == 200
    with Session(get_engine()) as session, session.begin():
        revoke_token(session, token_id)
    assert_error_shape(sqlite_hub.client.get("/api/v1/me", headers=headers), 401)


def test_unexpected_errors_leave_no_trace(sqlite_hub, caplog):
    app = create_app()

    def boom() -> None:
        raise RuntimeError("SELECT secret FROM users -- at /srv/tahub/app.py line 12")

    app.add_api_route("/api/v1/boom", boom)
    client = TestClient(app, raise_server_exceptions=False)
    token = sqlite_hub.tokens["Alba", "viewer"]
    answer = client.get("/api/v1/boom", headers={"Authorization": f"Bearer {token}"})
    error = assert_error_shape(answer, 500)
    assert "secret" not in answer.text and "Traceback" not in answer.text
    assert "/srv" not in error["message"]
    assert "RuntimeError" in caplog.text
    # answered outside the middleware stack, yet with the same protective headers
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    assert answer.headers["cache-control"] == "no-store"
