"""Every CSV sitrep writes is formula-safe by default (OWASP: a leading ' before = + - @, tab, CR), numbers
stay numbers, and --raw-csv alone writes cells as they are."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.export import FORMULA_PREFIXES, SafeCsvWriter, formula_safe

runner = CliRunner()
LIVE = "=cmd|' /C calc'!A0"
REPORTS = [
    {"id": LIVE, "source": "@SUM(1+1)", "url": "+HYPERLINK(\"x\")", "published": "2021-03-08",
     "text": "On 6 March 2021, gunmen attacked soldiers at a checkpoint in Gao, Mali, killing two soldiers."},
    {"id": "west", "published": "2020-05-04",  # Ogossagou lies west of Greenwich: a negative longitude
     "text": "On 3 May 2020, unknown gunmen attacked the village of Ogossagou (Bankass, Mopti), killing three "
             "civilians."},
]
NUMERIC = ("latitude", "longitude", "fatalities")


def live_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run: starting with a formula character and not a plain number."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row
            if cell.startswith(FORMULA_PREFIXES) and formula_safe(cell) != cell]


def test_formula_safe_follows_owasp():
    for prefix in FORMULA_PREFIXES:
        assert formula_safe(prefix + "1+1") == "'" + prefix + "1+1"
    assert formula_safe(LIVE) == "'" + LIVE
    for kept in ("-3.5", "+12", "-0.0447", "1e-5", "Gao", "", "a=b", " =x"):
        assert formula_safe(kept) == kept
    assert formula_safe("-3.5+cmd") == "'-3.5+cmd" and formula_safe("--3") == "'--3"
    assert formula_safe(-3.5) == -3.5 and formula_safe(7) == 7 and formula_safe(None) is None
    out = io.StringIO()
    SafeCsvWriter(out).writerow(["@x", -2, "ok"])
    SafeCsvWriter(out, raw=True).writerow(["@x"])
    assert out.getvalue().splitlines() == ["'@x,-2,ok", "@x"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv")
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS))
    db = folder / "s.db"
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return src, db


def run(args: list[str], out_path=None) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return out_path.read_text(encoding="utf-8") if out_path else result.stdout


def every_csv(src, db, folder, extra: list[str]) -> dict[str, str]:
    files = {}
    for name, args in {
        "extract": ["extract", str(src), "--format", "acled"],
        "export": ["export", "--db", str(db), "--format", "acled"],
        "fusion": ["fusion", "export", "--db", str(db), "--format", "acled"],
        "fusion31": ["fusion", "export", "--db", str(db), "--format", "acled31"],
        "classify": ["classify", str(src)],
    }.items():
        path = folder / f"{name}.csv"
        files[name] = run([*args, *extra, "-o", str(path)], path)
    files["events"] = run(["events", "--db", str(db), "--format", "csv", "--background", *extra])
    return files


def test_no_live_formula_in_any_csv_by_default(inputs, tmp_path):
    src, db = inputs
    files = every_csv(src, db, tmp_path, [])
    for name, text in files.items():
        assert live_cells(text) == [], name
        assert any(cell.startswith(("'=", "'+", "'@")) for row in csv.reader(io.StringIO(text)) for cell in row), name
        if name != "fusion31":  # ACLED's 31 columns have no doc_id
            assert "'" + LIVE in text, name  # the hostile id is still there, as text
    for name in ("extract", "export", "fusion", "events"):
        rows = list(csv.DictReader(io.StringIO(files[name])))
        for row in rows:
            for column in NUMERIC:
                if row[column]:
                    float(row[column])  # a number, not '-3.5
        assert any(row["longitude"].startswith("-") for row in rows), name  # Ogossagou's, unquoted


def test_raw_csv_only_on_request(inputs, tmp_path):
    src, db = inputs
    files = every_csv(src, db, tmp_path, ["--raw-csv"])
    for name, text in files.items():
        assert live_cells(text), name
        if name != "fusion31":
            assert LIVE in live_cells(text), name
    # acled-safe stays accepted, and safe
    path = tmp_path / "safe.csv"
    assert live_cells(run(["export", "--db", str(db), "--format", "acled-safe", "-o", str(path)], path)) == []
    assert live_cells(run(["extract", str(src), "--format", "acled-safe", "-o", str(path)], path)) == []
