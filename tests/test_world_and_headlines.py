"""Reports from conflicts beyond the Sahel, and the short, run-together headlines of event datasets."""

from __future__ import annotations

from collections import Counter

import pytest

from sitrep.actors.dictionary import get_dictionary
from sitrep.actors.resolve import acled_name, find_actors
from sitrep.clean import clean_text
from sitrep.documents import content_hash
from sitrep.export import reported_events
from sitrep.language import detect_language
from sitrep.pipeline import extract, reading_language
from sitrep.places.gazetteer import haversine_km
from sitrep.records import Document


def _events(text: str):
    document = Document(id="t", text=text)
    document.content_hash = content_hash(text)
    return reported_events(extract(document).events)


def _first(text: str):
    events = _events(text)
    assert events, text
    return events[0]


def test_glued_sentences_and_listed_headlines_are_split():
    assert clean_text("the convoy was hit.Officials said two died").text == \
        "the convoy was hit. Officials said two died"
    assert clean_text("Army post attacked;#Sahel;Ten dead").text == "Army post attacked; #Sahel; Ten dead"
    # abbreviations and initials stay whole
    assert clean_text("a U.S.-built drone and Mr.Diallo").text == "a U.S.-built drone and Mr.Diallo"


def test_headlines_joined_by_semicolons_keep_the_country_whole():
    event = _first("Nine killed in Burkina Faso market attack;Burkina Faso APRIL 2021")
    assert event.country == "Burkina Faso"
    assert event.fatalities == 9


@pytest.mark.parametrize("label", ["Burkina Faso MARCH 2020", "Niger  MARCH 2019", "Tweet;Tweet"])
def test_a_chronology_title_or_source_label_is_no_event(label):
    assert _events(label) == []


def test_an_acronym_in_running_text_is_no_hamlet():
    event = _first("The IRA left a bomb at a bar in Guildford that killed five people.")
    assert event.country == "United Kingdom"
    assert event.location != "Ira"
    assert event.actor1 == "IRA: Irish Republican Army"


def test_well_known_groups_beyond_the_sahel_are_named():
    event = _first("Taliban fighters stormed a police post in Ghazni province, killing nine Afghan policemen.")
    assert event.actor1 == "Taliban"
    assert event.actor2.startswith("Police Forces of Afghanistan")
    assert event.country == "Afghanistan"


def test_descriptions_of_sahel_groups_do_not_name_them_abroad():
    dictionary = get_dictionary()
    text = "Islamic State fighters ambushed an army convoy near Mosul."
    found = find_actors(text, dictionary, Counter({"IQ": 3}))
    assert acled_name(found[0].ref, dictionary, None, "IQ")[0] == "Islamic State"
    # the same words in a Malian report still mean the Sahel's branch
    found = find_actors("Islamic State fighters ambushed an army convoy near Menaka.", dictionary, Counter({"ML": 3}))
    assert acled_name(found[0].ref, dictionary, None, "ML")[0] != "Islamic State"
    rebels = find_actors("Rebels shot two villagers near Cali.", dictionary, Counter({"CO": 3}))
    assert acled_name(rebels[0].ref, dictionary, None, "CO")[0] == "Unidentified Armed Group (Colombia)"


def test_a_hamlet_abroad_known_by_another_of_its_names_is_not_the_place():
    event = _first("A suicide bomber killed 30 mourners in the town of Taji, north of Baghdad, police said.")
    assert event.country == "Iraq"


def test_a_province_without_a_known_seat_is_not_the_neighbouring_capital():
    event = _first("Gunmen attacked a checkpoint in Wardak province, killing five policemen.")
    assert event.country == "Afghanistan"
    assert event.location != "Kabul"


@pytest.mark.parametrize("headline,victim", [
    ("Customs officer killed in attack near Fada N'Gourma", "Police"),
    ("Village chief shot dead by gunmen near Djibo", "Civilians"),
    ("Commissaire de police tué dans une attaque près de Djibo", "Police"),
    ("Chef de village abattu par des hommes armés près de Djibo", "Civilians"),
])
def test_a_headlines_bare_singular_victim_is_one_death(headline, victim):
    event = _first(headline)
    assert event.fatalities == 1
    assert event.actor2.startswith(victim)
    assert event.actor1.startswith("Unidentified Armed Group")


def test_headline_present_tense_kills():
    assert _first("Troops neutralizes twelve terrorists near Arbinda").fatalities == 12
    event = _first("Burkina : l'armée tue une dizaine de terroristes près d'Arbinda")
    assert event.actor1.startswith("Military Forces of Burkina Faso")


def test_a_short_headline_is_not_set_aside_as_another_language():
    text = "Al-Shabaab claims attack in the north. Gunmen ambush, kill 3 police in north Burkina Faso"
    document = Document(id="t", text=text)
    assert detect_language(text) == "und"
    document.clean_text, document.language = text, detect_language(text)
    assert reading_language(document) == "en"
    assert _first(text).fatalities == 3


@pytest.mark.parametrize("headline,dead", [
    ("Twelve die in north Burkina Faso attacks", 12),
    ("Douze civils meurent dans une attaque au nord du Burkina", 12),
    ("Gunmen kill mayor near Djibo", 1),
])
def test_headline_tolls(headline, dead):
    assert _first(headline).fatalities == dead


@pytest.mark.parametrize("headline", ["Four police die in blast near Djibo",
                                      "Burkina : un gendarme tué par un engin explosif près de Djibo"])
def test_state_forces_named_by_a_blast_are_its_victims(headline):
    event = _first(headline)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1.startswith("Unidentified Armed Group")
    assert event.actor2.startswith(("Police Forces of Burkina Faso", "Military Forces of Burkina Faso"))


def test_a_brief_places_its_event_below_the_country_when_it_can():
    event = _first("Gunmen kill seven herders in Burkina Faso; Soum province")
    assert haversine_km(event.latitude, event.longitude, 14.1, -1.63) < 50  # the province, not the capital
    event = _first("Burkina Faso: six villagers killed by armed men in the Sahel")
    assert event.location != "Ouagadougou" and event.latitude > 13.5  # in the northern region, not the capital


def test_wiki_headings_run_into_the_text_end_a_block():
    cleaned = clean_text("Two guards were hurt.==Aftermath==In May the group struck again.").text
    assert cleaned == "Two guards were hurt.\n\nAftermath\n\nIn May the group struck again."
