"""/login, /logout, /account and the language switch.

The login form is a plain POST with a hidden CSRF field checked against the signed cookie;
attempts are limited per address and per email (`tahub.api.ratelimit`), and a good
password starts a new session (new CSRF token), so a planted cookie is worth nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from tahub.access import audit
from tahub.access.passwords import authenticate_password
from tahub.api.ratelimit import LoginLimiter
from tahub.web import i18n
from tahub.web import session as websession
from tahub.web.pages import (
    Reader,
    cookie_args,
    db_session,
    language_of,
    render,
    revoked,
    safe_next,
    session_of,
)

router = APIRouter(include_in_schema=False)
MAX_FIELD = 1000


def limiter_of(request: Request) -> LoginLimiter:
    """The app's own login limiter (one per application, so per process)."""
    state = request.app.state
    if not hasattr(state, "login_limiter"):
        state.login_limiter = LoginLimiter()
    return state.login_limiter


def _login_page(request: Request, web: websession.WebSession, fresh: bool, status: int = 200,
                error: str | None = None, email: str = "") -> HTMLResponse:
    return render(request, "login.html", language_of(request), web, fresh=fresh, status=status,
                  user=None, error=error, email=email,
                  next=safe_next(request.query_params.get("next")))


@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    web, fresh = session_of(request)
    return _login_page(request, web, fresh)


@router.post("/login")
async def login(request: Request, db: Annotated[Session, Depends(db_session)]) -> Response:
    web, fresh = session_of(request)
    lang = language_of(request)
    form = await request.form(max_files=0, max_fields=10)
    if fresh or not websession.csrf_ok(web, form.get("csrf")):
        return _login_page(request, web, fresh, 403,
                           i18n.gettext(lang, "The form expired. Please try again."))
    email = str(form.get("email") or "")[:MAX_FIELD].strip()
    password = str(form.get("password") or "")[:MAX_FIELD]
    ip = request.client.host if request.client else "unknown"
    limiter = limiter_of(request)
    wait = limiter.check(ip, email)
    if wait:
        return _login_page(request, web, fresh, 429, i18n.gettext(
            lang, "Too many attempts. Try again in %(seconds)s seconds.", seconds=wait), email)
    access = authenticate_password(db, email, password) if email and password else None
    db.commit()
    if access is None:
        return _login_page(request, web, fresh, 401,
                           i18n.gettext(lang, "Wrong email or password."), email)
    limiter.succeeded(ip, email)
    audit.record(db, access, "login", f"user:{access.user_id}")
    db.commit()
    response = RedirectResponse(safe_next(str(form.get("next") or "/")), status_code=303)
    response.set_cookie(websession.COOKIE, websession.dump(websession.new(access.user_id)),
                        max_age=websession.MAX_AGE, **cookie_args(request))
    return response


@router.post("/logout")
async def logout(ctx: Reader) -> Response:
    form = await ctx.request.form(max_files=0, max_fields=5)
    if not websession.csrf_ok(ctx.web, form.get("csrf")):
        return Response("CSRF token missing or wrong", status_code=403)
    revoked(ctx.request).add(ctx.web)
    ctx.audit("logout", f"user:{ctx.access.user_id}")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(websession.COOKIE, path="/")
    return response


@router.get("/lang/{code}")
def switch_language(code: str, request: Request) -> Response:
    """Remember the reader's language in a cookie and go back to the page."""
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(websession.LANG_COOKIE, code, max_age=365 * 86400,
                            **cookie_args(request))
    return response


@router.get("/account")
def account(ctx: Reader) -> HTMLResponse:
    from tahub.store.tables import Organisation

    org = ctx.db.get(Organisation, ctx.access.organisation_id)
    groups = _group_names(ctx)
    return ctx.render("account.html", org=org, groups=groups, title=ctx._("My account"))


def _group_names(ctx: Reader) -> list[str]:
    from sqlalchemy import select

    from tahub.store.access_tables import SharingGroup

    if not ctx.access.group_ids:
        return []
    return list(ctx.db.scalars(select(SharingGroup.name).where(
        SharingGroup.id.in_(sorted(ctx.access.group_ids))).order_by(SharingGroup.name)))
