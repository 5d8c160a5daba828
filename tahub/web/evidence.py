"""Evidence in its text: the document cut into plain and highlighted segments, one per
machine-made fact, so the template can wrap each span in <mark> without raw HTML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    hit: int | None = None  # index of the fact this span is evidence for


def segments(text: str, spans: list[tuple[int | None, int | None]]) -> list[Segment]:
    """`text` split at the `(start, end)` spans; overlapping, out-of-range or placeless
    spans (evidence that was itself personal data, in a redacted text) are left unmarked
    (their fact is still listed with its own quote)."""
    out: list[Segment] = []
    at = 0
    placed = [i for i, (start, end) in enumerate(spans) if start is not None and end is not None]
    for i in sorted(placed, key=lambda i: (spans[i][0], -spans[i][1])):
        start, end = spans[i]
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], i))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out
