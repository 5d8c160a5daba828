"""`create_app()`: the API application, its routers, its one handler table and its gates.

Middleware, outermost first: security headers on every answer, CORS only for the origins
named in TAHUB_CORS_ORIGINS (none by default), then the bearer-token gate on /api/v1.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from tahub.api.auth import PREFIX, AuthGate
from tahub.api.docs import mount_docs
from tahub.api.errors import HANDLERS, ApiError
from tahub.api.models import ErrorOut
from tahub.api.routes import ads, aggregates, audit, incidents, me, records, uploads
from tahub.api.security import SecurityHeaders

ERRORS = {status: {"model": ErrorOut, "description": text} for status, text in (
    (401, "Missing, invalid, expired or revoked token"),
    (403, "The sharing policy or the role refuses"),
    (404, "Not found, or not yours to know of"),
    (422, "Invalid parameters or a rejected upload (row-level errors in details)"),
)}


def cors_origins() -> list[str]:
    """Origins allowed to call the API from a browser: none unless configured, never *."""
    from tahub.config import get_settings

    raw = get_settings().cors_origins
    return [o.strip() for o in raw.split(",") if o.strip() and o.strip() != "*"]


def api_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX, responses=ERRORS)  # type: ignore[arg-type]
    for module in (incidents, aggregates, records, ads, uploads, audit, me):
        router.include_router(module.router)
    return router


def create_app() -> FastAPI:
    """The API app: /api/v1, /openapi.json and /docs (served without a CDN)."""
    from tahub import __version__

    app = FastAPI(title="tahub API", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Read what your organisation may see of the hub, and upload "
                              "tables. Authenticate with `Authorization: Bearer TOKEN`.")
    for exc_class, handler in HANDLERS.items():
        app.add_exception_handler(exc_class, handler)
    app.include_router(api_router())
    mount_docs(app)
    app.add_middleware(AuthGate)
    origins = cors_origins()
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_credentials=False,
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(SecurityHeaders)
    return app


__all__ = ["ApiError", "create_app"]
