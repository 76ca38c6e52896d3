"""Claims and corroboration: stored statements that say the same thing, grouped and graded.

Sits after the store in the flow: it reads relations and events (with their resolved entities,
hedges, attributions and evidence) and writes ``claims``, ``claim_parties`` and
``claim_reports`` (migration 0007), then grades each claim (``tracewire.analyze.grading``).

Grouping. Two statements make one claim when they have the same kind and type, the same
canonical subject(s), object(s) and place(s), and compatible dates. Meetings and agreements are
symmetric (who met whom is one set of parties). An event's date window is its own date (a day,
month or year as extracted); an undated event happened within 30 days before publication;
statements join a claim when their windows overlap the claim's. Relations carry no date and
group on type and parties. Speech acts (STATEMENT events) are not claims; a denial among them
contradicts the claims it names.

Independence. Each report counts as one source: a report crediting a named source ("according
to X", "X, citing Y": the innermost named source) counts as that source, so an outlet citing
another outlet counts as the cited outlet; otherwise the report counts as the outlet of the
earliest copy of its story (syndicated and near-duplicate copies, linked by ``copy_of``, count
once). Reports crediting unnamed sources are counted apart, one per outlet carrying them.

Contradiction. A report contradicts a claim when its statement is negated ("did not meet",
"never met", "denied meeting"), when a denial in the same sentence governs it ("X denied that
A met B"), or when a denial names the claim's parties and its type ("A denied meeting B").

Hedging. A claim stays hedged while any report hedges it and no unhedged report from a named
source that never hedged it confirms it.

Functions for the CLI and the API::

    build_claims(store, progress=None) -> dict     regroup and regrade everything (counts)
    list_claims(store, *, actor=None, type=None, contradicted=None, hedged=None,
                min_grade=None, since=None, until=None, limit=100, offset=0) -> list[dict]
    claim(store, claim_id) -> dict | None          one claim with supporting and contradicting
                                                   reports, evidence sentences, grade and reasons
"""

from __future__ import annotations

import calendar
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tracewire.analyze import grading
from tracewire.errors import AnalysisError
from tracewire.kb import load_registry
from tracewire.store import Store

SYMMETRIC = frozenset({"MEETING", "AGREEMENT"})
NOT_CLAIMS = frozenset({"STATEMENT"})
DENIAL_CAMEO = "016"
UNDATED_DAYS = 30
_WORD = re.compile(r"[\w']+")
NEGATIONS = frozenset({"not", "never", "no", "deny", "denies", "denied", "denying", "dismissed", "rejected"})

Progress = Callable[[str], None]


@dataclass(slots=True)
class Report:
    statement: str  # relation | event
    id: int
    doc_id: str
    original_id: str
    kind_type: tuple[str, str]
    cameo: str | None
    subjects: tuple[int, ...]
    objects: tuple[int, ...]
    places: tuple[int, ...]
    window: tuple[str, str] | None
    published: str | None
    hedged: bool
    source_key: str
    source_name: str
    unnamed: bool
    evidence: list[dict[str, int]]
    trigger: str | None
    negated: str | None = None  # why it contradicts, when it does

    @property
    def base(self) -> tuple[Any, ...]:
        return (*self.kind_type, self.subjects, self.objects, self.places)


@dataclass(slots=True)
class Claim:
    base: tuple[Any, ...]
    window: tuple[str, str] | None
    supports: list[Report] = field(default_factory=list)
    contradicts: list[Report] = field(default_factory=list)

    @property
    def key(self) -> str:
        kind, type_, subj, obj, places = self.base
        when = f"{self.window[0]}..{self.window[1]}" if self.window else "-"
        return f"{kind}|{type_}|{','.join(map(str, subj))}|{','.join(map(str, obj))}|" \
               f"{','.join(map(str, places))}|{when}"


# -- dates ------------------------------------------------------------------------------------


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def window_of(time: str | None, published: str | None) -> tuple[str, str] | None:
    """The dates an event's report puts it in: its own date (day, month or year), else the 30
    days up to publication; None when neither is known."""
    if time:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", time):
            return time, time
        if re.fullmatch(r"\d{4}-\d{2}", time):
            y, m = int(time[:4]), int(time[5:7])
            if 1 <= m <= 12:
                return f"{time}-01", f"{time}-{calendar.monthrange(y, m)[1]:02d}"
        if re.fullmatch(r"\d{4}", time):
            return f"{time}-01-01", f"{time}-12-31"
    day = _parse_day(published or "")
    if day is None:
        return None
    return (day - timedelta(days=UNDATED_DAYS)).isoformat(), day.isoformat()


