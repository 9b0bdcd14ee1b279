"""Spelling variants: 'Boulkessi' for 'Boulikessi', 'Tin Zaouatene' for 'Tinzaouatene', searched among the
names of one admin area or of the countries a document is about."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from sitrep.places.gazetteer import SETTLEMENT_SPOTS, Gazetteer
from sitrep.places.hints import AdminHint
from sitrep.places.names import name_key
from sitrep.records import Place


def fuzzy_in_area(gazetteer: Gazetteer, name: str, hint: AdminHint, cutoff: float = 85.0) -> list[Place]:
    """Spelling variants inside a known admin area ('Boulkessi' for 'Boulikessi')."""
    # The whole admin-1 area: GeoNames leaves many villages without an admin-2 code ('Haoussa Foulan').
    names, places = _area_names(gazetteer, hint.cc, hint.admin1)
    if not names.keys:
        return []
    return [places[i] for i in names.closest(name_key(name), cutoff, 5)]


# A batch of notes names the same few admin areas again and again, and reading one area's names costs
# 10-25 ms (a join over up to 10,000 names): the last 32 areas stay in memory (names of the largest areas,
# 10,000 keys, about 1 MB each; their places are mostly the gazetteer's own cached ones).
@lru_cache(maxsize=32)
def _area_names(gazetteer: Gazetteer, cc: str, admin1: str) -> tuple[NamesByLength, list[Place]]:
    pairs = gazetteer.names_in_area(cc, admin1)
    return NamesByLength.of([k for k, _ in pairs]), [p for _, p in pairs]


@dataclass(frozen=True)
class NamesByLength:
    """Name keys sorted by length, so a spelling search reads only the names long or short enough to reach
    its score: a ratio of 90 between a 9-letter key and a 30-letter name is impossible, and most names of a
    country are of other lengths than the one searched."""

    keys: list[str]  # by length, in their first order within a length
    position: array  # each key's position in the first order (4 bytes each, not a Python int's 32)
    length_starts: list[int]  # length_starts[n]: the first key of n letters or more

    @classmethod
    def of(cls, keys: list[str]) -> NamesByLength:
        order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
        by_length = [keys[i] for i in order]
        longest = len(by_length[-1]) if by_length else 0
        return cls(by_length, array("i", order), [bisect_left(by_length, n, key=len) for n in range(longest + 2)])

    def closest(self, key: str, cutoff: float, limit: int) -> list[int]:
        """The first-order positions of the keys `process.extract(key, keys, scorer=fuzz.ratio,
        score_cutoff=cutoff, limit=limit)` would return over all keys, in its order (best score first, then
        first order)."""
        if not self.keys:
            return []
        # fuzz.ratio is at most 100 * (1 - |a - b| / (a + b)) for lengths a and b (a margin keeps rounding out)
        size, longest = len(key), len(self.length_starts) - 2
        # (two empty keys score 100)
        fits = [n for n in range(longest + 1)
                if (100.0 * (1 - abs(size - n) / (size + n)) if n + size else 100.0) >= cutoff - 1e-6]
        if not fits:
            return []
        start, end = self.length_starts[fits[0]], self.length_starts[fits[-1] + 1]
        hits = process.extract(key, self.keys[start:end], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        ranked = sorted((-score, self.position[start + i]) for _, score, i in hits)
        return [at for _, at in ranked[:limit]]


FUZZY_MAX_NAMES = 60_000


# A batch of news names a few dozen countries again and again (each fetch reads tens of thousands of rows):
# their names stay in memory, a country with more names than the search reads as none.
@lru_cache(maxsize=64)
def _country_names(gazetteer: Gazetteer, cc: str) -> tuple[NamesByLength, list[int]]:
    rows = gazetteer.db.execute(
        "SELECT n.key, n.geonameid FROM names n JOIN places p ON p.geonameid = n.geonameid "
        "WHERE p.cc = ? AND (p.fclass IN ('P', 'A', 'L') OR p.fcode IN ({}))".format(
            ", ".join("?" * len(SETTLEMENT_SPOTS))), (cc, *SETTLEMENT_SPOTS)).fetchall()
    if len(rows) > FUZZY_MAX_NAMES:
        return NamesByLength.of([]), []
    return NamesByLength.of([r[0] for r in rows]), [r[1] for r in rows]


_DOUBLED = re.compile(r"(.)\1+")


def _single_letters(key: str) -> str:
    """'yattakou' → 'yatakou': writers double consonants of West African names at will ('Tillabéri',
    'Tilabery'), so two spellings compare better with doubled letters made single."""
    return _DOUBLED.sub(r"\1", key)


@lru_cache(maxsize=16)
def _country_single_letter_names(gazetteer: Gazetteer, cc: str) -> NamesByLength:
    names = _country_names(gazetteer, cc)[0]
    first_order = [""] * len(names.keys)
    for key, at in zip(names.keys, names.position, strict=True):
        first_order[at] = key
    return NamesByLength.of([_single_letters(k) for k in first_order])


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
        names, ids = _country_names(gazetteer, cc)
        if not names.keys or len(names.keys) > FUZZY_MAX_NAMES:
            continue
        # one letter in nine ('Moussakuy' / 'Moussakui') is still a spelling variant in a long name
        floor = min(cutoff, 88.0) if len(key) >= 8 else cutoff
        hits = names.closest(key, floor, 3)
        if not hits:
            hits = _country_single_letter_names(gazetteer, cc).closest(_single_letters(key), floor, 3)
        for i in hits:
            place = gazetteer.get(ids[i])
            if place is not None:
                out.append(place)
    return out
