"""Store: the schema, its migrations, and the reads and writes every other stage goes through.

``open_store`` picks the backend from one URL or path (``--db`` or ``TRACEWIRE_DB``); SQLite
with FTS5 is the embedded default.
"""

from __future__ import annotations

import os

from tracewire.errors import StoreError
from tracewire.store.sqlite import SQLiteStore

DEFAULT_DB = "tracewire.db"

__all__ = ["DEFAULT_DB", "SQLiteStore", "db_location", "open_store"]


def db_location(db: str | None = None) -> str:
    """The store location: the --db option, else TRACEWIRE_DB, else tracewire.db in the working folder."""
    return db or os.environ.get("TRACEWIRE_DB") or DEFAULT_DB


def open_store(db: str | None = None, *, migrate: bool = True) -> SQLiteStore:
    where = db_location(db)
    if where.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL backend is not available in this version; use a SQLite path")
    if where.startswith("sqlite:///"):
        where = where[len("sqlite:///"):]
    elif where.startswith("sqlite://"):
        where = where[len("sqlite://"):] or ":memory:"
    return SQLiteStore(where, migrate=migrate)
