"""Death tolls and numbers read through the document's lexicon: French as the Sahel press writes it, English as
before. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from sitrep.events.fatalities import acled_fatalities, find_fatalities
from sitrep.lexicon import get_lexicon
from sitrep.numbers import parse_number, parse_quantity

FR = get_lexicon("fr")
EN = get_lexicon("en")


def toll(text: str, lex=FR) -> int:
    return acled_fatalities(find_fatalities(text, 0, lex)[0])[0]


def groups(text: str, lex=FR) -> set[str]:
    return {f.group for f in find_fatalities(text, 0, lex)[0]}


def no_casualties(text: str, lex=FR) -> bool:
    return find_fatalities(text, 0, lex)[1] is not None


# ---- numbers

@pytest.mark.parametrize("text, value", [
    ("vingt-quatre", 24), ("vingt et un", 21), ("quatre-vingt-dix", 90), ("deux cents", 200), ("douze", 12),
    ("1 200", 1200), ("1.200", 1200), ("1\u202f200", 1200), ("sept (07)", 7), ("huit (8)", 8), ("12", 12),
])
def test_french_numbers(text, value):
    assert parse_number(text, FR) == value


def test_french_numbers_are_not_english_ones():
    assert parse_number("1,200", EN) == 1200 and parse_number("twenty-three", EN) == 23
    assert parse_number("vingt-quatre", EN) is None
    assert parse_number("twenty", FR) is None
    assert parse_number("zero", FR) == 0  # unaccented: text2num reads only "zéro"


@pytest.mark.parametrize("text, value", [
    ("une dizaine", 10), ("une vingtaine", 20), ("une trentaine", 30), ("une centaine", 100),
    ("plusieurs dizaines", 12), ("des dizaines", 12), ("plusieurs centaines", 100), ("des centaines", 100),
    ("plusieurs", 10), ("de nombreux", 10), ("quelques", 3), ("une quinzaine", 15),
])
def test_french_vague_figures_by_acled_conventions(text, value):
    quantity = parse_quantity(text, FR)
    assert quantity is not None and quantity.vague and quantity.value == value


def test_figures_written_in_french():
    assert toll("Vingt-quatre soldats ont été tués au nord de Djibo.") == 24
    assert toll("Vingt et un soldats ont été tués.") == 21  # not 21 + "un soldats"
    assert toll("Une vingtaine de personnes ont été tuées par des hommes armés.") == 20
    assert toll("Des dizaines de villageois ont été massacrés.") == 12
    assert toll("Plusieurs centaines de civils ont été tués, selon l'ONG.") == 100
    assert toll("Quelques assaillants ont été tués dans la riposte.") == 3
    assert toll("Selon le gouvernement, les violences ont fait 1 200 morts.") == 1200
    assert toll("Au moins sept (07) enfants ont été tués à Madarounfa.") == 7
    assert toll("Entre 10 et 15 civils ont été tués à Tiri.") == 10
    assert toll("Deux ou trois assaillants ont été abattus.") == 2
    assert toll("Plus d'une dizaine de gendarmes ont été tués.") == 10
    assert toll("Près d’une centaine de personnes ont été tuées.") == 100  # typographic apostrophe


# ---- the phrasings of a toll

def test_killing_verbs_in_the_active_voice():
    assert toll("Des hommes armés ont attaqué le marché, tuant 12 personnes.") == 12
    assert toll("Les FAMa ont neutralisé une vingtaine de terroristes près de Boni.") == 20
    assert toll("Les assaillants ont tué deux bergers peuls avant de s'enfuir.") == 2
    assert toll("Trois soldats ont tué deux assaillants.") == 2  # the killers are not the dead
    assert toll("L'explosion a coûté la vie à trois gendarmes.") == 3
    assert toll("La mairie a déploré la mort de six volontaires.") == 6
    assert toll("Les FDS ont riposté, tuant quatre d'entre eux.") == 4
    assert toll("Les militaires ont été déployés pour neutraliser de nombreux terroristes.") == 0


@pytest.mark.parametrize("text, value", [
    ("Une frappe de drone a neutralisé dimanche une vingtaine de terroristes près de Diapaga.", 20),
    ("Des hommes armés ont tué samedi soir cinq civils à Tessit.", 5),
    ("Les assaillants ont abattu hier un enseignant devant l'école.", 1),
    ("Les ravisseurs ont exécuté dans la nuit trois otages.", 3),
    ("L'armée a neutralisé jeudi dernier douze terroristes.", 12),
])
def test_a_time_between_the_killing_verb_and_its_victims(text, value):
    assert toll(text) == value


def test_victims_said_dead_in_the_passive_or_with_avoir():
    assert toll("Douze soldats ont été tués lors de l'embuscade.") == 12
    assert toll("Au moins 15 civils ont perdu la vie dans l'attaque.") == 15
    assert toll("Trois gendarmes ont trouvé la mort sur l'axe Kaya-Dori.") == 3
    assert toll("Cinq villageois sont morts dans l'incendie.") == 5
    assert toll("Une dizaine de terroristes neutralisés par l'armée.") == 10
    assert toll("Onze militaires sont tombés au combat.") == 11
    assert toll("Onze militaires sont tombés dans une embuscade.") == 0
    assert toll("Dix soldats tchadiens, tués le 3 mai, ont été inhumés.") == 10
    assert toll("Douze civils, dont cinq femmes, ont été tués.") == 12
    assert toll("Les 40 soldats, officiers et sous-officiers de la garnison, ont été tués.") == 40


def test_tolls_the_press_reports():
    assert toll("L'attaque a fait 23 morts, selon le maire de la commune.") == 23
    assert toll("Le bilan provisoire fait état de 14 morts et de nombreux blessés.") == 14
    assert toll("Le bilan s'élève à 9 morts.") == 9
    assert toll("Le bilan est de 6.") == 6
    assert toll("Bilan : 8 soldats tués et 13 blessés.") == 8
    assert toll("Le raid a fait au moins un mort.") == 1
    assert toll("Les habitants ont découvert quatre corps près du puits.") == 4
    assert toll("Les corps de sept civils ont été retrouvés.") == 7
    assert toll("Les combats ont fait douze victimes à Tessit.") == 12
    assert toll("Le bilan est passé de 12 à 20 morts.") == 20  # a toll revised, not a range
    assert toll("Depuis janvier 2023 morts et blessés se comptent par centaines.") == 0  # a year, not a toll
    assert toll("L'armée a neutralisé 3 jours durant les positions ennemies.") == 0  # days, not people


def test_qualifiers_are_kept_and_a_total_stands_for_every_group():
    figures, _ = find_fatalities("Au moins 12 soldats ont été tués.", 0, FR)
    assert [(f.value, f.qualifier) for f in figures] == [(12, "au moins")]
    assert groups("Un total de 40 personnes ont été tuées.") == {"total"}


def test_wounded_and_taken_are_not_dead():
    assert toll("Cinq soldats ont été blessés.") == 0
    assert toll("L'explosion a fait 12 blessés.") == 0
    assert toll("Le bilan est de 5 blessés.") == 0
    assert toll("Au moins 30 personnes ont été enlevées.") == 0
    assert toll("Douze soldats sont portés disparus.") == 0
    assert toll("Ils ont fait 12 prisonniers.") == 0
    assert toll("Une attaque a fait 3 morts et 5 blessés.") == 3
    assert toll("Une quinzaine de militaires ont été tués et une vingtaine blessés.") == 15
    assert toll("Les assaillants ont tué 5 soldats et blessé 7 autres.") == 5
    assert toll("Trois gendarmes blessés et deux civils ont été tués.") == 2
    assert toll("Ils ont tué le chef du village, et deux autres ont été blessés.") == 1
    assert toll("Les tirs ont tué trois soldats et deux civils grièvement blessés.") == 3


def test_no_casualties_is_an_explicit_zero():
    for text in ("L'attaque n'a fait aucune victime.", "Les assaillants ont été repoussés sans faire de victimes.",
                 "Il n'y a pas de perte en vies humaines.", "Aucun soldat n'a été tué.",
                 "On ne déplore ni mort ni blessé."):
        assert no_casualties(text), text
        assert toll(text) == 0
    assert not no_casualties("Pas de bilan complet pour l'instant.")


def test_one_victim():
    assert toll("Un enseignant a été tué par des individus armés.") == 1
    assert toll("Le chef du village a été assassiné dans la nuit.") == 1
    assert toll("Un soldat a perdu la vie.") == 1
    assert toll("Un gendarme tué dans une embuscade près de Koro.") == 1
    assert toll("Un soldat a tué un terroriste.") == 1  # the terrorist, not the soldier
    assert toll("Ils l'ont abattu devant sa boutique.") == 1
    assert toll("Une foule a battu un voleur présumé à mort.") == 1
    assert toll("Des habitants ont lapidé une femme à mort devant la mosquée.") == 1
    assert toll("Les terroristes ont assassiné l'imam de la mosquée.") == 1
    assert toll("Les assaillants ont abattu un drone de l'armée.") == 0
    assert toll("Le 12 mars, des hommes armés ont attaqué le poste.") == 0
    assert toll("Un drone a été abattu par l'armée.") == 0
    assert toll("L'un d'entre eux a perdu la vie.") == 1


def test_victims_named_together():
    assert toll("Sept soldats et trois civils ont été tués.") == 10
    assert toll("Des hommes armés ont tiré, tuant sept soldats et trois civils.") == 10
    assert toll("Deux soldats, trois civils et un gendarme ont été tués.") == 6
    assert toll("Deux bergers, l'imam et un enfant ont été tués.") == 4
    assert toll("Deux véhicules, trois motos et un camion ont été calcinés.") == 0  # things, not people
    assert toll("L'obus est tombé sur le camp où sept soldats et trois civils ont été tués.") == 10
    assert toll("Plus d'une vingtaine de très jeunes combattants terroristes et trois soldats ont été tués.") == 23
    assert toll("Les assaillants ont tiré, tuant trois soldats et au moins deux civils.") == 5
    assert toll("Un conseiller municipal et son fils ont été assassinés.") == 2
    assert toll("Les terroristes ont abattu le chef du village et son fils.") == 2
    assert toll("Des djihadistes ont tué le chef du village et ses deux fils.") == 3
    assert toll("Ils ont tué le maire, sa femme et deux autres personnes.") == 4
    assert toll("Une femme et ses deux enfants ont été tués.") == 3
    assert toll("Ils ont enlevé trois commerçants avant de les exécuter.") == 3
    assert toll("Un kamikaze s'est fait exploser devant le camp.") == 1
    assert toll("Deux bergers ont été attaqués ; l'un d'eux a été tué et l'autre blessé.") == 1


def test_deaths_later_and_deaths_of_other_times():
    assert toll("Les FDS ont tué 12 terroristes ; l'un des blessés a succombé.") == 13
    assert toll("Le maire a été blessé ; il a succombé à ses blessures.") == 1
    assert toll("24 soldats avaient été tués en 2019 à Koutougou.") == 0
    assert toll("Boko Haram a fait 30 000 morts dans le nord-est du Nigeria depuis le début du conflit.") == 0
    assert toll("Les violences ont fait plus de 2 000 morts et près de deux millions de déplacés.") == 0
    assert toll("Les violences ont fait 900 morts et 40 000 déplacés internes.") == 0
    assert toll("Des bandits ont volé 50 bœufs et tué 3 bergers.") == 3
    assert toll("Des bandits ont tué 50 bœufs.") == 0


# ---- ACLED's rule: the lowest credible figure per victim group, summed over groups

def test_french_victims_fall_in_acled_groups():
    assert groups("Douze soldats ont été tués.") == {"state"}
    assert groups("Douze militaires ont été tués.") == {"state"}
    assert groups("Trois VDP ont été tués.") == {"state"}
    assert groups("Deux gendarmes ont été tués.") == {"state"}
    assert groups("Deux policiers ont été tués.") == {"state"}
    assert groups("Quinze terroristes ont été neutralisés.") == {"armed"}
    assert groups("Six assaillants ont été tués.") == {"armed"}
    assert groups("Six hommes armés ont été tués.") == {"armed"}
    assert groups("Neuf civils ont été tués.") == {"civilian"}
    assert groups("Neuf villageois ont été tués.") == {"civilian"}
    assert groups("Six éléments ont été tués.") == {"people"}  # the press says it of every side
    assert groups("Six éléments terroristes ont été neutralisés.") == {"armed"}
    assert groups("Six éléments des FDS ont été tués.") == {"state"}
    assert groups("Le raid a fait dix morts parmi les militaires.") == {"state"}


def test_lowest_figure_per_group_summed_in_french():
    text = ("L'armée annonce 20 terroristes tués ; une source locale parle de 8 assaillants tués et trois VDP "
            "tués.")
    low, _, _, high = acled_fatalities(find_fatalities(text, 0, FR)[0])
    assert low == 11 and high == 23
    assert toll("Le Premier ministre parle de 11 morts, l'opposition de 23 morts.") == 11
    assert toll("Au total, 40 terroristes ont été neutralisés et 12 soldats ont perdu la vie.") == 52


# ---- English through the same code

def test_english_is_read_with_the_english_lexicon():
    text = "Gunmen killed two civilians and a soldier was shot dead; dozens of militants were killed."
    assert find_fatalities(text, 0, EN) == find_fatalities(text)
    assert toll(text, EN) == 15
    assert toll("Douze soldats ont été tués.", EN) == 0  # French word order is the French lexicon's
    assert toll("Gunmen killed two civilians.", FR) == 0
    assert no_casualties("There were no casualties.", EN) and not no_casualties("There were no casualties.")


def test_a_table_used_as_a_pattern_matches_its_keys_literally(tmp_path, monkeypatch):
    from sitrep.lexicon import Lexicon

    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "numbers.yaml").write_text("provenance: test\nvague: {a few: 3, a few dozen: 36, 'c.a': 1}\n")
    monkeypatch.setattr("sitrep.lexicon.LEXICON_DIR", tmp_path)
    lex = Lexicon("xx")
    assert lex.regex("numbers", "vague").search("killing a few dozen people").group() == "a few dozen"
    assert lex.regex("numbers", "vague").search("cxa") is None  # the dot is a dot


def test_other_dead_are_part_of_the_toll():
    text = "Bilan : 6 morts dont le chef du village. Quatre (4) autres personnes ont aussi été tuées dans le village."
    assert toll(text) == 6
    assert toll("Quatre autres personnes ont aussi été tuées dans le village.") == 4


def test_a_killing_told_as_a_noun():
    assert toll("L'ONG dénonce l'assassinat de 12 civils par des hommes armés.") == 12
    assert toll("Des témoins racontent le massacre de 30 villageois à l'aube.") == 30


def test_a_source_named_before_the_toll_is_no_victim():
    assert toll("Selon un habitant, au moins 28 personnes ont péri, dont des femmes et des enfants.") == 28
    assert toll("According to a resident, at least 28 people died in the strike.", EN) == 28


def test_one_person_told_dead_in_a_singular_passive_with_no_figure_fr():
    assert toll("Un berger accusé de vol et chassé du campement a été battu à mort près du puits.") == 1
    assert toll("Des hommes armés ont enlevé un infirmier ; il a été retrouvé exécuté hors de la ville.") == 1
    assert toll("Le maire n'a pas été tué dans l'embuscade.") == 0


def test_a_body_found_or_a_hanging_count_fr():
    assert toll("Un commerçant a été enlevé près de Kaya ; il a été retrouvé pendu hors du village.") == 1
    assert toll("Le corps d'un enseignant de Djibo a été retrouvé criblé de balles sur la route.") == 1


def test_a_thing_told_executed_is_no_death_fr():
    assert toll("Des hommes armés ont pillé le dépôt ; le plan a été exécuté de nuit.") == 0


def test_les_pertes_d_un_camp_dites_comme_telles():
    assert toll("L'armée a perdu quatre soldats lors de l'assaut contre le camp.") == 4
    assert toll("Le convoi a perdu deux camions dans l'explosion.") == 0  # des choses perdues ne sont pas des morts


def test_une_perte_dite_par_un_nom():
    assert toll("L'armée a confirmé la perte de cinq soldats dans l'embuscade.") == 5
    assert toll("La perte de deux véhicules a ralenti le convoi.") == 0
