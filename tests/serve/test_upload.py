"""Uploads through POST /api/documents go through the real ingest pipeline into the store, within a
size limit, with clear 4xx errors, and never touch the file system under a user's name."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from tracewire.serve.app import create_app
from tracewire.serve.upload import safe_name

ARTICLE = ("Taliban name new governor of Kandahar\n\nThe Taliban appointed a new governor in Kandahar on Monday, "
           "officials said. Hibatullah Akhundzada, the Taliban leader, met tribal elders in Kandahar the same day.")


@pytest.fixture()
def client(tmp_path, nlp):
    with TestClient(create_app(str(tmp_path / "up.db"), nlp=nlp, max_upload=20_000)) as c:
        yield c


def test_raw_text_upload_is_ingested_and_searchable(client):
    r = client.post("/api/documents", content=ARTICLE.encode(), headers={"content-type": "text/plain"},
                    params={"name": "kandahar.txt"})
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["read"] == 1 and report["new"] == 1 and len(report["documents"]) == 1
    doc = client.get(f"/api/documents/{report['documents'][0]}").json()
    assert doc["sources"][0]["locator"] == "upload:kandahar.txt"
    assert {"Kandahar", "Taliban"} <= {m["name"] for m in doc["mentions"]}
    assert client.get("/api/search", params={"q": "governor"}).json()["documents"]
    again = client.post("/api/documents", content=ARTICLE.encode(), headers={"content-type": "text/plain"}).json()
    assert again["new"] == 0 and again["seen"] == 1  # the same text is stored once


def test_multipart_html_and_jsonl(client):
    html = f"<html><head><title>Kandahar</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    lines = "\n".join(json.dumps({"text": t, "title": f"Item {i}"}) for i, t in
                      enumerate(["ISKP claimed an attack in Jalalabad on Friday.", "Hamas officials met in Doha."]))
    r = client.post("/api/documents", files=[("file", ("a.html", html.encode(), "text/html")),
                                             ("file", ("b.jsonl", lines.encode(), "application/x-ndjson"))])
    assert r.status_code == 201, r.text
    assert r.json()["read"] == 3 and r.json()["new"] == 3
    assert client.get("/api/overview").json()["counts"]["documents"] == 3


def test_size_limit_is_413(client):
    big = b"word " * 5000
    assert client.post("/api/documents", content=big, headers={"content-type": "text/plain"}).status_code == 413
    r = client.post("/api/documents", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    assert client.get("/api/overview").json()["counts"]["documents"] == 0


def test_unreadable_uploads_are_4xx_with_the_reason(client):
    r = client.post("/api/documents", content=b"\x89PNG\r\n\x1a\n\x00\x00\x00", headers={"content-type": "text/plain"},
                    params={"name": "x.txt"})
    assert r.status_code == 400 and "upload:x.txt" in r.json()["detail"] and "binary" in r.json()["detail"]
    assert client.post("/api/documents", content=b"", headers={"content-type": "text/plain"}).status_code == 400
    r = client.post("/api/documents", content=b"%PDF-1.4", headers={"content-type": "application/pdf"})
    assert r.status_code == 415 and "application/pdf" in r.json()["detail"]
    r = client.post("/api/documents", content=b'{"title": "no text"}\n', headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 400 and "text" in r.json()["detail"]
    r = client.post("/api/documents", data={"note": "no file"}, files=[])
    assert r.status_code in (400, 415)


def test_a_bad_upload_keeps_the_good_ones(client):
    r = client.post("/api/documents", files=[("file", ("good.txt", ARTICLE.encode(), "text/plain")),
                                             ("file", ("bad.txt", b"\xff\xfe\x00\x00binary\x00", "text/plain"))])
    assert r.status_code == 201
    assert r.json()["new"] == 1 and len(r.json()["failed"]) == 1 and "upload:bad.txt" in r.json()["failed"][0]


def test_names_from_the_user_never_become_paths(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = client.post("/api/documents", files={"file": ("../../etc/evil.txt", ARTICLE.encode(), "text/plain")})
    assert r.status_code == 201
    doc = client.get(f"/api/documents/{r.json()['documents'][0]}").json()
    assert doc["sources"][0]["locator"] == "upload:evil.txt"
    assert {p.name for p in tmp_path.iterdir()} <= {"up.db", "up.db-shm", "up.db-wal"}
    assert not (tmp_path.parent.parent / "etc" / "evil.txt").exists()


@given(st.text(max_size=300))
def test_safe_name_is_a_short_label_without_separators(name):
    out = safe_name(name)
    assert out and len(out) <= 100 and "/" not in out and "\\" not in out and not out.startswith(".")
