"""Place names as local news writes them: offices before a person's name, legislators' party letters,
county lists, country names used for towns, states named like their cities."""

from __future__ import annotations

from sitrep.pipeline import locate, prepare, resources
from sitrep.places.gazetteer import haversine_km
from sitrep.records import Document


def places_in(text: str) -> dict[str, object]:
    """Written name -> resolved Place (the first mention of each name)."""
    document = prepare(Document(id="t", text=text))
    mentions, _doc, _cands, _where = locate(document, resources("en"), every_name=True)
    out: dict[str, object] = {}
    for m in mentions:
        if m.resolved and m.place is not None:
            out.setdefault(m.span.text, m.place)
    return out


def near(place, lat: float, lon: float, km: float = 161.0) -> bool:
    return haversine_km(place.lat, place.lon, lat, lon) <= km


def test_an_office_inside_a_persons_name_leaves_the_town_a_place():
    text = ("Burn ban lifted after a meeting between Huntsville Fire Chief Tom Grisham and the county judge. "
            "Huntsville residents may burn again. Permits are issued at the Huntsville fire station.")
    found = places_in(text)
    assert "Huntsville" in found and found["Huntsville"].country_code == "US"


def test_a_hyphen_inside_a_word_ends_no_sentence():
    found = places_in("The bill's sponsor, Rep. Carla Moody, D-Winthrop, said the vote would come soon.")
    assert "Winthrop" in found and found["Winthrop"].country_code == "US"


def test_a_party_letter_puts_a_state_abbreviation_in_its_place():
    found = places_in("Sen. Walter Ross, D-Pa., and Rep. Dana Holt, R-Calif, asked for a hearing on the bonuses.")
    assert found["Pa."].name == "Pennsylvania"
    assert found["Calif"].name == "California"


def test_an_abbreviation_before_a_lower_case_word_is_a_state():
    found = places_in("Western Mass. farmers expect a late harvest after the cold spring.")
    assert found["Mass."].name == "Massachusetts"


def test_names_of_a_county_list_are_not_people():
    found = places_in("Hail flattened wheat fields in Harvey, Harper and Kingman counties of Kansas on Sunday.")
    assert "Harper" in found and found["Harper"].admin1_code == "KS"


def test_a_country_name_before_a_noun_of_local_life_is_a_town():
    found = places_in("A Lebanon woman was charged Friday after a crash on State Road 32 in Indiana.")
    assert found["Lebanon"].country_code == "US" and found["Lebanon"].admin1_code == "IN"
    # the country itself is still the country
    assert places_in("Aid convoys crossed into Lebanon from Syria.")["Lebanon"].is_country


def test_a_state_named_like_its_city_in_a_list_of_states_or_after_a_town():
    found = places_in("Volunteers came from Ohio, New York, Kentucky and Tennessee to rebuild the church.")
    assert found["New York"].feature_code == "ADM1"
    found = places_in("The airline, based in Yonkers, New York, will start flights in June.")
    assert found["New York"].feature_code == "ADM1"
    found = places_in("Tolls rise on the road from the New York border to Boston.")
    assert found["New York"].feature_code == "ADM1"
    # alone, the city
    assert places_in("She moved to New York after college.")["New York"].feature_class == "P"


def test_a_direction_after_a_comma_is_no_admin_area():
    found = places_in("Two men were charged after a purse-snatching in Kansas City, North, on Sunday.")
    assert found["Kansas City"].country_code == "US"


def test_a_headline_name_counts_when_the_sentences_name_it_too():
    from sitrep.geoparse import geoparse_document

    def names(text: str) -> list[str]:
        return [r["text"] for r in geoparse_document(Document(id="t", text=text))]

    headline = "Hartford Police Find Guns And Drugs In Raids. "
    assert names(headline + "Officers searched three homes in Hartford on Tuesday night.") == ["Hartford"] * 2
    # a capitalised word of a headline alone says nothing
    assert names(headline + "Officers searched three homes on Tuesday night.") == []


def test_a_saints_short_form_opens_a_dateline_and_canadian_press_abbreviations():
    found = places_in("ST. JOHN'S, N.L. - Relatives of the crew gathered on Wednesday for a prayer service.")
    assert "ST. JOHN'S" in found and found["ST. JOHN'S"].country_code == "CA"
    assert found["N.L."].name == "Newfoundland and Labrador"
    assert places_in("Two men were shot in South L.A. on Friday night.")["L.A."].name == "Los Angeles"
