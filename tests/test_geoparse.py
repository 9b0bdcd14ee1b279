"""`sitrep geoparse` rows and the `sitrep eval geoparse` harness (LGL and GeoWebNews formats)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.eval.geoparse import GeoparseResult, evaluate_geoparse, format_report, read_corpus, score_article
from sitrep.geoparse import geoparse_document
from sitrep.records import Document

runner = CliRunner()

# Two tiny corpora written for these tests, one in each format the harness reads.
LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="a1">
    <title>t</title>
    <text><![CDATA[Flooding hit Nairobi and parts of Kenya on Monday, officials in Mombasa said.]]></text>
    <toponyms>
      <toponym><start>13</start><end>20</end><phrase>Nairobi</phrase>
        <gaztag geonameid="184745"><name>Nairobi</name><fcode>PPLC</fcode><lat>-1.28333</lat><lon>36.81667</lon>
        </gaztag></toponym>
      <toponym><start>34</start><end>39</end><phrase>Kenya</phrase>
        <gaztag geonameid="192950"><name>Kenya</name><fcode>PCLI</fcode><lat>1</lat><lon>38</lon></gaztag></toponym>
      <toponym><start>65</start><end>72</end><phrase>Mombasa</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

GWN_XML = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <text>Canadian officials flew from Ottawa to Lima.</text>
    <toponyms>
      <toponym><extractedName>Canadian</extractedName><type>Non_Literal_Modifier</type>
        <modifierType>Adjective</modifierType><nonLocational>No</nonLocational><start>0</start><end>8</end>
        <latitude>60.10867</latitude><longitude>-113.64258</longitude></toponym>
      <toponym><extractedName>officials</extractedName><type>Non_Lit_Expression</type>
        <nonLocational>Yes</nonLocational><start>9</start><end>18</end></toponym>
      <toponym><extractedName>Ottawa</extractedName><type>Literal</type><nonLocational>No</nonLocational>
        <start>29</start><end>35</end><latitude>45.41117</latitude><longitude>-75.69812</longitude></toponym>
      <toponym><extractedName>Lima</extractedName><type>Literal</type><nonLocational>No</nonLocational>
        <start>39</start><end>43</end><latitude>-12.04318</latitude><longitude>-77.02824</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_rows_follow_the_contract_and_point_into_the_raw_text():
    text = "Share this:\n\nTroops   moved from Kabul to Kandahar, Afghanistan, on Monday."
    rows = geoparse_document(Document(id="d", text=text))
    assert {"start", "end", "text", "lat", "lon", "country_code", "admin1", "geonameid"} <= set(rows[0])
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]
    by_text = {r["text"]: r for r in rows}
    assert by_text["Kabul"]["country_code"] == "AF" and abs(by_text["Kabul"]["lat"] - 34.53) < 0.2
    assert by_text["Afghanistan"]["geonameid"] == 1149361


def test_demonyms_and_names_inside_organisations_are_reported():
    rows = geoparse_document(Document(id="d", text="The Washington Post said Russian jets struck near Aleppo."))
    texts = {r["text"]: r for r in rows}
    assert texts["Russian"]["country_code"] == "RU"
    assert texts["Washington"]["kind"] == "embedded"
    assert texts["Aleppo"]["country_code"] == "SY"


def test_names_repeated_in_text_cleaning_removed_get_the_same_reading():
    paragraph = "Fighting resumed around Goma in North Kivu, residents of Goma said on Sunday morning."
    rows = geoparse_document(Document(id="d", text=paragraph + "\n\n" + paragraph))
    starts = sorted(r["start"] for r in rows if r["text"] == "Goma")
    assert len(starts) == 4, rows


def test_cli_geoparse_writes_one_line_per_document(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Protesters marched in Dakar and Thies."}) + "\n"
                   + json.dumps({"id": "y", "text": "No places here at all."}) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["geoparse", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["doc_id"] for line in lines] == ["x", "y"]
    assert {p["text"] for p in lines[0]["places"]} >= {"Dakar"} and lines[1]["places"] == []


# ---------------------------------------------------------------------------------------------- the harness

def test_reads_both_formats_and_keeps_names_with_coordinates(tmp_path):
    lgl, gwn = tmp_path / "lgl.xml", tmp_path / "gwn.xml"
    lgl.write_text(LGL_XML, encoding="utf-8")
    gwn.write_text(GWN_XML, encoding="utf-8")
    a = next(read_corpus(lgl))
    assert [g.text for g in a.gold] == ["Nairobi", "Kenya"] and a.ignored == [(65, 72)]
    assert a.gold[0].kind == "PPLC"
    b = next(read_corpus(gwn))
    assert [g.text for g in b.gold] == ["Canadian", "Ottawa", "Lima"]
    assert b.gold[0].kind == "Non_Literal_Modifier/Adjective"


def test_scoring_counts_overlap_within_161_km(tmp_path):
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(GWN_XML, encoding="utf-8")
    article = next(read_corpus(gwn))
    result = GeoparseResult()
    rows = [{"start": 29, "end": 35, "lat": 45.42, "lon": -75.70},  # Ottawa, right
            {"start": 39, "end": 43, "lat": 40.74, "lon": -84.11},  # Lima, Ohio: found but wrong
            {"start": 9, "end": 18, "lat": 0.0, "lon": 0.0},  # on an annotation without coordinates
            {"start": 19, "end": 23, "lat": 0.0, "lon": 0.0}]  # on no annotation
    score_article(article, rows, result)
    assert (result.gold, result.found, result.correct) == (3, 2, 1)
    assert result.spurious == 1
    assert result.score == pytest.approx(1 / 3) and result.right_among_found == pytest.approx(0.5)
    assert {m["text"] for m in result.misses} == {"Canadian", "Lima"}


def test_evaluate_runs_geoparse_end_to_end(tmp_path):
    lgl = tmp_path / "lgl.xml"
    lgl.write_text(LGL_XML, encoding="utf-8")
    result = evaluate_geoparse(lgl)
    assert result.documents == 1 and result.gold == 2 and result.correct == 2
    report = format_report(result)
    assert "found and within 161 km" in report and "1.000" in report


@pytest.mark.slow
def test_lgl_sample_scores_well(shared):
    path = shared / "eval" / "geoparsing" / "lgl.xml"
    if not path.exists():
        pytest.skip("LGL corpus not present")
    result = evaluate_geoparse(path, limit=60)
    assert result.score >= 0.70, format_report(result)


def test_evaluate_skips_the_first_articles_and_writes_the_misses(tmp_path):
    lgl, errors = tmp_path / "lgl.xml", tmp_path / "misses.jsonl"
    lgl.write_text(LGL_XML.replace("</articles>", LGL_XML.split("<articles>")[1].replace('docid="a1"', 'docid="a2"')),
                   encoding="utf-8")
    assert evaluate_geoparse(lgl).documents == 2
    result = evaluate_geoparse(lgl, offset=1, errors_path=errors)
    assert result.documents == 1 and result.gold == 2
    assert errors.exists()


def test_a_place_the_index_does_not_hold_stands_in_the_town_told_before_it():
    rows = geoparse_document(Document(id="t", text="Firefighters from Tyler, Texas, pulled a swimmer from Lake "
                                                   "Quivalla on Sunday afternoon."))
    lake = [r for r in rows if r["text"] == "Lake Quivalla"]
    assert lake and lake[0]["name"] == "Tyler" and lake[0]["geo_precision"] == 2
