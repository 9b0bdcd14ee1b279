"""A news article's layout: datelines, organisations' bases, background told beside the news (texts of our own)."""

from __future__ import annotations

from datetime import date

from sitrep.article import dateline, mark_incidental_places, tells_background
from sitrep.lexicon import get_lexicon
from sitrep.records import Document, Place, PlaceMention, Span

EN, FR = get_lexicon("en"), get_lexicon("fr")


def test_datelines_in_english_and_french():
    assert dateline("KIDAL, Mali, March 3 (Reuters) - Armed men attacked a water point north of the town on "
                    "Sunday, residents said.", EN).text == "KIDAL"
    assert dateline("Niamey (AFP) - Au moins douze soldats ont été tués dans une embuscade près de la frontière.",
                    FR).text == "Niamey"
    assert dateline("Gao, le 4 février 2024 - Des hommes armés ont attaqué un car de transport sur l'axe "
                    "Gao-Ansongo.", FR).text == "Gao"


def test_a_headline_is_no_dateline():
    assert dateline("Gunmen kill nine in central Mali – officials\nThe attack happened on Friday.", EN) is None
    assert dateline("Mali-twelve soldiers killed in an attack in the centre of the country on Sunday", EN) is None
    # a kicker before the body is the headline's; the body's own dateline is the reporter's
    assert dateline("Mali: soldiers and mercenaries accused of killing civilians in a central village\n\nBAMAKO — "
                    "Soldiers killed at least 20 civilians in a village of the Mopti region last week, residents "
                    "said.", EN).text == "BAMAKO"
    assert dateline("Mali : l'armée affirme avoir repoussé une attaque contre un camp du centre\n\nBamako (AFP) - "
                    "L'armée a affirmé vendredi avoir repoussé une attaque contre son camp de Boulkessi.",
                    FR).text == "Bamako"


def _mention(text: str, name: str, start: int) -> PlaceMention:
    place = Place(1, name, 14.0, -4.0, "P", "PPLA", "ML")
    return PlaceMention(Span(start, start + len(name), name), place)


def test_places_where_the_reporter_filed_or_an_organisation_sits_are_incidental():
    text = "BAMAKO – A Dakar-based rights group said troops killed 12 herders near Tenenkou on Friday."
    mentions = [_mention(text, "BAMAKO", 0), _mention(text, "Dakar", text.index("Dakar")),
                _mention(text, "Tenenkou", text.index("Tenenkou"))]
    marked = mark_incidental_places(text, mentions, EN)
    assert [m.qualifier for m in marked] == ["dateline", "base", ""]
    fr = "Une ONG basée à Dakar affirme que des soldats ont tué 12 éleveurs près de Ténenkou vendredi."
    marked = mark_incidental_places(fr, [_mention(fr, "Dakar", fr.index("Dakar"))], FR)
    assert marked[0].qualifier == "base"


def test_background_sentences():
    assert tells_background("The insurgency, which began in 2012, has killed thousands of civilians.", EN)
    assert tells_background("Since 2015, attacks by armed groups have displaced two million people.", EN)
    assert not tells_background("Gunmen attacked the market of Boni on Sunday, killing four traders.", EN)
    assert tells_background("Depuis 2015, les violences ont fait des milliers de morts.", FR)
    assert not tells_background("Des assaillants ont attaqué dimanche le marché de Boni.", FR)


def _extract(text: str, published: date | None = None):
    from sitrep.pipeline import extract

    return extract(Document(id="t", text=text, published=published))


ARTICLE = (
    "Gunmen kill traders at market in central Mali\n\n"
    "SEVARE, Mali (Wire) – Gunmen on motorbikes attacked the weekly market of Boni on Sunday, killing seven "
    "traders and wounding several others, a local official said on Monday.\n\n"
    "The assailants fled towards the border after the raid, the official said, adding that shops were burned.\n\n"
    "Mali has faced an insurgency since 2012, which has killed thousands of people across the Sahel.\n\n"
    "In 2019, a similar attack on the same market killed 20 people.\n")


def test_the_news_is_kept_and_history_is_background():
    result = _extract(ARTICLE, date(2024, 3, 12))
    news = [e for e in result.events if not e.background]
    assert news and news[0].event_date == date(2024, 3, 10)
    assert news[0].location != "Sévaré" and news[0].fatalities == 7
    assert all(e.event_date is None or e.event_date.year == 2024 for e in news)


def test_without_a_report_date_the_lede_stays_undated_and_no_year_is_guessed():
    result = _extract(ARTICLE)
    news = [e for e in result.events if not e.background]
    assert news, "the lede's attack is still an event"
    assert news[0].event_date is None and news[0].fatalities == 7
    assert not any(e.event_date and e.event_date.year < 2024 for e in news)


