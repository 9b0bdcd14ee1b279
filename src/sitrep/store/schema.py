"""The event store's schema, as numbered migrations. `migrate` brings any store up to date in place.

SQLite (`MIGRATIONS`) and PostgreSQL (`PG_MIGRATIONS`) hold the same tables, columns and indexes, migration by
migration; tests/test_store.py checks that they stay in step. Where the engines differ:
- SQLite's FTS5 tables are, on PostgreSQL, tables of (rowid, body tsvector) with a GIN index, filled by the
  store from the same tokens (sitrep.store.backend.search_tokens);
- SQLite's R-tree tables are plain tables with B-tree indexes on the coordinates (bounding boxes of points);
- SQLite's implicit rowid is a real `rowid` column where the store uses it (documents, events, canonical
  events); text compares byte-wise (COLLATE "C", as SQLite's BINARY), integers are 64-bit (BIGINT) and
  reals double precision; `end` is quoted (a reserved word); NOCASE indexes are indexes on lower(column);
- the version is a row of `sitrep_schema` rather than PRAGMA user_version.
"""

from __future__ import annotations

from sitrep.store.backend import MIGRATE_LOCK_KEY, dialect_of, retry_busy

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


# PostgreSQL: the same schema, migration by migration (see the module's docstring for the differences)
_T = 'TEXT COLLATE "C"'
_I = "BIGINT"
_R = "DOUBLE PRECISION"
_EVENT_COLUMNS_PG = f"""
        event_date {_T}, date_end {_T}, time_precision {_I}, event_type {_T}, sub_event_type {_T},
        actor1 {_T}, assoc_actor_1 {_T}, inter1 {_I}, actor2 {_T}, assoc_actor_2 {_T}, inter2 {_I},
        interaction {_I}, country {_T}, admin1 {_T}, admin2 {_T}, location {_T}, latitude {_R}, longitude {_R},
        geo_precision {_I}, fatalities {_I}, fatalities_low {_I}, fatalities_best {_I},
        fatalities_high {_I}, notes {_T}, confidence {_R}, background {_I} DEFAULT 0"""

