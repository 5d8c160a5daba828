"""Vocabulary YAML holds words: a bare `no`, `yes`, `on` or `off` in a list is read as a
boolean by YAML 1.1 and silently drops the word (Portuguese 'no', English 'no')."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

SCHEMA = Path(__file__).resolve().parents[2] / "tahub" / "schema"


def _booleans_in_lists(data: object, path: str = "") -> list[str]:
    if isinstance(data, dict):
        return [hit for key, value in data.items()
                for hit in _booleans_in_lists(value, f"{path}.{key}")]
    if isinstance(data, list):
        return [f"{path}[{i}]" for i, item in enumerate(data) if isinstance(item, bool)] + [
            hit for item in data for hit in _booleans_in_lists(item, path)]
    return []


@pytest.mark.parametrize("path", sorted(SCHEMA.rglob("*.yaml")), ids=lambda p: p.name)
def test_no_word_list_holds_a_boolean(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _booleans_in_lists(data) == [], f"quote the word in {path.relative_to(SCHEMA)}"
