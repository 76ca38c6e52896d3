"""Store: the schema, its migrations, and the reads and writes every other stage goes through.

``open_store`` picks the backend from one URL or path (``--db`` or ``TRACEWIRE_DB``): a path or
``sqlite:///path`` is the embedded SQLite store (the default, with FTS5), a ``postgresql://``
URL the PostgreSQL server (needs the ``psycopg`` package).
"""

from __future__ import annotations

import os

from tracewire.store.base import Store
from tracewire.store.sqlite import SQLiteStore

DEFAULT_DB = "tracewire.db"

__all__ = ["DEFAULT_DB", "SQLiteStore", "Store", "db_location", "is_postgres", "open_store"]


def db_location(db: str | None = None) -> str:
    """The store location: the --db option, else TRACEWIRE_DB, else tracewire.db in the working folder."""
    return db or os.environ.get("TRACEWIRE_DB") or DEFAULT_DB


def is_postgres(where: str) -> bool:
    return where.startswith(("postgresql://", "postgres://"))


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    where = db_location(db)
    if is_postgres(where):
        from tracewire.store.postgres import PostgresStore

        return PostgresStore(where, migrate=migrate)
    if where.startswith("sqlite:///"):
        where = where[len("sqlite:///"):]
    elif where.startswith("sqlite://"):
        where = where[len("sqlite://"):] or ":memory:"
    return SQLiteStore(where, migrate=migrate)
