"""Gazetteer look-ups per second and resolution time per document, in one run.

    .venv/bin/python benchmarks/resolution.py

Look-ups: place names from the gazetteer itself, a cold pass (every name new to the cache)
and a warm pass (the same names again, as a long ingest sees them). Resolution: toponym
ranking per extracted document of the sample corpus, and a cross-document identity pass over
a store of the sample corpus and the resolution corpus.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from tracewire.extract import build_nlp, extract
    from tracewire.ingest import read_inputs
    from tracewire.model import Document
    from tracewire.pipeline import Ingester
    from tracewire.resolve import open_gazetteer, resolve
    from tracewire.resolve.gazetteer import Gazetteer
    from tracewire.resolve.identity import Resolver
    from tracewire.store import open_store

    gaz: Gazetteer = open_gazetteer()
    names = [r[0] for r in gaz.conn.execute("SELECT name FROM place ORDER BY random() LIMIT 20000")]
    random.Random(7).shuffle(names)
    t0 = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    cold = len(names) / (time.perf_counter() - t0)
    batch_names = [r[0] for r in gaz.conn.execute("SELECT name FROM place ORDER BY random() LIMIT 20000")]
    t0 = time.perf_counter()
    for i in range(0, len(batch_names), 20):  # a document's worth of names per query
        gaz.lookup_many(batch_names[i:i + 20])
    batched = len(batch_names) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(10):
        for n in names:
            gaz.lookup(n)
    warm = 10 * len(names) / (time.perf_counter() - t0)

    nlp = build_nlp()
    docs = [d for d in read_inputs([str(ROOT / "tracewire" / "data" / "sample")]) if isinstance(d, Document)]
    extractions = list(extract(docs, nlp=nlp))
    t0 = time.perf_counter()
    for ex in extractions:
        resolve(ex, gaz)
    per_doc_ms = 1000 * (time.perf_counter() - t0) / len(extractions)

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        Ingester(store, nlp=nlp).run([str(ROOT / "tracewire" / "data" / "sample"),
                                      str(ROOT / "tests" / "data" / "resolution")])
        n_docs = store.counts()["documents"]
        t0 = time.perf_counter()
        result = Resolver(store).run()
        identity_ms = 1000 * (time.perf_counter() - t0)

    print(f"gazetteer look-ups (target 50,000/s): {cold:,.0f}/s one name at a time, {batched:,.0f}/s in "
          f"batches of 20 as documents are resolved (both with names new to the process), "
          f"{warm:,.0f}/s for names seen before")
    print(f"toponym resolution: {per_doc_ms:.2f} ms per document ({len(extractions)} documents)")
    print(f"identity pass: {identity_ms:.0f} ms over {result['entities']} entities of {n_docs} documents "
          f"({identity_ms / n_docs:.2f} ms per document)")


if __name__ == "__main__":
    main()
