"""What every route shares: the store location, the settings of this server, and FastAPI
dependencies (``StoreDep``, ``SiteDep``) declared once as ``Annotated`` aliases."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Query, Request

from tracewire.store import open_store
from tracewire.store.sqlite import SQLiteStore

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

PageSize = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
DateParam = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]


@dataclass
class Site:
    db: str
    tiles: str | None = None          # a tile URL template for online users; None: the offline base map
    max_upload: int = MAX_UPLOAD_BYTES
    nlp: Any = None                   # the spaCy pipeline, loaded on the first upload
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_env(cls, db: str, *, tiles: str | None = None, nlp: Any = None,
                 max_upload: int | None = None) -> Site:
        tiles = tiles or os.environ.get("TRACEWIRE_TILES") or None
        if tiles and urlsplit(tiles).scheme != "https":
            raise ValueError(f"the tile URL must start with https:// (got {tiles!r})")
        return cls(db=db, tiles=tiles, nlp=nlp, max_upload=max_upload or MAX_UPLOAD_BYTES)

    def tile_origin(self) -> str | None:
        if not self.tiles:
            return None
        parts = urlsplit(self.tiles)
        # {s} sub-domains: allow any sub-domain of the tile host
        return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"

    def pipeline(self) -> Any:
        if self.nlp is None:
            from tracewire.extract import build_nlp

            self.nlp = build_nlp()
        return self.nlp


def get_site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def get_store(site: Annotated[Site, Depends(get_site)]) -> Iterator[SQLiteStore]:
    """One connection per request: SQLite connections are cheap and never shared between requests."""
    store = open_store(site.db, migrate=False)
    try:
        yield store
    finally:
        store.close()


SiteDep = Annotated[Site, Depends(get_site)]
StoreDep = Annotated[SQLiteStore, Depends(get_store)]
