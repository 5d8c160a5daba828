"""Profiles: YAML column mappings from a member's spreadsheet to the hub's tables.

A profile names its target table and, for each field of that table, the header aliases
that may hold it, a type (see `tahub.ingest.values.PARSERS`) and whether it is required.
It fails at load, naming file and key, so a broken mapping never reads a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tahub.errors import SchemaError, UsageError
from tahub.ingest.values import PARSERS, fold

PROFILE_DIR = Path(__file__).resolve().parent.parent / "schema" / "profiles"

TARGET_FIELDS: dict[str, set[str]] = {
    "incidents": {"registration_year", "data_source", "gender", "age_band", "minor",
                  "citizenship", "country_of_exploitation", "date_start", "date_end",
                  "reported_on", "victims_count"},
    "missing_persons": {"sex", "age", "minor", "date_missing", "country", "admin1", "admin2",
                        "locality", "lat", "lon", "status", "name_hash"},
    "pois": {"name", "category", "lat", "lon", "address", "locality", "admin1", "country"},
    "statistics": {"level", "country", "admin1", "admin1_code", "admin2", "admin2_code",
                   "locality", "period", "year", "month", "indicator", "category", "sex",
                   "age_group", "value", "unit"},
}
PLACE_FIELDS = {"country", "admin1", "admin2", "locality", "lat", "lon"}
SPEC_KEYS = {"columns", "type", "required", "value", "values", "template", "pad", "strict"}
TYPES = set(PARSERS) | {"choice", "keyed_hash", "code"}


@dataclass(frozen=True)
class FieldSpec:
    """Where one field comes from: a column (by alias), a template, or a constant."""

    name: str
    columns: tuple[str, ...] = ()
    type: str = "text"
    required: bool = False
    value: Any = None
    values: dict[str, Any] | None = None
    template: str | None = None
    pad: int | None = None
    strict: bool = False


@dataclass(frozen=True)
class TagSpec:
    """Golden tags read from a column: a yes/no flag, or a choice of values to tags."""

    columns: tuple[str, ...]
    type: str
    tag: str | None = None
    values: dict[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class PlaceSpec:
    role: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class Melt:
    """Wide tables: columns matching `pattern` become rows, their header going to `into`."""

    pattern: re.Pattern[str]
    into: str


@dataclass(frozen=True)
class Profile:
    name: str
    target: str
    path: Path
    description: str = ""
    licence: str | None = None
    attribution: str | None = None
    missing: frozenset[str] = frozenset({""})
    fields: tuple[FieldSpec, ...] = ()
    tags: tuple[TagSpec, ...] = ()
    places: tuple[PlaceSpec, ...] = ()
    flag_tags_from: str | None = None
    melt: Melt | None = None
    keep_unmapped: bool = True
    drop: frozenset[str] = field(default_factory=frozenset)


def _fail(path: Path, key: str, reason: str) -> SchemaError:
    return SchemaError(f"{path.name}: {key}: {reason}")


def _field(path: Path, where: str, name: str, raw: Any) -> FieldSpec:
    if isinstance(raw, str | int | float | bool):
        return FieldSpec(name=name, value=raw)
    if not isinstance(raw, dict):
        raise _fail(path, where, "expected a mapping with columns/type or a constant value")
    unknown = set(raw) - SPEC_KEYS
    if unknown:
        raise _fail(path, where, f"unknown key(s) {', '.join(sorted(unknown))}")
    kind = raw.get("type", "text")
    if kind not in TYPES:
        raise _fail(path, f"{where}.type", f"unknown type '{kind}' (one of {sorted(TYPES)})")
    columns = raw.get("columns", [])
    columns = (columns,) if isinstance(columns, str) else tuple(columns)
    if not columns and "value" not in raw and "template" not in raw:
        raise _fail(path, where, "needs columns, a template or a value")
    values = raw.get("values")
    if kind == "choice" and not isinstance(values, dict):
        raise _fail(path, f"{where}.values", "a choice needs a mapping of values")
    return FieldSpec(
        name=name, columns=columns, type=kind, required=bool(raw.get("required", False)),
        value=raw.get("value"), template=raw.get("template"), pad=raw.get("pad"),
        values={fold(str(k)): v for k, v in values.items()} if values else None,
        strict=bool(raw.get("strict", False)),
    )


def _fields(path: Path, where: str, raw: Any, allowed: set[str]) -> tuple[FieldSpec, ...]:
    if not isinstance(raw, dict):
        raise _fail(path, where, "expected a mapping of field names")
    unknown = set(raw) - allowed
    if unknown:
        raise _fail(path, f"{where}.{sorted(unknown)[0]}",
                    f"not a field of this target (fields: {', '.join(sorted(allowed))})")
    return tuple(_field(path, f"{where}.{name}", name, spec) for name, spec in raw.items())


def _tags(path: Path, raw: Any) -> tuple[TagSpec, ...]:
    from tahub.schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    specs = []
    for i, item in enumerate(raw or []):
        where = f"tags[{i}]"
        columns = item.get("columns", [])
        columns = (columns,) if isinstance(columns, str) else tuple(columns)
        kind = item.get("type", "flag")
        if not columns or kind not in {"flag", "choice"}:
            raise _fail(path, where, "needs columns and type flag or choice")
        values = {fold(str(k)): tuple([v] if isinstance(v, str) else v or ())
                  for k, v in (item.get("values") or {}).items()}
        named = [item["tag"]] if item.get("tag") else [t for ts in values.values() for t in ts]
        for tag in named:
            if tag not in taxonomy:
                raise _fail(path, where, f"tag '{tag}' is not in golden_tags.yaml")
        specs.append(TagSpec(columns, kind, item.get("tag"), values or None))
    return tuple(specs)


def parse_profile(path: Path) -> Profile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise _fail(path, "yaml", str(exc).splitlines()[0]) from None
    if not isinstance(raw, dict):
        raise _fail(path, "top level", "expected a mapping")
    target = raw.get("target")
    if target not in TARGET_FIELDS:
        raise _fail(path, "target", f"must be one of {', '.join(TARGET_FIELDS)}")
    allowed = TARGET_FIELDS[target]
    places = tuple(
        PlaceSpec(role=p.get("role", "exploitation"),
                  fields=_fields(path, f"places[{i}]",
                                 {k: v for k, v in p.items() if k != "role"}, PLACE_FIELDS))
        for i, p in enumerate(raw.get("places") or [])
    )
    melt = raw.get("melt")
    return Profile(
        name=raw.get("name", path.stem),
        target=target,
        path=path,
        description=raw.get("description", ""),
        licence=raw.get("licence"),
        attribution=raw.get("attribution"),
        missing=frozenset(str(m) for m in raw.get("missing", [""]))
        | frozenset(str(m).casefold() for m in raw.get("missing", [""])) | {""},
        fields=_fields(path, "fields", raw.get("fields", {}), allowed),
        tags=_tags(path, raw.get("tags")),
        places=places,
        flag_tags_from=raw.get("flag_tags_from"),
        melt=Melt(re.compile(melt["pattern"]), melt["into"]) if melt else None,
        keep_unmapped=bool(raw.get("keep_unmapped", True)),
        drop=frozenset(fold(c) for c in raw.get("drop", [])),
    )


def profile_names() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


@cache
def load_profile(name: str) -> Profile:
    """The bundled profile `name`; UsageError listing the known ones if there is none."""
    path = PROFILE_DIR / f"{name}.yaml"
    if not path.is_file():
        raise UsageError(f"unknown profile '{name}' (known: {', '.join(profile_names())})")
    return parse_profile(path)


def load_mapping(path: Path) -> Profile:
    """A member's own mapping file, for `--profile generic --mapping FILE.yaml`."""
    if not path.is_file():
        raise UsageError(f"mapping file not found: {path}")
    return parse_profile(path)
