"""Cross-language fusion: a French and an English report of one ambush, ingested together, make one canonical
event listing both sources; a French report of another happening the same day stays apart.

The three reports are ours (invented events at real places), written the way the region's English wires and
French-language press tell such news.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import BACKENDS, new_store_location
from sitrep.cli import app
from sitrep.fuse import claimant_category
from sitrep.serve.api import create_app
from sitrep.store.repository import EventFilter, Store

runner = CliRunner()

ENGLISH = {
    "id": "xl-en-boulkessi", "published": "2024-10-15", "source": "Sahel Wire",
    "url": "https://sahelwire.example/boulkessi-ambush", "title": "Soldiers killed in ambush near Boulkessi",
    "text": "Soldiers killed in ambush near Boulkessi\n\nSuspected JNIM fighters ambushed a Malian army patrol on "
            "Sunday near Boulkessi, close to the border with Burkina Faso, killing at least nine soldiers, security "
            "sources said. The attackers fled on motorbikes after seizing two vehicles. The army has not given a "
            "toll."}
FRENCH = {
    "id": "xl-fr-boulkessi", "published": "2024-10-14", "source": "Le Reporter du Sahel",
    "url": "https://reporter-sahel.example/mali-embuscade-boulkessi",
    "title": "Mali : des militaires tués dans une embuscade près de Boulkessi",
    "text": "Mali : des militaires tués dans une embuscade près de Boulkessi\n\nUne patrouille des Forces armées "
            "maliennes (FAMa) est tombée dans une embuscade dimanche après-midi près de Boulkessi, non loin de la "
            "frontière burkinabè, a-t-on appris de sources locales. Selon un élu de la zone, onze soldats ont été "
            "tués. Le GSIM a revendiqué l'attaque dans un message diffusé lundi."}
# the same Sunday, the same region, another happening: a market burned some 200 km away
OTHER = {
    "id": "xl-fr-sofara", "published": "2024-10-14", "source": "Le Reporter du Sahel",
    "url": "https://reporter-sahel.example/mali-marche-sofara",
    "title": "Mali : le marché de Sofara incendié",
    "text": "Mali : le marché de Sofara incendié\n\nDes individus armés non identifiés ont incendié dimanche soir "
            "le marché hebdomadaire de Sofara, dans le cercle de Djenné, selon des habitants. Aucune victime n'a été "
            "signalée, mais des dizaines de boutiques ont été détruites."}
PAIR = {ENGLISH["id"], FRENCH["id"]}


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("languages")
    source = folder / "reports.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (ENGLISH, FRENCH, OTHER)),
                      encoding="utf-8")
    location = new_store_location(request.param, request, folder, "languages")
    result = runner.invoke(app, ["ingest", str(source), "--db", location])
    assert result.exit_code == 0, result.output
    return location


def _canonical_of(store: Store, doc_id: str) -> tuple[dict, set[str]]:
    for row in store.query_canonical(EventFilter()):
        docs = {m["doc_id"] for m in store.canonical_members(row["id"])}
        if doc_id in docs:
            return dict(row), docs
    raise AssertionError(f"{doc_id} is in no canonical event")


def test_each_report_is_read_in_its_own_language(store):
    with Store(store) as s:
        assert s.document(ENGLISH["id"])["language"] == "en"
        assert s.document(FRENCH["id"])["language"] == "fr"
        for doc_id in PAIR:
            events = [e for e in s.query_events(EventFilter()) if e["doc_id"] == doc_id]
            assert events and events[0]["event_type"] == "Battles", (doc_id, events)


def test_french_and_english_reports_of_one_ambush_fuse(store):
    with Store(store) as s:
        row, docs = _canonical_of(s, FRENCH["id"])
        assert docs == PAIR
        assert row["event_type"] == "Battles" and row["country"] == "Mali"
        assert row["actor1"].startswith("JNIM") and row["actor2"].startswith("Military Forces of Mali")
        assert row["n_sources"] == 2 and row["n_documents"] == 2
        sources = json.loads(row["sources"])
        assert {d["doc_id"] for s_ in sources for d in s_["documents"]} == PAIR
        # ACLED's lowest credible figure across the two tolls (nine, eleven), with the range beside it
        assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (9, 9, 11)


def test_each_voice_is_read_in_its_language(store):
    """Who vouches for what: the French report's claim of responsibility is the party's own (not a second
    independent source naming the perpetrator), its local official's toll is an official's."""
    with Store(store) as s:
        row, _docs = _canonical_of(s, FRENCH["id"])
    facts = json.loads(row["facts"])
    assert any("GSIM" in who for who in facts["actor1"]["claimants"].get("party", [])), facts["actor1"]
    assert facts["actor1"]["status"] == "claimed"  # one outlet's word and the group's own claim
    assert facts["fatalities"]["status"] == "confirmed"
    assert {"local", "officials"} <= set(facts["fatalities"]["by"]), facts["fatalities"]


ACTORS = ["JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)"]


@pytest.mark.parametrize("claimant, language, category", [
    ("Le GSIM", "fr", "party"),  # an alias of the event's actor, in the claimant's language
    ("la katiba Macina", "fr", "party"),  # a unit of it
    ("l'armée malienne", "fr", "party"),
    ("un élu de la zone", "fr", "officials"),  # French "un" is an article, not the United Nations
    ("le gouverneur de Mopti", "fr", "officials"),
    ("des habitants", "fr", "local"),
    ("des sources sécuritaires", "fr", "local"),
    ("un responsable de l'ONU", "fr", "local"),
    ("Le Reporter du Sahel", "fr", "outlet"),
    ("UN investigators", "en", "local"),
    ("residents", "en", "local"),
])
def test_who_claims_in_each_language(claimant, language, category):
    assert claimant_category(claimant, ACTORS, "", language) == category


def test_another_happening_the_same_day_stays_apart(store):
    with Store(store) as s:
        _row, docs = _canonical_of(s, OTHER["id"])
        assert docs == {OTHER["id"]}


def test_the_fusion_command_lists_both_sources(store):
    listed = runner.invoke(app, ["fusion", "list", "--db", store, "--format", "json", "--background"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    fused = [r for r in rows if r["n_documents"] == 2]
    assert len(fused) == 1 and len(rows) == 2
    shown = runner.invoke(app, ["fusion", "show", fused[0]["id"], "--db", store])
    assert shown.exit_code == 0
    assert "sahelwire.example" in shown.output and "reporter-sahel.example" in shown.output


def test_the_api_gives_each_source_its_language(store):
    client = TestClient(create_app(store))
    fused = next(e for e in client.get("/api/events").json()["items"] if e["n_documents"] == 2)
    detail = client.get(f"/api/events/{fused['id']}").json()
    assert {m["doc_id"]: m["language"] for m in detail["members"]} == {ENGLISH["id"]: "en", FRENCH["id"]: "fr"}
    listed = {d["doc_id"]: d["language"] for s in detail["sources"] for d in s["documents"]}
    assert listed == {ENGLISH["id"]: "en", FRENCH["id"]: "fr"}
    # a store fused before sources carried their language still shows it (taken from the documents)
    with Store(store) as s:
        row = s.conn.execute("SELECT sources FROM canonical_events WHERE id = ?", (fused["id"],)).fetchone()
        older = [{**src, "documents": [{k: v for k, v in d.items() if k != "language"} for d in src["documents"]]}
                 for src in json.loads(row[0])]
        s.conn.execute("UPDATE canonical_events SET sources = ? WHERE id = ?", (json.dumps(older), fused["id"]))
    again = client.get(f"/api/events/{fused['id']}").json()
    assert {d["doc_id"]: d["language"] for s in again["sources"] for d in s["documents"]} == listed
