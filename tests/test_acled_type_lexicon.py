"""ACLED's type decision reads its words from the document's lexicon (`types.yaml`): French passages reach
ACLED's English types and sub-types, each French rule decides its case, and English reads its own file."""

from __future__ import annotations

import pytest

from sitrep.events import acled_type
from sitrep.events.cues import find_cues, find_negators
from sitrep.lexicon import Lexicon
from sitrep.pipeline import extract
from sitrep.records import Document


def _decide(lex: Lexicon, text: str, agents: list[str], patients: list[str]) -> str:
    cues = {h.cue for h in find_cues(text, 0, lex)}
    return acled_type.decide_type(cues, text, agents, patients, set(), find_negators(text, lex), lex)[1]


def _without(language: str, entry: str) -> Lexicon:
    """A fresh lexicon of `language` whose `types` entry is left empty (an empty entry never matches)."""
    lex = Lexicon(language)
    lex.stage("types")[entry] = None
    return lex


# (entry, passage, agent kinds, patient kinds, sub-event type): the sentences are the project's own.
FRENCH_RULES = [
    ("resistance", "Des terroristes ont attaqué le marché de Boni, mais les assaillants ont été repoussés.",
     ["jihadist"], [], "Armed clash"),
    ("defenders_engaged", "Des hommes armés ont attaqué le village de Sollé et les dozos se sont opposés aux "
     "assaillants.", ["unidentified"], ["civilians"], "Armed clash"),
    ("civilian_target", "Des hommes armés ont tué un chef dozo à Sollé.", ["unidentified"], [], "Attack"),
    ("armed_target", "Des hommes armés ont tué deux gendarmes à Sebba.", ["unidentified"], [], "Armed clash"),
    ("unarmed", "Des hommes armés ont abattu un militaire en permission dans son village.", ["unidentified"],
     ["state_military"], "Attack"),
    ("passive_attack", "Le convoi de l'armée a été pris pour cible près de Tessit.", [], ["state_military"],
     "Armed clash"),
    ("headline_passive", "Un poste militaire attaqué à Boni", [], ["state_military"], "Armed clash"),
    ("active_attack", "Des terroristes ont attaqué un camp militaire près de Dori.", ["jihadist"], [], "Armed clash"),
    ("agent_follows", "Trois bergers tués par des hommes armés à Djibo.", ["unidentified"], ["civilians"],
     "Attack"),
    ("passive_kill", "Douze civils ont été tués lors d'une opération de l'armée à Sofara.", ["state_military"],
     ["civilians"], "Attack"),
    ("kill_words", "Un guérisseur a été décapité à Nassoumbou.", [], [], "Attack"),
    ("protest_words", "Des manifestants ont marché vers la gouvernance avant que des jeunes ne soient tués par la "
     "police.", ["state_police"], ["protesters"], "Excessive force against protesters"),
    ("violence_words", "Des terroristes ont tué trois civils à Kaya ; les habitants prévoient une marche de "
     "protestation.", ["jihadist"], ["civilians"], "Attack"),
    ("reason_before", "Après l'assassinat de leur chef par des hommes armés, les habitants ont manifesté à Fada.",
     ["unidentified"], ["protesters"], "Peaceful protest"),
    ("protesters_shot", "Les forces de l'ordre ont tiré à balles réelles sur les manifestants à Bamako, tuant quatre "
     "personnes.", ["protesters"], ["state_police"], "Excessive force against protesters"),
    ("state_forces", "Des manifestants ont été tués par balles lors de la dispersion par les gendarmes à Kaya.", [],
     ["protesters"], "Excessive force against protesters"),
    ("grievance_before", "Des centaines de manifestants ont marché à Ouahigouya pour dénoncer les attaques et les "
     "tueries de civils.", ["protesters"], [], "Peaceful protest"),
    ("others_did_it", "Les commerçants ont manifesté à Bobo après que des policiers ont saccagé leurs étals.",
     ["protesters"], [], "Peaceful protest"),
    ("done_verb", "Des jeunes qui manifestaient contre la vie chère ont saccagé la mairie.", ["protesters"], [],
     "Violent demonstration"),
    ("then_did", "Les habitants ont manifesté contre l'attaque, en érigeant des barricades sur la route.",
     ["protesters"], [], "Violent demonstration"),
    ("symbolic_burning", "Les manifestants ont brûlé des drapeaux français devant l'ambassade à Niamey.",
     ["protesters"], [], "Peaceful protest"),
    ("crowd_violence", "Les manifestants ont endommagé des véhicules de la police à Dakar.", ["protesters"], [],
     "Violent demonstration"),
    ("crowd_did_it", "Une marche de l'opposition a donné lieu à des heurts entre les forces de l'ordre et des "
     "manifestants à Conakry.", ["protesters"], [], "Violent demonstration"),
    ("soldiers_protest", "Des soldats mécontents ont manifesté dans les rues de Ouagadougou en tirant des coups de "
     "feu.", ["state_military"], [], "Violent demonstration"),
    ("gunfire", "Des soldats mécontents ont manifesté dans les rues de Ouagadougou en tirant des coups de feu.",
     ["state_military"], [], "Violent demonstration"),
    ("arrest_grievance", "Des militants ont manifesté à Niamey pour exiger la libération des activistes arrêtés la "
     "veille.", ["protesters"], [], "Peaceful protest"),
    ("riot_nouns", "La journée de protestation a été marquée par des manifestations et des incendies à Kaya.",
     ["protesters"], [], "Violent demonstration"),
    ("with_the_protest", "Des manifestations contre la vie chère, dont des incendies de bâtiments publics, ont "
     "secoué Kaya.", ["protesters"], [], "Violent demonstration"),
    ("mutiny", "Une mutinerie a éclaté au camp militaire de Kati dans la nuit.", ["state_military"], [],
     "Violent demonstration"),
    ("into_the_air", "Des militaires ont tiré en l'air toute la nuit au camp de Kati.", ["state_military"], [],
     "Violent demonstration"),
    ("crowd_control", "Des militaires ont tiré en l'air pour disperser la foule à Kati.", ["state_military"], [], ""),
    ("crowd_words", "Des émeutes ont opposé des jeunes aux militaires à Kidal.", ["state_military"], [],
     "Violent demonstration"),
    ("crowd_doers", "Des villageois ont attaqué et blessé deux bergers à Djibasso.", [], [], "Mob violence"),
    ("crowd_weapons", "Des affrontements à coups de machettes ont opposé des agriculteurs et des éleveurs à Ouro.",
     [], [], "Armed clash"),
    ("fight_words", "Des affrontements ont opposé des éleveurs et des agriculteurs à Ouro.", [], [], "Mob violence"),
    ("unarmed_groups", "Des affrontements ont opposé des éleveurs et des agriculteurs à Ouro.", [], [],
     "Mob violence"),
    ("ied_as_object", "Les militaires ont neutralisé six terroristes qui posaient un engin explosif improvisé près "
     "de Boni.", ["state_military"], ["jihadist"], "Armed clash"),
    ("ied_went_off", "Des terroristes qui posaient une mine ont été tués lorsque l'engin a explosé près de Boni.",
     ["jihadist"], [], "Remote explosive/landmine/IED"),
    ("device_used", "Un engin explosif a été désamorcé sur l'axe Gao-Ansongo mais un autre a explosé, tuant deux "
     "civils.", [], ["civilians"], "Remote explosive/landmine/IED"),
    ("ground_fight", "Les terroristes ont fait exploser un véhicule piégé avant d'ouvrir le feu sur les soldats du "
     "camp de Boulkessi.", ["jihadist"], ["state_military"], "Armed clash"),
    ("air_ground_fight", "Appuyées par des hélicoptères de combat, les troupes au sol ont mis en déroute des "
     "terroristes près de Diafarabé.", ["state_military"], ["jihadist"], "Armed clash"),
    ("air_strike_on", "Des frappes aériennes contre des positions terroristes ont appuyé les troupes au sol près de "
     "Diafarabé.", ["state_military"], ["jihadist"], "Air/drone strike"),
    ("rocket_launchers", "Le convoi des FAMa a heurté un engin explosif avant d'essuyer des tirs de RPG près de Léré.",
     ["jihadist"], ["state_military"], "Armed clash"),
    ("mortar", "Un obus de mortier et un engin explosif ont frappé le camp de la Minusma à Tessalit.", [],
     ["international"], "Shelling/artillery/missile attack"),
    ("abducted_and_killed", "Deux commerçants ont été enlevés puis exécutés par des hommes armés près de Dori.",
     ["unidentified"], ["civilians"], "Attack"),
    ("homes_burned", "Des hommes armés ont enlevé trois femmes et incendié des cases à Kompienga.", ["unidentified"],
     ["civilians"], "Attack"),
    ("regained_place", "L'armée a repris le contrôle de la localité de Boni.", ["state_military"], [],
     "Government regains territory"),
    ("taken_place", "Les jihadistes se sont emparés de la ville de Boulkessi.", ["jihadist"], [],
     "Non-state actor overtakes territory"),
    ("transfer_place", "L'armée s'est retirée de la base de Tessit sans combat.", ["state_military"], [],
     "Non-violent transfer of territory"),
    ("hurt_words", "Des hommes armés ont attaqué et pillé le marché de Fada ; un vendeur a succombé.", ["unidentified"],
     [], "Attack"),
    ("hands_on", "Des hommes armés ont pillé des boutiques et ligoté les commerçants à Sebba.", ["unidentified"], [],
     "Attack"),
    ("prison_break", "Une vingtaine de détenus se sont évadés de la prison de Koutiala dans la nuit.", [], [], "Other"),
]