def test_a_vague_lede_takes_the_site_and_day_of_the_passage_below_it():
    text = ("Gunmen kill villagers in western Niger\n\n"
            "Eleven civilians were killed when armed men raided a village in western Niger, an official said on "
            "Sunday.\n\n"
            "The attack took place on Friday evening in the village of Gaigorou, in the Tillaberi region, where the "
            "assailants shot at residents gathered for a funeral, the official said.\n")
    news = [e for e in _extract(text, date(2021, 4, 19)).events if not e.background]
    assert len(news) == 1
    assert news[0].event_date == date(2021, 4, 16) and news[0].fatalities == 11
    assert news[0].location != "Niamey"


def test_each_village_keeps_its_own_toll():
    text = ("Raids on two villages in central Mali\n\n"
            "Gunmen on motorbikes attacked the villages of Yoro and Gangafani on Monday, residents said.\n\n"
            "Nine people were killed in Yoro, where the attackers burned granaries. Another four died in Gangafani.\n")
    news = [e for e in _extract(text, date(2019, 6, 19)).events if not e.background]
    tolls = {e.location: e.fatalities for e in news}
    assert tolls.get("Yoro") == 9
    assert sum(tolls.values()) <= 13  # no figure counted twice


def test_actors_of_an_aside_clause_are_no_party():
    text = ("Villagers killed in central Mali\n\n"
            "Unidentified gunmen attacked the village of Sobane on Sunday, killing 12 villagers, in an area where "
            "Islamist militants regularly attack army posts, the mayor said.\n")
    news = [e for e in _extract(text, date(2019, 6, 12)).events if not e.background]
    assert news and news[0].event_type == "Violence against civilians"
    assert "Islamist" not in news[0].actor1 + news[0].actor2


def test_a_bombing_a_vigilante_group_reports_is_no_mob():
    text = ("Suicide bomber kills two in Cameroon's far north\n\n"
            "Two civilians were killed on Sunday when a suicide bomber blew himself up near the market of Kolofata, "
            "an official from a local vigilante group said.\n")
    news = [e for e in _extract(text, date(2016, 8, 22)).events if not e.background]
    assert news and news[0].sub_event_type == "Suicide bomb"


def test_the_report_date_in_the_header_is_not_the_event_day():
    text = ("Monday, 12 May 2025 _ Seven soldiers were killed when gunmen ambushed a patrol near Djibo, a security "
            "source said on Sunday.\n")
    news = [e for e in _extract(text, date(2025, 5, 12)).events if not e.background]
    assert news and news[0].event_date != date(2025, 5, 12)


def test_a_day_the_first_sentence_opens_on_is_the_event_day_even_when_reported_that_day():
    # Same-day reports: "On March 3, ..." opening a note published on March 3 is the event's day, not a header.
    text = "On March 3, herders and farmers fought with machetes in Sideradougou, leaving four people wounded.\n"
    news = [e for e in _extract(text, date(2025, 3, 3)).events if not e.background]
    assert news and news[0].event_date == date(2025, 3, 3)
    assert news[0].time_precision == 1


def test_an_attacked_forward_post_is_the_state_forces():
    text = ("Attaque contre un poste avancé dans le nord du Togo\n\n"
            "Le poste avancé de Koundjoaré a été la cible d'une attaque terroriste dans la nuit de lundi à mardi, "
            "faisant huit morts parmi les soldats, a indiqué le gouvernement togolais dans un communiqué.\n")
    news = [e for e in _extract(text, date(2022, 5, 12)).events if not e.background]
    assert news and news[0].event_type == "Battles"
    assert "Military Forces of Togo" in news[0].actor1 + news[0].actor2


def test_the_attack_told_on_refines_a_region_to_the_town_it_names():
    text = ("Soldiers killed in central Mali\n\n"
            "Jihadists attacked an army post in the Mopti region on Sunday, killing four soldiers, the army said.\n\n"
            "The attack, which took place at dawn in Boni, lasted two hours before reinforcements arrived.\n")
    news = [e for e in _extract(text, date(2022, 3, 8)).events if not e.background]
    assert [e.location for e in news] == ["Boni"]
    assert news[0].geo_precision == 1


def test_a_local_government_area_names_its_town():
    text = ("Insurgents stormed a village in Gwoza Local Government Area of Borno State on Friday, killing five "
            "farmers, residents said.\n")
    news = [e for e in _extract(text, date(2021, 5, 3)).events if not e.background]
    assert news and news[0].location == "Gwoza"


