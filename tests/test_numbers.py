from sitrep.events.fatalities import acled_fatalities, find_fatalities
from sitrep.numbers import parse_number, parse_quantity


def test_numbers():
    assert parse_number("twenty-three") == 23
    assert parse_number("1,200") == 1200
    assert parse_quantity("dozens").value == 12
    assert parse_quantity("hundreds").value == 100
    assert parse_quantity("several").value == 10


def fat(text):
    figures, none = find_fatalities(text)
    return acled_fatalities(figures)[0], none is not None


def test_fatalities_by_acled_rules():
    assert fat("Gunmen killed two civilians in the village.") == (2, False)
    assert fat("killing at least seven soldiers and 12 militants") == (19, False)
    assert fat("Two people were killed and five wounded.") == (2, False)
    assert fat("No casualties were reported.") == (0, True)
    assert fat("dozens of soldiers were killed") == (12, False)
    assert fat("A village chief was shot dead.") == (1, False)
    assert fat("Five soldiers were wounded.") == (0, False)


def test_lowest_figure_per_group_is_summed():
    text = ("The army said 20 assailants were killed; a local source put the toll at eight militants "
            "and three VDP fighters.")
    figures, _ = find_fatalities(text)
    low, low_, best, high = acled_fatalities(figures)
    assert low == 11 and high == 23


def test_a_killing_figure_without_a_noun():
    from sitrep.events.fatalities import acled_fatalities, find_fatalities

    figures, _none = find_fatalities("Militants attacked soldiers in Djibo, killing four and wounding six.")
    assert acled_fatalities(figures)[0] == 4
    figures, _none = find_fatalities("Militants attacked soldiers in Djibo, killing four of them.")
    assert acled_fatalities(figures)[0] == 4


def test_figures_with_an_aside_and_a_coders_figure():
    from sitrep.events.fatalities import acled_fatalities, find_fatalities

    figures, _none = find_fatalities("Five travellers (two of them women) were killed when the bus hit a mine.")
    assert acled_fatalities(figures)[0] == 5
    figures, _none = find_fatalities("Four herders including a boy and an old man were killed near the well.")
    assert acled_fatalities(figures)[0] == 4
    figures, _none = find_fatalities("Many militants were killed. Unknown fatalities coded as 3.")
    assert acled_fatalities(figures)[0] == 3


def test_single_victims_kin_and_deaths_later():
    from sitrep.events.fatalities import acled_fatalities, find_fatalities

    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("Gunmen fired on two herders. One was killed and the other wounded.") == 1
    assert toll("An MSA officer was killed at the market.") == 1
    assert toll("A village chief and his son were killed by unidentified assailants.") == 2
    assert toll("The mayor was shot and wounded; he later succumbed to his wounds.") == 1
    assert toll("Five soldiers were wounded; the plan was executed as ordered.") == 0


def test_an_aside_does_not_run_into_the_next_clause():
    from sitrep.events.fatalities import acled_fatalities, find_fatalities

    figures, _none = find_fatalities("Two soldiers, including a captain, were wounded and one civilian was killed.")
    assert acled_fatalities(figures)[0] == 1
    figures, _none = find_fatalities("Fatalities were recorded at 3 sites; 5 people were killed.")
    assert acled_fatalities(figures)[0] == 5


def test_a_toll_split_across_coded_events():
    from sitrep.events.fatalities import split_count, split_share

    assert split_count("Gunmen raided Kolobe and Sendou, killing seven. Fatalities split across two events.") == 2
    assert split_count("Fatalities are split between (4) events in the province.") == 4
    # no count written: the places listed
    assert split_count("Raiders hit the villages of Abo, Bende, and Cirou, killing 9 (fatalities split "
                       "between events).") == 3
    assert split_count("Coded as three events, fatalities divided between events.") == 3
    assert split_count("Militants killed nine herders near Abo.") is None
    assert split_share(7, 2) == 4 and split_share(9, 3) == 3 and split_share(0, 3) == 0 and split_share(5, None) == 5


