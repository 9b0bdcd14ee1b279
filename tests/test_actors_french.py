"""Actors in French reports: descriptors, aliases and the words around them come from the French lexicon, and
the names that come out are ACLED's English ones. Sentences written for these tests."""

from collections import Counter
from datetime import date

import pytest

from sitrep.actors.dictionary import get_dictionary
from sitrep.actors.resolve import acled_name, find_actors
from sitrep.lexicon import get_lexicon
from sitrep.phrases import tokenize


def found(text, country="ML", when=date(2024, 9, 17), language="fr"):
    d = get_dictionary(language)
    return find_actors(text, d, Counter({country: 3}), when, lex=get_lexicon(language))


def names(text, country="ML", when=date(2024, 9, 17), language="fr"):
    d = get_dictionary(language)
    return [acled_name(f.ref, d, when, country)[0] for f in found(text, country, when, language)]


# ---- descriptors: French phrases in fr/, English ones in en/

def test_french_descriptions_resolve_to_acled_generic_actors():
    got = names("Des hommes armés non identifiés ont tué quatre villageois et deux orpailleurs.", "BF")
    assert got == ["Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)", "Civilians (Burkina Faso)"]
    assert names("Des terroristes ont attaqué des éleveurs.", "NE") == [
        "Unidentified Armed Group (Niger)", "Civilians (Niger)"]
    assert names("Les agresseurs ont enlevé deux commerçants.", "TG") == [
        "Unidentified Armed Group (Togo)", "Civilians (Togo)"]
    assert names("Les manifestants ont été dispersés par les policiers.", "TD") == [
        "Protesters (Chad)", "Police Forces of Chad (2021-)"]


def test_each_language_reads_its_own_descriptions():
    assert names("Des hommes armés ont tué des civils.", language="en") == []
    assert names("Gunmen killed civilians.", language="fr") == []
    assert names("Gunmen killed civilians.", language="en") == ["Unidentified Armed Group (Mali)", "Civilians (Mali)"]


def test_burkinabe_press_acronyms():
    got = names("Des HANI ont attaqué des VDP et des Koglweogo près de Djibo.", "BF", date(2021, 3, 1))
    assert got == ["Unidentified Armed Group (Burkina Faso)", "VDP: Volunteer for Defense of Homeland",
                   "Koglweogo Militia"]
    assert names("Les GAT ont été repoussés par les FDS.", "BF", date(2021, 3, 1)) == [
        "Unidentified Armed Group (Burkina Faso)", "Military Forces of Burkina Faso (2015-2022)"]


def test_fds_are_the_forces_of_the_country_in_context():
    # actors.yaml names Burkina Faso's army "FDS"; French reports from Niger or Togo mean their own forces
    assert names("Les FDS ont repoussé l'attaque.", "NE", date(2022, 1, 1)) == ["Military Forces of Niger (2021-2023)"]
    assert names("The FDS repelled the attack.", "NE", date(2022, 1, 1), language="en") == [
        "Military Forces of Burkina Faso (2015-2022)"]  # English keeps the dictionary's reading


def test_short_french_words_are_words_not_acronyms():
    found_imam = found("Un imam et un abbé ont été enlevés.")
    assert [f.span.text for f in found_imam] == ["imam", "abbé"]
    assert names("Le dozo a été blessé.") == ["Dozo Communal Militia (Mali)"]


# ---- the words around a mention

def test_nationality_follows_the_noun_in_french():
    assert names("Des forces spéciales tchadiennes ont été déployées.", "ML") == ["Military Forces of Chad (2021-)"]
    assert names("Des douaniers nigériens ont été tués.", "ML", date(2022, 1, 1)) == [
        "Police Forces of Niger (2021-2023) Customs Agents"]
    assert names("Des militaires gambiens ont été tués.", "ML") == ["Military Forces of Gambia"]
    # English puts it first: "Gambian soldiers"; a country the dictionary has no army for takes ACLED's form
    assert names("Gambian soldiers were killed.", "ML", language="en") == ["Military Forces of Gambia"]


def test_a_force_named_as_a_qualifier_is_no_actor():
    assert names("Selon une source militaire, le bilan est lourd.") == []
    assert names("Le porte-parole de l'armée a démenti.") == []
    assert names("Le régime militaire a suspendu les partis.") == []
    assert names("Le tribunal militaire a jugé l'affaire.") == []
    assert names("L'aviation civile a fermé l'aéroport.") == []
    assert names("Les militaires au pouvoir ont dissous le gouvernement.") == []
    assert [f.span.text for f in found("Le ministre des Armées a félicité les troupes.")] == ["ministre", "troupes"]


def test_a_force_describing_the_victim_takes_no_part():
    assert names("Un berger accusé de collaborer avec l'armée a été exécuté.") == ["Civilians (Mali)"]
    assert names("Ils ont tué trois informateurs des FAMa.") == []


def test_a_description_takes_the_name_it_is_said_to_be():
    got = names("Des hommes armés soupçonnés d'appartenir à l'EIGS ont attaqué le village.", "NE", date(2020, 5, 1))
    assert got == ["Islamic State (West Africa) - Greater Sahara Faction"] * 2
    got = names("Des assaillants, membres du GSIM, ont incendié l'école.", "BF")
    assert got == ["JNIM: Group for Support of Islam and Muslims"] * 2
    # the gunmen who kill members of a group are not that group
    got = names("Des hommes armés ont tué trois membres de la CMA.", "ML", date(2020, 5, 1))
    assert got[0] == "Unidentified Armed Group (Mali)"


