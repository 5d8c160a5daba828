"""Open a tabular file of any shape members hold and yield its rows as text cells.

CSV (encoding and delimiter sniffed), XLSX, a JSON array of objects, or JSON Lines.
Row numbers are what the person sees: in CSV and XLSX the header is row 1 and the first
data row is row 2; in JSON the first object is row 1; in JSON Lines, the line number.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from tahub.errors import UsageError
from tahub.ingest.values import coerce_cell

DELIMITERS = ",;\t|"
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"PK\x03\x04",
                 b"\xd0\xcf\x11\xe0", b"\x7fELF")


@dataclass
class Table:
    """A file's header and rows; `rows` yields (row number, cells), cells as text."""

    path: Path
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    decimal: str = "."
    notes: list[str] = field(default_factory=list)
    bad_rows: dict[int, str] = field(default_factory=dict)  # row -> why it is no record


def open_table(path: Path, data: bytes) -> Table:
    """Read `data` (the bytes of `path`) as a table, or raise UsageError saying why not."""
    if not data.strip():
        raise UsageError(f"{path.name}: the file is empty")
    suffix = path.suffix.lower()
    if suffix == ".xlsx" or data.startswith(b"PK\x03\x04"):
        return _xlsx(path, data)
    if any(data.startswith(m) for m in _BINARY_MAGIC):
        raise UsageError(f"{path.name}: this is not a table (binary content, not CSV, XLSX "
                         "or JSON)")
    text = decode(path, data)
    if suffix == ".jsonl" or (suffix != ".json" and text.lstrip().startswith("{")):
        return _jsonl(path, text)
    if suffix == ".json" or text.lstrip().startswith("["):
        return _json(path, text)
    return _csv(path, text)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else the best single-byte guess."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        if data[1:200:2].count(0) > 50 or data[0:200:2].count(0) > 50:
            return data.decode("utf-16-le" if data[1] == 0 else "utf-16-be")
        raise UsageError(f"{path.name}: this is not a table (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000], cp_isolation=["cp1252", "latin_1", "utf_16"]).best()
    encoding = best.encoding if best else "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in DELIMITERS} if lines else {}
        best = max(counts, key=counts.get) if counts else ","
        return best if counts.get(best) else ","


def _csv(path: Path, text: str) -> Table:
    csv.field_size_limit(1 << 30)
    delimiter = _sniff_delimiter(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise UsageError(f"{path.name}: no header row could be read ({exc})") from None
    header = [h.strip() for h in header]
    if len(header) < 2 and delimiter == "," and not text.strip().count("\n"):
        raise UsageError(f"{path.name}: this is not a table (a single cell, no header row)")

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):  # noqa: B007 - used below
                if cells:
                    yield number, cells
        except csv.Error as exc:
            raise UsageError(f"{path.name}, row {number + 1}: unreadable CSV ({exc})") from None

    return Table(path, header, rows(), decimal="," if delimiter == ";" else ".")


def _xlsx(path: Path, data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UsageError(f"{path.name}: not a readable XLSX workbook ({type(exc).__name__})") \
            from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header_cells = next(values, None)
    if header_cells is None:
        raise UsageError(f"{path.name}: the first sheet is empty")
    header = [coerce_cell(c).strip() for c in header_cells]
    while header and not header[-1]:
        header.pop()

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, cells in enumerate(values, start=2):
            texts = [coerce_cell(c) for c in cells]
            while len(texts) > len(header) and not texts[-1]:
                texts.pop()
            if any(texts):
                yield number, texts
        workbook.close()

    notes = [f"read sheet '{sheet.title}' of {len(workbook.worksheets)}"]
    return Table(path, header, rows(), notes=notes)


def _objects_table(path: Path, objects: Iterator[tuple[int, object]]) -> Table:
    """Rows from JSON objects; anything else in their place is a bad row, not a bad file."""
    buffered = list(objects)
    header: list[str] = []
    bad: dict[int, str] = {}
    for number, obj in buffered:
        if isinstance(obj, dict):
            header.extend(k for k in obj if k not in header)
        elif isinstance(obj, _Unreadable):
            bad[number] = f"not valid JSON ({obj.reason})"
        else:
            bad[number] = f"expected a JSON object, got {type(obj).__name__}"
    if not header:
        raise UsageError(f"{path.name}: this is not a table (no JSON objects)")

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, obj in buffered:
            if isinstance(obj, dict):
                yield number, [_json_cell(obj.get(k)) for k in header]

    return Table(path, header, rows(), bad_rows=bad)


@dataclass
class _Unreadable:
    reason: str


def _json_cell(value: object) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return coerce_cell(value)


def _json(path: Path, text: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path.name}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, list):
        raise UsageError(f"{path.name}: expected a JSON array of objects")
    return _objects_table(path, enumerate(data, start=1))


def _jsonl(path: Path, text: str) -> Table:
    def objects() -> Iterator[tuple[int, object]]:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, _Unreadable(exc.msg)

    return _objects_table(path, objects())
