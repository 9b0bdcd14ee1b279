import sqlite3

import pytest

from sitrep.pipeline import extract
from sitrep.records import Document
from sitrep.store.repository import EventFilter, Store
from sitrep.store.schema import MIGRATIONS


def doc(text, doc_id):
    from sitrep.documents import content_hash

    return Document(id=doc_id, text=text, content_hash=content_hash(text))


TEXT = "On 3 May 2020, unknown gunmen attacked the village of Ogossagou (Bankass, Mopti), killing three civilians."


def test_same_document_twice_changes_nothing(store_location):
    with Store(store_location) as store:
        assert store.save(extract(doc(TEXT, "a")))
        before = store.counts()
        assert not store.save(extract(doc(TEXT, "a")))
        assert not store.save(extract(doc(TEXT, "other-id")))
        assert store.counts() == before
        assert store.version == len(MIGRATIONS)


def test_filters_and_evidence(store_location):
    with Store(store_location) as store:
        store.save(extract(doc(TEXT, "a")))
        rows = store.query_events(EventFilter(country="mali", actor="Civilians"))
        assert len(rows) == 1
        assert store.query_events(EventFilter(country="Niger")) == []
        assert len(store.query_events(EventFilter(text="Ogossagou"))) == 1
        assert len(store.query_events(EventFilter(bbox=(-5, 13, -2, 16)))) == 1
        fields = {r["field"] for r in store.evidence(rows[0]["id"])}
        assert {"event_date", "location", "fatalities"} <= fields


def test_failed_document_leaves_nothing(store_location, monkeypatch):
    store = Store(store_location)
    result = extract(doc(TEXT, "a"))

    def boom(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(OSError):
        store.save(result)
    assert store.counts()["documents"] == 0
    monkeypatch.undo()
    assert store.save(result)
    assert store.counts()["documents"] == 1 and store.counts()["events"] >= 1
    store.close()


def test_migrations_upgrade_an_old_store(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    from sitrep.store.schema import _statements

    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Store(tmp_path / "old.db") as store:
        assert store.version == len(MIGRATIONS)
        assert store.save(extract(doc(TEXT, "a")))


def test_refresh_replaces_a_stored_reading(store_location):
    text = "On 3 May 2021, JNIM militants attacked soldiers in Djibo, Burkina Faso, killing four soldiers."
    first = extract(doc(text, "r1"))
    with Store(store_location) as store:
        assert store.save(first)
        # an older sitrep's reading: the same document with a wrong toll
        stored = store.conn.execute("SELECT id FROM events WHERE doc_id = 'r1'").fetchone()[0]
        store.conn.execute("UPDATE events SET fatalities = 99 WHERE id = ?", (stored,))
        assert not store.save(extract(doc(text, "r1")))  # unchanged without --refresh
        assert store.conn.execute("SELECT fatalities FROM events WHERE id = ?", (stored,)).fetchone()[0] == 99
        assert store.save(extract(doc(text, "r1")), refresh=True)
        assert store.refreshed
        store.rebuild_fusion()
        rows = store.conn.execute("SELECT id, fatalities FROM events WHERE doc_id = 'r1'").fetchall()
        assert [tuple(r) for r in rows] == [(stored, 4)]
        members = store.conn.execute("SELECT COUNT(*) FROM canonical_members WHERE doc_id = 'r1'").fetchone()[0]
        assert members == 1 and store.counts()["documents"] == 1
