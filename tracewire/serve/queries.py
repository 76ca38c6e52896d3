"""The queries behind the web UI: one function per page, shared by the HTML page and its JSON twin.

Each function reads through the store (and the export module's graph and map readers) and
returns plain JSON-able data; ``api.py`` returns it as it is and ``pages.py`` renders it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tracewire.analyze.attention import monthly_mentions
from tracewire.export.collect import Store, actor_graph, between, geojson, label
from tracewire.store.sqlite import mark_hits


def overview(store: Any, limit: int) -> dict[str, Any]:
    return {"counts": store.counts(), "documents": store.documents(limit=limit),
            "entities": store.entities(limit=limit)}


def _like(text: str) -> str:
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_entities(store: Store, q: str, *, limit: int = 20, type: str | None = None) -> list[dict[str, Any]]:
    """Entities whose name or an alias contains ``q`` (any case), one row per referent, the most
    mentioned first."""
    pattern = _like(q.strip())
    rows = store.conn.execute(
        "SELECT DISTINCT coalesce(e.canonical_id, e.id) AS root FROM entities e"
        " LEFT JOIN entity_aliases a ON a.entity_id = e.id"
        " WHERE (lower(e.name) LIKE ? ESCAPE '\\' OR lower(a.alias) LIKE ? ESCAPE '\\')"
        " AND (? IS NULL OR e.type = ?)", (pattern, pattern, type, type)).fetchall()
    roots = [int(r["root"]) for r in rows]
    if not roots:
        return []
    marks = ", ".join("?" for _ in roots)
    found = store.conn.execute(
        "SELECT r.id, r.type, r.subtype, r.name, r.kb_id, count(DISTINCT m.doc_id) AS documents,"
        " count(m.id) AS mentions FROM entities r JOIN entities e ON coalesce(e.canonical_id, e.id) = r.id"
        f" LEFT JOIN mentions m ON m.entity_id = e.id WHERE r.id IN ({marks})"
        " GROUP BY r.id, r.type, r.subtype, r.name, r.kb_id ORDER BY documents DESC, mentions DESC, r.name LIMIT ?",
        (*roots, limit))
    return [dict(r) for r in found]


def search(store: Any, q: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents (full text, with snippets) and entities (by name or alias) that match ``q``."""
    hits = store.search(q, limit=limit, offset=offset) if q.strip() else []
    for hit in hits:
        hit["snippet_raw"] = hit["snippet"]
        hit["snippet"] = mark_hits(hit["snippet"], "[", "]")
    entities = search_entities(store, q, limit=limit) if q.strip() and offset == 0 else []
    return {"query": q, "documents": hits, "entities": entities}


#: events listed on a timeline (the latest; the API's ``/api/events`` pages through all of them)
TIMELINE_EVENTS = 100


def documents_per_month(store: Store, entity_id: int) -> list[dict[str, Any]]:
    """Documents naming the referent of ``entity_id`` per month (YYYY-MM), for every month with
    any, in order; undated documents are not counted. Read from the analysis's per-day index when
    it is current, else counted from the mentions."""
    return [{"month": m, "documents": n} for m, n in monthly_mentions(store, entity_id).items()]


def timeline(store: Any, *, entity_id: int | None = None, limit: int = TIMELINE_EVENTS,
             **filters: Any) -> dict[str, Any]:
    """The latest ``limit`` events in date order (dated by the text, else by the article), whether
    there are older ones, and, for an entity, how many documents name it per month."""
    events = store.events(entity_id=entity_id, limit=limit + 1, newest_first=True, evidence=False, **filters)
    items = [{"date": e["time"] or e["published"], "dated_by": "text" if e["time"] else "publication",
              "id": e["id"], "type": e["type"], "cameo": e["cameo"], "hedged": e["hedged"], "label": label(e),
              "actors": [a["name"] for a in e["actors"]], "places": [p["name"] for p in e["locations"]],
              "doc_id": e["doc_id"], "doc_title": e["doc_title"]} for e in events[:limit]]
    items.sort(key=lambda x: (x["date"] or "9999", x["id"]))
    months = documents_per_month(store, entity_id) if entity_id is not None else []
    return {"events": items, "more": len(events) > limit, "mentions": months}


def related(ent: dict[str, Any]) -> list[dict[str, Any]]:
    """The actors and places an entity is tied to by relations or shared events, the most often first."""
    ties: dict[int, dict[str, Any]] = {}

    def tie(other_id: int, name: str, how: str) -> None:
        if other_id == ent["id"]:
            return
        item = ties.setdefault(other_id, {"id": other_id, "name": name, "statements": 0, "how": Counter()})
        item["statements"] += 1
        item["how"][how] += 1

    for rel in ent["relations"]:
        tie(rel["source_id"], rel["source"], rel["type"])
        tie(rel["target_id"], rel["target"], rel["type"])
    for ev in ent["events"]:
        for who in ev["actors"] + ev["participants"] + ev["locations"]:
            tie(who["id"], who["name"], ev["type"].lower())
    out = sorted(ties.values(), key=lambda t: (-t["statements"], t["name"]))
    return [{**t, "how": [h for h, _ in t["how"].most_common()]} for t in out]


def entity(store: Any, entity_id: int) -> dict[str, Any] | None:
    ent = store.entity(entity_id)
    if ent is None:
        return None
    ent["related"] = related(ent)
    ent["timeline"] = timeline(store, entity_id=ent["id"])
    return ent


def graph(store: Store, **filters: Any) -> dict[str, Any]:
    return actor_graph(store, evidence=False, **filters).to_json()


def edge_evidence(store: Store, a: int, b: int) -> dict[str, Any]:
    return {"a": a, "b": b, "statements": between(store, a, b)}


def places_and_events(store: Store, **filters: Any) -> dict[str, Any]:
    return geojson(store, **filters)
