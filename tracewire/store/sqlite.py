"""The embedded SQLite store: one file, FTS5 full-text search, upserts keyed by content hash.

Writers take the database lock with ``BEGIN IMMEDIATE``; WAL mode lets readers go on meanwhile.
The reads and writes themselves live in ``base.Store``, shared with PostgreSQL.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tracewire.errors import StoreError
from tracewire.store.base import TABLES, Store, bounded
from tracewire.store.migrations import MIGRATIONS

__all__ = ["SEARCH_WINDOW", "TABLES", "SQLiteStore", "fts_query", "mark_hits"]

SEARCH_WINDOW = 1000


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: every word must occur; FTS syntax is never interpreted."""
    words = re.findall(r"\w+", text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


class SQLiteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the store at {self.path}: {exc.strerror}") from None
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None

    def migrate(self) -> list[str]:
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL"
                          " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        limit, offset = bounded(limit), bounded(offset)
        q = fts_query(query)
        if not q:
            return []
        # bm25 ranks the most recently stored SEARCH_WINDOW matches: ranking every match of a word
        # found in most of a large store costs more than a search may take
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.outlet, d.published, d.copy_of,"
            " snippet(documents_fts, 1, char(2), char(3), ' … ', 12) AS snippet, bm25(documents_fts) AS score"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? AND documents_fts.rowid >= coalesce((SELECT min(rowid) FROM"
            "   (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?)), 0)"
            " ORDER BY score, d.rowid LIMIT ? OFFSET ?", (q, q, SEARCH_WINDOW, limit, offset))
        return [dict(r) for r in rows]


HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


def mark_hits(snippet: str | None, open_: str, close: str, escape: Callable[[str], str] = str) -> str:
    """Render a search snippet: matched words wrapped in ``open_``/``close``, the rest through ``escape``."""
    out = []
    for i, part in enumerate(re.split("([\x02\x03])", snippet or "")):
        if part == HIT_OPEN:
            out.append(open_)
        elif part == HIT_CLOSE:
            out.append(close)
        elif i % 2 == 0:
            out.append(escape(part))
    return "".join(out)


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf = [], []
    for line in sql.splitlines():
        line = re.sub(r"\s*--.*$", "", line)  # migrations keep no "--" inside string literals
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        out.append(rest)
    return out

