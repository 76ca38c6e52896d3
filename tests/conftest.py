"""Shared fixtures: one spaCy pipeline per session, a fresh store per test, the sample corpus.

Every store a test opens comes from ``fresh_db``: a SQLite file in the test's temporary folder,
or, when ``TRACEWIRE_TEST_DB`` holds a ``postgresql://`` URL, a new schema of its own in that
database (dropped at the end of the session). ``make test`` runs the suite both ways.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracewire.store import is_postgres, open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# the shared evaluation data sits beside the project; a clone elsewhere on this machine finds /work/shared
SHARED_EVAL = next((p for p in (ROOT.parent / "shared" / "eval", Path("/work/shared/eval")) if p.is_dir()),
                   ROOT.parent / "shared" / "eval")
SAMPLE = ROOT / "tracewire" / "data" / "sample"
TEST_DB = os.environ.get("TRACEWIRE_TEST_DB", "")
ON_POSTGRES = is_postgres(TEST_DB)


def schema_url(url: str, schema: str) -> str:
    """``url`` with every connection's search_path set to ``schema``."""
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def fresh_db(tmp_path_factory) -> Iterator[Callable[[str], str]]:
    """A factory of new, empty store locations on the backend under test."""
    schemas: list[str] = []

    def make(name: str = "test") -> str:
        if not ON_POSTGRES:
            return str(tmp_path_factory.mktemp(name) / f"{name}.db")
        import psycopg

        schema = f"t_{name}_{uuid.uuid4().hex[:10]}".lower()
        with psycopg.connect(TEST_DB, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        return schema_url(TEST_DB, schema)

    yield make
    if schemas:
        import psycopg

        with psycopg.connect(TEST_DB, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(scope="session")
def copy_db(fresh_db) -> Callable[[str, str], str]:
    """A factory of copies of a store location, on the backend under test."""

    def copy(source: str, name: str = "copy") -> str:
        target = fresh_db(name)
        if not ON_POSTGRES:
            shutil.copy(source, target)
            return target
        import psycopg

        src = source.rsplit("%3D", 1)[1]
        dst = target.rsplit("%3D", 1)[1]
        with psycopg.connect(TEST_DB, autocommit=True) as conn, conn.transaction():
            tables = [r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (src,))]
            for table in tables:
                cols = [r[0] for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s"
                    " AND is_generated = 'NEVER' ORDER BY ordinal_position", (src, table))]
                names = ", ".join(f'"{c}"' for c in cols)
                conn.execute(f'CREATE TABLE "{dst}"."{table}" (LIKE "{src}"."{table}" INCLUDING ALL)')
                conn.execute(f'INSERT INTO "{dst}"."{table}" ({names}) OVERRIDING SYSTEM VALUE'
                             f' SELECT {names} FROM "{src}"."{table}"')
                numbered = {r[0] for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = %s"
                    " AND table_name = %s AND is_identity = 'YES'", (src, table))}
                for col in numbered:
                    if col in cols:
                        conn.execute(f"SELECT setval(pg_get_serial_sequence('\"{dst}\".\"{table}\"', '{col}'),"
                                     f' coalesce((SELECT max("{col}") FROM "{dst}"."{table}"), 0) + 1, false)')
        return target

    return copy


@pytest.fixture(scope="session")
def nlp():
    from tracewire.extract import build_nlp

    return build_nlp()


@pytest.fixture()
def store(fresh_db):
    st = open_store(fresh_db("store"))
    yield st
    st.close()


@pytest.fixture()
def db_path(fresh_db) -> str:
    return fresh_db("cli")


@pytest.fixture(scope="session")
def sample_db(fresh_db, nlp) -> str:
    """A store with the bundled sample corpus ingested, built once per session; tests only read it."""
    from tracewire.pipeline import Ingester

    location = fresh_db("sample")
    st = open_store(location)
    Ingester(st, nlp=nlp).run([str(SAMPLE)])
    st.close()
    return location
