"""Plain-text articles: an optional headline line followed by a blank line, then the body."""

from __future__ import annotations

from tracewire.model import Document, Source

_MAX_TITLE = 200


def parse_text(text: str, path: str | None = None, url: str | None = None) -> Document:
    """The whole text is the document (offsets point into it); a short first paragraph is its title."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n\n")
    title = None
    if sep and rest.strip() and 0 < len(first.strip()) <= _MAX_TITLE and "\n" not in first.strip():
        title = first.strip()
    return Document(text=text, source=Source(path=path, url=url, title=title), format="text")
