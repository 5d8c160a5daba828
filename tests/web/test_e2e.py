"""End to end in headless Chromium (Debian's package, driven by Playwright without its own
browser download): log in, switch to Spanish, filter the map, open a detail page with its
evidence, upload a bad file and see the row errors, export CSV. Screenshots of each page
go to test-output/screenshots/. Every request the browser makes must stay on the app's host.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from web_hub import PASSWORD

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(hub):  # type: ignore[no-untyped-def]
    import uvicorn

    from tahub.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    host = urlparse(server).netloc
    foreign: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: urlparse(r.url).netloc not in (host, "") and
          not r.url.startswith("data:") and foreign.append(r.url))
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"browser errors: {errors}"


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(pg, server: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto(server + "/")
    assert urlparse(pg.url).path == "/login"
    shot(pg, "login")
    pg.get_by_label("Email").fill("analyst@alba.example.org")
    pg.get_by_label("Password").fill(PASSWORD)
    pg.get_by_role("button", name="Log in").click()
    pg.wait_for_url(server + "/")


def test_overview_and_map_in_spanish(page, server) -> None:  # type: ignore[no-untyped-def]
    log_in(page, server)
    page.wait_for_selector("#choropleth svg, #choropleth canvas")
    page.wait_for_timeout(500)
    shot(page, "overview")
    page.get_by_role("link", name="Español").click()
    page.wait_for_selector("html[lang=es]")
    assert page.get_by_role("heading", name="Resumen").is_visible()
    page.goto(server + "/map")
    page.wait_for_selector(".leaflet-overlay-pane path")
    page.get_by_label("País de explotación").fill("CO")
    page.get_by_role("button", name="Aplicar").click()
    page.wait_for_url("**/map?*country=CO*")
    page.wait_for_selector(".leaflet-overlay-pane path")
    page.wait_for_timeout(500)
    assert page.locator("html").get_attribute("lang") == "es"
    shot(page, "map-es")
