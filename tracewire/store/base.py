"""The store's reads and writes, in SQL that runs unchanged on SQLite and PostgreSQL.

``Store`` holds everything but the connection: each backend (``sqlite.SQLiteStore``,
``postgres.PostgresStore``) opens its connection, runs the migrations, and adds full-text
search. The SQL here is the portable subset every module outside ``store`` also keeps to:
``?`` placeholders, ``INSERT ... ON CONFLICT``, rows read as ``row["col"]`` or ``row[0]``, no
SQLite-only functions (``rowid`` and ``x = ? COLLATE NOCASE`` are understood by both backends,
see ``migrations``).

Each document is written in one transaction with all its mentions, relations and events, so a
reader never sees half a document and a crash loses at most the document being written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any, ClassVar

from tracewire.errors import EntityRefError
from tracewire.model import Extraction, name_key

TABLES = ("documents", "sources", "entities", "entity_aliases", "mentions", "relations", "events", "event_args")
BIGGEST = 2**62  # no id, limit or offset beyond this can mean anything; both databases take it as a number


def event_window(since: str | None, until: str | None, table: str = "e") -> tuple[list[str], list[Any]]:
    """SQL clauses and values keeping events dated within ``since``..``until`` (YYYY[-MM[-DD]],
    either open) by the ``dated`` column of ``table`` (events, or their arguments): the event's own
    date, else its article's."""
    clauses: list[str] = []
    values: list[Any] = []
    if since:
        clauses.append(f"{table}.dated >= ?")
        values.append(since)
    if until:
        clauses.append(f"substr({table}.dated, 1, length(?)) <= ?")
        values += [until, until]
    return clauses, values


def bounded(n: int) -> int:
    """``n`` within what both databases store as an integer (a request may ask for any number)."""
    return max(0, min(int(n), BIGGEST))


