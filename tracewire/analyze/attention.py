"""Attention and silence: how often an actor or a place is reported, day by day, against its own
history and the day's total news volume.

Sits after the store: counts come from ``mentions`` and ``documents`` (no claim grouping needed).

Series. For each calendar day: ``mentions`` = documents published that day that name the entity
(any spelling of its cluster; a syndicated copy is a document too, since it is coverage), and
``total`` = all documents published that day. ``build_index`` (run by ``run_analysis``) keeps
these counts per entity and day in ``mention_days``; a query reads them while the documents and
entity links are unchanged since, and counts from the mentions otherwise.

Method: a Poisson test against the entity's own share of the news.

* Baseline share ``p`` = the entity's mentions / all documents over the 28 days before the day
  (or before the test window), needing at least 10 documents in that history.
* Spike on day d: ``mentions >= 3`` and P(X >= mentions) < 0.001 for X ~ Poisson(p * total_d).
* Silence ending on day d: over the 7 days up to d, the entity was named ``x`` times in
  ``T`` documents; it was *steadily reported* (named on at least half the news days of its
  28-day baseline before the window), and P(X <= x) < 0.01 for X ~ Poisson(p * T).
  A silence lasts until the entity is reported again; it is reported with the day it was first
  flagged, the day after the last mention before it, and its last silent day.

Because the expectation scales with the day's (or week's) total volume, a quiet news week gives
a small expectation and no silence; a busy day needs more mentions to be a spike.

Functions for the CLI and the API::

    attention(store, entity_id, *, since=None, until=None) -> dict
        {"entity", "method", "days": [{"date", "mentions", "total", "share", "expected", "flag"}],
         "spikes": [{"date", "mentions", "total", "expected", "p"}],
         "silences": [{"since", "flagged_on", "until", "mentions", "expected", "p", "last_doc"}]}
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from tracewire.store import Store

BASELINE_DAYS = 28
SILENCE_DAYS = 7
MIN_BASELINE_DOCS = 10
MIN_SPIKE = 3
ALPHA = 0.001          # spikes
SILENCE_ALPHA = 0.01   # silences: a week of zeros is rarer news than one busy day
STEADY = 0.5
METHOD = ("Poisson test of the day's (spike) or the last 7 days' (silence) mentions against the entity's share"
          " of all documents over the 28 days before, scaled by the period's total volume;"
          " alpha 0.001 (spike), 0.01 (silence)")


def _log_pmf(k: int, lam: float) -> float:
    return -lam + k * math.log(lam) - math.lgamma(k + 1)


def _tail_from(k: int, lam: float, step: int) -> float:
    """Sum of the pmf from k outwards (step -1: down to 0; +1: up), where terms shrink: summed
    relative to the pmf at k, stopped when a term no longer counts."""
    total, term, i = 0.0, 1.0, k
    while i >= 0 and term > 1e-17 * total or total == 0.0:
        total += term
        if step < 0:
            if i == 0:
                break
            term *= i / lam
        else:
            term *= lam / (i + 1)
        i += step
    return min(1.0, math.exp(_log_pmf(k, lam)) * total)


def poisson_cdf(k: int, lam: float) -> float:
    """P(X <= k) for X ~ Poisson(lam)."""
    if k < 0:
        return 0.0
    if lam <= 0:
        return 1.0
    if k < lam:
        return _tail_from(k, lam, -1)
    return max(0.0, 1.0 - _tail_from(k + 1, lam, +1))


def poisson_sf(k: int, lam: float) -> float:
    """P(X >= k)."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    if k > lam:
        return _tail_from(k, lam, +1)
    return max(0.0, 1.0 - poisson_cdf(k - 1, lam))


_totals_cache: dict[tuple[str, int], dict[str, int]] = {}


