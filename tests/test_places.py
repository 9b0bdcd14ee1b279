"""The place index, recognition and resolution (worldwide names, Sahel notes with admin hints)."""

from __future__ import annotations

from collections import Counter

import pytest

from sitrep.pipeline import locate, prepare, resources
from sitrep.places import sources
from sitrep.places.gazetteer import get_gazetteer, haversine_km
from sitrep.places.hints import match_admin_hint
from sitrep.places.lexicon import abbreviations, demonyms, target_place
from sitrep.places.names import name_key, strip_admin_words
from sitrep.records import Document


def places_in(text: str, every_name: bool = True) -> list[tuple[str, object]]:
    """(written name, resolved Place) of each mention in `text`."""
    document = prepare(Document(id="t", text=text))
    mentions, _doc, _cands, _where = locate(document, resources("en"), every_name=every_name)
    return [(m.span.text, m.place) for m in mentions if m.resolved and m.place is not None]


def place_of(text: str, name: str):
    found = [p for written, p in places_in(text) if written == name]
    assert found, f"{name!r} not found in {text!r}: {places_in(text)}"
    return found[0]


def near(place, lat: float, lon: float, km: float = 161.0) -> bool:
    return haversine_km(place.lat, place.lon, lat, lon) <= km


# ---------------------------------------------------------------------------------------------- the index

def test_index_holds_admin_areas_counties_countries_and_continents():
    g = get_gazetteer()
    texas = [p for p in g.lookup("Texas") if p.feature_code == "ADM1" and p.country_code == "US"]
    assert texas and texas[0].admin1_code == "TX"
    cook = [p for p in g.lookup("Cook County") if p.admin1_code == "IL"]
    assert cook and cook[0].feature_code == "ADM2" and near(cook[0], 41.84, -87.82, 60)
    assert near(g.country("ML"), 18.0, -2.0, 50)  # GeoNames' country point, not the capital
    assert near(g.country("US"), 39.76, -98.5, 50)
    assert any(p.feature_code == "CONT" for p in g.lookup("Africa"))
    assert any(p.feature_code == "ADM1" and p.country_code == "IN" for p in g.lookup("Tamil Nadu"))


def test_index_opens_fast():
    import time

    from sitrep.places.gazetteer import Gazetteer

    started = time.perf_counter()
    g = Gazetteer(get_gazetteer().path)
    assert g.lookup("Nairobi")
    assert time.perf_counter() - started < 1.0


def test_iso_english_names_skip_nicknames():
    names = sources._english_names("Moscow (eng), Подмосковье (rus), The Yellowhammer State (eng), Land of "
                                   "Temples (eng), Côte-Nord (fra)")
    assert names == ["Moscow", "Côte-Nord"]


def test_word_lists_name_real_places():
    g = get_gazetteer()
    missing = [form for form, target in demonyms().items() if target_place(g, target) is None]
    assert not missing, missing
    missing = [abbr for abbr, (target, _ctx) in abbreviations().items() if target_place(g, target) is None]
    assert not missing, missing
    assert target_place(g, demonyms()[name_key("Sri Lankan")]).country_code == "LK"
    assert target_place(g, abbreviations()["W.Va."][0]).name.startswith("West Virginia")


# ---------------------------------------------------------------------------------------------- recognition

def test_demonyms_are_places_of_their_country():
    found = dict(places_in("Russian troops and Palestinian officials met Israeli envoys."))
    assert found["Russian"].country_code == "RU" and found["Russian"].is_country
    assert found["Palestinian"].country_code == "PS"
    assert found["Israeli"].country_code == "IL"


def test_people_are_not_places():
    found = [w for w, _ in places_in("Michael Jordan scored 30 points. Jordan said he was tired. "
                                     "Gov. Perry spoke to Mr. Lincoln in Austin.")]
    assert "Jordan" not in found and "Lincoln" not in found and "Perry" not in found
    assert "Austin" in found


def test_capitalised_common_words_at_sentence_start_are_not_places():
    found = [w for w, _ in places_in("Harvest and other materiel were set ablaze. Human rights groups "
                                     "protested in Bamako.")]
    assert found == ["Bamako"]


def test_us_abbreviations_after_a_comma():
    found = dict(places_in("He moved from Springfield, Ill., to Charleston, W.Va., last year."))
    assert found["Ill."].name == "Illinois"
    assert near(found["Springfield"], 39.80, -89.64)
    assert near(found["Charleston"], 38.35, -81.63)


def test_place_names_inside_other_names_keep_their_role():
    document = prepare(Document(id="t", text="The Washington Post reported that Toronto police arrested a "
                                             "man near the Kayes Labour Exchange."))
    mentions, _doc, cands, _where = locate(document, resources("en"), every_name=True)
    roles = {c.span.text: c.role for c in cands}
    assert roles["Washington"] == "embedded"
    assert roles["Kayes"] == "site"
    # events only see places and sites
    event_places = [w for w, _ in places_in(document.text, every_name=False)]
    assert "Washington" not in event_places and "Kayes" in event_places


