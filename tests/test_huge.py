"""Huge reports (issue 13): a long UN or NGO report listing incidents is parsed in sections below spaCy's limit
and still yields its events, with offsets into the whole text; a file over the documented limit is reported by
name with the limit, and the rest of the batch goes on.

The long texts are the project's generated reports (tests/generated_reports.py) joined one paragraph each. The
full-size target (1.2 million characters, peak memory measured) is marked `stress`: `make stress` runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from generated_reports import reports
from sitrep.cli import app
from sitrep.documents import MAX_DOCUMENT_BYTES
from sitrep.intervals import ByStart, SpanIndex, Taken
from sitrep.sections import SECTION_CHARS, cut_points, parse, sections

runner = CliRunner()
SITREP = str(Path(sys.executable).parent / "sitrep")
SAMPLES = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data" / "samples"


def long_report(chars: int, seed: int = 5) -> str:
    """A situation report of about `chars` characters: a title, then one incident per paragraph."""
    paragraphs = ["Situation report: security incidents in the Sahel"]
    size = len(paragraphs[0])
    for report in reports(chars // 120 + 10, seed=seed):
        if size >= chars:
            break
        paragraphs.append(report["text"])
        size += len(report["text"]) + 2
    return "\n\n".join(paragraphs) + "\n"


# ------------------------------------------------------------------------------------------------- cutting

def test_sections_join_back_to_the_text_and_stay_under_the_size():
    text = long_report(50_000)
    for size in (1_000, 5_000, 20_000):
        parts = sections(text, size)
        assert "".join(parts) == text
        assert len(parts) > 1 and all(0 < len(p) <= size for p in parts)
        # cut at blank lines: every section but the last ends a paragraph, every one starts on a word
        assert all(p.endswith("\n\n") for p in parts[:-1])
        assert all(not p[0].isspace() for p in parts)


def test_sections_cut_at_sentence_ends_then_spaces_then_anywhere():
    prose = " ".join(f"Sentence number {i} tells of a clash near Gao." for i in range(200))  # no line break
    parts = sections(prose, 1_000)
    assert "".join(parts) == prose and all(len(p) <= 1_000 for p in parts)
    assert all(p.rstrip().endswith(".") for p in parts[:-1])
    words = " ".join(f"word{i}" for i in range(2_000))  # no sentence end
    parts = sections(words, 1_000)
    assert "".join(parts) == words and all(p.endswith(" ") for p in parts[:-1])
    blob = "x" * 2_500  # nothing to cut at
    assert cut_points(blob, 1_000) == [1_000, 2_000, 2_500]
    assert cut_points("short", 1_000) == [5]


@pytest.mark.slow
def test_a_text_parsed_in_sections_is_one_doc_over_the_whole_text():
    from sitrep.nlp import get_nlp, sentences

    nlp = get_nlp("en")
    text = long_report(12_000)
    whole, cut = nlp(text), parse(nlp, text, size=3_000)
    assert cut.text == text and len(cut) == len(whole)
    # Sentences never straddle a cut, and they are the ones the whole text has.
    bounds = set(cut_points(text, 3_000))
    assert [(s.start_char, s.end_char) for s in sentences(cut)] == \
        [(s.start_char, s.end_char) for s in sentences(whole)]
    assert all(not (s.start_char < b < s.end_char) for s in sentences(cut) for b in bounds)
    for ent in cut.ents:
        assert text[ent.start_char:ent.end_char] == ent.text
    assert parse(nlp, "Gunmen attacked Boni.").text == "Gunmen attacked Boni."


# ------------------------------------------------------------------------ lookups that stay linear

_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])),
                  max_size=40)


@pytest.mark.property
@given(_spans, st.integers(0, 70), st.integers(0, 12))
def test_span_lookups_answer_as_a_scan_of_every_span(spans, start, length):
    end = start + length
    scan = any(s < end and start < e for s, e in spans)
    assert SpanIndex(spans).overlaps(start, end) == scan
    taken, kept = Taken(), []
    for s, e in spans:  # claimed in turn, as recognition and date finding claim text
        if taken.overlaps(s, e) != any(a < e and s < b for a, b in kept):
            raise AssertionError((kept, s, e))
        if not taken.overlaps(s, e):
            taken.add(s, e)
            kept.append((s, e))
    assert taken.overlaps(start, end) == any(s < end and start < e for s, e in kept)
    items = [{"start": s, "n": n} for n, (s, _e) in enumerate(spans)]
    assert ByStart(items, lambda x: x["start"]).within(start, end) == [x for x in items if start <= x["start"] < end]


# ----------------------------------------------------------------------------------------- a long report

def _extract_jsonl(path: Path, out: Path) -> tuple[int, str, list[dict]]:
    result = runner.invoke(app, ["extract", str(path), "-o", str(out), "--format", "jsonl"])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return result.exit_code, result.output, rows


@pytest.mark.slow
def test_a_300k_character_report_yields_its_events_from_every_part(tmp_path):
    text = long_report(300_000)
    assert len(text) > 2 * SECTION_CHARS
    path = tmp_path / "situation_report.txt"
    path.write_text(text, encoding="utf-8")
    code, output, rows = _extract_jsonl(path, tmp_path / "out.jsonl")
    assert code == 0, output
    assert "E088" not in output
    clean = next(r for r in rows if r["kind"] == "document")["clean_text"]
    events = [r for r in rows if r["kind"] == "event"]
    assert len(events) >= 300
    starts = []
    for event in events:
        for spans in event["evidence"].values():
            for span in spans:
                assert 0 <= span["start"] < span["end"] <= len(clean)
                assert clean[span["start"]:span["end"]] == span["text"]
        told = event["evidence"]["event_type"]
        # Each event's sentences are one incident's (inside one paragraph), and its place and date are
        # read in them.
        assert all("\n\n" not in s["text"].strip() for s in told)
        for key in ("location", "event_date"):
            for span in event["evidence"].get(key, []):
                assert any(s["start"] <= span["start"] and span["end"] <= s["end"] for s in told), (key, event)
        starts += [s["start"] for s in told]
    # events from every tenth of the text, the last sections included
    tenths = {min(9, 10 * s // len(clean)) for s in starts}
    assert tenths == set(range(10))
    claims = [r for r in rows if r["kind"] == "claim"]
    assert claims and all(clean[c["evidence"]["start"]:c["evidence"]["end"]] == c["evidence"]["text"]
                          for c in claims if c.get("evidence"))


# ------------------------------------------------------------------------------------- beyond the limit

@pytest.mark.slow
def test_a_file_over_the_limit_is_named_with_the_limit_and_the_batch_goes_on(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    sample = (SAMPLES / "01_mopti_ambush.txt").read_text(encoding="utf-8")
    (batch / "a_first.txt").write_text(sample, encoding="utf-8")
    paragraph = long_report(20_000)
    copies = MAX_DOCUMENT_BYTES // len(paragraph.encode("utf-8")) + 1
    (batch / "b_huge.txt").write_text(paragraph * copies, encoding="utf-8")
    (batch / "c_last.txt").write_text((SAMPLES / "09_fada_clash.txt").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    record = {"id": "huge-line", "text": paragraph * copies}
    (batch / "d_lines.jsonl").write_text(json.dumps(record) + "\n" + json.dumps({"id": "small", "text": sample})
                                         + "\n", encoding="utf-8")
    code, output, rows = _extract_jsonl(batch, tmp_path / "out.jsonl")
    flat = re.sub(r"\s+", "", output)  # the console wraps long lines
    assert code == 1  # something was skipped
    limit = f"{MAX_DOCUMENT_BYTES // 1_000_000}MB"
    assert re.search(r"b_huge\.txt:\d+MBistoolargeforonereport\(limit" + limit, flat), output
    assert re.search(r"d_lines\.jsonl:1:'text'islargerthan" + limit, flat), output
    documents = [r["id"] for r in rows if r["kind"] == "document"]
    assert documents == ["a_first", "c_last", "small"]
    assert {r["doc_id"] for r in rows if r["kind"] == "event"} == {"a_first", "c_last", "small"}


def test_standard_input_over_the_limit_is_refused_with_the_limit(monkeypatch):
    import io

    from sitrep.documents import read_documents

    data = b"Gunmen attacked a village near Gao. " * (MAX_DOCUMENT_BYTES // 36 + 1)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    problems: list = []
    assert list(read_documents(["-"], problems)) == []
    assert [p.origin for p in problems] == ["<stdin>"]
    assert f"limit {MAX_DOCUMENT_BYTES // 1_000_000} MB" in problems[0].message


# ------------------------------------------------------------------------------ full size (make stress)

@pytest.mark.stress
def test_stress_a_1_2_million_character_report(tmp_path):
    chars = int(os.environ.get("SITREP_STRESS_CHARS", "1200000"))
    text = long_report(chars)
    path = tmp_path / "un_report.txt"
    path.write_text(text, encoding="utf-8")
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    t0 = time.perf_counter()
    with err.open("w") as err_fh:
        proc = subprocess.Popen([SITREP, "extract", str(path), "-o", str(out), "--format", "jsonl"],
                                stdout=subprocess.DEVNULL, stderr=err_fh, env={**os.environ, "COLUMNS": "200"})
        _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
    seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    events = [r for r in rows if r["kind"] == "event"]
    print(f"\n[stress] {len(text):,}-character report: exit {code}, {len(events)} events, {seconds:.0f} s, "
          f"peak memory {peak_mb:.0f} MB", flush=True)
    assert code == 0, err.read_text()
    assert len(events) >= 10
    assert peak_mb <= 1500
