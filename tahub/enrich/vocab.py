"""Load the enrichment vocabularies (YAML under `tahub/schema/`), failing loudly with file and key.

Surface forms may use alternatives in parentheses so inflections stay compact in YAML:
`explotad(a|as|o|os)` expands to four forms; `(|s)` allows an empty alternative; `<year>`
stands for any year from 1980 to 2039 ("between <year> and"), `<n>` for a number from 2 to 30
in digits ("nos últimos <n> anos").
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from tahub.errors import SchemaError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
_ALT = re.compile(r"\(([^()]*)\)")
_PLACEHOLDERS = {"<year>": "(" + "|".join(map(str, range(1980, 2040))) + ")",
                 "<n>": "(" + "|".join(map(str, range(2, 31))) + ")"}


@functools.lru_cache(maxsize=64)
def load_yaml(relative: str) -> dict[str, Any]:
    """Read `tahub/schema/<relative>` once per process; the result must not be mutated."""
    path = SCHEMA_DIR / relative
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SchemaError(f"{path}: vocabulary file is missing") from exc
    except yaml.YAMLError as exc:
        raise SchemaError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or "version" not in data:
        raise SchemaError(f"{path}: expected a mapping with a 'version' key")
    return data


def require(data: dict[str, Any], key: str, where: str) -> Any:
    """Return `data[key]` or raise a SchemaError naming the file and key."""
    if key not in data:
        raise SchemaError(f"{where}: missing key '{key}'")
    return data[key]


def expand(form: str) -> list[str]:
    """Expand alternatives: `niñ(a|o)s` -> [`niñas`, `niños`]."""
    for placeholder, alternatives in _PLACEHOLDERS.items():
        form = form.replace(placeholder, alternatives)
    match = _ALT.search(form)
    if not match:
        return [" ".join(form.split())]
    head, tail = form[: match.start()], form[match.end() :]
    out: list[str] = []
    for alt in match.group(1).split("|"):
        out.extend(expand(head + alt + tail))  # spaces kept: "(de |)escravo"
    return out


def expand_all(forms: list[str]) -> list[str]:
    """Expand every form of a list, keeping order and dropping duplicates."""
    seen: dict[str, None] = {}
    for form in forms:
        for f in expand(str(form)):
            if f:
                seen.setdefault(f, None)
    return list(seen)
