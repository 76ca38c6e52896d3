"""JSON lines: one article per line with ``text`` (required), ``title``, ``url``, ``published``, ``outlet``.

A bad line is reported with its line number and the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from tracewire.errors import FormatError
from tracewire.ingest.html import iso_date
from tracewire.model import Document, Source


def parse_jsonl(text: str, path: str) -> Iterator[Document | FormatError]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield FormatError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield FormatError(where, "JSON nested too deeply, refused")
            continue
        if not isinstance(obj, dict):
            yield FormatError(where, "a line must be a JSON object")
            continue
        body = obj.get("text")
        if not isinstance(body, str):
            yield FormatError(where, "missing field 'text'")
            continue
        if not body.strip():
            yield FormatError(where, "field 'text' is empty")
            continue
        yield Document(
            text=body,
            source=Source(path=where, url=_str(obj.get("url")), title=_str(obj.get("title")),
                          outlet=_str(obj.get("outlet")), published=iso_date(_str(obj.get("published")))),
            format="jsonl",
        )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