@pytest.mark.parametrize("entry, text, agents, patients, expected", FRENCH_RULES,
                         ids=[case[0] for case in FRENCH_RULES])
def test_each_french_rule_decides_its_case(entry, text, agents, patients, expected):
    assert _decide(Lexicon("fr"), text, agents, patients) == expected
    assert _decide(_without("fr", entry), text, agents, patients) != expected, f"{entry} does not decide it"


def test_french_shots_at_people_and_the_last_noun_killed():
    fr = Lexicon("fr")
    assert acled_type.people_handled("des hommes armés ont ouvert le feu sur les occupants et emporté une moto", fr)
    assert not acled_type.people_handled("des hommes armés ont ouvert le feu dans le village et incendié une "
                                         "boutique", fr)
    assert not acled_type.people_handled("des hommes armés ont ouvert le feu sur les occupants",
                                         _without("fr", "aimed_at"))
    # "des militaires et des civils": two victims, the first armed; without the link words, the last noun wins
    text = "Les assaillants ont tué des militaires et des civils à Boni"
    assert acled_type._killed_target(text, fr) == "armed"
    assert acled_type._killed_target(text, _without("fr", "noun_link")) == "civilian"
    assert acled_type._killed_target("Les assaillants ont tué trois femmes", fr) == "civilian"


