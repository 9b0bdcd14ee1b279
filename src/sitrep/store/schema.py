"""The event store's schema, as numbered migrations. `migrate` brings any store up to date in place."""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: documents, events and what supports them
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, source TEXT, url TEXT, title TEXT,
        published TEXT, published_from TEXT, language TEXT, raw_text TEXT NOT NULL, clean_text TEXT,
        offset_runs TEXT, origin TEXT, ingested_at TEXT NOT NULL, warnings TEXT
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5 (title, clean_text, content='documents', content_rowid='rowid');
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, clean_text) VALUES (new.rowid, new.title, new.clean_text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, clean_text)
        VALUES ('delete', old.rowid, old.title, old.clean_text);
    END;
    CREATE TABLE events (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_date TEXT, date_end TEXT, time_precision INTEGER, event_type TEXT, sub_event_type TEXT,
        actor1 TEXT, assoc_actor_1 TEXT, inter1 INTEGER, actor2 TEXT, assoc_actor_2 TEXT, inter2 INTEGER,
        interaction INTEGER, country TEXT, admin1 TEXT, admin2 TEXT, location TEXT, latitude REAL, longitude REAL,
        geo_precision INTEGER, fatalities INTEGER, fatalities_low INTEGER, fatalities_best INTEGER,
        fatalities_high INTEGER, notes TEXT, confidence REAL, background INTEGER DEFAULT 0, salience REAL,
        rank INTEGER
    );
    CREATE INDEX events_date ON events (event_date);
    CREATE INDEX events_country ON events (country, admin1);
    CREATE INDEX events_type ON events (event_type, sub_event_type);
    CREATE INDEX events_doc ON events (doc_id);
    CREATE TABLE evidence (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, field TEXT NOT NULL,
        start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT
    );
    CREATE INDEX evidence_event ON evidence (event_id);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, event_id TEXT,
        claimant TEXT, text TEXT, status TEXT, kind TEXT, value TEXT, ev_start INTEGER, ev_end INTEGER
    );
    CREATE INDEX claims_event ON claims (event_id);
    CREATE TABLE relations (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        subject TEXT, predicate TEXT, object TEXT, status TEXT, attributed_to TEXT, ev_start INTEGER,
        ev_end INTEGER, ev_text TEXT, date TEXT
    );
    CREATE TABLE actors (name TEXT PRIMARY KEY, actor_id TEXT, inter INTEGER, kind TEXT, country TEXT);
    CREATE TABLE event_actors (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, actor TEXT NOT NULL,
                               role TEXT NOT NULL);
    CREATE INDEX event_actors_actor ON event_actors (actor);
    CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country_code TEXT,
                         admin1 TEXT, admin2 TEXT, feature_code TEXT);
    CREATE TABLE place_mentions (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, start INTEGER,
                                 end INTEGER, text TEXT, geonameid INTEGER, geo_precision INTEGER, qualifier TEXT,
                                 resolved INTEGER, kind TEXT);
    """,
    # 2: an R-tree over event points for bounding-box queries
    """
    CREATE VIRTUAL TABLE events_rtree USING rtree (rid, min_lat, max_lat, min_lon, max_lon);
    ALTER TABLE events ADD COLUMN rid INTEGER;
    CREATE UNIQUE INDEX events_rid ON events (rid);
    """,
    # 3: the analyst's workspace — reports (near-duplicate articles are one report), canonical events fused
    # across documents, their members with the reasons they were merged, and the analyst's split/merge links
    """
    CREATE TABLE document_reports (
        doc_id TEXT PRIMARY KEY, report_id TEXT NOT NULL, similarity REAL, outlet TEXT, shingles INTEGER
    );
    CREATE INDEX document_reports_report ON document_reports (report_id);
    CREATE TABLE document_lsh (band INTEGER NOT NULL, hash INTEGER NOT NULL, doc_id TEXT NOT NULL);
    CREATE INDEX document_lsh_key ON document_lsh (band, hash);
    CREATE TABLE canonical_events (
        id TEXT PRIMARY KEY, rid INTEGER NOT NULL UNIQUE, anchor_event_id TEXT,
        event_date TEXT, date_end TEXT, time_precision INTEGER, event_type TEXT, sub_event_type TEXT,
        actor1 TEXT, assoc_actor_1 TEXT, inter1 INTEGER, actor2 TEXT, assoc_actor_2 TEXT, inter2 INTEGER,
        interaction INTEGER, country TEXT, admin1 TEXT, admin2 TEXT, location TEXT, latitude REAL, longitude REAL,
        geo_precision INTEGER, fatalities INTEGER, fatalities_low INTEGER, fatalities_best INTEGER,
        fatalities_high INTEGER, notes TEXT, confidence REAL, background INTEGER DEFAULT 0,
        n_documents INTEGER, n_reports INTEGER, n_sources INTEGER, confirmed INTEGER DEFAULT 0, status TEXT,
        claimed_by TEXT, facts TEXT, sources TEXT, month TEXT, week TEXT, updated_at TEXT
    );
    CREATE INDEX canonical_date ON canonical_events (event_date);
    CREATE INDEX canonical_country ON canonical_events (country COLLATE NOCASE, event_date);
    CREATE INDEX canonical_admin1 ON canonical_events (admin1 COLLATE NOCASE, event_date);
    CREATE INDEX canonical_country_type ON canonical_events (country COLLATE NOCASE, event_type COLLATE NOCASE,
                                                             event_date);
    CREATE INDEX canonical_type ON canonical_events (event_type COLLATE NOCASE, event_date);
    CREATE INDEX canonical_sub_type ON canonical_events (sub_event_type COLLATE NOCASE, event_date);
    CREATE INDEX canonical_confirmed ON canonical_events (confirmed, event_date);
    CREATE INDEX canonical_month ON canonical_events (month, admin1);
    CREATE VIRTUAL TABLE canonical_rtree USING rtree (rid, min_lat, max_lat, min_lon, max_lon);
    CREATE VIRTUAL TABLE canonical_fts USING fts5 (body);
    CREATE TABLE canonical_members (
        event_id TEXT PRIMARY KEY, canonical_id TEXT NOT NULL, doc_id TEXT, report_id TEXT, score REAL,
        reasons TEXT, added_at TEXT
    );
    CREATE INDEX canonical_members_canonical ON canonical_members (canonical_id);
    CREATE TABLE canonical_actors (canonical_id TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL);
    CREATE INDEX canonical_actors_actor ON canonical_actors (actor, canonical_id);
    CREATE INDEX canonical_actors_canonical ON canonical_actors (canonical_id);
    CREATE TABLE canonical_claims (canonical_id TEXT NOT NULL, fact TEXT, category TEXT, claimant TEXT);
    CREATE INDEX canonical_claims_category ON canonical_claims (category, canonical_id);
    CREATE INDEX canonical_claims_canonical ON canonical_claims (canonical_id);
    CREATE TABLE fusion_links (
        event_a TEXT NOT NULL, event_b TEXT NOT NULL, kind TEXT NOT NULL, created_at TEXT, note TEXT,
        PRIMARY KEY (event_a, event_b, kind)
    );
    CREATE INDEX fusion_links_b ON fusion_links (event_b);
    """,
]


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration the store has not seen, each in its own transaction. Returns the version."""
    version = current_version(conn)
    for number, script in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        conn.execute("BEGIN")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf, depth = [], [], 0
    for line in script.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            depth = 1
        if depth and upper.startswith("END;"):
            depth = 0
            out.append("\n".join(buf))
            buf = []
            continue
        if not depth and stripped.endswith(";"):
            out.append("\n".join(buf))
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out
