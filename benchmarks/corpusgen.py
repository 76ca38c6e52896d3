"""Large corpora from templates of our own, for the scale-out benchmarks and the load test.

    .venv/bin/python benchmarks/corpusgen.py text OUT_DIR --docs 2000       # articles to ingest
    .venv/bin/python benchmarks/corpusgen.py store DB --docs 50000          # a filled store to serve

``text`` writes template articles as JSON lines (2,000 to a file): actors from the registry
(``tracewire/kb/actors.yaml``), real place names, sentences of ours about meetings, movements,
attacks, arrests and talks, hedged and attributed at random. Same seed, same corpus.

``store`` does not run spaCy 50,000 times. It extracts ``--base`` template articles for real
(the full pipeline, places geocoded), then makes every stored document from one of those
extractions, varied by template: a report line of its own appended (so each text, and its
content hash, is new; the extracted spans keep their offsets), its own publication date and
outlet, and most of its people renamed from a pool of 676 names drawn with a heavy tail (a few
names in many reports, most in few), the text rewritten and every span moved to match. The
documents go in through the store's bulk write path (``Store.put_many``, 500 per
transaction), without MinHash signatures (no near-duplicates are linked); cross-document
resolution then runs once over the whole store, and the analysis after it (claims, the per-day
mention index, alerts), each timed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["Kabul", "Kandahar", "Herat", "Kunduz", "Jalalabad", "Khost", "Peshawar", "Quetta", "Islamabad", "Karachi",
          "Mosul", "Raqqa", "Idlib", "Aleppo", "Baghdad", "Damascus", "Sanaa", "Aden", "Mogadishu", "Tripoli",
          "Bamako", "Gao", "Niamey", "Doha", "Tehran", "Dushanbe", "Tashkent", "Mazar-i-Sharif", "Ghazni", "Kirkuk"]
OUTLETS = ["Frontier Wire", "Kabul Observer", "Levant Desk", "Sahel Monitor", "Gulf Ledger", "Regional Dispatch"]
SOURCES = ["according to {outlet}", "two officials said", "a local elder told {outlet}", "the interior ministry said",
           "residents said", "a spokesman for {group} said"]
HEDGES = ["", "", "reportedly ", "allegedly ", ""]
SENTENCES = [
    "{person}, a senior figure in {group}, {hedge}travelled from {place} to {place2} last week, {source}.",
    "Fighters of {group} {hedge}attacked a checkpoint near {place} on {day}, killing {n} people, {source}.",
    "{person} {hedge}met officials of {group2} in {place}, {source}.",
    "{group} has been accused of sheltering members of {group2} in {place2}.",
    "Security forces arrested {n} suspected members of {group} in {place} on {day}, {source}.",
    "{person} is the leader of {group}, which is active around {place}.",
    "Talks between {group} and {group2} in {place2} ended without an agreement on {day}, {source}.",
    "Residents of {place} said {group} fighters {hedge}moved towards {place2} overnight.",
    "{person2} was named as the new commander of {group} in {place}, {source}.",
    "Officials in {place} said the road to {place2} was closed after clashes involving {group}.",
]
# given and family names for the people the stored copies are varied with (26 x 26 = 676 names)
GIVEN = ["Abdul", "Ahmad", "Bashir", "Daud", "Farid", "Ghulam", "Habib", "Idris", "Jamal", "Karim", "Latif", "Mansur",
         "Nasir", "Omar", "Qasim", "Rahim", "Said", "Tariq", "Umar", "Wahid", "Yusuf", "Zahir", "Hamid", "Khalid",
         "Rashid", "Sami"]
FAMILY = ["Achakzai", "Barakzai", "Durrani", "Ghilzai", "Haidari", "Jalali", "Kakar", "Ludin", "Mangal", "Noorzai",
          "Popal", "Qaderi", "Rahmani", "Sadat", "Tarakai", "Wardak", "Yousafzai", "Zadran", "Alkozai", "Bangash",
          "Hotak", "Karzai", "Mohmand", "Safi", "Shinwari", "Stanikzai"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def actors() -> tuple[list[str], list[str]]:
    """Names of people and of armed groups in the registry."""
    from tracewire.kb import load_registry

    reg = load_registry()
    people = sorted(a.name for a in reg.actors.values() if str(a.type) == "PERSON")
    groups = sorted(a.name for a in reg.actors.values() if str(a.type) == "ORG" and a.subtype == "armed_group")
    return people, groups


def article(rng: random.Random, people: list[str], groups: list[str]) -> dict[str, str]:
    group, group2 = rng.sample(groups, 2)
    place, place2 = rng.sample(PLACES, 2)
    outlet = rng.choice(OUTLETS)
    slots = {"group": group, "group2": group2, "place": place, "place2": place2, "outlet": outlet}
    lines = []
    for template in rng.sample(SENTENCES, rng.randint(5, 8)):
        values = {**slots, "person": rng.choice(people), "person2": rng.choice(people), "hedge": rng.choice(HEDGES),
                  "day": rng.choice(DAYS), "n": str(rng.randint(2, 40))}
        values["source"] = rng.choice(SOURCES).format(**values)
        lines.append(template.format(**values))
    paragraphs = [" ".join(lines[i:i + 2]) for i in range(0, len(lines), 2)]
    day = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {"title": f"{group} and {group2} around {place}", "text": "\n\n".join(paragraphs), "outlet": outlet,
            "published": day}


def generate(n: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    people, groups = actors()
    return [article(rng, people, groups) for _ in range(n)]


def write_text(out: Path, n: int, seed: int, per_file: int = 2000) -> list[Path]:
    """``n`` template articles as JSON lines files in ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    items = generate(n, seed)
    files = []
    for k in range(0, n, per_file):
        path = out / f"corpus-{k // per_file:04d}.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in items[k:k + per_file]), encoding="utf-8")
        files.append(path)
    return files


