from datetime import date

from sitrep.pipeline import extract
from sitrep.records import Document


def run(text, published=None, doc_id="t"):
    from sitrep.documents import content_hash, parse_iso_date

    return extract(Document(id=doc_id, text=text, content_hash=content_hash(text), published=parse_iso_date(published)))


def test_civilian_attack():
    r = run("On 3 May 2020, unknown gunmen attacked the village of Ogossagou (Bankass, Mopti), killing three "
            "civilians.")
    e = r.events[0]
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.event_date.isoformat() == "2020-05-03" and e.time_precision == 1
    assert e.actor1 == "Unidentified Armed Group (Mali)" and e.actor2 == "Civilians (Mali)"
    assert e.fatalities == 3 and e.admin1 == "Mopti"


def test_ied_against_army():
    r = run("On 31 December 2020, an IED exploded during the passage of a Malian army vehicle near Douentza "
            "(Douentza, Mopti). No casualties were reported.")
    e = r.events[0]
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert e.fatalities == 0 and e.fatalities_low == 0
    assert "Military Forces of Mali (2020-2021)" in (e.actor2, e.assoc_actor_2)


def test_protests_and_riots():
    peaceful = run("On 5 June 2020, thousands of people demonstrated peacefully in Bamako to demand the "
                   "resignation of the president.").events[0]
    assert peaceful.sub_event_type == "Peaceful protest" and peaceful.actor1 == "Protesters (Mali)"
    riot = run("On 10 July 2020, protesters burned tyres and threw stones at police in Bamako.").events[0]
    assert riot.event_type == "Riots" and riot.actor1 == "Rioters (Mali)"
    reason = run("On 22 February 2019, residents of Bobo-Dioulasso marched to denounce the murder of a young "
                 "woman.").events[0]
    assert reason.sub_event_type == "Peaceful protest"


def test_clash_and_fatalities_sum():
    e = run("On 9 April 2020, JNIM militants attacked a military base in Solle, Burkina Faso. Five soldiers "
            "and 12 militants were killed.").events[0]
    assert e.sub_event_type == "Armed clash" and e.fatalities == 17
    assert e.actor1.startswith("JNIM") and e.actor2.startswith("Military Forces of Burkina Faso")


def test_undated_habitual_statements_are_not_events():
    r = run("March 3, 2024 | Desk\n\nJNIM regularly attacks villages in the Kayes region. The group has steadily "
            "expanded south.")
    assert r.events == []


def test_a_recap_of_recent_days_is_no_part_of_the_news():
    r = run("March 3, 2024 | Desk\n\nAn air strike hit a cattle market near Douentza on Saturday, killing at least "
            "25 herders, a local official said. Eight soldiers have been killed in the region in recent days.")
    assert len(r.events) == 1 and r.events[0].fatalities == 25


def test_an_air_strike_checked_on_the_ground_is_still_an_air_strike():
    r = run("March 3, 2024 | Desk\n\nA drone strike by the Malian army killed at least 15 people at a funeral near "
            "Boni on Saturday. An army source said the targets of the attack, militants on motorbikes, were confirmed "
            "on the ground afterwards.")
    assert r.events[0].sub_event_type == "Air/drone strike"


def test_an_undated_lede_gives_its_site_to_the_dated_telling_of_the_same_strike():
    r = run("March 9, 2024 | Desk\n\nA drone strike has left more than twenty civilians dead at a wedding in "
            "Tassakane, a hamlet between Boni and Hombori in the Mopti region.\n\nA local official said the tragedy "
            "occurred on Thursday when a drone targeted the crowd, killing at least 20 people.")
    e = r.events[0]
    assert e.event_date == date(2024, 3, 7) and e.location_resolved and e.country == "Mali"


def test_a_retaking_told_without_its_force_is_the_governments():
    r = run("March 9, 2024 | Desk\n\nThe counter-offensive launched at dawn retook control of all positions in the "
            "town of Ansongo on Friday, the defence ministry said.")
    e = next(e for e in r.events if e.sub_event_type == "Government regains territory")
    assert e.actor1.startswith("Military Forces of Mali")


def test_more_of_the_same_told_without_a_place_happened_where_the_news_did():
    r = run("March 9, 2024 | Desk\n\nTwo army trucks hit landmines near Boni on Tuesday, killing six soldiers, a "
            "security source said.\n\nA third truck also hit a mine on Thursday, killing another soldier.")
    later = next(e for e in r.events if e.event_date == date(2024, 3, 7))
    assert later.location == "Boni" and later.geo_precision == 2
    french = run("9 mars 2024 | Rédaction\n\nDeux camions de l'armée ont sauté sur des mines près de Boni mardi, tuant "
                 "six soldats, selon une source sécuritaire.\n\nUn troisième camion a aussi sauté sur une mine jeudi, "
                 "tuant un autre soldat.")
    assert any(e.event_date == date(2024, 3, 7) and e.location == "Boni" for e in french.events)


def test_an_earlier_happening_the_news_comes_after_is_recalled_not_reported():
    english = run("March 9, 2024 | Desk\n\nA roadside bomb killed three soldiers near Ansongo on Friday, the army said. "
                  "It comes six days after twelve soldiers were killed in an ambush at Tessit on March 2.")
    assert [e.location for e in english.events if not e.background] == ["Ansongo"]
    french = run("9 mars 2024 | Rédaction\n\nUne mine a tué trois soldats près d'Ansongo vendredi, selon l'armée. "
                 "Leur mort intervient six jours après celle de douze soldats tués dans une embuscade à Tessit le 2 mars.")
    assert [e.location for e in french.events if not e.background] == ["Ansongo"]


def test_a_country_far_away_named_in_a_grievance_starts_no_event_of_its_own():
    r = run("20 octobre 2022 | Rédaction\n\nDes centaines de jeunes ont manifesté jeudi dans plusieurs quartiers de "
            "N'Djamena.\n\nLes manifestants disent être fatigués de la politique de la France.\n\nDes heurts ont "
            "éclaté ensuite. La police a tiré à balles réelles sur les manifestants, faisant au moins 12 morts.")
    kept = [e for e in r.events if not e.background]
    assert len(kept) == 1 and kept[0].location == "N'Djamena" and kept[0].fatalities >= 12


def test_a_day_set_before_the_happening_it_dates_and_a_specialist_is_no_site():
    text = ("Protesters marched through Bamako on 10 July 2020 and stormed the state broadcaster, where police "
            "dispersed them with tear gas.\n\nIn a statement on 5 August, Amnesty International condemned the "
            "crackdown.\n\nThe unrest spread on 11 July, after rumours of an arrest. \"Police then fired live "
            "rounds at the protesters, killing four people,\" said a West Africa specialist at the rights group.")
    r = run(text)
    shooting = next(e for e in r.events if e.fatalities == 4)
    assert shooting.event_date == date(2020, 7, 11) and shooting.location == "Bamako"
    french = ("Les manifestants ont défilé à Bamako le 10 juillet 2020 et ont pris d'assaut la radio d'État, où la "
              "police les a dispersés.\n\nLa situation a dégénéré le 11 juillet, après des rumeurs d'arrestation. "
              "« Des policiers ont alors tiré à balles réelles sur les manifestants, tuant quatre personnes », a dit "
              "un spécialiste de l'Afrique de l'Ouest à Amnesty.")
    shooting = next(e for e in run(french).events if e.fatalities == 4)
    assert shooting.event_date == date(2020, 7, 11) and shooting.location == "Bamako"


