"""Benchmark: text enrichment, all steps, against spaCy's PhraseMatcher, same documents.

    .venv/bin/python bench/enrich.py [--docs 20000] [--workers N] [--batch-size 256]

The documents are the development set's real texts (`eval/text/gold_*.jsonl`), replicated
with small variations (a dateline, changed numbers, a dropped paragraph, a footer) so that
no two are identical. tahub runs every step of `enrich_texts` (language, relevance, kind,
golden tags with negative contexts, places, dates, victims). The baseline only tags: for
each language `spacy.blank(lang)` with one `PhraseMatcher(attr="LOWER")` holding the same
lexicon forms (`tahub/schema/lexicon/{en,es,pt}.yaml`, alternatives expanded, negative
contexts ignored), told each text's language. Each side runs in its own fresh process
with a pool of workers (the `local` engine); vocabularies are built before the pool forks
and are not timed.
Prints documents/second per core (documents / CPU seconds of all processes), wall-clock
throughput, peak resident memory of the largest process, and the ratio.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tahub.engines.local import LocalEngine  # noqa: E402
from tahub.enrich.text_pipeline import SUPPORTED, combined_index, enrich_texts  # noqa: E402
from tahub.enrich.vocab import expand, load_yaml  # noqa: E402

GOLD = REPO / "eval" / "text"
DATELINES = {
    "en": ["LONDON (Reuters) - ", "MANILA, Philippines — ", "BOGOTA (AP) — ", ""],
    "es": ["BOGOTÁ (EFE). — ", "LIMA, 12 mar (Reuters) - ", "Ciudad de México.- ", ""],
    "pt": ["SÃO PAULO (Agência Brasil) — ", "Brasília — ", "MAPUTO (Lusa) - ", ""],
}
FOOTERS = {
    "en": ["Reporting by staff; editing by the news desk.", "© All rights reserved.", ""],
    "es": ["Con información de agencias.", "Todos los derechos reservados.", ""],
    "pt": ["Com informações da Agência Brasil.", "Todos os direitos reservados.", ""],
}
_NUMBER = re.compile(r"\d+")


def dev_texts() -> list[dict]:
    records = []
    for name in ("gold_en", "gold_es", "gold_pt"):
        with (GOLD / f"{name}.jsonl").open(encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    return records


def vary(record: dict, copy: int, rng: random.Random) -> dict:
    """One small variation of a real text: dateline, numbers, a paragraph, a footer."""
    lang = record["lang"]
    text = record["text"]
    if copy:
        paragraphs = [p for p in text.split("\n") if p.strip()]
        if len(paragraphs) > 3 and rng.random() < 0.3:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        text = "\n".join(paragraphs)
        text = _NUMBER.sub(lambda m: str(rng.randint(2, 9) * 10 ** (len(m.group()) - 1))
                           if rng.random() < 0.5 else m.group(), text)
        text = rng.choice(DATELINES[lang]) + text + "\n" + rng.choice(FOOTERS[lang])
    return {"id": f"{record['id']}#{copy}", "text": text, "lang": lang,
            "published_at": record.get("published_at")}


def corpus(n: int, seed: int = 7) -> list[dict]:
    """`n` documents: the dev set first as it is, then varied copies."""
    rng = random.Random(seed)
    base = dev_texts()
    return [vary(base[i % len(base)], i // len(base), rng) for i in range(n)]


@functools.cache
def matchers() -> dict:
    """One blank spaCy pipeline and PhraseMatcher per language, from the lexicon YAMLs."""
    import spacy
    from spacy.matcher import PhraseMatcher

    out = {}
    for lang in SUPPORTED:
        nlp = spacy.blank(lang)
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for tag, spec in load_yaml(f"lexicon/{lang}.yaml")["tags"].items():
            forms = {f for raw in spec.get("forms") or []
                     for f in expand(raw["form"] if isinstance(raw, dict) else str(raw))}
            matcher.add(tag, [nlp.make_doc(f) for f in sorted(forms)])
        out[lang] = (nlp, matcher)
    return out


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def tahub_batch(batch: list[dict]) -> list[dict]:
    """All enrichment steps over one batch; returns one summary row (kept small)."""
    lines = enrich_texts(batch)
    return [{"docs": len(lines), "tags": sum(len(x["tags"]) for x in lines),
             "relevant": sum(x["relevant"] for x in lines), "rss_kb": _peak_kb()}]


def spacy_batch(batch: list[dict]) -> list[dict]:
    """Tagging only, with spaCy's PhraseMatcher; one summary row."""
    found = 0
    by_lang = matchers()
    for record in batch:
        nlp, matcher = by_lang[record["lang"]]
        found += len(matcher(nlp.make_doc(record["text"])))
    return [{"docs": len(batch), "tags": found, "relevant": 0, "rss_kb": _peak_kb()}]


