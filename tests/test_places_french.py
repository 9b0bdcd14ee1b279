"""Places in French reports: the wording around a name read from the French lexicon (fr/places.yaml), and
English read as before with its own. Sentences written for these tests."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sitrep.lexicon import get_lexicon
from sitrep.pipeline import locate, prepare, resources
from sitrep.places.candidate import PlaceCandidate
from sitrep.places.gazetteer import get_gazetteer, haversine_km
from sitrep.places.names import name_key
from sitrep.places.recognize import find_candidates
from sitrep.places.resolve import containers
from sitrep.places.wording import named_of
from sitrep.places.wordlists import common_word, pattern
from sitrep.records import Document, Span

FR, EN = get_lexicon("fr"), get_lexicon("en")


@pytest.fixture(scope="module")
def sahel(shared):
    """Villages of Mali and Burkina Faso need the GeoNames extracts conftest imports from ../shared."""
    if "ML" not in get_gazetteer().imported_countries():
        pytest.skip("GeoNames extracts not imported")
    return get_gazetteer()


def read(text: str, language: str = "fr", every_name: bool = True) -> list[tuple[object, object]]:
    """(mention, candidate) pairs of `text` read with the language's resources."""
    document = prepare(Document(id="t", text=text))
    mentions, _doc, candidates, _where = locate(document, resources(language), every_name=every_name)
    return list(zip(mentions, candidates, strict=True))


def mention(text: str, name: str, language: str = "fr"):
    found = [m for m, _c in read(text, language) if m.span.text == name]
    assert found, f"{name!r} not read in {text!r}: {[m.span.text for m, _c in read(text, language)]}"
    return found[0]


def candidates(text: str, lex=FR) -> list:
    res = resources(lex.language)
    return find_candidates(text, res.nlp(text), res.gazetteer, [], {}, frozenset(), lex=lex)


# ---------------------------------------------------------------------------------------------- the slots of a name

@pytest.mark.parametrize("phrase", ["la commune de", "le cercle de", "la localité de", "le village de",
                                    "le hameau de", "la région de", "la province de", "le département de",
                                    "la préfecture de", "les villages peuls de"])
def test_a_name_after_a_french_kind_of_place_is_a_place_name_even_unknown(phrase):
    name = "Zinkoulbéré"
    assert not get_gazetteer().has_key(name_key(name))
    found = candidates(f"Des hommes armés ont attaqué {phrase} {name} dans la nuit de lundi.")
    assert [c.span.text for c in found if c.kind == "pattern"] == [name]


def test_an_unknown_name_after_a_or_pres_de_is_a_place_name():
    found = candidates("Trois civils ont été tués à Zinkoulbéré et deux autres près de Taganabouré.")
    assert {c.span.text for c in found if c.kind == "pattern"} == {"Zinkoulbéré", "Taganabouré"}
    # a capitalised common word after 'à' is no village
    assert not [c for c in candidates("Ils ont rendu hommage à Dieu.") if c.kind == "pattern"]


def test_the_kind_of_area_before_a_name_makes_it_the_area(sahel):
    assert mention("Des soldats ont été tués dans la région de Mopti.", "Mopti").place.feature_code == "ADM1"
    assert mention("Des soldats ont été tués à Mopti.", "Mopti").place.feature_code.startswith("PPL")


# ---------------------------------------------------------------------------------------------- near, far, towards

def test_kilometres_and_a_direction_from_a_town(sahel):
    m = mention("L'attaque a eu lieu à 30 km au nord de Djibo, selon une source sécuritaire.", "Djibo")
    assert m.qualifier == "distance" and m.geo_precision == 2
    djibo = [p for p in sahel.lookup("Djibo") if p.feature_code == "PPLA2"][0]
    assert 25 < haversine_km(m.place.lat, m.place.lon, djibo.lat, djibo.lon) < 35 and m.place.lat > djibo.lat


def test_a_vague_distance_is_near_the_town(sahel):
    for text in ("Un camion a sauté sur une mine à une trentaine de kilomètres de Djibo.",
                 "Un camion a sauté sur une mine à quelques kilomètres de Djibo."):
        m = mention(text, "Djibo")
        assert m.geo_precision == 2 and m.qualifier in ("distance", "near")
    candidate = [c for c in candidates("Un camion a sauté à une vingtaine de kilomètres de Djibo.")
                 if c.span.text == "Djibo"][0]
    assert candidate.distance_km == 20


