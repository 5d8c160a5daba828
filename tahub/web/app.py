"""What `tahub serve` runs: the analysts' web pages and the API in one application.

Pages are server-rendered (Jinja2) in English or Spanish and read every row and count
through `tahub.access`; the API lives under /api/v1 with its own token gate.
"""

from __future__ import annotations

from fastapi import FastAPI

from tahub.api.app import create_app as create_api
from tahub.web.assets import mount_assets
from tahub.web.i18n import accept_language
from tahub.web.pages import LoginRequired, login_redirect, warm_up
from tahub.web.routes import PAGE_MODULES


def language(accept: str | None) -> str:
    """The first of our languages in an Accept-Language header, else English."""
    return accept_language(accept) or "en"


def create_app() -> FastAPI:
    app = create_api()
    app.add_exception_handler(LoginRequired, login_redirect)
    for module in PAGE_MODULES:
        app.include_router(module.router)
    mount_assets(app)
    warm_up()
    return app
