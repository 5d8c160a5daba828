"""Assets come from the app itself with their own content types, and nothing a page
loads (HTML, our CSS and JS, the npm libraries) points to another host."""

from __future__ import annotations

import re

import pytest

from tahub.web.assets import VENDOR
from tahub.web.routes import PAGES

# URIs that browsers never fetch: XML namespaces, used by SVG renderers.
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink",
              "http://www.w3.org/2000/xmlns/", "http://www.w3.org/XML/1998/namespace",
              "http://www.w3.org/1999/xhtml")
ABSOLUTE = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*""", re.I)
HTML_REFS = re.compile(r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']([^"']*)["']""",
                       re.I)
CSS_REFS = re.compile(r"""url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)""", re.I)


def _strip_js_comments(js: str) -> str:
    js = re.sub(r"/\*.*?\*/", "", js, flags=re.S)
    return re.sub(r"^\s*//.*$", "", js, flags=re.M)


def _foreign(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) or \
        (":" in url.split("/")[0] and not url.startswith(("data:", "#", "mailto:")))


@pytest.fixture(scope="module")
def reader(hub):  # type: ignore[no-untyped-def]
    return hub.client("analyst@alba.example.org")


def test_vendor_files_are_served_with_their_types(reader) -> None:
    for name in VENDOR:
        answer = reader.get(f"/static/vendor/{name}")
        assert answer.status_code == 200, f"{name}: run scripts/setup (npm ci)"
        expected = {"js": "text/javascript", "css": "text/css", "json": "application/json"}
        assert answer.headers["content-type"].startswith(expected[name.rsplit(".", 1)[1]])
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert reader.get("/static/vendor/package.json").status_code == 404
    assert reader.get("/static/vendor/..%2F..%2Fapp.py").status_code == 404


def test_own_assets_have_their_types(reader) -> None:
    assert reader.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert reader.get("/static/charts.js").headers["content-type"].startswith(
        "text/javascript")


@pytest.mark.parametrize("path", ["/login", *PAGES])
def test_pages_reference_only_their_own_host(reader, path: str) -> None:
    html = reader.get(path).text
    refs = HTML_REFS.findall(html)
    assert refs, "a page with no links at all is suspicious"
    assert [r for r in refs if _foreign(r)] == []
    for block in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
        assert not CSS_REFS.search(block)
    for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
        assert src.startswith("/static/")
    for href in re.findall(r'<link[^>]+href="([^"]+)"', html):
        assert href.startswith("/static/")


def test_stylesheets_load_nothing_from_elsewhere(reader) -> None:
    for path in ("/static/app.css", "/static/vendor/leaflet.css"):
        css = re.sub(r"/\*.*?\*/", "", reader.get(path).text, flags=re.S)
        for groups in CSS_REFS.findall(css):
            url = next(g for g in groups if g)
            assert not _foreign(url), f"{path}: {url}"


def test_scripts_name_no_other_host(reader) -> None:
    # Leaflet's attribution link to its own site is a plain <a>, never loaded; our
    # pages switch the attribution prefix off, so that string is the one allowed.
    allowed = {*NAMESPACES, "https://leafletjs.com"}
    for name in [n for n in VENDOR if n.endswith(".js")] + ["charts.js", "map.js"]:
        path = f"/static/vendor/{name}" if name in VENDOR else f"/static/{name}"
        answer = reader.get(path)
        if name == "map.js" and answer.status_code == 404:
            continue
        js = _strip_js_comments(answer.text)
        found = {u for u in ABSOLUTE.findall(js) if u.startswith(("http", "//"))}
        assert found - allowed == set(), f"{name}: {sorted(found - allowed)}"