@pytest.mark.parametrize("phrase", ["près de", "non loin de", "aux environs de", "dans les environs de",
                                    "à proximité de", "dans la zone de"])
def test_near_a_town(sahel, phrase):
    m = mention(f"Des coups de feu ont été entendus {phrase} Tessit mardi soir.", "Tessit")
    assert m.qualifier == "near" and m.geo_precision == 2


def test_north_of_a_town_and_the_north_of_a_country(sahel):
    m = mention("Une patrouille a été prise pour cible au nord-est de Douentza.", "Douentza")
    assert m.qualifier == "direction" and m.geo_precision == 2
    c = [c for c in candidates("Une patrouille a été prise pour cible au nord-est de Douentza.")
         if c.span.text == "Douentza"][0]
    assert c.direction == "northeast"
    m = mention("Les attaques se multiplient dans le sud du Niger depuis janvier.", "Niger")
    assert m.place.is_country and m.geo_precision == 3 and m.qualifier == "south part"


def test_a_compass_word_joined_to_a_name_is_no_place():
    # 'Nord' is also a region of Cameroon and of Burkina Faso
    found = candidates("Des frappes ont visé le Nord du Niger et l'Est du Tchad, a indiqué l'armée.")
    assert not [c for c in found if c.span.text in ("Nord", "Est")]
    niger = [c for c in found if c.span.text == "Niger"][0]
    assert niger.direction == "north" and niger.role == "place"


def test_between_two_towns_and_on_the_road_joining_them(sahel):
    for text, first, second in (("Des combats ont éclaté entre Boni et Hombori jeudi.", "Boni", "Hombori"),
                                ("Une embuscade sur l'axe Gao-Ansongo a fait trois morts.", "Gao", "Ansongo"),
                                ("Un convoi a été attaqué sur l'axe Boni-Hombori.", "Boni", "Hombori")):
        a, b = mention(text, first), mention(text, second)
        assert (a.qualifier, b.qualifier) == ("near", "near"), text
        assert a.geo_precision == b.geo_precision == 2


def test_where_people_went_or_came_from_is_not_where_it_happened(sahel):
    text = ("Les assaillants venus de Hombori se sont repliés en direction de Douentza; les blessés ont été "
            "évacués vers Mopti et un suspect originaire de Kidal a été arrêté à Boni.")
    read_ = {m.span.text: m for m, _c in read(text)}
    assert {n: read_[n].qualifier for n in ("Hombori", "Douentza", "Mopti", "Kidal")} == dict.fromkeys(
        ("Hombori", "Douentza", "Mopti", "Kidal"), "origin")
    assert read_["Boni"].qualifier == ""


def test_the_place_an_office_is_of_is_an_origin_and_lists_go_on(sahel):
    read_ = {m.span.text: m for m, _c in read("Selon le maire de la commune de Boni, des renforts venus de "
                                             "Hombori et Douentza sont arrivés.")}
    assert read_["Boni"].qualifier == read_["Hombori"].qualifier == read_["Douentza"].qualifier == "origin"


def test_the_same_words_in_english_are_not_read_as_french(sahel):
    text = "The attack took place près de Tessit, according to officials."
    assert mention(text, "Tessit", "en").qualifier == ""
    assert mention(text, "Tessit", "fr").qualifier == "near"


# ---------------------------------------------------------------------------------------------- brackets, commas

def test_a_bracket_of_french_admin_areas_qualifies_the_name(sahel):
    found = candidates("Le village de Kolo (cercle de Douentza, région de Mopti) a été attaqué.")
    kolo = [c for c in found if c.span.text == "Kolo"][0]
    assert kolo.admin_hint == ["Douentza", "Mopti"]
    assert {c.span.text: c.role for c in found}["Mopti"] == "qualifier"


def test_a_region_after_a_comma_qualifies_the_name(sahel):
    found = candidates("Des bandits ont enlevé trois femmes à Madarounfa, région de Maradi, samedi.")
    roles = {c.span.text: (c.role, c.admin_hint) for c in found}
    assert roles["Madarounfa"] == ("place", ["Maradi"]) and roles["Maradi"][0] == "qualifier"


