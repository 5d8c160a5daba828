"""End to end in headless Chromium (Debian's package, driven by Playwright without its own
browser download): log in, switch to Spanish, filter the map, open a detail page with its
evidence, upload a bad file and see the row errors, upload a big one and watch its progress
bars reach 100%, export CSV. Screenshots of each page
go to test-output/screenshots/. Every request the browser makes must stay on the app's host.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from test_map_departments import areas_hub  # noqa: F401 - a fixture
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
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is missing; scripts/test installs it")
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
    # pages answer 4xx on purpose (a refused upload is a 422 page): judge responses
    # by themselves, and console errors other than those status notes
    pg.on("console", lambda m: m.type == "error" and "Failed to load resource" not in m.text
          and errors.append(m.text))
    pg.on("response", lambda r: (r.status >= 500 or (r.status >= 400 and "/static/" in r.url))
          and errors.append(f"{r.status} {r.url}"))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"browser errors: {errors}"


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def wait_for_map(pg) -> None:  # type: ignore[no-untyped-def]
    """Country shapes drawn (over 100 paths) and the hexagon layers in the layer control."""
    # a locator, not wait_for_function: its polling evaluates a string, which the pages'
    # Content-Security-Policy (no 'unsafe-eval') refuses whenever the first check fails
    pg.locator(".leaflet-overlay-pane path").nth(100).wait_for(state="attached")
    pg.wait_for_selector(".leaflet-control-layers-overlays label")


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
    wait_for_map(page)
    page.get_by_label("País de explotación").fill("CO")
    page.get_by_role("button", name="Aplicar").click()
    page.wait_for_url("**/map?*country=CO*")
    wait_for_map(page)
    # layer toggles: switching the incident hexagons off removes their shapes. Only the
    # hexagons' pane is counted: the country's departments load on their own, and counting the
    # whole overlay pane raced with them (they could arrive after `before` was taken)
    hexes = page.locator(".leaflet-hexes-pane path")
    before = hexes.count()
    page.get_by_role("checkbox", name="Focos de incidentes (4)").uncheck()
    # wait (up to the default timeout) for fewer shapes: the last one detached. A locator, not
    # wait_for_function, whose polling the pages' CSP refuses when its first check fails
    hexes.nth(before - 1).wait_for(state="detached")
    assert hexes.count() < before
    page.wait_for_timeout(500)
    assert page.locator("html").get_attribute("lang") == "es"
    shot(page, "map-es")


BAD_CSV = (",yearOfRegistration,Datasource,gender,ageBroad,citizenship,isForcedLabour,"
           "control_category,RecruiterCategory,ExploitType,Labor_Type\n"
           "0,2019.0,Case Management,Female,18--20,CO,0.0,Other,,Sexual,\n"
           "1,not a year,Case Management,Female,18--20,CO,0.0,Other,,Sexual,\n")


def test_detail_upload_and_export(page, server, hub, tmp_path) -> None:  # type: ignore[no-untyped-def]
    log_in(page, server)
    # search, then open a detail page with its evidence highlighted
    page.goto(server + "/search")
    page.get_by_label("Words").fill("Quetzal")
    page.get_by_label("In", exact=True).select_option("documents")
    page.get_by_role("button", name="Search").click()
    page.locator("#results a").first.click()
    page.wait_for_selector("#evidence-text mark")
    assert page.locator("#evidence-text mark").count() == 2
    shot(page, "detail")
    # upload a bad file: the preview shows each row's problem
    bad = tmp_path / "bad_cases.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    page.goto(server + "/upload")
    page.get_by_label("File", exact=False).first.set_input_files(str(bad))
    page.get_by_label("Profile (how the columns are read)").select_option("ctdc")
    page.get_by_role("button", name="Preview").click()
    page.wait_for_selector("#row-errors")
    cells = page.locator("#row-errors tbody tr").first.locator("td").all_inner_texts()
    assert cells[0] == "3" and cells[1] == "yearOfRegistration" and "not a year" in cells[2]
    shot(page, "upload-errors")
    page.get_by_role("button", name="Store the file").click()
    page.get_by_text("nothing was stored").wait_for()
    assert page.locator("#row-errors tbody tr").count() == 1
    # export the filtered view as CSV
    page.goto(server + "/exports?country=CO")
    shot(page, "exports")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("id,source_id") and len(lines) == 1 + 75
    for path, name in (("/routes", "routes"), ("/trends", "trends")):
        page.goto(server + path)
        page.wait_for_selector(".chart canvas")
        page.wait_for_timeout(400)
        shot(page, name)


# Records every value a <progress> bar takes, whatever replaces the content around it.
WATCH_PROGRESS = """
window.progressSeen = {};
new MutationObserver(function (changes) {
  changes.forEach(function (c) {
    var el = c.target;
    if (el.tagName === "PROGRESS") {
      (window.progressSeen[el.id] = window.progressSeen[el.id] || []).push(el.value);
    }
  });
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["value"]});
"""


def _good_rows(count: int) -> str:
    head = BAD_CSV.splitlines()[0]
    rows = [f"{i},{2000 + i % 20}.0,Case Management,Female,18--20,CO,0.0,Other,,Sexual,"
            for i in range(count)]
    return "\n".join([head, *rows]) + "\n"


def test_a_big_upload_shows_its_progress_to_the_end(page, server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(WATCH_PROGRESS)
    log_in(page, server)
    big = tmp_path / "big_cases.csv"
    big.write_text(_good_rows(20_000), encoding="utf-8")
    page.goto(server + "/upload")
    page.get_by_label("File", exact=False).first.set_input_files(str(big))
    page.get_by_label("Profile (how the columns are read)").select_option("ctdc")
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("20,000 rows read.").wait_for(timeout=60_000)
    assert page.url == server + "/upload"  # the preview replaced the form in place
    page.get_by_role("button", name="Store the file").click()
    page.get_by_text("Stored 20,000 of 20,000 rows").wait_for(timeout=120_000)
    bar = page.get_by_label("Checking and storing the file")
    assert bar.get_attribute("value") == "100"
    assert "/upload/jobs/" in page.url
    seen = page.evaluate("window.progressSeen")
    assert max(seen["progress-send"]) == 100
    assert seen["progress-store"][-1] == 100 and seen["progress-store"][0] < 100
    shot(page, "upload-progress")


def test_departments_are_drawn_with_their_counts(page, server, areas_hub) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    log_in(page, server)
    page.goto(server + "/map?country=AR")
    wait_for_map(page)
    page.get_by_role("checkbox", name="Departments, states and provinces (1)").wait_for()
    row = page.locator("#area-summary tbody tr", has_text="Buenos Aires").first
    assert row.locator("td").all_inner_texts() == ["Argentina", "Buenos Aires", "12", "0"]
    assert page.locator("#area-summary").is_visible()
    # the provinces are drawn: switching their layer off removes 20-odd shapes
    before = page.locator(".leaflet-overlay-pane path").count()
    page.get_by_role("checkbox", name="Departments, states and provinces (1)").uncheck()
    assert before - page.locator(".leaflet-overlay-pane path").count() >= 20
    page.get_by_role("checkbox", name="Departments, states and provinces (1)").check()
    page.wait_for_timeout(300)
    shot(page, "map-departments")


def test_without_javascript_the_upload_forms_still_work(browser, server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    try:
        pg.goto(server + "/login")
        pg.get_by_label("Email").fill("analyst@alba.example.org")
        pg.get_by_label("Password").fill(PASSWORD)
        pg.get_by_role("button", name="Log in").click()
        pg.wait_for_url(server + "/")
        good = tmp_path / "plain_cases.csv"
        good.write_text(_good_rows(3_000).replace(",CO,", ",PE,"), encoding="utf-8")
        pg.goto(server + "/upload")
        assert not pg.locator(".progress-block").is_visible()  # the script would show it
        pg.get_by_label("File", exact=False).first.set_input_files(str(good))
        pg.get_by_label("Profile (how the columns are read)").select_option("ctdc")
        pg.get_by_role("button", name="Preview").click()
        pg.get_by_text("3,000 rows read.").wait_for()
        pg.get_by_role("button", name="Store the file").click()
        # the job's page refreshes itself until the result is there
        pg.get_by_text("Stored 3,000 of 3,000 rows").wait_for(timeout=60_000)
        assert "/upload/jobs/" in pg.url
    finally:
        context.close()
