"""Ingesting the bundled sample corpus end to end: counts, idempotency, copies, broken files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLE
from tracewire.pipeline import Ingester
from tracewire.store import open_store

MANIFEST = json.loads((SAMPLE / "MANIFEST.json").read_text())


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, nlp):
    path = str(tmp_path_factory.mktemp("pipe") / "sample.db")
    store = open_store(path)
    errors: list[str] = []
    first = Ingester(store, nlp=nlp).run([str(SAMPLE)], on_error=lambda e: errors.append(str(e)))
    counts = store.counts()
    yield store, first, counts, errors, path
    store.close()


def test_every_article_is_stored_once(ingested):
    store, report, counts, _, _ = ingested
    assert report.read == MANIFEST["articles"]
    assert counts["documents"] == MANIFEST["articles"]
    assert report.new == MANIFEST["articles"]


def test_broken_files_are_each_reported_once_by_name(ingested):
    _, report, _, errors, _ = ingested
    expected = set(MANIFEST["broken"]) - {"broken/missing-field.jsonl"} | set(
        r.replace("#", ":") for r in MANIFEST["broken_records"])
    named = [e.split(": ", 1)[0].split("sample/", 1)[1] for e in errors]
    assert sorted(named) == sorted(expected)
    assert report.failed == errors


def test_second_ingest_changes_no_counts(ingested, nlp):
    _, _, counts, _, path = ingested
    store = open_store(path)
    report = Ingester(store, nlp=nlp).run([str(SAMPLE)])
    assert report.new == 0 and report.seen == MANIFEST["articles"]
    assert store.counts() == counts


def test_syndicated_copy_is_linked_to_the_earlier_original(ingested):
    store, _, _, _, _ = ingested
    rows = store.conn.execute("SELECT d.id, d.copy_of, s.locator FROM documents d JOIN sources s ON s.doc_id = d.id"
                              " WHERE d.copy_of IS NOT NULL").fetchall()
    original, copy = MANIFEST["syndicated"][0]
    assert len(rows) == 1
    assert rows[0]["locator"].endswith(copy.replace("#", ":"))
    origin = store.conn.execute("SELECT locator FROM sources WHERE doc_id = ?", (rows[0]["copy_of"],)).fetchone()
    assert origin["locator"].endswith(original)


def test_copy_published_first_becomes_the_original(store, nlp):
    from tracewire.model import Document, Source

    body = " ".join(f"Sentence {i} says the envoy met officials in Doha about the agreement." for i in range(30))
    late = Document(text=body + " Extra line.", source=Source(path="late", published="2021-03-02"))
    early = Document(text=body, source=Source(path="early", published="2021-02-28"))
    ing = Ingester(store, nlp=nlp)
    ing.run([])  # nothing to read is fine
    from tracewire.pipeline import IngestReport

    ing.ingest_batch([late], IngestReport())
    ing.ingest_batch([early], IngestReport())
    rows = dict(store.conn.execute("SELECT id, copy_of FROM documents").fetchall())
    assert rows[early.id] is None and rows[late.id] == early.id


def test_entities_with_sentences_are_queryable(ingested):
    store, _, _, _, _ = ingested
    taliban = store.find_entities("Taliban")[0]
    assert taliban["kb_id"] == "org/taliban" and len(taliban["documents"]) >= 5
    assert all("Taliban" in s["text"] for d in taliban["documents"] for s in d["sentences"])
    assert store.search("Qosh Tepa canal")
