"""The analysis commands of ``tracewire``: analyze, claims, network, attention, watch, alerts, sources.

A thin Typer layer over ``tracewire.analyze``; ``register(app)`` adds them to the main command.
JSON (``--json``) goes to stdout one object per line; progress and errors go to stderr.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from tracewire.errors import EntityRefError

err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None, typer.Option("--db", help="Store path or URL (default: $TRACEWIRE_DB or ./tracewire.db).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
SinceOption = Annotated[str | None, typer.Option(help="Earliest date, YYYY[-MM[-DD]].")]
UntilOption = Annotated[str | None, typer.Option(help="Latest date, YYYY[-MM[-DD]].")]
GradeOption = Annotated[str | None, typer.Option("--min-grade", help="Minimum grade: B2, C or 3.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _dates(*pairs: tuple[str | None, str]) -> None:
    for value, name in pairs:
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise _fail(f"{name} must be a date like 2021, 2021-08 or 2021-08-15, not {value!r}", 2)


def _store(db: str | None) -> Any:
    from tracewire.store import open_store

    return open_store(db)


def _entity(store: Any, ref: str, kinds: tuple[str, ...] = ("PERSON", "ORG", "PLACE")) -> int:
    """The canonical entity a user means by ``ref`` (an id or a name naming one entity of ``kinds``)."""
    try:
        return int(store.root_of(store.entity_ref(ref, kinds)))
    except EntityRefError as exc:
        raise _fail(str(exc)) from None


def analyze(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Regroup claims, regrade them and recompute alerts (ingest does this too)."""
    from tracewire.analyze import run_analysis

    result = run_analysis(_store(db), progress=lambda line: err.print(line, markup=False))
    if json_out:
        _emit(result)


