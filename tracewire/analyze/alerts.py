"""Watches and alerts: what changed about the actors and places an analyst watches.

Sits last in the analysis: it reads claims (``tracewire.analyze.claims``) and attention
(``tracewire.analyze.attention``). Watched actors are the ``watch`` table's actors (added with
``tracewire watch add`` or the API) and every stored entity an imported FtM watchlist matched
(``watchlist`` and ``watch_matches``, from ``tracewire watchlist import``). Watched places are
the ``watch`` table's places.

Alerts, each stored once (keyed by kind, actor and what is new) with the report that raised it:

* ``new_place``: a watched actor reported in a place it was never reported in before; the
  detail says whether the province (first-level division) is new too;
* ``new_partner``: a watched actor reported acting with an actor it was never reported with
  (both parties to a meeting or agreement, co-actors of one event, or tied by
  ``associated_with``; the target of its attack or arrest is not a partner);
* ``new_role``: a watched actor reported as leader, deputy, member, official or founder of an
  organisation, a role it was never reported in;
* ``silence``: a watched actor goes silent (see ``attention``);
* ``new_actor_in_place``: an actor reported in a watched place for the first time.

Reports are taken in publication order, from supporting (not contradicted) reports of claims;
the first day an actor (or place) is reported sets its baseline and raises nothing.

Functions for the CLI and the API::

    watch_add(store, name_or_id, kind="actor", note=None) -> dict
    watch_remove(store, name_or_id, kind="actor") -> bool
    watch_list(store) -> list[dict]              user watches and FtM watchlist matches
    build_alerts(store, progress=None) -> dict    recompute; returns counts
    list_alerts(store, *, kind=None, entity=None, since=None, limit=200, offset=0) -> list[dict]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from tracewire.analyze.attention import attention
from tracewire.analyze.claims import _evidence
from tracewire.analyze.grading import now
from tracewire.errors import AnalysisError
from tracewire.store import Store

ROLE_TYPES = frozenset({"leader_of", "deputy_leader_of", "member_of", "official_of", "founder_of"})
PARTNER_RELATIONS = frozenset({"associated_with"})
KINDS = ("new_place", "new_partner", "new_role", "silence", "new_actor_in_place")


class WatchError(AnalysisError):
    """A watch names no entity, or more than one: give a stored entity's exact name or its id."""


def _resolve(store: Store, ref: str | int, kind: str) -> int:
    if isinstance(ref, int) or (str(ref).isascii() and str(ref).isdigit()):
        row = store.conn.execute("SELECT id FROM entities WHERE id = ?", (int(ref),)).fetchone()
        if row is None:
            raise WatchError(f"no entity with id {ref} in the store")
        return store.root_of(int(ref))
    want = ("PLACE",) if kind == "place" else ("PERSON", "ORG")
    found = [e for e in store.find_entities(str(ref)) if e["type"] in want]
    if not found:
        raise WatchError(f"no {'place' if kind == 'place' else 'actor'} named {ref!r} in the store;"
                         " ingest reports that name it first, or import an FtM watchlist")
    if len(found) > 1:
        choices = "; ".join(f"{e['id']} {e['name']}" for e in found[:8])
        raise WatchError(f"{ref!r} names {len(found)} entities, give an id: {choices}")
    return int(found[0]["id"])


def watch_add(store: Store, ref: str | int, kind: str = "actor", note: str | None = None) -> dict[str, Any]:
    if kind not in {"actor", "place"}:
        raise WatchError(f"a watch is of an actor or a place, not {kind!r}")
    entity_id = _resolve(store, ref, kind)
    name = store.conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]
    with store.transaction() as c:
        c.execute("INSERT INTO watch(kind, entity_id, name, note, added_at) VALUES (?, ?, ?, ?, ?)"
                  " ON CONFLICT (kind, entity_id) DO UPDATE SET note = coalesce(excluded.note, watch.note)",
                  (kind, entity_id, name, note, now()))
    return next(w for w in watch_list(store) if w["origin"] == "user" and w["entity_id"] == entity_id
                and w["kind"] == kind)


def watch_remove(store: Store, ref: str | int, kind: str = "actor") -> bool:
    entity_id = _resolve(store, ref, kind)
    found = store.conn.execute("SELECT id FROM watch WHERE kind = ? AND entity_id = ?", (kind, entity_id)).fetchone()
    if found is None:
        return False
    with store.transaction() as c:
        c.execute("DELETE FROM watch WHERE id = ?", (found[0],))
    return True


