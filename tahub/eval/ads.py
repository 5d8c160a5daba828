"""Score ad extraction, risk flags and ad linking against the gold set in eval/ads/.

Fields are scored as sets per ad (micro P/R/F1, overall and per language); risk as the
share of independent ads wrongly flagged and the recall of ads that should be flagged;
clusters as pairwise P/R/F1 and B-cubed over the ads of the split, linked by
`tahub.link.ads.link_ads` exactly as `tahub ads link` does.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from tahub.eval.metrics import Counts

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "ads"
SPLITS = {"dev": ["dev.jsonl"], "heldout": ["heldout.jsonl"],
          "all": ["dev.jsonl", "heldout.jsonl"]}
FIELDS = ("phones", "emails", "handles", "ages", "indicators")
INPUT_KEYS = ("id", "text", "title", "city", "country", "site", "posted_at")
FLAG_AT = 0.5  # default; run() uses the extractor's own threshold (schema/ads/risk.yaml)
EVAL_SECRET = b"tahub-eval-only"  # keyed hashes only need to agree within one run


def load(split: str, gold_dir: Path = GOLD_DIR) -> list[dict]:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {sorted(SPLITS)}")
    rows = []
    for name in SPLITS[split]:
        with (gold_dir / name).open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def field_values(field: str, record: Mapping) -> set:
    """One field of an extraction (or of a gold label) as a comparable set."""
    values = record.get(field) or []
    if field == "handles":
        return {(h.get("platform"), str(h.get("handle", "")).lower().lstrip("@"))
                for h in values}
    if field == "indicators":
        return {v["name"] if isinstance(v, Mapping) else v for v in values}
    if field == "emails":
        return {str(v).lower() for v in values}
    return set(values)


def pair_counts(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Counts:
    """Pairwise linkage counts: a pair is positive when both ads share a cluster."""
    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    both = Counter((predicted[a], gold[a]) for a in gold)
    tp = sum(pairs(n) for n in both.values())
    pred_pairs = sum(pairs(n) for n in Counter(predicted[a] for a in gold).values())
    gold_pairs = sum(pairs(n) for n in Counter(gold.values()).values())
    return Counts(tp=tp, fp=pred_pairs - tp, fn=gold_pairs - tp)


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (averaged over ads)."""
    pred_size = Counter(predicted[a] for a in gold)
    gold_size = Counter(gold.values())
    both = Counter((predicted[a], gold[a]) for a in gold)
    p = sum(both[(predicted[a], gold[a])] / pred_size[predicted[a]] for a in gold) / len(gold)
    r = sum(both[(predicted[a], gold[a])] / gold_size[gold[a]] for a in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster_of(clusters: Iterable[dict]) -> dict[str, str]:
    return {ad_id: c["cluster_id"] for c in clusters for ad_id in c["ad_ids"]}


def evaluate(gold_ads: list[dict], extracted: list[dict], clusters: list[dict],
             flag_at: float = FLAG_AT) -> dict:
    """All the numbers of the report, as data (tests and the README use them)."""
    by_id = {e["id"]: e for e in extracted}
    counts: dict[str, dict[str, Counts]] = {f: defaultdict(Counts) for f in FIELDS}
    misses: dict[str, list[str]] = defaultdict(list)
    flags = Counter()
    for ad in gold_ads:
        pred = by_id.get(ad["id"], {})
        for field in FIELDS:
            p, g = field_values(field, pred), field_values(field, ad["gold"])
            counts[field]["all"].add(p, g)
            counts[field][ad["lang"]].add(p, g)
            if p != g:
                misses[field].append(f"{ad['id']}: missed {sorted(g - p)} extra {sorted(p - g)}")
        flagged = float(pred.get("risk") or 0.0) >= flag_at
        flags[(ad["gold"]["flag"], flagged)] += 1
    independent = flags[(False, False)] + flags[(False, True)]
    should = flags[(True, False)] + flags[(True, True)]
    gold_cluster = {ad["id"]: ad["gold"]["poster"] for ad in gold_ads}
    predicted = cluster_of(clusters)
    should_flag = {ad["id"] for ad in gold_ads if ad["gold"]["flag"]}
    networks = Counter()  # (has an ad that should be flagged, cluster risk >= flag_at)
    for c in clusters:
        if "risk" in c:
            networks[(bool(should_flag & set(c["ad_ids"])), c["risk"] >= flag_at)] += 1
    return {
        "n": len(gold_ads), "langs": Counter(ad["lang"] for ad in gold_ads), "flag_at": flag_at,
        "fields": counts, "misses": misses,
        "false_flag_rate": flags[(False, True)] / independent if independent else 0.0,
        "flag_recall": flags[(True, True)] / should if should else 1.0,
        "flags": flags, "independent": independent, "should_flag": should,
        "networks": networks,
        "pairwise": pair_counts(predicted, gold_cluster),
        "bcubed": bcubed(predicted, gold_cluster), "clusters": len(clusters),
        "gold_clusters": len(set(gold_cluster.values())),
    }


def run(split: str) -> dict:
    """Extract, link and score one split of the gold set."""
    from tahub.enrich.ads import FLAG_THRESHOLD, extract_ads
    from tahub.link.ads import link_ads

    gold_ads = load(split)
    inputs = [{k: ad[k] for k in INPUT_KEYS if k in ad} for ad in gold_ads]
    extracted = extract_ads(inputs)
    clusters = link_ads(extracted, inputs, EVAL_SECRET)
    return evaluate(gold_ads, extracted, clusters, FLAG_THRESHOLD)


def format_report(split: str, result: dict, n_misses: int = 5) -> str:
    langs = sorted(result["langs"])
    per_lang = ", ".join(f"{lang} {result['langs'][lang]}" for lang in langs)
    lines = [f"ads gold set, split={split}: {result['n']} ads ({per_lang})", ""]
    for field in FIELDS:
        label = "indicators (micro)" if field == "indicators" else field
        lines.append(f"{label:<19} all  {result['fields'][field]['all'].row()}")
        for lang in langs:
            lines.append(f"{'':<19} {lang:<4} {result['fields'][field][lang].row()}")
    flags, nets = result["flags"], result["networks"]
    lines += [
        "",
        f"risk (flag at >= {result['flag_at']}): independent ads falsely flagged "
        f"{result['false_flag_rate']:.1%} ({flags[(False, True)]}/{result['independent']}); "
        f"flag recall {result['flag_recall']:.1%} ({flags[(True, True)]}/{result['should_flag']})",
        f"network risk: clusters of independent ads flagged {nets[(False, True)]}/"
        f"{nets[(False, True)] + nets[(False, False)]}; clusters holding an ad that should be "
        f"flagged, flagged {nets[(True, True)]}/{nets[(True, True)] + nets[(True, False)]}",
        f"clusters: {result['clusters']} predicted, {result['gold_clusters']} gold posters",
        f"cluster pairwise    {result['pairwise'].row()}",
        "cluster B-cubed     P={:.3f} R={:.3f} F1={:.3f}".format(*result["bcubed"]),
    ]
    if n_misses:
        lines += ["", f"first misses per field (up to {n_misses}):"]
        for field in FIELDS:
            for miss in result["misses"][field][:n_misses]:
                lines.append(f"  {field}: {miss}")
    return "\n".join(lines)


def report(split: str) -> str:
    """The text `python -m tahub.eval ads --split SPLIT` prints."""
    return format_report(split, run(split))
