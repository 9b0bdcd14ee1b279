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
