"""Analysis on a store of 50,000 documents: claim grouping, network build, attention latency.

    .venv/bin/python benchmarks/analysis.py [--docs 50000] [--db PATH] [--keep]

The store is filled with generated extractions written through the store's own write path
(``SQLiteStore.put``, one transaction per document), not by running spaCy 50,000 times: the
extractions are what analysis reads, and generating them takes seconds. Each document names
one of docs/4 stories (popularity skewed, so claims gather several reports): one or two actors
out of 2,000, a place out of 300, an event (meeting, attack, movement) with a date in
2024-2025, and, for one in three, a relation;
one in ten cites a named outlet, one in twenty an unnamed source, one in ten is hedged, one in
twenty is a syndicated copy of an earlier document, one in fifty is a negated statement.

Printed figures come from this one run: fill time, claim grouping and grading
(``build_claims``), network build with centralities (``network_graph``), the per-day mention
index (``attention.build_index``), the p50/p95 of ``attention`` for 200 actors drawn by
popularity (target p95 < 50 ms), and ``build_alerts`` for 20 watched actors. The store is
deleted afterwards unless --keep is given.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_stories(n: int, rng: random.Random, actors: list[str], places: list[str]) -> list[tuple]:  # noqa: ANN201
    """What happened: (kind, actor, other actor, place, day); reports are drawn from these."""

    def pick_actor() -> str:
        return actors[min(int(rng.paretovariate(1.1)) - 1, len(actors) - 1) if rng.random() < 0.7
                      else rng.randrange(len(actors))]

    out = []
    for _ in range(n):
        kind = rng.choice(["MEETING", "ATTACK", "MOVEMENT"])
        out.append((kind, pick_actor(), pick_actor(), places[rng.randrange(len(places))],
                    date(2024, 1, 1) + timedelta(days=rng.randrange(730))))
    return out


def make_extraction(i: int, rng: random.Random, story: tuple, outlets: list[str]):  # noqa: ANN201
    from tracewire.model import Document, Entity, EntityType, Event, Extraction, Mention, Relation, Source, Span

    kind, a, b, place, day = story
    hedge = " reportedly" if rng.random() < 0.1 else ""
    negated = rng.random() < 0.02
    verb = {"MEETING": "met" if not negated else "did not meet", "ATTACK": "attacked", "MOVEMENT": "moved to"}[kind]
    cite = rng.random()
    outlet_cited = outlets[rng.randrange(len(outlets))] if cite < 0.1 else None
    if kind == "MEETING":
        head = f"{a}{hedge} {verb} {b} in {place} on {day.isoformat()}"
    elif kind == "ATTACK":
        head = f"{a}{hedge} {verb} a post in {place} on {day.isoformat()}"
    else:
        head = f"{a}{hedge} {verb} {place} on {day.isoformat()}"
    tail = f", according to {outlet_cited}." if outlet_cited else (", officials said." if cite < 0.15 else ".")
    text = f"Item {i}. {head}{tail}"
    start = len(f"Item {i}. ")
    sentence = (start, len(text))
    ents: list[Entity] = []

    def ent(name: str, etype: EntityType, subtype: str | None, at: int) -> str:
        local = f"e{len(ents) + 1}"
        ents.append(Entity(local, etype, name, subtype, mentions=[Mention(at, at + len(name), name, sentence)]))
        return local

    ea = ent(a, EntityType.PERSON if a.startswith("Commander") else EntityType.ORG, None, start)
    eb = None
    if kind == "MEETING" and b != a:
        eb = ent(b, EntityType.PERSON if b.startswith("Commander") else EntityType.ORG, None,
                 text.index(b, start + len(a)))
    ep = ent(place, EntityType.PLACE, "province", text.index(place, start))
    attributed = ent(outlet_cited, EntityType.ORG, "media", text.index(outlet_cited)) if outlet_cited else None
    unnamed = cite >= 0.1 and cite < 0.15
    source = "UNNAMED" if unnamed else attributed
    event = Event(kind, {"MEETING": "040", "ATTACK": "190", "MOVEMENT": "154"}[kind], actors=[ea],
                  participants=[eb] if eb else [], locations=[ep], time=day.isoformat(), hedged=bool(hedge),
                  attributed_to=source, attribution_chain=[source] if source else [], evidence=[Span(*sentence)],
                  trigger=verb.split()[-1] if not negated else "meet")
    relations = []
    if rng.random() < 0.33 and eb:
        relations.append(Relation("associated_with", ea, eb, hedged=bool(hedge), attributed_to=source,
                                  evidence=[Span(*sentence)], cue="met"))
    published = (day + timedelta(days=rng.randrange(1, 4))).isoformat()
    outlet = outlets[rng.randrange(len(outlets))]
    doc = Document(text, Source(path=f"bench/{i}", outlet=outlet, published=published), "text")
    return Extraction(doc, ents, relations, [event], extractor="bench-1")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--db")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    from tracewire.analyze import attention, build_alerts, build_claims, network_graph
    from tracewire.analyze.alerts import watch_add
    from tracewire.analyze.attention import build_index
    from tracewire.store import open_store

    rng = random.Random(11)
    actors = [f"Commander {n:04d}" if n % 3 else f"Front {n:04d}" for n in range(2000)]
    places = [f"Province {n:03d}" for n in range(300)]
    outlets = [f"Outlet {n:02d}" for n in range(40)]
    stories = make_stories(args.docs // 4, rng, actors, places)
    tmp = tempfile.TemporaryDirectory()
    path = args.db or str(Path(tmp.name) / "analysis-bench.db")
    store = open_store(path)
    print(f"store: {path}")
    print(f"filling {args.docs} documents with generated extractions through SQLiteStore.put"
          " (spaCy is not run: analysis reads extractions, so they are generated)")
    t0 = time.perf_counter()
    ids: list[str] = []
    for i in range(args.docs):
        story = stories[min(int(rng.paretovariate(0.8)) - 1, len(stories) - 1) if rng.random() < 0.5
                        else rng.randrange(len(stories))]
        ex = make_extraction(i, rng, story, outlets)
        copy_of = ids[rng.randrange(len(ids))] if ids and rng.random() < 0.05 else None
        store.put(ex, copy_of=copy_of)
        ids.append(ex.document.id)
        if (i + 1) % 10_000 == 0:
            print(f"  {i + 1} documents, {time.perf_counter() - t0:.1f} s", flush=True)
    fill = time.perf_counter() - t0
    counts = store.counts()
    print(f"filled in {fill:.1f} s: {counts['documents']} documents, {counts['events']} events,"
          f" {counts['relations']} relations, {counts['entities']} entities")

    t0 = time.perf_counter()
    result = build_claims(store, progress=lambda line: print("  " + line, flush=True))
    claims_s = time.perf_counter() - t0
    print(f"claim grouping and grading: {claims_s:.2f} s for {result['statements']} statements ->"
          f" {result['claims']} claims ({result['contradicted']} contradicted)")

    t0 = time.perf_counter()
    graph = network_graph(store)
    network_s = time.perf_counter() - t0
    print(f"network build with centralities and communities: {network_s:.2f} s"
          f" ({len(graph['nodes'])} actors, {len(graph['edges'])} ties, {len(graph['communities'])} communities)")

    t0 = time.perf_counter()
    days = build_index(store)
    print(f"per-day mention index (run_analysis builds it): {time.perf_counter() - t0:.2f} s for {days} entity-days")

    roots = [int(r[0]) for r in store.conn.execute(
        "SELECT e.id FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE e.type <> 'PLACE'"
        " GROUP BY e.id ORDER BY count(*) DESC LIMIT 400")]
    sample = [roots[min(int(rng.paretovariate(1.0)) - 1, len(roots) - 1)] for _ in range(200)]
    attention(store, sample[0])  # the daily totals are cached per store; the first call fills the cache
    times = []
    for entity_id in sample:
        t0 = time.perf_counter()
        attention(store, entity_id)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    busiest = attention(store, roots[0])
    print(f"attention query over {len(busiest['days'])} days: p50 {statistics.median(times):.1f} ms,"
          f" p95 {p95:.1f} ms, max {times[-1]:.1f} ms over 200 actors (target p95 < 50 ms:"
          f" {'met' if p95 < 50 else 'NOT met'})")

    for entity_id in roots[:20]:
        watch_add(store, entity_id)
    t0 = time.perf_counter()
    alerts = build_alerts(store)
    print(f"alerts for 20 watched actors: {time.perf_counter() - t0:.2f} s ({alerts['alerts']} alerts)")
    store.close()
    if not args.keep:
        tmp.cleanup()


if __name__ == "__main__":
    main()
