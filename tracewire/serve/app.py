"""The web UI and JSON API over a store (FastAPI).

Every HTML page has a JSON twin built from the same query (``/`` and ``/api/overview``,
``/documents/{id}`` and ``/api/documents/{id}``, ...). Everything that comes from an article is
escaped before it reaches HTML, and a Content-Security-Policy forbids inline and remote scripts.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tracewire import __version__
from tracewire.errors import TracewireError
from tracewire.model import provenance
from tracewire.store import Store, open_store
from tracewire.store.sqlite import mark_hits

CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'"

PageSize = Annotated[int, Query(ge=1, le=500)]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Offset = Annotated[int, Query(ge=0)]

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d232a;background:#fafafa}
header{background:#1d3557;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600} main{padding:1em 1.5em;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff} td,th{padding:.3em .6em;border-bottom:1px solid #e3e3e3;
text-align:left;vertical-align:top} th{background:#f0f2f5} .muted{color:#66707a;font-size:.9em}
.grid{display:grid;grid-template-columns:3fr 2fr;gap:1.5em} mark{padding:0 .15em;border-radius:3px}
mark.PERSON{background:#ffe3a3} mark.ORG{background:#c7e3ff} mark.PLACE{background:#c9f2c9}
.doc{white-space:pre-wrap;background:#fff;padding:1em;border:1px solid #e3e3e3;max-width:75ch}
form input{padding:.3em;width:22em} .hedge{background:#fff1c2;border:1px dashed #c49a00;padding:0 .3em}
.source{background:#eef;border-radius:3px;padding:0 .3em;font-size:.9em} ul.facts li{margin-bottom:.6em}
blockquote{margin:.3em 0 .6em 1em;border-left:3px solid #ccd;padding-left:.6em}
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def page(title: str, body: str) -> HTMLResponse:
    doc = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{esc(title)} · tracewire</title>"
           f"<meta name=viewport content='width=device-width,initial-scale=1'><style>{STYLE}</style></head><body>"
           "<header><a href='/'>tracewire</a><form action='/search' method=get role=search>"
           "<input name=q placeholder='Search documents' aria-label='Search documents'></form></header>"
           f"<main>{body}</main></body></html>")
    return HTMLResponse(doc)


def create_app(db: str) -> FastAPI:
    app = FastAPI(title="tracewire", version=__version__,
                  description="Evidence-linked knowledge graph of armed groups, leaders and states.")
    open_store(db).close()  # create and migrate the store once, before the first request

    @contextmanager
    def store() -> Iterator[Store]:
        """One connection per request: SQLite connections are cheap and never shared between threads."""
        st = open_store(db, migrate=False)
        try:
            yield st
        finally:
            st.close()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    # -- JSON API ---------------------------------------------------------------------------------

    @app.get("/api/overview")
    def api_overview(limit: PageSize = 50) -> dict[str, Any]:
        with store() as st:
            return {"counts": st.counts(), "documents": st.documents(limit=limit), "entities": st.entities(limit=limit)}

    @app.get("/api/documents")
    def api_documents(limit: PageSize = 50, offset: Offset = 0) -> list[dict[str, Any]]:
        with store() as st:
            return st.documents(limit=limit, offset=offset)

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> dict[str, Any]:
        with store() as st:
            doc = st.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id}")
        return doc

    @app.get("/api/entities")
    def api_entities(limit: PageSize = 50, offset: Offset = 0,
                     type: Annotated[str | None, Query(pattern="^(PERSON|ORG|PLACE)$")] = None) -> list[dict[str, Any]]:
        with store() as st:
            return st.entities(limit=limit, offset=offset, type=type)

    @app.get("/api/entities/{entity_id}")
    def api_entity(entity_id: int) -> dict[str, Any]:
        with store() as st:
            ent = st.entity(entity_id)
        if ent is None:
            raise HTTPException(404, f"no entity {entity_id}")
        return ent

    @app.get("/api/relations")
    def api_relations(limit: PageSize = 100, offset: Offset = 0,
                      type: Annotated[str | None, Query(pattern="^[a-z_]+$")] = None,
                      entity: int | None = None) -> list[dict[str, Any]]:
        with store() as st:
            return st.relations(entity_id=entity, type=type, limit=limit, offset=offset)

    @app.get("/api/events")
    def api_events(limit: PageSize = 100, offset: Offset = 0,
                   type: Annotated[str | None, Query(pattern="^[A-Za-z]+$")] = None,
                   actor: Annotated[str | None, Query(max_length=200)] = None,
                   place: Annotated[str | None, Query(max_length=200)] = None,
                   since: Annotated[str | None, Query(pattern=DATE)] = None,
                   until: Annotated[str | None, Query(pattern=DATE)] = None) -> list[dict[str, Any]]:
        with store() as st:
            return st.events(type=type, actor=actor, place=place, since=since, until=until, limit=limit,
                             offset=offset)

    @app.get("/api/search")
    def api_search(q: Annotated[str, Query(min_length=1, max_length=500)], limit: PageSize = 20,
                   offset: Offset = 0) -> list[dict[str, Any]]:
        with store() as st:
            hits = st.search(q, limit=limit, offset=offset)
        for hit in hits:
            hit["snippet_raw"] = hit["snippet"]
            hit["snippet"] = mark_hits(hit["snippet"], "[", "]")
        return hits

    # -- HTML -------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def home() -> HTMLResponse:
        data = api_overview()
        counts = data["counts"]
        docs = "".join(
            f"<tr><td><a href='/documents/{esc(d['id'])}'>{esc(d['title'] or d['id'][:19])}</a>"
            f"{' <span class=muted>(copy)</span>' if d['copy_of'] else ''}</td><td>{esc(d['outlet'])}</td>"
            f"<td>{esc(d['published'])}</td><td>{esc(d['entities'])}</td></tr>" for d in data["documents"])
        ents = "".join(
            f"<tr><td><a href='/entities/{esc(e['id'])}'>{esc(e['name'])}</a></td><td>{esc(e['type'])}"
            f"{'/' + esc(e['subtype']) if e['subtype'] else ''}</td><td>{esc(e['documents'])}</td></tr>"
            for e in data["entities"])
        body = (f"<p class=muted>{counts['documents']} documents · {counts['entities']} entities · "
                f"{counts['mentions']} mentions · <a href='/api/overview'>JSON</a> · <a href='/docs'>API</a></p>"
                "<div class=grid><section><h2>Documents</h2><table><tr><th>Title</th><th>Outlet</th><th>Published</th>"
                f"<th>Entities</th></tr>{docs}</table></section><section><h2>Entities</h2><table><tr><th>Name</th>"
                f"<th>Type</th><th>Documents</th></tr>{ents}</table></section></div>")
        return page("Overview", body)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(doc_id: str) -> HTMLResponse:
        doc = api_document(doc_id)
        text: str = doc["text"]
        parts, pos = [], 0
        for m in doc["mentions"]:
            if m["start"] < pos:
                continue
            parts.append(esc(text[pos:m["start"]]))
            parts.append(f"<a href='/entities/{esc(m['entity_id'])}'><mark class='{esc(m['type'])}' "
                         f"title='{esc(m['name'])}'>{esc(text[m['start']:m['end']])}</mark></a>")
            pos = m["end"]
        parts.append(esc(text[pos:]))
        meta = " · ".join(esc(x) for x in (doc["outlet"], doc["published"], doc["url"]) if x)
        copy = (f"<p>Near-duplicate copy of <a href='/documents/{esc(doc['copy_of'])}'>an earlier report</a>.</p>"
                if doc["copy_of"] else "")
        facts = "".join(f"<li>{_relation_html(r)}</li>" for r in doc["relations"]) + \
            "".join(f"<li>{_event_html(e)}</li>" for e in doc["events"])
        body = (f"<h1>{esc(doc['title'] or 'Untitled document')}</h1><p class=muted>{meta} · "
                f"<a href='/api/documents/{esc(doc['id'])}'>JSON</a></p>{copy}<div class=grid>"
                f"<div class=doc>{''.join(parts)}</div><section><h2>What it says</h2><ul class=facts>"
                f"{facts or '<li>no relations or events found</li>'}</ul></section></div>")
        return page(doc["title"] or "Document", body)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(entity_id: int) -> HTMLResponse:
        ent = api_entity(entity_id)
        docs = "".join(
            f"<li><a href='/documents/{esc(d['id'])}'>{esc(d['title'] or d['id'][:19])}</a> "
            f"<span class=muted>{esc(d['outlet'])} {esc(d['published'])}</span>"
            + "".join(f"<blockquote>{esc(s['text'])}</blockquote>" for s in d["sentences"]) + "</li>"
            for d in ent["documents"])
        aliases = ", ".join(esc(a) for a in ent["aliases"]) or "none"
        geo = ent["geo"] or {}
        where = (f"<p>Location: {esc(geo.get('lat'))}, {esc(geo.get('lon'))} ({esc(geo.get('country'))})</p>"
                 if geo.get("lat") is not None else "")
        sub = f"/{esc(ent['subtype'])}" if ent["subtype"] else ""
        rels = "".join(f"<li>{_relation_html(r)}</li>" for r in ent["relations"]) or "<li>none found</li>"
        evs = "".join(f"<li>{_event_html(e)}</li>" for e in ent["events"]) or "<li>none found</li>"
        body = (f"<h1>{esc(ent['name'])}</h1><p class=muted>{esc(ent['type'])}{sub}"
                f"{' · registry ' + esc(ent['kb_id']) if ent['kb_id'] else ''} · "
                f"<a href='/api/entities/{esc(ent['id'])}'>JSON</a></p><p>Also called: {aliases}</p>{where}"
                f"<h2>Roles and ties</h2><ul class=facts>{rels}</ul>"
                f"<h2>Events</h2><ul class=facts>{evs}</ul>"
                f"<h2>Mentioned in {len(ent['documents'])} documents</h2><ul>{docs}</ul>")
        return page(ent["name"], body)

    @app.get("/search", response_class=HTMLResponse)
    def search_page(q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
        hits = api_search(q) if q.strip() else []
        rows = "".join(
            f"<li><a href='/documents/{esc(h['id'])}'>{esc(h['title'] or h['id'][:19])}</a> "
            f"<span class=muted>{esc(h['outlet'])} {esc(h['published'])}</span><br>"
            f"{_snippet(h['snippet_raw'])}</li>" for h in hits)
        body = (f"<h1>Search: {esc(q)}</h1><p class=muted>{len(hits)} documents · "
                f"<a href='/api/search?{esc(urlencode({'q': q}))}'>JSON</a></p><ul>{rows}</ul>")
        return page(f"Search {q}", body)

    def error(request: Request, status: int, detail: Any) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=status)
        text = detail if isinstance(detail, str) else "the request is not valid"
        return HTMLResponse(page("Error", f"<h1>{esc(text)}</h1>").body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, jsonable_encoder(exc.errors()) if request.url.path.startswith("/api/")
                     else "the request's parameters are not valid")

    @app.exception_handler(TracewireError)
    async def user_error(request: Request, exc: TracewireError) -> Response:
        return error(request, 400, str(exc))

    return app


def _label_html(item: dict[str, Any]) -> str:
    """Hedge and source labels: a hedged or attributed claim never reads as plain fact."""
    hedge, source = provenance(item["hedged"], item["attributed_name"], item["attributed_to"],
                                bool(item.get("inherited")))
    return (f" <span class=hedge>{esc(hedge)}</span>" if hedge else "") + \
        (f" <span class=source>{esc(source)}</span>" if source else "")


def _evidence_html(item: dict[str, Any]) -> str:
    quotes = "".join(f"<blockquote>{esc(e['text'])}</blockquote>" for e in item["evidence"][:2])
    return (f"{quotes}<span class=muted>— <a href='/documents/{esc(item['doc_id'])}'>"
            f"{esc(item['doc_title'] or item['doc_id'][:19])}</a></span>")


def _relation_html(r: dict[str, Any]) -> str:
    return (f"<a href='/entities/{esc(r['source_id'])}'>{esc(r['source'])}</a> <b>{esc(r['type'])}</b> "
            f"<a href='/entities/{esc(r['target_id'])}'>{esc(r['target'])}</a>{_label_html(r)}{_evidence_html(r)}")


def _event_html(e: dict[str, Any]) -> str:
    def names(items: list[dict[str, Any]]) -> str:
        return ", ".join(f"<a href='/entities/{esc(a['id'])}'>{esc(a['name'])}</a>" for a in items)

    when = esc(e["time"] or e["published"] or "undated")
    parts = [f"<b>{esc(e['type'])}</b> <span class=muted>CAMEO {esc(e['cameo'])} · {when}</span>",
             names(e["actors"]) or "?"]
    if e["participants"]:
        parts.append("with " + names(e["participants"]))
    if e["locations"]:
        parts.append("in " + names(e["locations"]))
    return " ".join(parts) + _label_html(e) + _evidence_html(e)


def _snippet(snippet: str | None) -> str:
    """An FTS snippet with its matches in <mark>, everything from the article escaped."""
    return mark_hits(snippet, "<mark>", "</mark>", esc)
