"""One error shape for every JSON error, and the one table of exception handlers.

Every error leaves as `{"error": {"status", "message", "details"}}`; the message is
something a person can act on and nothing else (no stack trace, no SQL) leaves the server.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tahub.access.context import Forbidden, NotFound
from tahub.api.security import HEADERS
from tahub.errors import TahubError

log = logging.getLogger("tahub.api")

REASONS = {400: "bad request", 401: "authentication required", 403: "forbidden",
           404: "not found", 405: "method not allowed", 413: "upload too large",
           422: "invalid request", 429: "too many requests", 500: "internal error"}


class ApiError(Exception):
    """An error that knows its HTTP status; raised by routes and dependencies."""

    def __init__(self, status: int, message: str, details: list[Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.details = details or []
        self.headers = headers


def error_body(status: int, message: str, details: list[Any] | None = None) -> dict:
    return {"error": {"status": status, "message": message, "details": details or []}}


def error_response(status: int, message: str, details: list[Any] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, details), status_code=status,
                        headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.details, exc.headers)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else \
        REASONS.get(exc.status_code, "error")
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"field": ".".join(str(p) for p in err.get("loc", ())),
                "reason": err.get("msg", "invalid")} for err in exc.errors()]
    fields = ", ".join(d["field"] for d in details) or "request"
    return error_response(422, f"invalid value in {fields}", details)


async def _forbidden(_request: Request, exc: Exception) -> JSONResponse:
    return error_response(403, str(exc))


async def _not_found(_request: Request, exc: Exception) -> JSONResponse:
    return error_response(404, str(exc))


async def _tahub_error(_request: Request, exc: Exception) -> JSONResponse:
    return error_response(422, str(exc))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s: %s", request.method, request.url.path,
              type(exc).__name__, exc_info=exc)
    response = error_response(500, "internal error; the hub's administrator can find it in "
                                   "the server log")
    # Starlette answers this outside every middleware, SecurityHeaders included
    response.headers.update({**HEADERS, "cache-control": "no-store"})
    return response


HANDLERS = {
    ApiError: _api_error,
    StarletteHTTPException: _http_error,
    RequestValidationError: _validation_error,
    Forbidden: _forbidden,
    NotFound: _not_found,
    TahubError: _tahub_error,
    Exception: _unexpected,
}
