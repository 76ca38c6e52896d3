"""RSS and Atom feeds (files or URLs): one document per entry, from its full content or summary."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from tracewire.errors import FormatError
from tracewire.ingest.html import html_to_text
from tracewire.model import Document, Source


def looks_like_feed(text: str) -> bool:
    head = text[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def parse_feed(data: bytes | str, where: str) -> Iterator[Document | FormatError]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise FormatError(where, f"not a readable RSS/Atom feed ({reason or 'no entries'})")
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        item = f"{where}#{n}"
        content = ""
        if entry.get("content"):
            content = entry.content[0].get("value", "")
        content = content or entry.get("summary", "") or ""
        body = html_to_text(content)
        if not body.strip():
            yield FormatError(item, "feed entry has no text")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        yield Document(
            text=body,
            source=Source(path=item, url=entry.get("link"), title=entry.get("title"), outlet=outlet,
                          published=published),
            format="feed",
        )
