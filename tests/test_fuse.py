"""Fusion across documents: ten reports we wrote about three happenings become three canonical events."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BACKENDS, copy_store, new_store_location
from sitrep.cli import app
from sitrep.fuse import (
    Candidate,
    claimant_category,
    match,
    outlet_of,
    related,
    resemblance,
    shingles,
)
from sitrep.store.repository import EventFilter, Row, Store

FIXTURES = Path(__file__).parent / "fixtures" / "workspace"
REPORTS = FIXTURES / "reports.jsonl"
HAPPENINGS = {
    "boni": {"ws-a1-sahelwatch", "ws-a2-wire", "ws-a3-syndicated", "ws-a4-radio"},
    "tera": {"ws-b1-ministry", "ws-b2-local", "ws-b3-claim"},
    "djibo": {"ws-c1-burkina", "ws-c2-faso", "ws-c3-ngo"},
}
runner = CliRunner()


def _candidate(event_id: str, doc_id: str, **row) -> Candidate:
    base = {"event_date": "2024-03-12", "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": "JNIM: Group for Support of Islam and Muslims", "actor2": "Military Forces of Mali (2021-)",
            "country": "Mali", "admin1": "Mopti", "location": "Boni", "latitude": 15.05, "longitude": -2.2,
            "geo_precision": 1}
    base.update(row)
    return Candidate(event_id=event_id, doc_id=doc_id, report_id=doc_id, outlet=doc_id, row=base)


# ---- the rules, on events made by hand


def test_same_happening_matches_and_says_why():
    m = match(_candidate("a:1", "a"), _candidate("b:1", "b", event_date="2024-03-13", latitude=15.08,
                                                 actor1="Katiba Macina"))
    assert not m.blocked and m.score >= 0.6
    assert "adjacent days" in m.reasons
    assert any("km apart" in r or "same place" in r for r in m.reasons)
    assert any("Katiba Macina" in r for r in m.reasons)


@pytest.mark.parametrize("change, why", [
    ({"event_date": "2024-03-16"}, "days apart"),
    ({"latitude": 15.6}, "km apart"),
    ({"country": "Niger"}, "different countries"),
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, "incompatible types"),
    ({"actor1": "Islamic State (West Africa) - Greater Sahara Faction"}, "different armed groups"),
    ({"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": "Military Forces of Mali "
      "(2021-)", "actor2": "Civilians (Mali)"}, "different perpetrators"),
])
def test_different_happenings_are_kept_apart(change, why):
    m = match(_candidate("a:1", "a"), _candidate("b:1", "b", **change))
    assert why in m.blocked


def test_two_events_of_one_document_never_merge():
    assert match(_candidate("a:1", "a"), _candidate("a:2", "a")).blocked == "same document"


def test_week_precision_widens_the_window():
    m = match(_candidate("a:1", "a"), _candidate("b:1", "b", event_date="2024-03-16", time_precision=2))
    assert not m.blocked


def test_units_and_parents_are_related_but_siblings_are_not():
    assert related("Katiba Macina", "JNIM: Group for Support of Islam and Muslims")
    assert not related("JNIM: Group for Support of Islam and Muslims",
                       "Islamic State (West Africa) - Greater Sahara Faction")


def test_syndicated_copies_are_near_duplicates():
    story = ("Jihadist fighters ambushed an army convoy near the town on Tuesday, killing at least twelve soldiers, "
             "local sources said. The group later claimed the attack and said it seized two vehicles.")
    copy = "World news. " + story + " (Wire)"
    other = ("Protesters marched through the capital on Friday to demand the release of a journalist detained "
             "last week, and police fired tear gas to disperse them near the main market.")
    jac, cont = resemblance(shingles(story), shingles(copy))
    assert cont > 0.9
    assert max(resemblance(shingles(story), shingles(other))) < 0.1
    assert outlet_of("https://www.example.org/a/b", "") == "example.org"


@pytest.mark.parametrize("claimant, category", [
    ("JNIM: Group for Support of Islam and Muslims", "party"),
    ("the army", "party"),
    ("a Tuareg commander", "party"),
    ("the governor of Mopti", "officials"),
    ("residents", "local"),
    ("Witnesses", "local"),
    ("", "outlet"),
])
def test_who_claims(claimant, category):
    actors = ["JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)"]
    assert claimant_category(claimant, actors) == category


# ---- ten reports, three happenings (through the real pipeline and store)


@pytest.fixture(scope="module", params=BACKENDS)
def fused_db(request, tmp_path_factory) -> str:
    db = new_store_location(request.param, request, tmp_path_factory.mktemp("fuse"), "fuse")
    result = runner.invoke(app, ["ingest", str(REPORTS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _by_happening(db: str) -> dict[str, Row]:
    with Store(db) as store:
        rows = store.query_canonical(EventFilter())
        out = {}
        for row in rows:
            docs = {m["doc_id"] for m in store.canonical_members(row["id"])}
            for name, expected in HAPPENINGS.items():
                if docs & expected:
                    assert name not in out, f"{name} split over two events"
                    out[name] = (row, docs)
        return out


def test_ten_reports_make_three_events(fused_db):
    with Store(fused_db) as store:
        assert store.counts()["documents"] == 10
        assert store.count_canonical(EventFilter()) == 3
    got = _by_happening(fused_db)
    assert set(got) == set(HAPPENINGS)
    for name, (_row, docs) in got.items():
        assert docs == HAPPENINGS[name]


def test_sources_are_counted_once_per_report(fused_db):
    boni, _ = _by_happening(fused_db)["boni"]
    assert boni["n_documents"] == 4
    assert boni["n_reports"] == 3  # the syndicated copy is the wire story again
    assert boni["n_sources"] == 3
    sources = json.loads(boni["sources"])
    wire = next(s for s in sources if s["report_id"] == "ws-a2-wire")
    assert {d["url"] for d in wire["documents"]} == {
        "https://westafricawire.example/2024/03/13/mali-convoy-boni",
        "https://dailycourier.example/world/africa/boni-ambush-copy"}


def test_fatalities_follow_acleds_rule(fused_db):
    got = _by_happening(fused_db)
    # Boni: army (a party) 9, local sources 12, JNIM (a party) 30, residents 11: lowest credible is 11
    expected = {"boni": (11, 9, 30), "tera": (4, 4, 7), "djibo": (15, 15, 18)}
    for name, (fat, low, high) in expected.items():
        row, _ = got[name]
        assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (fat, low, high), name
        assert row["fatalities_low"] <= row["fatalities_best"] <= row["fatalities_high"]


def test_corroboration_and_claims(fused_db):
    got = _by_happening(fused_db)
    for name in HAPPENINGS:
        row, _ = got[name]
        facts = json.loads(row["facts"])
        assert facts["occurrence"]["status"] == "confirmed", name
        assert row["confirmed"] == 1
    boni, _ = got["boni"]
    assert "party" in boni["claimed_by"].split(",")
    tera_facts = json.loads(got["tera"][0]["facts"])
    assert tera_facts["fatalities"]["status"] == "claimed"  # one non-party voice only: the rest are parties
    with Store(fused_db) as store:
        # each source keeps its own claims
        claimants = {c["claimant"] for m in store.canonical_members(boni["id"]) for c in store.claims(event_id=m["id"])}
        assert "JNIM: Group for Support of Islam and Muslims" in claimants
        assert any("army" in c for c in claimants)
        assert [r["id"] for r in store.query_canonical(EventFilter(claimed_by="JNIM"))] == [boni["id"]]
        assert len(store.query_canonical(EventFilter(confirmed_only=True))) == 3
        assert len(store.query_events(EventFilter(confirmed_only=True))) == 10
        assert store.query_canonical(EventFilter(claimed_by="party", country="Burkina Faso")) == []


def test_show_explains_the_merge(fused_db):
    boni, _ = _by_happening(fused_db)["boni"]
    result = runner.invoke(app, ["fusion", "show", "ws-a4-radio:1", "--db", str(fused_db)])
    assert result.exit_code == 0, result.output
    assert boni["id"] in result.output
    assert "adjacent days" in result.output
    assert "near-duplicate of report ws-a2-wire" in result.output
    assert "lowest credible" in result.output


def test_split_survives_reingestion_and_rebuild(fused_db, tmp_path, request):
    db = copy_store(fused_db, request, tmp_path)
    boni, _ = _by_happening(db)["boni"]
    result = runner.invoke(app, ["fusion", "split", boni["id"], "ws-a4-radio:1", "--note", "other convoy",
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.count_canonical(EventFilter()) == 4
        assert store.canonical("ws-a4-radio:1")["id"] != boni["id"]
        assert store.canonical("ws-a1-sahelwatch:1")["id"] == boni["id"]  # the anchor's side keeps the id
    # re-ingesting changes nothing; a rebuild from scratch keeps the split
    assert runner.invoke(app, ["ingest", str(REPORTS), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["fusion", "rebuild", "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        assert store.count_canonical(EventFilter()) == 4
        assert store.canonical("ws-a4-radio:1")["id"] != store.canonical("ws-a1-sahelwatch:1")["id"]
        assert store.canonical("ws-a1-sahelwatch:1")["id"] == boni["id"]
    # a new report of the ambush joins the event incrementally
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps({
        "id": "ws-a5-late", "published": "2024-03-15", "source": "Bamako Post", "url": "https://bamakopost.example/boni",
        "text": "Jihadists from JNIM ambushed an army convoy near Boni in the Mopti region on 12 March 2024. "
                "A local official said ten soldiers were killed."}) + "\n")
    assert runner.invoke(app, ["ingest", str(new), "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        row = store.canonical("ws-a5-late:1")
        assert row["id"] == boni["id"]
        assert row["n_sources"] == 3
        assert row["fatalities"] == 10  # the official's 10 is now the lowest credible figure
    # and an analyst can merge them back
    with Store(db) as store:
        other = store.canonical("ws-a4-radio:1")["id"]
    assert runner.invoke(app, ["fusion", "merge", boni["id"], other, "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        assert store.count_canonical(EventFilter()) == 3


def test_exports_of_canonical_events(fused_db, tmp_path):
    out = tmp_path / "acled.csv"
    assert runner.invoke(app, ["fusion", "export", "--format", "acled", "-o", str(out), "--db", str(fused_db)]
                         ).exit_code == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 3
    assert {"n_sources", "status", "event_id_cnty", "disorder_type", "iso", "region"} <= set(rows[0])
    mali = next(r for r in rows if r["country"] == "Mali")
    assert mali["event_id_cnty"].startswith("MLI") and mali["iso"] == "466" and mali["region"] == "Western Africa"
    assert mali["disorder_type"] == "Political violence"
    out31 = tmp_path / "acled31.csv"
    assert runner.invoke(app, ["fusion", "export", "--format", "acled31", "-o", str(out31), "--db", str(fused_db)]
                         ).exit_code == 0
    header = out31.read_text().splitlines()[0].split(",")
    assert len(header) == 31 and header[0] == "event_id_cnty" and header[-1] == "timestamp"
    parquet = tmp_path / "events.parquet"
    assert runner.invoke(app, ["fusion", "export", "--format", "parquet", "-o", str(parquet), "--db", str(fused_db)]
                         ).exit_code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    assert table.num_rows == 3
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("fatalities").type) == "int64"
    geo = tmp_path / "events.geojson"
    assert runner.invoke(app, ["fusion", "export", "--format", "geojson", "-o", str(geo), "--db", str(fused_db)]
                         ).exit_code == 0
    assert len(json.loads(geo.read_text())["features"]) == 3


def test_formula_safe_and_parquet_for_per_report_events(tmp_path):
    from sitrep.export import AcledCsvWriter, write_parquet
    from sitrep.records import Event

    e = Event(doc_id="d", event_id="d:1", notes="=HYPERLINK(\"x\")", location="+Boni", actor1="@evil",
              country="Mali")
    path = tmp_path / "safe.csv"
    with path.open("w", newline="") as fh:
        AcledCsvWriter(fh, safe=True).write([e])
    row = next(csv.DictReader(path.open()))
    assert row["notes"].startswith("'=") and row["location"] == "'+Boni" and row["actor1"] == "'@evil"
    write_parquet([e], tmp_path / "e.parquet")
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "e.parquet").num_rows == 1
