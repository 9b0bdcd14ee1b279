"""The WikiEvents and UCDP GED scorers, on small inputs of our own."""

from __future__ import annotations

import csv
import json

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.eval import ucdp, wikievents
from sitrep.eval.wikievents import argument_matches_actor, gold_arguments, norm_argument, score_document


def test_argument_names_and_classes_match_acled_actor_names():
    assert norm_argument("The Rebel Front") == "rebel front"
    assert norm_argument("ISIL") == "islamic state"
    assert argument_matches_actor("the Taliban", "Taliban")
    assert argument_matches_actor("ISIS", "Islamic State (Iraq)")
    assert argument_matches_actor("troops", "Military Forces of Chad (2021-)")
    assert argument_matches_actor("villagers", "Civilians (Niger)")
    assert argument_matches_actor("gunmen", "Unidentified Armed Group (Benin)")
    assert not argument_matches_actor("gunmen", "Civilians (Benin)")
    assert not argument_matches_actor("villagers", "Military Forces of Chad (2021-)")
    # a nationality beside the head must be the actor's country
    assert argument_matches_actor("soldiers", "Military Forces of Chad (2021-)", context="killed five Chadian")
    assert not argument_matches_actor("soldiers", "Military Forces of Chad (2021-)", context="killed five Malian")
    assert not argument_matches_actor("they", "Taliban")


DOC = {
    "doc_id": "d1",
    "text": "Rebels of the Northern Front shot three villagers in Kidal. They fled.",
    "tokens": ["Rebels", "of", "the", "Northern", "Front", "shot", "three", "villagers", "in", "Kidal", ".",
               "They", "fled", "."],
    "entity_mentions": [
        {"id": "d1-T1", "start": 3, "end": 5, "entity_type": "ORG", "text": "Northern Front"},
        {"id": "d1-T2", "start": 7, "end": 8, "entity_type": "PER", "text": "villagers"},
        {"id": "d1-T3", "start": 9, "end": 10, "entity_type": "GPE", "text": "Kidal"},
        {"id": "d1-T4", "start": 11, "end": 12, "entity_type": "PER", "text": "They"},
        {"id": "d1-T5", "start": 9, "end": 10, "entity_type": "FAC", "text": "checkpoint"},
    ],
    "event_mentions": [{"id": "d1-E1", "event_type": "Conflict.Attack.Unspecified", "arguments": [
        {"entity_id": "d1-T1", "role": "Attacker", "text": "the Northern Front"},
        {"entity_id": "d1-T4", "role": "Attacker", "text": "They"},
        {"entity_id": "d1-T2", "role": "Target", "text": "villagers"},
        {"entity_id": "d1-T5", "role": "Target", "text": "checkpoint"},
        {"entity_id": "d1-T3", "role": "Place", "text": "Kidal"},
    ]}],
}


def test_gold_arguments_drop_pronouns_and_things():
    gold = gold_arguments(DOC)
    assert [a["text"] for a in gold["Attacker"]] == ["the Northern Front"]
    assert [a["text"] for a in gold["Target"]] == ["villagers"]
    assert [a["text"] for a in gold["Place"]] == ["Kidal"]


def _geocoder(name):
    return [(18.44, 1.41)] if name == "Kidal" else []


def test_document_score_counts_recall_and_precision_per_role():
    events = [{"actor1": "Northern Front", "assoc_actor_1": "", "actor2": "Civilians (Mali)", "assoc_actor_2": "",
               "location": "Anefis", "latitude": 17.95, "longitude": 0.52, "country": "Mali"},
              {"actor1": "Military Forces of Mali (2021-)", "assoc_actor_1": "", "actor2": "", "assoc_actor_2": "",
               "location": "Dakar", "latitude": 14.69, "longitude": -17.44, "country": "Senegal"}]
    score = score_document("d1", gold_arguments(DOC), events, geocoder=_geocoder)
    assert (score.counts["Attacker"].found, score.counts["Attacker"].given, score.counts["Attacker"].right) == (1, 2, 1)
    assert score.wrong["Attacker"] == ["Military Forces of Mali (2021-)"]
    assert (score.counts["Target"].found, score.counts["Target"].right) == (1, 1)
    # Anefis is within 161 km of Kidal, Dakar is not
    assert (score.counts["Place"].found, score.counts["Place"].given, score.counts["Place"].right) == (1, 2, 1)
    nothing = score_document("d1", gold_arguments(DOC), [], geocoder=_geocoder)
    assert nothing.counts["Attacker"].recall == 0.0 and nothing.missed["Place"] == ["Kidal"]


