"""Engines run a pure batch function over many records: locally or on a cluster.

One small interface, as in Splink: the engine is an object passed in, the enrichment
functions do not know which one runs them. `local` (a process pool) is the default;
`spark` runs the same function inside `mapInPandas` and is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from tahub.errors import UsageError

BatchFn = Callable[[list[dict]], list[dict]]
ENGINES = ("local", "spark")


class Engine(Protocol):
    """Runs `fn` over `records` cut into batches; results come back in input order."""

    name: str

    def map_batches(self, fn: BatchFn, records: Sequence[dict], batch_size: int,
                    on_batch: Callable[[int], None] | None = None) -> list[Any]: ...

    def close(self) -> None: ...


def engine_named(name: str = "local", workers: int | None = None) -> Engine:
    """The engine called `name` (`local` or `spark`)."""
    if name == "local":
        from tahub.engines.local import LocalEngine

        return LocalEngine(workers)
    if name == "spark":
        from tahub.engines.spark import SparkEngine

        return SparkEngine()
    raise UsageError(f"unknown engine '{name}'; use one of {', '.join(ENGINES)}")
