"""An ingest killed with SIGKILL midway, then run again: every document stored exactly once, with
all its entities, relations and events, and no partial document visible at any point.

The killed run is a real ``tracewire ingest`` process (single-process, then on a LocalCluster of
two workers), in its own process group so that the kill takes its Dask workers down with it, as
a crash of the machine would. The reference is an uninterrupted ingest of the same files.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tracewire.ingest import read_inputs
from tracewire.model import Document
from tracewire.pipeline import Ingester
from tracewire.store import open_store

BIN = str(Path(sys.executable).parent / "tracewire")
PER_DOC = ("mentions", "relations", "events")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """72 articles as text files: the sample corpus twice, the second copy of each a new document."""
    folder = tmp_path_factory.mktemp("crash-corpus")
    base = [d for d in read_inputs([str(SAMPLE)]) if isinstance(d, Document)]
    for n, doc in enumerate(base + base):
        text = doc.text if n < len(base) else f"{doc.text}\n\nCopy {n}."
        (folder / f"a{n:03d}.txt").write_text(f"{doc.source.title or 'Untitled'}\n\n{text}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, fresh_db, nlp):
    store = open_store(fresh_db("reference"))
    Ingester(store, nlp=nlp).run([str(corpus)])
    return store.snapshot()


def per_document(snapshot: dict) -> dict[str, dict[str, list]]:
    """For every document: its rows in each table."""
    out: dict[str, dict[str, list]] = {}
    for doc in snapshot["documents"]:
        out[doc[0]] = {t: [] for t in PER_DOC}
    for table in PER_DOC:
        for row in snapshot[table]:
            doc_id = row[0] if isinstance(row, tuple) else row.split('"')[1]
            out[doc_id][table].append(row)
    return out


def kill_midway(corpus: Path, db: str, extra: list[str], at_least: int) -> int:
    proc = subprocess.Popen([BIN, "ingest", str(corpus), "--quiet", "--batch-size", "4", *extra],
                            env={**os.environ, "TRACEWIRE_DB": db}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            try:
                st = open_store(db, migrate=False)
                stored = st.counts()["documents"]
                st.close()
            except Exception:  # the store may not exist yet, or be mid-migration
                continue
            if stored >= at_least:
                break
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    return stored


@pytest.mark.parametrize("extra", [[], ["--workers", "2"]], ids=["single-process", "dask"])
def test_a_killed_ingest_resumes_without_loss_or_duplicates(corpus, reference, fresh_db, extra):
    db = fresh_db("crash")
    stored = kill_midway(corpus, db, extra, at_least=12)
    total = len(reference["documents"])
    st = open_store(db, migrate=False)
    partial = st.snapshot()
    st.close()
    assert 12 <= len(partial["documents"]) < total, "the kill came too late to test a resume"
    # what the killed run left is whole documents only, each with every fact the reference has
    want = per_document(reference)
    for doc_id, rows in per_document(partial).items():
        assert {t: len(rows[t]) for t in PER_DOC} == {t: len(want[doc_id][t]) for t in PER_DOC}, doc_id
    assert stored <= len(partial["documents"])

    again = subprocess.run([BIN, "ingest", str(corpus), "--quiet", "--json", *extra],
                           env={**os.environ, "TRACEWIRE_DB": db}, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    st = open_store(db, migrate=False)
    after = st.snapshot()
    st.close()
    assert after == reference