def test_split_is_fixed_and_holds_a_third():
    ids = [f"doc{i}" for i in range(30)]
    parts = wikievents.split_part(ids)
    assert sum(p == "held" for p in parts.values()) == 10
    assert parts == wikievents.split_part(list(reversed(ids)))
    assert ucdp.split_part(ids) == parts  # the same seeded rule for both sets


def test_ucdp_row_scores():
    row = {"best_est": "4", "low_est": "3", "high_est": "6", "latitude": "12.0", "longitude": "-1.5",
           "country": "Burkina Faso"}
    near = {"fatalities": 4, "latitude": 12.1, "longitude": -1.5, "country": "Burkina Faso"}
    assert ucdp.score_row(row, near) == {"event": 1.0, "fatal_range": 1.0, "fatal_best": 1.0, "loc25km": 1.0,
                                         "loc161km": 1.0, "country": 1.0}
    far = {"fatalities": 7, "latitude": 13.0, "longitude": -1.5, "country": "Mali"}
    assert ucdp.score_row(row, far) == {"event": 1.0, "fatal_range": 0.0, "fatal_best": 0.0, "loc25km": 0.0,
                                        "loc161km": 1.0, "country": 0.0}
    assert set(ucdp.score_row(row, None).values()) == {0.0}


def test_label_headlines():
    assert ucdp.is_label("Tweet")
    assert ucdp.is_label("Press release 12")
    assert ucdp.is_label("#Sahel #Soum;Niger JUNE 2021;Tweet")
    assert not ucdp.is_label("Gunmen kill four herders near Djibo")
    assert not ucdp.is_label("Tweet;Gunmen kill four herders near Djibo")


def test_cli_runs_both_harnesses(tmp_path):
    jsonl = tmp_path / "w.jsonl"
    jsonl.write_text(json.dumps(DOC) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "wikievents", str(jsonl), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Attacker" in result.output and "Place" in result.output
    path = tmp_path / "u.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["id", "source_headline", "best_est", "low_est", "high_est", "latitude",
                                     "longitude", "country"])
        writer.writeheader()
        writer.writerow({"id": "1", "source_headline": "Gunmen kill four herders near Djibo", "best_est": "4",
                         "low_est": "4", "high_est": "4", "latitude": "14.1", "longitude": "-1.63",
                         "country": "Burkina Faso"})
        writer.writerow({"id": "2", "source_headline": "Tweet", "best_est": "1", "low_est": "1", "high_est": "1",
                         "latitude": "14.1", "longitude": "-1.63", "country": "Burkina Faso"})
    result = CliRunner().invoke(app, ["eval", "ucdp", str(path)])
    assert result.exit_code == 0, result.output
    assert "fatal_range" in result.output and "loc25km" in result.output


def test_place_names_match_without_their_kind_word():
    event = {"location": "Kirkuk", "admin1": "Kirkuk", "country": "Iraq", "latitude": None, "longitude": None}
    assert wikievents.place_matches("Kirkuk city", event, [])
    assert wikievents.place_matches("the Kirkuk province", event, [])
    assert not wikievents.place_matches("Mosul", event, [])


def test_an_unnamed_attacker_is_no_wrong_name_where_the_text_names_none():
    gold = {"Attacker": [], "Target": [], "Place": []}
    events = [{"actor1": "Unidentified Armed Group (Chad)", "assoc_actor_1": "", "actor2": "", "assoc_actor_2": "",
               "location": "", "latitude": None, "longitude": None}]
    assert score_document("d", gold, events, geocoder=_geocoder).counts["Attacker"].given == 0
    gold["Attacker"] = [{"text": "the Northern Front", "context": "", "entity_type": "ORG"}]
    score = score_document("d", gold, events, geocoder=_geocoder)
    assert (score.counts["Attacker"].given, score.counts["Attacker"].right) == (1, 0)
