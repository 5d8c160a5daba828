"""The sharing policy: the only place that decides who sees which rows and fields.

Like Aleph's `authz_query`, the decision is a SQL where-clause over `Source`, so lists are
filtered inside the query (`total` counts only visible rows) and nothing is filtered row
by row after the fact. The rules themselves are data in `policy.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from tahub.access.context import SHARING_LEVELS, TLP_MARKS, Access, NotFound
from tahub.enrich import pii
from tahub.errors import SchemaError
from tahub.store.tables import Source

POLICY_FILE = Path(__file__).with_name("policy.yaml")


@cache
def policy() -> dict[str, Any]:
    """policy.yaml, checked: every level and every TLP mark has its rule."""
    data = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    for key, names in (("sharing", SHARING_LEVELS), ("tlp", TLP_MARKS)):
        missing = set(names) - set(data.get(key) or {})
        if missing:
            raise SchemaError(f"{POLICY_FILE.name}: '{key}' lacks {sorted(missing)}")
    for level, rule in data["sharing"].items():
        for what in ("rows", "counts"):
            if rule.get(what) not in ("none", "group", "all"):
                raise SchemaError(f"{POLICY_FILE.name}: sharing.{level}.{what} must be "
                                  "none, group or all")
    return data


def _reach(access: Access, what: str) -> ColumnElement[bool]:
    """Sources of other organisations whose `what` (rows|counts) the caller may see."""
    rules = policy()
    marks = [m for m, rule in rules["tlp"].items() if rule[what]]
    levels = []
    for level, rule in rules["sharing"].items():
        if rule[what] == "all":
            levels.append(Source.sharing == level)
        elif rule[what] == "group" and access.group_ids:
            levels.append(and_(Source.sharing == level,
                               Source.sharing_group_id.in_(sorted(access.group_ids))))
    if not levels or not marks:
        return false()
    return and_(Source.tlp.in_(marks), or_(*levels))


def listable_sources(access: Access) -> ColumnElement[bool]:
    """Sources whose rows the caller may list and read (fields through `redact_record`)."""
    return or_(Source.organisation_id == access.organisation_id, _reach(access, "rows"))


def countable_sources(access: Access) -> ColumnElement[bool]:
    """Sources whose rows may be counted in the caller's (disclosure-controlled) aggregates."""
    return or_(Source.organisation_id == access.organisation_id, _reach(access, "counts"))


def _get(source: Any, name: str) -> Any:
    return source[name] if isinstance(source, Mapping) else getattr(source, name)


def text_searchable_sources(access: Access) -> ColumnElement[bool]:
    """Sources whose free text a search may match: the caller's own. Others see that text
    redacted (`redact_record`), so a match on a name or phone they cannot read would tell
    them it is there."""
    return Source.organisation_id == access.organisation_id


def is_owner(access: Access, source: Any) -> bool:
    """True when the caller's organisation owns `source` (a Source row or a mapping)."""
    return _get(source, "organisation_id") == access.organisation_id


def _allows(access: Access, source: Any, what: str) -> bool:
    if is_owner(access, source):
        return True
    rules = policy()
    if not rules["tlp"].get(_get(source, "tlp"), {}).get(what):
        return False
    reach = rules["sharing"].get(_get(source, "sharing"), {}).get(what, "none")
    if reach == "all":
        return True
    return reach == "group" and _get(source, "sharing_group_id") in access.group_ids


def can_list(access: Access, source: Any) -> bool:
    """The same decision as `listable_sources`, for one source already loaded."""
    return _allows(access, source, "rows")


def can_count(access: Access, source: Any) -> bool:
    """The same decision as `countable_sources`, for one source already loaded."""
    return _allows(access, source, "counts")


def get_listable(session: Session, access: Access, model: Any, id_: int) -> tuple[Any, Source]:
    """Row `id_` of `model` (any table with `source_id`) and its source, if the caller may
    read it; NotFound otherwise, so a hidden row and a missing one look the same."""
    found = session.execute(select(model, Source).join(Source, Source.id == model.source_id)
                            .where(model.id == id_, listable_sources(access))).first()
    if found is None:
        raise NotFound(f"no {model.__tablename__} #{id_}")
    return found[0], found[1]


def redact_record(access: Access, source: Any, record: dict, kind: str) -> dict:
    """`record` as the caller may see it: whole for the owner, personal fields coarsened
    or removed for everyone else (the rules per kind are in policy.yaml `personal`)."""
    if is_owner(access, source):
        return dict(record)
    return _redact(record, kind)


def _redact(record: dict, kind: str, lang: str | None = None) -> dict:
    rules = policy()["personal"].get(kind)
    if rules is None:
        raise SchemaError(f"{POLICY_FILE.name}: no 'personal' rules for record kind '{kind}'")
    out = dict(record)
    lang = out.get("lang") or lang or "en"
    redaction = None
    fields = rules.get("fields") or {}
    for name, how in fields.items():
        if name in out and how in ("drop", "month"):
            out[name] = _month(out[name]) if how == "month" else None
        elif how == "pii" and isinstance(out.get(name), str):
            redaction = pii.redact(out[name], lang)
            out[name] = redaction.text
    if fields.get("lat") == "h3" and out.get("lat") is not None and out.get("lon") is not None:
        out["lat"], out["lon"] = coarse_point(float(out["lat"]), float(out["lon"]))
    for name, nested_kind in (rules.get("nested") or {}).items():
        if isinstance(out.get(name), list):
            out[name] = [_nested(item, nested_kind, lang, redaction) for item in out[name]]
    return out


def _nested(item: Any, kind: str, lang: str, parent: pii.Redaction | None) -> Any:
    """A nested record redacted; spans into a parent text that was redacted follow it (a
    span that was itself personal data loses its position)."""
    if not isinstance(item, dict):
        return item
    out = _redact(item, kind, lang)
    if parent is not None and isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
        moved = parent.moved(out["start"], out["end"])
        out["start"], out["end"] = moved if moved else (None, None)
    return out


def _month(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value)
    return text[:7] if len(text) >= 7 and text[4] == "-" else None


def coarse_point(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the H3 cell holding (lat, lon), at the policy's resolution."""
    import h3

    cell = h3.latlng_to_cell(lat, lon, policy()["h3_resolution"])
    clat, clon = h3.cell_to_latlng(cell)
    return round(clat, 4), round(clon, 4)
