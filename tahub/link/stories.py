"""Near-duplicate articles as one story: the same wire text republished on many sites.

Sites change the headline, add a byline or a footer, cut the last paragraphs; the body's
word 3-grams stay. Documents are compared by MinHash signatures of those shingles and
paired through LSH buckets (datasketch), so a new article is compared only with its likely
twins, not with the whole store. A story is named by its first (smallest) document id.
Pure: texts in, story ids out; no database. `band_keys` and `to_bytes`/`from_bytes` let the
store keep signatures and buckets, so an ingest reads only the new texts
(`tahub.store.stories`).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NAME = "stories"
VERSION = "1.0"
THRESHOLD = 0.5  # estimated Jaccard of shingle sets from which two texts are one story
NUM_PERM = 128
SHINGLE_WORDS = 3
MIN_SHINGLES = 12  # shorter texts (a bare headline) are never linked: too little evidence
_WORD = re.compile(r"\w+")
_MARKS = re.compile(r"[\u0300-\u036f]")  # combining accents left by NFKD


def shingles(text: str) -> set[bytes]:
    """Word 3-grams of the text, case- and accent-folded."""
    words = _WORD.findall(_MARKS.sub("", unicodedata.normalize("NFKD", text.casefold())))
    n = SHINGLE_WORDS
    return {" ".join(words[i:i + n]).encode() for i in range(len(words) - n + 1)}


@functools.cache
def _template() -> MinHash:
    """Drawing the permutations costs more than hashing a text: draw them once."""
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)


def signature(text: str) -> MinHash | None:
    """The MinHash of a text's shingles, or None when it is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    template = _template()
    sig = MinHash(num_perm=NUM_PERM, seed=1, permutations=template.permutations,
                  scheme=template.scheme, hashfunc=zlib.crc32)
    sig.update_batch(list(grams))
    return sig


def to_bytes(sig: MinHash) -> bytes:
    return sig.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> MinHash:
    template = _template()
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=np.frombuffer(data, dtype="<u8"),
                   permutations=template.permutations, scheme=template.scheme,
                   hashfunc=zlib.crc32)


@functools.cache
def _bands() -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for THRESHOLD and NUM_PERM."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_keys(sig: MinHash) -> list[int]:
    """One signed 64-bit key per LSH band: two texts of one story very likely share one."""
    bands, rows = _bands()
    values = sig.hashvalues.astype("<u8")
    return [int.from_bytes(hashlib.blake2b(values[i * rows:(i + 1) * rows].tobytes(),
                                           digest_size=8, salt=i.to_bytes(2, "big")).digest(),
                           "big", signed=True) for i in range(bands)]


def group_stories(items: Iterable[tuple[int, str]],
                  threshold: float = THRESHOLD) -> dict[int, int]:
    """Map each document id to its story id (the smallest id among its near-duplicates).

    Candidates from LSH are confirmed on the estimated Jaccard similarity, and groups are
    transitive: A~B and B~C make one story even when A and C differ more.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs: dict[int, MinHash] = {}
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for doc_id, text in sorted(items, key=lambda item: item[0]):
        parent[doc_id] = doc_id
        sig = signature(text)
        if sig is None:
            continue
        for other in lsh.query(sig):
            if sig.jaccard(sigs[other]) >= threshold:
                a, b = root(doc_id), root(other)
                parent[max(a, b)] = min(a, b)
        lsh.insert(doc_id, sig)
        sigs[doc_id] = sig
    return {doc_id: root(doc_id) for doc_id in parent}
