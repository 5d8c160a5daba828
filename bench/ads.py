"""Ads benchmark: extraction speed and recall against phonenumbers' matcher, linking at scale
against networkx.

    .venv/bin/python bench/ads.py [--n 100000] [--link-n 1000000] [--template-n 20000]

(a) `extract_ads` over n generated ads (bench/gen_ads.py: dev-set phrase pools and phone
    obfuscations) vs `phonenumbers.PhoneNumberMatcher` over the same texts, one process
    each (= per core): ads/second, the ratio, and phones found against the gold. A second
    ratio is like for like: tahub's phones alone (text preparation and phones stage) vs
    the same matcher.
(b) identifier linking of link-n generated extracted ads with known posters: tahub's
    keyed-hash union-find vs building the same identifier graph in networkx and taking
    connected components (same keyed hashes); then the full `link_ads` with cluster
    summaries. Each runs in a forked child so its peak memory (RSS growth) is its own.
(c) template (MinHash/LSH) linking runs on the first template-n texts of (a), after
    extraction, because it is the slow part; its pairwise F1 against the gold posters is
    printed too.
The cyclic garbage collector is off for all timed phases alike (millions of small dicts).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import multiprocessing as mp
import resource
import sys
import time
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import phonenumbers  # noqa: E402
from gen_ads import INPUT_KEYS, ad_texts, extracted_ads  # noqa: E402

from tahub.enrich import ad_phones  # noqa: E402
from tahub.enrich.ad_lexicon import fold  # noqa: E402
from tahub.enrich.ad_text import digitize, normalize  # noqa: E402
from tahub.eval.ads import pair_counts  # noqa: E402
from tahub.eval.metrics import Counts  # noqa: E402
from tahub.link.ads import identifier_components, link_ads  # noqa: E402
from tahub.link.keyed import identifier_values, keyed_hash  # noqa: E402

SECRET = b"bench-secret"
_WARMUP = 200  # ads read by each side before its timed run
_DATA: dict = {}  # set before forking, read by the children


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _in_child(fn, *args):
    """Run fn(*args) in a forked child; return (result, (wall s, cpu s), peak RSS growth MB).

    CPU seconds are this one process's: on a shared machine they are the honest per-core
    figure, while wall seconds also count time spent waiting for a core."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def target() -> None:
        start_rss = _rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn(*args)
        seconds = (time.perf_counter() - t0, time.process_time() - c0)
        child.send((result, seconds, _peak_mb() - start_rss))

    proc = ctx.Process(target=target)
    proc.start()
    out = parent.recv()
    proc.join()
    return out


def _labels_digest(labels: list[int]) -> str:
    return hashlib.sha256(array("q", labels).tobytes()).hexdigest()[:16]


def _canonical(component_of: list[int]) -> list[int]:
    """Relabel components by their smallest ad index, so two methods can be compared."""
    smallest: dict[int, int] = {}
    for i, c in enumerate(component_of):
        smallest.setdefault(c, i)
    return [smallest[c] for c in component_of]


def tahub_components() -> tuple[int, str]:
    extracted = _DATA["extracted"]
    uf, _first = identifier_components(extracted, SECRET)
    roots = [uf.find(i) for i in range(len(extracted))]
    return len(set(roots)), _labels_digest(_canonical(roots))


def networkx_components() -> tuple[int, str]:
    import networkx as nx

    extracted = _DATA["extracted"]
    graph = nx.Graph()
    graph.add_nodes_from(range(len(extracted)))
    cache: dict[tuple[str, str], str] = {}
    for i, ad in enumerate(extracted):
        for pair in identifier_values(ad):
            key = cache.get(pair)
            if key is None:
                key = cache[pair] = f"{pair[0]}:{keyed_hash(pair[0], pair[1], SECRET)}"
            graph.add_edge(i, key)
    component_of = [0] * len(extracted)
    n = 0
    for comp in nx.connected_components(graph):
        ads = [x for x in comp if isinstance(x, int)]
        if ads:
            for i in ads:
                component_of[i] = n
            n += 1
    return n, _labels_digest(_canonical(component_of))


