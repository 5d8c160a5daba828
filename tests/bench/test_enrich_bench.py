"""bench/enrich.py runs end to end: a tiny run in the suite, the full one marked slow."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "enrich.py"


def load_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_enrich", BENCH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_corpus_varies_real_texts_without_repeating_one():
    bench = load_bench()
    base = len(bench.dev_texts())
    n = base + 300  # the labelled texts, then varied copies of them
    docs = bench.corpus(n)
    assert len(docs) == n and len({d["id"] for d in docs}) == n
    assert docs[0]["text"] == bench.dev_texts()[0]["text"]  # the dev set itself comes first
    assert docs[base]["id"].endswith("#1") and docs[base]["text"] != docs[0]["text"]
    assert len({d["text"] for d in docs}) > n - 50


def test_bench_runs_on_50_documents():
    pytest.importorskip("spacy")
    out = load_bench().run(50, workers=1, batch_size=20)
    for key in ("tahub", "spacy"):
        assert out[key]["docs"] == 50
        assert out[key]["docs_per_core_s"] > 0 and out[key]["peak_mb"] > 0
        assert out[key]["tags"] > 0  # both find the lexicon's forms in real texts
    assert out["ratio"] == pytest.approx(out["tahub"]["docs_per_core_s"]
                                         / out["spacy"]["docs_per_core_s"])


@pytest.mark.slow
def test_full_benchmark_prints_its_figures():
    pytest.importorskip("spacy")
    done = subprocess.run([sys.executable, str(BENCH)], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert "20,000 documents" in done.stdout
    assert "docs/s per core" in done.stdout and "ratio tahub / spaCy" in done.stdout