def test_vigilantes_killed_by_bandits_are_no_mob():
    r = run("January 7, 2022 | Desk\n\nGunmen suspected to be bandits attacked three villages in Zamfara State on "
            "Tuesday, killing at least 40 residents. The bandits also killed several members of a vigilante group "
            "who tried to stop them.")
    assert r.events[0].sub_event_type != "Mob violence"


def test_a_similar_attack_months_before_and_a_town_that_is_home_to_a_force_are_not_the_news():
    r = run("August 21, 2016 | Desk\n\nA suicide bomber killed four civilians at a market in Kolofata on Sunday, "
            "officials said.\n\nThe bomber rode a motorbike into the crowd, a local official said.\n\nKolofata is "
            "home to a base of troops fighting Boko Haram.\n\nA similar suicide attack in the same area killed at "
            "least 10 people at the end of June.")
    kept = [e for e in r.events if not e.background]
    assert len(kept) == 1 and kept[0].fatalities == 4


def test_the_attack_told_on_after_a_sentence_about_something_else_dates_the_lede():
    r = run("25 mars 2020 | Rédaction\n\nLe président a annoncé hier que 40 soldats ont été tués dans une attaque de "
            "jihadistes à Tessit.\n\nLa télévision a rapporté que le président s'est rendu sur les lieux de l'attaque hier.\n\n"
            "L'attaque menée dans la nuit de samedi à dimanche visait le camp militaire de Tessit.")
    e = next(e for e in r.events if e.fatalities == 40)
    assert e.event_date == date(2020, 3, 21)


def test_the_next_morning_is_another_happening_a_day_later_near_the_first():
    r = run("March 9, 2024 | Desk\n\nGunmen abducted and killed 12 villagers in Tindangou on Tuesday, residents said. "
            "The next morning, soldiers killed about ten militants near the village during a sweep operation.")
    later = next(e for e in r.events if e.event_type == "Battles")
    assert later.event_date == date(2024, 3, 6) and later.sub_event_type == "Armed clash" and later.fatalities >= 10
    french = run("9 mars 2024 | Rédaction\n\nDes hommes armés ont enlevé puis tué 12 villageois à Tindangou mardi. "
                 "Le lendemain matin, une dizaine de terroristes ont été tués lors d'un ratissage de l'armée non loin "
                 "du village.")
    later = next(e for e in french.events if e.event_type == "Battles")
    assert later.event_date == date(2024, 3, 6) and later.sub_event_type == "Armed clash"


def test_regions_said_to_be_affected_by_incursions_tell_no_event():
    french = run("25 mai 2022 | Rédaction\n\nDes hommes armés ont enlevé trois personnes mardi soir dans un village "
                 "du département de Madarounfa. A l'instar des régions de Diffa et Tillabéry, certaines zones de "
                 "la région de Maradi sont également affectées par des incursions de groupes armés terroristes et des "
                 "enlèvements.")
    assert all(e.location not in ("Diffa", "Tillabéri") for e in french.events)
    english = run("May 25, 2022 | Desk\n\nGunmen abducted three people on Tuesday night in a village of Madarounfa "
                  "department. Like the regions of Diffa and Tillaberi, parts of Maradi are also affected by attacks "
                  "and abductions by armed groups.")
    assert all(e.location not in ("Diffa", "Tillabéri") for e in english.events)


def test_claims_keep_who_says_what():
    r = run("March 3, 2024 | Desk\n\nGunmen attacked a checkpoint in Gao on Saturday. According to a local "
            "official, four soldiers were killed. JNIM claimed responsibility for the attack.")
    statuses = {(c.claimant, c.status) for c in r.claims}
    assert ("a local official", "reported") in statuses
    assert any(c.status == "claimed" and c.kind == "responsibility" for c in r.claims)
    figures = [c for c in r.claims if c.kind == "fatalities"]
    assert figures and figures[0].value["low"] == 4


def test_a_language_without_a_model_is_recorded_not_extracted():
    r = run("Unos hombres armados atacaron el pueblo de Ogossagou el sábado y mataron a decenas de personas, "
            "según las autoridades de la región.")
    assert r.document.language == "es" and r.events == [] and r.warnings


def test_a_brief_without_event_words_is_read_by_the_classifier():
    # No cue word ("sit-in", "march"...) in the first: the classifier alone says it is a protest. The second is
    # no event at all, however confident the classifier is about its kind.
    protest = run("On 4 June 2021, nurses gathered outside the regional hospital in Kaya over unpaid bonuses.")
    assert protest.events and protest.events[0].event_type == "Protests"
    assert not run("A new hospital wing opened in Sikasso on 4 June 2021, the governor said.").events


def test_a_gendarmerie_is_the_gendarmerie_of_the_place():
    e = run("On 2 May 2020, militants ambushed a gendarmerie unit in Djibo, Burkina Faso, killing one gendarme.").events[0]
    assert e.actor2.startswith("Police Forces of Burkina Faso") and e.actor2.endswith("Gendarmerie")
    assert not e.assoc_actor_2


def test_an_ambushed_convoy_is_a_battle_whoever_died():
    e = run("On 20 April 2020, militants ambushed a MINUSMA logistics convoy near Tessalit, killed a civilian "
            "contractor and wounded two others.").events[0]
    assert e.event_type == "Battles" and e.actor2.startswith("MINUSMA")


def test_mutinies_threats_and_maiming():
    e = run("On 3 April 2021, mutinying soldiers fired shots in the air in Tenkodogo.").events[0]
    assert e.event_type == "Riots"
    e = run("On 3 April 2021, JNIM militants threatened voters in a village near Mopti.").events[0]
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Other")
    assert not run("On 3 April 2021, the minister threatened to resign over the budget.").events
    e = run("On 3 April 2021, a soldier cut the ear of a Quranic school student in Douentza.").events[0]
    assert e.event_type == "Violence against civilians"


def test_one_armed_side_is_an_attack_and_a_headline_passive_is_a_target():
    e = run("On 3 November 2020, unknown gunmen attacked a group of marketgoers near Koro, two were killed.").events[0]
    assert e.sub_event_type == "Attack" and e.actor2.startswith("Civilians")
    e = run("On 17 July 2020, Dozo militiamen killed a Dozo chief in the village of Nienou (San, Segou).").events[0]
    assert e.event_type == "Violence against civilians"
    e = run("Gendarmerie post attacked around 19h in Dioura on 3 May 2021, one gendarme wounded.").events[0]
    assert e.actor1.startswith("Unidentified Armed Group") and "Gendarmerie" in e.actor2


