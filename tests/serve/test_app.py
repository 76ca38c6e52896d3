from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tracewire.model import Document, Entity, EntityType, Extraction, Mention, Source
from tracewire.serve.app import create_app

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture()
def client(store):
    text = f"Raid near Kabul {HOSTILE}\n\nForces raided a compound near Kabul, officials said. {HOSTILE}"
    doc = Document(text=text, source=Source(path="x.txt", title=f"Raid {HOSTILE}", outlet="Wire", published="2024-02-03"))
    start = text.index("Kabul")
    ent = Entity(id="e1", type=EntityType.PLACE, name="Kabul", subtype="city",
                 mentions=[Mention(start, start + 5, "Kabul", (0, 40))])
    store.put(Extraction(document=doc, entities=[ent], extractor="t/1"))
    with TestClient(create_app(store.path)) as c:
        c.doc_id = doc.id  # type: ignore[attr-defined]
        yield c


def test_overview_page_and_json_twin(client):
    html = client.get("/")
    data = client.get("/api/overview").json()
    assert html.status_code == 200 and "Kabul" in html.text
    assert data["counts"]["documents"] == 1 and data["entities"][0]["name"] == "Kabul"
    assert "default-src 'none'" in html.headers["content-security-policy"]


def test_article_text_is_escaped_everywhere(client):
    for url in ("/", f"/documents/{client.doc_id}", "/search?q=raid", "/entities/1"):
        body = client.get(url).text
        assert HOSTILE not in body, url
    assert "&lt;script&gt;" in client.get(f"/documents/{client.doc_id}").text


def test_document_page_highlights_mentions(client):
    body = client.get(f"/documents/{client.doc_id}").text
    assert "<mark class=PLACE" in body and "/entities/1" in body
    assert client.get(f"/api/documents/{client.doc_id}").json()["mentions"][0]["text"] == "Kabul"


def test_entity_page_and_twin(client):
    assert "Mentioned in 1 documents" in client.get("/entities/1").text
    assert client.get("/api/entities/1").json()["documents"][0]["title"].startswith("Raid")


def test_search_page_and_twin(client):
    hits = client.get("/api/search", params={"q": "compound"}).json()
    assert len(hits) == 1 and "[compound]" in hits[0]["snippet"]
    assert "<mark>compound</mark>" in client.get("/search", params={"q": "compound"}).text


def test_bad_requests_are_4xx(client):
    assert client.get("/api/entities/999").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/entities/999").status_code == 404
    assert client.get("/api/entities?type=BOGUS").status_code == 422
    assert client.get("/api/documents?limit=100000").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/documents/..%2F..%2Fetc%2Fpasswd").status_code == 404
