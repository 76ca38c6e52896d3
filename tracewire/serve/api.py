"""The JSON API: one router per resource, each route the twin of a page or a read for the page scripts.

Reads go through the store and ``queries``; the one write, ``POST /api/documents``, goes through
the ingest pipeline (``upload``). Exports stream in the formats of ``tracewire.export``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from tracewire import analyze
from tracewire.export import FORMATS, lines
from tracewire.serve import queries
from tracewire.serve.models import EdgeEvidence, FeatureCollection, Graph, SearchResult, Timeline, UploadReport
from tracewire.serve.site import DateParam, Offset, PageSize, SiteDep, StoreDep
from tracewire.serve.upload import Upload, UploadError, ingest_uploads, safe_name, suffix_for
from tracewire.store import Store
from tracewire.store.base import bounded

documents_api = APIRouter(prefix="/api", tags=["documents"])
entities_api = APIRouter(prefix="/api", tags=["entities"])
statements_api = APIRouter(prefix="/api", tags=["statements"])
search_api = APIRouter(prefix="/api", tags=["search"])
graph_api = APIRouter(prefix="/api", tags=["graph"])
map_api = APIRouter(prefix="/api", tags=["map"])
watch_api = APIRouter(prefix="/api", tags=["watch"])
exports_api = APIRouter(prefix="/api", tags=["exports"])
claims_api = APIRouter(prefix="/api", tags=["claims"])
# one router per resource; app.py includes them all
routers = (documents_api, entities_api, statements_api, claims_api, search_api, graph_api, map_api, watch_api,
           exports_api)

EntityType = Annotated[str | None, Query(pattern="^(PERSON|ORG|PLACE)$")]
Name = Annotated[str | None, Query(max_length=200)]
EventType = Annotated[str | None, Query(pattern="^[A-Za-z]+$")]
RelationType = Annotated[str | None, Query(pattern="^[a-z_]+$")]
JSON = dict[str, Any]


def _encoded(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """A read whose answer is sent as JSON encoded in one pass by ``json.dumps``. FastAPI would
    first validate the answer against the route's model and encode it again (for an entity with
    its timeline, some 100 kB, that took 15 ms of the 35); the models stay for the OpenAPI
    document. Answers ``json.dumps`` cannot encode as they are (sets, dates, NaN) go the usual
    way."""

    @functools.wraps(endpoint)
    def answered(*args: Any, **kwargs: Any) -> Any:
        answer = endpoint(*args, **kwargs)
        if isinstance(answer, Response):
            return answer
        try:
            body = json.dumps(answer, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return answer
        return Response(body.encode("utf-8"), media_type="application/json")

    return answered


def read(router: APIRouter, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``router.get`` for a read answered through ``_encoded``."""

    def register(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        router.get(path, **options)(_encoded(endpoint))
        return endpoint

    return register


def _known_entity(store: Store, entity_id: int) -> None:
    if store.conn.execute("SELECT 1 FROM entities WHERE id = ?", (bounded(entity_id),)).fetchone() is None:
        raise HTTPException(404, f"no entity {entity_id}")


def _found(item: Any, what: str) -> Any:
    if item is None:
        raise HTTPException(404, f"no {what}")
    return item


@read(documents_api, "/overview")
def overview(store: StoreDep, limit: PageSize = 50) -> JSON:
    """Counts, the latest documents and the most mentioned entities (the home page's data)."""
    return queries.overview(store, limit)


@read(documents_api, "/documents")
def documents(store: StoreDep, limit: PageSize = 50, offset: Offset = 0) -> list[JSON]:
    return store.documents(limit=limit, offset=offset)


@read(documents_api, "/documents/{doc_id}")
def document(store: StoreDep, doc_id: Annotated[str, Path(max_length=80)]) -> JSON:
    """A document's text, sources, mentions (character offsets), relations and events."""
    return _found(store.document(doc_id), f"document {doc_id}")


@documents_api.post("/documents", status_code=201, response_model=UploadReport)
async def upload(request: Request, site: SiteDep) -> JSON:
    """Upload articles into the ingest pipeline: a raw body (``text/plain``, ``text/html``, JSON lines)
    or the files of a ``multipart/form-data`` form. Answers 413 over the size limit, 415 for other
    content types, 400 when nothing could be read."""
    try:
        uploads = await _read_uploads(request, site.max_upload)
    except UploadError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    from starlette.concurrency import run_in_threadpool

    def work() -> JSON:
        from tracewire.store import open_store

        with site.write_lock:  # one writer at a time
            store = open_store(site.db, migrate=False)
            try:
                return ingest_uploads(store, uploads, nlp=site.pipeline())
            finally:
                store.close()

    report = await run_in_threadpool(work)
    if not report["read"]:
        raise HTTPException(400, "; ".join(report["failed"]) or "no article in the upload")
    return report


async def _read_uploads(request: Request, limit: int) -> list[Upload]:
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise UploadError(413, f"upload of {int(declared)} bytes is over the limit of {limit} bytes")
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=20, max_fields=20)
        out, total = [], 0
        for _, value in form.multi_items():
            if isinstance(value, str):
                continue
            data = await value.read(limit + 1)
            total += len(data)
            if total > limit:
                raise UploadError(413, f"upload is over the limit of {limit} bytes")
            name = safe_name(value.filename)
            out.append(Upload(name, suffix_for(name, value.content_type), data))
        if not out:
            raise UploadError(400, "the form has no file: send the article as a file field")
        return out
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise UploadError(413, f"upload is over the limit of {limit} bytes")
    name = safe_name(request.query_params.get("name"))
    return [Upload(name, suffix_for(name, content_type), bytes(body))]