def test_a_town_in_the_area_named_after_it():
    chad = get_gazetteer().country("TD")
    cands = [PlaceCandidate(Span(0, 4, "Boma"), [chad]) for _ in range(5)]
    gaps = [", au ", ", dans la province du ", " dans le ", " et "]
    assert containers(cands, gaps, FR) == {0: 1, 1: 2, 2: 3}
    assert containers(cands, gaps, EN) == {}


# ---------------------------------------------------------------------------------------------- names French writes

def test_french_demonyms_in_either_case(sahel):
    found = {c.span.text: c for c in candidates("Les Burkinabè et l'armée malienne ont reçu des renforts.")}
    assert found["Burkinabè"].places[0].country_code == "BF"
    assert found["malienne"].kind == "demonym" and found["malienne"].places[0].country_code == "ML"
    # English demonyms stay capitalised only
    assert not [c for c in candidates("The malian army said", EN) if c.kind == "demonym"]


def test_french_names_of_countries_and_regions():
    places = {m.span.text: m.place for m, _c in read(
        "Le ministre s'est rendu en Libye, au Soudan et aux États-Unis, puis en Afrique de l'Ouest.")}
    assert places["Libye"].country_code == "LY" and places["Soudan"].country_code == "SD"
    assert places["États-Unis"].country_code == "US"
    assert places["Afrique de l'Ouest"].name == "West Africa"


def test_a_direction_after_the_name():
    cand = [c for c in candidates("Le Cameroun de l'Ouest est touché par la crise.") if c.span.text == "Cameroun"]
    assert cand and cand[0].direction == "west"
    assert not [c for c in candidates("Le Cameroun de l'Ouest est touché.") if c.span.text == "Ouest"]


def test_the_french_name_of_a_town_filed_under_its_region(sahel):
    place = mention("Des tirs d'obus ont visé le camp de Tombouctou dimanche.", "Tombouctou").place
    assert place.feature_class == "P" and place.country_code == "ML"


def test_a_quarter_of_a_town_and_the_town(sahel):
    found = {c.span.text: c.role for c in candidates("Des pneus ont été brûlés au quartier Gounghin de "
                                                     "Ouagadougou.")}
    assert found["Gounghin"] == "part" and found["Ouagadougou"] == "place"


def test_a_quarter_named_alone_is_the_quarter_not_a_village(sahel):
    place = mention("Des tirs ont été entendus au quartier Gounghin dans la soirée.", "Gounghin").place
    assert place.feature_code == "PPLX"


def test_a_town_named_inside_an_office(sahel):
    text = "Le Grand Imam de Djibo a condamné l'attaque."
    djibo = [c for c in candidates(text) if c.span.text == "Djibo"][0]
    assert djibo.role == "embedded" and named_of(text, djibo, FR) and not named_of(text, djibo, EN)


def test_facilities_written_kind_first(sahel):
    found = {c.span.text: c for c in candidates("Un obus est tombé sur l'aéroport de Gao. À Bamako, l'hôtel "
                                                "Radisson a été attaqué.")}
    assert found["aéroport de Gao"].kind == "facility" and found["aéroport de Gao"].places
    assert found["hôtel Radisson"].kind == "facility"
    # 'Avenue du Niger' names a street (kind first in French), not the country
    assert not [c for c in candidates("Ils ont défilé sur l'Avenue du Niger à Bamako.")
                if c.span.text == "Niger" and c.kind == "name"]


def test_elided_articles_and_french_common_words_are_no_names():
    assert not [c for c in candidates("L'ONG a publié un rapport. L'Etat a réagi.") if c.places]
    assert common_word("mosquee", FR) and not common_word("mosquee", EN)
    assert not common_word("bamako", FR)


# ---------------------------------------------------------------------------------------------- people, lists, names

def test_a_name_after_a_french_rank_or_office_is_a_person(sahel):
    assert "Kaya" not in {c.span.text for c in candidates("Le colonel Kaya a rencontré M. Djibo hier.")}
    # the same surname after 'à' is the town, even once it was a person's
    found = [c for c in candidates("Moussa Kaya est arrivé à Kaya samedi.") if c.span.text == "Kaya"]
    assert [c.span.start for c in found] == [25]


def test_a_whole_persons_name_that_is_also_a_village(sahel):
    assert sahel.has_key(name_key("Ousmane Diallo"))  # a village of Côte d'Ivoire
    found = candidates("« La répression a été brutale », a expliqué Ousmane Diallo, chercheur à Dakar.")
    assert "Ousmane Diallo" not in {c.span.text for c in found if c.places}