def watch_list(store: Store) -> list[dict[str, Any]]:
    out = [{"kind": r["kind"], "entity_id": r["entity_id"], "name": r["name"], "note": r["note"],
            "origin": "user", "added_at": r["added_at"]}
           for r in store.conn.execute("SELECT * FROM watch ORDER BY kind, name")]
    for r in store.conn.execute(
            "SELECT w.ftm_id, w.name AS watch_name, w.source, e.id, e.name FROM watchlist w"
            " JOIN watch_matches m ON m.watch_id = w.id JOIN entities e0 ON e0.id = m.entity_id"
            " JOIN entities e ON e.id = coalesce(e0.canonical_id, e0.id) ORDER BY e.name"):
        out.append({"kind": "actor", "entity_id": r["id"], "name": r["name"], "note": None,
                    "origin": f"watchlist:{r['ftm_id']}", "watchlist_name": r["watch_name"], "source": r["source"]})
    return out


def _watched(store: Store) -> tuple[dict[int, str], dict[int, str]]:
    actors: dict[int, str] = {}
    places: dict[int, str] = {}
    for w in watch_list(store):
        target = places if w["kind"] == "place" else actors
        target.setdefault(int(w["entity_id"]), "watch" if w["origin"] == "user" else w["origin"])
    return actors, places


def _province(name: str, subtype: str | None, geo: dict[str, Any]) -> str | None:
    """The first-level division a place is in: its admin1, or itself when it is one."""
    if subtype in {"province", "region"}:
        return re.sub(r"\s+province$", "", name, flags=re.IGNORECASE)
    return geo.get("admin1")


def _timeline(store: Store) -> list[dict[str, Any]]:
    """Every supporting report of a claim, with the claim's parties, in publication order."""
    parties: dict[int, dict[str, list[int]]] = {}
    for claim_id, entity_id, role in store.conn.execute("SELECT claim_id, entity_id, role FROM claim_parties"):
        parties.setdefault(int(claim_id), {"subject": [], "object": [], "place": []})[role].append(int(entity_id))
    kinds = {int(r[0]): (r[1], r[2]) for r in store.conn.execute("SELECT id, kind, type FROM claims")}
    out = []
    for r in store.conn.execute(
            "SELECT claim_id, doc_id, statement, statement_id, published FROM claim_reports"
            " WHERE stance = 'supports' AND published IS NOT NULL ORDER BY published, doc_id, statement_id"):
        kind, type_ = kinds[int(r["claim_id"])]
        out.append({"claim_id": int(r["claim_id"]), "doc_id": r["doc_id"], "statement": r["statement"],
                    "statement_id": r["statement_id"], "date": r["published"][:10], "kind": kind, "type": type_,
                    **parties.get(int(r["claim_id"]), {"subject": [], "object": [], "place": []})})
    return out


