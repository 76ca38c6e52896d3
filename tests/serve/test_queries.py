"""The page queries: an entity's timeline and its events in date order, from the index on event
arguments and from the general query alike, on both backends."""

from __future__ import annotations

from tracewire.analyze.attention import build_index
from tracewire.model import Document, Entity, EntityType, Event, Extraction, Mention, Source, Span
from tracewire.serve import queries
from tracewire.store import open_store


def report(n: int, published: str | None, time: str | None, kind: str = "MEETING") -> Extraction:
    """Report ``n``: the Hill Front meets (or attacks) the River Guard in Kabul."""
    text = f"Report {n}\n\nThe Hill Front met the River Guard in Kabul, round {n}."
    names = [("e1", EntityType.ORG, "Hill Front"), ("e2", EntityType.ORG, "River Guard"),
             ("e3", EntityType.PLACE, "Kabul")]
    ents = []
    for eid, etype, name in names:
        at = text.index(name)
        ents.append(Entity(id=eid, type=etype, name=name, mentions=[Mention(at, at + len(name), name, (0, len(text)))]))
    start = text.index("The Hill")
    event = Event(type=kind, cameo="040" if kind == "MEETING" else "190", actors=["e1"], participants=["e2"],
                  locations=["e3"], time=time, evidence=[Span(start, len(text))])
    return Extraction(document=Document(text=text, source=Source(path=f"r{n}.txt", published=published)),
                      entities=ents, events=[event], extractor="x/1")


def stored(fresh_db, rows: list[tuple[str | None, str | None, str]]) -> str:
    location = fresh_db("queries")
    st = open_store(location)
    for n, (published, time, kind) in enumerate(rows):
        st.put(report(n, published, time, kind))
    st.close()
    return location


ROWS = [("2024-03-01", None, "MEETING"), ("2024-01-10", "2024-01-02", "ATTACK"), (None, None, "MEETING"),
        ("2024-02-05", None, "ATTACK"), ("2024-01-20", "2024-04-01", "MEETING"), ("2024-01-21", None, "MEETING")]


def test_an_entitys_events_come_in_date_order_by_their_own_date_else_the_articles(fresh_db):
    st = open_store(stored(fresh_db, ROWS))
    front = st.find_entities("Hill Front")[0]["id"]
    dates = [e["time"] or e["published"] for e in st.events(entity_id=front)]
    assert dates == ["2024-01-02", "2024-01-21", "2024-02-05", "2024-03-01", "2024-04-01", None]
    newest = [e["time"] or e["published"] for e in st.events(entity_id=front, newest_first=True)]
    assert newest == ["2024-04-01", "2024-03-01", "2024-02-05", "2024-01-21", "2024-01-02", None]
    # the index on arguments (entity alone) and the general query (entity and type) agree
    for kind in ("MEETING", "ATTACK"):
        assert [e["id"] for e in st.events(entity_id=front, type=kind)] == \
            [e["id"] for e in st.events(entity_id=front) if e["type"] == kind]
    window = st.events(entity_id=front, since="2024-01-15", until="2024-03")
    assert [e["time"] or e["published"] for e in window] == ["2024-01-21", "2024-02-05", "2024-03-01"]
    assert [e["id"] for e in st.events(since="2024-01-15", until="2024-03")] == [e["id"] for e in window]
    assert [e["id"] for e in st.events(entity_id=front, limit=2, offset=2)] == \
        [e["id"] for e in st.events(entity_id=front)][2:4]
    lean = st.events(entity_id=front, evidence=False)
    assert all(e["evidence"] == [] for e in lean) and all(e["evidence"] for e in st.events(entity_id=front))
    st.close()


def test_a_timeline_lists_the_latest_events_oldest_first_and_says_when_there_are_more(fresh_db):
    st = open_store(stored(fresh_db, ROWS))
    front = st.find_entities("Hill Front")[0]["id"]
    whole = queries.timeline(st, entity_id=front)
    assert [e["date"] for e in whole["events"]] == \
        ["2024-01-02", "2024-01-21", "2024-02-05", "2024-03-01", "2024-04-01"] + [None] and not whole["more"]
    latest = queries.timeline(st, entity_id=front, limit=3)
    assert [e["date"] for e in latest["events"]] == ["2024-02-05", "2024-03-01", "2024-04-01"] and latest["more"]
    assert [e["dated_by"] for e in latest["events"]] == ["publication", "publication", "text"]
    st.close()


def test_documents_per_month_are_the_same_from_the_index_and_from_the_mentions(fresh_db):
    st = open_store(stored(fresh_db, ROWS))
    kabul = st.find_entities("Kabul")[0]["id"]
    # undated documents have no month; the dated ones are all counted
    expected = [{"month": "2024-01", "documents": 3}, {"month": "2024-02", "documents": 1},
                {"month": "2024-03", "documents": 1}]
    assert queries.documents_per_month(st, kabul) == expected  # counted from the mentions
    build_index(st)
    assert queries.documents_per_month(st, kabul) == expected  # read from the per-day index
    st.put(report(99, "2024-02-28", None))  # the index is now stale: the mentions are counted again
    assert queries.documents_per_month(st, kabul)[1] == {"month": "2024-02", "documents": 2}
    st.close()


def test_pages_of_an_entitys_events_cover_them_all_once_undated_ones_last(fresh_db):
    st = open_store(stored(fresh_db, ROWS + [(None, None, "ATTACK"), ("2024-05-01", None, "ATTACK")]))
    front = st.find_entities("Hill Front")[0]["id"]
    for newest in (False, True):
        whole = [e["id"] for e in st.events(entity_id=front, newest_first=newest)]
        assert len(whole) == 8 and len(set(whole)) == 8
        assert [e["time"] or e["published"] for e in st.events(entity_id=front, newest_first=newest)][-2:] == [None] * 2
        for size in (1, 2, 3, 5):
            paged = [e["id"] for k in range(0, 10, size)
                     for e in st.events(entity_id=front, newest_first=newest, limit=size, offset=k)]
            assert paged == whole
    st.close()