def _overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> tuple[str, str] | None | bool:
    """The intersection of two windows; True when either is unknown (compatible, no narrowing);
    False when they do not meet."""
    if a is None or b is None:
        return True
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else False


# -- reading statements ---------------------------------------------------------------------------


class _Reader:
    """Everything grouping needs, read in a few whole-table queries (no query per statement)."""

    def __init__(self, store: Store) -> None:
        c = store.conn
        self.root: dict[int, int] = {}
        self.info: dict[int, tuple[str, str | None, str, str | None]] = {}
        for r in c.execute("SELECT id, coalesce(canonical_id, id) AS root, type, subtype, name, kb_id FROM entities"):
            self.root[int(r["id"])] = int(r["root"])
            if int(r["id"]) == int(r["root"]):
                self.info[int(r["id"])] = (r["type"], r["subtype"], r["name"], r["kb_id"])
        self.docs: dict[str, tuple[str | None, str | None, str | None]] = {}
        for r in c.execute("SELECT id, outlet, published, copy_of FROM documents"):
            self.docs[r["id"]] = (r["outlet"], r["published"], r["copy_of"])
        self.first_outlet: dict[str, str] = {}
        for r in c.execute("SELECT doc_id, outlet FROM sources WHERE outlet IS NOT NULL ORDER BY id"):
            self.first_outlet.setdefault(r["doc_id"], r["outlet"])
        self.store = store
        self._texts: dict[str, str] = {}

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            row = self.store.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
            self._texts[doc_id] = row[0] if row else ""
        return self._texts[doc_id]

    def load_texts(self, doc_ids: Iterable[str]) -> None:
        wanted = set(doc_ids) - set(self._texts)
        if not wanted:
            return
        for r in self.store.conn.execute("SELECT id, text FROM documents"):
            if r[0] in wanted:
                self._texts[r[0]] = r[1]

    def original(self, doc_id: str) -> str:
        copy_of = self.docs.get(doc_id, (None, None, None))[2]
        return copy_of or doc_id

    def outlet_source(self, doc_id: str) -> tuple[str, str]:
        original = self.original(doc_id)
        outlet = self.docs.get(original, (None, None, None))[0] or self.first_outlet.get(original)
        if outlet:
            return grading.source_key_for_outlet(outlet)
        return f"doc:{original}", f"unknown outlet ({original[7:19]})"

    def entity_source(self, entity_id: int) -> tuple[str, str]:
        root = self.root.get(entity_id, entity_id)
        etype, _sub, name, kb_id = self.info.get(root, ("ORG", None, str(root), None))
        if kb_id:
            return f"kb:{kb_id}", name
        key, _ = grading.source_key_for_outlet(name)
        return (key, name) if key.startswith("kb:") else (f"entity:{root}", name)

    def source(self, doc_id: str, attributed_to: int | None, unnamed: int, chain_json: str | None
               ) -> tuple[str, str, bool]:
        chain = json.loads(chain_json or "[]")
        named = [x for x in chain if x != "UNNAMED" and isinstance(x, int)]
        if unnamed or (chain and not named):
            key, name = self.outlet_source(doc_id)
            return f"unnamed@{key}", f"unnamed source (via {name})", True
        origin = named[-1] if named else attributed_to
        if origin is not None:
            return (*self.entity_source(int(origin)), False)
        return (*self.outlet_source(doc_id), False)


def _roots(reader: _Reader, ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted({reader.root.get(i, i) for i in ids}))


def _is_actor(reader: _Reader, entity_id: int) -> bool:
    return reader.info.get(entity_id, ("PLACE",))[0] in {"PERSON", "ORG"}


def _negated(sentence: str, trigger: str | None) -> bool:
    """A negation or a verb of denial among the three words before the trigger."""
    if not trigger:
        return False
    words = [w.lower() for w in _WORD.findall(sentence)]
    first = trigger.split()[0].lower()
    for i, w in enumerate(words):
        if w == first:
            before = words[max(0, i - 3):i]
            if any(b in NEGATIONS or b.endswith("n't") for b in before):
                return True
    return False