def build_alerts(store: Store, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Recompute every alert from the store as it is; an alert raised before keeps its id and
    creation time; alerts that no longer hold (a report re-extracted, a watch removed) go."""
    actors, places = _watched(store)
    info = {int(r["id"]): (r["name"], r["type"], json.loads(r["geo"]) if r["geo"] else None, r["subtype"])
            for r in store.conn.execute("SELECT id, name, type, subtype, geo FROM entities WHERE canonical_id IS NULL")}
    found: dict[str, dict[str, Any]] = {}

    def raise_(kind: str, who: int, subject: int | None, item: dict[str, Any] | None, date: str,
               detail: dict[str, Any], watched_by: str) -> None:
        key = f"{kind}|{who}|{subject if subject is not None else date}"
        found.setdefault(key, {"key": key, "kind": kind, "entity_id": who, "entity_name": info.get(who, ("?",))[0],
                               "subject_id": subject,
                               "subject": info.get(subject, ("?",))[0] if subject is not None else None,
                               "date": date, "item": item, "detail": detail, "watched_by": watched_by})

    timeline = _timeline(store) if actors or places else []
    for actor, watched_by in actors.items():
        first: str | None = None
        seen_places: set[int] = set()
        seen_provinces: set[tuple[str | None, str | None]] = set()
        seen_partners: set[int] = set()
        seen_roles: set[tuple[str, int]] = set()
        for item in timeline:
            if actor not in item["subject"] and actor not in item["object"]:
                continue
            first = first or item["date"]
            baseline = item["date"] == first
            for place in item["place"]:
                name, _type, geo, subtype = info.get(place, ("", "", None, None))
                geo = geo or {}
                province = (geo.get("country"), _province(name, subtype, geo))
                if place not in seen_places and not baseline:
                    raise_("new_place", actor, place, item, item["date"],
                           {"province": province[1], "country": geo.get("country"),
                            "new_province": province not in seen_provinces and province[1] is not None},
                           watched_by)
                seen_places.add(place)
                seen_provinces.add(province)
            # partners act together: parties to a meeting or agreement, co-actors of an event, or
            # tied by associated_with; the target of an arrest or an attack is no partner
            if item["kind"] == "relation":
                together = (*item["subject"], *item["object"]) if item["type"] in PARTNER_RELATIONS else ()
            else:
                together = tuple(item["subject"]) if actor in item["subject"] else ()
            others = [e for e in together if e != actor and info.get(e, ("", "PLACE"))[1] in {"PERSON", "ORG"}]
            if others:
                for other in others:
                    if other not in seen_partners and not baseline:
                        raise_("new_partner", actor, other, item, item["date"], {"type": item["type"]}, watched_by)
                    seen_partners.add(other)
            if item["kind"] == "relation" and item["type"] in ROLE_TYPES and actor in item["subject"]:
                for org in item["object"]:
                    if (item["type"], org) not in seen_roles and not baseline:
                        raise_("new_role", actor, org, item, item["date"], {"role": item["type"]}, watched_by)
                    seen_roles.add((item["type"], org))
        for silence in attention(store, actor)["silences"]:
            raise_("silence", actor, None, None, silence["flagged_on"],
                   {"since": silence["since"], "until": silence["until"], "mentions": silence["mentions"],
                    "expected": silence["expected"], "last_doc": silence["last_doc"]}, watched_by)
    for place, watched_by in places.items():
        first = None
        seen_actors: set[int] = set()
        for item in timeline:
            if place not in item["place"]:
                continue
            first = first or item["date"]
            for who in (*item["subject"], *item["object"]):
                if info.get(who, ("", "PLACE"))[1] not in {"PERSON", "ORG"}:
                    continue
                if who not in seen_actors and item["date"] != first:
                    raise_("new_actor_in_place", place, who, item, item["date"], {}, watched_by)
                seen_actors.add(who)
    stamp = now()
    with store.transaction() as c:
        existing = {r[0] for r in c.execute("SELECT key FROM alerts").fetchall()}
        for key, a in found.items():
            evidence = _alert_evidence(store, a["item"], a["detail"].get("last_doc"))
            c.execute("INSERT INTO alerts(key, kind, entity_id, entity_name, subject_id, subject, date, doc_id,"
                      " evidence, detail, watched_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      " ON CONFLICT (key) DO UPDATE SET date = excluded.date, doc_id = excluded.doc_id,"
                      " evidence = excluded.evidence, detail = excluded.detail, watched_by = excluded.watched_by,"
                      " entity_name = excluded.entity_name, subject = excluded.subject",
                      (key, a["kind"], a["entity_id"], a["entity_name"], a["subject_id"], a["subject"], a["date"],
                       evidence[0]["doc_id"] if evidence else None, json.dumps(evidence), json.dumps(a["detail"]),
                       a["watched_by"], stamp))
        c.executemany("DELETE FROM alerts WHERE key = ?", [(k,) for k in existing - set(found)])
    if progress:
        progress(f"alerts: {len(found)} for {len(actors)} watched actors and {len(places)} watched places")
    return {"alerts": len(found), "new": len(set(found) - existing), "watched": len(actors) + len(places)}


def _alert_evidence(store: Store, item: dict[str, Any] | None, last_doc: str | None) -> list[dict[str, Any]]:
    if item is not None:
        table = "relations" if item["statement"] == "relation" else "events"
        row = store.conn.execute(f"SELECT evidence FROM {table} WHERE id = ?",  # noqa: S608 (two fixed names)
                                 (item["statement_id"],)).fetchone()
        doc = store.conn.execute("SELECT title, outlet, published FROM documents WHERE id = ?",
                                 (item["doc_id"],)).fetchone()
        return [{"doc_id": item["doc_id"], "claim_id": item["claim_id"], "title": doc["title"] if doc else None,
                 "outlet": doc["outlet"] if doc else None, "published": doc["published"] if doc else None,
                 "sentences": _evidence(store, item["doc_id"], json.loads(row[0]) if row else [])}]
    if last_doc:
        doc = store.conn.execute("SELECT title, outlet, published FROM documents WHERE id = ?", (last_doc,)).fetchone()
        return [{"doc_id": last_doc, "claim_id": None, "title": doc["title"] if doc else None,
                 "outlet": doc["outlet"] if doc else None, "published": doc["published"] if doc else None,
                 "sentences": [], "note": "the last report before the silence"}]
    return []


def list_alerts(store: Store, *, kind: str | None = None, entity: int | None = None, since: str | None = None,
                limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if entity is not None:
        where.append("entity_id = ?")
        params.append(store.root_of(entity))
    if since:
        where.append("date >= ?")
        params.append(since)
    rows = store.conn.execute(
        f"SELECT * FROM alerts WHERE {' AND '.join(where)} ORDER BY date, kind, entity_name, subject, id"  # noqa: S608
        " LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    out = []
    for r in rows:
        item = dict(r)
        item["evidence"] = json.loads(item["evidence"])
        item["detail"] = json.loads(item["detail"])
        out.append(item)
    return out
