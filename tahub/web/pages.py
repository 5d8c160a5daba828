"""One page request: who reads (through `tahub.access`), in which language, and rendering.

`Reader` is the dependency every page but /login takes: no valid session cookie, no page
(`LoginRequired` becomes a redirect to /login). Templates get `_` in the page's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy.orm import Session

from tahub.access import audit
from tahub.access.context import Access, access_for_user
from tahub.store.db import get_engine
from tahub.web import i18n
from tahub.web import session as websession
from tahub.web.labels import country_name, tag_label, tags_of

TEMPLATES = Path(__file__).with_name("templates")


class LoginRequired(Exception):
    """No signed-in user: the answer is a redirect to /login."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def link(href: str, text: object) -> Markup:
    """An <a> with both parts escaped, for links placed inside translated sentences."""
    return Markup('<a href="{}">{}</a>').format(href, text)


@cache
def environment(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(lang=lang, languages=i18n.NAMES, link=link,
                       exploitation_tags=tags_of("exploitation"), sector_tags=tags_of("sector"),
                       country=lambda code: country_name(code, lang),
                       tag=lambda t: tag_label(t, lang))
    env.filters["number"] = lambda n: "—" if n is None else (
        f"{n:,}".replace(",", ".") if lang == "es" else f"{n:,}")
    return env


def warm_up() -> None:
    """Compile every template and load the code names in every language at server start,
    so the first reader of a page after a restart does not wait for that (about a
    second in all); nothing here depends on the data."""
    from tahub.web.charts import country_ids

    for lang in i18n.NAMES:
        env = environment(lang)
        for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
            env.get_template(name)
        country_name("CO", lang)
    tag_label("exploitation.sexual", "en")
    country_ids(["CO"])


def language_of(request: Request) -> str:
    return i18n.choose(request.cookies.get(websession.LANG_COOKIE),
                       request.headers.get("accept-language"))


def session_of(request: Request) -> tuple[websession.WebSession, bool]:
    """The request's web session, or a new anonymous one (True: set the cookie)."""
    found = websession.read(request.cookies.get(websession.COOKIE))
    return (found, False) if found else (websession.new(None), True)


def cookie_args(request: Request) -> dict[str, Any]:
    return {"httponly": True, "samesite": "lax", "secure": request.url.scheme == "https",
            "path": "/"}


def render(request: Request, template: str, lang: str, web: websession.WebSession,
           fresh: bool = False, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment(lang).get_template(template).render(
        request=request, path=request.url.path, query=dict(request.query_params),
        csrf=web.csrf, **context)
    response = HTMLResponse(html, status_code=status,
                            headers={"Content-Language": lang, "Vary": "Accept-Language, Cookie",
                                     "Cache-Control": "no-store"})
    if fresh:
        response.set_cookie(websession.COOKIE, websession.dump(web),
                            max_age=websession.MAX_AGE, **cookie_args(request))
    return response


def db_session() -> Iterator[Session]:
    with Session(get_engine()) as s:
        yield s


@dataclass
class ReaderContext:
    """A signed-in reader: their Access, user row, language, session and database."""

    request: Request
    access: Access
    user: Any
    lang: str
    web: websession.WebSession
    db: Session
    extra: dict[str, Any] = field(default_factory=dict)

    def _(self, message: str, **params: object) -> str:
        return i18n.gettext(self.lang, message, **params)

    def audit(self, action: str, obj: str, filters: dict | None = None) -> None:
        """Append the audit entry in a short transaction of its own (after ending this
        request's reads, so SQLite never has to upgrade a stale read to a write)."""
        self.db.commit()
        audit.append(self.access, action, obj,
                     {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
                     or None)

    def refused(self, status: int, title: str, message: str) -> HTMLResponse:
        """A page the reader may not see: audited like every read, then a message page."""
        self.audit("refused", f"{self.request.method} {self.request.url.path}",
                   {"status": status})
        return self.render("message.html", status=status, title=title, message=message)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        from tahub.web.queries import source_choices

        context.setdefault("source_options", source_choices(self.db, self.access))
        return render(self.request, template, self.lang, self.web, status=status,
                      user=self.user, access=self.access, **context)


def revoked(request: Request) -> websession.Revoked:
    """The app's own list of logged-out sessions."""
    state = request.app.state
    if not hasattr(state, "revoked_sessions"):
        state.revoked_sessions = websession.Revoked()
    return state.revoked_sessions


def reader(request: Request, db: Annotated[Session, Depends(db_session)]) -> ReaderContext:
    from tahub.store.access_tables import User

    web = websession.read(request.cookies.get(websession.COOKIE))
    if web is not None and web in revoked(request):
        web = None
    user = db.get(User, web.user_id) if web and web.user_id is not None else None
    if web is None or user is None or not user.active:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return ReaderContext(request, access_for_user(db, user), user, language_of(request), web, db)


Reader = Annotated[ReaderContext, Depends(reader)]


def login_redirect(_request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, LoginRequired)
    target = exc.next_path if exc.next_path.startswith("/") else "/"
    suffix = "" if target == "/" else "?" + urlencode({"next": target})
    return RedirectResponse("/login" + suffix, status_code=303)


def safe_next(value: str | None) -> str:
    """A local path to go back to after login; anything else becomes the overview."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value