def _denied_types() -> dict[str, str]:
    """Trigger words (as written, with the simple inflections) -> event type, for reading what a
    denial denies ("denied meeting", "denied the attack")."""
    out: dict[str, str] = {}
    for etype, spec in load_registry().events.get("types", {}).items():
        if etype in NOT_CLAIMS:
            continue
        for word in [*(spec.get("verbs") or {}), *(spec.get("nouns") or {})]:
            w = str(word).split()[0].lower()
            for form in (w, w + "s", w + "ed", w + "d", w + "ing", (w[:-1] + "ing") if w.endswith("e") else w):
                out.setdefault(form, etype)
    out.update({"met": "MEETING", "meets": "MEETING", "sent": "MOVEMENT", "fled": "MOVEMENT",
                "struck": "ATTACK", "fought": "ATTACK", "shot": "ATTACK"})
    return out


def read_reports(store: Store, reader: _Reader | None = None) -> tuple[list[Report], list[Report]]:
    """Every claim-worthy statement as a report, and the denials that name no other statement."""
    reader = reader or _Reader(store)
    reports: list[Report] = []
    for r in store.conn.execute(
            "SELECT id, doc_id, type, source_id, target_id, hedged, attributed_to, attributed_unnamed,"
            " attribution_chain, evidence, cue FROM relations"):
        key, name, unnamed = reader.source(r["doc_id"], r["attributed_to"], r["attributed_unnamed"],
                                           r["attribution_chain"])
        published = reader.docs.get(r["doc_id"], (None, None, None))[1]
        reports.append(Report("relation", int(r["id"]), r["doc_id"], reader.original(r["doc_id"]),
                              ("relation", r["type"]), None, _roots(reader, [r["source_id"]]),
                              _roots(reader, [r["target_id"]]), (), None, published, bool(r["hedged"]),
                              key, name, unnamed, json.loads(r["evidence"] or "[]"), r["cue"]))
    args: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for event_id, role, entity_id in store.conn.execute("SELECT event_id, role, entity_id FROM event_args"):
        args[int(event_id)][role].append(int(entity_id))
    denials: list[tuple[Any, ...]] = []
    for r in store.conn.execute(
            "SELECT id, doc_id, type, cameo, time, hedged, attributed_to, attributed_unnamed, attribution_chain,"
            " evidence, trigger FROM events"):
        a = args.get(int(r["id"]), {})
        actors = _roots(reader, a.get("actor", []))
        participants = _roots(reader, a.get("participant", []))
        places = _roots(reader, a.get("location", []))
        published = reader.docs.get(r["doc_id"], (None, None, None))[1]
        evidence = json.loads(r["evidence"] or "[]")
        if r["type"] in NOT_CLAIMS:
            if str(r["cameo"]).startswith(DENIAL_CAMEO) and actors:
                denials.append((r, actors, participants, places, published, evidence))
            continue
        if not any(_is_actor(reader, e) for e in (*actors, *participants)):
            continue
        subjects: tuple[int, ...]
        objects: tuple[int, ...]
        if r["type"] in SYMMETRIC:
            subjects, objects = tuple(sorted(set(actors) | set(participants))), ()
        else:
            subjects, objects = actors, participants
        key, name, unnamed = reader.source(r["doc_id"], r["attributed_to"], r["attributed_unnamed"],
                                           r["attribution_chain"])
        reports.append(Report("event", int(r["id"]), r["doc_id"], reader.original(r["doc_id"]),
                              ("event", r["type"]), r["cameo"], subjects, objects, places,
                              window_of(r["time"], published), published, bool(r["hedged"]), key, name, unnamed,
                              evidence, r["trigger"]))
    reader.load_texts({rep.doc_id for rep in reports} | {d[0]["doc_id"] for d in denials})
    by_doc: dict[str, list[Report]] = defaultdict(list)
    for rep in reports:
        by_doc[rep.doc_id].append(rep)
        text = reader.text(rep.doc_id)
        for span in rep.evidence:
            if _negated(text[span["start"]:span["end"]], rep.trigger):
                rep.negated = "negated in the text"
                break
    free_denials: list[Report] = []
    words_to_type = _denied_types()
    for r, actors, participants, places, published, evidence in denials:
        denier_key, denier_name = reader.entity_source(actors[0])
        spans = [(s["start"], s["end"]) for s in evidence]
        governed = [rep for rep in by_doc.get(r["doc_id"], [])
                    if any(s["start"] < e and b < s["end"] for s in rep.evidence for b, e in spans)
                    and rep.statement == "event"]
        for rep in governed:  # "X denied that A met B": the statement is the content of the denial
            rep.negated = f"denied by {denier_name}"
            rep.source_key, rep.source_name, rep.unnamed = denier_key, denier_name, False
        if governed:
            continue
        text = reader.text(r["doc_id"])
        sentence = " ".join(text[b:e] for b, e in spans)
        words = [w.lower() for w in _WORD.findall(sentence)]
        trig = (r["trigger"] or "").lower()
        after = words[words.index(trig) + 1:] if trig in words else words
        etype = next((words_to_type[w] for w in after if w in words_to_type), None)
        if etype is None:
            continue
        parties = tuple(sorted(set(actors) | set(participants)))
        free_denials.append(Report("event", int(r["id"]), r["doc_id"], reader.original(r["doc_id"]),
                                   ("event", etype), r["cameo"], parties, (), places,
                                   window_of(r["time"], published), published, bool(r["hedged"]), denier_key,
                                   denier_name, False, evidence, r["trigger"], negated=f"denied by {denier_name}"))
    return reports, free_denials