class Store:
    """A tracewire store over one database connection (``conn``), SQLite or PostgreSQL."""

    dialect: ClassVar[str] = ""
    #: errors after which a write transaction is simply run again (PostgreSQL deadlocks)
    retryable: ClassVar[tuple[type[BaseException], ...]] = ()
    path: str
    conn: Any

    def transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def migrate(self) -> list[str]:
        raise NotImplementedError

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        self.conn.close()

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _lock_document(self, doc_id: str) -> None:
        """Serialise writers of one document (SQLite's write lock already does)."""

    # -- writing --------------------------------------------------------------------------------

    def document_extractor(self, doc_id: str) -> str | None:
        """The extractor version a stored document was processed with, or None if not stored."""
        row = self.conn.execute("SELECT extractor FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else (row[0] or "")

    def add_source(self, doc_id: str, locator: str, url: str | None, outlet: str | None) -> None:
        self.conn.execute("INSERT INTO sources(doc_id, locator, url, outlet) VALUES (?, ?, ?, ?)"
                          " ON CONFLICT (doc_id, locator) DO NOTHING", (doc_id, locator, url, outlet))

    def put(self, ex: Extraction, *, minhash: bytes | None = None, copy_of: str | None = None,
            relink: set[str] | frozenset[str] = frozenset()) -> str:
        """Store one extracted document with everything in it; returns 'new', 'updated' or 'seen'.

        ``relink`` names stored originals that this (earlier) document replaces as the original of
        its story; they and their copies are re-linked in the same transaction. A transaction that
        the database aborts to break a deadlock between concurrent writers is run again."""
        for attempt in range(8):
            try:
                return self._put(ex, minhash=minhash, copy_of=copy_of, relink=relink)
            except self.retryable:
                if attempt == 7:
                    raise
        raise AssertionError("unreachable")

    def put_many(self, items: list[tuple[Extraction, bytes | None, str | None]]) -> list[str]:
        """The bulk write path: many extracted documents (each with its MinHash signature and the
        original it copies, if known) in one transaction; their statuses, as ``put`` gives them.
        For loaders that know their input holds no near-duplicates to link as they go."""
        for attempt in range(8):
            try:
                with self.transaction() as c:
                    return [self._write(c, ex, minhash, copy_of, frozenset()) for ex, minhash, copy_of in items]
            except self.retryable:
                if attempt == 7:
                    raise
        raise AssertionError("unreachable")

    def _put(self, ex: Extraction, *, minhash: bytes | None, copy_of: str | None,
             relink: set[str] | frozenset[str]) -> str:
        with self.transaction() as c:
            return self._write(c, ex, minhash, copy_of, relink)

    def _write(self, c: Any, ex: Extraction, minhash: bytes | None, copy_of: str | None,
               relink: set[str] | frozenset[str]) -> str:
        doc = ex.document
        doc_id = doc.id
        src = doc.source
        locator = src.path or src.url or doc_id
        self._lock_document(doc_id)
        row = c.execute("SELECT extractor FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None and row[0] == ex.extractor:
            self.add_source(doc_id, locator, src.url, src.outlet)
            return "seen"
        status = "new"
        stale: list[int] = []
        if row is None:
            c.execute("INSERT INTO documents(id, text, title, url, outlet, published, format, extractor, minhash,"
                      " copy_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (doc_id, doc.text, src.title, src.url, src.outlet, src.published, doc.format, ex.extractor,
                       minhash, copy_of))
        else:
            status = "updated"
            stale = [r[0] for r in c.execute("SELECT DISTINCT entity_id FROM mentions WHERE doc_id = ?", (doc_id,))]
            for table in ("mentions", "relations", "events"):
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))  # noqa: S608 (fixed names)
            c.execute("UPDATE documents SET extractor = ?, title = coalesce(?, title), url = coalesce(?, url),"
                      " outlet = coalesce(?, outlet), published = coalesce(?, published),"
                      " minhash = coalesce(?, minhash) WHERE id = ?",
                      (ex.extractor, src.title, src.url, src.outlet, src.published, minhash, doc_id))
        for old in relink:
            c.execute("UPDATE documents SET copy_of = ? WHERE copy_of = ? OR id = ?", (doc_id, old, old))
        self.add_source(doc_id, locator, src.url, src.outlet)
        published = c.execute("SELECT published FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        local: dict[str, int] = {}
        for ent in ex.entities:
            entity_id = self._upsert_entity(ent.type, ent.subtype, ent.name, ent.kb_id, ent.geo)
            local[ent.id] = entity_id
            for alias in {ent.name, *ent.aliases}:
                c.execute("INSERT INTO entity_aliases(entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          (entity_id, alias))
            for m in ent.mentions:
                sent = m.sentence or (None, None)
                c.execute("INSERT INTO mentions(doc_id, entity_id, local_id, start, \"end\", text,"
                          " sent_start, sent_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                          (doc_id, entity_id, ent.id, m.start, m.end, m.text, sent[0], sent[1]))
        def chain(ids: list[str]) -> str:
            return json.dumps([local.get(i, "UNNAMED") for i in ids])

        for rel in ex.relations:
            if rel.source not in local or rel.target not in local:
                continue
            key = (doc_id, rel.type, local[rel.source], local[rel.target])
            evidence = [e.to_json() for e in rel.evidence]
            prior = c.execute("SELECT id, hedged, evidence FROM relations WHERE doc_id = ? AND type = ?"
                              " AND source_id = ? AND target_id = ?", key).fetchone()
            if prior is not None:
                # two names in the text that the store knows as one entity: one relation, all evidence
                known = json.loads(prior["evidence"])
                merged = known + [e for e in evidence if e not in known]
                c.execute("UPDATE relations SET evidence = ?, hedged = ? WHERE id = ?",
                          (json.dumps(merged), int(bool(prior["hedged"]) and rel.hedged), prior["id"]))
                continue
            c.execute("INSERT INTO relations(doc_id, type, source_id, target_id, hedged, attributed_to,"
                      " attributed_unnamed, evidence, extractor, cue, attribution_chain, attribution_inherited)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (*key, int(rel.hedged), local.get(rel.attributed_to or ""),
                       int(rel.attributed_to == "UNNAMED"), json.dumps(evidence), ex.extractor, rel.cue,
                       chain(rel.attribution_chain), int(rel.attribution_inherited)))
        for ev in ex.events:
            dated = ev.time or published
            event_id = c.execute("INSERT INTO events(doc_id, type, cameo, time, dated, hedged, attributed_to,"
                            " attributed_unnamed, evidence, extractor, trigger, attribution_chain,"
                            " attribution_inherited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            (doc_id, ev.type, ev.cameo, ev.time, dated, int(ev.hedged),
                             local.get(ev.attributed_to or ""), int(ev.attributed_to == "UNNAMED"),
                             json.dumps([e.to_json() for e in ev.evidence]), ex.extractor, ev.trigger,
                             chain(ev.attribution_chain), int(ev.attribution_inherited))
                            ).fetchone()[0]
            for role, refs in (("actor", ev.actors), ("participant", ev.participants), ("location", ev.locations)):
                for ref in refs:
                    if ref in local:
                        c.execute("INSERT INTO event_args(event_id, entity_id, role, dated) VALUES (?, ?, ?, ?)"
                                  " ON CONFLICT DO NOTHING", (event_id, local[ref], role, dated))
        for entity_id in stale:  # entities only the old extraction of this document named
            c.execute("DELETE FROM entities WHERE id = ?"
                      " AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = ?)"
                      " AND NOT EXISTS (SELECT 1 FROM relations"
                      "   WHERE source_id = ? OR target_id = ? OR attributed_to = ?)"
                      " AND NOT EXISTS (SELECT 1 FROM event_args WHERE entity_id = ?)"
                      " AND NOT EXISTS (SELECT 1 FROM events WHERE attributed_to = ?)"
                      " AND NOT EXISTS (SELECT 1 FROM entities WHERE canonical_id = ?)"  # a root of others
                      " AND NOT EXISTS (SELECT 1 FROM judgements WHERE source = 'user'"
                      "   AND (left_id = ? OR right_id = ?))"  # a user's decision outlives a re-extraction
                      " AND NOT EXISTS (SELECT 1 FROM watch_matches WHERE entity_id = ?)",
                      (entity_id, *[entity_id] * 10))
        return status

    def _upsert_entity(self, etype: str, subtype: str | None, name: str, kb_id: str | None,
                       geo: dict[str, Any] | None) -> int:
        key = kb_id or f"{etype}:{name_key(name)}"
        row = self.conn.execute("SELECT id, subtype FROM entities WHERE key = ?", (key,)).fetchone()
        if row is None:
            # a concurrent writer may add the same key first: then its row is the one to use
            self.conn.execute("INSERT INTO entities(key, type, subtype, name, kb_id, geo) VALUES (?, ?, ?, ?, ?, ?)"
                              " ON CONFLICT (key) DO NOTHING",
                              (key, str(etype), subtype, name, kb_id, json.dumps(geo) if geo else None))
            row = self.conn.execute("SELECT id, subtype FROM entities WHERE key = ?", (key,)).fetchone()
        if row["subtype"] is None and subtype:
            self.conn.execute("UPDATE entities SET subtype = ? WHERE id = ?", (subtype, row["id"]))
        return int(row["id"])

    def signatures(self) -> Iterator[tuple[str, str | None, bytes]]:
        """(document id, published date, MinHash signature) of every stored document."""
        for row in self.conn.execute("SELECT id, published, minhash FROM documents WHERE minhash IS NOT NULL"
                                     " ORDER BY rowid"):
            yield row[0], row[1], row[2]

    def original_of(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT copy_of FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row and row[0] else doc_id

    def age(self, doc_id: str) -> tuple[str, int]:
        """Sort key for "earliest copy": publication date (unknown last), then ingestion order."""
        row = self.conn.execute("SELECT published, rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return (row[0] or "9999", int(row[1])) if row else ("9999", 1 << 62)

    # -- reading --------------------------------------------------------------------------------

    def snapshot(self) -> dict[str, list[Any]]:
        """Everything the store holds, with entities named by their key instead of their row id,
        sorted: two stores with equal snapshots hold the same facts, however they were filled
        (in one process or on a cluster, in one run or resumed after a crash)."""
        keys = {int(r[0]): r[1] for r in self.conn.execute("SELECT id, key FROM entities")}

        def key(entity_id: Any) -> Any:
            return None if entity_id is None else keys.get(int(entity_id), f"?{entity_id}")

        def chain(text: str | None) -> Any:
            return [i if i == "UNNAMED" else key(i) for i in json.loads(text)] if text else None

        out: dict[str, list[Any]] = {}
        out["documents"] = sorted(
            (r["id"], r["text"], r["title"], r["url"], r["outlet"], r["published"], r["format"], r["extractor"],
             r["copy_of"], bytes(r["minhash"]).hex() if r["minhash"] is not None else None)
            for r in self.conn.execute("SELECT * FROM documents"))
        out["sources"] = sorted((r[0], r[1], r[2] or "", r[3] or "") for r in self.conn.execute(
            "SELECT doc_id, locator, url, outlet FROM sources"))
        out["entities"] = sorted(
            (r["key"], r["type"], r["subtype"] or "", r["name"], r["kb_id"] or "", r["geo"] or "",
             key(r["canonical_id"]) or "") for r in self.conn.execute("SELECT * FROM entities"))
        out["aliases"] = sorted((key(r[0]), r[1]) for r in self.conn.execute(
            "SELECT entity_id, alias FROM entity_aliases"))
        out["mentions"] = sorted(
            (r["doc_id"], key(r["entity_id"]), r["local_id"], r["start"], r["end"], r["text"], r["sent_start"] or -1,
             r["sent_end"] or -1) for r in self.conn.execute("SELECT * FROM mentions"))
        out["relations"] = sorted(
            json.dumps([r["doc_id"], r["type"], key(r["source_id"]), key(r["target_id"]), r["hedged"],
                        key(r["attributed_to"]), r["attributed_unnamed"], r["evidence"], r["extractor"], r["cue"],
                        chain(r["attribution_chain"]), r["attribution_inherited"]])
            for r in self.conn.execute("SELECT * FROM relations"))
        args: dict[int, list[Any]] = {}
        for r in self.conn.execute("SELECT event_id, entity_id, role FROM event_args"):
            args.setdefault(int(r[0]), []).append([key(r[1]), r[2]])
        out["events"] = sorted(
            json.dumps([r["doc_id"], r["type"], r["cameo"], r["time"], r["hedged"], key(r["attributed_to"]),
                        r["attributed_unnamed"], r["evidence"], r["extractor"], r["trigger"],
                        chain(r["attribution_chain"]), r["attribution_inherited"], sorted(args.get(int(r["id"]), []))])
            for r in self.conn.execute("SELECT * FROM events"))
        return out

    def counts(self) -> dict[str, int]:
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}  # noqa: S608

    def documents(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        limit, offset = bounded(limit), bounded(offset)
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.outlet, d.published, d.url, d.format, d.copy_of, length(d.text) AS length,"
            " (SELECT count(DISTINCT entity_id) FROM mentions m WHERE m.doc_id = d.id) AS entities"
            " FROM documents d ORDER BY d.published IS NULL, d.published DESC, d.rowid LIMIT ? OFFSET ?",
            (limit, offset))
        return [dict(r) for r in rows]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT id, text, title, url, outlet, published, format, copy_of, extractor"
                                " FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["sources"] = [dict(r) for r in self.conn.execute(
            "SELECT locator, url, outlet, seen_at FROM sources WHERE doc_id = ? ORDER BY id", (doc_id,))]
        out["copies"] = [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE copy_of = ?", (doc_id,))]
        out["relations"] = self.relations(doc_id=doc_id)
        out["events"] = self.events(doc_id=doc_id)
        out["mentions"] = [dict(r) for r in self.conn.execute(
            "SELECT m.start, m.\"end\", m.text, m.local_id, e.id AS entity_id, e.type, e.subtype, e.name"
            " FROM mentions m JOIN entities e0 ON e0.id = m.entity_id"
            " JOIN entities e ON e.id = coalesce(e0.canonical_id, e0.id) WHERE m.doc_id = ? ORDER BY m.start",
            (doc_id,))]
        return out

    def entities(self, *, limit: int = 50, offset: int = 0, type: str | None = None) -> list[dict[str, Any]]:
        limit, offset = bounded(limit), bounded(offset)
        rows = self.conn.execute(
            "SELECT r.id, r.type, r.subtype, r.name, r.kb_id, count(DISTINCT m.doc_id) AS documents,"
            " count(m.id) AS mentions FROM entities r JOIN entities e ON coalesce(e.canonical_id, e.id) = r.id"
            " LEFT JOIN mentions m ON m.entity_id = e.id"
            " WHERE r.canonical_id IS NULL AND (? IS NULL OR r.type = ?)"
            " GROUP BY r.id ORDER BY documents DESC, mentions DESC, r.name LIMIT ? OFFSET ?",
            (type, type, limit, offset))
        return [dict(r) for r in rows]

    # -- identity -------------------------------------------------------------------------------

    def root_of(self, entity_id: int) -> int:
        entity_id = bounded(entity_id)
        row = self.conn.execute("SELECT coalesce(canonical_id, id) FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return int(row[0]) if row else entity_id

    def canonical_of(self, entity_id: int) -> int | None:
        entity_id = bounded(entity_id)
        row = self.conn.execute("SELECT canonical_id FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def members(self, entity_id: int) -> list[int]:
        """Every stored row that stands for the same referent as ``entity_id``."""
        root = self.root_of(entity_id)
        return [int(r[0]) for r in self.conn.execute(
            "SELECT id FROM entities WHERE id = ? OR canonical_id = ? ORDER BY id", (root, root))]

    def apply_links(self, links: list[tuple[int, int | None]], *, source: str,
                    judged: tuple[int, int, str] | None = None) -> None:
        """Set canonical entities in one transaction: (entity, its root) links a row, (entity, None)
        unlinks it. Links always point at a root, so a chain never grows past one hop, and every
        change is recorded as a judgement of ``source`` (the system's or a user's)."""
        with self.transaction() as c:
            if judged is not None:
                c.execute("INSERT INTO judgements(left_id, right_id, judgement, source) VALUES (?, ?, ?, ?)",
                          (judged[0], judged[1], judged[2], source))
            for entity_id, root_id in links:
                if root_id is not None:
                    root_id = self.root_of(root_id)
                    if root_id == entity_id:
                        continue
                    c.execute("UPDATE entities SET canonical_id = ? WHERE canonical_id = ?", (root_id, entity_id))
                c.execute("UPDATE entities SET canonical_id = ? WHERE id = ?", (root_id, entity_id))
                if source == "system":
                    c.execute("INSERT INTO judgements(left_id, right_id, judgement, source) VALUES (?, ?, ?, 'system')",
                              (root_id or entity_id, entity_id, "positive" if root_id else "negative"))

    def judgements(self) -> tuple[set[frozenset[int]], set[int]]:
        """Pairs a user said differ, and the entities a user placed (by a merge or a split)."""
        negative: set[frozenset[int]] = set()
        decided: set[int] = set()
        for left, right, judgement in self.conn.execute(
                "SELECT left_id, right_id, judgement FROM judgements WHERE source = 'user' ORDER BY id"):
            decided |= {left, right}
            pair = frozenset((left, right))
            if judgement == "negative":
                negative.add(pair)
            else:
                negative.discard(pair)
        return negative, decided

    def co_mentions(self) -> dict[int, set[int]]:
        """For every entity, the canonical entities named in the same documents."""
        by_doc: dict[str, set[int]] = {}
        for doc_id, root in self.conn.execute(
                "SELECT DISTINCT m.doc_id, coalesce(e.canonical_id, e.id) FROM mentions m"
                " JOIN entities e ON e.id = m.entity_id"):
            by_doc.setdefault(doc_id, set()).add(int(root))
        out: dict[int, set[int]] = {}
        for doc_id, entity_id in self.conn.execute("SELECT DISTINCT doc_id, entity_id FROM mentions"):
            out.setdefault(int(entity_id), set()).update(by_doc[doc_id] - {int(entity_id)})
        return out

    def co_mentioned(self, entity_id: int) -> set[int]:
        """The canonical entities named in the documents that name the row ``entity_id`` (itself
        left out): one entity's part of ``co_mentions``."""
        return {int(r[0]) for r in self.conn.execute(
            "SELECT DISTINCT coalesce(e.canonical_id, e.id) FROM mentions m JOIN mentions o ON o.doc_id = m.doc_id"
            " JOIN entities e ON e.id = o.entity_id WHERE m.entity_id = ?", (bounded(entity_id),))} - {entity_id}

    def entity_ref(self, ref: str, kinds: tuple[str, ...] | None = None) -> int:
        """The entity a user means by ``ref``: an id (kept as given) or a name that names exactly
        one entity of ``kinds`` (any kind by default). Raises ``EntityRefError`` otherwise."""
        if ref.isascii() and ref.isdigit():
            if self.conn.execute("SELECT 1 FROM entities WHERE id = ?", (bounded(int(ref)),)).fetchone() is None:
                raise EntityRefError(f"no entity with id {ref} in the store")
            return int(ref)
        found = [e for e in self.find_entities(ref) if kinds is None or e["type"] in kinds]
        if not found:
            raise EntityRefError(f"no entity named {ref!r} in the store")
        if len(found) > 1:
            choices = "; ".join(f"{e['id']} {e['name']} ({e['type']})" for e in found[:8])
            raise EntityRefError(f"{ref!r} names {len(found)} entities, give an id: {choices}")
        return int(found[0]["id"])

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Entities whose name or an alias is ``name`` (any case); failing that, that contain it."""
        exact = self.conn.execute(
            "SELECT DISTINCT e.id FROM entities e LEFT JOIN entity_aliases a ON a.entity_id = e.id"
            " WHERE e.name = ? COLLATE NOCASE OR a.alias = ? COLLATE NOCASE OR e.kb_id = ?",
            (name, name, name)).fetchall()
        ids = [r[0] for r in exact]
        if not ids:
            pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            ids = [r[0] for r in self.conn.execute(
                "SELECT DISTINCT e.id FROM entities e LEFT JOIN entity_aliases a ON a.entity_id = e.id"
                " WHERE e.name LIKE ? ESCAPE '\\' OR a.alias LIKE ? ESCAPE '\\' LIMIT 20", (pattern, pattern))]
        roots = list(dict.fromkeys(self.root_of(i) for i in ids))
        found = [self.entity(i) for i in roots]
        return sorted((e for e in found if e), key=lambda e: -e["mention_count"])

    def entity(self, entity_id: int, *, max_sentences: int = 50, max_documents: int = 25,
               max_facts: int = 50) -> dict[str, Any] | None:
        """An entity with everything known of it, over every row linked to it (its names in other
        spellings included): counts of all its mentions, documents, relations and events, and the
        first ``max_documents`` documents (oldest first, with up to ``max_sentences`` sentences in
        all) and ``max_facts`` relations and events, so that a page stays fast however often the
        entity is named."""
        entity_id = bounded(entity_id)
        entity_id = self.root_of(entity_id)
        row = self.conn.execute("SELECT id, type, subtype, name, kb_id, geo FROM entities WHERE id = ?",
                                (entity_id,)).fetchone()
        if row is None:
            return None
        members = self.members(entity_id)
        marks = ", ".join("?" for _ in members)
        out = dict(row)
        out["geo"] = json.loads(out["geo"]) if out["geo"] else None
        out["members"] = members
        out["aliases"] = sorted({r[0] for r in self.conn.execute(
            f"SELECT alias FROM entity_aliases WHERE entity_id IN ({marks})", members)} - {row["name"]})
        out["mention_count"], out["document_count"] = (int(x) for x in self.conn.execute(
            f"SELECT count(*), count(DISTINCT doc_id) FROM mentions WHERE entity_id IN ({marks})", members).fetchone())
        # dated documents in date order first, then undated ones. An entity named in many documents:
        # walk all documents along the index on the date until enough name it (about
        # max_documents * total / named steps); else read the ones naming it and sort them
        total = int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        walk = out["document_count"] ** 2 > max_documents * total
        naming = (f"EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.id AND m.entity_id IN ({marks}))" if walk
                  else f"d.id IN (SELECT doc_id FROM mentions WHERE entity_id IN ({marks}))")
        first: list[str] = []
        for dated in ("d.published IS NOT NULL", "d.published IS NULL"):
            if len(first) < max_documents:
                first += [r[0] for r in self.conn.execute(
                    f"SELECT d.id FROM documents d WHERE {dated} AND {naming}"
                    " ORDER BY d.published, d.rowid LIMIT ?", (*members, bounded(max_documents - len(first))))]
        docs: dict[str, dict[str, Any]] = {}
        if first:
            dmarks = ", ".join("?" for _ in first)
            rows = self.conn.execute(
                "SELECT d.id, d.title, d.outlet, d.published, d.copy_of, m.sent_start, m.sent_end,"
                " substr(d.text, m.sent_start + 1, m.sent_end - m.sent_start) AS sentence"
                f" FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id IN ({marks})"
                f" AND m.doc_id IN ({dmarks}) ORDER BY d.published IS NULL, d.published, d.rowid, m.start",
                (*members, *first))
            shown = 0
            for r in rows:
                d = docs.setdefault(r["id"], {"id": r["id"], "title": r["title"], "outlet": r["outlet"],
                                              "published": r["published"], "copy_of": r["copy_of"], "sentences": []})
                sent = {"start": r["sent_start"], "end": r["sent_end"], "text": (r["sentence"] or "").strip()}
                if shown < max_sentences and sent not in d["sentences"]:
                    d["sentences"].append(sent)
                    shown += 1
        out["documents"] = list(docs.values())
        out["relations"] = self.relations(entity_id=entity_id, limit=max_facts)
        out["events"] = self.events(entity_id=entity_id, limit=max_facts)
        return out

    def _evidence_of(self, rows: list[Any]) -> dict[int, list[dict[str, Any]]]:
        """The evidence spans of stored statements with their text, every document read once."""
        texts: dict[str, str] = {}
        wanted = sorted({r["doc_id"] for r in rows})
        for k in range(0, len(wanted), 500):
            part = wanted[k:k + 500]
            texts.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT id, text FROM documents WHERE id IN ({', '.join('?' for _ in part)})", part))
        out: dict[int, list[dict[str, Any]]] = {}
        for r in rows:
            text = texts.get(r["doc_id"], "")
            out[int(r["id"])] = [{**span, "text": " ".join(text[max(0, span["start"]):max(0, span["end"])].split())}
                                 for span in json.loads(r["evidence"] or "[]")]
        return out

    @staticmethod
    def _source_label(row: Any) -> dict[str, Any]:
        """Who a stored statement is credited to: an entity, an unnamed source, or the author (the
        row carries the credited entity's name as ``attributed_name``)."""
        if row["attributed_unnamed"]:
            return {"attributed_to": "UNNAMED", "attributed_name": "unnamed source"}
        if row["attributed_to"] is None:
            return {"attributed_to": None, "attributed_name": None}
        return {"attributed_to": row["attributed_to"], "attributed_name": row["attributed_name"]}

    def relations(self, *, entity_id: int | None = None, type: str | None = None, doc_id: str | None = None,
                  limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """Stored relations with both ends named, their source label, hedge and evidence sentences."""
        limit, offset = bounded(limit), bounded(offset)
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if entity_id is not None:
            # every row of the entity's cluster, at either end; each end found through its index
            members = self.members(entity_id)
            if not members:
                return []
            marks = ", ".join("?" for _ in members)
            where.append(f"r.id IN (SELECT id FROM relations WHERE source_id IN ({marks})"
                         f" UNION SELECT id FROM relations WHERE target_id IN ({marks}))")
            params += [*members, *members]
        if type is not None:
            where.append("r.type = ?")
            params.append(type)
        if doc_id is not None:
            where.append("r.doc_id = ?")
            params.append(doc_id)
        rows = self.conn.execute(
            "SELECT r.*, s.id AS source_root, s.name AS source_name, t.id AS target_root, t.name AS target_name,"
            " d.title AS doc_title, d.published AS doc_published, d.outlet AS doc_outlet, an.name AS attributed_name"
            " FROM relations r JOIN entities s0 ON s0.id = r.source_id JOIN entities t0 ON t0.id = r.target_id"
            " JOIN entities s ON s.id = coalesce(s0.canonical_id, s0.id)"
            " JOIN entities t ON t.id = coalesce(t0.canonical_id, t0.id)"
            " JOIN documents d ON d.id = r.doc_id LEFT JOIN entities an ON an.id = r.attributed_to"
            f" WHERE {' AND '.join(where)}"
            " ORDER BY r.type, s.name, t.name, d.published, r.id LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
        evidence_of = self._evidence_of(rows)
        out: list[dict[str, Any]] = []
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        for r in rows:
            key = (r["type"], r["source_root"], r["target_root"], r["doc_id"])
            evidence = evidence_of[int(r["id"])]
            if key in seen:
                # two spellings of one referent in one article, later merged: one relation, all its
                # sentences; it stays hedged only if every sentence hedges it
                kept = seen[key]
                kept["evidence"] += [e for e in evidence if e not in kept["evidence"]]
                kept["hedged"] = kept["hedged"] and bool(r["hedged"])
                continue
            seen[key] = {"id": r["id"], "type": r["type"], "source_id": r["source_root"], "source": r["source_name"],
                         "target_id": r["target_root"], "target": r["target_name"], "hedged": bool(r["hedged"]),
                         **self._source_label(r), "inherited": bool(r["attribution_inherited"]), "cue": r["cue"],
                         "doc_id": r["doc_id"], "doc_title": r["doc_title"], "published": r["doc_published"],
                         "evidence": evidence, "extractor": r["extractor"]}
            out.append(seen[key])
        return out

    def events(self, *, type: str | None = None, actor: str | None = None, place: str | None = None,
               since: str | None = None, until: str | None = None, entity_id: int | None = None,
               doc_id: str | None = None, limit: int = 200, offset: int = 0, newest_first: bool = False,
               evidence: bool = True) -> list[dict[str, Any]]:
        """Stored events, filtered by type, an actor's or a place's name (or alias), an entity (any
        row of its cluster, in any role), a document and a date window (on the event's own date,
        else the publication date); in date order (``newest_first``: the latest first), undated
        ones last. ``evidence=False`` leaves out the evidence sentences (an empty list each)."""
        limit, offset = bounded(limit), bounded(offset)
        direction = "DESC" if newest_first else "ASC"
        members: list[int] = []
        if entity_id is not None:
            members = self.members(entity_id)
            if not members:
                return []
        if members and not (type or actor or place or doc_id is not None):
            # only an entity (and dates): its events in date order from the index on its arguments
            # (dated events, then undated ones: each part read in the index's order, so that a page
            # stops early however many events the entity has)
            clauses, values = event_window(since, until, "a")
            scope = (f"a.entity_id IN ({', '.join('?' for _ in members)})"
                     + "".join(f" AND {c}" for c in clauses))
            page = [int(r[0]) for r in self.conn.execute(
                f"SELECT DISTINCT a.event_id, a.dated FROM event_args a WHERE {scope} AND a.dated IS NOT NULL"
                f" ORDER BY a.dated {direction}, a.event_id {direction} LIMIT ? OFFSET ?",
                (*members, *values, limit, offset))]
            if len(page) < limit and not clauses:  # a date window keeps no undated event
                skip = 0 if page else offset - int(self.conn.execute(
                    f"SELECT count(DISTINCT a.event_id) FROM event_args a WHERE {scope} AND a.dated IS NOT NULL",
                    (*members, *values)).fetchone()[0])
                page += [int(r[0]) for r in self.conn.execute(
                    f"SELECT DISTINCT a.event_id FROM event_args a WHERE {scope} AND a.dated IS NULL"
                    f" ORDER BY a.event_id {direction} LIMIT ? OFFSET ?",
                    (*members, *values, limit - len(page), max(0, skip)))]
        else:
            where: list[str] = ["1 = 1"]
            params: list[Any] = []
            if type:
                where.append("e.type = ?")
                params.append(type.upper())
            for role_name, value in (("actor", actor), ("location", place)):
                if value:
                    roles = ("actor", "participant") if role_name == "actor" else ("location",)
                    # any spelling of the entity, in any row of its cluster
                    where.append(
                        "EXISTS (SELECT 1 FROM event_args a JOIN entities n ON n.id = a.entity_id"
                        f" WHERE a.event_id = e.id AND a.role IN ({', '.join('?' for _ in roles)})"
                        " AND coalesce(n.canonical_id, n.id) IN (SELECT coalesce(x.canonical_id, x.id)"
                        " FROM entities x LEFT JOIN entity_aliases al ON al.entity_id = x.id"
                        " WHERE x.name = ? COLLATE NOCASE OR al.alias = ? COLLATE NOCASE))")
                    params += [*roles, value, value]
            if doc_id is not None:
                where.append("e.doc_id = ?")
                params.append(doc_id)
            if members:
                where.append(f"e.id IN (SELECT event_id FROM event_args WHERE entity_id IN"
                             f" ({', '.join('?' for _ in members)}))")
                params += members
            clauses, values = event_window(since, until)
            where += clauses
            params += values
            # the page of events is chosen on narrow rows (id and date), then read in full
            page = [int(r[0]) for r in self.conn.execute(
                f"SELECT e.id FROM events e WHERE {' AND '.join(where)}"
                f" ORDER BY e.dated IS NULL, e.dated {direction}, e.id {direction} LIMIT ? OFFSET ?",
                (*params, limit, offset))]
        order = {event_id: n for n, event_id in enumerate(page)}
        rows = sorted(self.conn.execute(
            "SELECT e.*, d.title AS doc_title, d.published AS doc_published, an.name AS attributed_name FROM events e"
            " JOIN documents d ON d.id = e.doc_id LEFT JOIN entities an ON an.id = e.attributed_to"
            f" WHERE e.id IN ({', '.join('?' for _ in page)})", page).fetchall(), key=lambda r: order[int(r["id"])]) \
            if page else []
        args: dict[int, dict[str, list[dict[str, Any]]]] = {
            int(r["id"]): {"actor": [], "participant": [], "location": []} for r in rows}
        ids = list(args)
        for k in range(0, len(ids), 500):
            part = ids[k:k + 500]
            for a in self.conn.execute(
                    "SELECT a.event_id, a.role, n.id, n.name, n.geo FROM event_args a JOIN entities n0"
                    " ON n0.id = a.entity_id JOIN entities n ON n.id = coalesce(n0.canonical_id, n0.id)"
                    f" WHERE a.event_id IN ({', '.join('?' for _ in part)}) ORDER BY a.event_id, a.rowid", part):
                role = args[int(a["event_id"])][a["role"]]
                if any(x["id"] == a["id"] for x in role):
                    continue  # two spellings of one merged referent
                role.append({"id": a["id"], "name": a["name"], "geo": json.loads(a["geo"]) if a["geo"] else None})
        evidence_of = self._evidence_of(rows) if evidence else {}
        out = []
        for r in rows:
            got = args[int(r["id"])]
            out.append({"id": r["id"], "type": r["type"], "cameo": r["cameo"], "time": r["time"],
                        "published": r["doc_published"], "hedged": bool(r["hedged"]), **self._source_label(r),
                        "inherited": bool(r["attribution_inherited"]), "trigger": r["trigger"],
                        "actors": got["actor"], "participants": got["participant"], "locations": got["location"],
                        "doc_id": r["doc_id"], "doc_title": r["doc_title"],
                        "evidence": evidence_of.get(int(r["id"]), []), "extractor": r["extractor"]})
        return out

