"""One test body over every engine: the same batch function gives identical lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tahub.engines import engine_named
from tahub.engines.pipeline import enrich_for_store
from tahub.errors import UsageError

REPO = Path(__file__).resolve().parents[2]


def dev_records(per_language: int) -> list[dict]:
    records = []
    for name in ("gold_en", "gold_es", "gold_pt"):
        with (REPO / "eval" / "text" / f"{name}.jsonl").open(encoding="utf-8") as fh:
            records += [{"id": r["id"], "text": r["text"], "published_at": r["published_at"]}
                        for r in map(json.loads, fh)][:per_language]
    return records


@pytest.mark.parametrize("name", ["local", "spark"])
def test_engines_give_the_lines_of_a_direct_call_in_order(name):
    if name == "spark":
        pytest.importorskip("pyspark")
        pytest.importorskip("pyarrow")
    records = dev_records(3)
    expected = enrich_for_store(records)
    engine = engine_named(name, workers=2)
    try:
        assert engine.map_batches(enrich_for_store, records, 4) == expected
    finally:
        engine.close()


def test_spark_without_pyspark_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if not installed
    with pytest.raises(UsageError, match=r"pip install 'pyspark>=3.5'.*--engine local"):
        engine_named("spark")
