"""Near-duplicate ad texts: MinHash/LSH over word shingles, with stock phrases taken out.

Operators re-post one template under many names, numbers and cities. Independent workers
also share phrases ("100% real fotos", "discreción total"), so a phrase many unrelated
posters use must never be what links two ads. Three guards:

1. proper nouns are masked and numbers dropped (digits, number words of the ads lexicons,
   single letters such as look-alike O/l), so a template re-posted with another name,
   city, age, price or phone spelling still matches itself;
2. a shingle found in many *identifier groups* (ads already joined by a shared phone, email
   or handle count once) is a stock phrase and is dropped before comparing;
3. an ad with too few shingles left is not compared at all (too little text to call a
   template), and a candidate pair from LSH must reach `threshold` in exact Jaccard.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml
from datasketch import MinHash, MinHashLSH

NAME = "template_minhash"
VERSION = "1"
SHINGLE = 3
_WORD = re.compile(r"[^\W\d_]+")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def number_words() -> frozenset[str]:
    """Every number word of the ads lexicons (tahub/schema/ads/<lang>.yaml `number_words`)."""
    words: set[str] = set()
    folder = resources.files("tahub.schema") / "ads"
    for lang in ("es", "pt", "en"):
        data = yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8")) or {}
        for group in (data.get("number_words") or {}).values():
            words.update(_fold(str(w)) for w in group)
    return frozenset(words)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Word k-grams of the text, accents folded, capitalised words masked as `#`."""
    skip = number_words()
    words = []
    for w in _WORD.findall(text):
        if len(w) == 1 or not w.strip("OoIl"):  # letters standing in for 0 and 1
            continue
        if w[0].isupper():
            words.append("#")
        elif (w := _fold(w)) not in skip:
            words.append(w)
    return {" ".join(words[i:i + k]) for i in range(max(len(words) - k + 1, 0))}


def stock_shingles(sets: Sequence[set[str]], groups: Sequence[int], min_groups: int = 10,
                   share: float = 0.02) -> set[str]:
    """Shingles used by at least max(min_groups, share x groups) distinct identifier groups."""
    per_group: dict[int, set[str]] = {}
    for s, g in zip(sets, groups, strict=True):
        per_group.setdefault(g, set()).update(s)
    df = Counter(sh for s in per_group.values() for sh in s)
    limit = max(min_groups, share * len(per_group))
    return {sh for sh, c in df.items() if c >= limit}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def template_pairs(texts: Sequence[str], groups: Sequence[int] | None = None, *,
                   threshold: float = 0.5, min_shingles: int = 12, num_perm: int = 64,
                   min_groups: int = 10, share: float = 0.02) -> list[tuple[int, int, float]]:
    """Pairs (i, j, jaccard) of texts that are the same template, stock phrases excluded.

    `groups[i]` is the identifier group of text i (defaults to each text its own group).
    """
    groups = list(range(len(texts))) if groups is None else groups
    sets = [shingles(t) for t in texts]
    stock = stock_shingles(sets, groups, min_groups, share)
    kept = [s - stock for s in sets]
    eligible = [i for i, s in enumerate(kept) if len(s) >= min_shingles]
    if len(eligible) < 2:
        return []
    hashes = MinHash.bulk([[sh.encode() for sh in kept[i]] for i in eligible], num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold * 0.75, num_perm=num_perm)
    pairs = []
    for i, mh in zip(eligible, hashes, strict=True):
        for j in lsh.query(mh):
            score = jaccard(kept[i], kept[j])
            if score >= threshold:
                pairs.append((j, i, score))
        lsh.insert(i, mh)
    return pairs
