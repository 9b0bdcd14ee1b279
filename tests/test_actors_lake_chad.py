"""Actors of Nigeria, Cameroon and the Lake Chad basin, and the coastal states' spill-over fronts: named militias,
operations coded under their army, and descriptions read by the country in context."""

from collections import Counter
from datetime import date

from sitrep.actors.dictionary import get_dictionary
from sitrep.actors.resolve import acled_name, find_actors
from sitrep.documents import content_hash
from sitrep.pipeline import extract
from sitrep.records import Document


def events(text):
    return extract(Document(id="t", text=text, content_hash=content_hash(text))).events


def names(text, country, when=date(2022, 3, 12), language="en"):
    d = get_dictionary(language)
    found = find_actors(text, d, Counter({country: 3}), when)
    return [acled_name(f.ref, d, when, country)[0] for f in found]


def test_yan_sakai_vigilantes_are_their_own_communal_militia():
    e = events("On 12 March 2022, Yan Sakai vigilantes killed ten herders near Bakura in Zamfara State, Nigeria.")[0]
    assert e.actor1 == "Yan Sakai Communal Militia (Nigeria)"
    assert names("A reprisal by the Yan-Sakai left several dead.", "NG") == ["Yan Sakai Communal Militia (Nigeria)"]


def test_civilian_jtf_in_english_and_french():
    e = events("On 4 May 2021, CJTF members killed two Boko Haram fighters near Konduga, Borno State, Nigeria.")[0]
    assert "CJTF: Civilian Joint Task Force" in (e.actor1, e.actor2)
    assert names("Le 1er août 2021, des membres de la CJTF ont repoussé une attaque de Boko Haram à Konduga.", "NG",
                 language="fr")[0] == "CJTF: Civilian Joint Task Force"
    assert names("The Civilian JTF escorted the convoy.", "NG")[0] == "CJTF: Civilian Joint Task Force"


def test_hunters_of_a_country_without_dozos_are_a_communal_militia():
    assert names("Local hunters repelled the kidnappers.", "NG")[0] == "Unidentified Communal Militia (Nigeria)"
    assert names("Des chasseurs ont repoussé les ravisseurs.", "NG", language="fr")[0] == \
        "Unidentified Communal Militia (Nigeria)"
    # where the Dozo brotherhood is ACLED's actor, it still is
    assert names("Hunters repelled the attackers.", "ML")[0] == "Dozo Communal Militia (Mali)"
    # the text's own country decides, not a nationality beside the word
    assert names("Guinean dozos killed two gendarmes.", "ML")[0] == "Dozo Communal Militia (Mali)"


def test_nigerian_ethnic_militias_take_nigeria():
    e = events("On 9 July 2020, Fulani militia attacked farmers in Guma, Benue State, Nigeria, killing five.")[0]
    assert e.actor1 == "Fulani Ethnic Militia (Nigeria)"
    assert names("Armed herdsmen killed six farmers.", "NG")[0] == "Fulani Ethnic Militia (Nigeria)"
    assert names("Suspected herdsmen killed 20 villagers in Benue.", "NG")[0] == "Fulani Ethnic Militia (Nigeria)"
    assert names("Hausa militiamen burned the camp.", "NG")[0] == "Hausa Ethnic Militia (Nigeria)"
    # the Malian entry keeps Mali
    assert names("Fulani militia attacked the village.", "ML")[0] == "Fulani Ethnic Militia (Mali)"


def test_named_operations_are_the_nigerian_army():
    got = names("Troops of Operation Hadarin Daji repelled the bandits.", "NG", date(2020, 12, 11))
    assert set(got) == {"Military Forces of Nigeria (2015-2023)", "Unidentified Armed Group (Nigeria)"}
    assert names("Operation Sahel Sanity arrested three suspects.", "NG", date(2020, 8, 1)) == [
        "Military Forces of Nigeria (2015-2023)"]


