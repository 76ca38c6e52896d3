"""Distributed ingest on Dask: documents are read and stored by the client, extracted on workers.

``tracewire ingest --workers N`` starts a ``LocalCluster`` of N worker processes on this
machine; ``--scheduler tcp://host:port`` uses a running cluster (its workers need tracewire
installed). The client reads the inputs, drops what the store already holds (by content hash),
and sends batches of documents to the workers; each worker loads the spaCy pipeline and the
gazetteer once (a module-level cache in the worker process) and returns the extractions, with
places resolved and the MinHash signature made. The client writes the results in the order the
documents were read, one transaction per document, exactly as a single-process ingest does, so
the store ends up the same either way, and a run that is killed resumes by content hash.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from tracewire.errors import InputError, TracewireError
from tracewire.ingest.dedupe import from_bytes, signature, to_bytes
from tracewire.model import Document, Extraction
from tracewire.pipeline import Ingester, IngestReport, batches
from tracewire.store import Store

__all__ = ["DistributedIngester", "connect", "extract_partition", "worker_state"]

_STATE: dict[str, Any] = {"loads": 0}


def _worker_models() -> tuple[Any, Any]:
    """This process's spaCy pipeline and gazetteer, loaded on first use and kept."""
    if "nlp" not in _STATE:
        from tracewire.extract import build_nlp
        from tracewire.resolve import open_gazetteer

        _STATE["nlp"] = build_nlp()
        _STATE["gazetteer"] = open_gazetteer()
        _STATE["loads"] += 1
    return _STATE["nlp"], _STATE["gazetteer"]


def extract_partition(docs: list[Document], batch_size: int = 32) -> list[tuple[Extraction, bytes]]:
    """Runs on a worker: each document's extraction (places resolved) and its MinHash signature."""
    from tracewire.extract import extract
    from tracewire.resolve import resolve

    nlp, gazetteer = _worker_models()
    out = []
    for ex in extract(docs, nlp=nlp, batch_size=batch_size):
        resolve(ex, gazetteer)
        out.append((ex, to_bytes(signature(ex.document.text))))
    return out


def worker_state() -> dict[str, int]:
    """Runs on a worker: its process id, how often it loaded the model, its resident memory."""
    import psutil

    _worker_models()
    return {"pid": os.getpid(), "model_loads": int(_STATE["loads"]),
            "rss": int(psutil.Process().memory_info().rss)}


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None, *, timeout: float = 20) -> Iterator[Any]:
    """A Dask client: on a new LocalCluster of ``workers`` processes, or on ``scheduler``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise TracewireError("distributed ingest needs Dask: pip install 'tracewire[dask]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=f"{timeout}s")
        except (OSError, TimeoutError) as exc:
            raise TracewireError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    if not workers or workers < 1:
        raise TracewireError("--workers must be at least 1")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


class DistributedIngester(Ingester):
    """An ``Ingester`` whose extraction runs on Dask workers; storing stays on the client."""

    def __init__(self, store: Store, client: Any, *, batch_size: int = 32, in_flight: int | None = None) -> None:
        super().__init__(store, batch_size=batch_size)
        self.client = client
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # enough batches queued to keep every worker busy while the client writes
        self.in_flight = in_flight or 2 * workers + 1

    def warm(self) -> list[dict[str, int]]:
        """Load the model on every worker now (not inside the first batch); their state."""
        return list(self.client.run(worker_state).values())

    def run(self, targets: Iterable[str], *, on_error: Callable[[InputError], None] | None = None,
            on_progress: Callable[[IngestReport], None] | None = None,
            on_stage: Callable[[str], None] | None = None) -> IngestReport:
        report = IngestReport()
        pending: set[str] = set()
        queue: deque[tuple[Any, list[Document]]] = deque()

        def drain_one() -> None:
            future, repeats = queue.popleft()
            for ex, mh in future.result() if future is not None else ():
                self.write(ex, from_bytes(mh), report)
                pending.discard(ex.document.id)
            self.add_repeats(repeats, report)
            if on_progress:
                on_progress(report)

        for batch in batches(self.documents(targets, report, on_error), self.batch_size):
            todo, repeats = self.select(batch, report, pending)
            future = self.client.submit(extract_partition, todo, self.batch_size, pure=False) if todo else None
            queue.append((future, repeats))
            while len(queue) > self.in_flight:
                drain_one()
        while queue:
            drain_one()
        self.finish(report, on_stage)
        return report
