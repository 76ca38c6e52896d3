"""Named schema migrations, applied in order, each in its own transaction, on SQLite and PostgreSQL.

A migration is never edited once released: add a new one. Applied names are recorded in the
``migrations`` table, so opening a store runs only what is missing.

One list serves both backends. Migrations are written in SQLite's dialect, kept to a portable
subset that ``postgres_sql`` translates for PostgreSQL:

- ``id INTEGER PRIMARY KEY`` becomes an identity column; other ``INTEGER`` columns stay
  ``INTEGER``; ``REAL`` becomes ``DOUBLE PRECISION``, ``BLOB`` becomes ``BYTEA``.
- every ``TEXT`` column is ``COLLATE "C"``, so ``ORDER BY`` sorts bytes as SQLite does, whatever
  the database's locale.
- a table without an ``INTEGER PRIMARY KEY`` gets a ``rowid`` identity column, standing in for
  SQLite's implicit rowid (insertion order), so ``ORDER BY rowid`` means the same on both.
- ``DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`` becomes the same UTC timestamp text.
- an index on ``col COLLATE NOCASE`` becomes an index on ``lower(col)``.
- anything else (FTS5 virtual tables, triggers) needs a PostgreSQL variant of the whole
  migration in ``POSTGRES_VARIANTS``, under the same name.

Write nothing else SQLite-specific (``AUTOINCREMENT``, ``WITHOUT ROWID``, ``INSERT OR ...``,
``json_extract``, ``strftime`` outside a column default); ``tests/store`` runs every migration on
both backends.
"""

from __future__ import annotations

