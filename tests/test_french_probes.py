"""Whole short reports written for these tests in the manner of the Sahel's French-language press and army
communiqués (with their English counterparts), read as an ACLED coder would: type, sides, tolls, claimants."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.pipeline import extract
from sitrep.records import Document


def read(text: str, published: date | None = date(2025, 3, 10)):
    return extract(Document(id="t", text=text, published=published))


def news(text: str, published: date | None = date(2025, 3, 10)) -> list:
    return [e for e in read(text, published).events if not e.background]


# ---- a party's own version beside civilians counted dead by others

@pytest.mark.parametrize("text", [
    "Au moins douze civils ont été tués jeudi lors d'une opération de l'armée dans le village de Sofara, selon "
    "des habitants.\n\nL'armée affirme pour sa part avoir « neutralisé des terroristes » dans ce secteur.",
    "At least twelve civilians were killed on Thursday during an army operation in the village of Sofara, "
    "residents said.\n\nThe army said it had neutralised terrorists in the area.",
])
def test_the_forces_own_version_does_not_turn_killed_civilians_into_a_battle(text):
    [event] = news(text)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor1.startswith("Military Forces of Mali")
    assert event.actor2 == "Civilians (Mali)"


def test_the_forces_own_account_alone_still_tells_their_battle():
    [event] = news("L'armée malienne affirme avoir neutralisé jeudi une quinzaine de terroristes près de Sofara.")
    assert event.event_type == "Battles"


# ---- nobody claimed it

@pytest.mark.parametrize("text", [
    "Trois gendarmes ont été tués samedi près de Tera.\n\nAucun groupe n'a pour l'instant revendiqué l'attaque.",
    "Trois gendarmes ont été tués samedi près de Tera.\n\nL'attaque n'a toujours pas été revendiquée.",
    "Three gendarmes were killed on Saturday near Tera.\n\nNo group has so far claimed responsibility for it.",
    "Three gendarmes were killed on Saturday near Tera.\n\nThe attack has not been claimed.",
])
def test_an_attack_nobody_claimed_is_no_claim_of_responsibility(text):
    claims = read(text).claims
    assert not any(c.kind == "responsibility" for c in claims)
    assert not any(c.claimant.lower().startswith(("no ", "aucun")) for c in claims)
    last = claims[-1]
    assert (last.claimant, last.status) == ("the report", "reported")


# ---- an army communiqué's two tolls: its own dead and the enemy's

@pytest.mark.parametrize("text, lex, groups", [
    ("Bilan provisoire côté ami : 2 morts et 5 blessés. Côté ennemi : 11 terroristes neutralisés.", "fr",
     [(11, "armed"), (2, "state")]),
    ("L'armée déplore quatre morts dans ses rangs.", "fr", [(4, "state")]),
    ("De notre côté, on compte deux morts.", "fr", [(2, "state")]),
    ("Friendly side: 2 dead and 5 wounded. Enemy side: 11 terrorists neutralised.", "en",
     [(11, "armed"), (2, "state")]),
    ("The army said it lost four dead in its ranks.", "en", [(4, "state")]),
])
def test_a_toll_told_for_one_side_is_that_side(text, lex, groups):
    from sitrep.events.fatalities import find_fatalities
    from sitrep.lexicon import get_lexicon

    figures = find_fatalities(text, 0, get_lexicon(lex))[0]
    assert sorted((f.value, f.group) for f in figures) == sorted(groups)


def test_both_sides_tolls_of_one_battle_add_up_and_the_toll_is_no_speaker():
    extraction = read("Les FAMa ont été la cible, lundi, d'une attaque terroriste près de Boni.\n\n"
                      "Bilan provisoire côté ami : 2 morts et 5 blessés. Côté ennemi : 11 terroristes neutralisés.",
                      date(2025, 5, 7))
    [event] = [e for e in extraction.events if not e.background]
    assert event.fatalities == 13
    assert all(c.claimant == "the report" for c in extraction.claims if "Bilan" in c.text)


# ---- a protest still to come is no event

@pytest.mark.parametrize("text", [
    "Des centaines de personnes ont manifesté mardi à Niamey contre la vie chère.\n\nUn sit-in prévu jeudi devant "
    "le gouvernorat a été interdit par les autorités.",
    "Hundreds of people marched in Niamey on Tuesday against the high cost of living.\n\nA sit-in planned for "
    "Thursday outside the governor's office was banned by the authorities.",
])
def test_a_protest_planned_for_later_is_no_second_protest(text):
    events = news(text)
    assert [e.event_type for e in events] == ["Protests"]


@pytest.mark.parametrize("text, lex", [
    ("Un sit-in prévu vendredi a été interdit.", "fr"),
    ("La marche programmée samedi contre la vie chère a été reportée.", "fr"),
    ("A rally scheduled for Saturday was postponed.", "en"),
])
def test_planned_protest_words_are_no_protest_cue(text, lex):
    from sitrep.events.cues import find_cues
    from sitrep.lexicon import get_lexicon

    assert "protest" not in {h.cue for h in find_cues(text, lex=get_lexicon(lex))}


# ---- a mutiny and the crowd's riot after it

@pytest.mark.parametrize("text", [
    "Des soldats se sont mutinés lundi au camp militaire de Kati, tirant en l'air, selon des témoins.\n\n"
    "Dans la foulée, des jeunes ont érigé des barricades et brûlé des pneus dans les rues de Kati.",
    "Soldiers mutinied on Monday at the military camp in Kati, firing into the air, witnesses said.\n\n"
    "Youths then erected barricades and burned tyres in the streets of Kati.",
])
def test_a_mutiny_and_a_crowds_riot_are_two_events(text):
    events = news(text, date(2025, 10, 1))
    assert len(events) == 2
    assert all(e.event_type == "Riots" and e.event_date == date(2025, 9, 29) for e in events)
    # the mutineers' event names their force beside the rioters; the crowd's does not
    assert sorted(e.assoc_actor_1 for e in events) == ["", "Military Forces of Mali (2021-)"]


# ---- a strike nobody is named for

@pytest.mark.parametrize("text, actor1, actor2", [
    ("Le ministère de la Défense indique qu'une frappe aérienne a neutralisé mardi une dizaine de terroristes près "
     "de Tillabéri, au Niger.", "Military Forces of Niger", "Unidentified Armed Group (Niger)"),
    ("The defence ministry said an air strike killed about ten terrorists near Tillaberi in Niger on Tuesday.",
     "Military Forces of Niger", "Unidentified Armed Group (Niger)"),
    ("Un drone a frappé mardi un poste de l'armée près de Tillabéri, au Niger, tuant deux soldats.",
     "Unidentified Armed Group (Niger)", "Military Forces of Niger"),
])
def test_an_air_strike_with_no_force_named_is_the_states_unless_it_hit_the_state(text, actor1, actor2):
    [event] = news(text)
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1.startswith(actor1) and event.actor2.startswith(actor2)


# ---- the victims taken up again

@pytest.mark.parametrize("text", [
    "Des hommes armés ont exécuté quatre commerçants mardi dernier près de Dori.\n\nSelon une association locale, "
    "les victimes ont été enlevées sur la route puis retrouvées mortes le lendemain.",
    "Gunmen executed four traders last Tuesday near Dori.\n\nAccording to a local association, the victims were "
    "abducted on the road and found dead the next day.",
])
def test_the_victims_found_the_next_day_are_the_same_event(text):
    events = news(text)
    assert len(events) == 1 and events[0].fatalities == 4


# ---- the riposte's toll told after a source, and the attack the news comes after

@pytest.mark.parametrize("text", [
    "Six soldats ont été tués dimanche lors de l'attaque d'un poste militaire près de Tera.\n\nSelon le communiqué, "
    "l'attaque a été menée par des centaines de terroristes. Une quarantaine d'assaillants ont été neutralisés lors "
    "de la riposte.\n\nCette attaque intervient une semaine après celle de Bankilaré, qui avait fait 30 morts.",
    "Six soldiers were killed on Sunday in an attack on a military post near Tera.\n\nAccording to the statement, "
    "the attack was carried out by hundreds of terrorists. About forty assailants were neutralised in the "
    "counter-attack.\n\nThe attack comes a week after the one in Bankilare, which killed 30 people.",
])
def test_the_riposte_adds_to_the_toll_and_the_earlier_attack_stays_apart(text):
    events = news(text, date(2025, 6, 30))
    assert [e.fatalities for e in events] == [46]


# ---- a far country in the crowd's slogans

@pytest.mark.parametrize("text, country", [
    ("Des milliers de personnes se sont rassemblées samedi à Ouagadougou pour soutenir les autorités de la "
     "transition. Les manifestants scandaient des slogans hostiles à la France.", "Burkina Faso"),
    ("Thousands of people gathered on Saturday in Niamey to back the military authorities. The protesters chanted "
     "slogans hostile to France.", "Niger"),
])
def test_a_country_only_named_in_slogans_is_not_where_the_protest_was(text, country):
    [event] = news(text)
    assert event.event_type == "Protests" and event.country == country


# ---- the commune a village lies in

@pytest.mark.parametrize("text", [
    "Au moins dix civils ont été tués samedi lors d'une attaque d'hommes armés contre le village de Sofara, dans la "
    "commune de Djenné, selon des sources locales.",
    "At least ten civilians were killed on Saturday in an attack by gunmen on the village of Sofara, in the commune "
    "of Djenne, local sources said.",
])
def test_the_commune_a_village_lies_in_is_no_second_site(text):
    events = news(text)
    assert [(e.location, e.fatalities) for e in events] == [("Sofara", 10)]


# ---- forces sent after the fighting

@pytest.mark.parametrize("text", [
    "Des affrontements entre éleveurs et agriculteurs ont fait au moins neuf morts samedi près de Koro, au Mali.\n\n"
    "Des renforts de l'armée ont été déployés pour rétablir le calme, a indiqué le préfet.",
    "Clashes between herders and farmers killed at least nine people on Saturday near Koro, Mali.\n\n"
    "Army reinforcements were deployed to restore calm, the prefect said.",
])
def test_forces_deployed_after_a_clash_are_no_party_to_it(text):
    [event] = news(text)
    sides = [event.actor1, event.assoc_actor_1, event.actor2, event.assoc_actor_2]
    assert not any("Military Forces" in side for side in sides)
    assert event.fatalities == 9
