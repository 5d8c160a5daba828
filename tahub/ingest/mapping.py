"""Turn rows of text cells into records of the hub, or into row errors.

A profile is first bound to a file's header (aliases resolved to column positions, missing
required columns reported as row 1 errors); then each row is mapped. Parsing is memoised
per field and raw value: member files repeat the same few codes thousands of times.
"""

from __future__ import annotations

import hashlib
import hmac
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tahub.ingest.profiles import FieldSpec, Profile
from tahub.ingest.values import NUMERIC, PARSERS, band_is_minor, fold, parse_count


@dataclass(frozen=True)
class RowError:
    """One problem, shown to the uploader as `row N, column C: reason`."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


@dataclass
class Record:
    row: int
    values: dict[str, Any]
    tags: set[str] = field(default_factory=set)
    places: list[dict[str, Any]] = field(default_factory=list)
    attributes: dict[str, str] | None = None


class _Bound:
    """A field spec tied to a column position with its memoised parser."""

    def __init__(self, spec: FieldSpec, index: int | None, column: str, decimal: str,
                 secret: bytes) -> None:
        self.spec, self.index, self.column = spec, index, column
        self.cache: dict[str, Any] = {}
        self.parse = self._parser(decimal, secret)

    def _parser(self, decimal: str, secret: bytes) -> Callable[[str], Any]:
        spec = self.spec
        if spec.type == "choice":
            values = spec.values or {}

            def choose(text: str) -> Any:
                key = fold(text)
                if key in values:
                    return values[key]
                if spec.strict:
                    allowed = ", ".join(sorted(values))
                    raise ValueError(f"'{text}' is not one of the known values ({allowed})")
                return None

            return choose
        if spec.type == "keyed_hash":
            return lambda text: hmac.new(secret, fold(text).encode(), hashlib.sha256).hexdigest()
        if spec.type == "code":
            return lambda text: text.split(".")[0].zfill(spec.pad or 0)
        parser = PARSERS[spec.type]
        if spec.type in NUMERIC:
            return lambda text: parser(text, decimal)
        return parser

    def read(self, cells: list[str], missing: frozenset[str]) -> tuple[Any, str | None]:
        """(value, error reason); the value is None when the cell means 'unknown'."""
        spec = self.spec
        if self.index is None:
            if spec.template is not None:
                return self.read_template(cells, missing)
            return spec.value, None
        return self.parse_text(cells[self.index].strip(), missing)

    def parse_text(self, raw: str, missing: frozenset[str]) -> tuple[Any, str | None]:
        if raw in missing or raw.casefold() in missing:
            return None, "a value is required" if self.spec.required else None
        try:
            return self.parse(raw), None
        except ValueError as exc:
            return None, str(exc)

    def read_template(self, cells: list[str], missing: frozenset[str]) -> tuple[Any, str | None]:
        """A value built from several cells, then parsed by the field's type like any cell."""
        key = tuple([cells[i] for i in self.template_columns])
        hit = self.cache.get(key)  # type: ignore[call-overload]
        if hit is None:
            text = self.spec.template.format_map(  # type: ignore[union-attr]
                _Cells(cells, self.template_index)).strip()
            hit = self.parse_text(text, missing)
            if len(self.cache) < 50_000:
                self.cache[key] = hit  # type: ignore[index]
        return hit

    template_index: dict[str, int] = {}
    template_columns: list[int] = []


class _Cells(dict):
    def __init__(self, cells: list[str], index: dict[str, int]) -> None:
        super().__init__()
        self.cells, self.index = cells, index

    def __missing__(self, key: str) -> str:
        i = self.index.get(fold(key))
        return self.cells[i].strip() if i is not None and i < len(self.cells) else ""


def _flag(raw: str, missing: frozenset[str]) -> bool | str:
    """True/False for a yes/no cell (unknown counts as no), else the error reason."""
    key = fold(raw)
    if raw.strip() in missing or raw.strip().casefold() in missing or key in _NO:
        return False
    if key in _YES:
        return True
    return f"'{raw[:40]}' is not a yes/no value (1/0, true/false)"


