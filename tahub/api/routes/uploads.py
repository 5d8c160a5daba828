"""`POST /uploads`: a tabular file in, checked and stored exactly as `tahub ingest` does.

The body is read as a stream with a byte counter, so an oversized upload is refused
(413) as soon as it passes the limit; the file part is spooled to disk, never held whole
in memory by the parser. 201 with the counts when stored (or already stored), 422 with
every row-level error when refused: nothing is half-written.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException
from starlette.types import Message

from tahub.access.context import SHARING_LEVELS, TLP_MARKS
from tahub.api.deps import Ctx
from tahub.api.errors import ApiError
from tahub.api.models import ErrorOut, UploadOut
from tahub.config import get_settings
from tahub.ingest.profiles import load_profile, profile_names
from tahub.ingest.tabular import Provenance, ingest_file
from tahub.store.tables import Organisation

router = APIRouter(tags=["uploads"])
MAX_DETAILS = 1000
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small text fields
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
BODY = {
    "required": True,
    "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file", "profile"], "additionalProperties": False,
        "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "CSV, XLSX, JSON or JSONL."},
            "profile": {"type": "string", "enum": profile_names(),
                        "description": "Column mapping, e.g. ctdc."},
            "sharing": {"type": "string", "enum": list(SHARING_LEVELS), "default": "private"},
            "group": {"type": "integer", "description": "Sharing group id (sharing=group)."},
            "tlp": {"type": "string", "enum": list(TLP_MARKS), "default": "AMBER"},
            "partial": {"type": "boolean", "default": False,
                        "description": "Store the valid rows and report the rest."},
            "label": {"type": "string", "maxLength": 300},
        }}}},
}


def counting(request: Request, limit: int):  # type: ignore[no-untyped-def]
    """The request's `receive`, refusing the body once it passes `limit` bytes."""
    seen = 0

    async def receive() -> Message:
        nonlocal seen
        message = await request.receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise ApiError(413, f"upload over the {limit - FORM_OVERHEAD:,}-byte limit "
                                    "(TAHUB_MAX_UPLOAD_BYTES); split the file")
        return message

    return receive


def _field(form, name: str, default: str | None = None) -> str | None:  # type: ignore[no-untyped-def]
    value = form.get(name)
    if value is None or isinstance(value, UploadFile):
        return default
    return str(value)


@router.post("/uploads", status_code=201, response_model=UploadOut,
             openapi_extra={"requestBody": BODY},
             responses={413: {"model": ErrorOut, "description": "Upload too large"}})
async def upload(request: Request, ctx: Ctx) -> JSONResponse:
    """Store a table for the caller's organisation at a sharing level and TLP."""
    ctx.access.require("upload")
    settings = get_settings()
    limit = settings.max_upload_bytes + FORM_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"upload over the {settings.max_upload_bytes:,}-byte limit "
                            "(TAHUB_MAX_UPLOAD_BYTES); split the file")
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(422, "send the file as multipart/form-data (fields: file, profile, "
                            "sharing, tlp)")
    reader = Request(request.scope, counting(request, limit))
    try:
        form = await reader.form(max_files=1, max_fields=20)
    except MultiPartException as exc:
        raise ApiError(422, f"unreadable multipart body: {exc.message}") from None
    except StarletteHTTPException as exc:  # the parser's own 400s: too many parts, ...
        raise ApiError(422, f"unreadable multipart body: {exc.detail}") from None
    try:
        return await _store(ctx, form)
    finally:
        await form.close()


async def _store(ctx: Ctx, form) -> JSONResponse:  # type: ignore[no-untyped-def]
    from anyio import to_thread

    file = form.get("file")
    profile_name = _field(form, "profile", "")
    sharing = _field(form, "sharing", "private")
    tlp = (_field(form, "tlp", "AMBER") or "").upper()
    group = _field(form, "group")
    partial = (_field(form, "partial", "false") or "").lower() in ("1", "true", "yes", "on")
    label = _field(form, "label")
    problems = []
    if not isinstance(file, UploadFile):
        problems.append({"field": "file", "reason": "a file part is required"})
    if not profile_name or not re.fullmatch(r"[a-z0-9_]{1,80}", profile_name):
        problems.append({"field": "profile", "reason": "a profile name is required, e.g. ctdc"})
    if sharing not in SHARING_LEVELS:
        problems.append({"field": "sharing", "reason": f"use one of {', '.join(SHARING_LEVELS)}"})
    if tlp not in TLP_MARKS:
        problems.append({"field": "tlp", "reason": f"use one of {', '.join(TLP_MARKS)}"})
    group_id = int(group) if group and group.isdigit() and len(group) < 18 else None
    if sharing == "group" and group_id is None:
        problems.append({"field": "group", "reason": "sharing=group needs a sharing group id"})
    if label is not None and len(label) > 300:
        problems.append({"field": "label", "reason": "at most 300 characters"})
    if problems:
        raise ApiError(422, "invalid upload: " + ", ".join(p["field"] for p in problems),
                       problems)
    if group_id is not None and sharing == "group" and group_id not in ctx.access.group_ids:
        raise ApiError(403, f"your organisation is not in sharing group #{group_id}")
    profile = load_profile(profile_name)  # UsageError (422) names the known profiles
    org = ctx.session.get(Organisation, ctx.access.organisation_id)
    ctx.session.commit()  # no read transaction held open while the ingest writes
    assert isinstance(file, UploadFile)
    name = SAFE_NAME.sub("_", Path(file.filename or "upload.csv").name)[:200] or "upload.csv"
    provenance = Provenance(organisation=org.name if org else None, label=label or name,
                            uploaded_by=ctx.access.email, sharing=sharing,
                            sharing_group_id=group_id if sharing == "group" else None, tlp=tlp)
    with tempfile.TemporaryDirectory(prefix="tahub-upload-") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            while chunk := await file.read(1 << 20):
                out.write(chunk)
        result = await to_thread.run_sync(
            lambda: ingest_file(path, profile, partial=partial, provenance=provenance))
    errors = [{"row": e.row, "column": e.column, "value": e.value, "reason": e.reason}
              for e in result.errors]
    summary = {"profile": profile_name, "sharing": sharing, "tlp": tlp, "filename": name,
               "rows_read": result.rows_read, "rows_rejected": result.rows_rejected}
    if result.rejected or (errors and not partial):
        ctx.done("upload_rejected", f"file:{name}", summary)
        more = f" (first {MAX_DETAILS} listed)" if len(errors) > MAX_DETAILS else ""
        raise ApiError(422, f"{name} rejected: {len(errors):,} problem(s){more}; nothing "
                            "stored", errors[:MAX_DETAILS])
    ctx.done("upload", f"source:{result.source_id}", {**summary, "already": result.already})
    body = UploadOut(source_id=result.source_id, filename=name, profile=profile_name,
                     sharing=sharing, tlp=tlp, rows_read=result.rows_read,
                     rows_stored=0 if result.already else result.rows_stored,
                     rows_rejected=result.rows_rejected, already=result.already,
                     errors=errors[:MAX_DETAILS])
    return JSONResponse(body.model_dump(), status_code=201)
