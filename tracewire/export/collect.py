"""Read the store into the shapes every export and the API's graph and map share.

Exports and the web UI sit after ``store`` in the flow and read through it only: this module
pages through ``store.entities``, ``store.relations`` and ``store.events`` and folds them into an
actor graph (nodes and edges with their evidence) and into located features (places and events
with coordinates). The JSON endpoints, the network and map pages, and the GraphML, GEXF,
GeoJSON, ACLED and FollowTheMoney writers are all built on these two functions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tracewire.model import provenance_label
from tracewire.store import Store
from tracewire.store.base import event_window

ACTOR_TYPES = ("PERSON", "ORG")
PAGE = 500

__all__ = ["Graph", "Store", "actor_graph", "between", "geojson", "paged"]


def paged(read: Callable[..., list[dict[str, Any]]], **filters: Any) -> Iterator[dict[str, Any]]:
    """Every row a paged store read returns, one page at a time."""
    offset = 0
    while True:
        rows = read(limit=PAGE, offset=offset, **filters)
        yield from rows
        if len(rows) < PAGE:
            return
        offset += PAGE


def label(item: dict[str, Any]) -> str:
    """ "[reportedly] (according to X)" for a relation or an event; empty for a plain statement."""
    return provenance_label(item["hedged"], item["attributed_name"], item["attributed_to"],
                            bool(item.get("inherited")))


def sentence(item: dict[str, Any]) -> str:
    """The evidence of a statement as one string: its sentences, in order."""
    return " ".join(e["text"] for e in item["evidence"] if e.get("text"))


@dataclass(slots=True)
class Edge:
    """All statements that tie two actors, in one direction, by one type of relation or event."""

    source: int
    target: int
    type: str       # a relation type (leader_of, ...) or "event:TYPE" for co-participation
    kind: str       # "relation" | "event"
    statements: list[dict[str, Any]] = field(default_factory=list)
    #: weight, documents, hedged, first and last, when counted without reading the statements
    counts: dict[str, Any] | None = None

    @property
    def id(self) -> str:
        return f"{self.source}-{self.target}-{self.type}"

    def to_json(self) -> dict[str, Any]:
        if self.counts is not None:
            return {"id": self.id, "source": self.source, "target": self.target, "type": self.type,
                    "kind": self.kind, **self.counts}
        docs = {s["doc_id"] for s in self.statements}
        return {"id": self.id, "source": self.source, "target": self.target, "type": self.type, "kind": self.kind,
                "weight": len(self.statements), "documents": len(docs),
                "hedged": sum(1 for s in self.statements if s["hedged"]),
                "first": min((s["date"] for s in self.statements if s["date"]), default=None),
                "last": max((s["date"] for s in self.statements if s["date"]), default=None)}


@dataclass(slots=True)
class Graph:
    nodes: dict[int, dict[str, Any]]
    edges: list[Edge]

    def to_json(self) -> dict[str, Any]:
        degree: dict[int, int] = {}
        for e in self.edges:
            degree[e.source] = degree.get(e.source, 0) + 1
            degree[e.target] = degree.get(e.target, 0) + 1
        nodes = [{**n, "degree": degree.get(i, 0)} for i, n in self.nodes.items()]
        return {"nodes": nodes, "edges": [e.to_json() for e in self.edges]}


def _statement(item: dict[str, Any], kind: str) -> dict[str, Any]:
    return {"kind": kind, "id": item["id"], "type": item["type"], "doc_id": item["doc_id"],
            "doc_title": item["doc_title"], "date": (item.get("time") or item.get("published")),
            "hedged": item["hedged"], "label": label(item), "evidence": sentence(item)}


def entity_index(store: Store) -> dict[int, dict[str, Any]]:
    """Id, name, type, subtype and registry id of every canonical entity, in one query."""
    rows = store.conn.execute("SELECT id, name, type, subtype, kb_id FROM entities WHERE canonical_id IS NULL")
    return {int(r["id"]): {"id": int(r["id"]), "name": r["name"], "type": r["type"], "subtype": r["subtype"],
                           "kb_id": r["kb_id"]} for r in rows}


def outlets(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """Every document's outlet and URL, by document id."""
    return {r["id"]: (r["outlet"], r["url"]) for r in store.conn.execute("SELECT id, outlet, url FROM documents")}


