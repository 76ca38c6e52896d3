"""Near-duplicate and syndicated-copy detection with MinHash over word shingles (datasketch).

Exact duplicates share a content hash and are stored once; near-duplicates (a story re-published
with a changed headline, a reworded sentence, an added credit line) are kept and linked to the
earliest copy with ``copy_of``, so corroboration can count them once.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # stored signatures are only comparable under the same hashing scheme
SHINGLE = 5
THRESHOLD = 0.6
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = [w.casefold() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64))


class NearDuplicateIndex:
    """In-memory LSH over the signatures of stored originals."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}

    def add(self, doc_id: str, mh: MinHash) -> None:
        if doc_id not in self.signatures:
            self.lsh.insert(doc_id, mh)
            self.signatures[doc_id] = mh

    def similar(self, mh: MinHash, *, threshold: float = THRESHOLD) -> list[tuple[str, float]]:
        """Stored documents whose estimated Jaccard similarity to ``mh`` is at least ``threshold``."""
        out = []
        for doc_id in self.lsh.query(mh):
            score = self.signatures[doc_id].jaccard(mh)
            if score >= threshold:
                out.append((doc_id, score))
        return sorted(out, key=lambda p: -p[1])
