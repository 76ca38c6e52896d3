"""The registry files load, agree with each other and with the schema vocabulary."""

from __future__ import annotations

from tracewire.kb import load_registry
from tracewire.model import ORG_SUBTYPES, PLACE_SUBTYPES, name_key

RELS = {"leader_of", "deputy_leader_of", "member_of", "official_of", "founder_of", "associated_with"}


def test_registry_is_large_enough_and_typed():
    reg = load_registry()
    assert len(reg.actors) >= 150
    assert len(reg.places) >= 200
    for actor in reg.actors.values():
        assert actor.type in {"PERSON", "ORG"}, actor.id
        assert actor.id.startswith("person/" if actor.type == "PERSON" else "org/"), actor.id
        if actor.type == "ORG":
            assert actor.subtype in ORG_SUBTYPES, actor.id
    for place in reg.places.values():
        assert place.subtype in PLACE_SUBTYPES, place.id
        if place.lat is not None:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180, place.id


def test_references_point_to_entries():
    reg = load_registry()
    for actor in reg.actors.values():
        if actor.parent:
            assert actor.parent in reg.actors, actor.id
        for role in actor.roles:
            assert role["rel"] in RELS, (actor.id, role)
            assert role["org"] in reg.actors, (actor.id, role)
    for place in reg.places.values():
        if place.parent:
            assert place.parent in reg.places, place.id


def test_no_name_denotes_two_entries():
    reg = load_registry()
    owner: dict[str, str] = {}
    clashes = []
    for entry in [*reg.actors.values(), *reg.places.values()]:
        for name in entry.names:
            key = name_key(name)
            if owner.setdefault(key, entry.id) != entry.id:
                clashes.append((name, owner[key], entry.id))
    assert clashes == []


def test_vocabulary_subtypes_are_schema_subtypes():
    vocab = load_registry().vocab
    assert set(vocab["org_subtype_cues"]) <= set(ORG_SUBTYPES)
    assert set(vocab["place_subtype_cues"]) <= set(PLACE_SUBTYPES)


def test_cue_vocabularies_agree_with_the_schema():
    reg = load_registry()
    rel_types = set(reg.relations["types"])
    assert rel_types == {"leader_of", "deputy_leader_of", "member_of", "official_of", "founder_of",
                         "associated_with", "part_of", "located_in"}
    event_types = set(reg.events["types"])
    assert event_types == {"MEETING", "MOVEMENT", "AGREEMENT", "ATTACK", "ARREST", "THREAT", "STATEMENT", "PROTEST"}
    roots = {"MEETING": "04", "MOVEMENT": "15", "AGREEMENT": "05", "ATTACK": ("18", "19", "20"), "ARREST": "17",
             "THREAT": "13", "STATEMENT": "01", "PROTEST": "14"}
    for etype, spec in reg.events["types"].items():
        for word, code in {**(spec.get("verbs") or {}), **(spec.get("nouns") or {})}.items():
            assert str(code).startswith(roots[etype]), (etype, word, code)
    for etype, code in reg.events["phrasal"].values():
        assert etype in event_types and str(code).startswith(roots[etype])
    for key in ("head", "clause", "noun"):
        assert reg.attribution["hedges"][key]
    assert {"plural_people", "group_nouns", "collective"} <= set(reg.vocab["references"])
