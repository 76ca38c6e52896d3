"""Admiralty-style grading: source reliability A-F and information credibility 1-6, with reasons.

Sits after claim grouping (``tracewire.analyze.claims``): the grouping counts independent
sources and contradictions; this module turns those counts into a grade and keeps the source
registry (one row per source: a user's rating, and the track record the claims give it).

Functions for the CLI and the API::

    list_sources(store) -> list[dict]             every source with rating, derived rating, track record
    rate_source(store, name_or_key, rating, note=None) -> dict    set a user rating (A-F), or clear it (None)
    source_key_for_outlet(name) -> (key, name)    the registry key an outlet name is counted under

Rules (also given, per claim, as its ``reasons``):

Credibility, from independent named sources ``n``, outlets relying on unnamed sources ``u``
(counted apart) and distinct contradicting sources ``c``:

    5  contradicted by at least as many sources as support it (unnamed ones counting once)
    4  contradicted, by fewer sources than support it
    1  two or more independent named sources, and not hedged
    2  two or more independent named sources that all hedge it; or one named source
       with unnamed sources agreeing
    3  one named source stating it plainly
    6  otherwise: one hedged report, or unnamed sources only; truth cannot be judged

Reliability of a source: a user's rating when set; otherwise its track record over the claims it
supports (a claim is *confirmed* when two or more sources support it and none contradicts it):
fewer than 3 claims -> F (cannot be judged); confirmed share >= 0.75 -> B, >= 0.5 -> C,
>= 0.25 -> D, else E. A is given only by a user. Unnamed sources are always F. A claim takes the
best reliability among its named supporting sources (F when it has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from tracewire.errors import AnalysisError
from tracewire.kb import load_registry
from tracewire.model import name_key
from tracewire.store import Store

RATINGS = ("A", "B", "C", "D", "E", "F")
RELIABILITY_LABEL = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY_LABEL = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
                     5: "improbable", 6: "truth cannot be judged"}
MIN_TRACK_RECORD = 3


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def _outlet_index() -> dict[str, tuple[str, str]]:
    """name key of every registry actor name and alias -> (kb id, canonical name)."""
    out: dict[str, tuple[str, str]] = {}
    for actor in load_registry().actors.values():
        for name in actor.names:
            out.setdefault(name_key(name), (actor.id, actor.name))
    return out


@cache
def source_key_for_outlet(name: str) -> tuple[str, str]:
    """The key an outlet is counted under: its registry id when the registry knows the name (so
    "Pajhwok" as an outlet and "Pajhwok Afghan News" cited in a text are one source), else its
    name key."""
    found = _outlet_index().get(name_key(name))
    if found:
        return f"kb:{found[0]}", found[1]
    return f"outlet:{name_key(name)}", name


@dataclass(slots=True)
class Counts:
    """What credibility is computed from."""

    independent: int  # distinct named sources supporting
    unnamed: int      # distinct outlets relying on unnamed sources
    contradicting: int  # distinct sources contradicting
    hedged: bool


def credibility(c: Counts) -> tuple[int, list[str]]:
    """Information credibility 1-6 and the reasons for it."""
    support = c.independent + (1 if c.unnamed else 0)
    reasons = [f"{c.independent} independent named source{'s' if c.independent != 1 else ''}"
               + (f", and {c.unnamed} outlet{'s' if c.unnamed != 1 else ''} citing unnamed sources"
                  f" (counted apart, as one)" if c.unnamed else "")]
    if c.contradicting:
        reasons.append(f"contradicted by {c.contradicting} source{'s' if c.contradicting != 1 else ''}")
        if c.contradicting >= support:
            reasons.append("contradicted by at least as many sources as support it")
            return 5, reasons
        reasons.append("contradicted by fewer sources than support it")
        return 4, reasons
    if c.hedged:
        reasons.append("hedged: no unhedged independent source confirms it yet")
    if c.independent >= 2:
        if not c.hedged:
            reasons.append("confirmed by an independent source")
            return 1, reasons
        return 2, reasons
    if c.independent == 1 and c.unnamed:
        reasons.append("one named source, with unnamed sources agreeing")
        return 2, reasons
    if c.independent == 1 and not c.hedged:
        reasons.append("one named source states it plainly, no confirmation")
        return 3, reasons
    reasons.append("a single hedged report or unnamed sources only")
    return 6, reasons


def derived_rating(claims: int, confirmed: int) -> tuple[str, str]:
    """A source's reliability from its track record, and why."""
    if claims < MIN_TRACK_RECORD:
        return "F", f"track record too short ({claims} claim{'s' if claims != 1 else ''})"
    share = confirmed / claims
    rating = "B" if share >= 0.75 else "C" if share >= 0.5 else "D" if share >= 0.25 else "E"
    return rating, f"{confirmed} of {claims} claims confirmed"


def is_rating(value: str) -> bool:
    return value.upper() in RATINGS


def list_sources(store: Store) -> list[dict[str, Any]]:
    rows = store.conn.execute("SELECT key, name, rating, note, claims, confirmed, contradicted, derived, updated_at"
                              " FROM source_ratings ORDER BY name, key").fetchall()
    out = []
    for r in rows:
        item = dict(r)
        item["effective"] = item["rating"] or item["derived"] or "F"
        item["rated_by"] = "user" if item["rating"] else "track record"
        out.append(item)
    return out


def rate_source(store: Store, source: str, rating: str | None, note: str | None = None) -> dict[str, Any]:
    """Set (or, with None, clear) a user's rating of a source, named by key, outlet or entity name.

    Grades of claims are recomputed by the next ``run_analysis``; ``tracewire sources rate`` runs it."""
    if rating is not None and not is_rating(rating):
        raise AnalysisError(f"a source rating is one of A-F, not {rating!r}")
    row = store.conn.execute("SELECT key FROM source_ratings WHERE key = ? OR lower(name) = lower(?)",
                             (source, source)).fetchone()
    key, name = (row["key"], source) if row else source_key_for_outlet(source)
    with store.transaction() as c:
        c.execute("INSERT INTO source_ratings(key, name, rating, note, updated_at) VALUES (?, ?, ?, ?, ?)"
                  " ON CONFLICT (key) DO UPDATE SET rating = excluded.rating,"
                  " note = coalesce(excluded.note, source_ratings.note), updated_at = excluded.updated_at",
                  (key, name, rating.upper() if rating else None, note, now()))
    found = [s for s in list_sources(store) if s["key"] == key]
    return found[0]