_YES = {"1", "1_0", "true", "yes", "si", "sim", "t", "y", "x"}
_NO = {"0", "0_0", "false", "no", "nao", "f", "n"}


class Mapper:
    """A profile bound to one file's header."""

    def __init__(self, profile: Profile, header: list[str], decimal: str, secret: bytes,
                 max_cell_bytes: int) -> None:
        self.profile, self.header, self.max_cell = profile, header, max_cell_bytes
        self.decimal = decimal
        self.check_cells = True  # the caller may clear it when the whole file is smaller
        self.positions = {}
        for i, name in enumerate(header):
            self.positions.setdefault(fold(name), i)
        self.header_errors: list[RowError] = []
        used: set[int] = set()
        self.fields = [self._bind(s, decimal, secret, used) for s in profile.fields]
        self.places = [(p.role, [self._bind(s, decimal, secret, used) for s in p.fields])
                       for p in profile.places]
        self.tag_columns = self._tag_columns(used)
        self.flag_cache: dict[str, bool | str] = {}
        self.melt_columns: list[int] = []
        if profile.melt and not any(b.spec.name == "value" and b.index is not None
                                    for b in self.fields):
            self.melt_columns = [i for i, h in enumerate(header)
                                 if i not in used and profile.melt.pattern.search(h)]
            used.update(self.melt_columns)
            if not self.melt_columns:
                self.header_errors.append(RowError(1, "value", "", "no value column and no "
                                          f"columns matching {profile.melt.pattern.pattern}"))
        self.key_columns = sorted(used)
        self.row_cache: dict[tuple[str, ...], Record] = {}
        self.unmapped = [i for i in range(len(header)) if i not in used
                         and fold(header[i]) not in profile.drop] if profile.keep_unmapped else []
        self.names = [h or f"column {i + 1}" for i, h in enumerate(header)]

    def _bind(self, spec: FieldSpec, decimal: str, secret: bytes, used: set[int]) -> _Bound:
        index = next((self.positions[fold(c)] for c in spec.columns
                      if fold(c) in self.positions), None)
        column = self.header[index] if index is not None else (spec.columns or (spec.name,))[0]
        if index is None and spec.columns and spec.required:
            self.header_errors.append(RowError(1, column, "", "required column is missing"))
        if index is not None:
            used.add(index)
        bound = _Bound(spec, index, column, decimal, secret)
        bound.template_index = self.positions
        if spec.template:
            bound.index = None
            bound.template_columns = [
                self.positions[fold(name)] for _, name, _, _ in
                string.Formatter().parse(spec.template)
                if name is not None and fold(name) in self.positions]
            used.update(bound.template_columns)
        return bound

    def _tag_columns(self, used: set[int]) -> list[tuple[int, str, Any]]:
        out: list[tuple[int, str, Any]] = []
        for spec in self.profile.tags:
            index = next((self.positions[fold(c)] for c in spec.columns
                          if fold(c) in self.positions), None)
            if index is not None:
                used.add(index)
                out.append((index, spec.type, spec.tag if spec.type == "flag" else spec.values))
        if self.profile.flag_tags_from:
            from tahub.schema.taxonomy import load_taxonomy

            taxonomy = load_taxonomy()
            for i, name in enumerate(self.header):
                tags = taxonomy.tags_by_mapping(self.profile.flag_tags_from, name)
                if i not in used and tags and name:
                    used.add(i)
                    out.extend((i, "flag", tag) for tag in tags)
        return out

    def map_row(self, row: int, cells: list[str]) -> tuple[list[Record], list[RowError]]:
        errors: list[RowError] = []
        width = len(self.header)
        ragged = len(cells) < width or any(c.strip() for c in cells[width:])
        if ragged:
            where = self.header[len(cells)] if len(cells) < width else f"{width + 1}"
            errors.append(RowError(row, where, "", f"row has {len(cells)} cells but the header "
                                   f"has {width}"))
            return [], errors
        if self.check_cells and max(map(len, cells), default=0) > self.max_cell // 4:
            errors = self._oversized(row, cells)
        if errors:
            return [], errors
        key = tuple([cells[i] for i in self.key_columns])
        cached = self.row_cache.get(key)
        if cached is not None:
            return self._attach(Record(row, cached.values, cached.tags, cached.places), cells)
        missing = self.profile.missing
        values: dict[str, Any] = {}
        for bound in self.fields:
            index = bound.index
            hit = bound.cache.get(cells[index]) if index is not None else None
            if hit is None:
                hit = bound.read(cells, missing)
                if index is not None and len(bound.cache) < 50_000:
                    bound.cache[cells[index]] = hit
            value, reason = hit
            if reason:
                errors.append(RowError(row, bound.column, _cell(cells, index), reason))
            values[bound.spec.name] = value
        record = Record(row, values)
        for role, bounds in self.places:
            place = {"role": role}
            for bound in bounds:
                value, reason = bound.read(cells, missing)
                if reason:
                    errors.append(RowError(row, bound.column, _cell(cells, bound.index), reason))
                place[bound.spec.name] = value
            if any(v is not None for k, v in place.items() if k != "role"):
                record.places.append(place)
        for index, kind, what in self.tag_columns:
            raw = cells[index]
            if kind == "flag":
                flag = self.flag_cache.get(raw)
                if flag is None:
                    flag = self.flag_cache[raw] = _flag(raw, missing)
                if flag is True:
                    record.tags.add(what)
                elif flag is not False:
                    errors.append(RowError(row, self.header[index], raw, flag))
            elif raw.strip().casefold() not in missing:
                record.tags.update(what.get(fold(raw), ()))
        if errors:
            return [], errors
        self._derive(record.values)
        if len(self.row_cache) < 100_000:
            self.row_cache[key] = record
        return self._attach(record, cells)

    def _attach(self, record: Record, cells: list[str]) -> tuple[list[Record], list[RowError]]:
        if self.unmapped:
            record.attributes = {self.names[i]: cells[i] for i in self.unmapped if cells[i]}
        return self._melt(record, cells)

    def _oversized(self, row: int, cells: list[str]) -> list[RowError]:
        return [RowError(row, self.header[i] if i < len(self.header) else str(i + 1), "",
                         f"cell is {len(c.encode()):,} bytes, over the "
                         f"{self.max_cell:,}-byte limit")
                for i, c in enumerate(cells) if len(c.encode()) > self.max_cell]

    @staticmethod
    def _derive(values: dict[str, Any]) -> None:
        if "minor" in values and values["minor"] is None and values.get("age_band"):
            values["minor"] = band_is_minor(values["age_band"])
        if "age" in values and values.get("age") is not None and values.get("minor") is None:
            values["minor"] = values["age"] < 18

    def _melt(self, record: Record, cells: list[str]) -> tuple[list[Record], list[RowError]]:
        values = record.values
        if not self.melt_columns:
            return [record], []
        out, errors = [], []
        into = self.profile.melt.into  # type: ignore[union-attr]
        for i in self.melt_columns:
            raw = cells[i].strip() if i < len(cells) else ""
            if raw in self.profile.missing:
                continue
            try:
                count = parse_count(raw, self.decimal)
            except ValueError as exc:
                errors.append(RowError(record.row, self.header[i], raw, str(exc)))
                continue
            melted = Record(record.row, {**values, into: self.header[i], "value": count},
                            set(record.tags), record.places, record.attributes)
            out.append(melted)
        return ([], errors) if errors else (out, [])

    def rows(self, table_rows: Iterator[tuple[int, list[str]]]
             ) -> Iterator[tuple[int, list[Record], list[RowError]]]:
        for row, cells in table_rows:
            records, errors = self.map_row(row, cells)
            yield row, records, errors


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index][:200] if index is not None and index < len(cells) else ""
