"""Areas a document is likely about before any place is read: the usual areas of the actors it names.

`actors.yaml` gives ISO 3166-2 codes ("ML-5", "BF-12"); the index links each ISO top-level subdivision to
its GeoNames admin-1 code, so the codes can weigh places the way named regions do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.rows import own_id

_ISO_CACHE: dict[tuple[str, str], tuple[str, str] | None] = {}


def iso_admin1(gazetteer: Gazetteer, iso_code: str) -> tuple[str, str] | None:
    """'ML-5' -> ('ML', '08'): the GeoNames admin-1 code of an ISO 3166-2 top-level subdivision."""
    key = (str(gazetteer.path), iso_code)
    if key not in _ISO_CACHE:
        place = gazetteer.get(own_id(f"iso:{iso_code}"))
        _ISO_CACHE[key] = (place.country_code, place.admin1_code) if place and place.admin1_code else None
    return _ISO_CACHE[key]


def actor_areas(gazetteer: Gazetteer, dictionary, matches: Iterable) -> tuple[Counter, Counter]:
    """(countries, (cc, admin1) areas) weighed by the actors and descriptors named in a text.

    Each distinct actor counts once for its country; its usual admin-1 areas share one more unit.
    """
    countries: Counter = Counter()
    admin1: Counter = Counter()
    seen: set[str] = set()
    for match in matches:
        if match.kind == "actor":
            entry = dictionary.actors.get(match.ref)
            if entry is None or entry.id in seen:
                continue
            seen.add(entry.id)
            areas = _admin1_of(gazetteer, entry.areas)
            _spread(countries, admin1, areas, {a[0] for a in areas} or ({entry.country} if entry.country else set()),
                    1.0)
        elif match.kind == "descriptor":
            cc = getattr(match.ref, "country", "")
            if cc and f"d:{cc}" not in seen:
                seen.add(f"d:{cc}")
                countries[cc] += 0.5
            elif not cc:
                # 'dozos', 'Dogon militiamen': the actors a descriptor may stand for share half a unit.
                entries = [dictionary.actors[a] for a in getattr(match.ref, "actors", []) or []
                           if a in dictionary.actors]
                key = "d:" + ",".join(sorted(e.id for e in entries))
                if not entries or key in seen or any(e.id in seen for e in entries):
                    continue
                seen.add(key)
                areas = _admin1_of(gazetteer, [code for e in entries for code in e.areas])
                _spread(countries, admin1, areas,
                        {a[0] for a in areas} | {e.country for e in entries if e.country and not e.areas}, 0.5)
    return countries, admin1


@lru_cache(maxsize=1)
def _area_words() -> tuple[re.Pattern | None, dict[str, list[str]]]:
    """`names/community_areas.txt`: community names -> ISO 3166-2 codes of the areas they live in (names,
    written the same in any language's reports)."""
    path = DATA_DIR / "names" / "community_areas.txt"
    table: dict[str, list[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            phrase, codes = line.split("\t", 1)
            table[phrase.strip().lower()] = codes.split()
    if not table:
        return None, table
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I), table


def word_areas(gazetteer: Gazetteer, text: str) -> tuple[Counter, Counter]:
    """(countries, (cc, admin1) areas) of the communities a text names ('Dogon', 'Bozo'), half a unit each,
    as a descriptor of an actor weighs."""
    pattern, table = _area_words()
    countries: Counter = Counter()
    admin1: Counter = Counter()
    if pattern is None or not text:
        return countries, admin1
    for phrase in sorted({m.group().lower() for m in pattern.finditer(text)}):
        areas = _admin1_of(gazetteer, table.get(phrase, []))
        _spread(countries, admin1, areas, {a[0] for a in areas}, 0.5)
    return countries, admin1


def _admin1_of(gazetteer: Gazetteer, iso_codes: Iterable[str]) -> list[tuple[str, str]]:
    return [a for a in (iso_admin1(gazetteer, code) for code in iso_codes) if a]


def _spread(countries: Counter, admin1: Counter, areas: list[tuple[str, str]], ccs: set[str], weight: float) -> None:
    """Share `weight` among the admin-1 areas, and again among the countries."""
    for area in areas:
        admin1[area] += weight / len(areas)
    for cc in sorted(ccs):
        countries[cc] += weight / len(ccs)