def tahub_link_full() -> tuple[int, dict]:
    extracted, records = _DATA["extracted"], _DATA["records"]
    clusters = link_ads(extracted, records, SECRET, template=False)
    predicted = {a: c["cluster_id"] for c in clusters for a in c["ad_ids"]}
    gold = {ad["id"]: ad["poster"] for ad in extracted}
    counts = pair_counts(predicted, gold)
    return len(clusters), {"p": counts.precision, "r": counts.recall, "f1": counts.f1}


def bench_extraction(ads: list[dict]) -> dict:
    from tahub.enrich.ads import extract_ads

    inputs = [{k: ad[k] for k in INPUT_KEYS if k in ad} for ad in ads]
    # Warm both sides up first (lazy loads: tahub's gazetteer, phonenumbers' metadata), so a
    # small run measures the steady rate, as a large one would.
    extract_ads(inputs[:_WARMUP])
    for ad in ads[:_WARMUP]:
        list(phonenumbers.PhoneNumberMatcher(ad["text"], ad["country"]))
    t0, c0 = time.perf_counter(), time.process_time()
    extracted = extract_ads(inputs)
    ours_s, ours_cpu = time.perf_counter() - t0, time.process_time() - c0
    ours = Counts()
    for ad, ex in zip(ads, extracted, strict=True):
        ours.add(ex["phones"], ad["gold"]["phones"])

    base = Counts()
    t0, c0 = time.perf_counter(), time.process_time()
    for ad in ads:
        text = f"{ad.get('title') or ''}\n{ad['text']}"
        found = {phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                 for m in phonenumbers.PhoneNumberMatcher(text, ad["country"])}
        base.add(found, ad["gold"]["phones"])
    base_s, base_cpu = time.perf_counter() - t0, time.process_time() - c0

    # Like for like: tahub's phones alone (the text preparation phones need, then the
    # phones stage), its number caches emptied first so it meets each number anew.
    ad_phones.international.cache_clear()
    ad_phones.national.cache_clear()
    for ad in ads[:_WARMUP]:
        phones_only(f"{ad.get('title') or ''}\n{ad['text']}", ad["country"])
    phones = Counts()
    t0, c0 = time.perf_counter(), time.process_time()
    for ad in ads:
        found = phones_only(f"{ad.get('title') or ''}\n{ad['text']}", ad["country"])
        phones.add(found, ad["gold"]["phones"])
    phones_s, phones_cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"n": len(ads), "ours_s": ours_s, "base_s": base_s, "ours_cpu": ours_cpu,
            "base_cpu": base_cpu, "ours": ours, "base": base, "phones_s": phones_s,
            "phones_cpu": phones_cpu, "phones": phones,
            "extracted": extracted, "inputs": inputs}


def phones_only(text: str, country: str | None) -> list[str]:
    """What `extract_ads` does to find phones, and nothing else: normalise, fold,
    write number words as digits, then the phones stage."""
    return ad_phones.find_phones(digitize(fold(normalize(text))), country)


