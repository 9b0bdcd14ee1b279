"""The embedded event store (SQLite, WAL). Each document is saved in one transaction: an interrupted batch
leaves no half-written document, and ingesting the same text twice changes nothing (content hash)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sitrep.records import Claim, Event, Extraction, Span
from sitrep.store.schema import current_version, migrate

FUSION_VERSION = 3  # the migration that brought canonical events

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
    def __init__(self, path: Path, fuse: bool = True, readonly: bool = False):
        """Open (and migrate) the store. `fuse`: fuse each saved document across documents (sitrep.fuse).
        `readonly`: a query-only connection that neither migrates nor writes (the HTTP API's readers)."""
        self.path = Path(path)
        self.fuse = fuse
        self.refreshed = False  # readings were replaced: canonical events await a rebuild
        if readonly:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA query_only = 1")
            self.conn.execute("PRAGMA cache_size = -131072")
            self.conn.execute("PRAGMA mmap_size = 1073741824")
            self.version = current_version(self.conn)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        before = current_version(self.conn)
        self.version = migrate(self.conn)
        if fuse and before < FUSION_VERSION <= self.version and before > 0:
            self.fuse_pending()  # a store from before fusion: fuse what it holds once

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing
    def has_content(self, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def _forget(self, content_hash: str) -> None:
        """Drop a stored document's reading (its events, claims, relations, places cascade with it). Event ids
        are rebuilt the same way, so the analyst's split and merge links still apply to the new reading."""
        c = self.conn
        with self.transaction():
            for (doc_id,) in c.execute("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchall():
                c.execute("DELETE FROM events_rtree WHERE rid IN (SELECT rid FROM events WHERE doc_id = ?)", (doc_id,))
                c.execute("DELETE FROM canonical_members WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM document_reports WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM document_lsh WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self.refreshed = True

    def rebuild_fusion(self) -> int:
        """Fuse the whole store again after readings were replaced (the analyst's splits and merges hold)."""
        from sitrep.fuse import rebuild

        with self.transaction():
            n = rebuild(self.conn)
        self.refreshed = False
        return n

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def save(self, result: Extraction, refresh: bool = False) -> bool:
        """Store one document and everything read from it. False when the same text is already stored, unless
        `refresh`: then the stored reading is replaced by this one (a newer sitrep reads better) and the
        canonical events are to be rebuilt once the batch is done (`rebuild_fusion`)."""
        doc = result.document
        if self.has_content(doc.content_hash):
            if not refresh:
                return False
            self._forget(doc.content_hash)
        doc_id = doc.id
        if self.has_document(doc_id):
            doc_id = f"{doc.id}#{doc.content_hash[:8]}"  # same id, different text: keep both
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                doc_id, doc.content_hash, doc.source, doc.url, doc.title,
                doc.published.isoformat() if doc.published else None, doc.published_from, doc.language, doc.text,
                doc.clean_text, json.dumps(doc.offset_runs), doc.origin,
                datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(result.warnings)))
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
                    c.execute("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)",
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
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
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
        rid = c.execute("SELECT rowid FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        c.execute("UPDATE events SET rid = ? WHERE id = ?", (rid, event_id))
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
                    c.execute("INSERT OR IGNORE INTO actors (name) VALUES (?)", (name,))

    # ---- reading
    def query_events(self, f: EventFilter) -> list[sqlite3.Row]:
        sql, params = self._filter_sql(f, "SELECT e.* FROM events e")
        sql += " ORDER BY e.event_date DESC, e.doc_id, e.rank"
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
            where.append("e.id IN (SELECT event_id FROM event_actors WHERE actor LIKE ?)")
            params.append(f"%{f.actor}%")
        if f.text:
            where.append("e.doc_id IN (SELECT d.id FROM documents d JOIN documents_fts ON documents_fts.rowid = d.rowid "
                         "WHERE documents_fts MATCH ?)")
            params.append(fts_query(f.text))
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
            sub, sub_params = _claimed_by_sql(f.claimed_by)
            where.append(f"e.id IN (SELECT m.event_id FROM canonical_members m WHERE m.canonical_id IN ({sub}))")
            params += sub_params
        sql = head + (" WHERE " + " AND ".join(where) if where else "")
        return sql, params

    def event(self, event_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()

    def evidence(self, event_id: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM evidence WHERE event_id = ? ORDER BY field, start", (event_id,)).fetchall()

    def claims(self, event_id: str | None = None, doc_id: str | None = None) -> list[sqlite3.Row]:
        if event_id:
            return self.conn.execute("SELECT * FROM claims WHERE event_id = ?", (event_id,)).fetchall()
        return self.conn.execute("SELECT * FROM claims WHERE doc_id = ?", (doc_id,)).fetchall()

    def relations(self, doc_id: str | None = None) -> list[sqlite3.Row]:
        if doc_id:
            return self.conn.execute("SELECT * FROM relations WHERE doc_id = ?", (doc_id,)).fetchall()
        return self.conn.execute("SELECT * FROM relations").fetchall()

    def document(self, doc_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "claims", "relations", "actors")}

    def iter_events(self) -> Iterator[Event]:
        for row in self.conn.execute("SELECT * FROM events ORDER BY doc_id, rank"):
            yield row_to_event(row)


    # ---- canonical events (fused across documents; see sitrep.fuse)
    def fuse_pending(self) -> int:
        from sitrep.fuse import fuse_pending

        with self.transaction():
            n = fuse_pending(self.conn)
        return n

    def transaction(self):
        """`with store.transaction(): ...` — one write transaction (split, merge, rebuild)."""
        return _Transaction(self.conn)

    def query_canonical(self, f: EventFilter, order: str = "date") -> list[sqlite3.Row]:
        sql, params = _canonical_filter_sql(f, "SELECT c.* FROM canonical_events c")
        sql += (" ORDER BY c.fatalities DESC, c.event_date DESC" if order == "fatalities"
                else " ORDER BY c.event_date DESC, c.rowid DESC")
        if f.limit:
            sql += " LIMIT ? OFFSET ?"
            params += [f.limit, f.offset]
        return self.conn.execute(sql, params).fetchall()

    def count_canonical(self, f: EventFilter, cap: int | None = None) -> int:
        """How many canonical events match; with `cap`, counting stops at cap + 1 (a lower bound past it)."""
        sql, params = _canonical_filter_sql(f, "SELECT 1 FROM canonical_events c")
        if cap is not None:
            sql += " LIMIT ?"
            params.append(cap + 1)
        return self.conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]

    def canonical(self, event_or_canonical_id: str) -> sqlite3.Row | None:
        row = self.conn.execute("SELECT * FROM canonical_events WHERE id = ?", (event_or_canonical_id,)).fetchone()
        if row is None:
            row = self.conn.execute("SELECT c.* FROM canonical_events c JOIN canonical_members m ON m.canonical_id = "
                                    "c.id WHERE m.event_id = ?", (event_or_canonical_id,)).fetchone()
        return row

    def canonical_members(self, canonical_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT m.canonical_id, m.score, m.reasons, m.report_id, e.*, d.url AS doc_url, d.source AS doc_source, "
            "d.title AS doc_title, d.published AS doc_published, r.outlet, r.similarity FROM canonical_members m "
            "JOIN events e ON e.id = m.event_id JOIN documents d ON d.id = m.doc_id "
            "LEFT JOIN document_reports r ON r.doc_id = m.doc_id WHERE m.canonical_id = ? ORDER BY d.rowid, e.rank",
            (canonical_id,)).fetchall()

    def iter_canonical(self, f: EventFilter | None = None) -> Iterator[sqlite3.Row]:
        sql, params = _canonical_filter_sql(f or EventFilter(), "SELECT c.* FROM canonical_events c")
        yield from self.conn.execute(sql + " ORDER BY c.event_date, c.rowid", params)

    def stats(self, f: EventFilter) -> dict:
        """Counts (and fatalities) of canonical events by month, type, admin1 and week x type."""
        base, params = _canonical_filter_sql(f, "SELECT c.month, c.week, c.event_type, c.admin1, c.country, "
                                                "c.fatalities FROM canonical_events c")
        c = self.conn

        def grouped(cols: str) -> list[sqlite3.Row]:
            return c.execute(f"SELECT {cols}, COUNT(*) AS events, COALESCE(SUM(fatalities), 0) AS fatalities "
                             f"FROM ({base}) GROUP BY {cols} ORDER BY {cols}", params).fetchall()

        total = c.execute(f"SELECT COUNT(*), COALESCE(SUM(fatalities), 0) FROM ({base})", params).fetchone()
        return {
            "events": total[0], "fatalities": total[1],
            "by_month": [dict(r) for r in grouped("month")],
            "by_type": [dict(r) for r in grouped("event_type")],
            "by_admin1": [dict(r) for r in grouped("country, admin1")],
            "by_week_type": [dict(r) for r in grouped("week, event_type")],
        }

    def actor_summaries(self, q: str | None = None, limit: int = 200) -> list[sqlite3.Row]:
        sql = ("SELECT a.actor AS name, COUNT(DISTINCT a.canonical_id) AS events, k.actor_id, k.inter, k.kind, "
               "k.country FROM canonical_actors a LEFT JOIN actors k ON k.name = a.actor")
        params: list = []
        if q:
            sql += " WHERE a.actor LIKE ?"
            params.append(f"%{q}%")
        sql += " GROUP BY a.actor ORDER BY events DESC, a.actor LIMIT ?"
        params.append(limit)
        return self.conn.execute(sql, params).fetchall()

    def actor(self, name_or_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM actors WHERE name = ? OR actor_id = ? ORDER BY name = ? DESC LIMIT 1",
                                 (name_or_id, name_or_id, name_or_id)).fetchone()

    def actor_relations(self, name: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT subject, predicate, object, status, COUNT(*) AS n, GROUP_CONCAT(DISTINCT doc_id) AS docs, "
            "MIN(ev_text) AS evidence, GROUP_CONCAT(DISTINCT attributed_to) AS attributed_to FROM relations "
            "WHERE subject = ? OR object = ? GROUP BY subject, predicate, object, status ORDER BY n DESC",
            (name, name)).fetchall()

    def relation_graph(self, limit: int = 400) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT subject, predicate, object, status, COUNT(*) AS n FROM relations GROUP BY subject, predicate, "
            "object, status ORDER BY n DESC LIMIT ?", (limit,)).fetchall()

    def actor_events(self, name: str, limit: int = 50) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT c.* FROM canonical_events c WHERE c.id IN (SELECT canonical_id FROM canonical_actors "
            "WHERE actor = ?) ORDER BY c.event_date DESC LIMIT ?", (name, limit)).fetchall()

    def documents(self, limit: int = 50, offset: int = 0, q: str | None = None) -> list[sqlite3.Row]:
        sql = ("SELECT d.id, d.title, d.source, d.url, d.published, d.language, d.ingested_at, r.report_id, "
               "r.similarity, r.outlet, (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events "
               "FROM documents d LEFT JOIN document_reports r ON r.doc_id = d.id")
        params: list = []
        if q:
            sql += " WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            params.append(fts_query(q))
        sql += " ORDER BY d.rowid DESC LIMIT ? OFFSET ?"
        return self.conn.execute(sql, [*params, limit, offset]).fetchall()

    def count_documents(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def document_claims(self, doc_id: str) -> list[sqlite3.Row]:
        return self.claims(doc_id=doc_id)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, *_exc) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Free text as a safe FTS5 query: every word quoted (no syntax errors from user input), all required."""
    words = _FTS_WORD.findall(text or "")
    return " ".join(f'"{w}"' for w in words[:20]) or '""'


_CLAIM_CATEGORIES = ("party", "officials", "local", "outlet")
SMALL_BBOX_DEG2 = 0.05


def _claimed_by_sql(value: str) -> tuple[str, list]:
    value = value.strip()
    if value.lower() in _CLAIM_CATEGORIES:
        return "SELECT canonical_id FROM canonical_claims WHERE category = ?", [value.lower()]
    return "SELECT canonical_id FROM canonical_claims WHERE claimant LIKE ?", [f"%{value}%"]


def _canonical_filter_sql(f: EventFilter, head: str) -> tuple[str, list]:
    where, params = [], []
    for column, value in (("country", f.country), ("admin1", f.admin1), ("event_type", f.event_type),
                          ("sub_event_type", f.sub_event_type)):
        if value:
            where.append(f"c.{column} = ? COLLATE NOCASE")
            params.append(value)
    if f.since:
        where.append("c.event_date >= ?")
        params.append(f.since.isoformat())
    if f.until:
        where.append("c.event_date <= ?")
        params.append(f.until.isoformat())
    if f.actor:  # correlated: walks the date order and stops at the page, however common the actor
        where.append("EXISTS (SELECT 1 FROM canonical_actors a WHERE a.canonical_id = c.id AND a.actor IN "
                     "(SELECT name FROM actors WHERE name LIKE ?))")
        params.append(f"%{f.actor}%")
    if f.text:
        where.append("c.rowid IN (SELECT rowid FROM canonical_fts WHERE canonical_fts MATCH ?)")
        params.append(fts_query(f.text))
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
            where.append("(',' || c.claimed_by || ',') LIKE ?")
            params.append(f"%,{value},%")
        else:
            where.append("EXISTS (SELECT 1 FROM canonical_claims k WHERE k.canonical_id = c.id AND k.claimant LIKE ?)")
            params.append(f"%{f.claimed_by.strip()}%")
    return head + (" WHERE " + " AND ".join(where) if where else ""), params


def row_to_event(row: sqlite3.Row) -> Event:
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


def claim_from_row(row: sqlite3.Row) -> Claim:
    ev = Span(row["ev_start"], row["ev_end"], row["text"]) if row["ev_start"] is not None else None
    return Claim(doc_id=row["doc_id"], claimant=row["claimant"], text=row["text"], status=row["status"],
                 kind=row["kind"], value=json.loads(row["value"] or "{}"), evidence=ev, event_id=row["event_id"] or "")


def canonical_to_event(row: sqlite3.Row) -> tuple[Event, dict]:
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
