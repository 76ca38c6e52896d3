"""The HTML pages: each renders the data of its JSON twin in ``api`` (the same query function).

Pages are server-rendered; the network and the maps are drawn by our own scripts in ``static/``,
which fetch the JSON twins named in escaped ``data-`` attributes.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from tracewire.serve import queries
from tracewire.serve.html import annotated_text, esc, event_html, page, relation_html
from tracewire.serve.site import SiteDep, StoreDep
from tracewire.store.sqlite import mark_hits

router = APIRouter(default_response_class=HTMLResponse)
MAP_STYLES = ("vendor/leaflet.css",)
MAP_SCRIPTS = ("vendor/leaflet.js", "vendor/topojson-client.min.js", "map.js")


def _html(title: str, body: str, **kw: Any) -> HTMLResponse:
    return HTMLResponse(page(title, body, **kw))


def _map_div(site: Any, geojson_url: str, *, full: bool = False) -> str:
    return (f"<div class='tw-map{' full' if full else ''}' data-geojson='{esc(geojson_url)}'"
            f" data-countries='/static/vendor/countries-110m.json' data-tiles='{esc(site.tiles or '')}'"
            " role=region aria-label='Map'></div>")


@router.get("/")
def home(store: StoreDep) -> HTMLResponse:
    data = queries.overview(store, 50)
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
    return _html("Overview", body)


@router.get("/search")
def search_page(store: StoreDep, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    data = queries.search(store, q)
    docs = "".join(
        f"<li><a href='/documents/{esc(h['id'])}'>{esc(h['title'] or h['id'][:19])}</a> "
        f"<span class=muted>{esc(h['outlet'])} {esc(h['published'])}</span><br>"
        f"{mark_hits(h['snippet_raw'], '<mark>', '</mark>', esc)}</li>" for h in data["documents"])
    ents = "".join(
        f"<li><a href='/entities/{esc(e['id'])}'>{esc(e['name'])}</a> <span class=muted>{esc(e['type'])}"
        f"{'/' + esc(e['subtype']) if e['subtype'] else ''} · {esc(e['documents'])} documents</span></li>"
        for e in data["entities"])
    body = (f"<h1>Search: {esc(q)}</h1><p class=muted>{len(data['documents'])} documents · "
            f"{len(data['entities'])} entities · <a href='/api/search?{esc(urlencode({'q': q}))}'>JSON</a></p>"
            f"<div class=grid><section id=found-documents><h2>Documents</h2><ul>{docs}</ul></section>"
            f"<section id=found-entities><h2>Entities</h2><ul>{ents}</ul></section></div>")
    return _html(f"Search {q}", body)


@router.get("/documents/{doc_id}")
def document_page(store: StoreDep, doc_id: str) -> HTMLResponse:
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id}")
    text = annotated_text(doc["text"], doc["mentions"], doc["relations"] + doc["events"])
    meta = " · ".join(esc(x) for x in (doc["outlet"], doc["published"], doc["url"]) if x)
    copy = (f"<p>Near-duplicate copy of <a href='/documents/{esc(doc['copy_of'])}'>an earlier report</a>.</p>"
            if doc["copy_of"] else "")
    facts = "".join(f"<li>{relation_html(r)}</li>" for r in doc["relations"]) + \
        "".join(f"<li>{event_html(e)}</li>" for e in doc["events"])
    legend = ("<p class='legend muted'><span><mark class=PERSON>person</mark></span><span><mark class=ORG>"
              "organisation</mark></span><span><mark class=PLACE>place</mark></span><span class=stmt>a statement"
              "</span><span class='stmt hedged'>hedged (reportedly)</span><span class='stmt attributed'>"
              "attributed to a source</span></p>")
    body = (f"<h1>{esc(doc['title'] or 'Untitled document')}</h1><p class=muted>{meta} · "
            f"<a href='/api/documents/{esc(doc['id'])}'>JSON</a></p>{copy}{legend}<div class=grid>"
            f"<div class=doc id=article>{text}</div><section><h2>What it says</h2><ul class=facts>"
            f"{facts or '<li>no relations or events found</li>'}</ul></section></div>")
    return _html(doc["title"] or "Document", body)


@router.get("/entities/{entity_id}")
def entity_page(store: StoreDep, site: SiteDep, entity_id: int) -> HTMLResponse:
    ent = queries.entity(store, entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id}")
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
    rels = "".join(f"<li>{relation_html(r)}</li>" for r in ent["relations"]) or "<li>none found</li>"
    evs = "".join(f"<li>{event_html(e)}</li>" for e in ent["events"]) or "<li>none found</li>"
    places = _map_div(site, f"/api/geojson?entity={ent['id']}")
    body = (f"<h1>{esc(ent['name'])}</h1><p class=muted>{esc(ent['type'])}{sub}"
            f"{' · registry ' + esc(ent['kb_id']) if ent['kb_id'] else ''} · "
            f"<a href='/api/entities/{esc(ent['id'])}'>JSON</a> · <a href='/network?entity={esc(ent['id'])}'>"
            f"network</a></p><p>Also called: {aliases}</p>{where}"
            f"<div class=grid><div><h2>Roles and ties</h2><ul class=facts id=relations>{rels}</ul>"
            f"<h2>Events</h2><ul class=facts id=events>{evs}</ul></div>"
            f"<div><h2>Places</h2>{places}"
            f"<h2>Timeline</h2>{_timeline_html(ent['timeline'])}"
            f"<h2>Related</h2><ul id=related>{_related_html(ent['related'])}</ul></div></div>"
            f"<h2>Mentioned in {len(ent['documents'])} documents</h2><ul>{docs}</ul>")
    return _html(ent["name"], body, scripts=MAP_SCRIPTS, styles=MAP_STYLES)


def _timeline_html(data: dict[str, Any]) -> str:
    months = data["mentions"]
    top = max((m["documents"] for m in months), default=1)
    bars = "".join(f"<span style='height:{round(60 * m['documents'] / top)}px' "
                   f"title='{esc(m['month'])}: {esc(m['documents'])} documents'></span>" for m in months)
    items = "".join(
        f"<li><time>{esc(e['date'] or 'undated')}</time><b>{esc(e['type'])}</b> {esc(', '.join(e['actors']))}"
        f"{' in ' + esc(', '.join(e['places'])) if e['places'] else ''} "
        f"{_label(e)}"
        f"<a href='/documents/{esc(e['doc_id'])}' class=muted>{esc(e['doc_title'] or 'document')}</a>"
        f"{' <span class=muted>(date of the article)</span>' if e['dated_by'] == 'publication' else ''}</li>"
        for e in data["events"])
    chart = f"<p class=muted>Documents naming it per month</p><div class=bars>{bars}</div>" if months else ""
    return f"{chart}<ol class=timeline id=timeline>{items or '<li>no dated events</li>'}</ol>"


def _label(item: dict[str, Any]) -> str:
    if not item["label"]:
        return ""
    return f"<span class={'hedge' if item['hedged'] else 'source'}>{esc(item['label'])}</span> "


def _related_html(items: list[dict[str, Any]]) -> str:
    return "".join(f"<li><a href='/entities/{esc(t['id'])}'>{esc(t['name'])}</a> <span class=muted>"
                   f"{esc(', '.join(t['how']))} · {esc(t['statements'])}</span></li>" for t in items[:25]) \
        or "<li>none found</li>"


@router.get("/network")
def network_page(entity: int | None = None) -> HTMLResponse:
    query = f"?{urlencode({'entity': entity})}" if entity is not None else ""
    body = ("<h1>Network</h1><p class=muted>People and organisations; an edge is a relation or a shared event. "
            f"Click an edge for its evidence. <a href='/api/graph{esc(query)}'>JSON</a></p>"
            f"<div class=network><div id=cy data-graph='/api/graph{esc(query)}' role=img "
            "aria-label='Actor network'></div><aside id=evidence aria-live=polite><p class=muted>"
            "Click an edge to see the sentences behind it.</p></aside></div>")
    return _html("Network", body, scripts=("vendor/cytoscape.min.js", "network.js"))


@router.get("/map")
def map_page(site: SiteDep) -> HTMLResponse:
    body = ("<h1>Map</h1><p class=muted>Places (green) and events (red) with coordinates; click one for its "
            "evidence. <a href='/api/geojson'>GeoJSON</a></p>" + _map_div(site, "/api/geojson", full=True))
    return _html("Map", body, scripts=MAP_SCRIPTS, styles=MAP_STYLES)
