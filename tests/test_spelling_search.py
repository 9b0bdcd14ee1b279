"""Spelling search by length reads fewer names and gives what a search through all of them gives."""

import pytest
from rapidfuzz import fuzz, process

from sitrep.places.spelling import NamesByLength

NAMES = ["boulikessi", "boulkessi", "douentza", "tinzaouatene", "tin zaouatene", "mondoro", "mondora", "kona",
         "konna", "", "boulikesi", "boulikessy", "sevare", "sevari", "a", "hombori", "hombory", "ouagadougou"]


@pytest.mark.parametrize("query", ["boulikessi", "boulkesi", "tin zawatene", "mondoro", "konna", "", "sevar",
                                   "ouagadugu", "xyz"])
@pytest.mark.parametrize(("cutoff", "limit"), [(85.0, 5), (88.0, 3), (90.0, 3), (60.0, 2)])
def test_same_answer_as_a_search_through_every_name(query, cutoff, limit):
    expected = [i for _, _, i in process.extract(query, NAMES, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)]
    assert NamesByLength.of(NAMES).closest(query, cutoff, limit) == expected


def test_ties_keep_the_first_order_and_no_names_find_nothing():
    names = ["mondorx", "mondory", "mondoro"]
    assert NamesByLength.of(names).closest("mondorz", 80.0, 2) == [0, 1]
    assert NamesByLength.of([]).closest("mondoro", 80.0, 2) == []