def actor_graph(store: Store, *, entity_id: int | None = None, relation_type: str | None = None,
                since: str | None = None, until: str | None = None, events: bool = True,
                evidence: bool = True) -> Graph:
    """Actors (people and organisations) as nodes; relations between them, and taking part in the
    same event, as edges. ``entity_id`` keeps the statements that name that entity (its ego
    network); dates filter on the statement's date (the event's, else the article's).
    ``evidence=False`` reads only what the edges' counts and dates need (no sentences, labels or
    titles), in two queries: what the network view draws (it fetches evidence per clicked edge)."""
    if not evidence:
        return _lean_graph(store, entity_id=entity_id, relation_type=relation_type, since=since, until=until,
                           events=events)
    kinds = entity_index(store)

    def node(ref_id: int, name: str) -> dict[str, Any] | None:
        found = kinds.setdefault(ref_id, {"id": ref_id, "name": name, "type": "?", "subtype": None, "kb_id": None})
        return found if found["type"] in ACTOR_TYPES else None

    def in_window(date: str | None) -> bool:
        if since and (not date or date < since):
            return False
        return not (until and (not date or date[:len(until)] > until))

    edges: dict[tuple[int, int, str], Edge] = {}
    for rel in paged(store.relations, entity_id=entity_id, type=relation_type):
        if not in_window(rel["published"]) or rel["source_id"] == rel["target_id"]:
            continue
        if node(rel["source_id"], rel["source"]) and node(rel["target_id"], rel["target"]):
            key = (rel["source_id"], rel["target_id"], rel["type"])
            edges.setdefault(key, Edge(*key, kind="relation")).statements.append(_statement(rel, "relation"))
    if events and relation_type is None:
        for ev in paged(store.events, entity_id=entity_id, since=since, until=until):
            actors = [a for a in ev["actors"] + ev["participants"] if node(a["id"], a["name"])]
            for i, a in enumerate(actors):
                for b in actors[i + 1:]:
                    if a["id"] == b["id"]:
                        continue
                    key = (a["id"], b["id"], f"event:{ev['type']}")
                    edges.setdefault(key, Edge(*key, kind="event")).statements.append(_statement(ev, "event"))
    used = {i for e in edges.values() for i in (e.source, e.target)}
    return Graph(nodes={i: kinds[i] for i in sorted(used)}, edges=list(edges.values()))


