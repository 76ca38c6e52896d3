"""The PostgreSQL store: the server and multi-user backend, chosen by a ``postgresql://`` URL.

Same schema (the migrations translated, see ``migrations``), same reads and writes as SQLite
(``base.Store``); full-text search over a generated ``tsvector`` column with a GIN index.

``conn`` is a small wrapper that keeps the contract every module outside ``store`` writes to:
``conn.execute(sql, params)`` with ``?`` placeholders, rows read as ``row["col"]`` or ``row[0]``
(or unpacked, or passed to ``dict``), ``fetchone``/``fetchall``/iteration, ``executemany``.
Values are bound on the client (psycopg's ``ClientCursor``, which quotes every value), so a
bare ``? IS NULL`` needs no type. Concurrent writers are safe: each document is written in one
transaction under an advisory lock on its content hash, entities are inserted with
``ON CONFLICT``, and a transaction that PostgreSQL aborts to break a deadlock is run again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from tracewire.errors import StoreError
from tracewire.store.base import Store, bounded
from tracewire.store.migrations import MIGRATIONS, postgres_sql
from tracewire.store.sqlite import SEARCH_WINDOW

__all__ = ["PgConnection", "PostgresStore", "Row", "translate"]

_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.I)


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, like ``sqlite3.Row``."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """A query in the store's portable dialect as psycopg expects it.

    ``?`` outside string literals and quoted names becomes ``%s`` (a literal ``%`` becomes
    ``%%``); ``x = ? COLLATE NOCASE`` becomes ``lower(x) = lower(?)`` and ``LIKE`` becomes
    ``ILIKE`` (SQLite compares ASCII letters in any case there)."""
    sql = re.sub(r"((?:\w+\.)?\"?\w+\"?) = \? COLLATE NOCASE", r"lower(\1) = lower(?)", sql)
    sql = re.sub(r"\bLIKE\b", "ILIKE", sql)
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


def _values(params: Sequence[Any]) -> tuple[Any, ...]:
    """Parameters as PostgreSQL takes them: its text cannot hold NUL, which SQLite's can; a NUL
    becomes U+FFFD, one character for one, so character offsets into a text stay right. An
    integer beyond 64 bits raises ``OverflowError``, as SQLite's binding does, so both backends
    fail the same way on a number no column can hold."""
    out = []
    for v in params:
        if isinstance(v, str) and "\x00" in v:
            v = v.replace("\x00", "\ufffd")
        elif isinstance(v, int) and not -(2**63) <= v < 2**63:
            raise OverflowError(f"integer {v} does not fit in 64 bits")
        out.append(v)
    return tuple(out)


class Cursor:
    """The result of one ``execute``: rows as ``Row``, and the new row's ``id`` as ``lastrowid``."""

    def __init__(self, cur: psycopg.ClientCursor[Any], lastrowid: int | None = None) -> None:
        self._cur = cur
        self.lastrowid = lastrowid
        self.rowcount = cur.rowcount
        self._index = {d.name: i for i, d in enumerate(cur.description or ())}

    def _row(self, values: Sequence[Any] | None) -> Row | None:
        return None if values is None else Row(values, self._index)

    def fetchone(self) -> Row | None:
        if self._cur.description is None:
            return None
        return self._row(self._cur.fetchone())

    def fetchall(self) -> list[Row]:
        if self._cur.description is None:
            return []
        return [Row(v, self._index) for v in self._cur.fetchall()]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg connection speaking the store's SQL contract (see the module docstring)."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw
        self._id_tables: set[str] | None = None

    def _has_id(self, table: str) -> bool:
        if self._id_tables is None:
            with self.raw.cursor() as cur:
                cur.execute("SELECT table_name FROM information_schema.columns WHERE column_name = 'id'"
                            " AND data_type IN ('integer', 'bigint')"
                            " AND table_schema = current_schema()")
                self._id_tables = {r[0] for r in cur.fetchall()}
        return table.lower() in self._id_tables

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Cursor:
        query = translate(sql)
        insert = _INSERT.match(sql)
        wants_id = bool(insert and "RETURNING" not in sql.upper() and self._has_id(insert.group(1)))
        if wants_id:
            query += " RETURNING id"
        cur = psycopg.ClientCursor(self.raw)
        cur.execute(query, _values(params) if params is not None else None)
        lastrowid = None
        if wants_id:
            row = cur.fetchone()
            lastrowid = int(row[0]) if row else None
        return Cursor(cur, lastrowid)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with psycopg.ClientCursor(self.raw) as cur:
            cur.executemany(translate(sql), [_values(r) for r in rows])

    def close(self) -> None:
        self.raw.close()


class PostgresStore(Store):
    dialect = "postgresql"
    retryable = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.path = url
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to the PostgreSQL store at {_redact(url)}: {reason}") from None
        self.conn = PgConnection(raw)
        if migrate:
            try:
                self.migrate()
            except psycopg.Error as exc:
                raw.close()
                raise StoreError(f"cannot migrate the PostgreSQL store at {_redact(url)}: {exc}") from None

    def migrate(self) -> list[str]:
        raw = self.conn.raw
        with raw.transaction():
            # one migrating process at a time: the others wait, then find nothing left to do
            raw.execute("SELECT pg_advisory_xact_lock(7305411)")
            raw.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT COLLATE \"C\" PRIMARY KEY,"
                        " applied_at TEXT NOT NULL DEFAULT (now()::text))")
            done = {r[0] for r in raw.execute("SELECT name FROM migrations").fetchall()}
            applied = []
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                raw.execute(postgres_sql(name, sql).encode())
                raw.execute("INSERT INTO migrations(name) VALUES (%s)", (name,))
                applied.append(name)
        self.conn._id_tables = None
        return applied

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        except BaseException:
            if not self.conn.raw.closed:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _lock_document(self, doc_id: str) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (doc_id,))

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        limit, offset = bounded(limit), bounded(offset)
        words = re.findall(r"\w+", query)
        if not words:
            return []
        # every word must occur, as in the SQLite store; the most recently stored SEARCH_WINDOW
        # matches are ranked, and only the hits shown get a snippet
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.outlet, d.published, d.copy_of,"
            " ts_headline('simple', d.text, q.tsq, 'StartSel=' || chr(2) || ', StopSel=' || chr(3)"
            " || ', MaxWords=24, MinWords=8, MaxFragments=1') AS snippet, h.score"
            " FROM (SELECT plainto_tsquery('simple', ?) AS tsq) q"
            " CROSS JOIN LATERAL (SELECT id, rowid, -ts_rank(fts, q.tsq) AS score FROM"
            "   (SELECT id, rowid, fts FROM documents WHERE fts @@ q.tsq ORDER BY rowid DESC LIMIT ?) w"
            "   ORDER BY score, rowid LIMIT ? OFFSET ?) h"
            " JOIN documents d ON d.id = h.id ORDER BY h.score, d.rowid",
            (" ".join(words), SEARCH_WINDOW, limit, offset))
        return [dict(r) for r in rows]


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)

