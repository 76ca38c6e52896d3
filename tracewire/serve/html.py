"""HTML building blocks of the web UI: the page layout, escaping, and the fragments that pages share.

Everything that comes from an article (text, titles, names, outlets) goes through ``esc``; no
page carries inline script (the Content-Security-Policy forbids it), so data for the page's own
scripts travels in escaped ``data-`` attributes and JSON endpoints.
"""

from __future__ import annotations

import html
from typing import Any

from tracewire.model import provenance


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def page(title: str, body: str, *, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = ()) -> str:
    links = "".join(f"<link rel=stylesheet href='/static/{esc(s)}'>" for s in ("site.css", *styles))
    tags = "".join(f"<script src='/static/{esc(s)}' defer></script>" for s in scripts)
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{esc(title)} · tracewire</title>"
            "<meta name=viewport content='width=device-width,initial-scale=1'><link rel=icon href='data:,'>"
            f"{links}{tags}</head><body>"
            "<header><a href='/'>tracewire</a><nav><a href='/claims'>Claims</a><a href='/network'>Network</a>"
            "<a href='/map'>Map</a><a href='/events'>Events</a><a href='/alerts'>Alerts</a>"
            "<a href='/docs'>API</a></nav><form action='/search' method=get role=search>"
            "<input name=q placeholder='Search documents and entities' aria-label='Search documents and entities'>"
            f"</form></header><main>{body}</main></body></html>")


def label_html(item: dict[str, Any]) -> str:
    """Hedge and source labels: a hedged or attributed claim never reads as plain fact."""
    hedge, source = provenance(item["hedged"], item["attributed_name"], item["attributed_to"],
                               bool(item.get("inherited")))
    return (f" <span class=hedge>{esc(hedge)}</span>" if hedge else "") + \
        (f" <span class=source>{esc(source)}</span>" if source else "")


def evidence_html(item: dict[str, Any]) -> str:
    quotes = "".join(f"<blockquote class=evidence>{esc(e['text'])}</blockquote>" for e in item["evidence"][:2])
    return (f"{quotes}<span class=muted>— <a href='/documents/{esc(item['doc_id'])}'>"
            f"{esc(item['doc_title'] or item['doc_id'][:19])}</a></span>")


def relation_html(r: dict[str, Any]) -> str:
    return (f"<a href='/entities/{esc(r['source_id'])}'>{esc(r['source'])}</a> <b>{esc(r['type'])}</b> "
            f"<a href='/entities/{esc(r['target_id'])}'>{esc(r['target'])}</a>{label_html(r)}{evidence_html(r)}")


def names_html(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"<a href='/entities/{esc(a['id'])}'>{esc(a['name'])}</a>" for a in items)


def event_html(e: dict[str, Any]) -> str:
    when = esc(e["time"] or e["published"] or "undated")
    parts = [f"<b>{esc(e['type'])}</b> <span class=muted>CAMEO {esc(e['cameo'])} · {when}</span>",
             names_html(e["actors"]) or "?"]
    if e["participants"]:
        parts.append("with " + names_html(e["participants"]))
    if e["locations"]:
        parts.append("in " + names_html(e["locations"]))
    return " ".join(parts) + label_html(e) + evidence_html(e)


def annotated_text(text: str, mentions: list[dict[str, Any]], statements: list[dict[str, Any]]) -> str:
    """The article with every mention highlighted by type (linked to its entity) and every statement's
    evidence underlined: hedged ones dashed on yellow, attributed ones dotted, with the label as title."""
    kept: list[dict[str, Any]] = []
    for mention in mentions:  # overlapping mentions: the first one wins
        if not kept or mention["start"] >= kept[-1]["end"]:
            kept.append(mention)
    spans = []
    for st in statements:
        hedge, source = provenance(st["hedged"], st["attributed_name"], st["attributed_to"], bool(st.get("inherited")))
        classes = "stmt" + (" hedged" if hedge else "") + (" attributed" if source else "")
        title = " · ".join(x for x in (st["type"], hedge, source) if x)
        for ev in st["evidence"]:
            spans.append((ev["start"], ev["end"], classes, title))
    points = sorted({0, len(text), *(m["start"] for m in kept), *(m["end"] for m in kept),
                     *(s[0] for s in spans), *(s[1] for s in spans)})
    out: list[str] = []
    mi = 0
    for a, b in zip(points, points[1:], strict=False):
        if a >= len(text) or a >= b:
            continue
        while mi < len(kept) and kept[mi]["end"] <= a:
            mi += 1
        inner = esc(text[a:b])
        inside = mi < len(kept) and kept[mi]["start"] <= a and b <= kept[mi]["end"]
        m: dict[str, Any] | None = kept[mi] if inside else None
        if m is not None:
            inner = (f"<a href='/entities/{esc(m['entity_id'])}'><mark class='{esc(m['type'])}' "
                     f"title='{esc(m['name'])}'>{inner}</mark></a>")
        over = [s for s in spans if s[0] <= a and b <= s[1]]
        if over:
            classes = " ".join(sorted({c for s in over for c in s[2].split()}))
            title = "; ".join(dict.fromkeys(s[3] for s in over))
            inner = f"<span class='{esc(classes)}' title='{esc(title)}'>{inner}</span>"
        out.append(inner)
    return "".join(out)