def test_english_reads_its_own_types_file():
    # the same English decisions as before the words moved, and they come from en/types.yaml
    english = Lexicon("en")
    text = "Gunmen killed a Dozo chief in Solle."
    assert _decide(english, text, ["unidentified"], []) == "Attack"
    assert _decide(_without("en", "civilian_target"), text, ["unidentified"], []) != "Attack"
    assert acled_type.people_handled("gunmen opened fire against the occupants and seized a motorbike")
    assert not acled_type.people_handled("gunmen opened fire against the occupants", _without("en", "aimed_at"))
    # a French passage read with the English words misses what the French file sees
    french_text = "La marche a donné lieu à des heurts entre les forces de l'ordre et des manifestants à Conakry."
    assert _decide(Lexicon("fr"), french_text, ["protesters"], []) == "Violent demonstration"
    assert _decide(english, french_text, ["protesters"], []) == "Peaceful protest"


# Whole French reports through the pipeline: the main event's type (places, dates and actors may still be
# missing while the other stages are converted).
FRENCH_REPORTS = [
    ("Des terroristes ont tendu une embuscade contre une patrouille des FAMa près de Boni, dans le cercle de "
     "Douentza, le 12 mars 2023. Les militaires ont riposté.", "Battles", "Armed clash"),
    ("Des hommes armés ont tué 14 villageois dans la nuit de samedi à dimanche à Ogossagou, dans le centre du Mali.",
     "Violence against civilians", "Attack"),
    ("Une frappe de drone de l'armée burkinabè a visé un rassemblement de terroristes près de Djibo mardi 4 avril "
     "2023.", "Explosions/Remote violence", "Air/drone strike"),
    ("Deux soldats maliens ont été tués lorsque leur véhicule a sauté sur un engin explosif improvisé entre Gao et "
     "Ansongo lundi 6 février 2023.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Un kamikaze s'est fait exploser à l'entrée du camp militaire de Tillabéri vendredi 3 mars 2023, tuant trois "
     "soldats nigériens.", "Explosions/Remote violence", "Suicide bomb"),
    ("Trois enseignants ont été enlevés par des individus armés dans la commune de Gorom-Gorom, au Burkina Faso, "
     "jeudi 9 mars 2023.", "Violence against civilians", "Abduction/forced disappearance"),
    ("Au Niger, les manifestants ont été dispersés à coups de gaz lacrymogène par la police devant la mairie de "
     "Niamey samedi 11 mars 2023.", "Protests", "Protest with intervention"),
    ("Des centaines de femmes ont participé à une marche pacifique à Kaya, au Burkina Faso, samedi 11 mars 2023 pour "
     "réclamer la sécurité.", "Protests", "Peaceful protest"),
    ("Les enseignants grévistes ont observé un sit-in devant le ministère de l'Éducation à Bamako, au Mali, le 14 "
     "mars 2023.", "Protests", "Peaceful protest"),
    ("Des émeutes ont éclaté à Kaya, au Burkina Faso, le 15 mars 2023 ; des jeunes ont incendié le commissariat de "
     "police.", "Riots", "Violent demonstration"),
    ("Des hommes armés ont pillé des boutiques et emporté du bétail à Tin-Akoff, au Burkina Faso, le 16 mars 2023, "
     "sans faire de victimes.", "Strategic developments", "Looting/property destruction"),
    ("Des assaillants ont incendié une dizaine de maisons à Solenzo, au Burkina Faso, le 17 mars 2023.",
     "Strategic developments", "Looting/property destruction"),
    ("Une mutinerie a éclaté au camp militaire de Kati, au Mali, le 18 mars 2023 ; des soldats ont tiré en l'air "
     "toute la nuit.", "Riots", "Violent demonstration"),
    ("Au Niger, des militaires de la garde présidentielle ont renversé le président le 26 juillet 2023 ; le coup "
     "d'État a été annoncé à la télévision nationale à Niamey.", "Strategic developments", "Other"),
    ("Une vingtaine de combattants de l'EIGS se sont rendus aux forces armées nigériennes à Ménaka le 19 mars 2023.",
     "Strategic developments", "Agreement"),
    ("Au Mali, les deux otages ont été libérés le 20 mars 2023 à Kidal après des négociations, a annoncé le "
     "gouvernement.", "Strategic developments", "Agreement"),
    ("Des éleveurs ont signalé l'enlèvement de bétail par des bandits à Dori, au Burkina Faso, le 22 mars 2023.",
     "Strategic developments", "Looting/property destruction"),
    ("La population de Djibo, au Burkina Faso, a marché le 23 février 2023 pour dénoncer le blocus imposé par les "
     "terroristes.", "Protests", "Peaceful protest"),
    ("Une patrouille des FDS est tombée dans une embuscade sur l'axe Dori-Seytenga le 3 mars 2023. Le bilan fait "
     "état de 11 soldats tués.", "Battles", "Armed clash"),
    ("Deux policiers ont été blessés par l'explosion d'une grenade lancée contre le commissariat de Koudougou le 15 "
     "février 2023.", "Explosions/Remote violence", "Grenade"),
]


