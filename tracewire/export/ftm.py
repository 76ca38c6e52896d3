"""FollowTheMoney entities (JSON lines) for Aleph and the other tools of that ecosystem.

People become ``Person``; groups ``Organization`` (governments ``PublicBody``, companies
``Company``); places with coordinates ``Address``. Relations become the link schemata that
fit them: ``Membership`` (member_of, part_of), ``Directorship`` (leader_of, deputy_leader_of,
founder_of, with the role), ``Employment`` (a person who is an official of an organisation),
``Associate`` (two people) and ``UnknownLink`` (the rest, with the relation type as its role).
Events become ``Event`` with their actors as organizers, participants as involved and their
first place as address. Every link and event keeps its evidence sentence (``summary``), its
hedge and source label (``description``) and its document's outlet (``publisher``).

Ids are hashes of the store's stable keys (registry id or type and name), so two exports of the
same facts from two stores agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from tracewire.export.collect import Store, label, outlets, paged, sentence

ORG_SCHEMA = {"government": "PublicBody", "company": "Company"}
DIRECTOR_ROLES = {"leader_of": "leader", "deputy_leader_of": "deputy leader", "founder_of": "founder"}


def _keys(store: Store) -> dict[int, dict[str, Any]]:
    rows = store.conn.execute("SELECT id, key, type, subtype, name, kb_id, geo FROM entities"
                              " WHERE canonical_id IS NULL")
    return {int(r["id"]): dict(r) for r in rows}


def entities(store: Store) -> Iterator[EntityProxy]:
    index = _keys(store)
    docs = outlets(store)
    made: dict[int, EntityProxy] = {}

    def entity(entity_id: int) -> EntityProxy | None:
        if entity_id in made:
            return made[entity_id]
        row = index.get(entity_id)
        if row is None:
            return None
        geo = json.loads(row["geo"]) if row["geo"] else {}
        if row["type"] == "PERSON":
            proxy = model.make_entity("Person")
        elif row["type"] == "ORG":
            proxy = model.make_entity(ORG_SCHEMA.get(row["subtype"] or "", "Organization"))
        elif row["type"] == "PLACE" and geo.get("lat") is not None:
            proxy = model.make_entity("Address")
            proxy.add("full", row["name"])
            proxy.add("latitude", str(geo["lat"]))
            proxy.add("longitude", str(geo["lon"]))
            proxy.add("region", geo.get("admin1"))
        else:
            return None
        proxy.make_id("tracewire", "entity", row["key"])
        proxy.add("name", row["name"])
        proxy.add("country", geo.get("country"), quiet=True)
        if row["kb_id"]:
            proxy.add("keywords", f"tracewire:{row['kb_id']}")
        aliases = [r[0] for r in store.conn.execute(
            "SELECT DISTINCT a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
            " WHERE e.id = ? OR e.canonical_id = ?", (entity_id, entity_id))]
        if proxy.schema.get("alias") is not None:
            proxy.add("alias", sorted(set(aliases) - {row["name"]}))
        made[entity_id] = proxy
        return proxy

    def provenance(link: EntityProxy, item: dict[str, Any]) -> EntityProxy:
        outlet, url = docs.get(item["doc_id"], (None, None))
        link.add("summary", sentence(item)[:4000])
        link.add("description", label(item) or None)
        link.add("publisher", outlet)
        link.add("sourceUrl", url, quiet=True)
        link.add("date", item.get("time") or item.get("published"), quiet=True)
        return link

    for rel in paged(store.relations):
        source, target = entity(rel["source_id"]), entity(rel["target_id"])
        if source is None or target is None or source.id == target.id:
            continue
        link = _link(rel["type"], source, target)
        if link is None:
            continue
        link.make_id("tracewire", "relation", rel["doc_id"], rel["type"], source.id, target.id)
        yield provenance(link, rel)
    for ev in paged(store.events):
        event = model.make_entity("Event")
        event.make_id("tracewire", "event", ev["doc_id"], str(ev["id"]), ev["type"])
        event.add("name", f"{ev['type'].title()} ({ev['trigger'] or ev['cameo']})")
        event.add("keywords", [ev["type"], f"CAMEO {ev['cameo']}"])
        for role, people in (("organizer", ev["actors"]), ("involved", ev["participants"])):
            for actor in people:
                if (proxy := entity(actor["id"])) is not None and proxy.schema.is_a("LegalEntity"):
                    event.add(role, proxy.id)
        for place in ev["locations"]:
            event.add("location", place["name"])
            if (proxy := entity(place["id"])) is not None and proxy.schema.name == "Address":
                event.add("addressEntity", proxy.id)
                event.add("country", proxy.get("country"), quiet=True)
        yield provenance(event, ev)
    yield from made.values()


def _link(rtype: str, source: EntityProxy, target: EntityProxy) -> EntityProxy | None:
    """The FollowTheMoney link for one relation, or None when the ends do not fit any."""
    legal = source.schema.is_a("LegalEntity")
    org = target.schema.is_a("Organization")
    if rtype in DIRECTOR_ROLES and legal and org:
        link = model.make_entity("Directorship")
        link.add("director", source.id)
        link.add("organization", target.id)
        link.add("role", DIRECTOR_ROLES[rtype])
    elif rtype == "official_of" and source.schema.is_a("Person") and org:
        link = model.make_entity("Employment")
        link.add("employee", source.id)
        link.add("employer", target.id)
        link.add("role", "official")
    elif rtype in ("member_of", "part_of", "official_of") and legal and org:
        link = model.make_entity("Membership")
        link.add("member", source.id)
        link.add("organization", target.id)
        link.add("role", rtype.replace("_", " "))
    elif rtype == "associated_with" and source.schema.is_a("Person") and target.schema.is_a("Person"):
        link = model.make_entity("Associate")
        link.add("person", source.id)
        link.add("associate", target.id)
        link.add("relationship", "associated with")
    else:
        link = model.make_entity("UnknownLink")
        link.add("subject", source.id)
        link.add("object", target.id)
        link.add("role", rtype.replace("_", " "))
    return link


def json_lines(store: Store) -> Iterator[str]:
    for proxy in entities(store):
        yield json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
