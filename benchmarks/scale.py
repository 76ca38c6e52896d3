"""Scale-out figures, all measured in one run on this machine:

    .venv/bin/python benchmarks/scale.py [--docs 600] [--postgres postgresql://...]

1. the machine's parallel ceiling: a CPU-bound pure-Python task done in 2 processes vs 1 (and,
   for reference, raw spaCy parsing the corpus in 2 processes vs 1);
2. distributed ingest of the same template corpus (``corpusgen.py``) on a LocalCluster of
   1 and of 2 workers (cluster started and models loaded before the clock starts), and
   2-vs-1 set against the ceiling;
3. resident memory per worker (the spaCy pipeline and gazetteer loaded, after the run);
4. single-process ingest into SQLite and into PostgreSQL (when ``--postgres`` or
   ``$TRACEWIRE_TEST_DB`` names a server), words/s and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def spin(n: int) -> int:
    """A CPU-bound pure-Python task."""
    total = 0
    for i in range(n):
        total = (total * 31 + i) % 1_000_003
    return total


def ceiling(n: int = 6_000_000) -> float:
    """How much faster 2 processes do 2 units of work than 1 process does them (ideal: 2.0)."""
    with ProcessPoolExecutor(1) as one, ProcessPoolExecutor(2) as two:
        list(one.map(spin, [1000])), list(two.map(spin, [1000, 1000]))  # start the processes first
        t0 = time.perf_counter()
        list(one.map(spin, [n, n]))
        t1 = time.perf_counter()
        list(two.map(spin, [n, n]))
        t2 = time.perf_counter()
    return (t1 - t0) / (t2 - t1)


_NLP: list = []


def parse(texts: list[str]) -> int:
    """Raw spaCy over ``texts`` in this process (the model loaded once per process)."""
    if not _NLP:
        import spacy

        from tracewire.extract import MODEL

        _NLP.append(spacy.load(MODEL))
    return sum(len(d) for d in _NLP[0].pipe(texts, batch_size=32))


def spacy_ceiling(texts: list[str]) -> float:
    """The same for raw spaCy: the texts parsed in 2 processes (half each) vs 1."""
    half = len(texts) // 2
    with ProcessPoolExecutor(1) as one, ProcessPoolExecutor(2) as two:
        list(one.map(parse, [["warm up"]])), list(two.map(parse, [["warm up"], ["warm up"]]))
        t0 = time.perf_counter()
        list(one.map(parse, [texts]))
        t1 = time.perf_counter()
        list(two.map(parse, [texts[:half], texts[half:]]))
        t2 = time.perf_counter()
    return (t1 - t0) / (t2 - t1)


def corpus(folder: Path, docs: int) -> tuple[list[str], int]:
    import corpusgen

    files = corpusgen.write_text(folder, docs, seed=11)
    words = sum(len(json.loads(line)["text"].split()) for f in files for line in f.read_text().splitlines())
    return [str(f) for f in files], words


def distributed(files: list[str], workers: int, db: str) -> tuple[float, list[int]]:
    from tracewire.scale.distributed import DistributedIngester, connect, worker_state
    from tracewire.store import open_store

    store = open_store(db)
    with connect(workers=workers) as client:
        ingester = DistributedIngester(store, client, batch_size=16)
        ingester.warm()
        t0 = time.perf_counter()
        report = ingester.run(files)
        seconds = time.perf_counter() - t0
        rss = [s["rss"] // 2**20 for s in client.run(worker_state).values()]
    assert report.new == report.read, report.to_json()
    store.close()
    return seconds, rss


def single(files: list[str], db: str) -> float:
    from tracewire.extract import build_nlp
    from tracewire.pipeline import Ingester
    from tracewire.store import open_store

    nlp = build_nlp()
    nlp("warm up")
    store = open_store(db)
    t0 = time.perf_counter()
    report = Ingester(store, nlp=nlp).run(files)
    seconds = time.perf_counter() - t0
    assert report.new == report.read, report.to_json()
    store.close()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--postgres", default=os.environ.get("TRACEWIRE_TEST_DB"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, words = corpus(Path(tmp) / "corpus", args.docs)
        print(f"corpus: {args.docs} template articles, {words} words ({os.cpu_count()} CPUs)")
        cpu = ceiling()
        print(f"parallel ceiling: a pure-Python task in 2 processes vs 1 = {cpu:.2f}x")
        texts = [json.loads(line)["text"] for f in files for line in Path(f).read_text().splitlines()]
        print(f"raw spaCy in 2 processes vs 1 = {spacy_ceiling(texts):.2f}x")
        t1, rss1 = distributed(files, 1, str(Path(tmp) / "d1.db"))
        t2, rss2 = distributed(files, 2, str(Path(tmp) / "d2.db"))
        speedup = t1 / t2
        print(f"dask ingest, 1 worker:  {t1:7.1f} s  {words / t1:7.0f} words/s")
        print(f"dask ingest, 2 workers: {t2:7.1f} s  {words / t2:7.0f} words/s")
        print(f"dask 2 vs 1 = {speedup:.2f}x; ceiling {cpu:.2f}x; share of the ceiling = {speedup / cpu:.2f}")
        print(f"memory per worker (RSS, model and gazetteer loaded): {', '.join(f'{m} MB' for m in rss1 + rss2)}")
        ts = single(files, str(Path(tmp) / "single.db"))
        print(f"single process, SQLite:     {ts:7.1f} s  {words / ts:7.0f} words/s")
        if args.postgres:
            import psycopg

            schema = f"bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(args.postgres, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            try:
                sep = "&" if "?" in args.postgres else "?"
                tp = single(files, f"{args.postgres}{sep}options=-csearch_path%3D{schema}")
            finally:
                with psycopg.connect(args.postgres, autocommit=True) as conn:
                    conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            print(f"single process, PostgreSQL: {tp:7.1f} s  {words / tp:7.0f} words/s")
            print(f"PostgreSQL vs SQLite ingest = {ts / tp:.2f}x the words/s")
        else:
            print("PostgreSQL: no server given (--postgres or $TRACEWIRE_TEST_DB), not measured")


if __name__ == "__main__":
    main()
