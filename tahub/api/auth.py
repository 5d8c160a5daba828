"""The gate in front of /api/v1: no valid bearer token, no further (401 before 404/422).

It runs as ASGI middleware rather than a route dependency so that unknown paths, wrong
methods and malformed parameters or bodies are all answered 401 to an anonymous caller:
nothing about the API's shape or data is told before the token is checked.
"""

from __future__ import annotations

from anyio import to_thread
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tahub.access import audit
from tahub.access.context import Access
from tahub.access.tokens import authenticate_token
from tahub.api.errors import error_response
from tahub.store.db import get_engine

PREFIX = "/api/v1"
REFUSALS = (403, 404)
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="tahub"'}


def bearer_token(scope: Scope) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header, if there is one."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


def lookup(token: str) -> Access | None:
    with Session(get_engine()) as session:
        return authenticate_token(session, token)


class AuthGate:
    """Pure ASGI middleware: authenticates /api/v1 requests, puts the Access in the state."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        token = bearer_token(scope)
        access = await to_thread.run_sync(lookup, token) if token else None
        if access is None:
            message = ("invalid, expired or revoked token" if token else
                       "missing token: send 'Authorization: Bearer TOKEN' "
                       "(make one with `tahub tokens create EMAIL`)")
            response = error_response(401, message, headers=CHALLENGE)
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["access"] = access
        status: list[int] = []

        async def send_noting_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, send_noting_status)
        if status and status[0] in REFUSALS:
            # a caller probing for records it may not see leaves a trace too
            await to_thread.run_sync(audit.append, access, "refused",
                                     f"{scope['method']} {path}", {"status": status[0]})