@pytest.mark.parametrize("text, event_type, sub_type", FRENCH_REPORTS, ids=[r[2] for r in FRENCH_REPORTS])
def test_french_reports_reach_acled_types(text, event_type, sub_type):
    result = extract(Document(id="fr", text=text, language="fr"))
    assert result.events, "no event"
    assert (result.events[0].event_type, result.events[0].sub_event_type) == (event_type, sub_type)


def test_a_french_claim_alone_is_no_event():
    text = "Le GSIM a revendiqué, dans un communiqué publié le 21 mars 2023, la responsabilité de l'opération au Mali."
    assert _decide(Lexicon("fr"), text, ["jihadist"], []) == ""
    assert not extract(Document(id="fr", text=text, language="fr")).events


def test_french_cues_the_type_decision_needs():
    fr = Lexicon("fr")

    def cues(text: str) -> set[str]:
        return {h.cue for h in find_cues(text, 0, fr)}

    # tear-gas grenades disperse a crowd; they are no grenade attack
    assert cues("la foule a été dispersée par des grenades lacrymogènes") >= {"intervention"}
    assert "grenade" not in cues("la foule a été dispersée par des grenades lacrymogènes")
    # a visit is no surrender; fighters giving themselves up to a force are
    assert "agreement" not in cues("le ministre s'est rendu à Kidal pour les obsèques")
    assert "agreement" in cues("une vingtaine de combattants se sont rendus aux forces de défense")
    # hostages set free are an agreement, not an abduction
    assert cues("les otages ont été libérés samedi") == {"agreement"}
    assert "abduction" not in cues("la libération d'otages détenus depuis un an")
    # livestock taken is looting
    assert "abduction" not in cues("l'enlèvement de bétail par des bandits")
    # "sans combat" is no fight; a mutiny named as background is no riot
    assert "clash" not in cues("l'armée s'est retirée de la base sans combat")
    assert "riot" not in cues("les soldats radiés depuis la mutinerie de 2011 ont manifesté")
    assert "riot" in cues("une mutinerie a éclaté au camp de Kati")
    # a coup is ACLED's Other (armed actors' doing), not a change to a group
    assert "displacement" in cues("le coup d'État a été mené par la garde présidentielle")
    assert "change_group" not in cues("le coup d'État a été mené par la garde présidentielle")
    # "ont marché" (marched), not a market
    assert "protest" in cues("les femmes ont marché jusqu'à la mairie")
    assert "protest" not in cues("les femmes se sont rendues au marché")


def _sub_event(text: str) -> str:
    return extract(Document(id="t", text=text)).events[0].sub_event_type


def test_a_party_s_people_who_fight_or_burn_with_no_demonstration_are_a_mob():
    assert _sub_event("After the disputed vote, supporters of the MPP and the CDP clashed in Kaya.") == "Mob violence"
    assert _sub_event("The office of the prefect in Kaya was set on fire by the MPP.") == "Mob violence"


def test_protesters_in_clashes_with_police_or_forcing_their_way_in_make_a_violent_demonstration():
    assert _sub_event("Clashes were reported in Koudougou between students and police during a march over "
                      "grants.") == "Violent demonstration"
    assert _sub_event("Traders protested in Kaya over taxes and demonstrators broke into the town hall.") \
        == "Violent demonstration"


def test_people_described_as_militiamen_are_armed_victims():
    assert _sub_event("Gunmen attacked the village of Sollé and killed two men described as Koglweogo members.") \
        == "Armed clash"
