"""Both backends: the one under test is the one asked for, and concurrent writers lose nothing."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import ON_POSTGRES
from tracewire.model import Document, Entity, EntityType, Extraction, Mention, Source
from tracewire.store import open_store


def article(n: int) -> Extraction:
    """Article ``n`` names Kabul (shared by all) and a group of its own, and one shared by its pair."""
    text = f"Report {n}\n\nFighters of Group{n} and of Front{n // 2} met in Kabul on day {n}."
    doc = Document(text=text, source=Source(path=f"a{n}.txt", published=f"2024-01-{1 + n % 28:02d}"))

    def ent(eid: str, etype: EntityType, name: str) -> Entity:
        at = text.index(name)
        return Entity(id=eid, type=etype, name=name, mentions=[Mention(at, at + len(name), name, (0, len(text)))])

    ents = [ent("e1", EntityType.ORG, f"Group{n}"), ent("e2", EntityType.ORG, f"Front{n // 2}"),
            ent("e3", EntityType.PLACE, "Kabul")]
    return Extraction(document=doc, entities=ents, extractor="x/1")


def test_the_backend_under_test_is_the_one_asked_for(store):
    assert store.dialect == ("postgresql" if ON_POSTGRES else "sqlite")


def test_concurrent_writers_store_every_document_once(fresh_db):
    where = fresh_db("concurrent")
    open_store(where).close()
    errors: list[BaseException] = []
    # four writers, each with its own connection, over overlapping documents and shared entities
    plan = [list(range(0, 40)), list(range(20, 60)), list(range(0, 60, 3)), list(range(59, -1, -1))]

    def write(numbers: list[int]) -> None:
        st = open_store(where, migrate=False)
        try:
            for n in numbers:
                st.put(article(n))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            st.close()

    threads = [threading.Thread(target=write, args=(p,)) for p in plan]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    st = open_store(where)
    counts = st.counts()
    assert counts["documents"] == 60
    assert counts["mentions"] == 180
    assert counts["entities"] == 60 + 30 + 1
    keys = [r[0] for r in st.conn.execute("SELECT key FROM entities")]
    assert len(keys) == len(set(keys))
    assert counts["sources"] == 60  # each writer read the same file names
    st.close()


def test_text_with_nul_characters_is_stored_and_searched(store):
    text = "Talks in Kabul\n\nOfficials met in Kabul.\x00 The rest of the page."
    ex = Extraction(document=Document(text=text, source=Source(path="nul.txt")), entities=[
        Entity(id="e1", type=EntityType.PLACE, name="Kabul", mentions=[Mention(9, 14, "Kabul", (0, 14))])],
        extractor="x/1")
    assert store.put(ex) == "new"
    assert store.find_entities("Kab\x00ul") == [] and store.search("\x00") == []
    assert store.search("rest page")[0]["id"] == ex.document.id
    assert store.entity(store.find_entities("Kabul")[0]["id"])["documents"][0]["sentences"][0]["text"] == "Talks in Kabul"


def test_one_entity_co_mentions_are_its_part_of_all_co_mentions(store):
    for n in range(6):
        store.put(article(n))
    everything = store.co_mentions()
    ids = [int(r[0]) for r in store.conn.execute("SELECT id FROM entities")]
    assert {i: store.co_mentioned(i) for i in ids} == {i: everything.get(i, set()) for i in ids}


def test_facts_of_an_entity_that_is_not_there_are_none(store):
    store.put(article(1))
    assert store.relations(entity_id=10**6) == [] and store.events(entity_id=10**6) == []
    assert store.entity(10**6) is None


def test_an_integer_beyond_64_bits_fails_the_same_way_on_both_backends(store):
    # the web app answers OverflowError with a 400, so both backends must raise it, not a driver error
    with pytest.raises(OverflowError):
        store.conn.execute("SELECT id FROM entities WHERE id = ?", (2**70,)).fetchall()
