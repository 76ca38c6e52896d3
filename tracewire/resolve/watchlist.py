"""Watchlists: actors to watch, imported from FollowTheMoney entities (OpenSanctions, Aleph exports).

``import_ftm`` reads FtM JSON (one entity per line, or one JSON array) and keeps people and
organisations with every name they carry (name, alias, weakAlias, previousName). ``match``
links each watched actor to the stored canonical entities it denotes, by the same
transliteration-aware comparison that cross-document identity uses, gated by type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracewire.errors import EncodingError, FormatError, InputError
from tracewire.kb import load_registry
from tracewire.resolve.identity import names_score, skeleton_tokens
from tracewire.store import Store

SCHEMA_TYPES = {"Person": "PERSON", "Organization": "ORG", "Company": "ORG", "PublicBody": "ORG",
                "LegalEntity": None}  # a legal entity may be a person or an organisation


@dataclass(slots=True)
class WatchImport:
    read: int = 0
    imported: int = 0
    skipped: int = 0
    matched: int = 0
    failed: list[str] = field(default_factory=list)


def _entities(path: Path) -> Iterator[tuple[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(str(path), f"not UTF-8 (invalid byte at {exc.start}); FtM files are UTF-8 JSON") from None
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(str(path), f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
        for n, item in enumerate(items, 1):
            yield f"{path}#{n}", item
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield f"{path}:{n}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"{path}:{n}", FormatError(f"{path}:{n}", f"invalid JSON ({exc.msg})")


def _values(props: dict[str, Any], prop: str) -> list[str]:
    """An FtM property's values: a list by the format, a single string tolerated."""
    value = props.get(prop)
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _names(props: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for prop in ("name", "alias", "weakAlias", "previousName"):
        for value in _values(props, prop):
            if value not in names:
                names.append(value)
    first, last = _values(props, "firstName"), _values(props, "lastName")
    if not names and first and last:
        names.append(f"{first[0]} {last[0]}")
    return names


def import_ftm(store: Store, path: str | Path) -> WatchImport:
    """Import watched actors from an FtM file; bad entries are reported and the rest imported."""
    path = Path(path)
    report = WatchImport()
    try:
        entries = list(_entities(path))
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    rows: list[tuple[str, str, str, str, str, str]] = []
    for where, item in entries:
        report.read += 1
        if isinstance(item, InputError):
            report.failed.append(str(item))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("properties"), dict) or not item.get("id"):
            report.failed.append(f"{where}: not a FollowTheMoney entity (needs id, schema and properties)")
            continue
        schema = str(item.get("schema") or "")
        if schema not in SCHEMA_TYPES:
            report.skipped += 1  # addresses, sanctions, ownership links: not actors
            continue
        names = _names(item["properties"])
        if not names:
            report.failed.append(f"{where}: {schema} {item['id']} has no name")
            continue
        rows.append((str(item["id"]), schema, names[0], json.dumps(names), json.dumps(item["properties"]),
                     str(path.name)))
        report.imported += 1
    with store.transaction() as c:  # all or nothing: a file is one import
        c.executemany("INSERT INTO watchlist(ftm_id, schema, name, names, properties, source) VALUES (?, ?, ?, ?, ?, ?)"
                      " ON CONFLICT(ftm_id) DO UPDATE SET schema = excluded.schema, name = excluded.name,"
                      " names = excluded.names, properties = excluded.properties, source = excluded.source", rows)
    report.matched = match(store)
    return report


def match(store: Store) -> int:
    """Link every watched actor to the stored canonical entities it names (through every spelling
    of the entity's cluster); returns the link count."""
    honorifics = frozenset(str(w).lower() for w in load_registry().vocab.get("name_honorifics") or [])
    names_of: dict[int, set[str]] = {}
    types: dict[int, str] = {}
    for root, etype, name, alias in store.conn.execute(
            "SELECT coalesce(e.canonical_id, e.id), r.type, e.name, a.alias FROM entities e"
            " JOIN entities r ON r.id = coalesce(e.canonical_id, e.id)"
            " LEFT JOIN entity_aliases a ON a.entity_id = e.id"):
        names_of.setdefault(root, set()).update(n for n in (name, alias) if n)
        types[root] = etype
    entities = [(root, types[root], [skeleton_tokens(n, honorifics) for n in names])
                for root, names in names_of.items()]
    links = 0
    with store.transaction() as c:
        c.execute("DELETE FROM watch_matches")
        for watch_id, schema, names_json in store.conn.execute("SELECT id, schema, names FROM watchlist").fetchall():
            want = SCHEMA_TYPES.get(schema)
            names = json.loads(names_json)
            # a one-word alias ("Khalifa") names too many people to match on; the full name may
            keys = [k for i, n in enumerate(names) if (k := skeleton_tokens(n, honorifics)) and (len(k) > 1 or i == 0)]
            for entity_id, etype, spellings in entities:
                if want is not None and etype != want or want is None and etype not in {"PERSON", "ORG"}:
                    continue
                score = names_score(keys, spellings)
                if score:
                    c.execute("INSERT INTO watch_matches(watch_id, entity_id, score) VALUES (?, ?, ?)"
                              " ON CONFLICT (watch_id, entity_id) DO UPDATE SET score = excluded.score",
                              (watch_id, entity_id, score))
                    links += 1
    return links


def watched(store: Store) -> list[dict[str, Any]]:
    out = []
    for row in store.conn.execute("SELECT id, ftm_id, schema, name, names, source FROM watchlist ORDER BY name"):
        matches = [{"entity_id": r[0], "name": r[1], "score": r[2]} for r in store.conn.execute(
            "SELECT e.id, e.name, m.score FROM watch_matches m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.watch_id = ? ORDER BY m.score DESC, e.name", (row[0],))]
        out.append({"id": row[0], "ftm_id": row[1], "schema": row[2], "name": row[3], "names": json.loads(row[4]),
                    "source": row[5], "matches": matches})
    return out
