"""The pipeline: ingest -> extract -> resolve -> store for a batch of inputs.

Documents already stored with the current extractor are not extracted again (re-ingesting is
cheap and changes no counts); each document is written in its own transaction, so an
interrupted run keeps everything before it and resumes by content hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from datasketch import MinHash
from spacy.language import Language

from tracewire import EXTRACTOR_VERSION
from tracewire.analyze import run_analysis
from tracewire.errors import InputError
from tracewire.extract import build_nlp, extract
from tracewire.ingest import read_inputs
from tracewire.ingest.dedupe import NearDuplicateIndex, from_bytes, signature, to_bytes
from tracewire.model import Document, Extraction
from tracewire.resolve import open_gazetteer, resolve
from tracewire.resolve.identity import Resolver
from tracewire.resolve.watchlist import match as match_watchlist
from tracewire.store import Store


@dataclass(slots=True)
class IngestReport:
    read: int = 0          # articles read
    new: int = 0           # stored for the first time
    updated: int = 0       # stored before by an older extractor, extracted again
    seen: int = 0          # already stored (same content hash)
    copies: int = 0        # near-duplicates linked to an earlier copy
    links: int = 0         # entities linked to a canonical entity by cross-document resolution
    failed: list[str] = field(default_factory=list)
    analysis: dict[str, Any] = field(default_factory=dict)  # claims and alerts recomputed after the ingest

    def to_json(self) -> dict[str, object]:
        return {"read": self.read, "new": self.new, "updated": self.updated, "seen": self.seen,
                "copies": self.copies, "links": self.links, "failed": list(self.failed),
                "analysis": dict(self.analysis)}


def batches(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while batch := list(islice(items, size)):
        yield batch


class Ingester:
    def __init__(self, store: Store, *, nlp: Language | None = None, batch_size: int = 32) -> None:
        self.store = store
        self.nlp = nlp
        self.batch_size = batch_size
        self.gazetteer = open_gazetteer()
        self.index = NearDuplicateIndex()
        for doc_id, _published, sig in store.signatures():
            self.index.add(doc_id, from_bytes(sig))

    def run(self, targets: Iterable[str], *, on_error: Callable[[InputError], None] | None = None,
            on_progress: Callable[[IngestReport], None] | None = None,
            on_stage: Callable[[str], None] | None = None) -> IngestReport:
        """Ingest ``targets``; ``on_progress`` hears after each batch, ``on_stage`` what the work
        over the whole store that follows is doing (it takes seconds on a large store)."""
        report = IngestReport()
        for batch in batches(self.documents(targets, report, on_error), self.batch_size):
            self.ingest_batch(batch, report)
            if on_progress:
                on_progress(report)
        self.finish(report, on_stage)
        return report

    @staticmethod
    def documents(targets: Iterable[str], report: IngestReport,
                  on_error: Callable[[InputError], None] | None = None) -> Iterator[Document]:
        """The readable documents of ``targets``; each unreadable input is counted and reported."""
        for item in read_inputs(targets):
            if isinstance(item, InputError):
                report.failed.append(str(item))
                if on_error:
                    on_error(item)
                continue
            report.read += 1
            yield item

    def finish(self, report: IngestReport, on_stage: Callable[[str], None] | None = None) -> None:
        """Cross-document identity, watchlist matches and analysis over the whole store. It runs
        whenever anything was read, not only when something was new: a run killed after storing
        its last document but before this step is completed by the next run."""
        say = on_stage or (lambda _message: None)
        if report.read:
            say("resolving identities across the store")
            report.links = Resolver(self.store).run()["changed"]
            say("matching watchlists")
            match_watchlist(self.store)
            say("analysis: reading statements for claims")
            report.analysis = run_analysis(self.store, say)

    def select(self, batch: list[Document], report: IngestReport,
               pending: set[str] | None = None) -> tuple[list[Document], list[Document]]:
        """Split a batch into documents to extract and repeats of documents being extracted; a
        document already stored by this extractor only gains a source. ``pending`` holds the ids
        of documents extracted but not yet stored (distributed ingest) and is updated."""
        todo: list[Document] = []
        repeats: list[Document] = []  # the same text again: a source once it is stored
        queued: set[str] = pending if pending is not None else set()
        for doc in batch:
            doc_id = doc.id
            if doc_id in queued:
                repeats.append(doc)
            elif self.store.document_extractor(doc_id) == EXTRACTOR_VERSION:
                self._add_source(doc)
                report.seen += 1
            else:
                queued.add(doc_id)
                todo.append(doc)
        return todo, repeats

    def ingest_batch(self, batch: list[Document], report: IngestReport) -> None:
        todo, repeats = self.select(batch, report)
        nlp = self.nlp or build_nlp() if todo else None
        for ex in extract(todo, nlp=nlp, batch_size=self.batch_size) if todo else ():
            resolve(ex, self.gazetteer)
            self.write(ex, signature(ex.document.text), report)
        self.add_repeats(repeats, report)

    def write(self, ex: Extraction, mh: MinHash, report: IngestReport) -> None:
        """Store one extracted document (in its own transaction), linked to its earliest near-duplicate."""
        original, later = self._original(ex.document, mh)
        status = self.store.put(ex, minhash=to_bytes(mh), copy_of=original, relink=later)
        if status == "new":
            report.new += 1
            if original:
                report.copies += 1
        elif status == "updated":
            report.updated += 1
        else:
            report.seen += 1
        self.index.add(ex.document.id, mh)

    def add_repeats(self, repeats: list[Document], report: IngestReport) -> None:
        for doc in repeats:
            self._add_source(doc)
            report.seen += 1

    def _add_source(self, doc: Document) -> None:
        with self.store.transaction():
            self.store.add_source(doc.id, doc.source.path or doc.source.url or doc.id, doc.source.url,
                                  doc.source.outlet)

    def _original(self, doc: Document, mh: MinHash) -> tuple[str | None, set[str]]:
        """The earliest stored copy this document is a near-duplicate of, if any.

        When the new document was published before every stored copy, it becomes the original:
        the second value lists the stored originals to re-link to it once it is written.
        """
        candidates = [d for d, _ in self.index.similar(mh) if d != doc.id]
        if not candidates:
            return None, set()
        originals = {self.store.original_of(d) for d in candidates}
        earliest = min(originals, key=self.store.age)
        mine = doc.source.published
        if mine and mine < self.store.age(earliest)[0]:
            return None, originals
        return earliest, set()

