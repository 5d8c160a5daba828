"""Benchmark: joining a feed's new articles to stories in a hub that already holds many.

    .venv/bin/python bench/stories.py [--stored 20000] [--new 50]

A fresh SQLite hub is filled with `--stored` documents (the text dev set with small
variations, bench/enrich.py's corpus) in batches, then one more feed of `--new` articles is
ingested and timed. Baseline, same run: what an ingest did before signatures were stored,
`group_stories` over every stored text. Prints seconds, the ratio and peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def _store(docs: list[dict], name: str) -> float:
    from tahub.ingest.documents import Draft, store_documents
    from tahub.ingest.tabular import Provenance

    drafts = [Draft(row=i + 1, text=d["text"], title=d["id"]) for i, d in enumerate(docs)]
    digest = hashlib.sha256(name.encode()).hexdigest()
    started = time.perf_counter()
    store_documents(drafts, [], name=name, profile="documents", digest=digest, partial=False,
                    provenance=Provenance())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=20_000)
    parser.add_argument("--new", type=int, default=50)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="tahub-stories-")
    os.environ["TAHUB_DATABASE_URL"] = f"sqlite:///{folder}/hub.db"
    from enrich import corpus
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from tahub.link.stories import group_stories
    from tahub.store.db import get_engine
    from tahub.store.tables import Document

    docs = corpus(args.stored + args.new, seed=11)
    fill = time.perf_counter()
    for n, start in enumerate(range(0, args.stored, 2_000)):
        _store(docs[start:min(start + 2_000, args.stored)], f"fill-{n}")
    fill = time.perf_counter() - fill
    seconds = _store(docs[args.stored:], "new-feed")
    with Session(get_engine()) as session:
        texts = session.execute(select(Document.id, Document.text)).all()
    started = time.perf_counter()
    group_stories(texts)
    baseline = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"hub of {args.stored:,} documents (filled in {fill:.0f} s); one feed of "
          f"{args.new} new articles:")
    print(f"  tahub, stored signatures and LSH bands   {seconds:8.2f} s")
    print(f"  regrouping every stored text (baseline)  {baseline:8.2f} s")
    print(f"  ratio {baseline / seconds:.0f}x faster; peak RSS {peak} MB")


if __name__ == "__main__":
    main()
