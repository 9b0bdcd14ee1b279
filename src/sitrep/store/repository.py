"""The embedded event store (SQLite, WAL). Each document is saved in one transaction: an interrupted batch
leaves no half-written document, and ingesting the same text twice changes nothing (content hash)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sitrep.records import Claim, Event, Extraction, Span
from sitrep.store.schema import migrate

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


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.version = migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing
    def has_content(self, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def save(self, result: Extraction) -> bool:
        """Store one document and everything read from it. False when the same text is already stored."""
        doc = result.document
        if self.has_content(doc.content_hash):
            return False
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
                c.execute("INSERT OR IGNORE INTO actors VALUES (?,?,?,?,?)",
                          (actor.name, actor.actor_id, actor.inter, actor.kind, actor.country))
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
        if f.country:
            where.append("lower(e.country) = lower(?)")
            params.append(f.country)
        if f.admin1:
            where.append("lower(e.admin1) = lower(?)")
            params.append(f.admin1)
        if f.event_type:
            where.append("lower(e.event_type) = lower(?)")
            params.append(f.event_type)
        if f.sub_event_type:
            where.append("lower(e.sub_event_type) = lower(?)")
            params.append(f.sub_event_type)
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
            params.append(f.text)
        if f.bbox:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            where.append("e.rid IN (SELECT rid FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? "
                         "AND max_lon <= ?)")
            params += [min_lat, max_lat, min_lon, max_lon]
        if not f.include_background:
            where.append("e.background = 0")
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