def test_a_name_with_lower_case_connectors(sahel):
    assert mention("Des hommes armés ont attaqué Ras el Ma dimanche.", "Ras el Ma").place.country_code == "ML"
    found = [c for c in candidates("Des hommes armés ont attaqué Ras el Ma dimanche.") if c.kind == "name"]
    assert [c.span.text for c in found] == ["Ras el Ma"]


def test_a_capitalised_title_or_a_weekday_next_to_a_name():
    assert "Kaya" not in {c.span.text for c in candidates("Le Sultan Kaya a reçu les notables.")}
    roles = {c.span.text: c.role for c in candidates("Les FAMa sont entrées dans Gao Samedi, selon l'armée.")}
    assert roles["Gao"] == "place"
    # a direction adjective is no name of its own (spaCy's own entities aside)
    assert not [c for c in candidates("Le bloc Occidental soutient la transition.") if c.kind == "name"]


def test_an_unknown_name_before_a_bracket_of_french_admin_areas():
    found = candidates("Zinkoulbéré (cercle de Douentza) a été attaqué par des hommes armés.")
    assert [c.span.text for c in found if c.kind == "pattern"] == ["Zinkoulbéré"]


def test_people_from_a_place(sahel):
    assert mention("Des jeunes issus de Kidal ont été interpellés.", "Kidal").qualifier == "origin"


def test_a_list_of_towns_is_no_town_and_its_region(sahel):
    roles = {c.span.text: c.role for c in candidates("Des manifestations ont eu lieu à Gao, Mopti et Kidal.")}
    assert roles["Mopti"] == "place"


def test_a_bracket_after_a_list_covers_every_name(sahel):
    found = {c.span.text: c.admin_hint for c in candidates("Les villages de Kolo et Sanga (Douentza, Mopti) "
                                                           "ont été visés.")}
    assert found["Kolo"] == found["Sanga"] == ["Douentza", "Mopti"]


def test_an_organisation_whose_name_goes_on_past_the_place(sahel):
    text = "La Coordination de Djibo Solidarité a manifesté."
    djibo = [c for c in candidates(text) if c.span.text == "Djibo"][0]
    assert djibo.role == "embedded" and not named_of(text, djibo, FR)


def test_a_place_in_a_facility_name_written_kind_first(sahel):
    roles = {c.span.text: c.role for c in candidates("Le Lycée de Djibo a brûlé dans la nuit.")}
    assert roles["Djibo"] == "site"


def test_blue_helmets_and_french_abbreviations():
    found = {c.span.text: c for c in candidates("Deux Casques bleus ont été blessés, a indiqué la RDC.")}
    assert "Casques" not in found and found["RDC"].places[0].country_code == "CD"


def test_what_an_entity_carries_around_a_french_name():
    assert pattern(FR, "leading_article", 0).sub("", "le Mali") == "Mali"
    assert pattern(FR, "leading_article", 0).sub("", "l'Azawad") == "Azawad"
    assert pattern(FR, "name_affixes", 0).sub("", "Commune de Talataye") == "Talataye"
    assert pattern(FR, "kind_word_after").sub("", "Talataye Commune") == "Talataye"
    assert pattern(FR, "possessive_end", 0).sub("", "Gao's") == "Gao's"


# ---------------------------------------------------------------------------------------------- the house

def test_the_place_modules_import_each_other_one_way():
    folder = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "places"
    imports: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitrep.places"):
                names.add(node.module.removeprefix("sitrep.places").lstrip(".") or
                          next(a.name for a in node.names))
        imports[path.stem] = names

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in imports.get(start, ()))

    circles = [m for m in imports if reaches(m, m, {m})]
    assert not circles, circles


def test_an_area_followed_by_its_country_and_the_same_name_told_again_bare():
    from sitrep.pipeline import locate, prepare, resources
    from sitrep.records import Document

    text = ("Le président a annoncé que 40 soldats ont été tués à Karia, dans la province du Lac Tchad. "
            "L'attaque visait le camp de la presqu'île de Karia.")
    document = prepare(Document(id="t", text=text))
    mentions, _doc, _cands, _where = locate(document, resources("fr"))
    karia = [m for m in mentions if m.span.text == "Karia"]
    assert len(karia) == 2 and all(m.place is not None and m.place.country_code == "TD" for m in karia)
