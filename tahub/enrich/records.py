"""Read `tahub enrich` input: JSONL lines `{"id", "text", "url"?, "published_at"?}`.

Bad lines are reported by line number and reason, never quoting their content (it may hold
personal data).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LineProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def parse_line(number: int, line: str) -> dict | LineProblem | None:
    """The record on one line, a problem, or None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return LineProblem(number, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return LineProblem(number, "not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return LineProblem(number, "field 'text' missing, empty or not a string")
    if record.get("id") in (None, ""):
        return LineProblem(number, "field 'id' missing")
    return record


def read_records(lines: Iterable[str]) -> Iterator[tuple[int, dict | LineProblem]]:
    """(line number, record or problem) for every non-blank line."""
    for number, line in enumerate(lines, 1):
        parsed = parse_line(number, line)
        if parsed is not None:
            yield number, parsed
