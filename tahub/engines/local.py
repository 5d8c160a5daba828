"""The local engine: batches over a pool of worker processes on this machine.

Each worker imports the batch function by name and builds its lazy indexes once, then
keeps them for every later batch; one worker (or a single batch) runs in-process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from tahub.engines import BatchFn


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def map_batches(self, fn: BatchFn, records: Sequence[dict], batch_size: int,
                    on_batch: Callable[[int], None] | None = None) -> list[Any]:
        """`fn` over `records` in batches of `batch_size`; outputs concatenated in order."""
        batches = [list(records[i:i + batch_size]) for i in range(0, len(records), batch_size)]
        out: list[Any] = []
        if self.workers == 1 or len(batches) <= 1:
            results = map(fn, batches)
        else:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers)
            results = self._pool.map(fn, batches)
        for batch, result in zip(batches, results, strict=True):
            out.extend(result)
            if on_batch:
                on_batch(len(batch))
        return out

    def close(self) -> None:
        """Stop the worker processes (the engine can be used again afterwards)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
