"""Writers that cooperate, on SQLite and on PostgreSQL (issue 12 item 4, issue 13 "Two writers").

Real processes (`sitrep ingest` as a user runs it) against a real store: two ingests of the same reports at
once store each report once and the events a serial run stores; processes opening a new store at once all
find it migrated; a writer waits for another instead of dying; a rebuild of the canonical events lets other
writers in between its chunks; a write that fails is reported for its document and the batch goes on.

The full-size targets (2 x 1,000 reports into PostgreSQL, 2 x 400 into SQLite, an ingest during the rebuild
of a 3,000-report store) are marked `stress`: `make stress` runs them and prints what it measured.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BACKENDS, new_store_location
from generated_reports import reports, write_reports
from sitrep.cli import app
from sitrep.documents import read_documents
from sitrep.pipeline import extract
from sitrep.store import backend
from sitrep.store.repository import Store
from sitrep.store.schema import MIGRATIONS, PG_MIGRATIONS

runner = CliRunner()
SITREP = str(Path(sys.executable).parent / "sitrep")
N_SMALL = 60


def _sitrep(*args: str) -> subprocess.Popen:
    return subprocess.Popen([SITREP, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"})


def _finish(procs: list[subprocess.Popen], timeout: float = 1800) -> list[tuple[int, str, str]]:
    outputs = [p.communicate(timeout=timeout) for p in procs]
    return [(p.returncode, out, err) for p, (out, err) in zip(procs, outputs, strict=True)]


def _stored(stderr: str) -> int:
    m = re.search(r"stored (\d+) new documents", stderr)
    assert m, stderr
    return int(m.group(1))


def _events_csv(location: str) -> str:
    result = runner.invoke(app, ["events", "--db", location, "--format", "csv", "--limit", "1000000",
                                 "--background"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _check_each_document_once(location: str, n: int) -> None:
    with Store(location) as store:
        c = store.conn
        assert store.counts()["documents"] == n
        assert c.execute("SELECT COUNT(DISTINCT content_hash) FROM documents").fetchone()[0] == n
        # every event is in exactly one canonical event: nothing fused twice, nothing left out
        events = c.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        assert c.execute("SELECT COUNT(*) FROM canonical_members").fetchone()[0] == events
        assert c.execute("SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM canonical_members m "
                         "WHERE m.event_id = e.id)").fetchone()[0] == 0


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    return write_reports(tmp_path_factory.mktemp("corpus") / "reports.jsonl", N_SMALL)


@pytest.fixture(scope="module")
def serial_csv(small_corpus, tmp_path_factory) -> str:
    """The events of the small corpus ingested serially into SQLite: what concurrent runs must store."""
    db = str(tmp_path_factory.mktemp("serial") / "serial.db")
    result = runner.invoke(app, ["ingest", str(small_corpus), "--db", db])
    assert result.exit_code == 0, result.output
    return _events_csv(db)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_two_ingests_of_the_same_reports_at_once(backend_name, request, tmp_path, small_corpus, serial_csv):
    db = new_store_location(backend_name, request, tmp_path, "twice")
    done = _finish([_sitrep("ingest", str(small_corpus), "--db", db) for _ in range(2)])
    assert [code for code, _, _ in done] == [0, 0], done
    assert sum(_stored(err) for _, _, err in done) == N_SMALL  # each report stored by one of them
    _check_each_document_once(db, N_SMALL)
    assert _events_csv(db) == serial_csv
    assert serial_csv.count("\n") > N_SMALL // 2  # the comparison is over real events


OPEN_SCRIPT = """
import sys, time
from sitrep.store.repository import Store
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
with Store(sys.argv[1]) as store:
    print(store.version)
