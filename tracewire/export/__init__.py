"""Exports: the store's graph, places and events in the formats of the tools analysts use.

``ftm`` FollowTheMoney JSON lines (Aleph), ``graphml`` and ``gexf`` (Gephi, networkx),
``geojson`` (QGIS, any web map) and ``acled`` (an ACLED-style event CSV). The CLI's
``tracewire export`` and the API's ``/api/export/{format}`` both stream ``lines(store, fmt)``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tracewire.export.collect import Store, geojson


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    media_type: str
    suffix: str
    lines: Callable[[Store], Iterator[str]]
    help: str


def _ftm(store: Store) -> Iterator[str]:
    from tracewire.export.ftm import json_lines  # followthemoney is slow to import; only when asked

    return json_lines(store)


def _graphml(store: Store) -> Iterator[str]:
    from tracewire.export.graph import graphml_lines

    return graphml_lines(store)


def _gexf(store: Store) -> Iterator[str]:
    from tracewire.export.graph import gexf_lines

    return gexf_lines(store)


def _geojson(store: Store) -> Iterator[str]:
    yield json.dumps(geojson(store), ensure_ascii=False) + "\n"


def _acled(store: Store) -> Iterator[str]:
    from tracewire.export.acled import csv_lines

    return csv_lines(store)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("ftm", "application/x-ndjson", ".ftm.json", _ftm, "FollowTheMoney entities, one JSON object a line (Aleph)"),
    Format("graphml", "application/graphml+xml", ".graphml", _graphml, "the actor graph as GraphML (Gephi, yEd)"),
    Format("gexf", "application/gexf+xml", ".gexf", _gexf, "the actor graph as GEXF (Gephi)"),
    Format("geojson", "application/geo+json", ".geojson", _geojson, "places and events as a GeoJSON FeatureCollection"),
    Format("acled", "text/csv", ".csv", _acled, "an ACLED-style event table, notes = the evidence sentence"),
)}

__all__ = ["FORMATS", "Format", "lines"]


def lines(store: Store, fmt: str) -> Iterator[str]:
    """The export of ``store`` in format ``fmt`` (a key of FORMATS), as text chunks."""
    return FORMATS[fmt].lines(store)
