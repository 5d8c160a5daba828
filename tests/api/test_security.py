"""Security basics: headers, CORS closed by default, docs without a CDN, login limiter."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tahub.api.app import create_app
from tahub.api.ratelimit import LoginLimiter, RateLimiter


def test_security_headers_on_pages_api_and_errors(sqlite_hub):
    for answer in (sqlite_hub.client.get("/docs"), sqlite_hub.get("/api/v1/me"),
                   sqlite_hub.client.get("/api/v1/me"), sqlite_hub.client.get("/openapi.json")):
        h = answer.headers
        assert "default-src 'self'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"
    assert sqlite_hub.get("/api/v1/me").headers["cache-control"] == "no-store"


def test_cors_closed_by_default(sqlite_hub):
    origin = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET",
              "Access-Control-Request-Headers": "authorization"}
    preflight = sqlite_hub.client.options("/api/v1/incidents", headers=origin)
    assert "access-control-allow-origin" not in preflight.headers
    token = sqlite_hub.tokens["Alba", "viewer"]
    answer = sqlite_hub.client.get("/api/v1/me", headers={
        "Origin": "https://evil.example", "Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers


def test_cors_only_for_named_origins_never_star(sqlite_hub, monkeypatch):
    monkeypatch.setenv("TAHUB_CORS_ORIGINS", "https://hub.example.org, *")
    client = TestClient(create_app())
    ask = {"Access-Control-Request-Method": "GET"}
    ok = client.options("/api/v1/me", headers={"Origin": "https://hub.example.org", **ask})
    assert ok.headers["access-control-allow-origin"] == "https://hub.example.org"
    other = client.options("/api/v1/me", headers={"Origin": "https://evil.example", **ask})
    assert "access-control-allow-origin" not in other.headers


def test_docs_page_loads_nothing_from_another_host(sqlite_hub):
    page = sqlite_hub.client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources)
    for src in sources:
        asset = sqlite_hub.client.get(src)
        assert asset.status_code == 200, src
        assert "http://" not in asset.text[:2000].lower() or src.endswith(".js")
    init = sqlite_hub.client.get("/docs/init.js").text
    assert "/openapi.json" in init and "petstore" not in init
    spec = sqlite_hub.client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_rate_limiter_window():
    now = [1000.0]
    limiter = RateLimiter(attempts=3, window=60, clock=lambda: now[0])
    assert [limiter.hit("ip:1") for _ in range(4)] == [True, True, True, False]
    assert not limiter.allowed("ip:1") and limiter.allowed("ip:2")
    assert 0 < limiter.retry_after("ip:1") <= 60
    now[0] += 61
    assert limiter.allowed("ip:1") and limiter.hit("ip:1")


def test_login_limiter_per_address_and_per_email():
    now = [0.0]
    limiter = LoginLimiter(per_ip=10, per_email=3, window=300, clock=lambda: now[0])
    # one address trying one account: stopped by the email limit
    assert [limiter.check("10.0.0.1", "Ana@Alba.org") for _ in range(4)][-1] > 0
    # the same account from another address is still stopped (case-insensitive email)
    assert limiter.check("10.0.0.2", "ana@alba.org") > 0
    # one address trying many accounts: stopped by the address limit
    waits = [limiter.check("10.0.0.3", f"user{i}@alba.org") for i in range(11)]
    assert waits[:10] == [0] * 10 and waits[10] > 0
    limiter.succeeded("10.0.0.9", "ana@alba.org")
    assert limiter.check("10.0.0.9", "ana@alba.org") == 0
