"""The actor network: who is tied to whom, through which claims, with networkx.

Sits after claim grouping: nodes are canonical actors (people and organisations), an edge joins
the two parties of a relation claim or any two actors of an event claim (co-participation), and
carries its claims (id, type, grade, dates) and the documents that support them. Filters: a date
window on the claims' dates (a relation's, which has none, are its reports' publication dates)
and a minimum grade ("B2", "C", "3"; see ``claims.parse_grade``).

Measures: degree and betweenness centrality (exact up to 2,000 nodes, sampled with a fixed seed
above), communities by Louvain modularity (fixed seed, so runs agree), and brokers: actors tied into two or more
communities, ranked by betweenness.

Functions for the CLI and the API::

    build_graph(store, *, since=None, until=None, min_grade=None) -> networkx.Graph
    network_graph(store, *, actor=None, depth=1, since=None, until=None, min_grade=None,
                  evidence=False) -> dict        nodes, edges, communities, brokers
                                                 (with ``actor``: its ego network to ``depth``)
    evidence_path(store, a, b, *, since=None, until=None, min_grade=None) -> dict | None
                                                 the shortest path and each hop's claims and sentences
"""

from __future__ import annotations

import json
from itertools import combinations
from typing import Any

import networkx as nx

from tracewire.analyze.claims import _evidence, parse_grade
from tracewire.store import Store

EXACT_BETWEENNESS = 2000


def build_graph(store: Store, *, since: str | None = None, until: str | None = None,
                min_grade: str | None = None) -> nx.Graph:
    letter, level = parse_grade(min_grade)
    actors: dict[int, tuple[str, str]] = {}
    for r in store.conn.execute("SELECT id, name, type FROM entities WHERE canonical_id IS NULL"
                                " AND type IN ('PERSON', 'ORG')"):
        actors[int(r[0])] = (r[1], r[2])
    parties: dict[int, list[int]] = {}
    for claim_id, entity_id in store.conn.execute(
            "SELECT claim_id, entity_id FROM claim_parties WHERE role <> 'place' ORDER BY claim_id, entity_id"):
        if entity_id in actors:
            parties.setdefault(int(claim_id), []).append(int(entity_id))
    graph = nx.Graph()
    # a relation claim has no date of its own: its reports' publication dates place it in time
    for r in store.conn.execute("SELECT id, type, reliability, credibility,"
                                " coalesce(date_from, first_seen) AS date_from,"
                                " coalesce(date_to, last_seen) AS date_to, independent, contradicting, hedged"
                                " FROM claims"):
        if letter and r["reliability"] > letter or level and r["credibility"] > level:
            continue
        if since and r["date_to"] and r["date_to"] < since or until and r["date_from"] and r["date_from"] > until:
            continue
        members = parties.get(int(r["id"]), [])
        for a, b in combinations(members, 2):
            for n in (a, b):
                if n not in graph:
                    graph.add_node(n, name=actors[n][0], type=actors[n][1])
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, claims=[])
            graph[a][b]["claims"].append({
                "id": int(r["id"]), "type": r["type"], "grade": f"{r['reliability']}{r['credibility']}",
                "date_from": r["date_from"], "date_to": r["date_to"], "independent": r["independent"],
                "contradicted": bool(r["contradicting"]), "hedged": bool(r["hedged"])})
    for _a, _b, data in graph.edges(data=True):
        data["weight"] = len(data["claims"])
    return graph


def _measures(graph: nx.Graph) -> tuple[dict[int, float], dict[int, float], list[list[int]], list[int]]:
    if graph.number_of_nodes() == 0:
        return {}, {}, [], []
    degree = nx.degree_centrality(graph)
    k = None if graph.number_of_nodes() <= EXACT_BETWEENNESS else EXACT_BETWEENNESS // 4
    between = nx.betweenness_centrality(graph, k=k, seed=7)
    communities = sorted((sorted(c) for c in nx.community.louvain_communities(graph, seed=7)), key=lambda c: c[0]) \
        if graph.number_of_edges() else [[n] for n in sorted(graph)]
    community_of = {n: i for i, c in enumerate(communities) for n in c}
    brokers = [n for n in graph if len({community_of[m] for m in graph[n]} | {community_of[n]}) >= 2]
    brokers.sort(key=lambda n: (-between[n], n))
    return degree, between, communities, brokers


