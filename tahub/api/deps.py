"""Dependencies named once: the caller's Access, a database session, and the audit step."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from tahub.access import audit
from tahub.access.context import Access
from tahub.api.errors import ApiError
from tahub.store.db import get_engine

# auto_error=False: a missing header must be 401 (the AuthGate's), never HTTPBearer's 403.
bearer = HTTPBearer(auto_error=False, description="An API token from `tahub tokens create`.")


def current_access(request: Request,
                   _credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Access:
    access = getattr(request.state, "access", None)
    if access is None:
        raise ApiError(401, "missing or invalid token", headers={"WWW-Authenticate": "Bearer"})
    return access


def session() -> Iterator[Session]:
    with Session(get_engine()) as s:
        yield s


@dataclass
class Context:
    """One request's caller and session; `done` commits and appends the audit entry."""

    access: Access
    session: Session

    def done(self, action: str, obj: str, filters: dict[str, Any] | None = None) -> None:
        self.session.commit()
        audit.append(self.access, action, obj,
                     {k: v for k, v in (filters or {}).items() if v is not None} or None)


def context(access: Annotated[Access, Depends(current_access)],
            s: Annotated[Session, Depends(session)]) -> Context:
    return Context(access, s)


Ctx = Annotated[Context, Depends(context)]