# -- grouping -----------------------------------------------------------------------------------


def group(reports: list[Report], denials: list[Report]) -> list[Claim]:
    """Claims from reports: supporting reports grouped by base and overlapping date windows;
    negated reports and denials attached to the claims they contradict."""
    by_base: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    positive = sorted((r for r in reports if not r.negated),
                      key=lambda r: (r.window or ("9999", "9999"), r.published or "9999", r.id))
    for rep in positive:
        claims = by_base[rep.base]
        for cl in claims:
            joined = _overlap(cl.window, rep.window)
            if joined is not False:
                if joined is not True:
                    cl.window = joined
                elif cl.window is None:
                    cl.window = rep.window
                cl.supports.append(rep)
                break
        else:
            claims.append(Claim(rep.base, rep.window, [rep]))
    for rep in (r for r in reports if r.negated):
        for cl in by_base.get(rep.base, []):
            if _overlap(cl.window, rep.window) is not False:
                cl.contradicts.append(rep)
                break
    for rep in denials:
        parties = set(rep.subjects)
        for base, claims in by_base.items():
            kind, type_, subj, obj, places = base
            if type_ != rep.kind_type[1] or set(subj) | set(obj) != parties or not set(rep.places) <= set(places):
                continue
            for cl in claims:
                if _overlap(cl.window, rep.window) is not False:
                    cl.contradicts.append(rep)
    return [cl for claims in by_base.values() for cl in claims]


def _hedge_state(cl: Claim) -> tuple[bool, Report | None]:
    """Whether the claim is still hedged, and the report that lifted the hedge, if one did."""
    hedging = {r.source_key for r in cl.supports if r.hedged}
    if not hedging:
        return False, None
    lifting = sorted((r for r in cl.supports if not r.hedged and not r.unnamed and r.source_key not in hedging),
                     key=lambda r: (r.published or "9999", r.id))
    return (False, lifting[0]) if lifting else (True, None)


def summary(reader: _Reader, cl: Claim) -> str:
    """One line: "Sirajuddin Haqqani, Amir Khan Muttaqi MEETING in Kandahar (2025-03-03)"."""
    kind, type_, subj, obj, places = cl.base

    def names(ids: tuple[int, ...]) -> str:
        return ", ".join(reader.info.get(i, ("", None, str(i), None))[2] for i in ids)

    text = f"{names(subj)} {type_}" + (f" {names(obj)}" if obj else "") + (f" in {names(places)}" if places else "")
    if cl.window:
        text += f" ({cl.window[0]})" if cl.window[0] == cl.window[1] else f" ({cl.window[0]} to {cl.window[1]})"
    return text


# the columns of a claim and of a claim's report that the grouping decides (not its key, id or time)
_CLAIM_VALUES = ("kind, type, cameo, subjects, objects, places, date_from, date_to, first_seen, last_seen, hedged,"
                 " reports, independent, unnamed, contradicting, reliability, credibility, reasons, summary")
