"""French wording the English lexicons already had their own words for: cue words, tolls, sources, dates, the
language of a short brief, capitalised words that are no places. Every sentence is written for these tests, in
the manner of the Sahel's French-language press."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.claims import find_claims
from sitrep.dates import find_dates
from sitrep.events.cues import find_cues
from sitrep.events.fatalities import acled_fatalities, find_fatalities
from sitrep.lexicon import get_lexicon
from sitrep.pipeline import extract, prepare, reading_language
from sitrep.records import Document, Span

FR, EN = get_lexicon("fr"), get_lexicon("en")


def cues(text: str, lex=FR) -> set[str]:
    return {hit.cue for hit in find_cues(text, lex=lex)}


def toll(text: str, lex=FR) -> int:
    return acled_fatalities(find_fatalities(text, 0, lex)[0])[0]


def news(text: str, published: date) -> list:
    return [e for e in extract(Document(id="t", text=text, published=published)).events if not e.background]


# ---- cue words

@pytest.mark.parametrize("text, cue", [
    ("Des heurts ont opposé des éleveurs et des agriculteurs près de Koro.", "clash"),
    ("De violentes confrontations ont eu lieu entre les deux camps.", "clash"),
    ("Des échauffourées ont éclaté entre des jeunes et la police devant la mairie.", "riot"),
    ("Des heurts avec les forces de l'ordre ont fait plusieurs blessés.", "riot"),
    ("Les syndicats ont décrété une journée ville morte dans toute la région.", "protest"),
    ("Le rapt du chef coutumier a eu lieu en pleine nuit.", "abduction"),
    ("Trois bergers ont péri dans la nuit près de leur campement.", "attack"),
    ("Cette nuit-là a coûté la vie à un infirmier.", "attack"),
    ("Le commerçant a été criblé de balles devant sa boutique.", "attack"),
    ("Une bombe artisanale a été placée sur la piste.", "ied"),
    ("Un drone de l'armée nigérienne a frappé un rassemblement de combattants.", "air"),
    ("Les assaillants ont mis le feu aux greniers du hameau.", "looting"),
    ("Les deux suspects ont été écroués à la maison d'arrêt.", "arrest"),
    ("Les quatre otages ont été relâchés jeudi soir.", "agreement"),
])
def test_french_cue_words(text, cue):
    assert cue in cues(text)


def test_hostages_set_free_are_no_new_abduction():
    assert "abduction" not in cues("Les deux otages ont été relâchés samedi.")
    assert "abduction" in cues("Deux humanitaires ont été pris en otage samedi.")


def test_clashes_with_the_police_are_a_riot_not_a_battle():
    assert "clash" not in cues("Des heurts avec les forces de l'ordre ont éclaté au marché.")


# ---- tolls

@pytest.mark.parametrize("text, value", [
    ("Des chasseurs ont tué le week-end dernier quatre bergers.", 4),
    ("Des hommes armés ont abattu en fin de semaine dernière trois commerçants.", 3),
    ("Les assaillants ont tué par balles au moins six villageois.", 6),
    ("Ils ont abattu samedi à bout portant deux enseignants.", 2),
    ("Une dizaine de soldats et de volontaires pour la défense de la patrie (VDP) ont été tués.", 10),
    ("Cinq éléments des forces de défense et de sécurité ont perdu la vie.", 5),
])
def test_french_tolls(text, value):
    assert toll(text) == value


def test_the_homeland_volunteers_written_out_in_english():
    assert toll("About ten soldiers and volunteers for the defence of the homeland (VDP) were killed.", EN) == 10


# ---- who says it

def _claimant(sentence: str) -> str:
    claims = find_claims("t", [Span(0, len(sentence), sentence)], "", {}, lex=FR, text=sentence)
    return claims[0].claimant if claims else ""


@pytest.mark.parametrize("sentence, claimant", [
    ("Neuf soldats ont été tués, a-t-on appris de sources sécuritaires.", "sources sécuritaires"),
    ("Deux civils ont été enlevés, a-t-on appris auprès d'un élu de la commune.", "un élu de la commune"),
    ("De sources concordantes, six gendarmes ont péri.", "sources concordantes"),
    ("Un responsable de la préfecture, sous couvert d'anonymat, a fait état de onze morts.",
     "Un responsable de la préfecture"),
    ("Des rescapés font état d'une vingtaine de corps.", "Des rescapés"),
])
def test_french_sources(sentence, claimant):
    assert _claimant(sentence) == claimant


def test_a_source_put_first_ends_at_its_comma():
    text = "Incident\n\nSelon des sources hospitalières, au moins sept blessés ont été admis à Gao samedi.\n"
    claims = extract(Document(id="t", text=text, published=date(2024, 5, 6))).claims
    assert claims and claims[0].claimant == "des sources hospitalières"


# ---- dates

MONDAY, THURSDAY = date(2024, 6, 17), date(2024, 6, 20)


@pytest.mark.parametrize("text, anchor, start, end", [
    ("attaqué dans la nuit de samedi à dimanche", THURSDAY, date(2024, 6, 15), date(2024, 6, 15)),
    ("attaqué mardi dernier", THURSDAY, date(2024, 6, 18), date(2024, 6, 18)),
    ("attaqué en fin de semaine dernière", THURSDAY, date(2024, 6, 13), date(2024, 6, 16)),
    ("attaqué le week-end dernier", THURSDAY, date(2024, 6, 15), date(2024, 6, 16)),
    ("attaqué début mai", THURSDAY, date(2024, 5, 1), date(2024, 5, 10)),
    ("attaqué mi-juin", THURSDAY, date(2024, 6, 11), date(2024, 6, 20)),
    ("attaqué fin juillet", THURSDAY, date(2023, 7, 21), date(2023, 7, 31)),
    # the middle of a week or a month, as 'mi-juin' reads: never after the report
    ("attaqué en milieu de semaine dernière", THURSDAY, date(2024, 6, 11), date(2024, 6, 13)),
    ("attaqué en milieu de semaine", THURSDAY, date(2024, 6, 18), date(2024, 6, 20)),
    ("attaqué en milieu de semaine", MONDAY, MONDAY, MONDAY),
    ("attaqué au milieu du mois dernier", THURSDAY, date(2024, 5, 11), date(2024, 5, 20)),
])
def test_french_dates_of_the_brief(text, anchor, start, end):
    found = find_dates("Le village a été " + text + ".", anchor, FR)
    assert found and (found[0].start, found[0].end) == (start, end)


# ---- the language of a short brief

def test_a_short_french_brief_is_read_in_french():
    text = ("Burkina : frappe meurtrière\n\n"
            "Un drone de l'armée a frappé dimanche un marché de bétail près de Djibo, tuant 30 personnes.\n")
    document = prepare(Document(id="t", text=text))
    assert document.language == "und"  # too few words for a clear margin over Spanish...
    assert reading_language(document) == "fr"  # ...but of the languages sitrep reads, French


def test_an_english_brief_stays_english():
    document = prepare(Document(id="t", text="Gunmen attacked a village near Djibo on Sunday."))
    assert reading_language(document) == "en"


# ---- end to end

def test_a_number_word_opening_a_sentence_is_no_place():
    text = ("Niger : attaque d'une position de l'armée\n\n"
            "Des terroristes ont attaqué samedi une position de l'armée près de Téra.\n\n"
            "Douze militaires ont été tués et plusieurs assaillants neutralisés, selon le communiqué.\n")
    result = extract(Document(id="t", text=text, published=date(2024, 4, 15)))
    assert not any(p.place and p.place.country_code == "FR" for p in result.places)


def test_clashes_between_herders_and_farmers_make_an_event():
    text = ("Tchad : affrontements intercommunautaires\n\n"
            "Des heurts entre éleveurs et agriculteurs ont fait sept morts dimanche dans un village proche de "
            "Moundou, a indiqué le gouverneur.\n")
    events = news(text, date(2024, 7, 1))
    assert events and events[0].fatalities == 7 and events[0].event_date == date(2024, 6, 30)


def test_a_drone_named_with_its_army_strikes():
    text = ("Burkina : frappe de drone\n\n"
            "Un drone de l'armée burkinabè a frappé dimanche un marché de bétail près de Djibo, tuant 30 "
            "personnes, selon des habitants.\n")
    events = news(text, date(2024, 5, 6))
    assert events and events[0].sub_event_type == "Air/drone strike"


def test_the_targets_repelling_the_assault_tell_the_same_attack():
    fr = ("Mali : attaque contre un camp militaire\n\n"
          "Des éléments de l'État islamique au Sahel ont attaqué samedi le camp militaire d'Ansongo. Les FAMa ont "
          "repoussé l'assaut, tuant une vingtaine d'assaillants, selon l'état-major.\n")
    en = ("Mali: army camp attacked\n\n"
          "Fighters of the Islamic State Sahel attacked the army camp in Ansongo on Saturday. The FAMa repelled the "
          "assault, killing about twenty assailants, the general staff said.\n")
    for text in (fr, en):
        events = news(text, date(2024, 5, 6))
        assert len(events) == 1 and events[0].fatalities == 20 and events[0].location == "Ansongo"


@pytest.mark.parametrize("subject, actor", [
    # the French model cuts 'CSP-|PSD' and 'Dan | Na | Ambassagou' into sentences of their own
    ("Le CSP-PSD", "CSP-PSD"),
    ("Dan Na Ambassagou", "Dan Na Ambassagou"),
])
def test_a_name_the_parser_cut_in_pieces_still_leads_the_attack(subject, actor):
    text = f"Mali : attaque\n\n{subject} a attaqué samedi un poste de l'armée près de Kidal, tuant trois soldats.\n"
    events = news(text, date(2024, 5, 14))
    assert events and events[0].actor1.startswith(actor)


def test_sentences_start_after_a_stop_or_a_line_not_inside_a_word():
    from sitrep.nlp import get_nlp, sentences

    doc = get_nlp("fr")("Mali : attaque\n\nLe CSP-PSD a attaqué samedi un poste. Trois soldats ont été tués.")
    assert [s.text.strip() for s in sentences(doc)] == [
        "Mali : attaque", "Le CSP-PSD a attaqué samedi un poste.", "Trois soldats ont été tués."]


def test_a_town_described_as_dead_is_no_shutdown():
    assert "protest" not in cues("Djibo est devenue une ville morte depuis le début du blocus.")
    assert "protest" in cues("La ville morte a été largement observée lundi à Kayes.")


@pytest.mark.parametrize("text", [
    "Mali : attaque\n\nLes miliciens de Dan Na Ambassagou ont attaqué samedi le hameau de Ouenkoro, près de Bankass, "
    "tuant trois civils.\n",
    "Mali attack\n\nMilitiamen of Dan Na Ambassagou attacked the hamlet of Ouenkoro near Bankass on Saturday, killing "
    "three civilians.\n",
])
def test_militiamen_of_a_named_militia_are_that_militia(text):
    events = news(text, date(2024, 5, 14))
    assert events and events[0].actor1 == "Dan Na Ambassagou"


def test_a_self_defence_group_named_after_its_noun_is_that_militia():
    text = ("Burkina : deux hommes tués près de Kaya\n\n"
            "Des membres d'un groupe d'autodéfense koglweogo ont tué vendredi deux hommes soupçonnés de vol de "
            "bétail près de Kaya, selon des proches des victimes.\n")
    events = news(text, date(2024, 5, 6))
    assert events and events[0].actor1 == "Koglweogo Militia"


@pytest.mark.parametrize("text, lex", [
    ("Trois militants ont été interpellés après avoir appelé à manifester contre la vie chère.", FR),
    ("La coalition a lancé un appel à manifester vendredi.", FR),
    ("Les autorités ont interdit de manifester dans la capitale.", FR),
    ("Three activists were arrested after calling for protests against the cost of living.", EN),
])
def test_a_call_to_protest_is_no_protest(text, lex):
    assert "protest" not in cues(text, lex)


def test_french_militants_are_activists_not_fighters():
    text = ("Niger : des militants interpellés\n\n"
            "Trois militants de la société civile ont été interpellés samedi à Niamey par la police, selon leurs "
            "avocats.\n")
    events = news(text, date(2024, 5, 14))
    assert events and events[0].sub_event_type == "Arrests"
    assert "Armed" not in events[0].actor2 and "Islamist" not in events[0].actor2