def test_looting_with_beatings_is_an_attack():
    e = run("On 31 October 2020, ISGS militants seized livestock and whipped a woman in Goungam.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("On 31 October 2020, ISGS militants seized livestock in Goungam, no casualties reported.").events[0]
    assert e.sub_event_type == "Looting/property destruction"


def test_police_stepping_in_and_soldiers_firing_into_the_air():
    e = run("On 4 May 2021, protesters demonstrated in Kaya over the murder of a journalist. Police intervened.").events[0]
    assert e.sub_event_type == "Protest with intervention" and e.actor2.startswith("Police Forces of Burkina Faso")
    e = run("On 4 May 2021, soldiers fired into the air in several neighbourhoods of Dori.").events[0]
    assert (e.event_type, e.actor1, e.actor2) == ("Riots", "Rioters (Burkina Faso)", "")


def test_a_katiba_named_alone_is_coded_under_jnim_when_acled_did_so():
    e = run("On 4 May 2018, Katiba Macina militants abducted three traders near Diafarabe.").events[0]
    assert e.actor1.startswith("JNIM") and "Katiba Macina" in e.assoc_actor_1


def test_protest_symbols_blockades_and_wider_attacks():
    e = run("On 29 October 2020, hundreds of residents staged a demonstration in Kidal and burned French flags.").events[0]
    assert e.sub_event_type == "Peaceful protest"
    e = run("On 3 March 2021, inhabitants of a neighbourhood of Ouagadougou blocked the road to demand repairs.").events[0]
    assert e.sub_event_type == "Peaceful protest"
    e = run("On 5 July 2020, ISGS militants attacked the village of Haroum, abducted three men and burned houses.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("On 20 April 2020, the Malian army killed 15 JNIM militants in an air-supported operation near Tenenkou.").events[0]
    assert e.sub_event_type == "Armed clash"


def test_armed_victims_make_a_battle_and_a_shared_label_takes_the_places_country():
    e = run("On 15 April 2020, militants attacked the gendarmerie station in Tangangari (Boundore, Yagha), and "
            "killed one gendarme while another went missing.").events[0]
    assert e.event_type == "Battles" and e.fatalities == 1
    e = run("On 6 September 2020, JNIM militants attacked the ranger station in Sono, Burkina Faso, and killed "
            "the station chief.").events[0]
    assert e.event_type == "Battles" and e.actor2.endswith("Forest Guards")
    e = run("On 26 May 2020, the Malian army conducted an operation against Dozo militiamen in Tounto (Bla, Segou), "
            "killing one Dozo.").events[0]
    assert e.actor2 == "Dozo Communal Militia (Mali)"


def test_a_village_near_a_town_is_coded_at_the_town():
    e = run("A municipal councillor was killed by unidentified assailants in the Yorsala area, near Titao, on "
            "3 May 2021.").events[0]
    assert (e.location, e.geo_precision) == ("Titao", 2)
    e = run("On 22 August 2021, militants ambushed two policemen between Solle and Titao, killing one.").events[0]
    assert e.location.startswith("Sol")


def test_the_group_claiming_an_unattributed_attack_is_its_author():
    e = run("On 8 April 2020, a Barkhane logistics vehicle was struck by an IED south of Tessalit, two soldiers "
            "were wounded. JNIM claimed responsibility.").events[0]
    assert e.actor1.startswith("JNIM") and e.actor2.startswith("Military Forces of France")


def test_review_regressions_stay_fixed():
    # a mutiny named as background is no riot; police firing into the air at a crowd is no mutiny
    events = run("On 4 May 2021, gunmen attacked a military post in Boni, unstable since the 2012 mutiny in Kati.").events
    assert all(e.event_type != "Riots" for e in events)
    e = run("On 4 May 2021, police fired into the air to disperse a crowd of traders in Kayes.").events[0]
    assert e.event_type == "Protests"
    # soldiers killed in a village are soldiers
    e = run("On 4 May 2021, JNIM militants killed two soldiers in the village of Boni.").events[0]
    assert e.event_type == "Battles"
    # a minister threatening to jail strikers is no event
    assert not run("On 4 May 2021, the minister threatened to jail the striking teachers.").events


def test_crowds_in_the_passive_and_ieds_that_did_not_go_off():
    e = run("On 4 May 2011, police stations were attacked by student demonstrators in Koudougou.").events[0]
    assert e.sub_event_type == "Violent demonstration"
    e = run("On 13 August 2020, the Malian army killed six militants who were planting an IED amidst exchanges "
            "of gunfire near Koro.").events[0]
    assert e.sub_event_type == "Armed clash"
    e = run("On 13 August 2020, militants planted an IED which exploded under an army truck near Koro, killing "
            "two soldiers.").events[0]
    assert e.sub_event_type == "Remote explosive/landmine/IED"


def test_aid_workers_are_civilians_with_their_organisation_beside_them():
    e = run("On 4 September 2020, JNIM militants opened fire against an ICRC convoy near Parou (Bandiagara, Mopti). "
            "The aid workers escaped unharmed.").events[0]
    assert (e.sub_event_type, e.actor2) == ("Attack", "Civilians (Mali)")
    assert e.assoc_actor_2.startswith("ICRC") and not e.assoc_actor_1


def test_more_ways_of_telling_violence():
    e = run("On 29 December 2019, Dozos beat a presumed chicken thief to death near Boussoukoula.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("An NGO ambulance was attacked 25 km south of Afoud on 3 May 2021. One wounded.").events[0]
    assert (e.sub_event_type, e.actor2.split(" (")[0]) == ("Attack", "Civilians")
    e = run("On 23 April 2020, JNIM militants stripped a man of his motorbike near Houare (Logobou, Tapoa).").events[0]
    assert e.sub_event_type == "Looting/property destruction"
    e = run("On 8 March 2020, ISGS militants attacked and burned a fuel tanker near Dori. No casualties.").events[0]
    assert e.event_type != "Battles"


def test_a_long_report_told_on_about_the_attack_stays_one_event():
    text = ("On 20 January 2019, Ansar Dine militants launched a coordinated attack against MINUSMA positions in "
            "Aguelhok (Tessalit, Kidal). The attack was initiated by a suicide car bomb followed by an armed assault; "
            "11 Chadian peacekeepers were killed, and the attack coincided with a visit by Israel's prime minister "
            "to N'Djamena. French jets were deployed from Gao and Niamey. " + "Fighting went on for hours. " * 12)
    events = run(text).events
    assert events[0].location == "Aguelhok" and events[0].fatalities == 11
    assert all(e.location not in ("N'Djamena", "Niamey", "Gao") for e in events)


def test_armed_groups_ruling_over_people_are_other_developments():
    e = run("On 27 May 2022, JNIM militants prohibited residents from farming in the village of Sapani "
            "(Kantchari, Tapoa).").events[0]
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Other")
    assert not run("On 21 June 2022, the government banned motorbikes in the Tillaberi region.").events


def test_clashes_between_two_communities_are_battles_of_their_militias():
    e = run("At least 10 people were killed on 3 May 2021 in clashes between Bambara and Fulani near Niono.").events[0]
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Armed clash", "Bambara Ethnic Militia (Mali)",
                                                      "Fulani Ethnic Militia (Mali)")
    e = run("On 3 May 2021, clashes between the Moba and Yaana over land near Sangha, Burkina Faso, left one dead.").events[0]
    assert (e.actor1, e.actor2) == ("Moba Ethnic Militia (Burkina Faso)", "Yana Ethnic Militia (Burkina Faso)")


def test_community_patterns_are_built_once_not_at_every_passage():
    from sitrep.events import build

    text = "Two herders died on 4 May 2021 in clashes between Bambara and Fulani near Macina."
    run(text)
    built = build._with_communities.cache_info().misses
    assert run(text).events[0].actor1 == "Bambara Ethnic Militia (Mali)"
    assert build._with_communities.cache_info().misses == built


def test_a_parent_in_brackets_after_the_head_noun_and_units_merged_into_jnim():
    e = run("On 25 December 2019, presumed AQIM militants (JNIM) burned a school in Niambourgou.").events[0]
    assert e.actor1.startswith("JNIM") and "AQIM" in e.assoc_actor_1
    e = run("On 20 November 2015, Al Mourabitoune gunmen attacked a hotel in Bamako, killing 20 people.").events[0]
    assert e.actor1 == "Al Mourabitoune Battalion"  # JNIM did not exist yet


def test_an_abduction_whose_victim_is_found_dead_is_an_attack_with_one_death():
    e = run("On 15 January 2019, ISGS militants abducted a Canadian geologist near Tiabongou. His body was found "
            "the next day.").events[0]
    assert (e.sub_event_type, e.fatalities) == ("Attack", 1)


def test_killings_told_in_the_passive_and_victims_off_duty_are_attacks():
    e = run("On 4 May 2021, the bodies of five herders were found near Koumbri; they had been shot dead by "
            "soldiers.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("On 9 March 2021, unknown gunmen shot dead an off-duty gendarme at a market in Tessoumbou.").events[0]
    assert (e.sub_event_type, e.actor2.split(" (")[0]) == ("Attack", "Civilians")


def test_beatings_decapitations_and_robberies_that_wound_are_attacks():
    e = run("On 4 June 2021, a trader was beaten by soldiers at a checkpoint near Kourouma.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("On 7 June 2021, unknown individuals decapitated a herder near Sorobasso.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("On 9 June 2021, armed men robbed traders near Gomboro; one trader was wounded.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("On 2 July 2021, unknown gunmen robbed the cashier of a clinic in Tindirma.").events[0]
    assert e.sub_event_type == "Looting/property destruction"


def test_what_a_protest_denounces_is_not_violence_at_it_and_soldiers_protesting_with_gunfire_riot():
    e = run("On 2 March 2021, about 300 traders demonstrated in Sebba. The demonstrators denounced repeated attacks "
            "and armed robberies on the roads.").events[0]
    assert e.sub_event_type == "Peaceful protest"
    e = run("On 2 March 2021, residents protesting against the curfew vandalized the town hall in Sebba.").events[0]
    assert e.sub_event_type == "Violent demonstration"
    e = run("On 5 March 2021, gunfire was heard all night in Kaya as soldiers protested against the arrest of two "
            "comrades.").events[0]
    assert e.sub_event_type == "Violent demonstration"


def test_a_crowd_that_attacks_without_a_demonstration_is_mob_violence():
    e = run("On 12 April 2021, a group of youths attacked and beat two council members in Sideradougou.").events[0]
    assert (e.event_type, e.sub_event_type) == ("Riots", "Mob violence")
    e = run("On 12 April 2021, youths burned tyres in Sideradougou after a trader was killed.").events[0]
    assert e.sub_event_type != "Mob violence"


def test_a_coders_note_splitting_its_toll_gives_one_share():
    e = run("On 2 March 2021, gunmen attacked the villages of Kolobe and Sendou, killing nine civilians. "
            "Fatalities split across two events.").events[0]
    assert e.fatalities == 5


def test_restated_tolls_in_separate_sentences_are_not_added():
    e = run("On 4 May 2021, militants ambushed an army convoy near Boni (Douentza, Mopti). Three soldiers were "
            "killed. The militants later claimed they killed 12 soldiers.").events[0]
    assert e.fatalities == 3


def test_katiba_macina_named_alone_is_coded_under_jnim_until_spring_2020():
    text = "On {} 2020, Katiba Macina militants killed two herders in Kelbi near Djenne (Djenne, Mopti)."
    assert run(text.format("10 February")).events[0].actor1.startswith("JNIM")
    assert run(text.format("10 June")).events[0].actor1 == "Katiba Macina"


def test_claims_attributions_and_crowd_control():
    e = run("On 6 May 2020, JNIM claimed to have detonated an IED against a Malian army vehicle near Kelbi (Douentza, "
            "Mopti). No casualties reported.").events[0]
    assert e.actor1.startswith("JNIM") and e.actor2.startswith("Military Forces of Mali")
    e = run("Army post attacked at Kelbi near Douentza, two soldiers dead. JNIM claimed the attack.").events[0]
    assert e.actor1.startswith("JNIM") and e.actor2.startswith("Military Forces of Mali")
    e = run("On 9 May 2020, soldiers defused an IED near Kelbi (Douentza, Mopti). The device was likely planted "
            "by JNIM militants.").events[0]
    if e.sub_event_type == "Disrupted weapons use":
        assert e.actor1.startswith("Military Forces of Mali") and e.actor2.startswith("JNIM")
    e = run("On 2 June 2019, traders protesting new taxes in Sikasso (Sikasso, Sikasso) were dispersed with tear "
            "gas by security forces.").events[0]
    assert e.actor2.startswith("Police Forces of Mali")


def test_officials_as_victims_are_civilians_and_customs_are_police():
    e = run("On 3 June 2019, JNIM militants stole the cattle of the mayor in Kelbi near Djenne (Djenne, Mopti).").events[0]
    assert e.actor2 == "Civilians (Mali)" and "Government of Mali" in e.assoc_actor_2
    e = run("On 5 June 2019, gunmen attacked a customs post in Kelbi near Djenne (Djenne, Mopti), killing one "
            "customs officer.").events[0]
    assert e.actor2.startswith("Police Forces of Mali")


def test_a_suicide_bombing_or_mortar_barrage_opening_a_ground_assault_is_a_battle():
    e = run("On 3 April 2021, JNIM militants attacked the army camp in Dioungani with a suicide car bomb followed by "
            "heavy gunfire; four soldiers were killed.").events[0]
    assert e.sub_event_type == "Armed clash"
    e = run("On 5 April 2021, militants fired mortar shells at the army camp in Dioungani. No casualties.").events[0]
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    e = run("On 6 April 2021, militants ambushed an army patrol near Tin-Hama; the ambush was followed by "
            "airstrikes. Five soldiers were wounded.").events[0]
    assert e.sub_event_type == "Armed clash"


def test_a_note_opening_with_acled_sub_event_label_is_coded_as_that_label():
    e = run("Property destruction: On 3 May 2021, JNIM militants attacked the forest post of Tiamou and burned "
            "it down. No casualties.").events[0]
    assert e.sub_event_type == "Looting/property destruction"
    e = run("Non-violent activity: On 3 May 2021, JNIM militants visited the school of Sondre and left threatening "
            "messages for the teachers.").events[0]
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Other")
    e = run("Breaking: On 3 May 2021, JNIM militants attacked the village of Sondre, killing two civilians.").events[0]
    assert e.sub_event_type == "Attack"


def test_a_headline_participle_names_the_target():
    e = run("Gendarmerie post attacked in Kassela on 3 May 2021, two dead and one vehicle seized.").events[0]
    assert e.event_type == "Battles"


def test_arrests_a_protest_is_about_are_no_intervention():
    e = run("On 4 May 2021, about 200 people demonstrated in Tessit to demand the release of three herders who were "
            "arrested last week.").events[0]
    assert e.sub_event_type == "Peaceful protest"
    e = run("On 4 May 2021, about 200 people demonstrated in Tessit; police arrested five of the "
            "demonstrators.").events[0]
    assert e.sub_event_type == "Protest with intervention"


def test_a_hunting_or_refugee_camp_is_no_military_camp():
    e = run("On 8 May 2021, JNIM militants attacked and burned a hunting camp near Kaabougou. No casualties "
            "reported.").events[0]
    assert e.sub_event_type == "Looting/property destruction"
    e = run("On 9 May 2021, youths from Kierma and Tanwoko clashed with machetes and hunting guns over farmland; "
            "six were wounded.").events[0]
    assert e.event_type == "Battles"


def test_a_villages_self_defence_is_its_communitys_militia():
    e = run("On 4 March 2020, militants attacked the Bozo village of Kelbi (Djenne, Mopti). Village self-defense "
            "repelled the attack.").events[0]
    assert "Bozo Ethnic Militia (Mali)" in (e.actor1, e.actor2)


def test_the_site_near_a_town_comes_before_towns_named_in_passing():
    e = run("On 3 May 2021, an IED struck a MINUSMA convoy near Hombori; the wounded were evacuated to Gao.").events[0]
    assert e.location == "Hombori" and e.geo_precision == 2


def test_a_town_a_later_sentence_names_does_not_replace_the_site():
    e = run("On 3 May 2021, militants abducted a trader near Sévaré. He was released five days later in Mopti.").events[0]
    assert e.location == "Sévaré" and e.geo_precision == 2
    e = run("On 3 May 2021, militants abducted a trader in the Mopti region. He was found dead in Hombori.").events[0]
    assert e.location == "Hombori"


def test_village_defenders_taking_on_the_attackers_make_a_battle():
    e = run("On 6 May 2021, gunmen attacked the village of Kolbara. Dozo hunters responded to the attack and two "
            "residents went missing.").events[0]
    assert e.sub_event_type == "Armed clash"
    e = run("On 7 May 2021, militants attacked Tessoro and burned granaries; self-defense militiamen defending the "
            "village were overpowered and four villagers were killed.").events[0]
    assert e.sub_event_type == "Armed clash"
    e = run("On 8 May 2021, gunmen attacked the village of Sambel, killing three villagers.").events[0]
    assert e.sub_event_type == "Attack"


def test_a_protest_over_a_flood_or_a_visit_is_still_a_protest():
    e = run("On 4 June 2021, residents of Tanlili blocked the national road in protest against the lack of a bridge "
            "after deadly floods.").events[0]
    assert e.event_type == "Protests"
    e = run("On 5 June 2021, hundreds booed the visiting foreign minister in Dori to protest the new border "
            "agreement. Police dispersed them.").events[0]
    assert e.event_type == "Protests"


def test_a_short_note_the_rules_cannot_type_takes_the_classifiers_best_reading():
    e = run("Murder of a councillor in Titao.").events[0]
    assert e.sub_event_type == "Attack" and e.location
    for text in ("The minister inaugurated a new school in Gao.", "Heavy rains destroyed 40 houses in Dori.",
                 "The Red Cross distributed food to displaced families in Djibo."):
        assert not run(text).events


def test_demonstrators_who_smash_set_tyres_alight_or_carry_clubs_riot():
    for text in ("On 3 March 2021, students smashed windows while protesting at the university in Koudougou.",
                 "On 5 March 2021, youths protesting the curfew blocked the road in Dori, setting fire to tyres.",
                 "On 4 March 2021, hundreds of protesters armed with clubs blocked the Kaya road to demand a new "
                 "mayor."):
        assert run(text).events[0].sub_event_type == "Violent demonstration"
    e = run("On 6 March 2021, residents demonstrated in Titao against the killing of a trader by bandits.").events[0]
    assert e.sub_event_type == "Peaceful protest"


def test_ied_making_material_seized_and_operations_killing_militants_are_no_bombing():
    e = run("On 3 April 2021, Malian forces conducted an operation near Boulkessi, killing several militants and "
            "seizing motorbikes and IED-making material.").events[0]
    assert e.sub_event_type == "Armed clash"
    e = run("On 4 April 2021, police arrested two suspected militants near Sebba and seized IED-making "
            "materials.").events[0]
    assert e.sub_event_type == "Arrests"
    e = run("On 5 April 2021, French forces in an air-supported operation near Hombori dismantled a militant camp, "
            "killing or capturing several militants.").events[0]
    assert e.sub_event_type == "Armed clash"


def test_herdsmen_and_retired_guards_killed_are_civilians():
    e = run("On 9 May 2021, soldiers shot dead two Fulani herdsmen near a well in Sambala.").events[0]
    assert e.sub_event_type == "Attack"
    e = run("On 10 May 2021, gunmen killed a retired gendarme at the market in Dioura.").events[0]
    assert e.sub_event_type == "Attack"


def test_what_police_did_to_the_demonstrators_is_not_their_violence():
    e = run("On 3 May 2021, motorbike-taxi drivers demonstrated in front of the police station in Pouytenga after "
            "policemen seized their tricycles.").events[0]
    assert e.sub_event_type == "Peaceful protest"
    e = run("On 4 May 2021, residents protesting the curfew in Dori burned tyres.").events[0]
    assert e.sub_event_type == "Violent demonstration"


def test_a_mobs_victims_with_nobody_named_are_civilians():
    e = run("On 9 May 2021, a crowd of youths beat a suspected thief in the market of Dioula.").events[0]
    assert e.sub_event_type == "Mob violence"
    assert e.actor1.startswith("Rioters") and e.actor2.startswith("Civilians")


def test_armed_villagers_named_by_their_village_are_its_communal_militia():
    e = run("On 3 June 2021, youths armed with rifles from the village of Kelendo ambushed herders near Sarafe.").events[0]
    assert e.actor1 == "Kelendo Communal Militia (Mali)" or e.actor1.startswith("Kelendo Communal Militia")
    e = run("On 3 June 2021, villagers from Kelendo were attacked by gunmen near Sarafe.").events[0]
    assert "Kelendo" not in e.actor1


def test_arson_at_a_protest_makes_it_violent_but_not_when_it_is_the_grievance():
    e = run("Twenty people were arrested in Sonko after protests and arson attacks over the death of a fisherman.").events[0]
    assert e.sub_event_type == "Violent demonstration"
    e = run("Pupils' demonstrations over the closure of their school were held in Koro and Diallassagou, including "
            "arson targeting the town hall.").events[0]
    assert e.sub_event_type == "Violent demonstration"
    e = run("Residents of Kelo marched to protest against the arson of their market by unknown men.").events[0]
    assert e.sub_event_type == "Peaceful protest"


def test_students_or_political_rivals_clashing_unarmed_are_mob_violence():
    e = run("Clashes between students at the university of Kelo: 5 wounded.").events[0]
    assert (e.event_type, e.sub_event_type) == ("Riots", "Mob violence")
    e = run("Two killed and 12 wounded in clashes between political opponents after a disputed vote in Taberi.").events[0]
    assert e.sub_event_type == "Mob violence"


def test_a_robbery_that_fires_on_or_mistreats_people_is_an_attack():
    from sitrep.events.build import _weigh_opinion

    kept = _weigh_opinion("Violence against civilians", "Attack", "violence with no armed opponent named",
                          ("Looting/property destruction", 0.95), [], [], hands_on=True)
    assert kept[1] == "Attack"
    e = run("On 4 May 2020, soldiers searched the village of Kolabe, several families were stripped of their "
            "belongings and mistreated.").events[0]
    assert e.sub_event_type == "Attack"
    from sitrep.events.acled_type import people_handled

    assert people_handled("gunmen opened fire against the occupants and seized a motorbike")
    assert not people_handled("militants opened fire in the village of Tabel and torched a shop")


def test_a_happening_the_same_day_elsewhere_is_another_event_and_takes_no_later_sentence():
    r = run("April 29, 2021 | Desk\n\nGunmen killed 18 villagers in Titao on Monday, the governor said.\n\n"
            "The attack happened the same day that two journalists were killed when their patrol was ambushed by "
            "rebels near Fada N'gourma.\n\nThe governor said the attackers arrived on motorbikes and burned the "
            "granaries.")
    news = next(e for e in r.events if e.fatalities == 18)
    assert news.event_type == "Violence against civilians" and news.location == "Titao"
    other = [e for e in r.events if e is not news and not e.background]
    assert other and other[0].event_date == news.event_date == date(2021, 4, 26)
    assert other[0].location != "Titao"
    french = run("29 avril 2021 | Rédaction\n\nDes hommes armés ont tué 18 villageois à Titao lundi, selon le "
                 "gouverneur.\n\nL'attaque a eu lieu le jour même où deux journalistes ont été tués dans une "
                 "embuscade tendue par des rebelles près de Fada N'Gourma.")
    news = next(e for e in french.events if e.fatalities == 18)
    assert news.location == "Titao"
    assert any(e is not news and e.event_date == date(2021, 4, 26) for e in french.events)


def test_the_setting_an_attack_came_as_names_no_party_to_it():
    r = run("April 29, 2021 | Desk\n\nUnidentified gunmen killed 18 villagers in Titao on Monday, the governor "
            "said.\n\nThis week's attack in the region came as rebels have stepped up raids on army posts.")
    news = next(e for e in r.events if e.fatalities == 18)
    assert news.event_type == "Violence against civilians"
    assert news.actor1.startswith("Unidentified") and not news.assoc_actor_1


def test_a_named_group_said_to_be_behind_unidentified_gunmen_is_their_name_not_their_enemy():
    r = run("April 29, 2021 | Desk\n\nUnidentified gunmen killed 18 villagers in Titao on Monday, the governor "
            "said.\n\nIt is unclear who committed the attack, but a security official said it was likely carried "
            "out by fighters linked to JNIM who operate in the area.")
    news = next(e for e in r.events if e.fatalities == 18)
    assert news.event_type == "Violence against civilians" and news.actor2.startswith("Civilians")
    assert "JNIM" in news.actor1


def test_a_toll_told_after_a_recalled_attack_belongs_to_the_news_told_last():
    r = run("26 janvier 2019 | Rédaction\n\nDeux Casques bleus ont péri hier dans l'explosion d'une mine au passage "
            "de leur convoi dans le centre du Mali, a annoncé la Mission de l'ONU. Leur mort intervient cinq jours "
            "après celle de dix soldats tchadiens, tués le 20 janvier à Aguelhok. \u00abCe matin, un véhicule d'un "
            "convoi a heurté une mine aux environs de Douentza\u00bb, selon le communiqué. \u00abDeux Casques bleus "
            "ont trouvé la mort\u00bb et plusieurs ont été blessés, a ajouté la Mission.")
    news = [e for e in r.events if not e.background]
    assert len(news) == 1 and news[0].event_date == date(2019, 1, 25) and news[0].location == "Douentza"
    recalled = [e for e in r.events if e.background]
    assert all(e.fatalities != 2 for e in recalled)


def test_a_reprisal_by_the_residents_of_a_village_is_another_event_by_its_militia():
    r = run("4 janvier 2019 | Rédaction\n\nMardi 1er janvier 2019, des individus armés ont attaqué le village de "
            "Titao, tuant six personnes dont le chef.\n\nSoupçonnés d'avoir hébergé les assaillants, des éleveurs "
            "peuls des villages voisins ont fait l'objet de représailles de la part des habitants de Titao, les 1er "
            "et 2 janvier, faisant 14 morts.\n\nLes assaillants auraient fait irruption dans le village en tirant "
            "des coups de feu.")
    first = next(e for e in r.events if e.fatalities == 6)
    revenge = next(e for e in r.events if e.fatalities == 14)
    assert first.actor1.startswith("Unidentified") and "Titao" in revenge.actor1 and "Militia" in revenge.actor1
    english = run("January 4, 2019 | Desk\n\nOn Tuesday, gunmen attacked the village of Titao, killing six people "
                  "including the chief.\n\nIn reprisal, herders of nearby villages were attacked by the residents of "
                  "Titao on Tuesday and Wednesday, leaving 14 dead.\n\nThe gunmen had stormed the village firing "
                  "into the air.")
    revenge = next(e for e in english.events if e.fatalities == 14)
    assert "Titao" in revenge.actor1


def test_a_lede_with_no_known_place_happened_where_the_report_opens():
    r = run("4 janvier 2019 | Rédaction\n\nLe nouvel an a été triste dans la commune de Barsalogho. Mardi 1er "
            "janvier 2019, des individus armés ont attaqué Zzyqoutala, un village situé à 30 kilomètres du "
            "chef-lieu, tuant six personnes, avant de s'enfuir vers la commune de Titao.")
    e = next(e for e in r.events if e.fatalities == 6)
    assert e.location == "Barsalogho" and e.geo_precision == 2


def test_revenge_with_no_day_of_its_own_is_reported_beside_the_undated_news():
    r = run("April 21, 2021 | Desk\n\nGunmen shot 30 villagers dead in a raid on four villages near Bakura.\n\n"
            "\u201cThere were two incidents. The first attack killed more than 20 people, and the reprisal by the "
            "residents of Bakura killed about 10 herders,\u201d an official said.")
    revenge = [e for e in r.events if "Bakura" in e.actor1]
    assert revenge and revenge[0].event_date == r.events[0].event_date


def test_a_village_read_in_another_state_than_the_one_told_gives_way_to_a_place_in_it():
    # the only Maru the index knows is in Zamfara; told of a raid in Kano State, it is another Maru
    r = run("April 21, 2021 | Desk\n\nGunmen shot 12 villagers dead in a raid on two villages in Kano State on "
            "Monday.\n\nThe attacked villages were Maru and Zzyqoutala in Bichi LGA, residents said.")
    e = next(e for e in r.events if e.fatalities == 12)
    assert e.location == "Bichi" and e.admin1.startswith("Kano")


def test_a_dateline_after_a_kicker_headline_is_no_site():
    r = run("Mali: soldiers accused of killing civilians in a central village\n\nBAMAKO — Soldiers killed at least 20 "
            "civilians in the village of Boni in the Mopti region on Tuesday, according to residents.", "2024-03-09")
    assert r.events[0].location == "Boni"
    french = run("Mali : l'armée affirme avoir repoussé une attaque\n\nBamako (AFP) - L'armée malienne a affirmé "
                 "vendredi avoir repoussé une attaque contre son camp de Boulkessi, tuant une trentaine d'assaillants."
                 "\n\nCinq soldats ont été tués, selon un communiqué.", "2024-03-09")
    assert [e.location for e in french.events if not e.background] == ["Boulkessi"]
    assert french.events[0].fatalities == 35


def test_a_resident_of_a_town_who_speaks_does_not_place_the_attack():
    french = run("9 mars 2024 | Rédaction\n\nAu moins douze civils ont été tués mercredi dans l'attaque du village de "
                 "Titao par des hommes armés.\n\n« Des individus armés ont fait irruption dans le village de Titao "
                 "et ont ouvert le feu sur les habitants », a indiqué un habitant de Djibo joint par téléphone.")
    assert [e.location for e in french.events] == ["Titao"]


def test_a_highway_between_two_cities_is_one_site_near_both():
    r = run("March 9, 2024 | Desk\n\nGunmen abducted at least 30 travellers on the Abuja-Kaduna highway on "
            "Wednesday evening, police said.")
    assert len(r.events) == 1 and r.events[0].geo_precision == 2


def test_jihadists_are_no_one_of_two_rival_groups_named_in_passing_but_the_local_affiliate_of_one():
    r = run("March 9, 2024 | Desk\n\nSuspected jihadists killed 15 soldiers near Djibo on Thursday, security "
            "sources said.\n\nThe country has been fighting groups linked to al Qaeda and Islamic State since 2015.")
    news = next(e for e in r.events if not e.background)
    assert "Islamic State" not in news.actor1 and "Al Qaeda" not in news.actor1
    r = run("March 9, 2024 | Desk\n\nJihadists killed 15 soldiers near Djibo on Thursday. JNIM, al Qaeda's branch "
            "in the Sahel, is active in the area.")
    assert r.events[0].actor1.startswith("JNIM")


def test_an_army_that_says_it_killed_fighters_is_the_side_that_killed():
    r = run("March 9, 2024 | Desk\n\nNiger's army said Saturday it had killed about 40 militants in operations in "
            "the Tillaberi region between Monday and Wednesday.")
    assert r.events[0].actor1.startswith("Military Forces of Niger")
    french = run("9 mars 2024 | Rédaction\n\nL'armée nigérienne a indiqué samedi qu'elle avait tué une quarantaine de "
                 "terroristes lors d'opérations dans la région de Tillabéri, entre lundi et mercredi.")
    assert french.events[0].actor1.startswith("Military Forces of Niger")


def test_a_vehicle_that_jumped_on_a_mine_on_a_given_day_is_its_victim():
    french = run("9 mars 2024 | Rédaction\n\nUn véhicule des Forces armées maliennes a sauté jeudi sur un engin "
                 "explosif improvisé près de Boni, faisant trois morts parmi les soldats.")
    e = french.events[0]
    assert e.sub_event_type == "Remote explosive/landmine/IED" and e.actor2.startswith("Military Forces of Mali")


def test_a_force_named_without_its_country_is_the_one_of_where_it_fought():
    r = run("March 9, 2024 | Desk\n\nIn Burkina Faso, an IED struck a civilian bus near Gorom-Gorom on Wednesday, "
            "killing six passengers.\n\nIn Burkina Faso, gunmen also killed three traders near Djibo on Thursday."
            "\n\nIn Niger, the army said on Friday that it had repelled an attack on its base in Tillaberi, killing "
            "12 assailants.")
    niger = next(e for e in r.events if e.country == "Niger")
    assert niger.actor1.startswith("Military Forces of Niger") and niger.actor2 == "Unidentified Armed Group (Niger)"


def test_a_brief_dated_long_before_its_report_still_tells_its_event():
    # A yearless date after the report date is put in the year before: months old, yet the brief's only news.
    from sitrep.export import reported_events

    r = run("On November 20, gunmen killed two traders in the village of Ogossagou.", published="2021-03-02")
    events = reported_events(r.events)
    assert events and events[0].event_type == "Violence against civilians"
    assert events[0].event_date.isoformat() == "2020-11-20"


def test_forces_attacked_by_nobody_named_face_an_unidentified_armed_group():
    e = run("Burkinabe army patrol ambushed near Djibo, three soldiers killed.").events[0]
    assert e.actor1.startswith("Unidentified Armed Group") and e.actor2.startswith("Military Forces of Burkina Faso")
    e = run("Three gendarmes killed after being ambushed near Sebba, Yagha province.").events[0]
    assert e.actor1.startswith("Unidentified Armed Group")


def test_a_device_or_shells_with_no_author_named_are_an_unidentified_armed_group_s():
    e = run("A boy was killed by an explosive device near Boni.").events[0]
    assert (e.actor1, e.actor2) == ("Unidentified Armed Group (Mali)", "Civilians (Mali)")
    e = run("Rockets were fired at the MINUSMA camp in Tessalit, no casualties reported.").events[0]
    assert e.sub_event_type == "Shelling/artillery/missile attack" and e.actor1.startswith("Unidentified Armed Group")


def test_an_approximate_date_opening_a_note_on_its_report_day_is_the_event_s_not_a_dateline():
    for opening in ("Around 27 July 2020", "On the night of 27 July 2020"):
        r = run(f"{opening}, gunmen burned a school in Pielgou (Tansarga, Tapoa).", published="2020-07-27")
        assert "27 July 2020" in [d.span.text for d in r.dates]
    r = run("Vers le 12 mai 2024, des hommes armés ont incendié l'école de Pielgou.", published="2024-05-12")
    assert "12 mai 2024" in [d.span.text for d in r.dates]


def test_seizing_a_village_s_oxen_or_herds_is_looting_not_a_place_taken():
    r = run("On 3 June 2020, Katiba Macina militants seized all the working oxen of the village of Dioura.")
    assert r.events[0].sub_event_type == "Looting/property destruction"
    r = run("On 6 November 2019, JNIM militants posted a video of themselves seizing surveillance cameras of French "
            "forces in the valley of Achamor.")
    assert all(e.sub_event_type != "Non-state actor overtakes territory" for e in r.events)


def test_soldiers_who_repelled_bandits_are_not_the_bandits_side():
    r = run("December 12, 2020 | Desk\n\nSuspected bandits attacked a boarding school in Kankara, Katsina State, on Friday night "
            "and abducted several students, police said.\n\n\"Soldiers succeeded in repelling the attack after a gun "
            "battle with the bandits, who had earlier abducted the students,\" an official said.")
    e = r.events[0]
    assert e.actor1 == "Unidentified Armed Group (Nigeria)" and "Military" not in e.assoc_actor_1


def test_a_lede_placed_only_at_its_dateline_takes_the_site_told_below():
    r = run("NIAMEY (Reuters) - Seven soldiers were killed in an attack on an army post in the country's west, the "
            "army said on Friday.\n\nThe attack took place on Thursday in the Tillaberi region, the army said.",
            "2024-03-08")
    assert [e.admin1[:8] for e in r.events] == ["Tillabér"] and r.events[0].location != "Niamey"
    french = run("NIAMEY (AFP) - Sept soldats ont été tués dans une attaque contre un poste de l'armée dans l'ouest du "
                 "pays, a annoncé l'armée vendredi.\n\nL'attaque a eu lieu jeudi dans la région de Tillabéri, selon "
                 "l'armée.", "2024-03-08")
    assert [e.admin1[:8] for e in french.events] == ["Tillabér"]


def test_the_country_across_a_border_is_no_site_and_a_toll_of_the_attack_tells_it_on():
    r = run("LOME (Reuters) - Gunmen attacked a police post in Togo's Savanes region, killing several officers, "
            "the government said on Monday.\n\nSecurity sources said four officers died in the attack on Saturday "
            "near the border with Burkina Faso.", "2024-03-11")
    assert [(e.country, e.event_date.isoformat(), e.fatalities) for e in r.events] == [("Togo", "2024-03-09", 4)]
    french = run("LOME (AFP) - Des hommes armés ont attaqué un poste de police dans la région des Savanes, tuant "
                 "plusieurs agents, a annoncé lundi le gouvernement.\n\nSelon des sources sécuritaires, quatre agents "
                 "ont été tués lors de l'attaque samedi près de la frontière avec le Burkina Faso.", "2024-03-11")
    assert [(e.country, e.fatalities) for e in french.events] == [("Togo", 4)]


def test_a_far_village_of_a_country_never_named_is_a_namesake_and_a_region_across_borders_is_the_story_s():
    r = run("YAOUNDE (Reuters) - Separatist fighters killed four gendarmes at a checkpoint in Bamenda on Sunday, "
            "sources said.\n\nThe army said troops killed three fighters on Monday in the nearby village of Bambui.",
            "2024-03-12")
    assert {e.country for e in r.events} == {"Cameroon"}
    french = run("YAOUNDE (AFP) - Des séparatistes ont tué quatre gendarmes à un poste de contrôle à Bamenda dimanche, "
                 "selon des sources.\n\nL'armée a indiqué avoir tué lundi trois combattants dans le village voisin de "
                 "Bambui.", "2024-03-12")
    assert {e.country for e in french.events} == {"Cameroon"}
    r = run("N'DJAMENA (Reuters) - Boko Haram fighters attacked an army position on an island in the Lake Chad region "
            "on Sunday, killing nine Chadian soldiers, the army said.", "2024-03-12")
    assert [e.country for e in r.events] == ["Chad"]


def test_a_speaker_s_organisation_is_no_side_and_a_group_a_bombing_is_blamed_on_is_its_author():
    r = run("MAIDUGURI, Nigeria (AP) - A suicide bomber blew himself up at a crowded market in Bama on Friday, killing "
            "at least nine traders, a resident said.\n\nModu Bukar, a leader of the Civilian Joint Task Force, said "
            "the attacker walked into the market before detonating his explosives.\n\nThe blast bore the hallmarks "
            "of Boko Haram, which has often attacked markets in the area.", "2024-03-09")
    e = r.events[0]
    assert "Joint Task Force" not in f"{e.actor1} {e.assoc_actor_1} {e.actor2} {e.assoc_actor_2}"
    assert e.actor1.startswith("Boko Haram") and (e.actor2, e.assoc_actor_2) == ("Civilians (Nigeria)", "")
    french = run("MAROUA (AFP) - Un kamikaze s'est fait exploser vendredi sur un marché de Mora, tuant au moins neuf "
                 "commerçants, a indiqué un habitant.\n\nUn chef du comité de vigilance a déclaré que l'assaillant "
                 "avait déclenché ses explosifs au milieu de la foule.", "2024-03-09")
    assert all("Vigilance" not in f"{e.actor1} {e.assoc_actor_1}" for e in french.events)


def test_tankers_set_on_fire_are_a_happening_and_the_convoy_was_attacked_tells_it_on():
    r = run("BAMAKO (AFP) - Suspected jihadists set fire to at least 20 fuel tankers travelling under army escort near "
            "Kati on Sunday, drivers said.\n\nThe convoy was attacked at dawn, according to a transport union official, "
            "who said several drivers were missing. A security source said three soldiers were killed.", "2024-03-12")
    assert [(e.event_date.isoformat(), e.event_type, e.fatalities) for e in r.events] == [
        ("2024-03-10", "Battles", 3)]
    assert "Civilians" not in r.events[0].assoc_actor_1
    french = run("BAMAKO (AFP) - Des jihadistes présumés ont incendié au moins vingt camions-citernes escortés par "
                 "l'armée près de Kati dimanche, selon des chauffeurs.\n\nLe convoi a été attaqué à l'aube, selon un "
                 "syndicaliste. Trois soldats ont été tués, selon une source sécuritaire.", "2024-03-12")
    assert [e.event_date.isoformat() for e in french.events] == ["2024-03-10"]


def test_a_separate_attack_on_the_same_day_is_another_event_not_the_lede_s_site():
    r = run("NIAMEY (Reuters) - Suspected jihadists killed 15 civilians in an attack on a village in western Niger on "
            "Sunday, the ministry said.\n\nIn a separate attack on the same day, four soldiers were killed when their "
            "patrol hit an explosive device near Ouallam, a security source said.", "2024-03-12")
    assert sorted((e.event_date.isoformat(), e.fatalities) for e in r.events) == [("2024-03-10", 4), ("2024-03-10", 15)]
    assert next(e for e in r.events if e.fatalities == 15).location != "Ouallam"
    french = run("NIAMEY (AFP) - Des jihadistes présumés ont tué quinze civils dans l'attaque d'un village de l'ouest du "
                 "Niger dimanche, a indiqué le ministère.\n\nDans une autre attaque le même jour, quatre soldats ont été "
                 "tués lorsque leur patrouille a sauté sur un engin explosif près de Ouallam, selon une source "
                 "sécuritaire.", "2024-03-12")
    assert sorted(e.fatalities for e in french.events) == [4, 15]


def test_kidnappers_freeing_captives_abduct_nobody_and_the_arrests_told_on_are_the_same_arrests():
    r = run("MAIDUGURI, Nigeria (Reuters) - Gunmen abducted at least 15 women who were fetching water near Bama on "
            "Saturday, a resident said.\n\nThe kidnappers freed two elderly women on Sunday, he said.", "2024-03-12")
    assert [e.event_date.isoformat() for e in r.events] == ["2024-03-09"]
    french = run("MAIDUGURI (AFP) - Des hommes armés ont enlevé au moins quinze femmes qui puisaient de l'eau près de "
                 "Bama samedi, selon un habitant.\n\nLes ravisseurs ont libéré deux femmes âgées dimanche, a-t-il "
                 "ajouté.", "2024-03-12")
    assert [e.event_date.isoformat() for e in french.events] == ["2024-03-09"]
    r = run("BAMAKO (Reuters) - The authorities have arrested several officers accused of plotting a coup, sources said "
            "on Monday.\n\nThe arrests took place over the weekend in Kati, the sources said.", "2024-03-12")
    assert len(r.events) == 1 and r.events[0].location == "Kati"


def test_arrests_told_without_who_made_them_are_the_state_s():
    r = run("BAMAKO (Reuters) - Several officers were detained over the weekend in Kati on suspicion of plotting a "
            "coup, security sources said on Monday.", "2024-03-12")
    assert [(e.sub_event_type, e.actor1) for e in r.events] == [("Arrests", "Police Forces of Mali (2021-)")]
    french = run("BAMAKO (AFP) - Plusieurs officiers ont été arrêtés le week-end dernier à Kati, soupçonnés de préparer "
                 "un coup d'État, ont indiqué lundi des sources sécuritaires.", "2024-03-12")
    assert [e.actor1 for e in french.events if e.sub_event_type == "Arrests"] == ["Police Forces of Mali (2021-)"]


def test_a_side_whose_weapons_are_seized_is_not_turned_into_the_attacker():
    r = run("Cameroon separatists kill four gendarmes in Bamenda\n\nYAOUNDE (Reuters) - Anglophone separatist fighters "
            "killed four gendarmes at a checkpoint in Bamenda on Sunday, military and local sources said.\n\nThe gunmen, "
            "known locally as \"Amba boys\", opened fire on the checkpoint in the Mile 4 neighbourhood before seizing the "
            "gendarmes' weapons, a security source said. A civilian passer-by was also wounded.\n\nSeparatist leader "
            "Capo Daniel said in a statement on social media that the Ambazonia Defence Forces had carried out the "
            "attack.\n\nCameroon's army said troops killed three separatist fighters in a follow-up operation on Monday "
            "in the nearby village of Bambui.", "2025-02-11")
    e = r.events[0]
    assert "Unidentified" not in e.assoc_actor_2 and "Gendarmerie" in e.actor2
