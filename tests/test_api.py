"""The HTTP API over a store of the workspace fixtures (FastAPI's test client; no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import BACKENDS, new_store_location
from sitrep.documents import read_documents
from sitrep.pipeline import extract
from sitrep.serve.api import create_app, find_node_modules, sentence_around
from sitrep.store.repository import Store

FIXTURES = Path(__file__).parent / "fixtures" / "workspace"
TOKEN = "test-token-123"


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory) -> str:
    path = new_store_location(request.param, request, tmp_path_factory.mktemp("api"), "api")
    problems: list = []
    with Store(path) as store:
        for doc in read_documents([str(FIXTURES / "reports.jsonl"), str(FIXTURES / "hostile.jsonl")], problems):
            store.save(extract(doc))
    assert not [p for p in problems if p.skipped]
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def writer(db) -> TestClient:
    return TestClient(create_app(db, ingest_token=TOKEN))


def test_openapi_lists_the_routes(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{actor_id}",
                 "/api/documents", "/api/stats", "/api/trends", "/api/ingest"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"country", "admin1", "actor", "type", "sub_type", "from", "to", "bbox", "q", "confirmed_only",
            "claimed_by", "limit", "offset"} <= params


def test_events_filters_and_pages(client):
    every = client.get("/api/events").json()
    assert every["total"] == 4 and every["total_exact"]
    assert [e["country"] for e in client.get("/api/events", params={"country": "mali"}).json()["items"]] == [
        "Mali", "Mali"]
    assert client.get("/api/events", params={"type": "Battles"}).json()["total"] == 1
    assert client.get("/api/events", params={"sub_type": "Attack"}).json()["total"] >= 1
    assert client.get("/api/events", params={"actor": "JNIM"}).json()["total"] == 1
    assert client.get("/api/events", params={"from": "2024-04-01", "to": "2024-04-30"}).json()["total"] == 1
    niger = client.get("/api/events", params={"bbox": "0,13,2,15"}).json()["items"]
    assert [e["country"] for e in niger] == ["Niger"]
    assert client.get("/api/events", params={"q": "convoy Boni"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": "<script> \" OR"}).status_code == 200  # no FTS syntax errors
    assert client.get("/api/events", params={"confirmed_only": "true"}).json()["total"] == 3
    assert client.get("/api/events", params={"claimed_by": "party"}).json()["total"] >= 1
    assert client.get("/api/events", params={"claimed_by": "JNIM"}).json()["total"] == 1
    page1 = client.get("/api/events", params={"limit": 2}).json()
    page2 = client.get("/api/events", params={"limit": 2, "offset": page1["next_offset"]}).json()
    assert len(page1["items"]) == 2 and len(page2["items"]) == 2
    assert not {e["id"] for e in page1["items"]} & {e["id"] for e in page2["items"]}
    assert page1["items"][0]["event_date"] >= page2["items"][0]["event_date"]
    assert client.get("/api/events", params={"from": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422


def test_event_detail_has_sources_claims_and_evidence(client):
    boni = client.get("/api/events", params={"q": "Boni"}).json()["items"][0]
    detail = client.get(f"/api/events/{boni['id']}").json()
    assert detail["n_sources"] == 3 and detail["n_documents"] == 4
    assert (detail["fatalities"], detail["fatalities_low"], detail["fatalities_high"]) == (11, 9, 30)
    assert {m["doc_id"] for m in detail["members"]} == {"ws-a1-sahelwatch", "ws-a2-wire", "ws-a3-syndicated",
                                                        "ws-a4-radio"}
    assert {m["language"] for m in detail["members"]} == {"en"}  # each source's language (French: see
    assert {d["language"] for s in detail["sources"] for d in s["documents"]} == {"en"}  # test_fusion_languages)
    copy = next(m for m in detail["members"] if m["doc_id"] == "ws-a3-syndicated")
    assert copy["near_duplicate"] and copy["report_id"] == "ws-a2-wire"
    claims = [c for m in detail["members"] for c in m["claims"]]
    assert any(c["status"] == "claimed" and "JNIM" in c["claimant"] for c in claims)
    sentences = [e["sentence"] for e in detail["evidence"]["fatalities"]]
    assert any("nine soldiers were killed" in s and s.startswith("In a statement") for s in sentences)
    assert detail["facts"]["occurrence"]["status"] == "confirmed"
    assert "confirmed" in detail["facts"]["occurrence"]["label"]
    assert detail["fusion"]["members"][0]["reasons"]
    # a per-report event id leads to its canonical event
    assert client.get("/api/events/ws-a4-radio:1").json()["id"] == boni["id"]
    assert client.get("/api/events/nope").status_code == 404


def test_actors_documents_stats_trends(client):
    actors = client.get("/api/actors").json()["items"]
    jnim = next(a for a in actors if a["name"].startswith("JNIM"))
    assert jnim["events"] == 1
    one = client.get(f"/api/actors/{jnim['name']}").json()
    assert one["events"] and isinstance(one["relations"], list)
    assert all("status" in r for r in one["relations"])
    assert client.get("/api/actors/No Such Actor").status_code == 404
    docs = client.get("/api/documents", params={"limit": 20}).json()
    assert docs["total"] == 11
    copy = next(d for d in docs["items"] if d["id"] == "ws-a3-syndicated")
    assert copy["report_id"] == "ws-a2-wire" and copy["similarity"] > 0.8
    assert client.get("/api/documents/ws-a1-sahelwatch").json()["clean_text"].startswith("Suspected JNIM")
    stats = client.get("/api/stats").json()
    assert stats["events"] == 4
    assert sum(r["events"] for r in stats["by_type"]) == 4
    assert {r["month"] for r in stats["by_month"]} == {"2024-03", "2024-04", "2024-05", "2024-06"}
    assert sum(r["events"] for r in stats["by_week_type"]) == 4
    assert client.get("/api/stats", params={"country": "Niger"}).json()["events"] == 1
    trends = client.get("/api/trends", params={"distance_actor": "JNIM", "capital": "Bamako"}).json()
    assert trends["distance"]["capital"]["name"] == "Bamako"
    assert 500 < trends["distance"]["by_month"][0]["median_km"] < 800
    assert sum(r["events"] for r in trends["admin1_monthly"]) == 4
    net = client.get("/api/network").json()
    assert {"nodes", "edges"} <= set(net)


def test_read_only_unless_the_operator_sets_a_token(client, writer):
    doc = {"id": "ws-late", "text": "Soldiers clashed with JNIM fighters near Douentza, Mali, on 2 July 2024, "
                                    "killing four fighters, the army said.", "published": "2024-07-03"}
    assert client.post("/api/ingest", json={"documents": [doc]}).status_code == 403
    assert writer.post("/api/ingest", json={"documents": [doc]}).status_code == 401
    assert writer.post("/api/ingest", json={"documents": [doc]},
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = writer.post("/api/ingest", json={"documents": [doc]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == ["ws-late"]
    assert client.get("/api/events", params={"q": "Douentza", "from": "2024-07-01"}).json()["total"] == 1
    again = writer.post("/api/ingest", json={"documents": [doc]}, headers={"X-Sitrep-Token": TOKEN}).json()
    assert again["duplicates"] == 1
    assert client.post("/api/events/x/split", json={"event_ids": ["a"]}).status_code == 403


def test_security_headers_and_dashboard(client):
    r = client.get("/api/health")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    page = client.get("/")
    if find_node_modules() is None:
        assert page.status_code == 503 and "npm ci" in page.json()["error"]
        pytest.skip("node_modules not installed (npm ci --omit=peer)")
    assert page.status_code == 200 and '<div id="map"' in page.text
    assert "http" not in page.text.split("<body>")[1].replace("http-equiv", "")  # no CDN anywhere
    for asset in ("/vendor/leaflet/leaflet.js", "/vendor/world-atlas/countries-50m.json",
                  "/vendor/topojson-client/topojson-client.min.js", "/vendor/cytoscape/cytoscape.min.js",
                  "/vendor/chart.js/chart.umd.min.js", "/vendor/leaflet.markercluster/leaflet.markercluster.js",
                  "/static/app.js", "/static/style.css"):
        assert client.get(asset).status_code == 200, asset


def test_sentence_around():
    text = "First one. The army said nine soldiers were killed. Last."
    start = text.index("nine")
    assert sentence_around(text, start, start + 4) == "The army said nine soldiers were killed."
    assert json.dumps(sentence_around("", 0, 0)) == '""'


@pytest.mark.parametrize("path,params", [
    ("/api/events", {"offset": "9223372036854775808"}),  # past SQLite's int64: was a 500 (OverflowError)
    ("/api/documents", {"offset": "9223372036854775808"}),
    ("/api/events", {"offset": "-1"}),
    ("/api/events", {"limit": "0"}),
    ("/api/events", {"limit": "5001"}),
    ("/api/documents", {"limit": "1001"}),
    ("/api/actors", {"limit": "-5"}),
    ("/api/network", {"limit": "99999999999999999999"}),
    ("/api/events", {"from": "2024-02-30"}),
    ("/api/events", {"to": "2024-1-5"}),
    ("/api/stats", {"from": "yesterday"}),
    ("/api/events", {"bbox": "nan,nan,nan,nan"}),
    ("/api/events", {"bbox": "0,0,inf,1"}),
    ("/api/events", {"bbox": "5,5,1,1"}),  # min after max
    ("/api/events", {"bbox": "1,2,3"}),
    ("/api/events", {"country": "x" * 201}),
    ("/api/events", {"q": "word " * 101}),
    ("/api/trends", {"baseline_weeks": "1"}),
    ("/api/trends", {"distance_actor": "y" * 201}),
    ("/api/events", {"order": "rowid; DROP TABLE events"}),
])
def test_hostile_parameters_answer_422(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, (path, params, r.status_code, r.text[:200])


def test_odd_but_valid_parameters_answer_200(client):
    assert client.get("/api/events", params={"offset": 10_000_000}).json()["items"] == []
    assert client.get("/api/events", params={"from": "", "to": ""}).status_code == 200  # the dashboard's empty fields
    # a map panned across the antimeridian asks past the world's edge: clamped to it
    wide = client.get("/api/events", params={"bbox": "-540,-100,540,100"}).json()
    assert wide["total"] == client.get("/api/events").json()["total"]
    for text in ('"', "NEAR(", "a OR", "*", "'); --", "\x00"):
        assert client.get("/api/events", params={"q": text}).status_code == 200, text
        assert client.get("/api/documents", params={"q": text}).status_code == 200, text
    assert client.get("/api/events/" + "e" * 301).status_code == 422


def test_ingest_is_bounded(writer):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    too_many = [{"id": f"n{i}", "text": "x"} for i in range(501)]
    assert writer.post("/api/ingest", json={"documents": too_many}, headers=headers).status_code == 422
    assert writer.post("/api/ingest", json={"documents": ["text"]}, headers=headers).status_code == 422
    odd = writer.post("/api/ingest", json={"documents": [{"id": 5, "text": ""}, {"text": 3}]}, headers=headers)
    assert odd.status_code == 200 and len(odd.json()["problems"]) == 2 and odd.json()["stored"] == []
    assert writer.post("/api/events/x/split", json={"event_ids": []}, headers=headers).status_code == 422


def test_api_docs_are_served_from_local_assets(client):
    assert client.get("/redoc").status_code == 404  # FastAPI's ReDoc page loads a CDN script: off
    page = client.get("/docs")
    if find_node_modules() is None:
        assert page.status_code == 503 and "npm ci" in page.json()["error"]
        pytest.skip("node_modules not installed (npm ci --omit=peer)")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text and "<script>" not in page.text  # no CDN, no inline script for the CSP to block
    for asset in ("/vendor/swagger-ui-dist/swagger-ui-bundle.js", "/vendor/swagger-ui-dist/swagger-ui.css",
                  "/static/docs.js"):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/vendor/swagger-ui-dist/index.html").status_code == 404  # its petstore demo is not served
    assert '"/openapi.json"' in client.get("/static/docs.js").text
