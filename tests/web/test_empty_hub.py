"""Every page works on an empty hub: a fresh `tahub init` and one admin made with the CLI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_hub import login

from tahub.web.routes import PAGES

EMAIL = "first.admin@hub.example.org"
PASSWORD = "a long first password"


@pytest.fixture(scope="module")
def empty_hub(tmp_path_factory):  # type: ignore[no-untyped-def]
    from tahub.cli import app
    from tahub.config import get_settings
    from tahub.store.db import _engine_for

    folder = tmp_path_factory.mktemp("empty")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TAHUB_DATA_DIR", str(folder / "var"))
        mp.setenv("TAHUB_SECRET", "test-secret")
        url = f"sqlite:///{folder}/tahub.db"
        mp.setenv("TAHUB_DATABASE_URL", url)
        runner = CliRunner()
        assert runner.invoke(app, ["init"]).exit_code == 0
        added = runner.invoke(app, ["users", "add", EMAIL, "--org", get_settings().org,
                                    "--role", "admin", "--password-stdin"],
                              input=PASSWORD + "\n")
        assert added.exit_code == 0, added.output
        try:
            yield url
        finally:
            _engine_for(url).dispose()
            _engine_for.cache_clear()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_renders_on_an_empty_hub(empty_hub, lang: str) -> None:
    from tahub.web.app import create_app

    client = TestClient(create_app(), follow_redirects=False)
    client.cookies.set("tahub_lang", lang)
    login(client, EMAIL, PASSWORD)
    for path in (*PAGES, "/admin", "/exports/download?format=csv",
                 "/exports/download?format=geojson", "/exports/download?format=i2"):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:300])
    overview = client.get("/").text
    assert ("No incidents yet" if lang == "en" else "Aún no hay incidentes") in overview
