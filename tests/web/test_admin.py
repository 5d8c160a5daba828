"""/admin for administrators only; adding a user and revoking a token are audited POSTs."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from web_hub import csrf_of

from tahub.web.routes.networks import graph


@pytest.mark.parametrize("lang", ["en", "es"])
def test_admin_page_for_admins_in_both_languages(hub, lang: str) -> None:
    page = hub.client("admin@alba.example.org", lang=lang).get("/admin")
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
    for section in ("users", "tokens", "audit"):
        assert f'id="{section}"' in page.text
    assert "analyst@cambio.example.org" in page.text  # the hub admin sees every member


def test_other_roles_are_refused(hub) -> None:
    for email in ("analyst@alba.example.org", "viewer@alba.example.org"):
        assert hub.client(email).get("/admin").status_code == 403
    assert hub.client().get("/admin").status_code == 303


@pytest.mark.parametrize("path", ["/admin", "/upload/jobs/not-a-job-of-mine"])
def test_a_refused_page_is_audited(hub, path: str) -> None:
    from tahub.store.access_tables import AuditLog
    from tahub.store.db import get_engine

    assert hub.client("analyst@cambio.example.org").get(path).status_code in (403, 404)
    with Session(get_engine()) as session:
        last = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert (last.action, last.object) == ("refused", f"GET {path}")
        assert last.actor == "analyst@cambio.example.org"


def test_add_user_and_revoke_token(hub) -> None:
    from tahub.access.tokens import create_token
    from tahub.store.access_tables import ApiToken, User
    from tahub.store.db import get_engine

    client = hub.client("admin@alba.example.org")
    token = csrf_of(client.get("/admin").text)
    assert client.post("/admin/users", data={"email": "new@alba.example.org",
                                             "role": "analyst", "password": "short",
                                             "csrf": token}).status_code == 422
    added = client.post("/admin/users", data={"email": "new@alba.example.org",
                                              "role": "analyst", "organisation": "Alba",
                                              "password": "a long enough password",
                                              "csrf": token})
    assert added.status_code == 303
    with Session(get_engine(hub.url)) as s, s.begin():
        token_id, _ = create_token(s, "new@alba.example.org")
        assert s.scalar(select(User.role).where(User.email == "new@alba.example.org")) \
            == "analyst"
    assert client.post(f"/admin/tokens/{token_id}/revoke",
                       data={"csrf": "forged"}).status_code == 403
    assert client.post(f"/admin/tokens/{token_id}/revoke",
                       data={"csrf": token}).status_code == 303
    with Session(get_engine(hub.url)) as s:
        assert s.get(ApiToken, token_id).revoked_at is not None
    audit_page = client.get("/admin").text
    assert "revoke_token" in audit_page and "add_user" in audit_page


def test_network_graph_links_clusters_ads_and_cities() -> None:
    names = {"cluster": "Cluster", "ad": "Ad", "city": "City", "identifier": "Identifier"}
    data = graph([{"id": 1}], [{"id": 10, "cluster_id": 1, "city": "Bogotá"},
                               {"id": 11, "cluster_id": 1, "city": "Bogotá"},
                               {"id": 12, "cluster_id": 2, "city": "Lima"}], names)
    assert {n["id"] for n in data["nodes"]} == {"c1", "a10", "a11", "pBogotá"}
    assert {"source": "c1", "target": "a10"} in data["links"]
    assert len(data["links"]) == 4