_REPORT_VALUES = ("stance, statement, statement_id, doc_id, original_id, source_key, source_name, unnamed, hedged,"
                  " published, reason")


def build_claims(store: Store, progress: Progress | None = None) -> dict[str, int]:
    """Regroup every stored statement into claims, grade them, update the source registry's track
    records, and write it all in one transaction. Claim ids stay stable while a claim's key does."""
    say = progress or (lambda _msg: None)
    reader = _Reader(store)
    reports, denials = read_reports(store, reader)
    say(f"claims: {len(reports)} statements read")
    claims = group(reports, denials)
    say(f"claims: {len(claims)} claims grouped")
    user = {r["key"]: r["rating"] for r in store.conn.execute("SELECT key, rating FROM source_ratings")}
    names: dict[str, str] = {}
    counts: dict[int, grading.Counts] = {}
    record: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # claims, confirmed, contradicted
    hedge: dict[int, tuple[bool, Report | None]] = {}
    for i, cl in enumerate(claims):
        named = {r.source_key for r in cl.supports if not r.unnamed}
        unnamed = {r.source_key for r in cl.supports if r.unnamed}
        against = {r.source_key for r in cl.contradicts}
        hedge[i] = _hedge_state(cl)
        counts[i] = grading.Counts(len(named), len(unnamed), len(against), hedge[i][0])
        confirmed = len(named) + (1 if unnamed else 0) >= 2 and not against
        for key in named:
            rec = record[key]
            rec[0] += 1
            rec[1] += int(confirmed)
            rec[2] += int(bool(against))
        for r in (*cl.supports, *cl.contradicts):
            names.setdefault(r.source_key, r.source_name)
    derived = {key: grading.derived_rating(rec[0], rec[1]) for key, rec in record.items()}
    stamp = grading.now()
    rows = []
    for i, cl in enumerate(claims):
        cred, reasons = grading.credibility(counts[i])
        named_keys = sorted({r.source_key for r in cl.supports if not r.unnamed})
        rel_reasons = []
        best = "F"
        for key in named_keys:
            rating, why = (user[key], "rated by a user") if user.get(key) else derived[key]
            rel_reasons.append(f"{names[key]}: {rating} ({why})")
            best = min(best, rating)
        if not named_keys:
            rel_reasons.append("no named source: reliability cannot be judged")
        lifted = hedge[i][1]
        if lifted is not None:
            reasons.append(f"hedge lifted by {lifted.source_name} ({lifted.published or 'undated'})")
        reasons = [f"reliability {best}: " + "; ".join(rel_reasons), *reasons]
        rows.append((cl, cred, best, reasons, counts[i]))
    say(f"claims: {len(claims)} claims graded")
    with store.transaction() as c:
        for key, rec in record.items():
            c.execute("INSERT INTO source_ratings(key, name, claims, confirmed, contradicted, derived, updated_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET claims = excluded.claims,"
                      " confirmed = excluded.confirmed, contradicted = excluded.contradicted,"
                      " derived = excluded.derived, updated_at = excluded.updated_at",
                      (key, names[key], rec[0], rec[1], rec[2], derived[key][0], stamp))
        gone = [r[0] for r in c.execute("SELECT key FROM source_ratings").fetchall() if r[0] not in record]
        c.executemany("UPDATE source_ratings SET claims = 0, confirmed = 0, contradicted = 0, derived = NULL"
                      " WHERE key = ?", [(k,) for k in gone])
        # Only what changed is written: after a small ingest most claims are as they were, and
        # rewriting 100,000 of them took most of the analysis. A claim keeps its id and its
        # ``updated_at`` while its values and its reports stay the same.
        stored = {r[0]: (int(r[1]), tuple(r[2:])) for r in c.execute(f"SELECT key, id, {_CLAIM_VALUES} FROM claims")}
        filed: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for r in c.execute(f"SELECT claim_id, {_REPORT_VALUES} FROM claim_reports ORDER BY id"):
            filed[int(r[0])].append(tuple(r[1:]))
        keep: set[int] = set()
        seen: dict[str, int] = {}  # key -> id of the claims of this run
        changed = 0
        for cl, cred, best, reasons, n in rows:
            kind, type_, subj, obj, places = cl.base
            dates = sorted(r.published for r in (*cl.supports, *cl.contradicts) if r.published)
            cameo = next((r.cameo for r in cl.supports if r.cameo), None)
            values = (kind, type_, cameo, json.dumps(list(subj)), json.dumps(list(obj)), json.dumps(list(places)),
                      cl.window[0] if cl.window else None, cl.window[1] if cl.window else None,
                      dates[0] if dates else None, dates[-1] if dates else None, int(n.hedged), len(cl.supports),
                      n.independent, n.unnamed, n.contradicting, best, cred, json.dumps(reasons),
                      summary(reader, cl))
            filing = [(stance, r.statement, r.id, r.doc_id, r.original_id, r.source_key, r.source_name,
                        int(r.unnamed), int(r.hedged), r.published, r.negated)
                       for stance, group_ in (("supports", cl.supports), ("contradicts", cl.contradicts))
                       for r in group_]
            known = stored.get(cl.key)
            if cl.key in seen:  # a second claim under a key already written: its reports join that row
                claim_id = seen[cl.key]
                c.execute(f"UPDATE claims SET {', '.join(f'{col} = ?' for col in _CLAIM_VALUES.split(', '))},"
                          " updated_at = ? WHERE id = ?", (*values, stamp, claim_id))
            elif known is not None and known[1] == values and filed.get(known[0], []) == filing:
                keep.add(known[0])
                seen[cl.key] = known[0]
                continue
            elif known is None:
                claim_id = int(c.execute(
                    f"INSERT INTO claims(key, {_CLAIM_VALUES}, updated_at) VALUES"
                    f" ({', '.join('?' for _ in range(len(values) + 2))}) RETURNING id",
                    (cl.key, *values, stamp)).fetchone()[0])
            else:
                claim_id = known[0]
                c.execute(f"UPDATE claims SET {', '.join(f'{col} = ?' for col in _CLAIM_VALUES.split(', '))},"
                          " updated_at = ? WHERE id = ?", (*values, stamp, claim_id))
                c.execute("DELETE FROM claim_parties WHERE claim_id = ?", (claim_id,))
                c.execute("DELETE FROM claim_reports WHERE claim_id = ?", (claim_id,))
            changed += 1
            keep.add(claim_id)
            seen[cl.key] = claim_id
            parties = [(claim_id, e, "subject") for e in subj] + [(claim_id, e, "object") for e in obj] + \
                      [(claim_id, e, "place") for e in places]
            c.executemany("INSERT INTO claim_parties(claim_id, entity_id, role) VALUES (?, ?, ?)"
                          " ON CONFLICT (claim_id, entity_id, role) DO NOTHING", parties)
            c.executemany(f"INSERT INTO claim_reports(claim_id, {_REPORT_VALUES}) VALUES"
                          f" ({', '.join('?' for _ in range(len(_REPORT_VALUES.split(', ')) + 1))})",
                          [(claim_id, *report) for report in filing])
        stale = [(claim_id,) for claim_id, _ in stored.values() if claim_id not in keep]
        for table in ("claim_parties", "claim_reports"):
            c.executemany(f"DELETE FROM {table} WHERE claim_id = ?", stale)  # noqa: S608 (two fixed names)
        c.executemany("DELETE FROM claims WHERE id = ?", stale)
    say(f"claims: {changed} of {len(claims)} claims written (the others are unchanged)")
    return {"statements": len(reports), "claims": len(claims),
            "contradicted": sum(1 for cl in claims if cl.contradicts)}


