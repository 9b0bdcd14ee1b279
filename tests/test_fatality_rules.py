"""ACLED's fatality conventions on whole passages (sentences of our own)."""

from __future__ import annotations

from sitrep.events.fatalities import acled_fatalities, find_fatalities


def _toll(*sentences: str) -> int:
    figures = []
    for n, sentence in enumerate(sentences):
        found, _ = find_fatalities(sentence, 0)
        figures += [f.__class__(**{**f.__dict__, "clause": f.clause + 1000 * n}) for f in found]
    return acled_fatalities(figures)[0]


def test_a_vague_word_gives_way_to_a_number_for_the_same_victims():
    assert _toll("Gunmen killed about 40 villagers in the raid.", "Many villagers were killed, residents said.") == 40
    assert _toll("Many villagers were killed, residents said.") == 10  # alone, 'many' is ACLED's 10


def test_victims_named_by_where_they_came_from():
    assert _toll("Twelve soldiers from Niger and three from Chad were killed in the assault.") >= 12
    assert _toll("Four traders from Mopti were killed on the road to Bandiagara.") == 4


def test_another_victim_is_one_more():
    assert _toll("A second mine blast on Thursday near the park killed another ranger.") == 1
    assert _toll("The patrol hit a mine, killing another official.") == 1


def test_some_of_the_dead_are_a_floor_not_a_toll():
    # a witness's own losses are part of the toll told before: they do not lower it
    assert _toll("At least 30 people were killed when the market was shelled.",
                 "A trader said three of his cousins were killed.") == 30
    assert _toll("Four of them were killed before help arrived.") == 4  # alone, the part is all we know
    french = [f for s in ("Au moins 30 personnes ont été tuées.", "Un habitant a dit que deux de ses fils ont été tués.")
              for f in find_fatalities(s, 0, __import__("sitrep.lexicon").lexicon.get_lexicon("fr"))[0]]
    assert {f.group for f in french} == {"people", "part"}


def test_other_dead_told_after_a_toll_are_part_of_it():
    assert _toll("Six people were killed in the raid, among them the chief.",
                 "Four other people were also shot dead in the village.") == 6
    assert _toll("Four other people were also shot dead in the village.") == 4  # alone, still four


def test_a_killing_told_as_a_noun_and_a_toll_told_at_length():
    assert _toll("A rights group documented the killing of 12 civilians by soldiers near the market.") == 12
    assert _toll("Witnesses described the massacre of 30 villagers at dawn.") == 30
    assert _toll("The toll from Monday's attack on the convoy rose to 30, a security source said.") == 30


def test_one_person_told_dead_in_a_singular_passive_with_no_figure():
    assert _toll("A herder suspected of theft and chased out of the camp was beaten to death near the well.") == 1
    assert _toll("Gunmen seized a nurse on the road; she was later found executed outside the town.") == 1
    assert _toll("Bandits fired on a customs post. The officer died.") == 1
    assert _toll("The escort was attacked, but nobody was killed.") == 0
    assert _toll("The mayor was not killed in the ambush.") == 0


def test_an_animal_word_inside_a_person_s_noun_is_still_a_person():
    assert _toll("Villagers beat a suspected goat thief to death at the market.") == 1


def test_a_body_found_a_hanging_a_killing_of_and_an_abbreviated_aside_count():
    assert _toll("A trader was abducted near Kaya; he was later found hanged outside the village.") == 1
    assert _toll("The body of a teacher from Djibo was found riddled with bullets on the road.") == 1
    assert _toll("The ambush resulted in the killing of at least 12 militants, the army said.") == 12
    assert _toll("Three men incl. the village chief assassinated overnight near Djibo.") == 3


def test_a_thing_told_executed_is_no_death():
    assert _toll("Gunmen raided the depot; the plan was executed at night.") == 0


def test_a_side_s_own_dead_told_as_a_loss():
    assert _toll("The army said it lost four soldiers when the camp was overrun.") == 4
    assert _toll("Troops pushed the attackers back, losing two gendarmes.") == 2
    assert _toll("The convoy lost two vehicles in the blast.") == 0  # things lost are no deaths


def test_a_figure_said_to_be_some_number():
    assert _toll("The ministry said some 60 assailants had been neutralised.") == 60


def test_a_loss_told_as_a_noun():
    assert _toll("The army confirmed the loss of five soldiers in the ambush.") == 5
    assert _toll("The loss of two vehicles slowed the convoy.") == 0