@read(entities_api, "/entities")
def entities(store: StoreDep, limit: PageSize = 50, offset: Offset = 0, type: EntityType = None,
             q: Name = None) -> list[JSON]:
    """Canonical entities, the most mentioned first; ``q`` keeps those whose name or an alias contains it."""
    if q:
        return queries.search_entities(store, q, limit=limit, type=type)
    return store.entities(limit=limit, offset=offset, type=type)


@read(entities_api, "/entities/{entity_id}")
def entity(store: StoreDep, entity_id: int) -> JSON:
    """An entity: names and aliases, relations and events with evidence, documents, related actors, timeline."""
    return _found(queries.entity(store, entity_id), f"entity {entity_id}")


@read(entities_api, "/entities/{entity_id}/timeline", response_model=Timeline)
def entity_timeline(store: StoreDep, entity_id: int) -> JSON:
    _known_entity(store, entity_id)
    return queries.timeline(store, entity_id=entity_id)


@read(statements_api, "/relations")
def relations(store: StoreDep, limit: PageSize = 100, offset: Offset = 0, type: RelationType = None,
              entity: int | None = None) -> list[JSON]:
    return store.relations(entity_id=entity, type=type, limit=limit, offset=offset)


@read(statements_api, "/events")
def events(store: StoreDep, limit: PageSize = 100, offset: Offset = 0, type: EventType = None,
           actor: Name = None, place: Name = None, since: DateParam = None, until: DateParam = None,
           entity: int | None = None) -> list[JSON]:
    return store.events(type=type, actor=actor, place=place, since=since, until=until, entity_id=entity,
                        limit=limit, offset=offset)


@read(statements_api, "/timeline", response_model=Timeline)
def timeline(store: StoreDep, type: EventType = None, actor: Name = None, place: Name = None,
             since: DateParam = None, until: DateParam = None) -> JSON:
    """Events in date order, filtered like ``/api/events``."""
    return queries.timeline(store, type=type, actor=actor, place=place, since=since, until=until)


@read(search_api, "/search", response_model=SearchResult)
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)], limit: PageSize = 20,
           offset: Offset = 0) -> JSON:
    """Full-text search of documents (snippets with matches in [brackets]) and entities by name."""
    return queries.search(store, q, limit=limit, offset=offset)


@read(graph_api, "/graph", response_model=Graph)
def graph(store: StoreDep, entity: int | None = None, type: RelationType = None, since: DateParam = None,
          until: DateParam = None) -> JSON:
    """The actor network: people and organisations as nodes, relations and shared events as edges."""
    return queries.graph(store, entity_id=entity, relation_type=type, since=since, until=until)


@read(graph_api, "/graph/evidence", response_model=EdgeEvidence)
def graph_evidence(store: StoreDep, a: int, b: int) -> JSON:
    """Every statement that ties actors ``a`` and ``b``, with its sentence, hedge and source."""
    return queries.edge_evidence(store, a, b)


