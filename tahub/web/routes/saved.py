"""POST /saved-searches…: save the current filter, mark a saved search seen, delete one.
Each form carries the session's CSRF token; a user only ever touches their own rows."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tahub.store.web_tables import SavedSearch
from tahub.web import saved
from tahub.web import session as websession
from tahub.web.filters import read_filters
from tahub.web.pages import Reader, safe_next

router = APIRouter(include_in_schema=False)


def _expired(ctx: Reader) -> HTMLResponse:
    return ctx.render("message.html", status=403, title=ctx._("Saved searches"),
                      message=ctx._("The form expired. Please try again."))


@router.post("/saved-searches")
async def save_search(ctx: Reader) -> Response:
    """The filter comes in the query string, exactly as the filter bar shows it."""
    form = await ctx.request.form(max_files=0, max_fields=5)
    if not websession.csrf_ok(ctx.web, form.get("csrf")):
        return _expired(ctx)
    if len(saved.of_user(ctx.db, ctx.user.id)) >= saved.MAX_PER_USER:
        return ctx.render("message.html", status=422, title=ctx._("Saved searches"),
                          message=ctx._("You have too many saved searches; delete one first."))
    filters = read_filters(ctx.request)
    item = saved.save(ctx.db, ctx.access, ctx.user.id, str(form.get("name") or ""), filters)
    ctx.db.commit()
    ctx.audit("save_search", f"saved_search:{item.id}", filters.as_dict())
    back = safe_next(str(form.get("next") or "/"))
    return RedirectResponse(back, status_code=303)


async def _own(ctx: Reader, search_id: int) -> tuple[SavedSearch | None, Response | None]:
    form = await ctx.request.form(max_files=0, max_fields=5)
    if not websession.csrf_ok(ctx.web, form.get("csrf")):
        return None, _expired(ctx)
    item = ctx.db.get(SavedSearch, search_id)
    if item is None or item.user_id != ctx.user.id:
        return None, ctx.render("message.html", status=404, title=ctx._("Not found"),
                                message=ctx._("No such saved search."))
    return item, None


@router.post("/saved-searches/{search_id}/seen")
async def mark_seen(ctx: Reader, search_id: int) -> Response:
    item, problem = await _own(ctx, search_id)
    if item is None:
        return problem  # type: ignore[return-value]
    saved.mark_seen(ctx.db, ctx.access, item)
    ctx.db.commit()
    ctx.audit("mark_seen", f"saved_search:{search_id}")
    return RedirectResponse("/", status_code=303)


@router.post("/saved-searches/{search_id}/delete")
async def delete(ctx: Reader, search_id: int) -> Response:
    item, problem = await _own(ctx, search_id)
    if item is None:
        return problem  # type: ignore[return-value]
    ctx.db.delete(item)
    ctx.db.commit()
    ctx.audit("delete_search", f"saved_search:{search_id}")
    return RedirectResponse("/", status_code=303)
