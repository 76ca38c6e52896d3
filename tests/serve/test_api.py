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
    assert client.get("/api/entities/999999/attention").status_code == 404


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


def test_claims_with_grade_filter_and_a_claim_with_its_reports(client):
    claims = client.get("/api/claims", params={"limit": 500}).json()
    assert claims and all(c["grade"] for c in claims)
    good = client.get("/api/claims", params={"min_grade": "2"}).json()
    assert good and all(c["credibility"] <= 2 for c in good) and len(good) < len(claims)
    assert client.get("/api/claims", params={"min_grade": "Z9"}).status_code == 400
    best = max(claims, key=lambda c: c["independent"])
    detail = client.get(f"/api/claims/{best['id']}").json()
    assert len(detail["supporting"]) == best["reports"] and detail["reasons"]
    assert all(r["evidence"] and r["evidence"][0]["text"] for r in detail["supporting"])
    page = client.get(f"/claims/{best['id']}").text
    assert f"<b>{best['independent']}</b> independent sources" in page and detail["reasons"][0][:30] in page
    assert page.count("<blockquote class=evidence>") >= len(detail["supporting"])
    assert client.get("/api/claims/999999").status_code == 404 and client.get("/claims/999999").status_code == 404
    actor = best["subjects"][0]["id"]
    assert all(actor in [p["id"] for p in c["subjects"] + c["objects"] + c["places"]]
               for c in client.get("/api/claims", params={"actor": actor}).json())
    assert f"/claims/{best['id']}" in client.get(f"/entities/{actor}").text


def test_watch_an_actor_and_read_alerts(copy_db, sample_db):
    db = copy_db(sample_db)
    with TestClient(create_app(db)) as c:
        taliban = c.get("/api/entities", params={"q": "Taliban", "type": "ORG"}).json()[0]
        added = c.post("/api/watch", json={"ref": str(taliban["id"])})
        assert added.status_code == 201 and added.json()["entity_id"] == taliban["id"]
        assert any(w["entity_id"] == taliban["id"] for w in c.get("/api/watch").json())
        alerts = c.get("/api/alerts", params={"entity": taliban["id"]}).json()
        assert alerts and all(a["entity_id"] == taliban["id"] and a["evidence"] for a in alerts)
        assert taliban["name"] in c.get("/alerts").text
        missing = c.post("/api/watch", json={"ref": "No Such Group Anywhere"})
        assert missing.status_code == 400 and "no actor named" in missing.json()["detail"]
        # a digit that is not an ASCII digit ("²" passes str.isdigit) is a name, not an id
        assert c.post("/api/watch", json={"ref": "\u00b2"}).status_code == 400
        assert c.post("/api/watch", json={"ref": "x", "kind": "river"}).status_code == 422
        assert c.delete(f"/api/watch/actor/{taliban['id']}").status_code == 204
        assert c.delete(f"/api/watch/actor/{taliban['id']}").status_code == 404
        assert c.get("/api/alerts", params={"entity": taliban["id"]}).json() == []


def test_attention_of_an_entity(client):
    ent = client.get("/api/entities", params={"q": "Taliban", "type": "ORG"}).json()[0]
    data = client.get(f"/api/entities/{ent['id']}/attention").json()
    assert data["entity"]["id"] == ent["id"] and sum(d.get("mentions", d.get("count", 0)) for d in data["days"]) > 0


def test_answers_sent_in_one_pass_are_what_their_models_would_send(client):
    # reads skip FastAPI's validation (api._encoded); the answer must still be exactly the model's
    from tracewire.serve.models import FeatureCollection, Graph, SearchResult, Timeline

    someone = client.get("/api/entities", params={"type": "PERSON"}).json()[0]["id"]
    for model, path, params in [(Graph, "/api/graph", {}), (Graph, "/api/graph", {"entity": someone}),
                                (Timeline, f"/api/entities/{someone}/timeline", {}), (Timeline, "/api/timeline", {}),
                                (SearchResult, "/api/search", {"q": "Taliban"}), (FeatureCollection, "/api/geojson", {})]:
        answer = client.get(path, params=params)
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
        assert model.model_validate(answer.json()).model_dump(mode="json") == answer.json(), path


def test_an_answer_json_cannot_encode_as_it_is_goes_through_fastapi():
    from fastapi.responses import Response

    from tracewire.serve.api import _encoded

    assert _encoded(lambda: {"names": {"a"}})() == {"names": {"a"}}  # a set: FastAPI encodes it
    assert not isinstance(_encoded(lambda: {"x": float("nan")})(), Response)  # NaN is not JSON
    sent = _encoded(lambda: {"name": "Kābul", "ids": [1, 2]})()
    assert isinstance(sent, Response) and json.loads(sent.body) == {"name": "Kābul", "ids": [1, 2]}


def test_the_events_page_lists_what_its_json_twin_lists(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert len(everything) > 100  # the sample has more than a page
    first = client.get("/events").text
    assert first.count("<li><b>") == 100 and "offset=100" in first and ">earlier</a>" not in first
    rest = client.get("/events", params={"offset": 100}).text
    assert rest.count("<li><b>") == min(100, len(everything) - 100) and ">earlier</a>" in rest
    someone = client.get("/api/entities", params={"type": "ORG"}).json()[0]
    theirs = client.get("/api/events", params={"entity": someone["id"], "limit": 100}).json()
    page = client.get("/events", params={"entity": someone["id"]}).text
    assert page.count("<li><b>") == len(theirs) and someone["name"] in page.split("</h1>")[0]
    assert client.get("/events", params={"since": "last week"}).status_code == 422
    assert client.get("/events", params={"entity": 10**9}).status_code == 404
    assert client.get("/events", params={"type": "", "since": "", "until": ""}).status_code == 200  # a blank form