def claims(
    db: DbOption = None,
    claim_id: Annotated[int | None, typer.Option("--id", help="Show one claim with its reports.")] = None,
    actor: Annotated[str | None, typer.Option(help="Claims naming this actor or place (name or id).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="MEETING, ATTACK, leader_of, ...")] = None,
    contradicted: Annotated[bool, typer.Option("--contradicted", help="Only contradicted claims.")] = False,
    min_grade: GradeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(help="Most claims to show.")] = 100,
    json_out: JsonOption = False,
) -> None:
    """Claims: statements grouped, independent sources counted, contradictions and Admiralty grade."""
    from tracewire.analyze.claims import claim, list_claims

    store = _store(db)
    if claim_id is not None:
        found = claim(store, claim_id)
        if found is None:
            raise _fail(f"no claim with id {claim_id}")
        if json_out:
            _emit(found)
            return
        print(f"[{found['grade']}] {found['summary']}" + ("  (hedged)" if found["hedged"] else ""))
        for reason in found["reasons"]:
            print(f"  - {reason}")
        for title, reports in (("supporting", found["supporting"]), ("contradicting", found["contradicting_reports"])):
            print(f"  {title}:")
            for r in reports:
                label = " ".join(x for x in ("[reportedly]" if r["hedged"] else "", r["reason"] or "") if x)
                print(f"    {r['published'] or '?'}  {r['source']}  {label}  — {r['title'] or r['doc_id'][:19]}")
                for span in r["evidence"][:1]:
                    print(f"      “{span['text']}”")
        return
    _dates((since, "--since"), (until, "--until"))
    entity_id = _entity(store, actor) if actor else None
    try:
        found_all = list_claims(store, actor=entity_id, type=type, contradicted=True if contradicted else None,
                                min_grade=min_grade, since=since, until=until, limit=limit)
    except ValueError as exc:
        raise _fail(str(exc), 2) from None
    for c in found_all:
        if json_out:
            _emit(c)
            continue
        marks = "".join(x for x in (" hedged" if c["hedged"] else "",
                                     f" contradicted by {c['contradicting']}" if c["contradicting"] else ""))
        print(f"{c['id']:>5} [{c['grade']}] {c['summary']}  — {c['independent']} independent"
              + (f", {c['unnamed']} unnamed" if c["unnamed"] else "") + marks)
    if not found_all and not json_out:
        err.print("no claims match (run `tracewire analyze` after ingesting)", markup=False)


def network(
    actor: Annotated[str, typer.Argument(help="The actor at the centre (name or id).")],
    db: DbOption = None,
    depth: Annotated[int, typer.Option(help="Ego network depth (hops).")] = 1,
    to: Annotated[str | None, typer.Option("--to", help="Show the shortest evidence path to this actor.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_grade: GradeOption = None,
    json_out: JsonOption = False,
) -> None:
    """An actor's network: ties with their claims, centrality, communities, brokers; or a path."""
    from tracewire.analyze.network import evidence_path, network_graph

    _dates((since, "--since"), (until, "--until"))
    store = _store(db)
    center = _entity(store, actor, ("PERSON", "ORG"))
    try:
        if to is not None:
            path = evidence_path(store, center, _entity(store, to, ("PERSON", "ORG")), since=since, until=until,
                                 min_grade=min_grade)
            if path is None:
                raise _fail(f"no chain of ties joins {actor!r} and {to!r}")
            if json_out:
                _emit(path)
                return
            print(" -> ".join(p["name"] for p in path["path"]))
            for hop in path["hops"]:
                print(f"  {hop['from']['name']} — {hop['to']['name']}: "
                      + ", ".join(f"{c['type']} [{c['grade']}] #{c['id']}" for c in hop["claims"]))
                for ev in hop["evidence"][:1]:
                    for s in ev["sentences"][:1]:
                        print(f"      “{s['text']}”  ({ev['source']})")
            return
        graph = network_graph(store, actor=center, depth=depth, since=since, until=until, min_grade=min_grade,
                              evidence=json_out)
    except ValueError as exc:
        raise _fail(str(exc), 2) from None
    if json_out:
        _emit(graph)
        return
    names = {n["id"]: n for n in graph["nodes"]}
    for n in sorted(graph["nodes"], key=lambda n: -n["betweenness"]):
        print(f"{n['name']}  degree {n['degree']}  betweenness {n['betweenness']:.3f}  community {n['community']}"
              + ("  broker" if n["broker"] else ""))
    print("ties:")
    for e in graph["edges"]:
        print(f"  {names[e['source']]['name']} — {names[e['target']]['name']}: "
              + ", ".join(f"{c['type']} [{c['grade']}] #{c['id']}" for c in e["claims"]))


def attention_cmd(
    actor: Annotated[str, typer.Argument(help="An actor or a place (name or id).")],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    json_out: JsonOption = False,
) -> None:
    """Mentions per day against the entity's own baseline, with spikes and silences flagged."""
    from tracewire.analyze.attention import attention

    _dates((since, "--since"), (until, "--until"))
    store = _store(db)
    result = attention(store, _entity(store, actor), since=since, until=until)
    if json_out:
        _emit(result)
        return
    print(f"{result['entity']['name']}: {result['method']}")
    for day in result["days"]:
        if day["mentions"] or day["flag"]:
            print(f"  {day['date']}  {day['mentions']:>3} of {day['total']:>4}"
                  + (f"  expected {day['expected']:.2f}" if day["expected"] is not None else "")
                  + (f"  {day['flag'].upper()}" if day["flag"] else ""))
    for s in result["spikes"]:
        print(f"spike on {s['date']}: {s['mentions']} reports, {s['expected']:.2f} expected")
    for s in result["silences"]:
        print(f"silent since {s['since']} (flagged {s['flagged_on']}, through {s['until']}):"
              f" {s['mentions']} reports, {s['expected']:.2f} expected")


watch_app = typer.Typer(help="Actors and places to watch; alerts are raised about them.", no_args_is_help=True)


@watch_app.command("add")
def watch_add_cmd(
    name: Annotated[str, typer.Argument(help="A stored actor or place (name or id).")],
    db: DbOption = None,
    place: Annotated[bool, typer.Option("--place", help="Watch a place rather than an actor.")] = False,
    note: Annotated[str | None, typer.Option(help="Why it is watched.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Watch an actor (or, with --place, a place), then recompute alerts."""
    from tracewire.analyze.alerts import build_alerts, watch_add

    store = _store(db)
    entry = watch_add(store, name, "place" if place else "actor", note)
    build_alerts(store)
    if json_out:
        _emit(entry)
    else:
        err.print(f"watching {entry['kind']} {entry['name']} [{entry['entity_id']}]", markup=False)


@watch_app.command("remove")
def watch_remove_cmd(
    name: Annotated[str, typer.Argument(help="A watched actor or place (name or id).")],
    db: DbOption = None,
    place: Annotated[bool, typer.Option("--place", help="A watched place.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Stop watching an actor or place (its alerts are dropped)."""
    from tracewire.analyze.alerts import build_alerts, watch_remove

    store = _store(db)
    removed = watch_remove(store, name, "place" if place else "actor")
    build_alerts(store)
    if json_out:
        _emit({"removed": removed})
    elif not removed:
        raise _fail(f"{name!r} was not watched (FtM watchlist entries go with `tracewire watchlist`)")


@watch_app.command("list")
def watch_list_cmd(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Watched actors and places: added here, or matched from an imported FtM watchlist."""
    from tracewire.analyze.alerts import watch_list

    for w in watch_list(_store(db)):
        if json_out:
            _emit(w)
        else:
            print(f"{w['kind']:<6} {w['name']} [{w['entity_id']}]  ({w['origin']})")


def alerts(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option(help="new_place, new_partner, new_role, silence, new_actor_in_place")]
    = None,
    actor: Annotated[str | None, typer.Option(help="Alerts about this actor or place (name or id).")] = None,
    since: SinceOption = None,
    json_out: JsonOption = False,
) -> None:
    """Alerts about watched actors and places, each with the report that raised it."""
    from tracewire.analyze.alerts import KINDS, list_alerts

    if kind and kind not in KINDS:
        raise _fail(f"unknown --kind {kind!r}; use one of {', '.join(KINDS)}", 2)
    _dates((since, "--since"))
    store = _store(db)
    found = list_alerts(store, kind=kind, entity=_entity(store, actor) if actor else None, since=since)
    for a in found:
        if json_out:
            _emit(a)
            continue
        what = a["subject"] or f"since {a['detail'].get('since')}"
        print(f"{a['date']}  {a['kind']:<18} {a['entity_name']}: {what}")
        for ev in a["evidence"][:1]:
            for s in ev["sentences"][:1]:
                print(f"    “{s['text']}”  — {ev['title'] or ev['doc_id'][:19]}")


sources_app = typer.Typer(help="The source registry: ratings A-F and track records.", no_args_is_help=True)


@sources_app.command("list")
def sources_list(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Every source with its rating (a user's, else its track record's) and track record."""
    from tracewire.analyze.grading import list_sources

    for s in list_sources(_store(db)):
        if json_out:
            _emit(s)
        else:
            print(f"{s['effective']}  {s['name']}  ({s['rated_by']}; {s['confirmed']} of {s['claims']} claims"
                  f" confirmed, {s['contradicted']} contradicted)  {s['key']}")


@sources_app.command("rate")
def sources_rate(
    source: Annotated[str, typer.Argument(help="A source's name or key (see `tracewire sources list`).")],
    rating: Annotated[str, typer.Argument(help="A-F, or 'clear' to go back to the track record.")],
    db: DbOption = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Rate a source A-F (or clear the rating), then regrade the claims."""
    from tracewire.analyze import run_analysis
    from tracewire.analyze.grading import rate_source

    store = _store(db)
    try:
        entry = rate_source(store, source, None if rating.lower() == "clear" else rating, note)
    except ValueError as exc:
        raise _fail(str(exc), 2) from None
    run_analysis(store)
    if json_out:
        _emit(entry)
    else:
        err.print(f"{entry['name']}: {entry['effective']} ({entry['rated_by']})", markup=False)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the main ``tracewire`` command."""
    app.command("analyze")(analyze)
    app.command("claims")(claims)
    app.command("network")(network)
    app.command("attention")(attention_cmd)
    app.command("alerts")(alerts)
    app.add_typer(watch_app, name="watch")
    app.add_typer(sources_app, name="sources")
