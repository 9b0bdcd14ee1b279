from collections import Counter
from datetime import date

from sitrep.actors.dictionary import get_dictionary
from sitrep.actors.resolve import acled_name, find_actors


def test_regime_periods():
    d = get_dictionary()
    assert d.name_at("mali_military", date(2020, 12, 31)) == "Military Forces of Mali (2020-2021)"
    assert d.name_at("mali_military", date(2019, 1, 1)) == "Military Forces of Mali (2013-2020)"
    assert d.name_at("mali_military", date(2024, 9, 17)) == "Military Forces of Mali (2021-)"


def names(text, when=date(2024, 9, 17), country="ML"):
    d = get_dictionary()
    found = find_actors(text, d, Counter({country: 3}), when)
    return [acled_name(f.ref, d, when, country)[0] for f in found]


def test_named_and_descriptive_mentions():
    got = names("The Group for Support of Islam and Muslims (JNIM) attacked Malian soldiers; the jihadists "
                "then withdrew.")
    assert got[0].startswith("JNIM") and got[1].startswith("JNIM")
    assert "Military Forces of Mali (2021-)" in got
    assert got[-1].startswith("JNIM")  # "the jihadists" read as the group named in the text


def test_generic_actors_take_the_country():
    got = names("Unidentified gunmen killed three villagers.", country="BF")
    assert got == ["Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)"]


def test_parent_read_as_local_branch():
    got = names("JNIM, al Qaeda's branch, claimed it. Al Qaeda's men burned aircraft.")
    assert all(n.startswith("JNIM") for n in got)


def test_military_regime_is_not_a_force():
    assert names("The military regime of Assimi Goita said nothing.") == []


def test_unattributed_islamists_are_acleds_islamist_militia():
    assert "Islamist Militia (Mali)" in names("Suspected Islamist militants burned the school of Kelbi.")
    assert "Islamist Militia (Mali)" not in names("Gunmen robbed a trader; the area is under jihadist groups' sway.")
    # a group named elsewhere in the text is who "the jihadists" are
    assert not any(n.startswith("Islamist Militia") for n in names("JNIM fighters raided Kelbi; the jihadists left."))



def test_an_ethnic_self_defence_group_is_that_community_s_militia():
    assert "Fulani Ethnic Militia (Mali)" in names("Fulani self-defense repelled the raiders near Kelbi.")


def test_english_words_around_a_mention_come_from_the_english_lexicon():
    # what the text says a description is
    assert names("Gunmen believed to belong to JNIM attacked the convoy.")[0].startswith("JNIM")
    # two names of one uncertain attribution
    got = names("The attack was blamed on JNIM and/or ISGS.", when=date(2020, 5, 1))
    assert len(got) == 1 and " and/or " in got[0]
    # the army describes the victim
    assert names("They executed a herder accused of collaborating with the army.") == ["Civilians (Mali)"]
    # the parent organisation in brackets
    d = get_dictionary()
    found = find_actors("AQIM militants (JNIM) raided the camp.", d, Counter({"ML": 3}), date(2016, 5, 1))
    assert found[0].ref.parent_hint == "jnim"
    # a state force the dictionary does not list takes ACLED's form
    assert names("Ghanaian customs officers and Libyan soldiers") == [
        "Police Forces of Ghana (2017-2025) Customs Agents", "Military Forces of Libya"]


def test_a_global_organisation_is_its_branch_in_the_country_at_the_date():
    def group(country="ML", when=date(2024, 9, 17), parent="al Qaeda"):
        return names(f"Fighters linked to {parent} raided the camp.", when, country)[-1]

    assert group().startswith("JNIM")
    assert group(when=date(2015, 6, 1)).startswith("AQIM")  # before JNIM was formed, al Qaeda's branch in Mali
    assert group("BF", parent="the Islamic State") == "Islamic State (Sahel)"
    assert group("NG", parent="the Islamic State") == "Islamic State (West Africa)"
    assert group("NE", parent="the Islamic State") == "Islamic State"  # two provinces fight in Niger: not said
    assert group("AF") == "Al Qaeda"  # far from any branch it stays itself


def test_a_country_s_army_is_its_military():
    assert "Military Forces of Mali (2021-)" in names("Mali's army said it had repelled the raid.")


def test_an_acronym_s_possessive_is_still_the_acronym():
    assert names("ISWAP's fighters overran the base.", country="NG")[0] == "Islamic State (West Africa)"
    assert names("JNIM's fighters overran the base.")[0].startswith("JNIM")


def test_fighters_are_an_armed_group_unless_a_name_says_whose():
    assert names("Armed fighters overran the base.")[0] == "Unidentified Armed Group (Mali)"
    assert names("MSA fighters overran the base.") == ["MSA: Movement for Azawad Salvation"]
