"""The seed acceptance: every check in ../shared/acceptance/seed_expectations.json, scored as
`sitrep eval articles` scores it (FORMAT.md), through the same code as `sitrep extract --format jsonl`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.eval.articles import evaluate_articles


@pytest.fixture(scope="module")
def seed_file(shared):
    return shared / "acceptance" / "seed_expectations.json"


def _failures(result) -> list[str]:
    return [f"{c.doc_id}: {c.name}\n    got: {c.detail}" for a in result.articles for c in a.checks if not c.passed]


def test_every_seed_expectation(seed_file):
    result = evaluate_articles(seed_file)
    assert result.made >= 18
    assert not _failures(result), "\n".join(_failures(result))


def test_extract_cli_writes_iso_dates(seed_file, shared, tmp_path):
    documents = json.loads(seed_file.read_text())["documents"]
    src = tmp_path / "seeds.jsonl"
    src.write_text("".join(json.dumps({"id": d["id"], "text": (shared / d["file"]).read_text()}) + "\n"
                           for d in documents))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text().splitlines() if '"kind": "event"' in line]
    assert events
    for e in events:
        if e["event_date"]:
            date.fromisoformat(e["event_date"])
