"""The actor network on the timeline corpus: ego network, evidence path, filters, brokers."""

from __future__ import annotations

from tests.analyze.conftest import entity_id
from tracewire.analyze import evidence_path, network_graph


def test_ego_network(timeline, truth):
    spec = truth["network"]["ego"]
    got = network_graph(timeline, actor=entity_id(timeline, spec["actor"]), depth=spec["depth"], evidence=True)
    assert sorted(n["name"] for n in got["nodes"]) == spec["nodes"]
    names = {n["id"]: n["name"] for n in got["nodes"]}
    edge = next(e for e in got["edges"] if {names[e["source"]], names[e["target"]]} ==
                {"Amir Khan Muttaqi", "Hibatullah Akhundzada"})
    assert edge["weight"] == 2 and sorted(c["grade"] for c in edge["claims"]) == ["C2", "C4"]
    assert all(ev["sentences"] for e in got["edges"] for ev in e["evidence"])


def test_shortest_evidence_path(timeline, truth):
    spec = truth["network"]["path"]
    got = evidence_path(timeline, entity_id(timeline, spec["from"]), entity_id(timeline, spec["to"]))
    assert got is not None and [p["name"] for p in got["path"]] == spec["via"]
    assert all(hop["claims"] and hop["evidence"] for hop in got["hops"])
    lonely = entity_id(timeline, "Balochistan Liberation Army")
    assert evidence_path(timeline, lonely, entity_id(timeline, spec["to"])) is None


def test_filters_by_grade_and_date(timeline, truth):
    assert sorted(n["name"] for n in network_graph(timeline, min_grade="C")["nodes"]) == truth["network"]["min_grade_C"]
    assert sorted(n["name"] for n in network_graph(timeline, since="2025-04-01")["nodes"]) == \
        truth["network"]["since_2025_04_01"]


def test_brokers_and_communities(timeline, truth):
    got = network_graph(timeline)
    assert got["brokers"][0]["name"] == truth["network"]["top_broker"]
    assert sorted(n for c in got["communities"] for n in c) == sorted(n["id"] for n in got["nodes"])
    top = max(got["nodes"], key=lambda n: n["betweenness"])
    assert top["name"] == truth["network"]["top_broker"] and top["broker"]