def measure(fn, records: list[dict], workers: int, batch_size: int) -> dict:  # type: ignore[no-untyped-def]
    """Run `fn` over `records` on a fresh pool; documents per CPU second and per second."""
    before = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN))
    started = time.perf_counter()
    with LocalEngine(workers) as engine:
        rows = engine.map_batches(fn, records, batch_size)
    wall = time.perf_counter() - started
    after = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN))
    cpu = sum((a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime)
              for a, b in zip(after, before, strict=True))
    docs = sum(r["docs"] for r in rows)
    return {"docs": docs, "wall_s": wall, "cpu_s": cpu, "docs_per_s": docs / wall,
            "docs_per_core_s": docs / cpu if cpu else float("nan"),
            "tags": sum(r["tags"] for r in rows), "relevant": sum(r["relevant"] for r in rows),
            "peak_mb": max([r["rss_kb"] for r in rows] + [_peak_kb()]) / 1024}


def measure_side(side: str, n_docs: int, workers: int, batch_size: int) -> dict:
    """One side on `n_docs` documents; vocabularies built (untimed) before the pool forks."""
    records = corpus(n_docs)
    if side == "tahub":
        for lang in SUPPORTED:
            combined_index(lang)
        enrich_texts(records[:3])
        return measure(tahub_batch, records, workers, batch_size)
    matchers()
    return measure(spacy_batch, records, workers, batch_size)


def summarise(n_docs: int, workers: int, tahub: dict, spacy: dict) -> dict:
    records = corpus(n_docs)
    return {"documents": n_docs, "workers": workers,
            "avg_chars": sum(len(r["text"]) for r in records) / max(1, len(records)),
            "tahub": tahub, "spacy": spacy,
            "ratio": tahub["docs_per_core_s"] / spacy["docs_per_core_s"]}


def run(n_docs: int, workers: int, batch_size: int = 256) -> dict:
    """Both measurements in this process, one after the other (quick checks)."""
    return summarise(n_docs, workers,
                     measure_side("tahub", n_docs, workers, batch_size),
                     measure_side("spacy", n_docs, workers, batch_size))


def run_isolated(n_docs: int, workers: int, batch_size: int) -> dict:
    """Each side in a fresh process, so neither's memory or warm caches count for the other."""
    sides = {}
    for side in ("tahub", "spacy"):
        done = subprocess.run([sys.executable, __file__, "--side", side, "--docs", str(n_docs),
                               "--workers", str(workers), "--batch-size", str(batch_size)],
                              capture_output=True, text=True, check=True)
        sides[side] = json.loads(done.stdout.strip().splitlines()[-1])
    return summarise(n_docs, workers, sides["tahub"], sides["spacy"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--side", choices=("tahub", "spacy"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(measure_side(args.side, args.docs, args.workers, args.batch_size)))
        return
    out = run_isolated(args.docs, args.workers, args.batch_size)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['documents']:,} documents (dev-set texts with variations, "
          f"{out['avg_chars']:,.0f} characters on average), {out['workers']} worker(s)")
    for label, key in (("tahub enrich, all steps", "tahub"),
                       ("spaCy PhraseMatcher, tags only", "spacy")):
        m = out[key]
        print(f"  {label:<32} {m['docs_per_core_s']:>8,.0f} docs/s per core "
              f"({m['docs_per_s']:,.0f} docs/s wall, {m['cpu_s']:.1f} CPU s), "
              f"peak RSS {m['peak_mb']:,.0f} MB, {m['tags']:,} tag hits")
    print(f"  ratio tahub / spaCy (per core): {out['ratio']:.2f}")


if __name__ == "__main__":
    main()
