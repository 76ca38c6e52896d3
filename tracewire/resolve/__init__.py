"""Resolve: where places are (gazetteer, toponym ranking) and who is who across documents.

``resolve(extraction)`` runs after ``extract`` and before ``store``: it adds coordinates,
country and confidence to place entities. Cross-document identity is decided when entities
are stored (``resolve.identity``), against what the store already holds.
"""

from __future__ import annotations

from tracewire.model import Extraction
from tracewire.resolve.gazetteer import Gazetteer, open_gazetteer
from tracewire.resolve.places import geocode

__all__ = ["geocode", "open_gazetteer", "resolve"]


def resolve(ex: Extraction, gazetteer: Gazetteer | None = None) -> Extraction:
    geocode(ex, gazetteer or open_gazetteer())
    return ex