def test_companions_wounded_clauses_and_animals():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("Gunmen killed a herder and his nephew near the well of Tabo.") == 2
    assert toll("Raiders shot dead the headman of Kelli, his wife and two others.") == 4
    assert toll("The strike killed the group's deputy leader and six of his bodyguards.") == 7
    assert toll("Soldiers fired on the crowd, killing three men and a boy.") == 4
    assert toll("A gendarme and a smuggler were killed in the exchange.") == 2
    assert toll("Two guards were killed, and three guards and a driver wounded.") == 2
    assert toll("Six fighters were killed and four others taken prisoner.") == 6
    assert toll("Bandits burned a granary and killed five goats.") == 0
    assert toll("The patrol killed a reported twelve gunmen.") == 12
    assert toll("About eight militants were 'neutralized' by the army.") == 8
    assert toll("Many were killed. Unknown fatalities assessed as low given the arms recovered and coded as 3.") == 3


def test_one_person_killed_in_any_words():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("A cyclist was killed by a roadside bomb near Tobo.") == 1
    assert toll("One teenager killed and three others wounded by a mine in Kelli.") == 1
    assert toll("An angry crowd beat a suspected thief to death at the market.") == 1
    assert toll("One gunman was wounded after being chased by the villagers.") == 0
    assert toll("A stray dog was killed by a stray bullet.") == 0
    assert toll("An attacker killed and wounded several herders.") == 0  # active: nobody counted from this


def test_ranges_figures_joined_before_and_wounded_first():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("Raiders killed between 6 and 11 herders near Tobo.") == 6
    assert toll("Nine rebels and four soldiers were killed; the rebels later said they killed 20 soldiers.") == 13
    assert toll("Three gendarmes wounded and two traders were killed in the ambush.") == 2


def test_victim_lists_executions_corpses_and_vague_tolls():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("Two herders, the imam and a boy were killed when raiders entered Kolodo.") == 4
    assert toll("Three Tobo and one Gali militiaman were killed in the fighting.") == 4
    assert toll("On 3 May 2021, two soldiers were killed by a mine near Sirba.") == 2  # the date is no victim
    assert toll("The shop sheltered a militant cell, two militants and a policeman were killed.") == 3
    assert toll("In the wake of a robbery, one guard killed and two others wounded.") == 1
    assert toll("Police detained seven youths in Bira, four were found executed.") == 4
    assert toll("The corpses of three traders were discovered near Ouri.") == 3
    assert toll("Rival hunters clashed near Doro, tens were reportedly killed.") == 10
    assert toll("Police broke up the march leaving many people injured.") == 0


def test_wounded_who_died_later_add_and_background_deaths_do_not_count():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("Raiders killed three herders; the two wounded later succumbed.") == 5
    assert toll("Gunmen killed two traders and wounded others, one of the wounded later died.") == 3
    assert toll("Students marched for the teacher who was assassinated in 2009.") == 0
    assert toll("Youths rallied over a herder who was killed three weeks earlier.") == 0
    assert toll("Gunmen killed two guards in Kelo earlier that day.") == 2


def test_pronoun_victims_and_more_victim_nouns():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("Bandits stopped a herder near Kiri, robbing and killing him.") == 1
    assert toll("A bomber struck a patrol in Sago, killing himself and three soldiers.") == 4
    assert toll("A militant blew himself up while handling explosives near Pelo.") == 1
    assert toll("At least four protesters were killed when police fired on the march.") == 4
    assert toll("Two clans fought over a well; six tribesmen were killed.") == 6


def test_victims_named_apart_from_their_verb():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("Two boys riding a donkey cart were killed by a mine near Lati.") == 2
    assert toll("A woman travelling aboard a bus was killed when it hit a mine.") == 1
    assert toll("Soldiers arrested three herders and executed them near Poro.") == 3


def test_one_of_the_named_victims_and_days_of_the_month():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("The patrol fired back and killed one of the gunmen near Bira.") == 1
    assert toll("Raiders came for the chief and shot dead two of his sons.") == 2
    assert toll("Two herders went missing; their bodies were found on June 14 executed.") == 0


def test_lynched_to_death_and_one_who_died():
    def toll(text: str) -> int:
        return acled_fatalities(find_fatalities(text)[0])[0]

    assert toll("A crowd lynched to death a suspected thief in Gando.") == 1
    assert toll("A detained herder died in custody at the police station of Tiri.") == 1
