"""Throughput of tracewire extract and ingest against raw spaCy on the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--words 40000]

Each stage runs in its own process (so peak memory is its own); the model is loaded before the
clock starts. Texts are the bundled sample corpus, repeated (with a counter so that every copy
is a new document for the store) until the word budget is reached. Printed: words/s per stage,
the ratios to raw spaCy measured in this run, and each stage's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus(words: int) -> list:
    from tracewire.ingest import read_inputs
    from tracewire.model import Document, Source

    base = [d for d in read_inputs([str(ROOT / "tracewire" / "data" / "sample")]) if isinstance(d, Document)]
    out, total, n = [], 0, 0
    while total < words:
        d = base[n % len(base)]
        text = d.text if n < len(base) else f"{d.text}\n\nCopy {n}."
        out.append(Document(text=text, source=Source(path=f"bench/{n}.txt", title=d.source.title), format="text"))
        total += len(text.split())
        n += 1
    return out


def run_stage(stage: str, words: int) -> dict:
    docs = corpus(words)
    n_words = sum(len(d.text.split()) for d in docs)
    if stage == "raw":
        import spacy

        from tracewire.extract import MODEL

        nlp = spacy.load(MODEL)
        nlp("warm up")
        t0 = time.perf_counter()
        for _ in nlp.pipe((d.text for d in docs), batch_size=32):
            pass
    elif stage == "extract":
        from tracewire.extract import build_nlp, extract

        nlp = build_nlp()
        nlp("warm up")
        t0 = time.perf_counter()
        for ex in extract(docs, nlp=nlp):
            json.dumps(ex.to_json())
    elif stage == "ingest":
        from tracewire.extract import build_nlp
        from tracewire.pipeline import Ingester, IngestReport
        from tracewire.store import open_store

        nlp = build_nlp()
        nlp("warm up")
        with tempfile.TemporaryDirectory() as tmp:
            ingester = Ingester(open_store(str(Path(tmp) / "bench.db")), nlp=nlp)
            report = IngestReport()
            t0 = time.perf_counter()
            for i in range(0, len(docs), 32):
                ingester.ingest_batch(docs[i:i + 32], report)
    else:
        raise SystemExit(f"unknown stage {stage}")
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"stage": stage, "docs": len(docs), "words": n_words, "seconds": round(seconds, 3),
            "words_per_s": round(n_words / seconds, 1), "peak_mb": round(peak_mb, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=40000)
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.words)))
        return
    results = {}
    for stage in ("raw", "extract", "ingest"):
        out = subprocess.run([sys.executable, __file__, "--stage", stage, "--words", str(args.words)],
                             check=True, capture_output=True, text=True).stdout
        results[stage] = json.loads(out.strip().splitlines()[-1])
    raw = results["raw"]["words_per_s"]
    print(f"{'stage':<10}{'docs':>6}{'words':>9}{'seconds':>9}{'words/s':>10}{'vs raw':>8}{'peak MB':>9}")
    for stage, r in results.items():
        print(f"{stage:<10}{r['docs']:>6}{r['words']:>9}{r['seconds']:>9.2f}{r['words_per_s']:>10.0f}"
              f"{r['words_per_s'] / raw:>8.2f}{r['peak_mb']:>9.0f}")
    print(f"extract/raw spaCy = {results['extract']['words_per_s'] / raw:.2f}; "
          f"ingest/raw spaCy = {results['ingest']['words_per_s'] / raw:.2f}")


if __name__ == "__main__":
    main()
