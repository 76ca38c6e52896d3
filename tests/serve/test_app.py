from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tracewire.model import Document, Entity, EntityType, Event, Extraction, Mention, Relation, Source, Span
from tracewire.serve.app import create_app

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture()
def client(store):
    text = f"Raid near Kabul {HOSTILE}\n\nForces raided a compound near Kabul, officials said. {HOSTILE}"
    doc = Document(text=text, source=Source(path="x.txt", title=f"Raid {HOSTILE}", outlet="Wire", published="2024-02-03"))
    start = text.index("Kabul")
    ent = Entity(id="e1", type=EntityType.PLACE, name="Kabul", subtype="city",
                 mentions=[Mention(start, start + 5, "Kabul", (0, 40))])
    forces = text.index("Forces")
    group = Entity(id="e2", type=EntityType.ORG, name=f"Front {HOSTILE}", subtype="armed_group",
                   mentions=[Mention(forces, forces + 6, "Forces")])
    rel = Relation(type="located_in", source="e2", target="e1", hedged=True, attributed_to="UNNAMED",
                   evidence=[Span(0, len(text))])
    event = Event(type="ATTACK", cameo="190", actors=["e2"], locations=["e1"], hedged=False, attributed_to="e2",
                  evidence=[Span(0, len(text))], trigger="raided")
    store.put(Extraction(document=doc, entities=[ent, group], relations=[rel], events=[event], extractor="t/1"))
    with TestClient(create_app(store.path)) as c:
        c.doc_id = doc.id  # type: ignore[attr-defined]
        yield c


def test_overview_page_and_json_twin(client):
    html = client.get("/")
    data = client.get("/api/overview").json()
    assert html.status_code == 200 and "Kabul" in html.text
    assert data["counts"]["documents"] == 1 and "Kabul" in {e["name"] for e in data["entities"]}
    assert "default-src 'none'" in html.headers["content-security-policy"]


def test_article_text_is_escaped_everywhere(client):
    for url in ("/", f"/documents/{client.doc_id}", "/search?q=raid", "/entities/1", "/entities/2"):
        body = client.get(url).text
        assert HOSTILE not in body, url
    assert "&lt;script&gt;" in client.get(f"/documents/{client.doc_id}").text


def test_document_page_highlights_mentions(client):
    body = client.get(f"/documents/{client.doc_id}").text
    assert "<mark class='PLACE'" in body and "/entities/1" in body
    assert [m["text"] for m in client.get(f"/api/documents/{client.doc_id}").json()["mentions"]] == ["Kabul", "Forces"]


def test_entity_page_and_twin(client):
    assert "Mentioned in 1 documents" in client.get("/entities/1").text
    assert client.get("/api/entities/1").json()["documents"][0]["title"].startswith("Raid")


def test_search_page_and_twin(client):
    hits = client.get("/api/search", params={"q": "compound"}).json()["documents"]
    assert len(hits) == 1 and "[compound]" in hits[0]["snippet"]
    assert "<mark>compound</mark>" in client.get("/search", params={"q": "compound"}).text


def test_relations_and_events_carry_their_labels(client):
    page = client.get("/entities/1").text
    assert "located_in" in page and "<span class=hedge>reportedly</span>" in page
    assert "according to an unnamed source" in page
    events = client.get("/api/events", params={"place": "Kabul"}).json()
    assert events[0]["type"] == "ATTACK" and events[0]["attributed_name"].startswith("Front")
    assert client.get("/api/events", params={"place": "Herat"}).json() == []
    assert client.get("/api/relations", params={"entity": 1}).json()[0]["hedged"] is True


def test_search_json_link_keeps_the_query_whole(client):
    page = client.get("/search", params={"q": "raid&limit=1"}).text
    assert "/api/search?q=raid%26limit%3D1" in page


def test_errors_on_pages_are_pages(client):
    for url in ("/nope", "/entities/abc", "/entities/999"):
        response = client.get(url)
        assert response.status_code in {404, 422} and response.headers["content-type"].startswith("text/html")
    assert client.get("/api/entities/abc").headers["content-type"].startswith("application/json")


def test_bad_requests_are_4xx(client):
    assert client.get("/api/entities/999").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/entities/999").status_code == 404
    assert client.get("/api/entities?type=BOGUS").status_code == 422
    assert client.get("/api/documents?limit=100000").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
