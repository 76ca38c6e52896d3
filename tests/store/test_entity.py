"""An entity's first documents: the oldest first, undated ones last, the same whether the store
walks all documents in date order (an entity named almost everywhere) or sorts the few that name
it (a rare one)."""

from __future__ import annotations

import random

from tracewire.model import Document, Entity, EntityType, Extraction, Mention, Source


def note(n: int, published: str | None, names: list[str]) -> Extraction:
    text = f"Note {n}\n\n" + " ".join(f"{name} was seen." for name in names)
    ents = []
    for k, name in enumerate(names):
        at = text.index(name)
        ents.append(Entity(id=f"e{k}", type=EntityType.ORG, name=name,
                           mentions=[Mention(at, at + len(name), name, (0, len(text)))]))
    return Extraction(document=Document(text=text, source=Source(path=f"n{n}.txt", published=published)),
                      entities=ents, extractor="x/1")


def test_first_documents_are_the_oldest_for_frequent_and_rare_entities(store):
    rng = random.Random(3)
    dates = [None if n % 9 == 4 else f"2024-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
             for n in range(60)]
    rare = {5, 17, 30, 44, 58}
    stored = []
    for n, published in enumerate(dates):
        ex = note(n, published, ["Everywhere Front"] + (["Rare Circle"] if n in rare else []))
        store.put(ex)
        stored.append((published, n, ex.document.id))
    # dated ones by date, then by the order they were stored; undated ones after them
    order = [(n, doc_id) for published, n, doc_id in sorted(stored, key=lambda x: (x[0] is None, x[0] or "", x[1]))]
    common = store.find_entities("Everywhere Front")[0]["id"]
    few = store.find_entities("Rare Circle")[0]["id"]
    for size in (3, 25, 58, 80):  # named in all 60: below 60 shown, the store walks the documents
        got = store.entity(common, max_documents=size)
        assert [d["id"] for d in got["documents"]] == [doc_id for _, doc_id in order][:size]
        assert got["document_count"] == 60
        named = [doc_id for n, doc_id in order if n in rare]
        assert [d["id"] for d in store.entity(few, max_documents=size)["documents"]] == named[:size]
