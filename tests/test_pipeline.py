"""Ingesting the bundled sample corpus end to end: counts, idempotency, copies, broken files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLE
from tracewire.pipeline import Ingester
from tracewire.store import open_store

MANIFEST = json.loads((SAMPLE / "MANIFEST.json").read_text())


@pytest.fixture(scope="module")
def ingested(fresh_db, nlp):
    path = fresh_db("pipe")
    store = open_store(path)
    errors: list[str] = []
    stages.clear()
    first = Ingester(store, nlp=nlp).run([str(SAMPLE)], on_error=lambda e: errors.append(str(e)),
                                         on_stage=stages.append)
    counts = store.counts()
    yield store, first, counts, errors, path
    store.close()


stages: list[str] = []  # what the first ingest said it was doing after the documents were stored


def test_the_work_over_the_whole_store_is_told_stage_by_stage(ingested):
    _, report, _, _, _ = ingested
    assert stages[:3] == ["resolving identities across the store", "matching watchlists",
                          "analysis: reading statements for claims"]
    told = " | ".join(stages)
    assert f"claims: {report.analysis['claims']} claims grouped" in told
    assert f"attention: {report.analysis['entity_days']} entity-days indexed" in told


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
    from tracewire.pipeline import IngestReport

    ing = Ingester(store, nlp=nlp)
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


def test_the_same_text_twice_in_one_batch_is_one_document_with_two_sources(store, nlp, tmp_path):
    body = "Taliban officials met a delegation in Kabul on Monday to discuss trade, officials said."
    (tmp_path / "a.txt").write_text(body)
    (tmp_path / "b.txt").write_text(body + "\n")
    report = Ingester(store, nlp=nlp).run([str(tmp_path)])
    assert (report.read, report.new, report.seen, report.failed) == (2, 1, 1, [])
    assert store.counts()["documents"] == 1 and store.counts()["sources"] == 2


def test_re_extraction_leaves_no_orphans(store, nlp):
    from tracewire.model import Document, Source
    from tracewire.pipeline import IngestReport

    doc = Document(text="Officials in Herat met Taliban commanders on Sunday.", source=Source(path="x.txt"))
    ing = Ingester(store, nlp=nlp)
    ing.ingest_batch([doc], IngestReport())
    before = store.counts()
    store.conn.execute("UPDATE documents SET extractor = 'old'")
    ing.ingest_batch([doc], IngestReport())
    assert store.counts() == before
