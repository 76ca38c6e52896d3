"""The timeline corpus, ingested once per session through the real pipeline (real spaCy), with the
watches of its truth file: Noor Wali Mehsud and the TTP added by hand, Sirajuddin Haqqani from an
FtM watchlist, Kunar as a watched place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracewire.analyze import run_analysis, watch_add
from tracewire.pipeline import Ingester
from tracewire.resolve.watchlist import import_ftm
from tracewire.store import open_store

TIMELINE = Path(__file__).resolve().parent.parent / "data" / "timeline"


@pytest.fixture(scope="session")
def truth() -> dict:
    return json.loads((TIMELINE / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def timeline_db(fresh_db, nlp) -> str:
    path = fresh_db("timeline")
    store = open_store(path)
    report = Ingester(store, nlp=nlp).run([str(TIMELINE / "articles.jsonl")])
    assert not report.failed
    import_ftm(store, TIMELINE / "watchlist.ftm.json")
    watch_add(store, "Noor Wali Mehsud")
    watch_add(store, "Tehrik-i-Taliban Pakistan")
    watch_add(store, "Kunar", kind="place")
    run_analysis(store)
    store.close()
    return path


@pytest.fixture()
def timeline(timeline_db):
    """The analysed timeline store; read-only by convention (tests that write use ``timeline_copy``)."""
    store = open_store(timeline_db)
    yield store
    store.close()


@pytest.fixture()
def timeline_copy(timeline_db, copy_db):
    store = open_store(copy_db(timeline_db))
    yield store
    store.close()


def entity_id(store, name: str) -> int:
    found = [e for e in store.find_entities(name) if e["name"] == name]
    assert len(found) == 1, (name, [e["name"] for e in store.find_entities(name)])
    return int(found[0]["id"])