import re

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents_entities", """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,               -- sha256 of the normalised text
            text TEXT NOT NULL,
            title TEXT,
            url TEXT,
            outlet TEXT,
            published TEXT,                    -- ISO date
            format TEXT NOT NULL,
            extractor TEXT,
            minhash BLOB,                      -- near-duplicate signature
            copy_of TEXT REFERENCES documents(id),
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX documents_copy_of ON documents(copy_of);
        CREATE INDEX documents_published ON documents(published);

        -- every place a document was read from (one article may come from several files or feeds)
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            locator TEXT NOT NULL,             -- path, path:line, path#item or URL
            url TEXT,
            outlet TEXT,
            seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            UNIQUE (doc_id, locator)
        );

        -- canonical entities across documents; key is the registry id or a type-scoped name key
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            subtype TEXT,
            name TEXT NOT NULL,
            kb_id TEXT,
            geo TEXT                           -- JSON
        );
        CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

        CREATE TABLE entity_aliases (
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias)
        );
        CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            local_id TEXT NOT NULL,            -- the entity's id inside the document (e1, e2, ...)
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            sent_start INTEGER,
            sent_end INTEGER,
            UNIQUE (doc_id, start, "end")
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
    """),
    ("0002_relations_events", """
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            source_id INTEGER NOT NULL REFERENCES entities(id),
            target_id INTEGER NOT NULL REFERENCES entities(id),
            hedged INTEGER NOT NULL DEFAULT 0,
            attributed_to INTEGER REFERENCES entities(id),
            attributed_unnamed INTEGER NOT NULL DEFAULT 0,
            evidence TEXT NOT NULL,            -- JSON list of {start, end}
            extractor TEXT NOT NULL,
            UNIQUE (doc_id, type, source_id, target_id)
        );
        CREATE INDEX relations_source ON relations(source_id);
        CREATE INDEX relations_target ON relations(target_id);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            cameo TEXT NOT NULL,
            time TEXT,
            hedged INTEGER NOT NULL DEFAULT 0,
            attributed_to INTEGER REFERENCES entities(id),
            attributed_unnamed INTEGER NOT NULL DEFAULT 0,
            evidence TEXT NOT NULL,
            extractor TEXT NOT NULL
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_type ON events(type);

        CREATE TABLE event_args (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            role TEXT NOT NULL,                -- actor | participant | location
            PRIMARY KEY (event_id, entity_id, role)
        );
        CREATE INDEX event_args_entity ON event_args(entity_id);
    """),
    ("0003_fulltext", """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
    """),
    ("0004_statement_provenance", """
        ALTER TABLE relations ADD COLUMN cue TEXT;
        ALTER TABLE relations ADD COLUMN attribution_chain TEXT;       -- JSON list of entity ids or "UNNAMED"
        ALTER TABLE relations ADD COLUMN attribution_inherited INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE events ADD COLUMN trigger TEXT;
        ALTER TABLE events ADD COLUMN attribution_chain TEXT;
        ALTER TABLE events ADD COLUMN attribution_inherited INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX events_time ON events(time);
    """),
    ("0005_identity_and_watchlists", """
        ALTER TABLE entities ADD COLUMN canonical_id INTEGER REFERENCES entities(id);
        CREATE INDEX entities_canonical ON entities(canonical_id);
        -- merge and split decisions, as data: who decided what about which pair, and when
        CREATE TABLE judgements (
            id INTEGER PRIMARY KEY,
            left_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            right_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            judgement TEXT NOT NULL CHECK (judgement IN ('positive', 'negative')),
            source TEXT NOT NULL CHECK (source IN ('system', 'user')),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX judgements_pair ON judgements(left_id, right_id);
        -- actors to watch, imported from FollowTheMoney entities (OpenSanctions, Aleph)
        CREATE TABLE watchlist (
            id INTEGER PRIMARY KEY,
            ftm_id TEXT NOT NULL UNIQUE,
            schema TEXT NOT NULL,
            name TEXT NOT NULL,
            names TEXT NOT NULL,               -- JSON list: name and every alias
            properties TEXT NOT NULL,          -- JSON: the FtM properties as imported
            source TEXT,
            imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE watch_matches (
            watch_id INTEGER NOT NULL REFERENCES watchlist(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            PRIMARY KEY (watch_id, entity_id)
        );
    """),
    ("0006_indexes_for_scale", """
        CREATE INDEX entities_root ON entities(coalesce(canonical_id, id));
        CREATE INDEX relations_attributed ON relations(attributed_to);
        CREATE INDEX events_attributed ON events(attributed_to);
        CREATE INDEX judgements_right ON judgements(right_id);
    """),
    ("0007_analysis", """
        -- claims: statements that say the same thing, grouped (tracewire.analyze.claims)
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,          -- type, parties, place and date window: stable across rebuilds
            kind TEXT NOT NULL,                -- relation | event
            type TEXT NOT NULL,
            cameo TEXT,
            subjects TEXT NOT NULL,            -- JSON list of canonical entity ids
            objects TEXT NOT NULL,
            places TEXT NOT NULL,
            date_from TEXT,                    -- the window the reports put the fact in (ISO dates)
            date_to TEXT,
            first_seen TEXT,                   -- publication dates of the first and last report
            last_seen TEXT,
            hedged INTEGER NOT NULL,
            reports INTEGER NOT NULL,
            independent INTEGER NOT NULL,      -- distinct named sources, copies and citing outlets folded
            unnamed INTEGER NOT NULL,          -- outlets relying on unnamed sources, counted apart
            contradicting INTEGER NOT NULL,    -- distinct sources of contradicting reports
            reliability TEXT NOT NULL,         -- A-F
            credibility INTEGER NOT NULL,      -- 1-6
            reasons TEXT NOT NULL,             -- JSON list of sentences
            summary TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX claims_type ON claims(type);
        CREATE INDEX claims_date ON claims(date_from);
        CREATE TABLE claim_parties (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL,
            role TEXT NOT NULL,                -- subject | object | place
            PRIMARY KEY (claim_id, entity_id, role)
        );
        CREATE INDEX claim_parties_entity ON claim_parties(entity_id);
        CREATE TABLE claim_reports (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            stance TEXT NOT NULL,              -- supports | contradicts
            statement TEXT NOT NULL,           -- relation | event
            statement_id INTEGER NOT NULL,
            doc_id TEXT NOT NULL,
            original_id TEXT NOT NULL,         -- the earliest copy of the document's story
            source_key TEXT NOT NULL,
            source_name TEXT NOT NULL,
            unnamed INTEGER NOT NULL,
            hedged INTEGER NOT NULL,
            published TEXT,
            reason TEXT                        -- why a report contradicts: negation, a denial
        );
        CREATE INDEX claim_reports_claim ON claim_reports(claim_id);
        CREATE INDEX claim_reports_source ON claim_reports(source_key);
        -- the source registry: user ratings (A-F) and each source's track record
        CREATE TABLE source_ratings (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            rating TEXT,                       -- set by a user; NULL: derived from the track record
            note TEXT,
            claims INTEGER NOT NULL DEFAULT 0,
            confirmed INTEGER NOT NULL DEFAULT 0,
            contradicted INTEGER NOT NULL DEFAULT 0,
            derived TEXT,                      -- the rating the track record gives
            updated_at TEXT
        );
        -- actors and places to watch, added by a user (FtM imports stay in watchlist)
        CREATE TABLE watch (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,                -- actor | place
            entity_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            note TEXT,
            added_at TEXT NOT NULL,
            UNIQUE (kind, entity_id)
        );
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,          -- kind, actor and what is new: an alert is raised once
            kind TEXT NOT NULL,                -- new_place | new_partner | new_role | silence
            entity_id INTEGER NOT NULL,
            entity_name TEXT NOT NULL,
            subject_id INTEGER,
            subject TEXT,
            date TEXT,
            doc_id TEXT,
            evidence TEXT NOT NULL,            -- JSON: documents, spans and sentences
            detail TEXT NOT NULL,              -- JSON
            watched_by TEXT NOT NULL,          -- watch | watchlist:FTM_ID
            created_at TEXT NOT NULL
        );
        CREATE INDEX alerts_entity ON alerts(entity_id);
        CREATE INDEX alerts_date ON alerts(date);
    """),
    ("0008_attention_index", """
        -- documents naming each canonical entity per publication day, built by run_analysis
        CREATE TABLE mention_days (
            entity_id INTEGER NOT NULL,        -- the canonical (root) entity
            day TEXT NOT NULL,                 -- YYYY-MM-DD
            docs INTEGER NOT NULL,
            last_doc TEXT,
            PRIMARY KEY (entity_id, day)
        );
        -- what each derived table was built from, so a stale one is never read
        CREATE TABLE analysis_state (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            value TEXT NOT NULL
        );
    """),
    ("0009_mentions_by_entity_and_document", """
        -- an entity's documents and co-mentions, read from the index alone
        CREATE INDEX mentions_entity_doc ON mentions(entity_id, doc_id);
    """),
    ("0010_event_dates", """
        -- an event's date: its own, else its article's publication date; copied onto its arguments
        -- so that an entity's events are read in date order from one index
        ALTER TABLE events ADD COLUMN dated TEXT;
        UPDATE events SET dated = coalesce(time, (SELECT published FROM documents d WHERE d.id = events.doc_id));
        ALTER TABLE event_args ADD COLUMN dated TEXT;
        UPDATE event_args SET dated = (SELECT dated FROM events e WHERE e.id = event_args.event_id);
        CREATE INDEX events_dated ON events(dated);
        DROP INDEX event_args_entity;
        CREATE INDEX event_args_entity_dated ON event_args(entity_id, dated, event_id);
    """),
]

# The PostgreSQL form of migrations that the translation rules cannot express.
POSTGRES_VARIANTS: dict[str, str] = {
    # full-text search: a generated tsvector column with a GIN index instead of an FTS5 table
    "0003_fulltext": """
        ALTER TABLE documents ADD COLUMN fts tsvector GENERATED ALWAYS AS
            (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED;
        CREATE INDEX documents_fts ON documents USING GIN (fts);
    """,
}

_NOW_SQLITE = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
_NOW_POSTGRES = "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))"


def postgres_sql(name: str, sql: str) -> str:
    """The PostgreSQL form of the migration ``name`` (see the rules in this module's docstring)."""
    if name in POSTGRES_VARIANTS:
        return POSTGRES_VARIANTS[name]
    out = sql.replace(_NOW_SQLITE, _NOW_POSTGRES)
    out = re.sub(r"\bid INTEGER PRIMARY KEY\b", "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", out)
    out = re.sub(r"\bREAL\b", "DOUBLE PRECISION", out)
    out = re.sub(r"\bBLOB\b", "BYTEA", out)
    out = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', out)
    out = re.sub(r"\((\w+) COLLATE NOCASE\)", r"(lower(\1))", out)

    def add_rowid(match: re.Match[str]) -> str:
        head, body = match.group(1), match.group(2)
        if "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" in body:
            return match.group(0)
        return f"{head}\n            rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,{body}"

    return re.sub(r"(CREATE TABLE \w+ \()(.*?\n        \);)", add_rowid, out, flags=re.S)
