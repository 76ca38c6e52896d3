"""Articles uploaded through the API go into the ingest pipeline, never onto the file system.

The body (raw, or the files of a multipart form) is read into memory up to a size limit and
parsed by the same readers as files on disk; the only name kept is ``upload:<file name>`` as
the document's locator, so nothing a user sends becomes a path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tracewire.analyze import run_analysis
from tracewire.errors import InputError
from tracewire.ingest import read_bytes
from tracewire.pipeline import Ingester, IngestReport
from tracewire.resolve.identity import Resolver
from tracewire.resolve.watchlist import match as match_watchlist
from tracewire.store.sqlite import SQLiteStore

# what a user may upload: plain text, an HTML page, JSON lines (one article an object)
SUFFIX_BY_TYPE = {"text/plain": ".txt", "text/html": ".html", "application/xhtml+xml": ".html",
                  "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl", "application/json": ".jsonl",
                  "application/x-jsonlines": ".jsonl"}
SUFFIXES = {".txt": ".txt", ".text": ".txt", ".html": ".html", ".htm": ".html", ".jsonl": ".jsonl",
            ".ndjson": ".jsonl"}


class UploadError(Exception):
    """An upload the API refuses, with the HTTP status to answer and a message naming the reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Upload:
    name: str       # a label, never a path
    suffix: str
    data: bytes


def safe_name(name: str | None) -> str:
    """A file name reduced to a label: the last path component, printable characters, 100 at most."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[:100]
    return base or "article"


def suffix_for(name: str, content_type: str | None) -> str:
    media = (content_type or "").split(";")[0].strip().lower()
    dot = name.rfind(".")
    by_name = SUFFIXES.get(name[dot:].lower()) if dot > 0 else None
    if by_name:
        return by_name
    if media in SUFFIX_BY_TYPE:
        return SUFFIX_BY_TYPE[media]
    if media in ("", "application/octet-stream"):
        return ""  # sniffed from the content
    raise UploadError(415, f"{name}: unsupported content type {media!r}; send text/plain, text/html or JSON lines")


def ingest_uploads(store: SQLiteStore, uploads: list[Upload], *, nlp: Any) -> dict[str, Any]:
    """Parse, extract, resolve and store the uploaded articles; returns the ingest report with the
    ids of the documents read. Unreadable uploads are listed in ``failed`` (the rest is stored)."""
    report = IngestReport()
    docs = []
    for up in uploads:
        for item in read_bytes(up.data, f"upload:{up.name}", suffix=up.suffix):
            if isinstance(item, InputError):
                report.failed.append(str(item))
            else:
                report.read += 1
                docs.append(item)
    ingester = Ingester(store, nlp=nlp)
    if docs:
        ingester.ingest_batch(docs, report)
    if report.new or report.updated:  # as Ingester.run does after its batches
        report.links = Resolver(store).run()["changed"]
        match_watchlist(store)
        report.analysis = run_analysis(store)
    return {**report.to_json(), "documents": list(dict.fromkeys(d.id for d in docs))}
