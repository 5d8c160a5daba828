"""The golden tags: load `golden_tags.yaml`, check it, and answer questions about it.

Like followthemoney's `model.py`, the vocabulary lives in YAML and this module only loads,
checks and indexes it. A broken file fails at load with one `SchemaError` listing every
problem by file and key, so a YAML edit can never half-work at run time.

`python -m tahub.schema.taxonomy [lang] > docs/taxonomy.md` regenerates the docs page.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tahub.errors import SchemaError

LANGS: tuple[str, ...] = ("en", "es", "pt")
SYSTEMS: tuple[str, ...] = ("ctdc", "htcds", "ilo", "polaris")
# Case-data systems: a value names one tag only, so a CTDC/HTCDS column maps without doubt.
UNIQUE_SYSTEMS: tuple[str, ...] = ("ctdc", "htcds")
DEFAULT_PATH = Path(__file__).with_name("golden_tags.yaml")

_TOP_KEYS = {"version", "categories"}
_CATEGORY_KEYS = {"label", "description", "tags"}
_TAG_KEYS = {"id", "label", "description", "maps", "retired"}


@dataclass(frozen=True)
class Tag:
    id: str
    category: str
    label: Mapping[str, str]
    description: Mapping[str, str] | None
    maps: Mapping[str, tuple[str, ...]]
    retired: bool = False


@dataclass(frozen=True)
class Category:
    name: str
    label: Mapping[str, str]
    tags: tuple[Tag, ...]


class Taxonomy:
    """The loaded vocabulary: categories in file order, tags indexed by id and by mapping."""

    def __init__(self, version: int, categories: list[Category], path: Path) -> None:
        self.version = version
        self.path = path
        self.categories = {c.name: c for c in categories}
        self._tags = {t.id: t for c in categories for t in c.tags}
        self._mapped: dict[tuple[str, str], list[str]] = {}
        for tag in self._tags.values():
            for system, values in tag.maps.items():
                for value in values:
                    self._mapped.setdefault((system, value), []).append(tag.id)

    def __contains__(self, tag_id: object) -> bool:
        return tag_id in self._tags

    def get(self, tag_id: str) -> Tag | None:
        return self._tags.get(tag_id)

    def tags(self, category: str | None = None, include_retired: bool = False) -> list[Tag]:
        """Tags in file order, of one category or all; retired tags only when asked."""
        if category is None:
            found = list(self._tags.values())
        elif category in self.categories:
            found = list(self.categories[category].tags)
        else:
            raise KeyError(f"unknown category {category!r}; known: {', '.join(self.categories)}")
        return [t for t in found if include_retired or not t.retired]

    def label(self, tag_id: str, lang: str = "en") -> str:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
        tag = self._tags.get(tag_id)
        if tag is None:
            raise KeyError(f"unknown tag {tag_id!r}")
        return tag.label[lang]

    def by_mapping(self, system: str, value: str) -> str | None:
        """The tag equivalent to `value` in `system` ("ctdc", "htcds", "ilo", "polaris").

        For ilo and polaris, where several narrower tags may share one value, this is the
        first in file order; `tags_by_mapping` gives them all.
        """
        found = self._mapped.get((system, value))
        return found[0] if found else None

    def tags_by_mapping(self, system: str, value: str) -> list[str]:
        return list(self._mapped.get((system, value), []))


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; a vocabulary must not."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def _texts(raw: Any, where: str, errors: list[str], required: bool = True) -> dict[str, str]:
    """A {en, es, pt} block: every language present, non-empty, and nothing else."""
    if raw is None and not required:
        return {}
    if not isinstance(raw, dict):
        errors.append(f"{where}: expected a mapping with keys {', '.join(LANGS)}")
        return {}
    errors.extend(f"{where}.{k}: unknown key" for k in raw if k not in LANGS)
    for lang in LANGS:
        text = raw.get(lang)
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}.{lang}: missing or empty")
    return {lang: str(raw.get(lang, "")).strip() for lang in LANGS}


def _maps(raw: Any, where: str, errors: list[str]) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.append(f"{where}: expected a mapping of {', '.join(SYSTEMS)}")
        return {}
    maps: dict[str, tuple[str, ...]] = {}
    for system, value in raw.items():
        if system not in SYSTEMS:
            errors.append(f"{where}.{system}: unknown key (known: {', '.join(SYSTEMS)})")
            continue
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            errors.append(f"{where}.{system}: expected a non-empty string or list of strings")
            continue
        maps[system] = tuple(v.strip() for v in values)
    return maps


def _tag(raw: Any, category: str, where: str, errors: list[str]) -> Tag | None:
    if not isinstance(raw, dict):
        errors.append(f"{where}: expected a mapping")
        return None
    tag_id = raw.get("id")
    if not isinstance(tag_id, str) or not tag_id:
        errors.append(f"{where}.id: missing")
        return None
    where = f"{where} ({tag_id})"
    errors.extend(f"{where}.{k}: unknown key" for k in raw if k not in _TAG_KEYS)
    prefix, _, name = tag_id.partition(".")
    if prefix != category or not name.isidentifier() or name != name.lower():
        errors.append(f"{where}.id: must be '{category}.<lowercase_name>'")
    retired = raw.get("retired", False)
    if not isinstance(retired, bool):
        errors.append(f"{where}.retired: expected true or false")
    return Tag(
        id=tag_id,
        category=category,
        label=_texts(raw.get("label"), f"{where}.label", errors),
        description=_texts(raw.get("description"), f"{where}.description", errors, False) or None,
        maps=_maps(raw.get("maps"), f"{where}.maps", errors),
        retired=retired is True,
    )


def _check_unique(categories: list[Category], errors: list[str]) -> None:
    seen_ids: set[str] = set()
    seen_maps: dict[tuple[str, str], str] = {}
    for tag in (t for c in categories for t in c.tags):
        if tag.id in seen_ids:
            errors.append(f"{tag.id}: duplicate id")
        seen_ids.add(tag.id)
        for system in UNIQUE_SYSTEMS:
            for value in tag.maps.get(system, ()):
                other = seen_maps.setdefault((system, value), tag.id)
                if other != tag.id:
                    errors.append(f"{tag.id}.maps.{system}: {value!r} already maps to {other}")


def parse_taxonomy(text: str, path: Path) -> Taxonomy:
    """Check and index a golden-tags document; raise `SchemaError` naming file and keys."""
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise SchemaError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise SchemaError(f"{path}: expected a mapping with keys 'version' and 'categories'")
    errors = [f"{k}: unknown key" for k in raw if k not in _TOP_KEYS]
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        errors.append("version: expected a positive integer")
    raw_categories = raw.get("categories")
    if not isinstance(raw_categories, dict) or not raw_categories:
        errors.append("categories: expected a non-empty mapping")
        raw_categories = {}
    categories = []
    for name, body in raw_categories.items():
        where = f"categories.{name}"
        if not isinstance(body, dict) or not isinstance(body.get("tags"), list):
            errors.append(f"{where}.tags: expected a list of tags")
            continue
        errors.extend(f"{where}.{k}: unknown key" for k in body if k not in _CATEGORY_KEYS)
        label = _texts(body.get("label"), f"{where}.label", errors)
        tags = [_tag(t, name, f"{where}.tags[{i}]", errors) for i, t in enumerate(body["tags"])]
        categories.append(Category(name, label, tuple(t for t in tags if t is not None)))
    _check_unique(categories, errors)
    if errors:
        raise SchemaError(f"{path}: invalid golden tags:\n  " + "\n  ".join(errors))
    return Taxonomy(version, categories, path)


@lru_cache(maxsize=8)
def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The golden tags, read once per process (the bundled file unless `path` is given)."""
    source = Path(path) if path is not None else DEFAULT_PATH
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemaError(f"{source}: cannot read: {exc.strerror}") from None
    return parse_taxonomy(text, source)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _mapping_cell(tag: Tag, systems: tuple[str, ...]) -> str:
    parts = [f"`{v}`" for s in systems for v in tag.maps.get(s, ())]
    return "<br>".join(_cell(p) for p in parts)


