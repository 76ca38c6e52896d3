"""Shared fixtures: one spaCy pipeline per session, a fresh store per test, the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# the shared evaluation data sits beside the project; a clone elsewhere on this machine finds /work/shared
SHARED_EVAL = next((p for p in (ROOT.parent / "shared" / "eval", Path("/work/shared/eval")) if p.is_dir()),
                   ROOT.parent / "shared" / "eval")
SAMPLE = ROOT / "tracewire" / "data" / "sample"


@pytest.fixture(scope="session")
def nlp():
    from tracewire.extract import build_nlp

    return build_nlp()


@pytest.fixture()
def store(tmp_path):
    st = open_store(str(tmp_path / "test.db"))
    yield st
    st.close()


@pytest.fixture()
def db_path(tmp_path) -> str:
    return str(tmp_path / "cli.db")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, nlp) -> str:
    """A store with the bundled sample corpus ingested, built once per session; tests only read it."""
    from tracewire.pipeline import Ingester

    path = str(tmp_path_factory.mktemp("sample") / "sample.db")
    st = open_store(path)
    Ingester(st, nlp=nlp).run([str(SAMPLE)])
    st.close()
    return path