PG_MIGRATIONS: list[str] = [
    # 1: documents, events and what supports them
    f"""
    CREATE TABLE documents (
        id {_T} PRIMARY KEY, content_hash {_T} NOT NULL UNIQUE, source {_T}, url {_T}, title {_T},
        published {_T}, published_from {_T}, language {_T}, raw_text {_T} NOT NULL, clean_text {_T},
        offset_runs {_T}, origin {_T}, ingested_at {_T} NOT NULL, warnings {_T},
        rowid {_I} GENERATED BY DEFAULT AS IDENTITY UNIQUE
    );
    CREATE TABLE documents_fts (
        rowid {_I} PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE, body TSVECTOR NOT NULL
    );
    CREATE INDEX documents_fts_body ON documents_fts USING gin (body);
    CREATE TABLE events (
        id {_T} PRIMARY KEY, doc_id {_T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,{_EVENT_COLUMNS_PG},
        salience {_R}, rank {_I}
    );
    CREATE INDEX events_date ON events (event_date);
    CREATE INDEX events_country ON events (country, admin1);
    CREATE INDEX events_type ON events (event_type, sub_event_type);
    CREATE INDEX events_doc ON events (doc_id);
    CREATE TABLE evidence (
        event_id {_T} NOT NULL REFERENCES events(id) ON DELETE CASCADE, field {_T} NOT NULL,
        start {_I} NOT NULL, "end" {_I} NOT NULL, text {_T}
    );
    CREATE INDEX evidence_event ON evidence (event_id);
    CREATE TABLE claims (
        id {_I} GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        doc_id {_T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE, event_id {_T},
        claimant {_T}, text {_T}, status {_T}, kind {_T}, value {_T}, ev_start {_I}, ev_end {_I}
    );
    CREATE INDEX claims_event ON claims (event_id);
    CREATE TABLE relations (
        id {_I} GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        doc_id {_T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        subject {_T}, predicate {_T}, object {_T}, status {_T}, attributed_to {_T}, ev_start {_I},
        ev_end {_I}, ev_text {_T}, date {_T}
    );
    CREATE TABLE actors (name {_T} PRIMARY KEY, actor_id {_T}, inter {_I}, kind {_T}, country {_T});
    CREATE TABLE event_actors (event_id {_T} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                               actor {_T} NOT NULL, role {_T} NOT NULL);
    CREATE INDEX event_actors_actor ON event_actors (actor);
    CREATE TABLE places (geonameid {_I} PRIMARY KEY, name {_T}, lat {_R}, lon {_R}, country_code {_T},
                         admin1 {_T}, admin2 {_T}, feature_code {_T});
    CREATE TABLE place_mentions (doc_id {_T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                                 start {_I}, "end" {_I}, text {_T}, geonameid {_I}, geo_precision {_I},
                                 qualifier {_T}, resolved {_I}, kind {_T});
    """,
    # 2: bounding-box look-ups over event points
    f"""
    CREATE TABLE events_rtree (rid {_I} PRIMARY KEY, min_lat {_R}, max_lat {_R}, min_lon {_R}, max_lon {_R});
    CREATE INDEX events_rtree_lat ON events_rtree (min_lat, min_lon);
    CREATE INDEX events_rtree_lon ON events_rtree (min_lon, min_lat);
    ALTER TABLE events ADD COLUMN rid {_I};
    CREATE UNIQUE INDEX events_rid ON events (rid);
    ALTER TABLE events ADD COLUMN rowid {_I} GENERATED BY DEFAULT AS IDENTITY UNIQUE;
    """,
    # 3: the analyst's workspace (see MIGRATIONS[2])
    f"""
    CREATE TABLE document_reports (
        doc_id {_T} PRIMARY KEY, report_id {_T} NOT NULL, similarity {_R}, outlet {_T}, shingles {_I}
    );
    CREATE INDEX document_reports_report ON document_reports (report_id);
    CREATE TABLE document_lsh (band {_I} NOT NULL, hash {_I} NOT NULL, doc_id {_T} NOT NULL);
    CREATE INDEX document_lsh_key ON document_lsh (band, hash);
    CREATE TABLE canonical_events (
        id {_T} PRIMARY KEY, rid {_I} NOT NULL UNIQUE, anchor_event_id {_T},{_EVENT_COLUMNS_PG},
        n_documents {_I}, n_reports {_I}, n_sources {_I}, confirmed {_I} DEFAULT 0, status {_T},
        claimed_by {_T}, facts {_T}, sources {_T}, month {_T}, week {_T}, updated_at {_T},
        rowid {_I} UNIQUE
    );
    CREATE INDEX canonical_date ON canonical_events (event_date, rowid);
    CREATE INDEX canonical_country ON canonical_events (lower(country), event_date);
    CREATE INDEX canonical_admin1 ON canonical_events (lower(admin1), event_date);
    CREATE INDEX canonical_country_type ON canonical_events (lower(country), lower(event_type), event_date);
    CREATE INDEX canonical_type ON canonical_events (lower(event_type), event_date);
    CREATE INDEX canonical_sub_type ON canonical_events (lower(sub_event_type), event_date);
    CREATE INDEX canonical_confirmed ON canonical_events (confirmed, event_date);
    CREATE INDEX canonical_month ON canonical_events (month, admin1);
    CREATE TABLE canonical_rtree (rid {_I} PRIMARY KEY, min_lat {_R}, max_lat {_R}, min_lon {_R}, max_lon {_R});
    CREATE INDEX canonical_rtree_lat ON canonical_rtree (min_lat, min_lon);
    CREATE INDEX canonical_rtree_lon ON canonical_rtree (min_lon, min_lat);
    CREATE TABLE canonical_fts (rowid {_I} PRIMARY KEY, body TSVECTOR NOT NULL);
    CREATE INDEX canonical_fts_body ON canonical_fts USING gin (body);
    CREATE TABLE canonical_members (
        event_id {_T} PRIMARY KEY, canonical_id {_T} NOT NULL, doc_id {_T}, report_id {_T}, score {_R},
        reasons {_T}, added_at {_T}
    );
    CREATE INDEX canonical_members_canonical ON canonical_members (canonical_id);
    CREATE TABLE canonical_actors (canonical_id {_T} NOT NULL, actor {_T} NOT NULL, role {_T} NOT NULL);
    CREATE INDEX canonical_actors_actor ON canonical_actors (actor, canonical_id);
    CREATE INDEX canonical_actors_canonical ON canonical_actors (canonical_id);
    CREATE TABLE canonical_claims (canonical_id {_T} NOT NULL, fact {_T}, category {_T}, claimant {_T});
    CREATE INDEX canonical_claims_category ON canonical_claims (category, canonical_id);
    CREATE INDEX canonical_claims_canonical ON canonical_claims (canonical_id);
    CREATE TABLE fusion_links (
        event_a {_T} NOT NULL, event_b {_T} NOT NULL, kind {_T} NOT NULL, created_at {_T}, note {_T},
        PRIMARY KEY (event_a, event_b, kind)
    );
    CREATE INDEX fusion_links_b ON fusion_links (event_b);
    """,
]


def current_version(conn) -> int:
    if dialect_of(conn) == "postgresql":
        if conn.execute("SELECT to_regclass('sitrep_schema')").fetchone()[0] is None:
            return 0
        row = conn.execute("SELECT version FROM sitrep_schema").fetchone()
        return row[0] if row else 0
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn) -> int:
    """Apply every migration the store has not seen, all in one write transaction. Returns the version.

    Safe when several processes open a new store at once: the first takes the write lock (SQLite's BEGIN
    IMMEDIATE, PostgreSQL's advisory lock) and migrates; the others wait, read the version again inside
    their own transaction, and find nothing left to do."""
    postgres = dialect_of(conn) == "postgresql"
    migrations = PG_MIGRATIONS if postgres else MIGRATIONS
    if current_version(conn) >= len(migrations):
        return current_version(conn)
    if postgres:
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATE_LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS sitrep_schema (version INTEGER NOT NULL)")
        if conn.execute("SELECT COUNT(*) FROM sitrep_schema").fetchone()[0] == 0:
            conn.execute("INSERT INTO sitrep_schema VALUES (0)")
    else:
        retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"), "migrating the store")
    try:
        version = current_version(conn)  # again, under the lock: another process may have migrated
        for number, script in enumerate(migrations, start=1):
            if number <= version:
                continue
            for statement in _statements(script):
                conn.execute(statement)
            if postgres:
                conn.execute("UPDATE sitrep_schema SET version = ?", (number,))
            else:
                conn.execute(f"PRAGMA user_version = {number}")
            version = number
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
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
