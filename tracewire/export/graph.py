"""GraphML and GEXF of the actor graph, for Gephi, yEd, Cytoscape desktop or networkx.

Nodes carry the entity's name, type, subtype and registry id; edges carry the relation type (or
``event:TYPE`` for taking part in one event), how many statements and documents support it, how
many of those are hedged, the first and last date and the first evidence sentence with its
hedge and source label. Several relation types between two actors are parallel edges.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from tracewire.export.collect import Graph, Store, actor_graph


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in graph.to_json()["nodes"]:
        g.add_node(str(node["id"]), **_clean({k: v for k, v in node.items() if k != "id"}, label=node["name"]))
    for edge in graph.edges:
        data = edge.to_json()
        first = edge.statements[0]
        evidence = " ".join(x for x in (first["label"], first["evidence"]) if x)
        g.add_edge(str(edge.source), str(edge.target), key=edge.id,
                   **_clean({k: v for k, v in data.items() if k not in ("id", "source", "target")},
                            label=edge.type, evidence=evidence, document=first["doc_id"]))
    return g


def _clean(attrs: dict[str, Any], **more: Any) -> dict[str, Any]:
    """Attributes both formats can hold: no missing values, booleans and numbers kept as they are."""
    return {k: v for k, v in {**attrs, **more}.items() if v is not None}


def graphml_lines(store: Store, **filters: Any) -> Iterator[str]:
    yield from nx.generate_graphml(to_networkx(actor_graph(store, **filters)), prettyprint=True)


def gexf_lines(store: Store, **filters: Any) -> Iterator[str]:
    yield from nx.generate_gexf(to_networkx(actor_graph(store, **filters)), prettyprint=True)
