"""Typed records passed between the stages (ingest -> extract -> store -> serve).

Stages depend on these records, never on each other's internals. ``Extraction.to_json``
produces the extraction contract of ``shared/eval/schema.md``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_SPACE = re.compile(r"\s+")


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"


ORG_SUBTYPES = ("armed_group", "government", "political_party", "media", "company", "international", "other")
PLACE_SUBTYPES = ("country", "region", "province", "district", "city", "neighbourhood", "facility", "other")


QUOTES = str.maketrans({"’": "'", "‘": "'"})


_POSSESSIVE = re.compile(r"'s$")
_DASHES = re.compile(r"[-‐–—_/]")
_NOT_WORD = re.compile(r"[^\w\s]")


def name_key(text: str) -> str:
    """A name's comparison key: accents, case, a leading "the", possessive and punctuation ignored."""
    s = text.translate(QUOTES)
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _POSSESSIVE.sub("", s.casefold())
    s = _NOT_WORD.sub("", _DASHES.sub(" ", s))
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def normalise_text(text: str) -> str:
    """The form of a text that its identity is computed from: NFC, single spaces, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(text: str) -> str:
    """Document id: the SHA-256 of the normalised text, so the same article is stored once."""
    return "sha256:" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from."""

    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "url": self.url, "title": self.title,
                "outlet": self.outlet, "published": self.published}


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text as read (offsets point into it) and its source."""

    text: str
    source: Source
    format: str = "text"  # text | html | jsonl | feed

    @property
    def id(self) -> str:
        return content_id(self.text)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: tuple[int, int] | None = None  # character span of the sentence that holds it

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.sentence is not None:
            out["sentence"] = {"start": self.sentence[0], "end": self.sentence[1]}
        return out


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of evidence in a document."""

    start: int
    end: int

    def to_json(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Entity:
    id: str  # document-local id: e1, e2, ...
    type: EntityType
    name: str
    subtype: str | None = None
    aliases: list[str] = field(default_factory=list)
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    geo: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": str(self.type), "subtype": self.subtype, "name": self.name,
                "aliases": list(self.aliases), "kb_id": self.kb_id,
                "mentions": [m.to_json() for m in self.mentions], "geo": self.geo}


@dataclass(slots=True)
class Relation:
    type: str
    source: str
    target: str
    hedged: bool = False
    attributed_to: str | None = None
    evidence: list[Span] = field(default_factory=list)
    attribution_chain: list[str] = field(default_factory=list)  # outermost source first
    attribution_inherited: bool = False  # the source is the one the article relies on, not named here
    cue: str | None = None  # the word the relation was read from

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "source": self.source, "target": self.target, "hedged": self.hedged, "cue": self.cue,
                "attributed_to": self.attributed_to, "attribution_chain": list(self.attribution_chain),
                "attribution_inherited": self.attribution_inherited,
                "evidence": [e.to_json() for e in self.evidence]}


@dataclass(slots=True)
class Event:
    type: str
    cameo: str
    actors: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    time: str | None = None
    hedged: bool = False
    attributed_to: str | None = None
    evidence: list[Span] = field(default_factory=list)
    attribution_chain: list[str] = field(default_factory=list)
    attribution_inherited: bool = False
    trigger: str | None = None  # the word that names the event
    denied: bool = False  # the text reports it only as denied ("denied meeting X")

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "cameo": self.cameo, "actors": list(self.actors),
                "participants": list(self.participants), "locations": list(self.locations),
                "time": self.time, "hedged": self.hedged, "attributed_to": self.attributed_to,
                "attribution_chain": list(self.attribution_chain),
                "attribution_inherited": self.attribution_inherited, "trigger": self.trigger,
                "evidence": [e.to_json() for e in self.evidence], "denied": self.denied}


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extractor: str = ""
    # "Afghan", "Uzbek": words that point at a country without naming a place of it
    demonyms: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.document.id,
            "source": self.document.source.to_json(),
            "text_length": len(self.document.text),
            "extractor": self.extractor,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
            # what a denial denies is no happening of the contract; it is listed apart
            "events": [e.to_json() for e in self.events if not e.denied],
            "denied_events": [e.to_json() for e in self.events if e.denied],
            "demonyms": list(self.demonyms),
        }


def provenance(hedged: bool, attributed_name: str | None, attributed_to: object = None,
               inherited: bool = False) -> tuple[str | None, str | None]:
    """The hedge and the source phrase that keep a claim from reading as plain fact:
    ("reportedly", "according to X"). Every surface (CLI, web pages, exports) shows them."""
    hedge = "reportedly" if hedged else None
    if attributed_to == "UNNAMED":
        source: str | None = "according to an unnamed source"
    elif attributed_name:
        source = f"according to {attributed_name}" + (", the source the article relies on" if inherited else "")
    else:
        source = None
    return hedge, source


def provenance_label(hedged: bool, attributed_name: str | None, attributed_to: object = None,
                     inherited: bool = False) -> str:
    """Plain-text form of ``provenance``: "[reportedly] (according to X)"."""
    hedge, source = provenance(hedged, attributed_name, attributed_to, inherited)
    return " ".join(x for x in (f"[{hedge}]" if hedge else None, f"({source})" if source else None) if x)