# ---------------------------------------------------------------------------------------------- resolution

def test_country_names_resolve_to_the_country():
    assert place_of("Protests spread across Mexico and Georgia's capital Tbilisi.", "Mexico").is_country
    assert place_of("Protests spread across Mexico and Georgia's capital Tbilisi.", "Georgia").country_code == "GE"


def test_same_name_places_follow_the_document():
    paris = place_of("The Lamar County sheriff said the Paris man was arrested in Texas.", "Paris")
    assert paris.country_code == "US" and paris.admin1_code == "TX"
    assert place_of("Talks resumed in Paris and Berlin on Monday.", "Paris").country_code == "FR"
    georgia = place_of("Officials in Atlanta said Georgia and Alabama expect storms.", "Georgia")
    assert georgia.country_code == "US" and georgia.feature_code == "ADM1"


def test_explicit_qualifier_picks_the_place():
    paris = place_of("She grew up in Paris, Texas, before moving abroad.", "Paris")
    assert paris.country_code == "US" and near(paris, 33.66, -95.56)


def test_capital_before_same_named_state():
    assert near(place_of("Officials in Washington said the talks failed.", "Washington"), 38.9, -77.04)


def test_strip_admin_words():
    assert strip_admin_words("Province de la Kossi") == "kossi"
    assert strip_admin_words("Mopti Region") == "mopti"
    assert strip_admin_words("Cercle of Nara") == "nara"


# ---------------------------------------------------------------------------------------------- Sahel notes

@pytest.fixture()
def sahel(shared):
    """The GeoNames extracts are imported by conftest when ../shared is there."""
    if "ML" not in get_gazetteer().imported_countries():
        pytest.skip("GeoNames extracts not imported")
    return get_gazetteer()


def test_admin_hint_picks_the_village_in_that_cercle(sahel):
    hint = match_admin_hint(sahel, ["Douentza", "Mopti"], Counter())
    assert hint is not None and hint.cc == "ML" and hint.admin2
    found = dict(places_in("On 1 January 2020, militants clashed in Godoware (Douentza, Mopti), killing two.",
                           every_name=False))
    assert found["Godoware"].country_code == "ML" and found["Godoware"].admin1 == "Mopti"


def test_unknown_village_falls_back_to_its_area(sahel):
    document = prepare(Document(id="t", text="Gunmen attacked the village of Zzyqoutala (Bankass, Mopti)."))
    mentions, _doc, _c, _where = locate(document, resources("en"))
    mention = next(m for m in mentions if m.span.text == "Zzyqoutala")
    assert mention.resolved and mention.geo_precision >= 2 and mention.place.admin1 == "Mopti"


def test_town_before_its_region_and_region_at_its_seat(sahel):
    assert place_of("An IED exploded in Kidal without causing casualties.", "Kidal").feature_class == "P"
    document = prepare(Document(id="t", text="French forces conducted an operation in the Mopti Region."))
    mentions, _doc, _c, _where = locate(document, resources("en"))
    region = mentions[0]
    assert region.geo_precision == 3 and region.place.name == "Mopti" and region.place.feature_class == "P"


def test_actor_areas_pull_small_places_home(sahel):
    found = dict(places_in("Koglweogo members killed two men in the village of Wondo after JNIM militants "
                           "attacked the village of Kain.", every_name=False))
    assert found["Kain"].country_code == "BF"


def test_between_two_places_is_near_the_first(sahel):
    document = prepare(Document(id="t", text="Militants abducted an official between Deou and Oursi."))
    mentions, _doc, _c, _where = locate(document, resources("en"))
    assert [m.geo_precision for m in mentions] == [2, 2]


def test_villages_of_a_new_region_are_reported_in_it(sahel):
    from sitrep.places.hints import reformed

    akabar = next(p for p in sahel.lookup("Akabar") if p.country_code == "ML")
    assert reformed(akabar, sahel).admin1 == "Ménaka"
    gao = next(p for p in sahel.lookup("Gao") if p.feature_code == "PPLA")
    assert reformed(gao, sahel).admin1 == "Gao"


def test_admin_hint_with_a_province_and_a_department(sahel):
    found = dict(places_in("Gunmen attacked the village of Zzyqoubougou (Diapaga, Tapoa).", every_name=False))
    assert found["Zzyqoubougou"].country_code == "BF" and found["Zzyqoubougou"].admin1 == "Est"


