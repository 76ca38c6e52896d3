"""Response models of the API's own shapes (graph, map, timeline, search, uploads), so that the
OpenAPI description at ``/docs`` documents them and FastAPI checks every answer against them.
Rows read straight from the store (documents, entities, relations, events) keep the store's
dictionaries."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Node(BaseModel):
    id: int
    name: str
    type: str
    subtype: str | None = None
    kb_id: str | None = None
    degree: int


class Edge(BaseModel):
    id: str
    source: int
    target: int
    type: str                      # a relation type, or "event:TYPE" for a shared event
    kind: Literal["relation", "event"]
    weight: int                    # statements behind the edge
    documents: int
    hedged: int                    # of those statements, how many are hedged
    first: str | None = None
    last: str | None = None


class Graph(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class Statement(BaseModel):
    kind: Literal["relation", "event"]
    id: int
    type: str
    doc_id: str
    doc_title: str | None = None
    date: str | None = None
    hedged: bool
    label: str                     # "[reportedly] (according to X)", empty for a plain statement
    evidence: str


class EdgeEvidence(BaseModel):
    a: int
    b: int
    statements: list[Statement]


class Point(BaseModel):
    type: Literal["Point"]
    coordinates: list[float]


class Feature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: Point
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[Feature]


class TimelineItem(BaseModel):
    date: str | None = None
    dated_by: Literal["text", "publication"]
    id: int
    type: str
    cameo: str
    hedged: bool
    label: str
    actors: list[str]
    places: list[str]
    doc_id: str
    doc_title: str | None = None


class MonthCount(BaseModel):
    month: str
    documents: int


class Timeline(BaseModel):
    events: list[TimelineItem]
    more: bool = Field(description="whether older events match too (``/api/events`` pages through them)")
    mentions: list[MonthCount]


class SearchResult(BaseModel):
    query: str
    documents: list[dict[str, Any]]
    entities: list[dict[str, Any]]


class UploadReport(BaseModel):
    read: int
    new: int
    updated: int
    seen: int
    copies: int
    links: int
    failed: list[str]              # one line per upload that could not be read, naming it and why
    documents: list[str]           # ids of the documents read
