"""/upload: file, profile, sharing level, TLP; a preview of the mapped columns and of every
row-level problem; then the commit, which stores all rows or none (unless partial) in a
background job whose progress the page follows."""

from __future__ import annotations

from pathlib import Path

from anyio import to_thread
from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from tahub.access import audit
from tahub.access.context import SHARING_LEVELS, TLP_MARKS
from tahub.config import get_settings
from tahub.errors import TahubError
from tahub.ingest.profiles import load_profile, profile_names
from tahub.ingest.tabular import IngestResult, Provenance, ingest_file
from tahub.store.access_tables import SharingGroup
from tahub.store.tables import Organisation
from tahub.web import session as websession
from tahub.web import upload_jobs, uploads
from tahub.web.pages import Reader

router = APIRouter(include_in_schema=False)


def _groups(ctx: Reader) -> list[tuple[int, str]]:
    if not ctx.access.group_ids:
        return []
    return [(g.id, g.name) for g in ctx.db.scalars(select(SharingGroup).where(
        SharingGroup.id.in_(sorted(ctx.access.group_ids))).order_by(SharingGroup.name))]


def _form(ctx: Reader, status: int = 200, **context: object) -> HTMLResponse:
    return ctx.render("upload.html", status=status, title=ctx._("Upload"),
                      profiles=profile_names(), sharing_levels=SHARING_LEVELS,
                      tlp_marks=TLP_MARKS, groups=_groups(ctx),
                      limit=get_settings().max_upload_bytes,
                      allowed=ctx.access.can("upload"), **context)


@router.get("/upload")
def upload_form(ctx: Reader) -> HTMLResponse:
    return _form(ctx)


@router.post("/upload")
async def upload_preview(ctx: Reader) -> Response:
    if not ctx.access.can("upload"):
        return _form(ctx, 403, problem=ctx._("Your role may not upload files."))
    limit = get_settings().max_upload_bytes
    declared = ctx.request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + 64 * 1024:
        return _form(ctx, 413, problem=ctx._("The file is over the %(limit)s-byte limit; "
                                              "split it.", limit=f"{limit:,}"))
    try:
        form = await ctx.request.form(max_files=1, max_fields=10)
    except MultiPartException:
        return _form(ctx, 422, problem=ctx._("The form could not be read. Please try again."))
    try:
        if not websession.csrf_ok(ctx.web, form.get("csrf")):
            return _form(ctx, 403, problem=ctx._("The form expired. Please try again."))
        file = form.get("file")
        profile = str(form.get("profile") or "")
        sharing = str(form.get("sharing") or "private")
        tlp = str(form.get("tlp") or "AMBER").upper()
        group = str(form.get("group") or "")
        chosen = {"profile": profile, "sharing": sharing, "tlp": tlp, "group": group,
                  "partial": form.get("partial") == "on",
                  "label": str(form.get("label") or "")[:300]}
        problems = []
        if not isinstance(file, UploadFile) or not file.filename:
            problems.append(ctx._("Choose a file."))
        if profile not in profile_names():
            problems.append(ctx._("Choose a profile."))
        if sharing not in SHARING_LEVELS or tlp not in TLP_MARKS:
            problems.append(ctx._("Choose a sharing level and a TLP marking."))
        group_id = int(group) if group.isdigit() and len(group) < 12 else None
        if sharing == "group" and (group_id is None or group_id not in ctx.access.group_ids):
            problems.append(ctx._("Sharing with a group needs one of your sharing groups."))
        if problems:
            return _form(ctx, 422, problems=problems, chosen=chosen)
        assert isinstance(file, UploadFile)
        data = await file.read(limit + 1)
        if len(data) > limit:
            return _form(ctx, 413, problem=ctx._("The file is over the %(limit)s-byte limit; "
                                                  "split it.", limit=f"{limit:,}"))
        name = uploads.safe_name(file.filename)
    finally:
        await form.close()
    try:
        seen = await to_thread.run_sync(
            lambda: uploads.preview(Path(name), data, profile))
    except TahubError as exc:
        return _form(ctx, 422, problem=str(exc), chosen=chosen)
    token = uploads.stash(data, name, {"user_id": ctx.access.user_id, **chosen,
                                       "group": group_id, "rows": seen.rows_read})
    ctx.audit("upload_preview", f"file:{name}", {"profile": profile,
                                                 "errors": len(seen.errors)})
    return ctx.render("upload_preview.html", title=ctx._("Upload"), name=name, seen=seen,
                      token=token, chosen=chosen,
                      errors=seen.errors[:uploads.MAX_SHOWN])


