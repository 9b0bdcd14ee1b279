"""The seed acceptance: every check in ../shared/acceptance/seed_expectations.json, through `sitrep extract`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.places.gazetteer import haversine_km


@pytest.fixture(scope="module")
def expectations(shared):
    return json.loads((shared / "acceptance" / "seed_expectations.json").read_text())


@pytest.fixture(scope="module")
def extracted(shared, expectations, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeds")
    src = tmp / "seeds.jsonl"
    with src.open("w") as fh:
        for d in expectations["documents"]:
            row = {"id": d["id"], "text": (shared / d["file"]).read_text()}
            if d.get("published"):
                row["published"] = d["published"]
            fh.write(json.dumps(row) + "\n")
    out = tmp / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    by_doc: dict[str, dict[str, list]] = {}
    for line in out.read_text().splitlines():
        record = json.loads(line)
        doc_id = record.get("id") if record["kind"] == "document" else record["doc_id"]
        by_doc.setdefault(doc_id, {}).setdefault(record["kind"], []).append(record)
    return by_doc


def _any_in(options: list[str], *values: str) -> bool:
    return any(o.lower() in (v or "").lower() for o in options for v in values)


def _matches(expected: dict, event: dict) -> bool:
    d = event["event_date"]
    if "event_date" in expected and d != expected["event_date"]:
        return False
    if "event_month" in expected and not d.startswith(expected["event_month"]):
        return False
    if "event_date_between" in expected:
        lo, hi = expected["event_date_between"]
        if not d or not (lo <= d <= hi):
            return False
    if "country" in expected and event["country"] != expected["country"]:
        return False
    if "near" in expected:
        near = expected["near"]
        if event["latitude"] in ("", None) or haversine_km(near["lat"], near["lon"], float(event["latitude"]),
                                                           float(event["longitude"])) > near["km"]:
            return False
    if "lat_min" in expected and (event["latitude"] in ("", None) or float(event["latitude"]) < expected["lat_min"]):
        return False
    if "event_type" in expected and event["event_type"] not in expected["event_type"]:
        return False
    if "sub_event_type" in expected and event["sub_event_type"] not in expected["sub_event_type"]:
        return False
    actors = (event["actor1"], event["actor2"], event["assoc_actor_1"], event["assoc_actor_2"])
    for group in expected.get("actors_include", []):
        if not _any_in(group, *actors):
            return False
    if "fatalities_min" in expected and int(event["fatalities"] or 0) < expected["fatalities_min"]:
        return False
    return True



def test_every_seed_expectation(expectations, extracted):
    failures = []
    for d in expectations["documents"]:
        got = extracted.get(d["id"], {})
        document = got.get("document", [{}])[0]
        events = got.get("event", [])
        if d.get("expect_published") and document.get("published") != d["expect_published"]:
            failures.append(f"{d['id']}: published {document.get('published')} != {d['expect_published']}")
        if len(events) > d.get("max_events", 99):
            failures.append(f"{d['id']}: {len(events)} events > {d['max_events']}")
        chosen: list[int | None] = []
        for _n, expected in enumerate(d.get("events", [])):
            hits = [i for i, e in enumerate(events) if _matches(expected, e)]
            if "distinct_from" in expected:
                hits = [i for i in hits if i != chosen[expected["distinct_from"]]]
            if not hits:
                failures.append(f"{d['id']}: no event matches {expected['name']!r}")
            if expected.get("unique") and len(hits) > 1:
                failures.append(f"{d['id']}: {len(hits)} events match {expected['name']!r}, expected one")
            chosen.append(hits[0] if hits else None)
        for rel in d.get("relations", []):
            ok = any(_any_in(rel["subject"], r["subject"]) and _any_in(rel["object"], r["object"])
                     and (not rel.get("status") or r["status"] in rel["status"]) for r in got.get("relation", []))
            if not ok:
                failures.append(f"{d['id']}: no relation {rel}")
        for claim in d.get("claims", []):
            ok = any((not claim.get("by") or _any_in(claim["by"], c["claimant"]))
                     and _any_in(claim["text_contains"], c["text"]) for c in got.get("claim", []))
            if not ok:
                failures.append(f"{d['id']}: no claim {claim}")
        forbid = d.get("forbid", {})
        for country in forbid.get("event_country", []):
            if any(e["country"] == country for e in events):
                failures.append(f"{d['id']}: an event in {country}")
        for text in forbid.get("clean_text_contains", []):
            if text in document.get("clean_text", ""):
                failures.append(f"{d['id']}: clean text contains {text!r}")
    assert not failures, "\n".join(failures)


def test_dates_are_iso(extracted):
    for got in extracted.values():
        for e in got.get("event", []):
            if e["event_date"]:
                date.fromisoformat(e["event_date"])