def test_cameroon_state_forces_and_anglophone_separatists():
    e = events("On 3 February 2021, Cameroonian soldiers killed four Ambazonian separatists in Bamenda, Cameroon.")[0]
    assert (e.actor1, e.actor2) == ("Military Forces of Cameroon (1982-)", "Ambazonian Separatists (Cameroon)")
    # bare "separatists" are Cameroon's in Cameroon, the Azawad movements' in Mali
    assert names("Separatists attacked the gendarmes.", "CM") == [
        "Ambazonian Separatists (Cameroon)", "Police Forces of Cameroon (1982-) Gendarmerie"]
    assert names("Separatists attacked the gendarmes.", "ML", date(2019, 5, 1))[0].endswith("Azawad")
    assert names("Des militaires camerounais ont tué trois séparatistes anglophones.", "CM", language="fr") == [
        "Military Forces of Cameroon (1982-)", "Ambazonian Separatists (Cameroon)"]


def test_bir_is_the_rapid_intervention_battalion_of_the_country_in_context():
    assert set(names("BIR soldiers raided the village.", "CM")) == {"Military Forces of Cameroon (1982-)"}
    assert set(names("BIR soldiers raided the village.", "BF")) == {"Military Forces of Burkina Faso (2022-)"}
    assert set(names("Des éléments du BIR ont abattu deux sécessionnistes.", "CM", language="fr")) == {
        "Military Forces of Cameroon (1982-)", "Ambazonian Separatists (Cameroon)"}


def test_lake_chad_names_in_french_and_the_coastal_operations():
    assert names("L'Etat islamique en Afrique de l'Ouest a frappé Monguno.", "NG", language="fr") == [
        "Islamic State (West Africa)"]
    assert set(names("Des soldats de l'opération Haskanite ont été tués.", "TD", language="fr")) == {
        "Military Forces of Chad (2021-)"}
    assert names("Soldiers of Operation Mirador clashed with the militants.", "BJ")[0] == \
        "Military Forces of Benin (2016-)"
    assert names("Les rebelles du FACT ont attaqué un poste.", "TD", date(2021, 4, 11), "fr")[0] == \
        "FACT: Front for Change and Concord in Chad"


def test_nigerian_agencies_and_government():
    when = date(2021, 5, 4)
    assert names("DSS operatives arrested two men in Kano.", "NG", when) == [
        "Police Forces of Nigeria (2015-2023) Department of State Services"]
    assert names("Local officials said the police arrested them.", "NG", when) == [
        "Government of Nigeria (2015-2023)", "Police Forces of Nigeria (2015-2023)"]
    assert names("Lakurawa fighters killed four villagers.", "NG", when)[0] == "Islamic State (Sahel)"


def test_authorities_of_the_coastal_states_and_chad_are_their_government():
    assert names("Les autorités ont décrété un couvre-feu.", "TG", language="fr") == ["Government of Togo (2005-)"]
    assert names("Local officials ordered a curfew.", "BJ") == ["Government of Benin (2016-)"]
    assert names("Les autorités tchadiennes ont annoncé une enquête.", "TD", date(2020, 3, 1), "fr") == [
        "Government of Chad (1990-2021)"]


def test_communities_clashing_in_nigeria_and_northern_ghana_are_ethnic_militias():
    e = events("On 2 May 2021, clashes between Tiv and Jukun communities in Wukari, Taraba State, Nigeria, left ten "
               "people dead.")[0]
    assert (e.actor1, e.actor2) == ("Tiv Ethnic Militia (Nigeria)", "Jukun Ethnic Militia (Nigeria)")
    e = events("On 14 March 2022, clashes between Kusasi and Mamprusi in Bawku, Ghana, left three people dead.")[0]
    assert (e.actor1, e.actor2) == ("Kusasi Ethnic Militia (Ghana)", "Mamprusi Ethnic Militia (Ghana)")