"""


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_processes_opening_a_new_store_at_once(backend_name, request, tmp_path):
    db = new_store_location(backend_name, request, tmp_path, "fresh")
    start = time.time() + 3  # all four start migrating at the same moment
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_SCRIPT, db, str(start)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    done = _finish(procs, timeout=300)
    assert [code for code, _, _ in done] == [0] * 4, done
    expected = len(PG_MIGRATIONS if backend_name == "postgresql" else MIGRATIONS)
    assert {out.strip() for _, out, _ in done} == {str(expected)}


def test_a_writer_waits_for_another_beyond_sqlites_own_timeout(tmp_path, monkeypatch):
    db = tmp_path / "wait.db"
    result = extract(next(iter(read_documents([str(write_reports(tmp_path / "one.jsonl", 1))], []))))
    Store(db).close()
    monkeypatch.setattr(backend, "SQLITE_BUSY_TIMEOUT", 0.05)  # SQLite gives up at once: the retry loop waits
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    outcome: dict = {}

    def write() -> None:
        try:
            with Store(db) as store:
                outcome["saved"] = store.save(result)
        except Exception as exc:  # noqa: BLE001 - the assertion below shows it
            outcome["error"] = exc

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(1.0)  # the writer has met the lock by now, many times
    assert writer.is_alive() and not outcome
    holder.execute("COMMIT")
    holder.close()
    writer.join(timeout=60)
    assert outcome == {"saved": True}


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_ingest_during_a_rebuild_loses_nothing(backend_name, request, tmp_path):
    db = new_store_location(backend_name, request, tmp_path, "rebuild")
    docs = list(read_documents([str(write_reports(tmp_path / "r.jsonl", 24, seed=5))], []))
    late = [extract(d) for d in read_documents([str(write_reports(tmp_path / "late.jsonl", 6, seed=6))], [])]
    with Store(db) as store:
        for d in docs:
            assert store.save(extract(d))
    errors: list = []

    def rebuild() -> None:
        try:
            with Store(db) as store:
                store.rebuild_fusion(chunk_seconds=0.0)  # a chunk per document: the writer gets in between
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    worker = threading.Thread(target=rebuild)
    worker.start()
    with Store(db) as store:
        for result in late:
            assert store.save(result)
    worker.join(timeout=600)
    assert not errors and not worker.is_alive()
    _check_each_document_once(db, 30)


def test_a_failed_write_is_reported_for_its_document_and_the_batch_goes_on(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    rows = reports(3, seed=9)
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    original = Store._insert_event

    def locked_for_the_second(self, event, event_id, doc_id, rank):
        if doc_id == rows[1]["id"]:
            raise sqlite3.OperationalError("database is locked")
        return original(self, event, event_id, doc_id, rank)

    monkeypatch.setattr(Store, "_insert_event", locked_for_the_second)
    db = tmp_path / "f.db"
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{src}:2: not stored: database is locked" in " ".join(result.output.split())
    with Store(db) as store:
        stored = {r[0] for r in store.conn.execute("SELECT id FROM documents")}
    assert stored == {rows[0]["id"], rows[2]["id"]}


# ---------------------------------------------------------------------------------------------------------
# The full-size targets (make stress)


def _say(text: str) -> None:
    print(f"\n[stress] {text}", flush=True)


@pytest.mark.stress
@pytest.mark.parametrize("backend_name, n", [("postgresql", 1000), ("sqlite", 400)])
def test_stress_two_ingests_at_once(backend_name, n, request, tmp_path):
    corpus = write_reports(tmp_path / "corpus.jsonl", n, seed=21)
    serial_db = str(tmp_path / "serial.db")
    t0 = time.perf_counter()
    (code, _, err), = _finish([_sitrep("ingest", str(corpus), "--db", serial_db)])
    serial_s = time.perf_counter() - t0
    assert code == 0, err
    db = new_store_location(backend_name, request, tmp_path, "stress")
    t0 = time.perf_counter()
    done = _finish([_sitrep("ingest", str(corpus), "--db", db) for _ in range(2)])
    concurrent_s = time.perf_counter() - t0
    assert [c for c, _, _ in done] == [0, 0], done
    stored = [_stored(e) for _, _, e in done]
    _check_each_document_once(db, n)
    serial, concurrent = _events_csv(serial_db), _events_csv(db)
    _say(f"{backend_name}: two ingests of the same {n} reports at once: exit codes 0 0, stored {stored[0]} + "
         f"{stored[1]} = {sum(stored)}, {n} distinct documents, {concurrent.count(chr(10)) - 1} events "
         f"({'identical to' if serial == concurrent else 'DIFFERENT from'} the serial SQLite run's "
         f"{serial.count(chr(10)) - 1}); serial {serial_s:.0f} s, concurrent {concurrent_s:.0f} s")
    assert sum(stored) == n and serial == concurrent


@pytest.mark.stress
def test_stress_ingest_during_rebuild_of_a_big_store(tmp_path):
    n = int(os.environ.get("SITREP_STRESS_DOCS", "3000"))
    db = str(tmp_path / "big.db")
    t0 = time.perf_counter()
    (code, _, err), = _finish([_sitrep("ingest", str(write_reports(tmp_path / "big.jsonl", n, seed=31)),
                                        "--db", db)], timeout=7200)
    assert code == 0, err
    _say(f"built a {n}-report SQLite store in {time.perf_counter() - t0:.0f} s")
    late = write_reports(tmp_path / "late.jsonl", 30, seed=32)
    t0 = time.perf_counter()
    (code, _, err), = _finish([_sitrep("ingest", str(late), "--db", str(tmp_path / "alone.db"))])
    alone_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rebuild = _sitrep("fusion", "rebuild", "--db", db)
    time.sleep(2)  # the rebuild is under way (it clears the canonical events first)
    t1 = time.perf_counter()
    ingest = _sitrep("ingest", str(late), "--db", db)
    (icode, _, ierr), = _finish([ingest])
    ingest_s = time.perf_counter() - t1
    (rcode, _, rerr), = _finish([rebuild])
    rebuild_s = time.perf_counter() - t0
    _say(f"ingest of 30 reports during `fusion rebuild` of {n}: ingest exit {icode} in {ingest_s:.0f} s "
         f"(alone, into an empty store: {alone_s:.0f} s); rebuild exit {rcode} in {rebuild_s:.0f} s")
    assert icode == 0, ierr
    assert rcode == 0, rerr
    assert _stored(ierr) == 30
    _check_each_document_once(db, n + 30)
