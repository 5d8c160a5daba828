"""The Spark engine: the same pure batch functions, run inside `mapInPandas` on a cluster.

Records travel as JSON strings with their position, so any JSON-safe record works and the
output comes back in input order. The batch function must return one JSON-safe item per
record (as `enrich_for_store` does). PySpark is imported only when this engine is chosen.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from tahub.engines import BatchFn
from tahub.errors import UsageError

INSTALL = ("the spark engine needs PySpark and Java 17: pip install 'pyspark>=3.5' "
           "(or use --engine local)")


class SparkEngine:
    name = "spark"

    def __init__(self, session: Any = None) -> None:
        try:
            import pyspark  # noqa: F401
        except ImportError:
            raise UsageError(INSTALL) from None
        self._session = session

    @property
    def session(self) -> Any:
        if self._session is None:
            from pyspark.sql import SparkSession

            # local mode: workers use this interpreter (tahub installed); a cluster's own
            # PYSPARK_PYTHON setting wins
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

            self._session = SparkSession.builder.appName("tahub").getOrCreate()
        return self._session

    def map_batches(self, fn: BatchFn, records: Sequence[dict], batch_size: int,
                    on_batch: Callable[[int], None] | None = None) -> list[Any]:
        """`fn` over `records` in batches of at most `batch_size`, on the cluster."""
        if not records:
            return []
        rows = [(i, json.dumps(r, ensure_ascii=False, default=str))
                for i, r in enumerate(records)]
        frame = self.session.createDataFrame(rows, "idx long, record string").repartition(
            max(1, math.ceil(len(rows) / batch_size)))
        result = frame.mapInPandas(_apply(fn, batch_size), "idx long, result string").collect()
        out = [json.loads(row.result) for row in sorted(result, key=lambda row: row.idx)]
        if on_batch:
            on_batch(len(out))
        return out

    def close(self) -> None:
        """The session belongs to the caller (or to Spark's `getOrCreate`): left running."""


def _apply(fn: BatchFn, batch_size: int):  # type: ignore[no-untyped-def]
    def apply(frames):  # type: ignore[no-untyped-def]
        import pandas as pd

        for frame in frames:
            for start in range(0, len(frame), batch_size):
                part = frame.iloc[start:start + batch_size]
                out = fn([json.loads(x) for x in part["record"]])
                yield pd.DataFrame({"idx": part["idx"].to_numpy(),
                                    "result": [json.dumps(o, ensure_ascii=False) for o in out]})

    return apply
