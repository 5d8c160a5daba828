"""The hub's vocabulary as data: golden tags, lexicons and column profiles live in YAML here."""

from __future__ import annotations

from typing import Any

_TAXONOMY_NAMES = ("LANGS", "Tag", "Taxonomy", "load_taxonomy")
__all__ = list(_TAXONOMY_NAMES)


def __getattr__(name: str) -> Any:
    # Imported lazily so `python -m tahub.schema.taxonomy` does not load the module twice.
    if name in _TAXONOMY_NAMES:
        from tahub.schema import taxonomy

        return getattr(taxonomy, name)
    raise AttributeError(f"module 'tahub.schema' has no attribute {name!r}")
