import csv
import json

from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()
CONTRACT_COLUMNS = ["doc_id", "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2",
                    "location", "latitude", "longitude", "geo_precision", "fatalities", "notes", "confidence"]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_extract_acled_contract(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "n1", "text": "On 3 May 2020, unknown gunmen attacked the village of Ogossagou (Bankass, Mopti), "
                             "killing three civilians."},
        {"id": "n2", "text": "On 5 June 2020, thousands of people demonstrated in Bamako."}])
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--format", "acled"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert set(CONTRACT_COLUMNS) <= set(rows[0])
    assert [r["doc_id"] for r in rows][:2] == ["n1", "n2"]
    assert rows[0]["event_date"] == "2020-05-03" and rows[0]["fatalities"] == "3"


def test_extract_jsonl_kinds_and_bad_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "March 3, 2024 | Desk\n\nGunmen attacked a checkpoint in Gao "
                                                  "on Saturday, killing two soldiers, officials said."}) + "\n{oops\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 1  # a line was skipped
    assert f"{src}:2" in result.output
    records = [json.loads(line) for line in out.open()]
    kinds = [r["kind"] for r in records]
    assert kinds[0] == "document" and "event" in kinds and "claim" in kinds
    event = next(r for r in records if r["kind"] == "event")
    assert event["evidence"]["location"][0]["text"] == "Gao"


def test_geoparse_offsets_are_into_the_raw_text(tmp_path):
    text = "Share this:\n\nSoldiers \u201cclashed\u201d   with rebels near Kidal and Gao, in northern Mali."
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "g", "text": text}])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["geoparse", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text())
    assert row["doc_id"] == "g"
    for place in row["places"]:
        assert text[place["start"]:place["end"]] == place["text"]
    names = {p["text"] for p in row["places"]}
    assert {"Kidal", "Gao"} <= names


def test_ingest_events_show_export(tmp_path, samples, store_location):
    db = store_location
    result = runner.invoke(app, ["ingest", str(samples), "--db", str(db)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["ingest", str(samples), "--db", str(db)])
    assert "0 new documents" in again.output.replace("stored 0 new documents", "0 new documents")
    listed = runner.invoke(app, ["events", "--db", str(db), "--format", "json", "--background"])
    events = json.loads(listed.output)
    assert len(events) >= 10
    shown = runner.invoke(app, ["show", events[0]["event_id"], "--db", str(db)])
    assert shown.exit_code == 0 and events[0]["event_id"] in shown.output
    geo = tmp_path / "e.geojson"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "geojson", "-o", str(geo)]).exit_code == 0
    assert json.loads(geo.read_text())["features"]
