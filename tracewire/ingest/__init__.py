"""Ingest: files, folders and URLs in, ``Document`` records out.

``read_inputs`` walks what the user named and yields a Document for every article it can read
and an ``InputError`` for every one it cannot, so a caller reports the failure and goes on.
Formats are chosen by suffix and, for unknown suffixes and URLs, by sniffing the content.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracewire.errors import FormatError, InputError
from tracewire.ingest.decode import decode
from tracewire.ingest.feed import looks_like_feed, parse_feed
from tracewire.ingest.fetch import fetch
from tracewire.ingest.html import parse_html
from tracewire.ingest.jsonl import parse_jsonl
from tracewire.ingest.text import parse_text
from tracewire.model import Document

MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

Item = Document | InputError

__all__ = ["Item", "read_bytes", "read_inputs", "read_path", "read_url"]


def read_inputs(targets: Iterable[str]) -> Iterator[Item]:
    """Every article in ``targets`` (files, folders searched recursively, http(s) URLs)."""
    for target in targets:
        if target.lower().startswith(("http://", "https://")):
            yield from read_url(target)
            continue
        path = Path(target)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in files:
                if file.suffix.lower() in KNOWN_SUFFIXES:
                    yield from read_path(file)
        elif path.exists():
            yield from read_path(path)
        else:
            yield InputError(target, "no such file or folder")


def read_path(path: Path) -> Iterator[Item]:
    """One file's articles. A file over MAX_FILE_BYTES is refused before it is read, and so is
    anything that is not a regular file (a pipe, a device such as /dev/zero): their size is
    unknown. At most MAX_FILE_BYTES are ever held in memory, even if the file grows meanwhile."""
    where = str(path)
    mb = 1024 * 1024
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield InputError(where, "not a regular file (a pipe, socket or device is not read)")
            return
        if info.st_size > MAX_FILE_BYTES:
            yield InputError(where, f"file is {info.st_size // mb} MB, over the {MAX_FILE_BYTES // mb} MB limit")
            return
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            yield InputError(where, f"file grew past the {MAX_FILE_BYTES // mb} MB limit while it was read")
            return
    except OSError as exc:
        yield InputError(where, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, where, suffix=path.suffix.lower())


def read_url(url: str) -> Iterator[Item]:
    try:
        fetched = fetch(url)
    except InputError as exc:
        yield exc
        return
    ctype = fetched.content_type
    suffix = ".xml" if ("rss" in ctype or "atom" in ctype or ctype.endswith("/xml")) else ""
    if ctype == "text/html":
        suffix = ".html"
    elif ctype == "text/plain":
        suffix = ".txt"
    yield from read_bytes(fetched.data, url, suffix=suffix, url=fetched.url)


def read_bytes(data: bytes, where: str, *, suffix: str = "", url: str | None = None) -> Iterator[Item]:
    """Parse one file's (or response's) bytes; errors are yielded, never raised."""
    try:
        text = decode(data, where)
        if not suffix or suffix not in KNOWN_SUFFIXES:
            suffix = _sniff(text)
        path = None if url else where
        if suffix in JSONL_SUFFIXES:
            yield from parse_jsonl(text, where)
        elif suffix in FEED_SUFFIXES or (suffix in HTML_SUFFIXES and looks_like_feed(text)):
            if not looks_like_feed(text):
                raise FormatError(where, "not an RSS or Atom feed")
            yield from parse_feed(data, where)
        elif suffix in HTML_SUFFIXES:
            yield parse_html(text, path=path, url=url)
        else:
            yield parse_text(text, path=path, url=url)
    except InputError as exc:
        yield exc


def _sniff(text: str) -> str:
    head = text.lstrip()[:2048].lower()
    if looks_like_feed(head):
        return ".xml"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return ".html"
    if head.startswith("{") and '"text"' in head:
        return ".jsonl"
    return ".txt"