def bench_template(ads: list[dict], extracted: list[dict], inputs: list[dict]) -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    clusters = link_ads(extracted, inputs, SECRET, template=True)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    predicted = {a: c["cluster_id"] for c in clusters for a in c["ad_ids"]}
    gold = {ad["id"]: ad["gold"]["poster"] for ad in ads}
    no_template = link_ads(extracted, inputs, SECRET, template=False)
    predicted_ids = {a: c["cluster_id"] for c in no_template for a in c["ad_ids"]}
    return {"n": len(ads), "s": seconds, "cpu": cpu, "with": pair_counts(predicted, gold),
            "without": pair_counts(predicted_ids, gold)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="ads for extraction (a)")
    parser.add_argument("--link-n", type=int, default=1_000_000, help="ads for linking (b)")
    parser.add_argument("--template-n", type=int, default=20_000,
                        help="ads for template linking (c)")
    args = parser.parse_args(argv)
    gc.disable()
    out: dict = {}

    t0 = time.perf_counter()
    ads = ad_texts(args.n)
    print(f"generated {len(ads):,} ad texts in {time.perf_counter() - t0:.1f} s")
    ex = bench_extraction(ads)
    ours_rate, base_rate = ex["n"] / ex["ours_cpu"], ex["n"] / ex["base_cpu"]
    print(f"(a) extraction, {ex['n']:,} ads, one process each (rates from CPU seconds):")
    print(f"    tahub extract_ads         {ours_rate:8,.0f} ads/s per core "
          f"(wall {ex['ours_s']:.0f} s)  phones {ex['ours'].row()}")
    print(f"    phonenumbers.Matcher      {base_rate:8,.0f} ads/s per core "
          f"(wall {ex['base_s']:.0f} s)  phones {ex['base'].row()}")
    print(f"    ratio {ours_rate / base_rate:.1f}x; phones found: tahub {ex['ours'].tp:,}, "
          f"phonenumbers {ex['base'].tp:,} of {ex['ours'].tp + ex['ours'].fn:,} in the gold")
    phones_rate = ex["n"] / ex["phones_cpu"]
    print(f"    tahub phones only         {phones_rate:8,.0f} ads/s per core "
          f"(wall {ex['phones_s']:.0f} s)  phones {ex['phones'].row()}")
    print(f"    ratios: all fields vs phones-only matcher {ours_rate / base_rate:.1f}x, "
          f"phones vs phones {phones_rate / base_rate:.1f}x")
    out["extraction"] = {"ours_rate": ours_rate, "base_rate": base_rate,
                         "phones_rate": phones_rate, "ours": ex["ours"], "base": ex["base"],
                         "phones": ex["phones"]}

    k = min(args.template_n, len(ads))
    tp = bench_template(ads[:k], ex["extracted"][:k], ex["inputs"][:k])
    print(f"(c) identifiers + template linking of {k:,} extracted ads: {tp['cpu']:.1f} s CPU "
          f"(wall {tp['s']:.1f} s); pairwise vs gold posters:")
    print(f"    with templates    {tp['with'].row()}")
    print(f"    identifiers only  {tp['without'].row()}")
    out["template"] = tp
    del ads, ex

    t0 = time.perf_counter()
    _DATA["extracted"], _DATA["records"] = extracted_ads(args.link_n)
    print(f"generated {args.link_n:,} extracted ads in {time.perf_counter() - t0:.1f} s "
          f"({len({a['poster'] for a in _DATA['extracted']}):,} posters)")
    gc.freeze()
    (n_ours, dig_ours), (w_ours, s_ours), mem_ours = _in_child(tahub_components)
    (n_nx, dig_nx), (w_nx, s_nx), mem_nx = _in_child(networkx_components)
    (n_full, quality), (w_full, s_full), mem_full = _in_child(tahub_link_full)
    same = "identical" if (n_ours, dig_ours) == (n_nx, dig_nx) else "DIFFERENT"
    print(f"(b) linking {args.link_n:,} ads by keyed-hash identifiers (CPU s, wall s):")
    print(f"    tahub union-find          {s_ours:6.1f} s ({w_ours:5.1f})  "
          f"peak +{mem_ours:,.0f} MB  {n_ours:,} clusters")
    print(f"    networkx components       {s_nx:6.1f} s ({w_nx:5.1f})  "
          f"peak +{mem_nx:,.0f} MB  {n_nx:,} clusters  ({same} partition)")
    print(f"    ratio {s_nx / s_ours:.1f}x faster, {mem_nx / max(mem_ours, 1):.1f}x less memory")
    print(f"    full link_ads (clusters with cities, dates, risk): {s_full:.1f} s "
          f"({w_full:.1f}), peak +{mem_full:,.0f} MB, {n_full:,} clusters; pairwise vs gold "
          f"P={quality['p']:.3f} R={quality['r']:.3f} F1={quality['f1']:.3f}")
    out["link"] = {"ours_s": s_ours, "nx_s": s_nx, "full_s": s_full, "ours_mb": mem_ours,
                   "nx_mb": mem_nx, "full_mb": mem_full, "same_partition": same == "identical",
                   "clusters": n_full, "quality": quality,
                   "wall": {"ours": w_ours, "nx": w_nx, "full": w_full}}
    return out


if __name__ == "__main__":
    main()
