"""The actor ruler: marks every name from the registry (actors and places) in a doc.

Registered as ``tracewire_actor_ruler_v1``. Names that hold no lower-case letter (acronyms such
as ``IMU``, ``U.S.``) match case-sensitively; other names match in any case but must show a
capital letter in the text, so that "guardian" never matches "The Guardian". Spelling variants
(hyphen or space, curly or straight apostrophe, a leading "the") are generated from each name.
The matches go to ``doc.spans["tw_kb"]`` with ``label_`` the entity type and ``kb_id_`` the id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tracewire.kb import Registry, load_registry

SPAN_KEY = "tw_kb"
_DIRECTIONAL = re.compile(r"(?i)^(north|south|east|west|central)[a-z-]*\s")
# last words of a name for a body of its own ("Renamo Military Junta", "Hamas Shura Council")
_BODY_WORDS = {"junta", "front", "army", "council", "movement", "party", "brigade", "brigades", "committee", "union",
               "alliance", "force", "forces", "group", "wing", "faction", "league", "organisation", "organization",
               "battalion", "regiment", "command", "militia"}


def name_variants(name: str) -> set[str]:
    """Spellings of one registry name that news writes interchangeably."""
    base = name.replace("’", "'").replace("‘", "'").strip()
    out = {base}
    if "-" in base:
        out.add(base.replace("-", " "))
    if base.lower().startswith(("al ", "el ", "ad ", "as ", "ar ", "an ")):
        out.add(base[:2] + "-" + base[3:])
    if base.lower().startswith("the "):
        out.add(base[4:])
    return {v for v in out if v}


def _looks_like_a_name(span: Span) -> bool:
    """A case-folded match must read as a name in the text: a capital letter that is not just the
    capital of a sentence's first word, or a tagger that reads every word as a proper noun."""
    capitals = [t for t in span if any(ch.isupper() for ch in t.text) and not t.is_sent_start]
    return bool(capitals) or all(t.pos_ == "PROPN" for t in span)


def _is_acronym(name: str) -> bool:
    return not any(ch.islower() for ch in name)