# -- reading claims -------------------------------------------------------------------------------


def parse_grade(grade: str | None) -> tuple[str | None, int | None]:
    """A minimum grade: "B2" (reliability B or better and credibility 2 or better), "C" or "3"."""
    if not grade:
        return None, None
    m = re.fullmatch(r"([A-Fa-f])?([1-6])?", grade.strip())
    if not m or not (m.group(1) or m.group(2)):
        raise AnalysisError(f"a grade is a letter A-F, a digit 1-6, or both (B2), not {grade!r}")
    return (m.group(1).upper() if m.group(1) else None), (int(m.group(2)) if m.group(2) else None)


def _names(store: Store, ids: Iterable[int]) -> list[dict[str, Any]]:
    out = []
    for i in ids:
        row = store.conn.execute("SELECT id, type, subtype, name FROM entities WHERE id = ?", (i,)).fetchone()
        out.append(dict(row) if row else {"id": i, "type": None, "subtype": None, "name": str(i)})
    return out


def _claim_row(store: Store, row: Any) -> dict[str, Any]:
    out = dict(row)
    for part in ("subjects", "objects", "places"):
        out[part] = _names(store, json.loads(out[part]))
    out["hedged"] = bool(out["hedged"])
    out["reasons"] = json.loads(out["reasons"])
    out["grade"] = f"{out['reliability']}{out['credibility']}"
    out["reliability_label"] = grading.RELIABILITY_LABEL[out["reliability"]]
    out["credibility_label"] = grading.CREDIBILITY_LABEL[out["credibility"]]
    return out


