"""What `tahub serve` runs: the API, plus a placeholder home page until the web app lands.

The home page speaks English or Spanish by the first matching `Accept-Language` tag.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from tahub.api.app import create_app as create_api

PAGES = {
    "en": ("tahub", "An open intelligence hub against human trafficking.",
           "The web pages are on their way. Meanwhile, use the API:",
           "API documentation"),
    "es": ("tahub", "Un centro abierto de inteligencia contra la trata de personas.",
           "Las páginas web están en camino. Mientras tanto, use la API:",
           "Documentación de la API"),
}


def language(accept: str | None) -> str:
    """The first of our languages named in an Accept-Language header (by weight)."""
    tags = []
    for i, part in enumerate((accept or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        tags.append((-q, i, tag.strip().lower().split("-")[0]))
    for _, _, tag in sorted(tags):
        if tag in PAGES:
            return tag
    return "en"


def home(request: Request) -> HTMLResponse:
    lang = language(request.headers.get("accept-language"))
    title, lead, body, docs = PAGES[lang]
    return HTMLResponse(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1><p>{lead}</p>"
        f'<p>{body} <a href="/docs">{docs}</a> · <a href="/openapi.json">OpenAPI</a></p>'
        "</body></html>", headers={"Content-Language": lang, "Vary": "Accept-Language"})


def create_app() -> FastAPI:
    app = create_api()
    app.add_api_route("/", home, methods=["GET"], include_in_schema=False)
    return app