def network_graph(store: Store, *, actor: int | None = None, depth: int = 1, since: str | None = None,
                  until: str | None = None, min_grade: str | None = None, evidence: bool = False) -> dict[str, Any]:
    """The network (or an actor's ego network to ``depth``) as JSON-ready nodes and edges. Measures
    are computed on the whole filtered graph, then the ego network is cut out of it."""
    graph = build_graph(store, since=since, until=until, min_grade=min_grade)
    degree, between, communities, brokers = _measures(graph)
    community_of = {n: i for i, c in enumerate(communities) for n in c}
    center = store.root_of(actor) if actor is not None else None
    view = graph
    if center is not None:
        view = nx.ego_graph(graph, center, radius=depth) if center in graph else nx.Graph()
    broker_set = set(brokers)
    nodes = [{"id": n, "name": graph.nodes[n]["name"], "type": graph.nodes[n]["type"],
              "degree": graph.degree(n), "degree_centrality": round(degree[n], 6),
              "betweenness": round(between[n], 6), "community": community_of[n], "broker": n in broker_set}
             for n in sorted(view)]
    edges = []
    for a, b in sorted(tuple(sorted(e)) for e in view.edges()):
        data = graph[a][b]
        item: dict[str, Any] = {"source": a, "target": b, "weight": data["weight"], "claims": data["claims"]}
        if evidence:
            item["evidence"] = _claim_evidence(store, [c["id"] for c in data["claims"]])
        edges.append(item)
    return {"center": center, "depth": depth if center is not None else None,
            "filters": {"since": since, "until": until, "min_grade": min_grade},
            "nodes": nodes, "edges": edges,
            "communities": [[n for n in c if n in view] for c in communities if any(n in view for n in c)],
            "brokers": [{"id": n, "name": graph.nodes[n]["name"], "betweenness": round(between[n], 6)}
                        for n in brokers if n in view]}


def _claim_evidence(store: Store, claim_ids: list[int], per_claim: int = 3) -> list[dict[str, Any]]:
    out = []
    for claim_id in claim_ids:
        rows = store.conn.execute(
            "SELECT cr.doc_id, cr.statement, cr.statement_id, cr.source_name, cr.hedged, d.title FROM claim_reports cr"
            " JOIN documents d ON d.id = cr.doc_id WHERE cr.claim_id = ? AND cr.stance = 'supports'"
            " ORDER BY cr.published, cr.id LIMIT ?", (claim_id, per_claim)).fetchall()
        for r in rows:
            table = "relations" if r["statement"] == "relation" else "events"
            st = store.conn.execute(f"SELECT evidence FROM {table} WHERE id = ?",  # noqa: S608 (fixed names)
                                    (r["statement_id"],)).fetchone()
            out.append({"claim_id": claim_id, "doc_id": r["doc_id"], "title": r["title"], "source": r["source_name"],
                        "hedged": bool(r["hedged"]),
                        "sentences": _evidence(store, r["doc_id"], json.loads(st[0]) if st else [])})
    return out


def evidence_path(store: Store, a: int, b: int, *, since: str | None = None, until: str | None = None,
                  min_grade: str | None = None) -> dict[str, Any] | None:
    """The shortest chain of ties from actor ``a`` to actor ``b`` (fewest hops, then the
    best-corroborated), each hop with its claims and evidence sentences; None when unconnected."""
    graph = build_graph(store, since=since, until=until, min_grade=min_grade)
    ra, rb = store.root_of(a), store.root_of(b)
    if ra not in graph or rb not in graph:
        return None
    try:
        path = nx.shortest_path(graph, ra, rb, weight=lambda _u, _v, d: 1 + 1 / (1 + d["weight"]))
    except nx.NetworkXNoPath:
        return None
    hops = []
    for u, v in zip(path, path[1:], strict=False):
        claims = graph[u][v]["claims"]
        hops.append({"from": {"id": u, "name": graph.nodes[u]["name"]}, "to": {"id": v, "name": graph.nodes[v]["name"]},
                     "claims": claims, "evidence": _claim_evidence(store, [c["id"] for c in claims])})
    return {"from": ra, "to": rb, "length": len(path) - 1,
            "path": [{"id": n, "name": graph.nodes[n]["name"]} for n in path], "hops": hops}