def vary_people(ex: Any, rng: random.Random, pool: list[str]) -> Any:
    """``ex`` with most of its people renamed to names from ``pool`` (a few names often, most rarely:
    a heavy tail, as in news), the text rewritten to match and every span moved with it."""
    from tracewire.model import Entity, EntityType, Extraction, Mention, Span

    renamed = {e.id: pool[min(int((rng.paretovariate(1.2) - 1) * 20), len(pool) - 1)] for e in ex.entities
               if e.type == EntityType.PERSON and rng.random() < 0.8}
    edits = sorted((m.start, m.end, renamed[e.id]) for e in ex.entities if e.id in renamed for m in e.mentions)
    text, pieces, at, kept = ex.document.text, [], 0, []
    for start, end, name in edits:
        if start < at:
            continue  # overlapping mentions: the first one is rewritten
        pieces += [text[at:start], name]
        kept.append((start, end, len(name)))
        at = end
    pieces.append(text[at:])

    def moved(pos: int) -> int:
        delta = 0
        for start, end, size in kept:
            if pos >= end:
                delta += size - (end - start)
            elif pos > start:
                return start + delta + min(pos - start, size)
        return pos + delta

    def span(sp: Span) -> Span:
        return Span(moved(sp.start), moved(sp.end))

    entities = []
    for e in ex.entities:
        mentions = [Mention(moved(m.start), moved(m.end), renamed.get(e.id, m.text),
                            (moved(m.sentence[0]), moved(m.sentence[1])) if m.sentence else None) for m in e.mentions]
        if e.id in renamed:
            entities.append(Entity(id=e.id, type=e.type, name=renamed[e.id], subtype=e.subtype, mentions=mentions))
        else:
            entities.append(Entity(id=e.id, type=e.type, name=e.name, subtype=e.subtype, aliases=list(e.aliases),
                                   kb_id=e.kb_id, mentions=mentions, geo=e.geo))
    relations = [replace(r, evidence=[span(x) for x in r.evidence]) for r in ex.relations]
    events = [replace(v, evidence=[span(x) for x in v.evidence]) for v in ex.events]
    doc = replace(ex.document, text="".join(pieces))
    return Extraction(document=doc, entities=entities, relations=relations, events=events, extractor=ex.extractor)


def fill_store(db: str, docs: int, base: int, seed: int) -> dict[str, object]:
    from tracewire.analyze import run_analysis
    from tracewire.extract import build_nlp, extract
    from tracewire.model import Document, Extraction, Source
    from tracewire.resolve import open_gazetteer, resolve
    from tracewire.resolve.identity import Resolver
    from tracewire.store import open_store

    rng = random.Random(seed + 1)
    templates = generate(base, seed)
    nlp = build_nlp()
    gazetteer = open_gazetteer()
    t0 = time.perf_counter()
    sources = [Document(text=a["text"], source=Source(title=a["title"]), format="jsonl") for a in templates]
    extracted = [resolve(ex, gazetteer) for ex in extract(sources, nlp=nlp)]
    t_extract = time.perf_counter() - t0
    store = open_store(db)
    t0 = time.perf_counter()
    chunk: list[tuple[Extraction, bytes | None, str | None]] = []
    written = 0
    pool = [f"{g} {f}" for f in FAMILY for g in GIVEN]
    rng.shuffle(pool)
    for i in range(docs):
        ex = vary_people(extracted[i % base], rng, pool)
        outlet = rng.choice(OUTLETS)
        day = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"{ex.document.text}\n\nReport {i} filed from {rng.choice(PLACES)} for {outlet}."
        doc = Document(text=text, source=Source(path=f"corpusgen/{i}", title=f"{ex.document.source.title} ({i})",
                                                outlet=outlet, published=day), format="jsonl")
        chunk.append((Extraction(document=doc, entities=ex.entities, relations=ex.relations, events=ex.events,
                                 extractor=ex.extractor), None, None))
        if len(chunk) == 500 or i == docs - 1:
            written += store.put_many(chunk).count("new")
            chunk = []
            print(f"\r{written} documents stored", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    t_write = time.perf_counter() - t0
    t0 = time.perf_counter()
    links = Resolver(store).run()
    t_resolve = time.perf_counter() - t0
    t0 = time.perf_counter()
    run_analysis(store)  # claims, the per-day mention index and alerts, as after an ingest
    t_analyze = time.perf_counter() - t0
    counts = store.counts()
    store.close()
    return {"db": db, "base_extractions": base, "extract_s": round(t_extract, 1), "write_s": round(t_write, 1),
            "docs_per_s": round(docs / t_write), "resolve_s": round(t_resolve, 2), "links": links,
            "analyze_s": round(t_analyze, 1), **counts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["text", "store"])
    ap.add_argument("target", help="output folder (text) or store path/URL (store)")
    ap.add_argument("--docs", type=int, default=50000)
    ap.add_argument("--base", type=int, default=400, help="store: template articles extracted for real")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.mode == "text":
        files = write_text(Path(args.target), args.docs, args.seed)
        print(json.dumps({"docs": args.docs, "files": [str(f) for f in files]}))
    else:
        print(json.dumps(fill_store(args.target, args.docs, args.base, args.seed)))


if __name__ == "__main__":
    main()