def daily_totals(store: Store) -> dict[str, int]:
    """Documents per publication day (cached per store until its document count changes)."""
    count = int(store.conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    key = (store.path, count)
    if key not in _totals_cache:
        _totals_cache.clear()
        _totals_cache[key] = {r[0]: int(r[1]) for r in store.conn.execute(
            "SELECT substr(published, 1, 10) AS day, count(*) FROM documents WHERE published IS NOT NULL"
            " GROUP BY substr(published, 1, 10)") if r[0]}
    return _totals_cache[key]


def _fingerprint(store: Store) -> str:
    """What the per-day index depends on: the documents and the entity links."""
    docs = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    ents = store.conn.execute("SELECT count(*), sum(coalesce(canonical_id, 0)) FROM entities").fetchone()
    return f"{docs}:{ents[0]}:{ents[1] or 0}"


def build_index(store: Store) -> int:
    """Rebuild ``mention_days`` (documents naming each canonical entity per day) in one pass, so
    an attention query reads at most one row per day; returns its row count."""
    rows = store.conn.execute(
        "SELECT coalesce(e.canonical_id, e.id) AS root, substr(d.published, 1, 10) AS day,"
        " count(DISTINCT m.doc_id) AS docs, max(m.doc_id) AS last_doc"
        " FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.doc_id"
        " WHERE d.published IS NOT NULL GROUP BY coalesce(e.canonical_id, e.id), substr(d.published, 1, 10)"
    ).fetchall()
    with store.transaction() as c:
        c.execute("DELETE FROM mention_days")
        c.executemany("INSERT INTO mention_days(entity_id, day, docs, last_doc) VALUES (?, ?, ?, ?)",
                      [(r[0], r[1], r[2], r[3]) for r in rows])
        c.execute("INSERT INTO analysis_state(name, value) VALUES ('mention_days', ?)"
                  " ON CONFLICT (name) DO UPDATE SET value = excluded.value", (_fingerprint(store),))
    return len(rows)


def _index_is_current(store: Store) -> bool:
    state = store.conn.execute("SELECT value FROM analysis_state WHERE name = 'mention_days'").fetchone()
    return state is not None and state[0] == _fingerprint(store)


def monthly_mentions(store: Store, entity_id: int) -> dict[str, int]:
    """Documents naming the entity per month (YYYY-MM), in order: summed in the index when it is
    current, else from ``daily_mentions``."""
    if _index_is_current(store):
        return {str(month): int(docs) for month, docs in store.conn.execute(
            "SELECT substr(day, 1, 7) AS month, sum(docs) FROM mention_days WHERE entity_id = ?"
            " GROUP BY substr(day, 1, 7) ORDER BY month", (store.root_of(entity_id),))}
    months: dict[str, int] = {}
    for day, docs in sorted(daily_mentions(store, entity_id)[0].items()):
        months[day[:7]] = months.get(day[:7], 0) + docs
    return months


def daily_mentions(store: Store, entity_id: int) -> tuple[dict[str, int], dict[str, str]]:
    """Documents naming the entity per day, and the last such document of each day: from the
    index when it is current, else counted from the mentions (same answer, slower)."""
    root = store.root_of(entity_id)
    if _index_is_current(store):
        counts, last = {}, {}
        for day, docs, last_doc in store.conn.execute(
                "SELECT day, docs, last_doc FROM mention_days WHERE entity_id = ?", (root,)):
            counts[day], last[day] = int(docs), last_doc
        return counts, last
    members = store.members(root)
    marks = ", ".join("?" for _ in members)
    counts = {}
    last = {}
    for day, doc_id in store.conn.execute(
            "SELECT DISTINCT substr(d.published, 1, 10), d.id FROM mentions m JOIN documents d ON d.id = m.doc_id"
            f" WHERE m.entity_id IN ({marks}) AND d.published IS NOT NULL", members):  # noqa: S608 (placeholders)
        counts[day] = counts.get(day, 0) + 1
        last[day] = max(last.get(day, ""), doc_id)
    return counts, last


def _days(first: str, last: str) -> list[str]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def attention(store: Store, entity_id: int, *, since: str | None = None,
              until: str | None = None) -> dict[str, Any]:
    root = store.root_of(entity_id)
    row = store.conn.execute("SELECT id, name, type, subtype FROM entities WHERE id = ?", (root,)).fetchone()
    entity = dict(row) if row else {"id": root, "name": str(root), "type": None, "subtype": None}
    totals = daily_totals(store)
    mentions, last_doc = daily_mentions(store, root)
    out: dict[str, Any] = {"entity": entity, "method": METHOD, "days": [], "spikes": [], "silences": []}
    known = sorted(d for d in totals if len(d) == 10 and d[4] == "-")
    if not known:
        return out
    days = _days(known[0], known[-1])
    x = [mentions.get(d, 0) for d in days]
    t = [totals.get(d, 0) for d in days]
    cx, ct, cn = [0], [0], [0]  # prefix sums: mentions, totals, news days the entity was named on
    news = [0]
    for xi, ti in zip(x, t, strict=True):
        cx.append(cx[-1] + xi)
        ct.append(ct[-1] + ti)
        cn.append(cn[-1] + (1 if xi and ti else 0))
        news.append(news[-1] + (1 if ti else 0))

    def window(lo: int, hi: int) -> tuple[int, int, int, int]:  # [lo, hi) in day indices
        lo = max(lo, 0)
        return cx[hi] - cx[lo], ct[hi] - ct[lo], cn[hi] - cn[lo], news[hi] - news[lo]

    silence: dict[str, Any] | None = None
    last_seen: int | None = None
    for i, day in enumerate(days):
        bx, bt, _, _ = window(i - BASELINE_DAYS, i)
        share = bx / bt if bt >= MIN_BASELINE_DOCS else None
        expected = share * t[i] if share is not None else None
        flag = None
        # a count at or on the near side of its expectation has a tail probability near one half
        # or more: the test is only computed when it can flag something
        if x[i] >= MIN_SPIKE and share is not None and expected is not None and x[i] > expected:
            p = poisson_sf(x[i], expected)
            if p < ALPHA:
                flag = "spike"
                out["spikes"].append({"date": day, "mentions": x[i], "total": t[i], "expected": round(expected, 3),
                                      "p": p})
        # silence: the 7 days up to and including today against the 28 days before them
        w_lo = i - SILENCE_DAYS + 1
        sx, st, _, _ = window(w_lo, i + 1)
        hx, ht, hn, hnews = window(w_lo - BASELINE_DAYS, w_lo)
        if silence is not None:  # a silence lasts until the entity is reported again
            if x[i]:
                silence = None
            else:
                silence["until"] = day
                flag = flag or "silence"
        if silence is None and w_lo >= 0 and ht >= MIN_BASELINE_DOCS and hnews and hn / hnews >= STEADY:
            lam = hx / ht * st
            p = poisson_cdf(sx, lam) if sx < lam else 1.0
            if p < SILENCE_ALPHA:
                flag = flag or "silence"
                since_day = days[last_seen + 1] if last_seen is not None and last_seen + 1 < len(days) else day
                silence = {"since": since_day, "flagged_on": day, "until": day, "mentions": sx,
                           "expected": round(lam, 3), "p": p,
                           "last_doc": last_doc.get(days[last_seen]) if last_seen is not None else None}
                out["silences"].append(silence)
        if x[i]:
            last_seen = i
        if (since is None or day >= since) and (until is None or day <= until + "\uffff"):
            out["days"].append({"date": day, "mentions": x[i], "total": t[i],
                                "share": round(x[i] / t[i], 4) if t[i] else None,
                                "expected": round(expected, 3) if expected is not None else None, "flag": flag})
    if since or until:
        def inside(d: str) -> bool:
            return (since is None or d >= since) and (until is None or d <= until + "\uffff")
        out["spikes"] = [s for s in out["spikes"] if inside(s["date"])]
        out["silences"] = [s for s in out["silences"] if inside(s["flagged_on"])]
    return out
