"""Every export read back with the tool of its ecosystem: followthemoney, networkx, json, csv."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from followthemoney import model

from tracewire.export import FORMATS, lines
from tracewire.store import open_store


@pytest.fixture(scope="module")
def exported(sample_db):
    st = open_store(sample_db, migrate=False)
    try:
        yield {name: "".join(lines(st, name)) for name in FORMATS}, st.counts()
    finally:
        st.close()


def test_ftm_entities_validate_and_their_links_resolve(exported):
    out, _ = exported
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in out["ftm"].splitlines()]
    by_id = {p.id: p for p in proxies}
    assert len(by_id) == len(proxies), "ids are unique"
    schemata = {p.schema.name for p in proxies}
    assert {"Person", "Organization", "Event", "Address", "Directorship"} <= schemata
    assert schemata & {"Membership", "Employment"}
    for proxy in proxies:
        data = proxy.to_dict()
        assert proxy.schema.validate(data) is None
        missing = [name for name in proxy.schema.required if not proxy.get(name)]
        assert not missing, (proxy.schema.name, missing)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":  # every reference points at an exported entity of the right schema
                assert value in by_id, (proxy.schema.name, prop.name)
                assert by_id[value].schema.is_a(prop.range), (proxy.schema.name, prop.name, by_id[value].schema.name)


def test_ftm_keeps_the_evidence_and_the_hedge(exported):
    out, _ = exported
    links = [json.loads(line) for line in out["ftm"].splitlines()]
    directorships = [x for x in links if x["schema"] == "Directorship"]
    assert directorships and all(x["properties"].get("summary") for x in directorships)
    assert any("reportedly" in d for x in links for d in x["properties"].get("description", []))
    leaders = {x["properties"]["role"][0] for x in directorships}
    assert "leader" in leaders


def test_graphml_and_gexf_read_back_with_networkx(exported):
    out, counts = exported
    g1 = nx.read_graphml(io.BytesIO(out["graphml"].encode("utf-8")))
    g2 = nx.read_gexf(io.BytesIO(out["gexf"].encode("utf-8")))
    for g in (g1, g2):
        assert g.number_of_nodes() > 20 and g.number_of_edges() > 20
        assert g.number_of_nodes() < counts["entities"]  # actors only, no places
    names = {d["name"] for _, d in g1.nodes(data=True)}
    assert "Ayman al-Zawahiri" in names
    types = {d["type"] for _, _, d in g1.edges(data=True)}
    assert "leader_of" in types and any(t.startswith("event:") for t in types)
    assert all(d["evidence"] for _, _, d in g1.edges(data=True))
    assert {d["type"] for _, d in g1.nodes(data=True)} == {"PERSON", "ORG"}
    assert sorted(g1.nodes) == sorted(g2.nodes)
    assert g1.number_of_edges() == g2.number_of_edges()


def test_geojson_parses_with_points_in_range(exported):
    out, _ = exported
    data = json.loads(out["geojson"])
    assert data["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert kinds == {"place", "event"}
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    kabul = [f for f in data["features"] if f["properties"].get("name") == "Kabul"]
    assert kabul and abs(kabul[0]["geometry"]["coordinates"][1] - 34.5) < 0.2
    events = [f for f in data["features"] if f["properties"]["kind"] == "event"]
    assert all(f["properties"]["evidence"] for f in events)


def test_acled_csv_reads_back_with_evidence_notes(exported, sample_db):
    out, counts = exported
    rows = list(csv.DictReader(io.StringIO(out["acled"])))
    assert len(rows) == counts["events"]
    for column in ("event_date", "event_type", "actor1", "actor2", "admin1", "admin2", "location", "latitude",
                   "longitude", "source", "notes"):
        assert column in rows[0]
    st = open_store(sample_db, migrate=False)
    try:
        for row in rows[:40]:
            doc = st.document(row["document_id"])
            assert row["notes"][:40] in " ".join(doc["text"].split())  # the evidence is the article's own words
    finally:
        st.close()
    located = [r for r in rows if r["latitude"]]
    assert located and all(-90 <= float(r["latitude"]) <= 90 for r in located)
    assert any(r["admin1"] for r in located) and {r["hedged"] for r in rows} <= {"0", "1"}
    assert any(r["attribution"].startswith("(according to") for r in rows)
    assert {r["source"] for r in rows} - {""}


def test_article_text_survives_every_export(tmp_path, nlp):
    """A hostile title and markup in the text come back as the same characters after reading back."""
    from tracewire.pipeline import Ingester

    st = open_store(str(tmp_path / "x.db"))
    hostile = 'Taliban leader Hibatullah Akhundzada met "envoys" <script>alert(1)</script> & co in Kandahar on 3 May 2024.'
    (tmp_path / "a.txt").write_text(f"Meeting <b>in</b> Kandahar\n\n{hostile}\n", encoding="utf-8")
    Ingester(st, nlp=nlp).run([str(tmp_path / "a.txt")])
    g = nx.read_graphml(io.BytesIO("".join(lines(st, "graphml")).encode()))
    rows = list(csv.DictReader(io.StringIO("".join(lines(st, "acled")))))
    st.close()
    assert any("<script>alert(1)</script> & co" in r["notes"] for r in rows)
    assert any("<script>" in d.get("evidence", "") for _, _, d in g.edges(data=True)) or g.number_of_edges() == 0


def test_the_lean_graph_read_draws_the_same_graph_as_the_full_one(sample_db):
    # the network view reads the graph without evidence; it must be the graph the exports write
    from tracewire.export.collect import actor_graph

    def drawn(graph):
        out = graph.to_json()
        return (sorted((n["id"], n["degree"]) for n in out["nodes"]),
                sorted(tuple(e[k] for k in ("source", "target", "type", "weight", "documents", "hedged", "first",
                                            "last")) for e in out["edges"]))

    st = open_store(sample_db, migrate=False)
    try:
        whole = actor_graph(st)
        assert whole.edges
        filters = [{}, {"since": "2022"}, {"until": "2021-12"}, {"relation_type": "leader_of"}]
        filters += [{"entity_id": i} for i in sorted(whole.nodes)]
        for kw in filters:
            assert drawn(actor_graph(st, evidence=False, **kw)) == drawn(actor_graph(st, **kw)), kw
    finally:
        st.close()