def _lean_graph(store: Store, *, entity_id: int | None, relation_type: str | None, since: str | None,
                until: str | None, events: bool) -> Graph:
    """``actor_graph`` without evidence: the same nodes and edges; a relation edge's statements
    carry only their kind, id, type, document, date and hedge, and an event edge has only its
    ``counts``."""
    kinds = entity_index(store)
    members = store.members(entity_id) if entity_id is not None else []
    if entity_id is not None and not members:
        return Graph(nodes={}, edges=[])
    marks = ", ".join("?" for _ in members)

    def actor(ref_id: int) -> bool:
        return kinds.get(ref_id, {}).get("type") in ACTOR_TYPES

    def in_window(date: str | None) -> bool:
        if since and (not date or date < since):
            return False
        return not (until and (not date or date[:len(until)] > until))

    edges: dict[tuple[int, int, str], Edge] = {}
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if relation_type:
        where.append("r.type = ?")
        params.append(relation_type)
    if members:
        where.append(f"(r.source_id IN ({marks}) OR r.target_id IN ({marks}))")
        params += [*members, *members]
    seen: dict[tuple[str, str, int, int], dict[str, Any]] = {}
    for r in store.conn.execute(
            "SELECT r.id, r.type, r.doc_id, r.hedged, d.published, coalesce(s.canonical_id, s.id) AS sid,"
            " coalesce(t.canonical_id, t.id) AS tid FROM relations r JOIN documents d ON d.id = r.doc_id"
            " JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id"
            f" WHERE {' AND '.join(where)} ORDER BY r.id", params):  # noqa: S608 (fixed clauses, values bound)
        sid, tid = int(r["sid"]), int(r["tid"])
        if sid == tid or not in_window(r["published"]) or not (actor(sid) and actor(tid)):
            continue
        key = (r["doc_id"], r["type"], sid, tid)
        if key in seen:  # one relation read under two spellings later merged: hedged only if both are
            seen[key]["hedged"] = seen[key]["hedged"] and bool(r["hedged"])
            continue
        statement = {"kind": "relation", "id": r["id"], "type": r["type"], "doc_id": r["doc_id"],
                     "date": r["published"], "hedged": bool(r["hedged"])}
        seen[key] = statement
        edges.setdefault((sid, tid, r["type"]), Edge(sid, tid, r["type"], kind="relation")).statements.append(statement)
    if events and relation_type is None:
        where, params = ["1 = 1"], []  # the relations' filters are done
        if members:
            where.append(f"e.id IN (SELECT event_id FROM event_args WHERE entity_id IN ({marks}))")
            params += members
        clauses, values = event_window(since, until)
        where += clauses
        params += values
        # Each event's cast: its actors, then its participants, each referent once at its first
        # place (``store.events`` lists them so); every actor in it is tied to each one after it.
        # The pairs are counted in the database: a busy actor's events come to many thousands.
        first = ("min(CASE a.role WHEN 'actor' THEN 0 ELSE 1 END * 1000000000000 + a.rowid)")
        actor_types = ", ".join(f"'{t}'" for t in ACTOR_TYPES)
        for r in store.conn.execute(
                f"WITH picked AS (SELECT e.id, e.type, e.doc_id, e.hedged, e.dated FROM events e"
                f" WHERE {' AND '.join(where)}),"  # noqa: S608 (fixed clauses, values bound)
                " cast_ AS (SELECT a.event_id, coalesce(n.canonical_id, n.id) AS who,"
                f" {first} AS pos FROM event_args a JOIN entities n ON n.id = a.entity_id"
                " WHERE a.role IN ('actor', 'participant') AND a.event_id IN (SELECT id FROM picked)"
                " GROUP BY a.event_id, coalesce(n.canonical_id, n.id))"
                " SELECT x.who AS source, y.who AS target, p.type, count(*) AS weight,"
                " count(DISTINCT p.doc_id) AS documents, sum(p.hedged) AS hedged, min(p.dated) AS first,"
                " max(p.dated) AS last FROM picked p JOIN cast_ x ON x.event_id = p.id"
                " JOIN cast_ y ON y.event_id = p.id AND y.pos > x.pos"
                " JOIN entities rx ON rx.id = x.who JOIN entities ry ON ry.id = y.who"
                f" WHERE rx.type IN ({actor_types}) AND ry.type IN ({actor_types})"
                " GROUP BY x.who, y.who, p.type ORDER BY min(p.id), x.who, y.who", params):
            pair = (int(r["source"]), int(r["target"]), f"event:{r['type']}")
            edges[pair] = Edge(*pair, kind="event", counts={
                "weight": int(r["weight"]), "documents": int(r["documents"]), "hedged": int(r["hedged"]),
                "first": r["first"], "last": r["last"]})
    used = {i for e in edges.values() for i in (e.source, e.target)}
    return Graph(nodes={i: kinds[i] for i in sorted(used)}, edges=list(edges.values()))


def between(store: Store, a: int, b: int) -> list[dict[str, Any]]:
    """Every statement that ties two actors (either way round), with its evidence: what a click on
    an edge of the network shows."""
    graph = actor_graph(store, entity_id=a)
    pair = {a, b}
    out = [s for e in graph.edges if {e.source, e.target} == pair for s in e.statements]
    return sorted(out, key=lambda s: (s["date"] or "9999", s["kind"], s["id"]))


def _point(geo: dict[str, Any] | None) -> tuple[float, float] | None:
    if not geo or geo.get("lat") is None or geo.get("lon") is None:
        return None
    return float(geo["lon"]), float(geo["lat"])


