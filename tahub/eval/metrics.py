"""Precision, recall and F1 over sets, counted the same way for every feature."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Counts:
    """True positives, false positives and false negatives, summed over examples."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable, gold: Iterable) -> None:
        p, g = set(predicted), set(gold)
        self.tp += len(p & g)
        self.fp += len(p - g)
        self.fn += len(g - p)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        scores = f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"
        return f"{scores} (tp={self.tp} fp={self.fp} fn={self.fn})"