def test_setting_upon_a_village_is_an_attack_in_french():
    from sitrep.events.cues import find_cues

    hits = find_cues("Des hommes armés s'en sont pris, mardi, au village de Kéra.", lex=FR)
    assert "attack" in {h.cue for h in hits}
    assert "attack" not in {h.cue for h in find_cues("Le ministre a pris la parole mardi à Kéra.", lex=FR)}


def test_a_country_far_from_the_story_is_no_site():
    # 'Russia's Wagner Group' in the lede names no site: the office's country does ('The President of Niger')
    text = ("Soldiers seize power in Niger\n\n"
            "The President of Niger was overthrown on Wednesday by his own guard, as the country faces growing "
            "threats from jihadist groups and the influence of Russia's Wagner Group.\n\n"
            "The soldiers said a curfew would be imposed until further notice.\n\n"
            "Shops stayed open in Niamey on Thursday.\n")
    news = [e for e in _extract(text, date(2023, 7, 27)).events if not e.background]
    assert news and all(e.country == "Niger" for e in news)


def test_a_day_told_later_narrows_the_week_told_first():
    text = ("Rangers killed in Niger park\n\n"
            "Six rangers were killed this week in a national park in Niger's far west, the government said on "
            "Friday.\n\n"
            "Their patrol hit an explosive device on Tuesday, killing the six men, it said.\n")
    news = [e for e in _extract(text, date(2022, 2, 11)).events if not e.background]
    assert news[0].event_date == date(2022, 2, 8) and news[0].time_precision == 1


def test_a_part_of_a_country_is_its_region_that_way():
    text = ("Four soldiers were killed on Monday when their convoy hit a mine in Benin's remote north, the army "
            "said.\n")
    news = [e for e in _extract(text, date(2022, 2, 9)).events if not e.background]
    assert news and news[0].country == "Benin" and news[0].geo_precision == 3
    assert news[0].latitude > 10.0  # the north, not Porto-Novo on the coast (6.5)


def test_the_date_in_a_dateline_is_the_report_s_not_the_event_s():
    text = ("Soldiers killed as fighters storm army post\n\n"
            "Key points\n* Nine soldiers killed in an attack on an army post\n* The post lies in the west of the "
            "country\n* The ministry gave the toll in a statement\n\n"
            "NIAMEY, 14 May 2025 - Nine soldiers were killed on Monday when armed men attacked an army post near "
            "Ouallam, the defence ministry said.\n")
    news = [e for e in _extract(text).events if not e.background]
    assert news and news[0].event_date == date(2025, 5, 12)  # the Monday before the dateline's Wednesday


def test_the_country_across_the_border_is_no_site():
    text = ("Gunmen attacked a gendarmerie post near the border with Mali on Sunday, killing two gendarmes, "
            "officials in Niger said on Monday.\n")
    news = [e for e in _extract(text, date(2025, 5, 12)).events if not e.background]
    assert news and news[0].country == "Niger"
    fr = _extract("Des hommes armés ont attaqué un poste de gendarmerie près de la frontière avec le Mali, dans "
                  "la région de Tillabéri, dimanche.\n", date(2025, 5, 12))
    assert fr.events and fr.events[0].country == "Niger" and fr.events[0].admin1.startswith("Tillab")


def test_an_attack_nobody_claimed_is_not_given_to_the_groups_active_there():
    text = ("Gunmen attacked an army post near Djibo on Sunday, killing four soldiers. The attack has not been "
            "claimed, but JNIM is active in the area.")
    event = _extract(text, date(2025, 5, 12)).events[0]
    assert event.actor1.startswith("Unidentified")
    claimed = _extract("Gunmen attacked an army post near Djibo on Sunday, killing four soldiers. JNIM claimed "
                       "the attack.", date(2025, 5, 12)).events[0]
    assert claimed.actor1.startswith("JNIM")
    fr = _extract("Des hommes armés ont attaqué un poste de l'armée près de Djibo dimanche, tuant quatre soldats. "
                  "L'attaque n'a pas été revendiquée, mais le JNIM est actif dans la zone.", date(2025, 5, 12))
    assert fr.events[0].actor1.startswith("Unidentified")


def test_a_ground_fight_backed_by_aircraft_is_a_battle():
    text = ("Fighters attacked an army post at Tinzawaten on Tuesday, killing 17 soldiers. The army said 60 "
            "assailants were killed in the counter-offensive, which was backed by air support.")
    event = _extract(text, date(2025, 5, 14)).events[0]
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.fatalities == 77
