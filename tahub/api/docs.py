"""`/docs`: Swagger UI served from the `swagger-ui-bundle` package, never from a CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tahub API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>
"""
INIT = """window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
  deepLinking: true, persistAuthorization: false});
"""


def swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:  # pragma: no cover - a dependency; the page says what is missing
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def mount_docs(app: FastAPI) -> None:
    """Add /docs (page, initialiser and the bundle's files) to `app`."""
    folder = swagger_dir()

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> HTMLResponse:
        if folder is None:
            return HTMLResponse("<p>Install swagger-ui-bundle for this page; the API "
                                "description is at <a href=/openapi.json>/openapi.json</a>.</p>")
        return HTMLResponse(PAGE)

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> Response:
        return Response(INIT, media_type="text/javascript")

    if folder is not None:
        app.mount("/docs/static", StaticFiles(directory=folder), name="docs-static")
