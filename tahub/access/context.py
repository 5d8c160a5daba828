"""The caller of one request or CLI call, and what each role may do.

Visibility of data depends on the caller's organisation (and its sharing groups), not on
the role: a role only says which actions a person may take (upload, read the audit log,
manage users). The hub `admin` manages the hub; it does not read other members' data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tahub.errors import TahubError

ROLES = ("admin", "org_admin", "analyst", "contributor", "viewer")
ORG_TYPES = ("ngo", "law_enforcement", "financial", "business", "academic", "government",
             "international")
SHARING_LEVELS = ("private", "group", "members", "public")
TLP_MARKS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")

# action -> roles allowed; grants are data, read by `can`.
ACTIONS: dict[str, frozenset[str]] = {
    "read": frozenset(ROLES),
    "upload": frozenset({"admin", "org_admin", "analyst", "contributor"}),
    "read_audit": frozenset({"admin", "org_admin"}),
    "manage_users": frozenset({"admin", "org_admin"}),
    "manage_hub": frozenset({"admin"}),
}


class Forbidden(TahubError):
    """The caller is known but the policy refuses the action (HTTP 403)."""


class NotFound(TahubError):
    """No such object, or one the caller may not know exists (HTTP 404)."""


@dataclass(frozen=True)
class Access:
    """One per request / CLI call: whose data the caller may see and what they may do."""

    user_id: int | None
    email: str | None
    organisation_id: int
    role: str
    group_ids: frozenset[int] = frozenset()

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def can(self, action: str) -> bool:
        return self.role in ACTIONS[action]

    def require(self, action: str) -> None:
        """Raise Forbidden unless the role allows `action`."""
        if not self.can(action):
            raise Forbidden(f"the role '{self.role}' may not {action.replace('_', ' ')}")


def group_ids_of(session: Session, organisation_id: int) -> frozenset[int]:
    """The sharing groups an organisation belongs to."""
    from tahub.store.access_tables import SharingGroupMember

    return frozenset(session.scalars(select(SharingGroupMember.group_id).where(
        SharingGroupMember.organisation_id == organisation_id)))


def access_for_user(session: Session, user) -> Access:  # type: ignore[no-untyped-def]
    """The Access of an active `User` row."""
    return Access(user_id=user.id, email=user.email, organisation_id=user.organisation_id,
                  role=user.role, group_ids=group_ids_of(session, user.organisation_id))


def installation_access(session: Session) -> Access:
    """The CLI operator: an admin of the installation's own organisation."""
    from tahub.config import get_settings
    from tahub.store.db import ensure_organisation

    org = ensure_organisation(session, get_settings().org)
    return Access(user_id=None, email=None, organisation_id=org.id, role="admin",
                  group_ids=group_ids_of(session, org.id))
