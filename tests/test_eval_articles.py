"""The whole-article scorer: FORMAT.md's checks on records, with texts and expectations of our own."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.eval.articles import matches_alias, normal, score_article, without_report_date


def test_normal_form_drops_accents_case_parentheses_and_punctuation():
    assert normal("Forces Armées (Mali) — l'armée") == "forces armees mali l armee"
    assert matches_alias(["Civilians (Niger)"], "Civilians (Niger)")
    assert not matches_alias(["Civilians (Niger)"], "Civilians (Mali)")
    assert matches_alias(["jnim"], "JNIM: Group for Support of Islam and Muslims")


EXPECTED = {
    "id": "a1", "file": "a1.txt", "published": "2025-03-04", "max_events": 2,
    "events": [
        {"name": "ambush", "country": "Mali", "event_type": ["Battles"], "event_date": "2025-03-02",
         "near": {"lat": 14.49, "lon": -4.19, "km": 30}, "actors_include": [["JNIM"], ["Military Forces of Mali"]],
         "fatalities_min": 5, "unique": True},
        {"name": "second raid", "country": "Mali", "event_type": ["Violence against civilians"], "distinct_from": 0},
    ],
    "claims": [{"by": ["army"], "text_contains": ["12"]}],
    "forbid": {"event_country": ["Niger"], "event_before": "2025-01-01", "clean_text_contains": ["Share this"]},
}


def _event(**fields) -> dict:
    base = {"kind": "event", "doc_id": "a1", "event_date": "2025-03-02", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": "JNIM: Group for Support of Islam and Muslims",
            "actor2": "Military Forces of Mali (2021-)", "assoc_actor_1": "", "assoc_actor_2": "",
            "country": "Mali", "latitude": 14.5, "longitude": -4.2, "location": "Mopti", "fatalities": 7,
            "claims": []}
    return {**base, **fields}


def test_every_check_passes_on_a_right_reading():
    records = [{"kind": "document", "id": "a1", "published": "2025-03-04", "clean_text": "text"},
               _event(), _event(event_type="Violence against civilians", actor2="Civilians (Mali)"),
               {"kind": "claim", "doc_id": "a1", "claimant": "the army", "text": "12 terrorists neutralised"}]
    score = score_article(EXPECTED, records)
    assert [c.name for c in score.checks if not c.passed] == []
    assert len(score.checks) == 1 + 2 + 1 + 1 + 3  # max_events, two events, unique, claim, three forbids


def test_failed_checks_say_what_came_out_instead():
    records = [{"kind": "document", "id": "a1", "clean_text": "Share this story"},
               _event(fatalities=2), _event(country="Niger", event_date="2019-05-01", latitude=13.5, longitude=2.1)]
    score = score_article(EXPECTED, records)
    failed = {c.name: c.detail for c in score.checks if not c.passed}
    assert "fatalities 2 < 5" in failed["event: ambush"]
    assert "no event in Niger" in failed and "no event before 2025-01-01" in failed
    assert "clean text lacks 'Share this'" in failed
    assert "claim army: ['12']" in failed


def test_distinct_from_needs_another_event():
    expected = {"id": "a1", "events": [{"name": "x", "country": "Mali"}, {"name": "y", "country": "Mali",
                                                                          "distinct_from": 0}]}
    one = score_article(expected, [_event()])
    assert [c.passed for c in one.checks] == [True, False]


def test_without_report_date_drops_date_checks_and_guards_the_year():
    changed = without_report_date(EXPECTED)
    assert changed["published"] is None
    assert all("event_date" not in e for e in changed["events"])
    assert changed["forbid"]["event_before"] == "2025-01-01"
    assert EXPECTED["events"][0]["event_date"] == "2025-03-02"  # the original is untouched


def test_cli_scores_a_folder_of_articles(tmp_path):
    (tmp_path / "a1.txt").write_text(
        "Gunmen kill villagers in central Mali\n\nGunmen attacked the village of Ogossagou in central Mali on "
        "Saturday, killing nine civilians, the mayor said on Sunday.\n")
    expected = {"id": "a1", "file": "a1.txt", "published": None, "max_events": 3,
                "events": [{"name": "raid", "country": "Mali", "event_type": ["Violence against civilians"]}],
                "forbid": {"event_country": ["Senegal"]}}
    (tmp_path / "expectations.json").write_text(json.dumps({"documents": [expected]}))
    result = CliRunner().invoke(app, ["eval", "articles", str(tmp_path / "expectations.json")])
    assert result.exit_code == 0, result.output
    assert "a1: " in result.output and "checks passed:" in result.output
