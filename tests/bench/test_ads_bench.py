"""bench/ads.py runs end to end at a tiny size, and its comparisons are like for like."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ads.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_ads", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ads_bench_tiny_run(capsys):
    out = load_bench().main(["--n", "300", "--link-n", "3000", "--template-n", "300"])
    printed = capsys.readouterr().out
    assert "ads/s per core" in printed and "networkx components" in printed
    ext = out["extraction"]
    assert ext["ours_rate"] > 0 and ext["base_rate"] > 0
    # both scored against the same gold phones
    assert ext["ours"].tp + ext["ours"].fn == ext["base"].tp + ext["base"].fn > 200
    # phones alone find exactly what the full extraction finds, and run faster than it
    assert (ext["phones"].tp, ext["phones"].fp) == (ext["ours"].tp, ext["ours"].fp)
    assert ext["phones_rate"] > ext["ours_rate"]
    assert "phones vs phones" in printed
    link = out["link"]
    assert link["same_partition"]  # union-find and networkx agree on every component
    assert link["quality"]["f1"] == 1.0  # generated posters are all connected by identifiers
    assert out["template"]["with"].recall >= out["template"]["without"].recall
