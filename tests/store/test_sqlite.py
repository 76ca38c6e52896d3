from __future__ import annotations

import pytest

from tracewire.errors import StoreError
from tracewire.model import Document, Entity, EntityType, Extraction, Mention, Source
from tracewire.store import db_location, open_store
from tracewire.store.migrations import MIGRATIONS
from tracewire.store.sqlite import fts_query, mark_hits


def extraction(text: str, path: str = "a.txt", extractor: str = "x/1") -> Extraction:
    doc = Document(text=text, source=Source(path=path, title=text.split("\n")[0], outlet="Wire", published="2024-01-02"))
    start = text.index("Kabul")
    ents = [Entity(id="e1", type=EntityType.PLACE, name="Kabul", subtype="city", kb_id="place/af/kabul",
                   mentions=[Mention(start, start + 5, "Kabul", (0, len(text)))])]
    return Extraction(document=doc, entities=ents, extractor=extractor)


def test_migrations_are_named_and_run_once(tmp_path):
    path = tmp_path / "m.db"
    st = open_store(str(path))
    assert st.migrations() == [name for name, _ in MIGRATIONS]
    st.close()
    st = open_store(f"sqlite:///{path}")
    assert st.migrate() == []
    assert {"documents", "documents_fts", "relations", "events"} <= {
        r[0] for r in st.conn.execute("SELECT name FROM sqlite_master")}


def test_put_is_idempotent_by_content_hash(store):
    ex = extraction("Talks in Kabul\n\nOfficials met in Kabul.")
    assert store.put(ex) == "new"
    before = store.counts()
    assert store.put(ex) == "seen"
    again = extraction("Talks  in Kabul\n\nOfficials   met in Kabul.", path="b.txt")  # same normalised text
    assert store.put(again) == "seen"
    after = store.counts()
    assert after["sources"] == before["sources"] + 1
    assert {k: v for k, v in after.items() if k != "sources"} == {k: v for k, v in before.items() if k != "sources"}


def test_new_extractor_replaces_facts_without_duplicates(store):
    store.put(extraction("Talks in Kabul\n\nOfficials met in Kabul.", extractor="x/1"))
    assert store.put(extraction("Talks in Kabul\n\nOfficials met in Kabul.", extractor="x/2")) == "updated"
    assert store.counts()["mentions"] == 1 and store.counts()["documents"] == 1


def test_search_snippets_and_hostile_queries(store):
    store.put(extraction("Talks in Kabul\n\nOfficials met in Kabul to discuss the border."))
    hits = store.search("border kabul")
    assert len(hits) == 1
    assert mark_hits(hits[0]["snippet"], "[", "]").count("[") >= 1
    for hostile in ['"', "kabul OR", "NEAR(", "') DROP TABLE documents; --", "*", "a:b"]:
        store.search(hostile)  # never an FTS syntax error
    assert store.counts()["documents"] == 1
    assert fts_query('x" OR y') == '"x" "OR" "y"'


def test_entity_lookup_by_alias_and_sentences(store):
    store.put(extraction("Talks in Kabul\n\nOfficials met in Kabul."))
    found = store.find_entities("kabul")
    assert found[0]["name"] == "Kabul" and found[0]["documents"][0]["sentences"][0]["text"].startswith("Talks")
    assert store.find_entities("place/af/kabul")[0]["id"] == found[0]["id"]
    assert store.find_entities("100%_") == []


def test_no_partial_document_after_a_failure(store, monkeypatch):
    ex = extraction("Talks in Kabul\n\nOfficials met in Kabul.")
    ex.entities[0].mentions.append(Mention(0, 5, "Talks"))
    original = store._upsert_entity

    def boom(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("disk gone")

    monkeypatch.setattr(store, "_upsert_entity", boom)
    with pytest.raises(RuntimeError):
        store.put(ex)
    assert store.counts()["documents"] == 0 and store.counts()["mentions"] == 0


def test_db_location_order(monkeypatch):
    monkeypatch.setenv("TRACEWIRE_DB", "/tmp/env.db")
    assert db_location("/tmp/opt.db") == "/tmp/opt.db"
    assert db_location(None) == "/tmp/env.db"
    monkeypatch.delenv("TRACEWIRE_DB")
    assert db_location(None) == "tracewire.db"


def test_unusable_store_is_one_clear_error(tmp_path):
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(str(bad))
    with pytest.raises(StoreError, match="cannot connect to the PostgreSQL store at postgresql://nobody:\\*\\*\\*@"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/x")


def test_parameterised_names_cannot_inject(store):
    store.put(extraction("Talks in Kabul\n\nOfficials met in Kabul."))
    assert store.find_entities("x' OR '1'='1") == []
    assert store.counts()["documents"] == 1


def test_a_relation_read_under_two_merged_spellings_is_listed_once(store):
    from tracewire.model import Event, Relation, Span
    from tracewire.resolve.identity import merge

    text = "Mullah Dadullah led the Taliban in the south.\n\nMulla Dadullah, reportedly the Taliban's commander, died."
    doc = Document(text=text, source=Source(path="d.txt", published="2007-05-13"))

    def person(eid: str, name: str) -> Entity:
        at = text.index(name)
        return Entity(id=eid, type=EntityType.PERSON, name=name, mentions=[Mention(at, at + len(name), name, (0, 10))])

    first, second = text.index("Mullah Dadullah"), text.index("Mulla Dadullah")
    at = text.index("Taliban")
    ents = [person("e1", "Mullah Dadullah"), person("e2", "Mulla Dadullah"),
            Entity(id="e3", type=EntityType.ORG, name="Taliban", mentions=[Mention(at, at + 7, "Taliban", (0, 10))])]
    rels = [Relation("leader_of", "e1", "e3", evidence=[Span(first, text.index("\n"))]),
            Relation("leader_of", "e2", "e3", hedged=True, evidence=[Span(second, len(text))])]
    events = [Event("ATTACK", "190", actors=["e1", "e2"], evidence=[Span(0, len(text))], trigger="led")]
    store.put(Extraction(document=doc, entities=ents, relations=rels, events=events, extractor="x/1"))
    a, b = (store.find_entities(n)[0]["id"] for n in ("Mullah Dadullah", "Mulla Dadullah"))
    assert len(store.relations(entity_id=a)) == 1  # not merged yet: each spelling has its own
    merge(store, a, b)
    rows = store.relations(entity_id=a)
    assert len(rows) == 1
    assert len(rows[0]["evidence"]) == 2
    assert rows[0]["hedged"] is False  # one sentence states it plainly
    assert [x["id"] for x in store.events(entity_id=a)[0]["actors"]] == [store.root_of(a)]
