"""Spelling variants: 'Boulkessi' for 'Boulikessi', 'Tin Zaouatene' for 'Tinzaouatene', searched among the
names of one admin area or of the countries a document is about."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz, process

from sitrep.places.gazetteer import SETTLEMENT_SPOTS, Gazetteer
from sitrep.places.hints import AdminHint
from sitrep.places.names import name_key
from sitrep.records import Place


def fuzzy_in_area(gazetteer: Gazetteer, name: str, hint: AdminHint, cutoff: float = 85.0) -> list[Place]:
    """Spelling variants inside a known admin area ('Boulkessi' for 'Boulikessi')."""
    # The whole admin-1 area: GeoNames leaves many villages without an admin-2 code ('Haoussa Foulan').
    keys, places = _area_names(gazetteer, hint.cc, hint.admin1)
    if not keys:
        return []
    key = name_key(name)
    hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
    return [places[i] for _, _, i in hits]


# A batch of notes names the same few admin areas again and again, and reading one area's names costs
# 10-25 ms (a join over up to 10,000 names): the last 32 areas stay in memory (names of the largest areas,
# 10,000 keys, about 1 MB each; their places are mostly the gazetteer's own cached ones).
@lru_cache(maxsize=32)
def _area_names(gazetteer: Gazetteer, cc: str, admin1: str) -> tuple[list[str], list[Place]]:
    pairs = gazetteer.names_in_area(cc, admin1)
    return [k for k, _ in pairs], [p for _, p in pairs]


FUZZY_MAX_NAMES = 60_000


# A batch of news names a few dozen countries again and again (each fetch reads tens of thousands of rows):
# their names stay in memory, a country with more names than the search reads as none.
@lru_cache(maxsize=64)
def _country_names(gazetteer: Gazetteer, cc: str) -> tuple[list[str], list[int]]:
    rows = gazetteer.db.execute(
        "SELECT n.key, n.geonameid FROM names n JOIN places p ON p.geonameid = n.geonameid "
        "WHERE p.cc = ? AND (p.fclass IN ('P', 'A', 'L') OR p.fcode IN ({}))".format(
            ", ".join("?" * len(SETTLEMENT_SPOTS))), (cc, *SETTLEMENT_SPOTS)).fetchall()
    if len(rows) > FUZZY_MAX_NAMES:
        return [], []
    return [r[0] for r in rows], [r[1] for r in rows]


_DOUBLED = re.compile(r"(.)\1+")


def _single_letters(key: str) -> str:
    """'yattakou' → 'yatakou': writers double consonants of West African names at will ('Tillabéri',
    'Tilabery'), so two spellings compare better with doubled letters made single."""
    return _DOUBLED.sub(r"\1", key)


@lru_cache(maxsize=16)
def _country_single_letter_names(gazetteer: Gazetteer, cc: str) -> list[str]:
    return [_single_letters(k) for k in _country_names(gazetteer, cc)[0]]


def fuzzy_anywhere(gazetteer: Gazetteer, name: str, countries: Counter, cutoff: float = 90.0) -> list[Place]:
    """Spelling variants in the countries the document is about (compact keys first: 'Tin Zaouatene')."""
    compact = gazetteer.lookup_compact(name)
    known = {cc for cc, v in countries.items() if v > 0}
    if known:
        compact = [p for p in compact if p.country_code in known]
    if compact:
        return compact
    key = name_key(name)
    if len(key) < 5:
        return []
    out: list[Place] = []
    ranked = sorted(((cc, v) for cc, v in countries.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))
    # the leading countries; all of an even prior (the user's imported region when the text names none)
    top = ranked[0][1] if ranked else 0.0
    chosen = [cc for cc, v in ranked if v >= top * 0.99][:12]
    chosen += [cc for cc, _ in ranked if cc not in chosen][: max(0, 3 - len(chosen))]
    for cc in chosen:
        keys, ids = _country_names(gazetteer, cc)
        if not keys or len(keys) > FUZZY_MAX_NAMES:
            continue
        # one letter in nine ('Moussakuy' / 'Moussakui') is still a spelling variant in a long name
        floor = min(cutoff, 88.0) if len(key) >= 8 else cutoff
        hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=floor, limit=3)
        if not hits:
            hits = process.extract(_single_letters(key), _country_single_letter_names(gazetteer, cc),
                                   scorer=fuzz.ratio, score_cutoff=floor, limit=3)
        for _, _, i in hits:
            place = gazetteer.get(ids[i])
            if place is not None:
                out.append(place)
    return out
