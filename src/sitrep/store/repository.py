"""The event store: an embedded SQLite file (WAL; the default) or a PostgreSQL database a team shares.

Each document is saved in one transaction: an interrupted batch leaves no half-written document, and
ingesting the same text twice changes nothing (content hash, checked inside the write transaction, so two
writers storing the same text at once store it once). Long maintenance (fusing again) commits in chunks, so
a writer waiting for its turn waits about a second, not the whole rebuild."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sitrep.records import Claim, Event, Extraction, Span
from sitrep.store.backend import (
    Row,
    begin_write,
    ci_equals,
    commit,
    connect,
    display_location,
    fts_index,
    fts_param,
    fts_query,
    fts_rowids,
    group_concat_distinct,
    like,
    order_by,
    rollback,
    store_location,
    subquery_alias,
)
from sitrep.store.schema import current_version, migrate

__all__ = ["EventFilter", "Store", "Row", "fts_query", "row_to_event", "claim_from_row", "canonical_to_event"]

FUSION_VERSION = 3  # the migration that brought canonical events
CHUNK_SECONDS = 1.0  # long maintenance commits about this often ...
CHUNK_PAUSE = 0.15  # ... and leaves the lock free this long (SQLite's waiting writers poll every 0.1 s)

_EVENT_COLUMNS = ["id", "doc_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type", "actor1",
                  "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1",
                  "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low",
                  "fatalities_best", "fatalities_high", "notes", "confidence", "background", "salience", "rank"]


@dataclass
class EventFilter:
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    include_background: bool = True
    limit: int | None = None
    offset: int = 0
    confirmed_only: bool = False  # only events whose occurrence two independent non-party sources report
    claimed_by: str | None = None  # party | officials | local | outlet, or part of a claimant's name


class Store:
    def __init__(self, location: str | Path, fuse: bool = True, readonly: bool = False):
        """Open (and migrate) the store at `location`: a SQLite file, or a `postgresql://` URL. `fuse`: fuse
        each saved document across documents (sitrep.fuse). `readonly`: a query-only connection that neither
        migrates nor writes (the HTTP API's readers)."""
        self.location = store_location(location)
        self.path = self.location  # the SQLite file, or the URL (older callers read .path)
        self.fuse = fuse
        self.refreshed = False  # readings were replaced: canonical events await a rebuild
        self.conn = connect(self.location, readonly=readonly)
        self.dialect: str = self.conn.dialect
        if readonly:
            if self.dialect == "sqlite":
                self.conn.execute("PRAGMA query_only = 1")
                self.conn.execute("PRAGMA cache_size = -131072")
                self.conn.execute("PRAGMA mmap_size = 1073741824")
            self.version = current_version(self.conn)
            return
        if self.dialect == "sqlite":
            from sitrep.store.backend import retry_busy

            # switching a new file to WAL takes a lock that a second process opening it may find held
            retry_busy(lambda: self.conn.execute("PRAGMA journal_mode = WAL").fetchall(), "opening the store")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        before = current_version(self.conn)
        self.version = migrate(self.conn)
        if fuse and before < FUSION_VERSION <= self.version and before > 0:
            self.fuse_pending()  # a store from before fusion: fuse what it holds once

    @property
    def label(self) -> str:
        """Where the store is, for messages (a URL's password hidden)."""
        return display_location(self.location)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing
    def has_content(self, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def _forget(self, doc_id: str) -> None:
        """Drop a stored document's reading (its events, claims, relations, places cascade with it), inside the
        caller's transaction. Event ids are rebuilt the same way, so the analyst's split and merge links still
        apply to the new reading."""
        c = self.conn
        c.execute("DELETE FROM events_rtree WHERE rid IN (SELECT rid FROM events WHERE doc_id = ?)", (doc_id,))
        c.execute("DELETE FROM canonical_members WHERE doc_id = ?", (doc_id,))
        c.execute("DELETE FROM document_reports WHERE doc_id = ?", (doc_id,))
        c.execute("DELETE FROM document_lsh WHERE doc_id = ?", (doc_id,))
        c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def rebuild_fusion(self, chunk_seconds: float = CHUNK_SECONDS) -> int:
        """Fuse the whole store again after readings were replaced (the analyst's splits and merges hold).

        The canonical events are cleared in one transaction, then documents are fused again in chunks of about
        `chunk_seconds`, each its own transaction: other writers get their turn between chunks. Readers see the
        canonical events fill up again while it runs; documents stored meanwhile are fused as they come."""
        from sitrep.fuse import clear_canonical

        with self.transaction() as conn:
            clear_canonical(conn)
        n = self.fuse_pending(chunk_seconds)
        self.refreshed = False
        return n

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def save(self, result: Extraction, refresh: bool = False) -> bool:
        """Store one document and everything read from it, in one transaction. False when the same text is
        already stored (by this process or another one, before or meanwhile), unless `refresh`: then the stored
        reading is replaced by this one (a newer sitrep reads better) and the canonical events are to be
        rebuilt once the batch is done (`rebuild_fusion`)."""
        doc = result.document
        c = self.conn
        begin_write(c, f"storing {doc.origin or doc.id}")
        try:
            stored = c.execute("SELECT id FROM documents WHERE content_hash = ?", (doc.content_hash,)).fetchall()
            if stored and not refresh:
                rollback(c)
                return False
            for (old_id,) in stored:
                self._forget(old_id)
                self.refreshed = True
            doc_id = doc.id
            if self.has_document(doc_id):
                doc_id = f"{doc.id}#{doc.content_hash[:8]}"  # same id, different text: keep both
            # insert-or-ignore on the content hash: the check above and this insert share one transaction, and
            # a conflict still means "already stored", never an error that would stop the batch
            inserted = c.execute(
                "INSERT INTO documents (id, content_hash, source, url, title, published, published_from, language, "
                "raw_text, clean_text, offset_runs, origin, ingested_at, warnings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT DO NOTHING RETURNING rowid", (
                    doc_id, doc.content_hash, doc.source, doc.url, doc.title,
                    doc.published.isoformat() if doc.published else None, doc.published_from, doc.language,
                    doc.text, doc.clean_text, json.dumps(doc.offset_runs), doc.origin,
                    datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(result.warnings))).fetchall()
            if not inserted:
                rollback(c)
                return False
            if self.dialect == "postgresql":  # SQLite's FTS5 table is filled by a trigger
                fts_index(c, "documents_fts", inserted[0][0], f"{doc.title or ''} {doc.clean_text or ''}")
            for rank, event in enumerate(result.events):
                event_id = event.event_id if doc_id == doc.id else event.event_id.replace(doc.id, doc_id, 1)
                self._insert_event(event, event_id, doc_id, rank)
            for claim in result.claims:
                ev = claim.evidence
                c.execute("INSERT INTO claims (doc_id, event_id, claimant, text, status, kind, value, ev_start, ev_end) "
                          "VALUES (?,?,?,?,?,?,?,?,?)",
                          (doc_id, claim.event_id or None, claim.claimant, claim.text, claim.status, claim.kind,
                           json.dumps(claim.value), ev.start if ev else None, ev.end if ev else None))
            for rel in result.relations:
                ev = rel.evidence
                c.execute("INSERT INTO relations (doc_id, subject, predicate, object, status, attributed_to, ev_start, "
                          "ev_end, ev_text, date) VALUES (?,?,?,?,?,?,?,?,?,?)",
                          (doc_id, rel.subject, rel.predicate, rel.object, rel.status, rel.attributed_to,
                           ev.start if ev else None, ev.end if ev else None, ev.text if ev else None, rel.date))
            for mention in result.places:
                p = mention.place
                if p is not None:
                    c.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                              (p.geonameid, p.name, p.lat, p.lon, p.country_code, p.admin1, p.admin2, p.feature_code))
                c.execute("INSERT INTO place_mentions VALUES (?,?,?,?,?,?,?,?,?)",
                          (doc_id, mention.span.start, mention.span.end, mention.span.text,
                           p.geonameid if p else None, mention.geo_precision, mention.qualifier,
                           int(mention.resolved), mention.kind))
            for actor in result.actors:
                c.execute("INSERT INTO actors VALUES (?,?,?,?,?) ON CONFLICT (name) DO UPDATE SET "
                          "actor_id = COALESCE(actors.actor_id, excluded.actor_id), "
                          "inter = COALESCE(actors.inter, excluded.inter), kind = COALESCE(actors.kind, excluded.kind), "
                          "country = COALESCE(actors.country, excluded.country)",
                          (actor.name, actor.actor_id, actor.inter, actor.kind, actor.country))
            if self.fuse:
                from sitrep.fuse import fuse_document

                fuse_document(c, doc_id)
            commit(c)
        except BaseException:
            rollback(c)
            raise
        return True

    def _insert_event(self, event: Event, event_id: str, doc_id: str, rank: int) -> None:
        c = self.conn
        values = [event_id, doc_id, event.event_date.isoformat() if event.event_date else None,
                  event.date_end.isoformat() if event.date_end else None, event.time_precision, event.event_type,
                  event.sub_event_type, event.actor1, event.assoc_actor_1, event.inter1, event.actor2,
                  event.assoc_actor_2, event.inter2, event.interaction if event.inter1 else None, event.country,
                  event.admin1, event.admin2, event.location, event.latitude, event.longitude, event.geo_precision,
                  event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high, event.notes,
                  event.confidence, int(event.background), event.salience, rank]
        c.execute(f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(values))})", values)
        rid = c.execute("UPDATE events SET rid = rowid WHERE id = ? RETURNING rid", (event_id,)).fetchall()[0][0]
        if event.latitude is not None and event.longitude is not None:
            c.execute("INSERT INTO events_rtree VALUES (?,?,?,?,?)",
                      (rid, event.latitude, event.latitude, event.longitude, event.longitude))
        for field_name, spans in event.evidence.items():
            for span in spans:
                c.execute("INSERT INTO evidence VALUES (?,?,?,?,?)", (event_id, field_name, span.start, span.end,
                                                                      span.text))
        for role, names in (("actor1", [event.actor1]), ("assoc_actor_1", event.assoc_actor_1.split("; ")),
                            ("actor2", [event.actor2]), ("assoc_actor_2", event.assoc_actor_2.split("; "))):
            for name in names:
                if name:
                    c.execute("INSERT INTO event_actors VALUES (?,?,?)", (event_id, name, role))
                    c.execute("INSERT INTO actors (name) VALUES (?) ON CONFLICT DO NOTHING", (name,))

    # ---- reading
    def query_events(self, f: EventFilter) -> list[Row]:
        sql, params = self._filter_sql(f, "SELECT e.* FROM events e")
        sql += " " + order_by(self.dialect, "e.event_date DESC", "e.doc_id", "e.rank")
        if f.limit:
            sql += " LIMIT ? OFFSET ?"
            params += [f.limit, f.offset]
        return self.conn.execute(sql, params).fetchall()

    def count_events(self, f: EventFilter) -> int:
        sql, params = self._filter_sql(f, "SELECT COUNT(*) FROM events e")
        return self.conn.execute(sql, params).fetchone()[0]

    def _filter_sql(self, f: EventFilter, head: str) -> tuple[str, list]:
        where, params = [], []
        for column in ("country", "admin1", "event_type", "sub_event_type"):  # case-insensitive equality
            value = getattr(f, column)
            if value:
                where.append(f"lower(e.{column}) = lower(?)")
                params.append(value)
        if f.since:
            where.append("e.event_date >= ?")
            params.append(f.since.isoformat())
        if f.until:
            where.append("e.event_date <= ?")
            params.append(f.until.isoformat())
        if f.actor:
            where.append(f"e.id IN (SELECT event_id FROM event_actors WHERE actor {like(self.dialect)})")
            params.append(f"%{f.actor}%")
        if f.text:
            # the words of the query, every one required (no search syntax: a stray quote is no error)
            where.append(f"e.doc_id IN (SELECT d.id FROM documents d WHERE d.rowid IN "
                         f"({fts_rowids(self.dialect, 'documents_fts')}))")
            params.append(fts_param(self.dialect, f.text))
        if f.bbox:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            where.append("e.rid IN (SELECT rid FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? "
                         "AND max_lon <= ?)")
            params += [min_lat, max_lat, min_lon, max_lon]
        if not f.include_background:
            where.append("e.background = 0")
        if f.confirmed_only:
            where.append("e.id IN (SELECT m.event_id FROM canonical_members m JOIN canonical_events c "
                         "ON c.id = m.canonical_id WHERE c.confirmed = 1)")
        if f.claimed_by:
            sub, sub_params = _claimed_by_sql(f.claimed_by, self.dialect)
            where.append(f"e.id IN (SELECT m.event_id FROM canonical_members m WHERE m.canonical_id IN ({sub}))")
            params += sub_params
        sql = head + (" WHERE " + " AND ".join(where) if where else "")
        return sql, params

    def event(self, event_id: str) -> Row | None:
        return self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()

    def evidence(self, event_id: str) -> list[Row]:
        return self.conn.execute("SELECT * FROM evidence WHERE event_id = ? ORDER BY field, start", (event_id,)).fetchall()

    def claims(self, event_id: str | None = None, doc_id: str | None = None) -> list[Row]:
        if event_id:
            return self.conn.execute("SELECT * FROM claims WHERE event_id = ? ORDER BY id", (event_id,)).fetchall()
        return self.conn.execute("SELECT * FROM claims WHERE doc_id = ? ORDER BY id", (doc_id,)).fetchall()

    def relations(self, doc_id: str | None = None) -> list[Row]:
        if doc_id:
            return self.conn.execute("SELECT * FROM relations WHERE doc_id = ? ORDER BY id", (doc_id,)).fetchall()
        return self.conn.execute("SELECT * FROM relations ORDER BY id").fetchall()

    def document(self, doc_id: str) -> Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "claims", "relations", "actors")}

    def iter_events(self) -> Iterator[Event]:
        for row in self.conn.execute("SELECT * FROM events ORDER BY doc_id, rank"):
            yield row_to_event(row)


    # ---- canonical events (fused across documents; see sitrep.fuse)
    def fuse_pending(self, chunk_seconds: float = CHUNK_SECONDS) -> int:
        """Fuse every stored event that is in no canonical event yet, committing every `chunk_seconds` (and
        pausing, so that other writers get their turn). Returns how many events were fused."""
        from sitrep.fuse import fuse_document, pending_documents

        with self.transaction() as conn:
            docs = pending_documents(conn)
        n = i = 0
        while i < len(docs):
            started = time.monotonic()
            with self.transaction() as conn:
                while True:  # at least one document per chunk
                    n += len(fuse_document(conn, docs[i]))
                    i += 1
                    if i >= len(docs) or time.monotonic() - started >= chunk_seconds:
                        break
            if i < len(docs):
                time.sleep(CHUNK_PAUSE)
        return n

    def transaction(self):
        """`with store.transaction(): ...` — one write transaction (split, merge, rebuild)."""
        return _Transaction(self.conn)

    def query_canonical(self, f: EventFilter, order: str = "date") -> list[Row]:
        sql, params = _canonical_filter_sql(f, "SELECT c.* FROM canonical_events c", self.dialect)
        sql += " " + (order_by(self.dialect, "c.fatalities DESC", "c.event_date DESC", "c.rowid DESC")
                      if order == "fatalities" else order_by(self.dialect, "c.event_date DESC", "c.rowid DESC"))
        if f.limit:
            sql += " LIMIT ? OFFSET ?"
            params += [f.limit, f.offset]
        return self.conn.execute(sql, params).fetchall()

    def count_canonical(self, f: EventFilter, cap: int | None = None) -> int:
        """How many canonical events match; with `cap`, counting stops at cap + 1 (a lower bound past it)."""
        sql, params = _canonical_filter_sql(f, "SELECT 1 FROM canonical_events c", self.dialect)
        if cap is not None:
            sql += " LIMIT ?"
            params.append(cap + 1)
        return self.conn.execute(f"SELECT COUNT(*) FROM ({sql}){subquery_alias()}", params).fetchone()[0]

    def canonical(self, event_or_canonical_id: str) -> Row | None:
        row = self.conn.execute("SELECT * FROM canonical_events WHERE id = ?", (event_or_canonical_id,)).fetchone()
        if row is None:
            row = self.conn.execute("SELECT c.* FROM canonical_events c JOIN canonical_members m ON m.canonical_id = "
                                    "c.id WHERE m.event_id = ?", (event_or_canonical_id,)).fetchone()
        return row

    def canonical_members(self, canonical_id: str) -> list[Row]:
        return self.conn.execute(
            "SELECT m.canonical_id, m.score, m.reasons, m.report_id, e.*, d.url AS doc_url, d.source AS doc_source, "
            "d.title AS doc_title, d.published AS doc_published, d.language AS doc_language, r.outlet, r.similarity "
            "FROM canonical_members m "
            "JOIN events e ON e.id = m.event_id JOIN documents d ON d.id = m.doc_id "
            "LEFT JOIN document_reports r ON r.doc_id = m.doc_id WHERE m.canonical_id = ? ORDER BY d.rowid, e.rank",
            (canonical_id,)).fetchall()

    def iter_canonical(self, f: EventFilter | None = None) -> Iterator[Row]:
        sql, params = _canonical_filter_sql(f or EventFilter(), "SELECT c.* FROM canonical_events c", self.dialect)
        yield from self.conn.execute(sql + " " + order_by(self.dialect, "c.event_date", "c.rowid"), params)

    def stats(self, f: EventFilter) -> dict:
        """Counts (and fatalities) of canonical events by month, type, admin1 and week x type."""
        base, params = _canonical_filter_sql(f, "SELECT c.month, c.week, c.event_type, c.admin1, c.country, "
                                                "c.fatalities FROM canonical_events c", self.dialect)
        c = self.conn

        def grouped(cols: str) -> list[Row]:
            return c.execute(f"SELECT {cols}, COUNT(*) AS events, COALESCE(SUM(fatalities), 0) AS fatalities "
                             f"FROM ({base}){subquery_alias()} GROUP BY {cols} "
                             f"{order_by(self.dialect, *cols.split(', '))}", params).fetchall()

        total = c.execute(f"SELECT COUNT(*), COALESCE(SUM(fatalities), 0) FROM ({base}){subquery_alias()}",
                          params).fetchone()
        return {
            "events": total[0], "fatalities": total[1],
            "by_month": [dict(r) for r in grouped("month")],
            "by_type": [dict(r) for r in grouped("event_type")],
            "by_admin1": [dict(r) for r in grouped("country, admin1")],
            "by_week_type": [dict(r) for r in grouped("week, event_type")],
        }

    def actor_summaries(self, q: str | None = None, limit: int = 200) -> list[Row]:
        sql = ("SELECT a.actor AS name, COUNT(DISTINCT a.canonical_id) AS events, k.actor_id, k.inter, k.kind, "
               "k.country FROM canonical_actors a LEFT JOIN actors k ON k.name = a.actor")
        params: list = []
        if q:
            sql += f" WHERE a.actor {like(self.dialect)}"
            params.append(f"%{q}%")
        sql += " GROUP BY a.actor, k.name ORDER BY events DESC, a.actor LIMIT ?"  # k.name: its key, for PostgreSQL
        params.append(limit)
        return self.conn.execute(sql, params).fetchall()

    def actor(self, name_or_id: str) -> Row | None:
        return self.conn.execute("SELECT * FROM actors WHERE name = ? OR actor_id = ? ORDER BY name = ? DESC LIMIT 1",
                                 (name_or_id, name_or_id, name_or_id)).fetchone()

    def actor_relations(self, name: str) -> list[Row]:
        d = self.dialect
        return self.conn.execute(
            f"SELECT subject, predicate, object, status, COUNT(*) AS n, {group_concat_distinct(d, 'doc_id')} AS docs, "
            f"MIN(ev_text) AS evidence, {group_concat_distinct(d, 'attributed_to')} AS attributed_to FROM relations "
            f"WHERE subject = ? OR object = ? GROUP BY subject, predicate, object, status "
            f"{order_by(d, 'n DESC', 'subject', 'predicate', 'object', 'status')}", (name, name)).fetchall()

    def relation_graph(self, limit: int = 400) -> list[Row]:
        return self.conn.execute(
            "SELECT subject, predicate, object, status, COUNT(*) AS n FROM relations GROUP BY subject, predicate, "
            f"object, status {order_by(self.dialect, 'n DESC', 'subject', 'predicate', 'object', 'status')} "
            "LIMIT ?", (limit,)).fetchall()

    def actor_events(self, name: str, limit: int = 50) -> list[Row]:
        return self.conn.execute(
            "SELECT c.* FROM canonical_events c WHERE c.id IN (SELECT canonical_id FROM canonical_actors "
            f"WHERE actor = ?) {order_by(self.dialect, 'c.event_date DESC', 'c.rowid DESC')} LIMIT ?",
            (name, limit)).fetchall()

    def documents(self, limit: int = 50, offset: int = 0, q: str | None = None) -> list[Row]:
        sql = ("SELECT d.id, d.title, d.source, d.url, d.published, d.language, d.ingested_at, r.report_id, "
               "r.similarity, r.outlet, (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events "
               "FROM documents d LEFT JOIN document_reports r ON r.doc_id = d.id")
        params: list = []
        if q:
            sql += f" WHERE d.rowid IN ({fts_rowids(self.dialect, 'documents_fts')})"
            params.append(fts_param(self.dialect, q))
        sql += " ORDER BY d.rowid DESC LIMIT ? OFFSET ?"
        return self.conn.execute(sql, [*params, limit, offset]).fetchall()

    def count_documents(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def document_claims(self, doc_id: str) -> list[Row]:
        return self.claims(doc_id=doc_id)


class _Transaction:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        begin_write(self.conn)
        return self.conn

    def __exit__(self, exc_type, *_exc) -> None:
        if exc_type:
            rollback(self.conn)
        else:
            commit(self.conn)


_CLAIM_CATEGORIES = ("party", "officials", "local", "outlet")
SMALL_BBOX_DEG2 = 0.05


def _claimed_by_sql(value: str, dialect: str = "sqlite") -> tuple[str, list]:
    value = value.strip()
    if value.lower() in _CLAIM_CATEGORIES:
        return "SELECT canonical_id FROM canonical_claims WHERE category = ?", [value.lower()]
    return f"SELECT canonical_id FROM canonical_claims WHERE claimant {like(dialect)}", [f"%{value}%"]


def _canonical_filter_sql(f: EventFilter, head: str, dialect: str = "sqlite") -> tuple[str, list]:
    """WHERE clause over canonical events `c` for a filter, in the words of `dialect` (sqlite or postgresql)."""
    where, params = [], []
    for column, value in (("country", f.country), ("admin1", f.admin1), ("event_type", f.event_type),
                          ("sub_event_type", f.sub_event_type)):
        if value:
            where.append(ci_equals(dialect, f"c.{column}"))
            params.append(value)
    if f.since:
        where.append("c.event_date >= ?")
        params.append(f.since.isoformat())
    if f.until:
        where.append("c.event_date <= ?")
        params.append(f.until.isoformat())
    if f.actor:  # correlated: walks the date order and stops at the page, however common the actor
        where.append("EXISTS (SELECT 1 FROM canonical_actors a WHERE a.canonical_id = c.id AND a.actor IN "
                     f"(SELECT name FROM actors WHERE name {like(dialect)}))")
        params.append(f"%{f.actor}%")
    if f.text:
        where.append(f"c.rowid IN ({fts_rowids(dialect, 'canonical_fts')})")
        params.append(fts_param(dialect, f.text))
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        if (max_lon - min_lon) * (max_lat - min_lat) <= SMALL_BBOX_DEG2:  # a town: the R-tree finds the few rows
            where.append("c.rowid IN (SELECT rid FROM canonical_rtree WHERE min_lat >= ? AND max_lat <= ? AND "
                         "min_lon >= ? AND max_lon <= ?)")
            params += [min_lat, max_lat, min_lon, max_lon]
        else:  # a region: checked on the rows the date order walks, no large temporary set
            where.append("c.latitude BETWEEN ? AND ? AND c.longitude BETWEEN ? AND ?")
            params += [min_lat, max_lat, min_lon, max_lon]
    if not f.include_background:
        where.append("c.background = 0")
    if f.confirmed_only:
        where.append("c.confirmed = 1")
    if f.claimed_by:
        value = f.claimed_by.strip().lower()
        if value in _CLAIM_CATEGORIES:
            where.append(f"(',' || c.claimed_by || ',') {like(dialect)}")
            params.append(f"%,{value},%")
        else:
            where.append(f"EXISTS (SELECT 1 FROM canonical_claims k WHERE k.canonical_id = c.id AND k.claimant "
                         f"{like(dialect)})")
            params.append(f"%{f.claimed_by.strip()}%")
    return head + (" WHERE " + " AND ".join(where) if where else ""), params


def row_to_event(row: Row) -> Event:
    def d(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    event = Event(doc_id=row["doc_id"], event_id=row["id"], event_date=d(row["event_date"]),
                  date_end=d(row["date_end"]), time_precision=row["time_precision"] or 0,
                  event_type=row["event_type"] or "", sub_event_type=row["sub_event_type"] or "",
                  actor1=row["actor1"] or "", assoc_actor_1=row["assoc_actor_1"] or "", inter1=row["inter1"] or 0,
                  actor2=row["actor2"] or "", assoc_actor_2=row["assoc_actor_2"] or "", inter2=row["inter2"] or 0,
                  country=row["country"] or "", admin1=row["admin1"] or "", admin2=row["admin2"] or "",
                  location=row["location"] or "", latitude=row["latitude"], longitude=row["longitude"],
                  geo_precision=row["geo_precision"] or 0, fatalities=row["fatalities"] or 0,
                  fatalities_low=row["fatalities_low"], fatalities_best=row["fatalities_best"],
                  fatalities_high=row["fatalities_high"], notes=row["notes"] or "", confidence=row["confidence"] or 0,
                  background=bool(row["background"]), location_resolved=row["latitude"] is not None)
    return event


def claim_from_row(row: Row) -> Claim:
    ev = Span(row["ev_start"], row["ev_end"], row["text"]) if row["ev_start"] is not None else None
    return Claim(doc_id=row["doc_id"], claimant=row["claimant"], text=row["text"], status=row["status"],
                 kind=row["kind"], value=json.loads(row["value"] or "{}"), evidence=ev, event_id=row["event_id"] or "")


def canonical_to_event(row: Row) -> tuple[Event, dict]:
    """A canonical event as an Event (for the exporters) and the columns only fused events have."""
    def d(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    keys = row.keys()
    sources = json.loads(row["sources"] or "[]") if "sources" in keys else []
    urls = [doc.get("url") or doc.get("source") or doc.get("doc_id") for s in sources for doc in s.get("documents", [])]
    event = Event(doc_id=row["anchor_event_id"].rsplit(":", 1)[0] if row["anchor_event_id"] else "",
                  event_id=row["id"], event_date=d(row["event_date"]), date_end=d(row["date_end"]),
                  time_precision=row["time_precision"] or 0, event_type=row["event_type"] or "",
                  sub_event_type=row["sub_event_type"] or "", actor1=row["actor1"] or "",
                  assoc_actor_1=row["assoc_actor_1"] or "", inter1=row["inter1"] or 0, actor2=row["actor2"] or "",
                  assoc_actor_2=row["assoc_actor_2"] or "", inter2=row["inter2"] or 0, country=row["country"] or "",
                  admin1=row["admin1"] or "", admin2=row["admin2"] or "", location=row["location"] or "",
                  latitude=row["latitude"], longitude=row["longitude"], geo_precision=row["geo_precision"] or 0,
                  fatalities=row["fatalities"] or 0, fatalities_low=row["fatalities_low"],
                  fatalities_best=row["fatalities_best"], fatalities_high=row["fatalities_high"],
                  notes=row["notes"] or "", confidence=row["confidence"] or 0, background=bool(row["background"]),
                  location_resolved=row["latitude"] is not None, sources=[u for u in urls if u])
    extra = {"n_sources": row["n_sources"], "n_reports": row["n_reports"], "n_documents": row["n_documents"],
             "status": row["status"] or "", "confirmed": row["confirmed"] or 0, "claimed_by": row["claimed_by"] or "",
             "source": "; ".join(dict.fromkeys(s.get("outlet") or "" for s in sources if s.get("outlet")))}
    try:
        from sitrep.places.countries import _countries, country_code

        iso3 = _countries().get(country_code(event.country), {}).get("iso3", "")
    except Exception:
        iso3 = ""
    if iso3:
        extra["event_id_cnty"] = f"{iso3}{row['rid']}"
    if row["updated_at"]:
        try:
            extra["timestamp"] = int(datetime.fromisoformat(row["updated_at"]).timestamp())
        except ValueError:
            pass
    return event, extra
