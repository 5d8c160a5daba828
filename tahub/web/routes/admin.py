"""/admin: organisations, users and roles, API tokens, sharing groups and the audit log.

Hub admins see the whole hub; organisation admins their own organisation. Others get a
403 page. Changes (add a user, revoke a token) are CSRF-protected POSTs and audited.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from tahub.access import audit
from tahub.access.context import ROLES
from tahub.access.members import add_user
from tahub.access.tokens import revoke_token
from tahub.errors import TahubError
from tahub.store.access_tables import ApiToken, SharingGroup, SharingGroupMember, User
from tahub.store.tables import Organisation
from tahub.web import session as websession
from tahub.web.pages import Reader

router = APIRouter(include_in_schema=False)
AUDIT_ROWS = 100


def _refused(ctx: Reader) -> HTMLResponse:
    return ctx.refused(403, ctx._("Admin"), ctx._("Only administrators can see this page."))


def _page(ctx: Reader, status: int = 200, **extra: object) -> HTMLResponse:
    hub_admin = ctx.access.can("manage_hub")
    orgs = list(ctx.db.scalars(select(Organisation).order_by(Organisation.name)
                               if hub_admin else select(Organisation).where(
                                   Organisation.id == ctx.access.organisation_id)))
    org_names = {o.id: o.name for o in ctx.db.scalars(select(Organisation))}
    users_q = select(User).order_by(User.email)
    if not hub_admin:
        users_q = users_q.where(User.organisation_id == ctx.access.organisation_id)
    users = list(ctx.db.scalars(users_q))
    emails = {u.id: u.email for u in users}
    tokens = list(ctx.db.scalars(select(ApiToken).where(ApiToken.user_id.in_(list(emails)))
                                 .order_by(ApiToken.id.desc())))
    groups = []
    for g in ctx.db.scalars(select(SharingGroup).order_by(SharingGroup.name)):
        members = [org_names.get(m) for m in ctx.db.scalars(
            select(SharingGroupMember.organisation_id).where(SharingGroupMember.group_id == g.id))]
        if hub_admin or g.id in ctx.access.group_ids:
            groups.append((g, sorted(m for m in members if m)))
    entries = list(ctx.db.scalars(audit.visible_entries(ctx.access).limit(AUDIT_ROWS)))
    ctx.audit("view", "page:admin")
    return ctx.render("admin.html", status=status, title=ctx._("Admin"), orgs=orgs,
                      users=users, tokens=tokens, emails=emails, groups=groups,
                      entries=entries, org_names=org_names, roles=ROLES,
                      hub_admin=hub_admin, **extra)


@router.get("/admin")
def admin(ctx: Reader) -> HTMLResponse:
    if not ctx.access.can("manage_users"):
        return _refused(ctx)
    return _page(ctx)


@router.post("/admin/users")
async def admin_add_user(ctx: Reader) -> Response:
    if not ctx.access.can("manage_users"):
        return _refused(ctx)
    form = await ctx.request.form(max_files=0, max_fields=10)
    if not websession.csrf_ok(ctx.web, form.get("csrf")):
        return _page(ctx, 403, problem=ctx._("The form expired. Please try again."))
    role = str(form.get("role") or "")
    if role in ("admin",) and not ctx.access.can("manage_hub"):
        return _page(ctx, 403, problem=ctx._("Only a hub administrator can make another."))
    org = ctx.db.get(Organisation, ctx.access.organisation_id)
    org_name = str(form.get("organisation") or "") if ctx.access.can("manage_hub") else ""
    try:
        user = add_user(ctx.db, str(form.get("email") or "")[:320], org_name or org.name,
                        role, str(form.get("password") or "")[:1000])
    except TahubError as exc:
        ctx.db.rollback()
        return _page(ctx, 422, problem=str(exc))
    ctx.audit("add_user", f"user:{user.id}", {"role": role})
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/tokens/{token_id}/revoke")
async def admin_revoke(ctx: Reader, token_id: int) -> Response:
    if not ctx.access.can("manage_users"):
        return _refused(ctx)
    form = await ctx.request.form(max_files=0, max_fields=5)
    if not websession.csrf_ok(ctx.web, form.get("csrf")):
        return _page(ctx, 403, problem=ctx._("The form expired. Please try again."))
    token = ctx.db.get(ApiToken, token_id)
    owner = ctx.db.get(User, token.user_id) if token else None
    if owner is None or (not ctx.access.can("manage_hub")
                         and owner.organisation_id != ctx.access.organisation_id):
        return _page(ctx, 404, problem=ctx._("No such token."))
    revoke_token(ctx.db, token_id)
    ctx.audit("revoke_token", f"token:{token_id}")
    return RedirectResponse("/admin", status_code=303)