def test_uncertain_attribution_is_acleds_and_or():
    got = names("L'attaque est attribuée au GSIM et/ou à l'EIGS.", "ML", date(2020, 5, 1))
    assert got == ["JNIM: Group for Support of Islam and Muslims and/or "
                   "Islamic State (West Africa) - Greater Sahara Faction"]
    got = names("Le GSIM ou l'EIGS, selon les sources.", "ML", date(2020, 5, 1))
    assert len(got) == 1 and " and/or " in got[0]


def test_parent_in_brackets():
    mentions = found("La Katiba Macina (GSIM) a revendiqué l'embuscade.", "ML", date(2019, 6, 1))
    assert mentions[0].ref.ref == "katiba_macina" and mentions[0].ref.parent_hint == "jnim"


# ---- names: elided articles, acronyms written as words, French aliases

def test_an_elided_article_is_a_word_of_its_own():
    assert [t.key for t in tokenize("l'EIGS d’hommes")] == ["l", "eigs", "d", "hommes"]
    assert [t.key for t in tokenize("Jama'at Mali's")] == ["jamaat", "mali"]
    assert names("Une vingtaine d'hommes armés ont attaqué les positions de l'EIGS.", "NE", date(2020, 5, 1)) == [
        "Unidentified Armed Group (Niger)", "Islamic State (West Africa) - Greater Sahara Faction"]
    assert names("L'armée tchadienne a riposté.", "TD", date(2022, 1, 1)) == ["Military Forces of Chad (2021-)"]


def test_acronyms_the_press_writes_as_words():
    mentions = found("Al-Qaïda au Maghreb islamique (Aqmi) et l'Iswap.", "ML", date(2016, 1, 1))
    assert [(m.span.text, m.ref.ref) for m in mentions] == [
        ("Al-Qaïda au Maghreb islamique", "aqim"), ("Aqmi", "aqim"), ("Iswap", "iswap")]
    assert len(list(get_dictionary("fr").index.find("AQMI"))) == 1  # one match, not one per spelling


FRENCH_NAMES = [
    ("les Forces armées maliennes", "ML", "Military Forces of Mali (2021-)"),
    ("des éléments de la Garde nationale malienne", "ML", "Military Forces of Mali (2021-)"),
    ("les Forces armées nigériennes (FAN)", "NE", "Military Forces of Niger (2023-)"),
    ("la Garde nationale du Niger", "NE", "Military Forces of Niger (2023-)"),
    ("les Forces armées burkinabè", "BF", "Military Forces of Burkina Faso (2022-)"),
    ("l'Armée nationale tchadienne (ANT)", "TD", "Military Forces of Chad (2021-)"),
    ("les Forces armées béninoises", "BJ", "Military Forces of Benin (2016-)"),
    ("les Forces armées togolaises", "TG", "Military Forces of Togo (2005-)"),
    ("l'armée nigériane", "NG", "Military Forces of Nigeria (2023-)"),
    ("la Gendarmerie nationale", "ML", "Police Forces of Mali (2021-) Gendarmerie"),
    ("la Gendarmerie nationale nigérienne", "NE", "Police Forces of Niger (2023-) Gendarmerie"),
    ("les Volontaires pour la défense de la patrie", "BF", "VDP: Volunteer for Defense of Homeland"),
    ("le Groupe de soutien à l'islam et aux musulmans", "ML", "JNIM: Group for Support of Islam and Muslims"),
    ("la Katiba Serma", "ML", "Katiba Serma"),
    ("Ansarul Islam", "BF", "Ansaroul Islam"),
    ("l'État islamique au Sahel", "NE", "Islamic State (Sahel)"),
    ("l'EI Sahel", "NE", "Islamic State (Sahel)"),
    ("l'ÉIAO", "NE", "Islamic State (West Africa)"),
    ("la Province d'Afrique de l'Ouest de l'État islamique", "NE", "Islamic State (West Africa)"),
    ("la JAS", "NE", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("le Cadre stratégique permanent", "ML", "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development"),
    ("le Front de libération de l'Azawad", "ML", "FLA: Azawad Liberation Front"),
    ("le groupe Wagner", "ML", "Wagner Group"),
    ("le Corps africain", "BF", "Africa Corps"),
    ("la force Barkhane", "ML", "Military Forces of France (2017-)"),
    ("les Casques bleus", "ML", "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2021-2023)"),
    ("la CEDEAO", "NE", "ECOWAS: Economic Community of West African States"),
    ("la Force multinationale mixte (FMM)", "TD", "MNJTF: Multinational Joint Task Force"),
    ("la Confédération des États du Sahel", "NE", "Alliance of Sahel States"),
]


@pytest.mark.parametrize("text,country,acled", FRENCH_NAMES)
def test_french_names_of_sahel_actors_give_acleds_names(text, country, acled):
    when = date(2024, 9, 17) if "Casques" not in text and "Barkhane" not in text else date(2021, 9, 1)
    assert set(names(text, country, when)) == {acled}  # "(FAN)": the acronym is a second mention


def test_descriptors_point_at_actors_and_templates_that_exist():
    for language in ("en", "fr"):
        d = get_dictionary(language)
        for descriptor in d.descriptors:
            assert all(a in d.actors for a in descriptor.actors), descriptor.phrases[0]
            for template in (descriptor.template, descriptor.fallback, descriptor.assoc):
                assert not template or template in d.templates, (language, template)
        assert set(d.ethnic_groups.values()) and all(len(cc) == 2 for cc in d.nationalities.values())


@pytest.mark.slow
def test_the_entity_ruler_labels_french_names_of_actors():
    from sitrep.nlp import get_nlp

    doc = get_nlp("fr")("Le GSIM et l'EIGS ; les FAMa et le groupe Wagner. La Minusma a perdu deux Casques bleus "
                        "face au Front de libération de l'Azawad.")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert {"GSIM", "EIGS", "FAMa", "Wagner", "Casques bleus", "Minusma", "Front de libération de l'Azawad"} <= orgs