class ActorRuler:
    """Finds registry names in a doc; ``match`` is pure, ``__call__`` writes ``doc.spans``."""

    def __init__(self, nlp: Language, name: str = "tracewire_actor_ruler", *, registry: Registry | None = None):
        self.name = name
        self.registry = registry or load_registry()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._labels: dict[str, str] = {}
        # which words of each case-folded name are capitalised: "UN Monitoring Team" is not "a UN
        # monitoring team" (a description, not the name)
        self._capitals: dict[tuple[str, str], set[tuple[bool, ...]]] = {}
        self._owners: dict[str, set[str]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        for kb_id, label, names in self._entries():
            self._labels[kb_id] = label
            for name in names:
                for variant in name_variants(name):
                    target = exact if _is_acronym(variant) else folded
                    vdoc = nlp.make_doc(variant)
                    target.setdefault(kb_id, []).append(vdoc)
                    self._capitals.setdefault((kb_id, vdoc.text.lower()), set()).add(
                        tuple(t.text[:1].isupper() for t in vdoc))
                    self._owners.setdefault(vdoc.text.lower(), set()).add(kb_id)
        vocab = self.registry.vocab
        # capitalised words that may stand before a registry name without making another name of it
        self._qualifiers = {d.lower() for d in self.registry.demonyms()} | {
            str(w).lower() for k in ("person_titles", "name_honorifics") for w in vocab.get(k) or []} | {
            n.lower() for p in self.registry.places.values() for n in p.names}
        for kb_id, docs in exact.items():
            self.exact.add(kb_id, docs)
        for kb_id, docs in folded.items():
            self.folded.add(kb_id, docs)

    def _entries(self) -> Iterable[tuple[str, str, tuple[str, ...]]]:
        for actor in self.registry.actors.values():
            yield actor.id, actor.type, actor.names
        for place in self.registry.places.values():
            yield self._referent(place.id), "PLACE", place.names

    def _referent(self, place_id: str) -> str:
        """The entity a place name denotes: "northern Afghanistan" is a part of Afghanistan named
        by direction, and is a mention of the country rather than an entity of its own."""
        place = self.registry.places[place_id]
        parent = self.registry.places.get(place.parent or "")
        # (not "the North Caucasus": a region of its own name, not the country's name with a direction)
        if place.subtype == "region" and parent is not None and parent.subtype == "country" \
                and _DIRECTIONAL.match(place.name) and _DIRECTIONAL.sub("", place.name) in parent.names:
            return parent.id
        return place_id

    def match(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        # a headline capitalises every word; its last token, where a text has one
        first_break = next((t.i for t in doc if "\n" in t.text), len(doc))
        headline_end = first_break if first_break < len(doc) - 1 else -1
        for matcher, check_case in ((self.exact, False), (self.folded, True)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                if check_case and not _looks_like_a_name(span):
                    continue
                kb_id = doc.vocab.strings[match_id]
                if check_case and not self._cased_as_named(kb_id, span):
                    continue
                if end + 2 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                        and doc[end + 1].lower_ in {"e", "i", "ye", "ul", "ud"} and doc[end + 2].text[:1].isupper():
                    continue  # "Parwan-e Du" is a quarter of Kabul, not Parwan province
                if self._labels[kb_id] != "PLACE" and end + 1 < len(doc) and doc[end].text == "-" \
                        and not doc[end - 1].whitespace_ and (
                            doc[end + 1].text.isupper() and len(doc[end + 1]) <= 2 and span.text.isupper()
                            or doc[end + 1].lower_ in {"north", "south", "east", "west"}):
                    continue  # "SPLM-N", "Sudan People's Liberation Movement-North": an offshoot of its own
                if end > headline_end and self._starts_longer_name(doc, end):
                    continue  # "Renamo Military Junta" is a breakaway of Renamo, not Renamo
                if self._inside_longer_name(doc, start):
                    continue  # "Saraya Ansar al-Sunna" is not Ansar al-Sunna
                if doc[start].text == "the" and end - start > 1:
                    start += 1  # "the Guardian": the article is the sentence's, not the name's
                found.append(Span(doc, start, end, label=self._labels[kb_id], kb_id=kb_id))
        return filter_spans(found)

    def _inside_longer_name(self, doc: Doc, start: int) -> bool:
        """The statistical model read the match as the end of a longer name that begins with a
        capitalised word of its own, not a demonym, place or title ("Saraya Ansar al-Sunna")."""
        if start == 0 or doc[start].ent_iob_ != "I":
            return False
        prev = doc[start - 1]
        if not any("\n" in t.text for t in doc[:start]):
            return False  # a headline capitalises every word ("Lebanon Has Decided to Disarm Hezbollah")
        return prev.is_title and prev.pos_ == "PROPN" \
            and prev.ent_iob_ in {"B", "I"} and prev.lower_ not in self._qualifiers

    @staticmethod
    def _starts_longer_name(doc: Doc, end: int) -> bool:
        """The statistical model read the match as the start of a longer name that ends in a word for
        a body of its own ("Renamo Military Junta"); the caller keeps headlines out."""
        if end >= len(doc) or doc[end].ent_iob_ != "I" or not doc[end].is_title:
            return False
        last = end
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        return doc[last].is_title and doc[last].lower_ in _BODY_WORDS

    def _cased_as_named(self, kb_id: str, span: Span) -> bool:
        """Past its first word, a word the registry capitalises is capitalised in the text too, or
        else the capitalised words before it do not name something else: "a UN monitoring team" is
        a team of the UN, while "its Amaq news agency" is still Amaq."""
        patterns = self._capitals.get((kb_id, span.text.lower()))
        if not patterns or any(all(t.text[:1].isupper() or not cap
                                   for t, cap in list(zip(span, pattern, strict=True))[1:]) for pattern in patterns):
            return True
        lead = next((k for k, t in enumerate(span) if k and not t.text[:1].isupper()), len(span))
        others = self._owners.get(span[:lead].text.lower(), set()) - {kb_id}
        return not others

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = self.match(doc)
        return doc



@Language.factory("tracewire_actor_ruler_v1")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)
