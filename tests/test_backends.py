"""SQLite and PostgreSQL hold the same schema and answer every reading command and API route the same.

The same reports are ingested into a SQLite file and into a database of a real PostgreSQL server started
for the run; then each command a user runs on a store (and each API route) must print the same thing on
both, timestamps of the moment of writing aside.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import new_store_location
from sitrep.cli import app
from sitrep.documents import content_hash
from sitrep.pipeline import extract
from sitrep.records import Document
from sitrep.serve.api import create_app
from sitrep.store.backend import StoreError, display_location, store_location
from sitrep.store.repository import EventFilter, Store
from sitrep.store.schema import MIGRATIONS, PG_MIGRATIONS

FIXTURES = Path(__file__).parent / "fixtures" / "workspace"
runner = CliRunner()
_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+00:00")  # when a row was written


def _same(text: str) -> str:
    text = _MOMENT.sub("<moment>", text)
    text = re.sub(r",1\d{9}$", ",<timestamp>", text, flags=re.M)  # ACLED's timestamp column
    return re.sub(r'"timestamp": \d+', '"timestamp": 0', text)


# ---- the schema


_SQLITE_TYPES = {"TEXT": "text", "INTEGER": "bigint", "REAL": "double precision"}


def test_schemas_stay_in_step(tmp_path, postgres):
    assert len(MIGRATIONS) == len(PG_MIGRATIONS)
    lite_path = tmp_path / "schema.db"
    Store(lite_path).close()
    pg_url = postgres.create_database("schema")
    Store(pg_url).close()
    lite = sqlite3.connect(lite_path)
    master = lite.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    virtual = {name: sql for kind, name, sql in master if kind == "table" and sql.startswith("CREATE VIRTUAL")}
    tables = [name for kind, name, _ in master if kind == "table" and name not in virtual
              and not any(name.startswith(v + "_") for v in virtual)]
    with Store(pg_url) as store:
        pg = store.conn

        def columns(table: str) -> list[tuple]:
            return [tuple(r) for r in pg.execute(
                "SELECT column_name, data_type, is_nullable, collation_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name = ? AND column_name <> 'rowid' ORDER BY ordinal_position",
                (table,))]

        for table in tables:
            want = [(name, _SQLITE_TYPES[kind], "NO" if notnull or pk else "YES")
                    for _, name, kind, notnull, _, pk in lite.execute(f"PRAGMA table_info({table})")]
            got = columns(table)
            assert [c[:3] for c in got] == want, table
            assert all(c[3] == "C" for c in got if c[1] == "text"), table  # byte-wise, as SQLite compares
        for table, sql in virtual.items():
            got = [c[:2] for c in columns(table)]
            if "fts5" in sql:
                assert got == [("body", "tsvector")], table
            else:
                assert [c[0] for c in got] == [c.strip() for c in sql.split("(", 1)[1].rstrip(")").split(",")], table
        lite_indexes = {name for kind, name, sql in master if kind == "index" and sql}
        pg_indexes = {r[0] for r in pg.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
        assert lite_indexes <= pg_indexes
        pg_tables = {r[0] for r in pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        assert pg_tables - {"sitrep_schema"} == set(tables) | set(virtual)


# ---- the same answers


@pytest.fixture(scope="module")
def both(request, tmp_path_factory, samples) -> dict[str, str]:
    """{backend: store} holding the same reports (the workspace fixtures and the samples)."""
    folder = tmp_path_factory.mktemp("both")
    stores = {}
    for backend in ("sqlite", "postgresql"):
        location = new_store_location(backend, request, folder, "both")
        for source in (FIXTURES / "reports.jsonl", FIXTURES / "hostile.jsonl", samples):
            result = runner.invoke(app, ["ingest", str(source), "--db", location])
            assert result.exit_code == 0, result.output
        stores[backend] = location
    return stores


def _first_event_id(location: str) -> str:
    with Store(location) as store:
        return store.query_events(EventFilter(limit=1))[0]["id"]


COMMANDS = [
    ["events", "--format", "json", "--background"],
    ["events", "--format", "csv", "--limit", "500", "--background"],
    ["events", "--format", "json", "--text", "convoy Boni"],
    ["events", "--format", "json", "--text", "SÉGOU", "--background"],
    ["events", "--format", "json", "--actor", "jnim", "--country", "MALI", "--background"],
    ["events", "--format", "json", "--since", "2024-04-01", "--confirmed-only", "--claimed-by", "local"],
    ["export", "--format", "jsonl"],
    ["export", "--format", "geojson"],
    ["fusion", "list", "--format", "json", "--background"],
    ["fusion", "list", "--format", "json", "--text", "market Gao", "--background"],
    ["fusion", "list", "--format", "json", "--claimed-by", "party", "--background"],
    ["fusion", "export", "--format", "jsonl"],
    ["fusion", "export", "--format", "acled31"],
    ["trends", "--format", "json", "--actor", "JNIM", "--capital", "Bamako"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_every_reading_command_answers_the_same(both, command):
    outputs = {}
    for backend, location in both.items():
        result = runner.invoke(app, [*command, "--db", location])
        assert result.exit_code == 0, (backend, result.output)
        outputs[backend] = _same(result.stdout)
    assert outputs["sqlite"] == outputs["postgresql"]
    assert len(outputs["sqlite"]) > 40  # something was compared


def test_show_and_fusion_show_answer_the_same(both):
    event_id = _first_event_id(both["sqlite"])
    assert event_id == _first_event_id(both["postgresql"])
    for command in (["show", event_id], ["fusion", "show", event_id]):
        outputs = [_same(runner.invoke(app, [*command, "--db", loc]).stdout) for loc in both.values()]
        assert outputs[0] == outputs[1] and event_id in outputs[0]


ROUTES = ["/api/events", "/api/events?q=convoy%20Boni", "/api/events?bbox=0,13,2,15",
          "/api/events?bbox=-2.3,15.0,-2.1,15.1", "/api/events?order=fatalities&limit=3&offset=1",
          "/api/events?country=mali&type=battles", "/api/actors", "/api/actors?q=jnim", "/api/network",
          "/api/documents", "/api/documents?q=market", "/api/stats", "/api/stats?claimed_by=officials",
          "/api/trends?distance_actor=JNIM&capital=Bamako", "/api/documents/ws-a1-sahelwatch"]


def test_every_api_route_answers_the_same(both):
    clients = {backend: TestClient(create_app(location)) for backend, location in both.items()}
    first = clients["sqlite"].get("/api/events").json()["items"][0]["id"]
    actor = clients["sqlite"].get("/api/actors").json()["items"][0]["name"]
    for route in [*ROUTES, f"/api/events/{first}", f"/api/actors/{actor}"]:
        answers = {}
        for backend, client in clients.items():
            response = client.get(route)
            assert response.status_code == 200, (backend, route, response.text)
            answers[backend] = _same(json.dumps(response.json(), sort_keys=True))
        assert answers["sqlite"] == answers["postgresql"], route
    health = clients["postgresql"].get("/api/health").json()
    assert health["store"].startswith("postgresql://")


def test_words_are_found_whatever_their_case_and_accents(store_location):
    text = ("On 4 March 2024, gunmen attacked the marché of Ségou, Mali, killing two civilians, residents said. "
            "The sécurité of the town remains fragile.")
    with Store(store_location) as store:
        store.save(extract(Document(id="fr1", text=text, content_hash=content_hash(text))))
        for query in ("segou", "SÉCURITÉ marché", "Securite Segou"):
            assert store.documents(q=query) and store.query_events(EventFilter(text=query)), query
        for query in ('"', "Ségou Bamako", "*", "OR"):  # every word required; no search syntax, no error
            assert store.documents(q=query) == [] and store.query_events(EventFilter(text=query)) == [], query


# ---- a URL is never a path


def test_a_url_is_never_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unreachable = "postgresql://nobody@127.0.0.1:1/none"
    result = runner.invoke(app, ["events", "--db", unreachable])
    assert result.exit_code == 1 and "cannot open the PostgreSQL store" in result.output
    monkeypatch.setenv("SITREP_DB", unreachable)
    result = runner.invoke(app, ["events"])
    assert result.exit_code == 1 and "127.0.0.1" in result.output
    monkeypatch.delenv("SITREP_DB")
    result = runner.invoke(app, ["ingest", str(FIXTURES / "hostile.jsonl"), "--db", "mysql://me@db/events"])
    assert result.exit_code == 1 and "unsupported store URL" in result.output
    assert list(tmp_path.iterdir()) == []  # no folder named 'postgresql:' or 'mysql:'
    assert store_location("sqlite:///tmp/x.db") == Path("/tmp/x.db")
    with pytest.raises(StoreError):
        store_location("https://example.org/store")
    assert display_location("postgresql://ana:s3cret@db.example:5433/sitrep") == \
        "postgresql://ana:***@db.example:5433/sitrep"