def test_admin_hint_spelled_another_way(sahel):
    # GeoNames writes the province 'Komandjoari'; reports write 'Komondjari'.
    found = dict(places_in("Gunmen attacked the village of Zzyqoudouga (Foutouri, Komondjari).", every_name=False))
    assert found["Zzyqoudouga"].country_code == "BF" and found["Zzyqoudouga"].admin1 == "Est"


def test_institutions_are_not_small_towns_abroad(sahel):
    found = dict(places_in("Gunmen seized a vehicle in front of the Red Cross office in Bourem.", every_name=False))
    assert "Red Cross" not in found and found["Bourem"].country_code == "ML"


def test_a_place_in_the_main_country_locates_the_event(sahel):
    from sitrep.pipeline import extract

    # Kandi is a town of Benin as well as a camp's name: MINUSMA and Kidal say the event is in Mali.
    text = "On 2 March 2021, militants fired rockets at the MINUSMA camp Kandi in Kidal, wounding a peacekeeper."
    event = extract(prepare(Document(id="t", text=text))).events[0]
    assert event.country == "Mali" and event.location == "Kidal"


def test_the_place_an_office_is_of_locates_an_event_naming_no_other(sahel):
    from sitrep.pipeline import extract

    text = "On 20 March 2021, the Youth Movement of Pouytenga formed an armed self-defence militia."
    event = extract(prepare(Document(id="t", text=text))).events[0]
    assert event.location == "Pouytenga" and event.geo_precision == 2
    text = "On 4 May 2021, reporters of the Washington Post said gunmen killed two herders near Dori."
    assert extract(prepare(Document(id="t", text=text))).events[0].location == "Dori"


def test_a_place_that_only_qualifies_an_organisations_name_is_no_event_place(sahel):
    from sitrep.pipeline import extract
    from sitrep.places.wording import _name_goes_on

    # 'Kaya' names the traders, not what the union is of
    text = "On 6 May 2021, members of the Union of Kaya Traders held a sit-in at the office of the governor."
    assert extract(prepare(Document(id="t", text=text))).events[0].location != "Kaya"
    assert _name_goes_on(" and Mining Affairs held talks") and _name_goes_on(" Traders held")
    assert not _name_goes_on(" Region held talks") and not _name_goes_on(" and the mayor") \
        and not _name_goes_on(", said")


def test_a_nation_is_the_place_of_a_text_naming_no_other(sahel):
    from sitrep.pipeline import extract

    text = "On 6 May 2021, Burkinabe nurses held a sit-in to demand the payment of their bonuses."
    event = extract(prepare(Document(id="t", text=text))).events[0]
    assert event.country == "Burkina Faso" and event.location == "Ouagadougou" and event.geo_precision == 3
    text = "On 6 May 2021, Burkinabe nurses held a sit-in in Koudougou to demand the payment of their bonuses."
    assert extract(prepare(Document(id="t", text=text))).events[0].location == "Koudougou"


def test_one_letter_off_in_a_long_village_name(sahel):
    # GeoNames writes 'Moussakui'; with Katiba Macina's areas (Mali and Boucle du Mouhoun) it is found.
    found = dict(places_in("On 13 February 2020, Katiba Macina militants attacked a school in the village of "
                           "Moussakuy.", every_name=False))
    assert found["Moussakuy"].country_code == "BF"


def test_a_building_abroad_and_a_sentence_opening_adjective_are_not_the_place(sahel):
    from sitrep.pipeline import extract

    text = ("On 3 May 2021, students of the University of Koudougou and the Ecole Normale Superieure marched to "
            "demand the resumption of classes.")
    assert extract(prepare(Document(id="t", text=text))).events[0].location == "Koudougou"
    text = "Communal violence between farmers and herders in Garkere left one dead on 3 May 2021."
    assert extract(prepare(Document(id="t", text=text))).events[0].country == "Burkina Faso"


def test_short_words_are_only_places_of_their_own_name(sahel):
    found = dict(places_in("On 16 October 2020, gunmen armed with AKs attacked the village of Bih near Gao."))
    assert "AKs" not in found  # an airport code of Auki, Solomon Islands
    assert "Bih" not in found or found["Bih"].country_code != "BA"  # 'BiH' is Bosnia's short form
    assert found["Gao"].country_code == "ML"


def test_places_joined_by_and_or_followed_by_a_weekday_stay_places(sahel):
    # spaCy may read 'Nantaka and Kotaka' as one organisation, and 'Bamako Saturday' as one name
    text = ("Unknown gunmen ambushed a lorry between Nantaka and Kotaka (Mopti, Mopti). Traders marched "
            "in the capital Bamako Saturday.")
    event_places = [w for w, _ in places_in(text, every_name=False)]
    assert {"Nantaka", "Kotaka", "Bamako"} <= set(event_places)


