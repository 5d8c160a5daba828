"""Who the token belongs to and what it may do."""

from __future__ import annotations

from fastapi import APIRouter

from tahub.access.context import ACTIONS
from tahub.api.deps import Ctx
from tahub.api.models import MeOut
from tahub.store.tables import Organisation

router = APIRouter(tags=["me"])


@router.get("/me", response_model=MeOut)
def me(ctx: Ctx) -> dict:
    a = ctx.access
    org = ctx.session.get(Organisation, a.organisation_id)
    out = {"user_id": a.user_id, "email": a.email, "role": a.role,
           "organisation": {"id": a.organisation_id, "name": org.name if org else "",
                            "type": org.type if org else ""},
           "group_ids": sorted(a.group_ids), "can": [x for x in ACTIONS if a.can(x)]}
    ctx.done("read", "me")
    return out
