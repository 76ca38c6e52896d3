"""An ACLED-style event table (CSV): one row per stored event, located at its first place.

The columns follow the names analysts know from ACLED's data export (event_date, event_type,
actor1, actor2, admin1, admin2, location, latitude, longitude, source, notes), so a sheet or a
GIS tool that reads ACLED reads this; ``notes`` is the evidence sentence, and the hedge and
source label travel in their own columns rather than being lost.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from tracewire.export.collect import Store, admin_areas, label, located_events, outlets, sentence

COLUMNS = ("event_id_cnty", "event_date", "year", "disorder_type", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "actor2", "assoc_actor_2", "country", "iso", "admin1", "admin2", "location",
           "latitude", "longitude", "geo_precision", "source", "source_url", "notes", "hedged", "attribution",
           "document_id")

# our event types in ACLED's three disorder types; the event type itself stays ours
DISORDER = {"ATTACK": "Political violence", "PROTEST": "Demonstrations"}


def rows(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    docs = outlets(store)
    for ev, place in located_events(store, **filters):
        geo = (place or {}).get("geo") or {}
        admin1, admin2, location = admin_areas(place) if place else ("", "", "")
        actors = [a["name"] for a in ev["actors"]]
        others = [a["name"] for a in ev["participants"]]
        date = ev["time"] or ev["published"] or ""
        outlet, url = docs.get(ev["doc_id"], (None, None))
        yield {"event_id_cnty": f"TW{ev['id']}", "event_date": date, "year": date[:4],
               "disorder_type": DISORDER.get(ev["type"], "Strategic developments"), "event_type": ev["type"],
               "sub_event_type": f"CAMEO {ev['cameo']}",
               "actor1": actors[0] if actors else "", "assoc_actor_1": "; ".join(actors[1:]),
               "actor2": others[0] if others else "", "assoc_actor_2": "; ".join(others[1:]),
               "country": geo.get("country") or "", "iso": geo.get("country") or "",
               "admin1": admin1, "admin2": admin2, "location": location,
               "latitude": geo.get("lat", ""), "longitude": geo.get("lon", ""),
               # ACLED's precision codes: 1 the place itself, 2 near it or a district, 3 a province
               "geo_precision": "" if not place else 3 if admin1 == location else 2 if admin2 else 1,
               "source": outlet or ev["doc_title"] or "", "source_url": url or "",
               "notes": sentence(ev), "hedged": int(ev["hedged"]), "attribution": label(ev),
               "document_id": ev["doc_id"]}


def csv_lines(store: Store, **filters: Any) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(store, **filters):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