def test_where_people_come_from_or_hold_office_is_an_origin(sahel):
    document = prepare(Document(id="t", text="Gunmen abducted the mayor of Boni and a teacher from Hombori near Douentza."))
    mentions, _doc, _c, _where = locate(document, resources("en"))
    qualifiers = {m.span.text: m.qualifier for m in mentions}
    assert qualifiers["Boni"] == "origin" and qualifiers["Hombori"] == "origin"
    assert qualifiers["Douentza"] == "near"


def test_unknown_spellings_after_a_locative_find_villages_and_camps(sahel):
    # 'Sitakounnadi' for GeoNames' Sitakounadi (a village); 'Karaygouro' for Karaygourou (filed as a camp)
    found = dict(places_in("Gunmen killed two herders in Sitakounnadi on Monday.", every_name=False))
    assert found["Sitakounnadi"].name == "Sitakounadi"
    found = dict(places_in("Militants burned shops in the village of Karaygouro.", every_name=False))
    assert found["Karaygouro"].name == "Karaygourou"
    assert not places_in("The attack in March was claimed by the group.", every_name=False)


def test_doubled_letters_are_a_spelling_variant(sahel):
    # 'Kellbou' for GeoNames' Kelbo (Burkina Faso): too far apart letter by letter, one name once the doubled
    # 'l' is made single
    found = dict(places_in("Burkina Faso: gunmen killed two herders in Kellbou village on Monday.", every_name=False))
    assert found["Kellbou"].name.startswith(("Kelbo", "Kèlbo")) and found["Kellbou"].country_code == "BF"


def test_the_closest_spelling_wins_among_variants():
    from sitrep.places.resolve import _name_priors
    from sitrep.records import Place

    def village(name: str) -> Place:
        return Place(geonameid=hash(name), name=name, lat=14.0, lon=-3.0, feature_class="P", feature_code="PPL",
                     country_code="ML")

    options = [village("Toundarou"), village("Pondarou")]
    priors = [0.0, 0.0]
    _name_priors(options, priors, name_key("Poundarou"))
    assert priors[1] > priors[0]


def test_an_area_after_a_comma_qualifies_the_place_before_it(sahel):
    document = prepare(Document(id="t", text="Gunmen ambushed a patrol near Zzyqoutala, Mopti, wounding two."))
    mentions, _doc, _c, _where = locate(document, resources("en"))
    assert [m.span.text for m in mentions] == ["Zzyqoutala"]  # 'Mopti' only says where it is
    assert mentions[0].place.admin1 == "Mopti" and mentions[0].geo_precision >= 2
    # a list goes on: every name is a place
    listed = [w for w, _ in places_in("Protests were held in Gao, Mopti and Kidal.", every_name=False)]
    assert listed == ["Gao", "Mopti", "Kidal"]
    # a country after a comma is not an admin hint ('Mali' is also a prefecture of Guinea)
    gao = place_of("Gunmen killed three traders at the market in Gao, Mali, on Monday.", "Gao")
    assert gao.country_code == "ML"


def test_unknown_spellings_between_two_places_or_coded_as_are_candidates(sahel):
    found = dict(places_in("A bus hit a mine between Sitakounnadi and Zzyqoutala (coded as Sitakounnadi).",
                           every_name=False))
    assert found["Sitakounnadi"].name == "Sitakounadi"


def test_an_admin_area_is_indexed_under_its_bare_name_too(tmp_path):
    from sitrep.places.rows import connect_rw, insert_place

    conn = connect_rw(tmp_path / "index.sqlite")
    insert_place(conn, 1, "Préfecture de Tandjouaré", 10.6, 0.2, "A", "ADM2", "TG", "05", "01", 0, "test", [])
    insert_place(conn, 2, "Cercle de Tombo", 14.0, -3.0, "P", "PPL", "ML", "07", "", 0, "test", [])
    keys = {key for key, gid in conn.execute("SELECT key, geonameid FROM names")}
    assert {"prefecture de tandjouare", "tandjouare"} <= keys
    assert "tombo" not in keys  # a town keeps its whole name: only admin areas lose their admin word


def test_a_country_heading_in_capitals_is_the_country_and_so_is_the_name_below():
    text = ("CHAD Three soldiers killed by a mine\n\nThree soldiers in Chad died on Sunday when their truck hit a "
            "mine near the lake, the army said.")
    assert all(p.is_country and p.country_code == "TD" for written, p in places_in(text) if written.lower() == "chad")
    text = ("MALI Two peacekeepers killed by a mine\n\nTwo UN peacekeepers in Mali died on Sunday when their convoy "
            "hit a mine in the centre of the country.")
    found = [p for written, p in places_in(text) if written.lower() == "mali"]
    assert found and all(p.is_country and p.country_code == "ML" for p in found)