def render_markdown(lang: str = "en", taxonomy: Taxonomy | None = None) -> str:
    """The docs page: one table per category, headings in `lang`, labels in every language."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    tax = taxonomy or load_taxonomy()
    lines = [
        f"# Golden tags (version {tax.version})",
        "",
        "<!-- Generated from tahub/schema/golden_tags.yaml by "
        "`python -m tahub.schema.taxonomy > docs/taxonomy.md`. Do not edit by hand. -->",
        "",
        "The hub's shared vocabulary. Ids are stable: a retired tag keeps its id and is never "
        "reused. Mappings: CTDC Global Dataset variables (codebook v6), HTCDS v2.0 "
        "`field:Value`, ILO indicators of forced labour (2012), Polaris typology (2017).",
        "",
    ]
    for category in tax.categories.values():
        lines += [f"## {category.label[lang]} (`{category.name}`)", ""]
        lines.append("| id | en | es | pt | CTDC / HTCDS | ILO | Polaris |")
        lines.append("|---|---|---|---|---|---|---|")
        for tag in category.tags:
            tag_id = f"`{tag.id}`" + (" (retired)" if tag.retired else "")
            cells = [tag_id, *(_cell(tag.label[lg]) for lg in LANGS)]
            cells += [_mapping_cell(tag, ("ctdc", "htcds")), _mapping_cell(tag, ("ilo",)),
                      _mapping_cell(tag, ("polaris",))]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def render_text(lang: str = "en", taxonomy: Taxonomy | None = None) -> str:
    """A terminal listing: each category, then each live tag id with its label in `lang`."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    tax = taxonomy or load_taxonomy()
    width = max(len(t.id) for t in tax.tags())
    lines = [f"golden tags v{tax.version} ({lang})"]
    for category in tax.categories.values():
        lines += ["", f"{category.label[lang]} [{category.name}]"]
        lines += [f"  {t.id:<{width}}  {t.label[lang]}" for t in tax.tags(category.name)]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - docs generator
    sys.stdout.write(render_markdown(sys.argv[1] if len(sys.argv) > 1 else "en"))