def list_claims(store: Store, *, actor: int | None = None, type: str | None = None,
                contradicted: bool | None = None, hedged: bool | None = None, min_grade: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Claims, best corroborated first, filtered by a party (any entity id of its cluster), type,
    contradiction, hedge, minimum grade and date window."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if actor is not None:
        # driven from the party's index: the claims of one actor are a few among very many
        where.append("c.id IN (SELECT p.claim_id FROM claim_parties p WHERE p.entity_id = ?)")
        params.append(store.root_of(actor))
    if type:
        where.append("c.type = ?")
        params.append(type)
    if contradicted is not None:
        where.append("c.contradicting > 0" if contradicted else "c.contradicting = 0")
    if hedged is not None:
        where.append("c.hedged = ?")
        params.append(int(hedged))
    letter, level = parse_grade(min_grade)
    if letter:
        where.append("c.reliability <= ?")
        params.append(letter)
    if level:
        where.append("c.credibility <= ?")
        params.append(level)
    if since:
        where.append("(c.date_to IS NULL OR c.date_to >= ?)")
        params.append(since)
    if until:
        where.append("(c.date_from IS NULL OR c.date_from <= ?)")
        params.append(until + "\uffff")
    rows = store.conn.execute(
        f"SELECT c.* FROM claims c WHERE {' AND '.join(where)}"  # noqa: S608 (fixed clauses, values bound)
        " ORDER BY c.credibility, c.reliability, c.independent DESC, c.date_from, c.id LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()
    return [_claim_row(store, r) for r in rows]


def _evidence(store: Store, doc_id: str, spans: list[dict[str, int]]) -> list[dict[str, Any]]:
    out = []
    for span in spans:
        row = store.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                                 (span["start"] + 1, span["end"] - span["start"], doc_id)).fetchone()
        out.append({**span, "text": " ".join((row[0] if row else "").split())})
    return out


def claim(store: Store, claim_id: int) -> dict[str, Any] | None:
    """One claim with everything a claim page shows: parties, grade with reasons, independent
    source count, and each supporting and contradicting report with its document, source,
    hedge and evidence sentences."""
    row = store.conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if row is None:
        return None
    out = _claim_row(store, row)
    out["supporting"], out["contradicting_reports"] = [], []
    for r in store.conn.execute(
            "SELECT cr.*, d.title, d.outlet, d.copy_of FROM claim_reports cr JOIN documents d ON d.id = cr.doc_id"
            " WHERE cr.claim_id = ? ORDER BY cr.published, cr.id", (claim_id,)).fetchall():
        table = "relations" if r["statement"] == "relation" else "events"
        st = store.conn.execute(f"SELECT evidence FROM {table} WHERE id = ?",  # noqa: S608 (two fixed names)
                                (r["statement_id"],)).fetchone()
        report = {"doc_id": r["doc_id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"],
                  "copy_of": r["copy_of"], "original_id": r["original_id"], "source": r["source_name"],
                  "source_key": r["source_key"], "unnamed": bool(r["unnamed"]), "hedged": bool(r["hedged"]),
                  "statement": r["statement"], "statement_id": r["statement_id"], "reason": r["reason"],
                  "evidence": _evidence(store, r["doc_id"], json.loads(st[0]) if st else [])}
        (out["supporting"] if r["stance"] == "supports" else out["contradicting_reports"]).append(report)
    out["sources"] = sorted({r["source"] for r in out["supporting"] if not r["unnamed"]})
    return out