@read(map_api, "/geojson", response_model=FeatureCollection)
def places_and_events(store: StoreDep, entity: int | None = None,
                      kind: Annotated[Literal["place", "event"] | None, Query()] = None, type: EventType = None,
                      actor: Name = None, place: Name = None, since: DateParam = None,
                      until: DateParam = None) -> JSON:
    """Places and located events as a GeoJSON FeatureCollection (``kind`` keeps one of them)."""
    filters = {k: v for k, v in (("type", type), ("actor", actor), ("place", place), ("since", since),
                                 ("until", until)) if v}
    return queries.places_and_events(store, entity_id=entity, kind=kind, **filters)


@read(claims_api, "/claims")
def claims(store: StoreDep, limit: PageSize = 100, offset: Offset = 0, actor: int | None = None,
           type: Annotated[str | None, Query(pattern="^[A-Za-z_]+$")] = None, contradicted: bool | None = None,
           hedged: bool | None = None, min_grade: Annotated[str | None, Query(max_length=4)] = None,
           since: DateParam = None, until: DateParam = None) -> list[JSON]:
    """Claims (statements grouped across reports), best corroborated first; ``min_grade`` as B2, C or 3."""
    return analyze.list_claims(store, actor=actor, type=type, contradicted=contradicted, hedged=hedged,
                               min_grade=min_grade, since=since, until=until, limit=limit, offset=offset)


@read(claims_api, "/claims/{claim_id}")
def claim(store: StoreDep, claim_id: int) -> JSON:
    """A claim: its grade with reasons, independent source count, supporting and contradicting reports."""
    return _found(analyze.claim(store, claim_id), f"claim {claim_id}")


@read(entities_api, "/entities/{entity_id}/attention")
def entity_attention(store: StoreDep, entity_id: int, since: DateParam = None, until: DateParam = None) -> JSON:
    """Documents naming the entity per day against its own baseline, with spikes and silences."""
    _known_entity(store, entity_id)
    return analyze.attention(store, entity_id, since=since, until=until)


class WatchRequest(BaseModel):
    ref: str = Field(min_length=1, max_length=200, description="a stored entity's id or exact name")
    kind: Literal["actor", "place"] = "actor"
    note: str | None = Field(default=None, max_length=500)


@read(watch_api, "/alerts")
def alerts(store: StoreDep, limit: PageSize = 200, offset: Offset = 0,
           kind: Annotated[str | None, Query(pattern="^[a-z_]+$")] = None, entity: int | None = None,
           since: DateParam = None) -> list[JSON]:
    """What changed about watched actors and places (new place, new partner, spike, silence), with evidence."""
    return analyze.list_alerts(store, kind=kind, entity=entity, since=since, limit=limit, offset=offset)


@read(watch_api, "/watch")
def watches(store: StoreDep) -> list[JSON]:
    """Watched actors and places: a user's own and those matched from imported watchlists."""
    return analyze.watch_list(store)


@watch_api.post("/watch", status_code=201)
def watch(store: StoreDep, site: SiteDep, body: WatchRequest) -> JSON:
    """Watch an actor or a place (alerts are recomputed at once)."""
    with site.write_lock:
        added = analyze.watch_add(store, body.ref, body.kind, body.note)
        analyze.build_alerts(store)
    return added


@watch_api.delete("/watch/{kind}/{entity_id}", status_code=204)
def unwatch(store: StoreDep, site: SiteDep, kind: Literal["actor", "place"], entity_id: int) -> Response:
    with site.write_lock:
        if not analyze.watch_remove(store, entity_id, kind):
            raise HTTPException(404, f"{kind} {entity_id} is not watched")
        analyze.build_alerts(store)
    return Response(status_code=204)


@read(watch_api, "/watchlist")
def watchlist(store: StoreDep) -> list[JSON]:
    """Watched actors (imported from FollowTheMoney) and the stored entities they were matched to."""
    from tracewire.resolve.watchlist import watched

    return watched(store)


@read(exports_api, "/export/{fmt}", response_class=StreamingResponse)
def export(site: SiteDep, fmt: Annotated[str, Path(pattern="^(" + "|".join(FORMATS) + ")$")]) -> StreamingResponse:
    """The whole store as FollowTheMoney JSON lines, GraphML, GEXF, GeoJSON or an ACLED-style CSV."""
    from tracewire.store import open_store

    spec = FORMATS[fmt]

    def stream() -> Any:
        store = open_store(site.db, migrate=False)  # the stream outlives the request's own connection
        try:
            yield from lines(store, fmt)
        finally:
            store.close()

    return StreamingResponse(stream(), media_type=spec.media_type, headers={
        "Content-Disposition": f'attachment; filename="tracewire{spec.suffix}"'})