@router.post("/upload/commit")
async def upload_commit(ctx: Reader) -> Response:
    """Start storing a previewed file in the background. A script asking for JSON gets the
    job's addresses (202) and follows its progress; a plain form is sent to the job's page,
    which refreshes itself until the file is stored."""
    wants_json = "application/json" in ctx.request.headers.get("accept", "")
    form = await ctx.request.form(max_files=0, max_fields=5)
    if not websession.csrf_ok(ctx.web, form.get("csrf")):
        return _form(ctx, 403, problem=ctx._("The form expired. Please try again."))
    if not ctx.access.can("upload"):
        return _form(ctx, 403, problem=ctx._("Your role may not upload files."))
    token = str(form.get("token") or "")
    found = uploads.fetch(token, ctx.access.user_id or -1)
    if found is None:
        return _form(ctx, 410, problem=ctx._("That preview has expired; upload the file "
                                              "again."))
    path, meta = found
    org = ctx.db.get(Organisation, ctx.access.organisation_id)
    ctx.db.commit()
    provenance = Provenance(organisation=org.name if org else None,
                            label=meta.get("label") or meta["name"],
                            uploaded_by=ctx.access.email, sharing=meta["sharing"],
                            sharing_group_id=meta.get("group") if meta["sharing"] == "group"
                            else None, tlp=meta["tlp"])
    access = ctx.access

    def work(progress: upload_jobs.Progress) -> tuple[IngestResult, bool]:
        result = ingest_file(path, load_profile(meta["profile"]),
                             partial=bool(meta.get("partial")), provenance=provenance,
                             progress=progress)
        stored = not result.rejected and not (result.errors and not meta.get("partial"))
        summary = {"profile": meta["profile"], "sharing": meta["sharing"],
                   "tlp": meta["tlp"], "rows_read": result.rows_read,
                   "rows_rejected": result.rows_rejected}
        audit.append(access, "upload" if stored else "upload_rejected",
                     f"source:{result.source_id}" if stored else f"file:{meta['name']}",
                     summary)
        if stored:
            uploads.discard(token)
        return result, stored

    job = upload_jobs.start(ctx.access.user_id or -1, meta["name"],
                            int(meta.get("rows") or 0), work)
    page = f"/upload/jobs/{job.id}"
    if wants_json:
        return JSONResponse({"job": job.id, "status": f"{page}/status", "page": page},
                            status_code=202, headers={"Cache-Control": "no-store"})
    return RedirectResponse(page, status_code=303)


@router.get("/upload/jobs/{job_id}/status")
def upload_job_status(ctx: Reader, job_id: str) -> JSONResponse:
    """Rows read of rows in the file, for the page's progress bar. Only the job's owner
    gets an answer, and only with the session's CSRF token in `X-CSRF-Token` (a page of
    another site cannot poll it on the user's cookie)."""
    if not websession.csrf_ok(ctx.web, ctx.request.headers.get("x-csrf-token")):
        return JSONResponse({"error": "csrf"}, status_code=403)
    if not ctx.access.can("upload"):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    job = upload_jobs.get(job_id, ctx.access.user_id)
    if job is None:
        return JSONResponse({"error": "not found"}, status_code=404)
    return JSONResponse(job.status(), headers={"Cache-Control": "no-store"})


@router.get("/upload/jobs/{job_id}")
def upload_job_page(ctx: Reader, job_id: str) -> HTMLResponse:
    """The job's result once it has ended; until then its progress, refreshed by the
    browser every few seconds (no script needed)."""
    job = upload_jobs.get(job_id, ctx.access.user_id) if ctx.access.can("upload") else None
    if job is None:
        return ctx.refused(404, ctx._("Upload"),
                           ctx._("No such upload of yours; it may have ended over an hour ago."))
    upload_jobs.wait(job, 1.0)
    if job.state == "failed":
        return _form(ctx, 422, problem=job.problem)
    if job.result is None:
        return ctx.render("upload_job.html", title=ctx._("Upload"), job=job,
                          status_info=job.status())
    result = job.result
    return ctx.render("upload_result.html", status=200 if job.stored else 422,
                      title=ctx._("Upload"), result=result, stored=job.stored, name=job.name,
                      errors=result.errors[:uploads.MAX_SHOWN], errors_total=job.errors_total)
