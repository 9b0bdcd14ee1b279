"""Areas a document is likely about before any place is read: the usual areas of the actors it names.

`actors.yaml` gives ISO 3166-2 codes ("ML-5", "BF-12"); the index links each ISO top-level subdivision to
its GeoNames admin-1 code, so the codes can weigh places the way named regions do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sitrep.places.gazetteer import Gazetteer, own_id

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
            areas = [a for a in (iso_admin1(gazetteer, code) for code in entry.areas) if a]
            for area in areas:
                admin1[area] += 1.0 / len(areas)
            ccs = {a[0] for a in areas} or ({entry.country} if entry.country else set())
            for cc in ccs:
                countries[cc] += 1.0 / len(ccs)
        elif match.kind == "descriptor":
            cc = getattr(match.ref, "country", "")
            if cc and f"d:{cc}" not in seen:
                seen.add(f"d:{cc}")
                countries[cc] += 0.5
    return countries, admin1
