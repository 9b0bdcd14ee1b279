"""Word lists recognition uses: the project's lexicons and spaCy's English word index."""

from __future__ import annotations

import calendar
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.places.names import name_key

# Day and month names: 'in Bamako Saturday' ends the place name at the weekday.
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)
CONNECTORS = {"of", "de", "du", "des", "el", "al", "la", "le", "les", "d", "sur", "upon", "on", "the", "en", "ad",
              "an", "as", "ash", "ar", "az", "bin", "ben", "ibn", "y", "da", "do", "dos", "das", "di", "del", "am",
              "and"}
LOCATIVES = {"in", "into", "from", "to", "at", "near", "across", "throughout", "inside", "outside", "of"}
# Words before a name that make it a person's name ("Mr. Lincoln", "Gov. Perry", "coach Jordan").
TITLES = {"mr", "mrs", "ms", "miss", "dr", "gov", "governor", "sen", "senator", "rep", "representative",
          "president", "judge", "justice", "coach", "officer", "sgt", "sergeant", "lt", "lieutenant", "capt",
          "captain", "col", "colonel", "gen", "general", "pastor", "rev", "reverend", "father", "sister", "brother",
          "sheriff", "mayor", "detective", "deputy", "trooper", "prof", "professor", "minister", "king", "queen",
          "prince", "princess", "lord", "lady", "sir", "dame", "pope", "attorney", "chancellor", "commissioner",
          "councilman", "councilwoman", "superintendent", "principal", "secretary", "ambassador", "agent",
          "chairman", "spokesman", "spokeswoman", "dear", "uncle", "aunt", "cousin", "son", "daughter",
          "chief", "director", "manager", "coordinator", "executive", "administrator", "clerk"}
# A name followed by one of these is an admin area or a feature, part of the same name ("Laurel County").
ADMIN_TAIL_WORDS = {"region", "province", "state", "district", "department", "county", "parish", "city", "town",
                    "village", "airport", "governorate", "prefecture", "municipality", "commune", "cercle", "valley",
                    "river", "lake", "mountains", "desert", "island", "islands", "sea", "ocean", "gulf", "bay",
                    "strip", "bank", "heights", "plateau", "delta", "basin", "coast", "peninsula", "highlands",
                    "township", "borough", "area", "neighborhood", "neighbourhood", "metro", "capital"}
# Nouns a place name modifies without locating anything ("the Ivory Coast embassy", "US officials").
MODIFIED_NOUNS = {"embassy", "embassies", "consulate", "ambassador", "ambassadors", "government", "authorities",
                  "army", "military", "president", "officials", "official", "minister", "ministry", "forces",
                  "troops", "soldiers", "team", "national", "nationals", "citizens", "league", "senators",
                  "senator", "diplomats", "envoy", "delegation", "counterpart", "counterparts", "regime",
                  "leaders", "leader", "officers", "navy", "airlines", "airways"}
# Words of facility names that stand where their place name says ("Gao Regional Hospital").
FACILITY_WORDS = {"hospital", "clinic", "university", "college", "school", "prison", "jail", "market", "stadium",
                  "airport", "station", "court", "courthouse", "hall", "assembly", "exchange", "mosque", "church",
                  "cathedral", "camp", "base", "barracks", "gendarmerie", "hotel", "bridge", "road", "street",
                  "avenue", "boulevard", "square", "park", "mine", "dam", "port", "harbour", "harbor", "museum",
                  "library", "centre", "center", "theatre", "theater", "mall", "factory", "plant", "zoo",
                  "cemetery", "highway", "checkpoint", "garrison", "palace", "headquarters", "campus"}
# Direction adjectives are never a place on their own ("Western diplomats"), whatever spaCy says.
DIRECTION_WORDS = {"western", "eastern", "northern", "southern", "central", "northeastern", "northwestern",
                   "southeastern", "southwestern"}
# Last words of street names: the place name before them names the street ("Washington Square").
ROAD_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "boulevard", "blvd", "lane", "square",
              "plaza", "highway", "way", "terrace", "crescent", "close"}
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "boulevard", "blvd", "lane", "square",
                "plaza", "highway", "church", "cathedral", "mosque", "temple", "hospital", "inn", "hotel", "estate",
                "center", "centre", "tower", "racecourse", "stadium", "arena", "school", "university", "college",
                "court", "courthouse", "hall", "bridge", "lagoon", "mall", "market", "library", "museum", "theatre",
                "theater", "prison", "jail", "park", "palace", "academy", "clinic", "station", "terminal", "campus"}



@lru_cache(maxsize=8)
def word_list(filename: str) -> frozenset[str]:
    path = DATA_DIR / "lexicons" / filename
    words = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(name_key(line))
    return frozenset(words)


def stop_names() -> frozenset[str]:
    """Capitalised common words that are place names somewhere: a place only when spaCy says so."""
    return word_list("place_stopwords.txt")


def given_names() -> frozenset[str]:
    """Common given names: a place name right after one is a surname ('Michael Jordan')."""
    return word_list("given_names.txt")


def village_qualifiers() -> frozenset[str]:
    """Community words written with a village's name ('Naye Dogon', 'Tagourou-Peulh')."""
    return word_list("place_village_qualifiers.txt")


def surnames() -> frozenset[str]:
    """Common surnames that are also place names ('Clinton', 'Greer'): a place unless marked as a person."""
    return word_list("place_surnames.txt")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words (the WordNet index spaCy's English lemmatizer ships), lower-case."""
    try:
        import spacy.util
        from spacy.lookups import Lookups

        from sitrep.nlp import model_name

        folder = next(spacy.util.get_package_path(model_name("en")).glob("**/lemmatizer/lookups"))
        index = Lookups().from_disk(folder).get_table("lemma_index")
        return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, []))
    except Exception:  # a model without that table: no word is known, nothing is dropped
        return frozenset()


def english_word(key: str) -> bool:
    return all(word in english_words() for word in key.split())


