"""The JSON API over the sample corpus: graph, map, timelines, search, exports, and every HTML page
against its JSON twin."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tracewire.serve.app import create_app


@pytest.fixture(scope="module")
def client(sample_db):
    with TestClient(create_app(sample_db)) as c:
        yield c


def test_graph_nodes_are_actors_and_edges_join_them(client):
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert {n["type"] for n in graph["nodes"]} == {"PERSON", "ORG"}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert {e["kind"] for e in graph["edges"]} == {"relation", "event"}
    leaders = client.get("/api/graph", params={"type": "leader_of"}).json()
    assert leaders["edges"] and {e["type"] for e in leaders["edges"]} == {"leader_of"}


def test_ego_graph_and_edge_evidence(client):
    zawahiri = client.get("/api/entities", params={"q": "Zawahiri", "type": "PERSON"}).json()[0]
    ego = client.get("/api/graph", params={"entity": zawahiri["id"]}).json()
    assert all(zawahiri["id"] in (e["source"], e["target"]) for e in ego["edges"])
    edge = ego["edges"][0]
    found = client.get("/api/graph/evidence", params={"a": edge["source"], "b": edge["target"]}).json()
    assert len(found["statements"]) >= edge["weight"]
    assert all(s["evidence"] and s["doc_id"] for s in found["statements"])


def test_graph_date_window(client):
    everything = client.get("/api/graph").json()["edges"]
    recent = client.get("/api/graph", params={"since": "2024"}).json()["edges"]
    assert 0 < len(recent) < len(everything)
    assert all((e["last"] or "") >= "2024" for e in recent)


def test_geojson_of_places_and_events_with_filters(client):
    data = client.get("/api/geojson").json()
    assert data["type"] == "FeatureCollection" and data["features"]
    events = client.get("/api/geojson", params={"kind": "event", "type": "ATTACK"}).json()["features"]
    assert events and {f["properties"]["type"] for f in events} == {"ATTACK"}
    kabul = client.get("/api/geojson", params={"kind": "event", "place": "Kabul"}).json()["features"]
    assert kabul and all(f["properties"]["kind"] == "event" for f in kabul)
    assert client.get("/api/geojson", params={"kind": "river"}).status_code == 422


def test_timeline_is_in_date_order_and_filtered(client):
    items = client.get("/api/timeline", params={"place": "Kabul"}).json()["events"]
    dates = [i["date"] for i in items if i["date"]]
    assert dates == sorted(dates) and items
    assert all("Kabul" in i["places"] or i["places"] for i in items)
    ent = client.get("/api/entities", params={"q": "Taliban", "type": "ORG"}).json()[0]
    mine = client.get(f"/api/entities/{ent['id']}/timeline").json()
    assert sum(m["documents"] for m in mine["mentions"]) > 0
    assert client.get("/api/entities/999999/timeline").status_code == 404


def test_search_finds_documents_and_entities(client):
    found = client.get("/api/search", params={"q": "Haqqani"}).json()
    assert found["documents"] and any("Haqqani" in e["name"] for e in found["entities"])
    assert client.get("/api/search", params={"q": "zzzqqq"}).json() == {"query": "zzzqqq", "documents": [],
                                                                       "entities": []}
    assert client.get("/api/entities", params={"q": "%"}).json() == []  # LIKE wildcards are literal


def test_every_page_has_a_json_twin_from_the_same_query(client):
    ent = client.get("/api/entities", params={"type": "PERSON"}).json()[0]
    data = client.get(f"/api/entities/{ent['id']}").json()
    page = client.get(f"/entities/{ent['id']}").text
    assert all(r["name"] in page for r in data["related"][:5])
    assert len(data["timeline"]["events"]) == page.count("<li><time>")
    doc = client.get("/api/documents", params={"limit": 1}).json()[0]
    detail = client.get(f"/api/documents/{doc['id']}").json()
    html = client.get(f"/documents/{doc['id']}").text
    assert html.count("<mark class=") >= len(detail["mentions"]) * 0.9
    search = client.get("/api/search", params={"q": "Kabul"}).json()
    page = client.get("/search", params={"q": "Kabul"}).text
    assert page.count("/documents/") >= len(search["documents"]) and f"{len(search['entities'])} entities" in page
    assert "data-graph='/api/graph'" in client.get("/network").text
    assert "data-geojson='/api/geojson'" in client.get("/map").text


def test_exports_over_http_read_back(client):
    gexf = client.get("/api/export/gexf")
    assert gexf.status_code == 200 and "attachment" in gexf.headers["content-disposition"]
    assert nx.read_gexf(io.BytesIO(gexf.content)).number_of_nodes() > 0
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/acled").text)))
    assert rows and rows[0]["notes"]
    assert json.loads(client.get("/api/export/geojson").text)["features"]
    assert client.get("/api/export/xlsx").status_code == 422


def test_static_assets_and_policy(client):
    for path in ("/static/network.js", "/static/map.js", "/static/vendor/cytoscape.min.js",
                 "/static/vendor/leaflet.js", "/static/vendor/countries-110m.json"):
        assert client.get(path).status_code == 200, path
    csp = client.get("/map").headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404


def test_tile_server_is_an_explicit_https_setting(sample_db, monkeypatch):
    monkeypatch.delenv("TRACEWIRE_TILES", raising=False)
    tiles = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    with TestClient(create_app(sample_db, tiles=tiles)) as c:
        response = c.get("/map")
    assert "img-src 'self' data: https://*.tile.example.org;" in response.headers["content-security-policy"]
    assert "data-tiles='https://{s}.tile.example.org/{z}/{x}/{y}.png'" in response.text
    with TestClient(create_app(sample_db)) as c:
        assert "img-src 'self' data:;" in c.get("/map").headers["content-security-policy"]
        assert "data-tiles=''" in c.get("/map").text
    with pytest.raises(ValueError, match="https://"):
        create_app(sample_db, tiles="http://tiles.example.org/{z}/{x}/{y}.png")


def test_watchlist_endpoint(client):
    assert isinstance(client.get("/api/watchlist").json(), list)


def test_openapi_lists_the_resources(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/entities/{entity_id}", "/api/graph", "/api/geojson", "/api/timeline",
                 "/api/search", "/api/export/{fmt}", "/api/relations", "/api/events"):
        assert path in paths, path
    assert "post" in paths["/api/documents"]
