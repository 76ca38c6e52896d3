"""The HTML pages: each renders the data of its JSON twin in ``api`` (the same query function).

Pages are server-rendered; the network and the maps are drawn by our own scripts in ``static/``,
which fetch the JSON twins named in escaped ``data-`` attributes.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from tracewire import analyze
from tracewire.serve import queries
from tracewire.serve.html import annotated_text, esc, event_html, page, relation_html
from tracewire.serve.site import DATE, Offset, SiteDep, StoreDep
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
            f"<h2>Timeline</h2>{_timeline_html(ent['timeline'], ent['id'])}"
            f"<h2>Related</h2><ul id=related>{_related_html(ent['related'])}</ul>"
            f"<h2>Claims</h2><ul id=claims>{_claims_list(analyze.list_claims(store, actor=ent['id'], limit=15))}"
            f"</ul><p><a href='/claims?actor={esc(ent['id'])}'>all claims naming it</a></p></div></div>"
            f"<h2>Mentioned in {len(ent['documents'])} documents</h2><ul>{docs}</ul>")
    return _html(ent["name"], body, scripts=MAP_SCRIPTS, styles=MAP_STYLES)


def _timeline_html(data: dict[str, Any], entity_id: int) -> str:
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
    more = (f"<p class=muted>The latest {len(data['events'])} events; "
            f"<a href='/events?{esc(urlencode({'entity': entity_id}))}'>all of them</a>.</p>"
            if data["more"] else "")
    return f"{chart}{more}<ol class=timeline id=timeline>{items or '<li>no dated events</li>'}</ol>"


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


def _grade(c: dict[str, Any]) -> str:
    return (f"<span class=grade title='{esc(c['reliability_label'])}; {esc(c['credibility_label'])}'>"
            f"{esc(c['grade'])}</span>")


def _claims_list(items: list[dict[str, Any]]) -> str:
    return "".join(
        f"<li>{_grade(c)} <a href='/claims/{esc(c['id'])}'>{esc(c['summary'])}</a> <span class=muted>"
        f"{esc(c['independent'])} independent of {esc(c['reports'])} reports"
        f"{' · contradicted' if c['contradicting'] else ''}{' · hedged' if c['hedged'] else ''}</span></li>"
        for c in items) or "<li>none found</li>"


EVENTS_PER_PAGE = 100


@router.get("/events")
def events_page(store: StoreDep, type: Annotated[str | None, Query(pattern="^[A-Za-z]*$")] = None,
                actor: Annotated[str | None, Query(max_length=200)] = None,
                place: Annotated[str | None, Query(max_length=200)] = None,
                since: Annotated[str | None, Query(pattern="^$|" + DATE)] = None,
                until: Annotated[str | None, Query(pattern="^$|" + DATE)] = None,
                entity: int | None = None, offset: Offset = 0) -> HTMLResponse:
    """Events in date order, filtered as ``/api/events`` is, a page at a time."""
    filters: dict[str, Any] = {"type": type or None, "actor": actor or None, "place": place or None,
                               "since": since or None, "until": until or None}
    who = None
    if entity is not None:
        who = store.conn.execute("SELECT id, name FROM entities WHERE id = ?", (store.root_of(entity),)).fetchone()
        if who is None:
            raise HTTPException(404, f"no entity {entity}")
    found = store.events(**filters, entity_id=entity, limit=EVENTS_PER_PAGE + 1, offset=offset)
    shown = found[:EVENTS_PER_PAGE]
    kept = {k: v for k, v in {**filters, "entity": entity}.items() if v is not None}

    def link(to: int, text: str) -> str:
        return f"<a href='/events?{esc(urlencode({**kept, 'offset': to}))}'>{text}</a>"

    def field(name: str, label: str, hint: str) -> str:
        return (f"<label>{label} <input name={name} value='{esc(filters[name] or '')}' placeholder='{esc(hint)}'"
                " size=12></label> ")

    form = ("<form method=get action='/events' class=filters>" + field("type", "Type", "ATTACK")
            + field("actor", "Actor", "a name or alias") + field("place", "Place", "Kabul")
            + field("since", "From", "2024-01") + field("until", "To", "2024-12")
            + (f"<input type=hidden name=entity value='{esc(entity)}'>" if entity is not None else "")
            + "<button>Filter</button></form>")
    pages = " · ".join(x for x in (
        link(max(0, offset - EVENTS_PER_PAGE), "earlier") if offset else "",
        link(offset + EVENTS_PER_PAGE, "later") if len(found) > EVENTS_PER_PAGE else "") if x)
    scope = (f" naming <a href='/entities/{esc(who['id'])}'>{esc(who['name'])}</a>" if who else "")
    first = f"{offset + 1}-{offset + len(shown)}" if shown else "none"
    items = "".join(f"<li>{event_html(e)}</li>" for e in shown)  # its evidence links to its document
    body = (f"<h1>Events{scope}</h1><p class=muted>Oldest first, dated by the text, else by the article; "
            f"{esc(first)} shown · <a href='/api/events?{esc(urlencode({**kept, 'offset': offset}))}'>JSON</a></p>"
            f"{form}<ul class=facts id=event-list>{items or '<li>no events match</li>'}</ul>"
            f"<p class=pages>{pages}</p>")
    return _html("Events", body)


@router.get("/claims")
def claims_page(store: StoreDep, actor: int | None = None,
                type: Annotated[str | None, Query(pattern="^[A-Za-z_]*$")] = None,
                min_grade: Annotated[str | None, Query(max_length=4)] = None) -> HTMLResponse:
    items = analyze.list_claims(store, actor=actor, type=type or None, min_grade=min_grade or None, limit=200)
    query = urlencode({k: v for k, v in (("actor", actor), ("type", type), ("min_grade", min_grade)) if v})
    form = ("<form method=get action='/claims' class=filters>"
            f"<label>Minimum grade <input name=min_grade value='{esc(min_grade or '')}' size=3 placeholder=B2></label> "
            f"<label>Type <input name=type value='{esc(type or '')}' placeholder=leader_of></label> "
            + (f"<input type=hidden name=actor value='{esc(actor)}'>" if actor is not None else "")
            + "<button>Filter</button></form>")
    body = (f"<h1>Claims</h1><p class=muted>What the reports say, grouped; graded A-F (source reliability) and 1-6 "
            f"(credibility, from independent confirmation). {len(items)} shown · "
            f"<a href='/api/claims{'?' + esc(query) if query else ''}'>JSON</a></p>{form}"
            f"<ul class=facts id=claim-list>{_claims_list(items)}</ul>")
    return _html("Claims", body)


def _report_html(r: dict[str, Any]) -> str:
    marks = (" <span class=hedge>reportedly</span>" if r["hedged"] else "") + \
        (f" <span class=source>source: {esc(r['source'])}</span>" if r["source"] else "") + \
        (" <span class=muted>(unnamed source)</span>" if r["unnamed"] else "") + \
        (f" <span class=muted>copy of <a href='/documents/{esc(r['copy_of'])}'>an earlier report</a></span>"
         if r["copy_of"] else "") + (f" <span class=muted>{esc(r['reason'])}</span>" if r["reason"] else "")
    quotes = "".join(f"<blockquote class=evidence>{esc(e['text'])}</blockquote>" for e in r["evidence"][:3])
    return (f"<li><a href='/documents/{esc(r['doc_id'])}'>{esc(r['title'] or r['doc_id'][:19])}</a> "
            f"<span class=muted>{esc(r['outlet'])} {esc(r['published'])}</span>{marks}{quotes}</li>")


@router.get("/claims/{claim_id}")
def claim_page(store: StoreDep, claim_id: int) -> HTMLResponse:
    c = analyze.claim(store, claim_id)
    if c is None:
        raise HTTPException(404, f"no claim {claim_id}")

    def names(items: list[dict[str, Any]]) -> str:
        return ", ".join(f"<a href='/entities/{esc(x['id'])}'>{esc(x['name'])}</a>" for x in items) or "?"

    when = " – ".join(dict.fromkeys(x for x in (c["date_from"], c["date_to"]) if x)) or "undated"
    reasons = "".join(f"<li>{esc(r)}</li>" for r in c["reasons"])
    supporting = "".join(_report_html(r) for r in c["supporting"]) or "<li>none</li>"
    against = "".join(_report_html(r) for r in c["contradicting_reports"]) or "<li>none found</li>"
    body = (f"<h1>{esc(c['summary'])}</h1><p class=muted>{esc(c['kind'])} · {esc(c['type'])}"
            f"{' · CAMEO ' + esc(c['cameo']) if c['cameo'] else ''} · {esc(when)} · "
            f"<a href='/api/claims/{esc(c['id'])}'>JSON</a></p>"
            f"<p>Who: {names(c['subjects'])}{' → ' + names(c['objects']) if c['objects'] else ''}"
            f"{' · where: ' + names(c['places']) if c['places'] else ''}</p>"
            f"<section id=grade><h2>Grade {_grade(c)}</h2><p>{esc(c['reliability'])}: "
            f"{esc(c['reliability_label'])} · {esc(c['credibility'])}: {esc(c['credibility_label'])}</p>"
            f"<p><b>{esc(c['independent'])}</b> independent sources · {esc(c['reports'])} reports · "
            f"{esc(c['contradicting'])} contradicting{' · hedged in every report' if c['hedged'] else ''}</p>"
            f"<ul id=reasons>{reasons}</ul></section>"
            f"<div class=grid><section><h2>Supporting reports</h2><ul class=facts id=supporting>{supporting}</ul>"
            f"</section><section><h2>Contradicting reports</h2><ul class=facts id=contradicting>{against}</ul>"
            "</section></div>")
    return _html(c["summary"], body)


@router.get("/alerts")
def alerts_page(store: StoreDep) -> HTMLResponse:
    watches = analyze.watch_list(store)
    items = analyze.list_alerts(store, limit=500)
    watched = "".join(f"<li><a href='/entities/{esc(w['entity_id'])}'>{esc(w['name'])}</a> <span class=muted>"
                      f"{esc(w['kind'])} · {esc(w['origin'])}</span></li>" for w in watches) or "<li>nothing yet</li>"
    rows = "".join(
        f"<li><b>{esc(a['kind'])}</b> <span class=muted>{esc(a['date'])}</span> "
        f"<a href='/entities/{esc(a['entity_id'])}'>{esc(a['entity_name'])}</a> {esc(a.get('subject') or '')}"
        + "".join(f"<blockquote class=evidence>{esc(s['text'])}</blockquote>" for e in a["evidence"][:2]
                  for s in (e.get("sentences") or [])[:1])
        + "".join(f" <a class=muted href='/documents/{esc(e['doc_id'])}'>{esc(e.get('title') or 'document')}</a>"
                  for e in a["evidence"][:2] if e.get("doc_id"))
        + "</li>" for a in items) or "<li>no alerts</li>"
    body = (f"<h1>Alerts</h1><p class=muted>Watch an actor or a place with <code>tracewire watch</code> or "
            f"<code>POST /api/watch</code>. <a href='/api/alerts'>JSON</a></p><div class=grid><section><h2>Alerts</h2>"
            f"<ul class=facts id=alerts>{rows}</ul></section><section><h2>Watched</h2><ul id=watched>{watched}</ul>"
            "</section></div>")
    return _html("Alerts", body)