def admin_areas(place: dict[str, Any]) -> tuple[str, str, str]:
    """(admin1, admin2, location) of a stored place, from its gazetteer feature and admin1."""
    geo = place.get("geo") or {}
    feature = str(geo.get("feature") or "")
    admin1 = str(geo.get("admin1") or "")
    if feature == "ADM1" or place.get("subtype") == "province":
        return place["name"], "", place["name"]
    if feature.startswith("ADM2") or place.get("subtype") == "district":
        return admin1, place["name"], place["name"]
    return admin1, "", place["name"]


def places(store: Store, *, entity_id: int | None = None) -> Iterator[dict[str, Any]]:
    """GeoJSON features of the stored places with coordinates (or, with ``entity_id``, of that
    entity if it is a place and the places of the events it takes part in)."""
    if entity_id is None:
        geo = {int(r["id"]): json.loads(r["geo"]) for r in store.conn.execute(
            "SELECT id, geo FROM entities WHERE type = ? AND canonical_id IS NULL AND geo IS NOT NULL", ("PLACE",))}
        for row in paged(store.entities, type="PLACE"):
            if point := _point(geo.get(row["id"])):
                yield _place_feature({**row, "geo": geo[row["id"]]}, point, row["documents"])
        return
    seen: set[int] = set()
    ent = store.entity(entity_id, max_sentences=0)
    candidates: list[dict[str, Any] | None] = [ent] if ent and ent["type"] == "PLACE" else []
    for ev in ent["events"] if ent else []:
        candidates += [store.entity(p["id"], max_sentences=0) for p in ev["locations"]]
    for rel in ent["relations"] if ent else []:
        for end in ("source_id", "target_id"):
            if rel[end] != (ent or {}).get("id"):
                candidates.append(store.entity(rel[end], max_sentences=0))
    for place in candidates:
        if place and place["type"] == "PLACE" and place["id"] not in seen and (point := _point(place["geo"])):
            seen.add(place["id"])
            yield _place_feature(place, point, len(place["documents"]))


def _place_feature(ent: dict[str, Any], point: tuple[float, float], documents: int) -> dict[str, Any]:
    geo = ent["geo"] or {}
    return {"type": "Feature", "id": f"place-{ent['id']}", "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": {"kind": "place", "entity_id": ent["id"], "name": ent["name"], "subtype": ent["subtype"],
                           "country": geo.get("country"), "admin1": geo.get("admin1"),
                           "geonames_id": geo.get("geonames_id"), "documents": documents}}


def located_events(store: Store, **filters: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Every event matching ``filters`` with its first located place (or None when it has none)."""
    for ev in paged(store.events, **filters):
        place = next((p for p in ev["locations"] if _point(p["geo"])), None)
        yield ev, place


def event_features(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """GeoJSON features of the events that have a place with coordinates."""
    for ev, place in located_events(store, **filters):
        if place is None:
            continue
        point = _point(place["geo"])
        assert point is not None
        yield {"type": "Feature", "id": f"event-{ev['id']}", "geometry": {"type": "Point", "coordinates": list(point)},
               "properties": {"kind": "event", "event_id": ev["id"], "type": ev["type"], "cameo": ev["cameo"],
                              "date": ev["time"] or ev["published"], "place": place["name"], "place_id": place["id"],
                              "actors": [a["name"] for a in ev["actors"]],
                              "participants": [a["name"] for a in ev["participants"]],
                              "hedged": ev["hedged"], "label": label(ev), "doc_id": ev["doc_id"],
                              "doc_title": ev["doc_title"], "evidence": sentence(ev)}}


def geojson(store: Store, *, entity_id: int | None = None, kind: str | None = None,
            **event_filters: Any) -> dict[str, Any]:
    """A FeatureCollection of places and events (``kind`` "place" or "event" keeps one of them)."""
    features: list[dict[str, Any]] = []
    if kind in (None, "place"):
        features += places(store, entity_id=entity_id)
    if kind in (None, "event"):
        features += event_features(store, entity_id=entity_id, **event_filters)
    return {"type": "FeatureCollection", "features": features}
