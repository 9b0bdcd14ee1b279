"""Admin hints: what "(Douentza, Mopti)" or "(Kombori, Kossi)" after a name say about where it is, and the
admin-1 reforms GeoNames has not caught up with (villages of the new Ménaka region still filed under Gao)."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.places.gazetteer import Gazetteer, haversine_km
from sitrep.places.names import name_key, strip_admin_words
from sitrep.records import Place


@dataclass
class AdminHint:
    cc: str
    admin1: str
    admin2: str = ""
    near: Place | None = None  # the first part when it names a town or department of the area


def match_admin_hint(gazetteer: Gazetteer, parts: list[str], countries: Counter) -> AdminHint | None:
    """'(Douentza, Mopti)' -> cercle Douentza in region Mopti; '(Kombori, Kossi)' -> province Kossi with
    the department Kombori as a nearby town; '(Mopti)' alone -> the region."""
    keys = [strip_admin_words(p) for p in parts if p]
    if not keys:
        return None
    areas = _admin_index(gazetteer)
    options: list[tuple[float, AdminHint]] = []
    keys = [_known_area_key(areas, k) for k in keys]
    last = keys[-1]
    for cc, a1 in areas["admin1"].get(last, []):
        score = 1.0 + 0.1 * countries.get(cc, 0)
        hint = AdminHint(cc, a1)
        if len(keys) >= 2:
            a2_matches = [a2 for c, x1, a2 in areas["admin2"].get(keys[-2], []) if c == cc and x1 == a1]
            if a2_matches:
                hint.admin2 = a2_matches[0]
                score += 1.0
        options.append((score, hint))
    for cc, a1, a2 in areas["admin2"].get(last, []):
        options.append((0.8 + 0.1 * countries.get(cc, 0), AdminHint(cc, a1, a2)))
    if not options and " " in last:
        # 'the Lac Tchad province', 'Tillabéri Niger': an area followed by its country's name
        area, _, nation = last.rpartition(" ")
        nations = {p.country_code for p in gazetteer.lookup(nation) if p.is_country}
        options = [(1.0, AdminHint(cc, a1)) for cc, a1 in areas["admin1"].get(area, []) if cc in nations]
        options += [(0.8, AdminHint(cc, a1, a2)) for cc, a1, a2 in areas["admin2"].get(area, []) if cc in nations]
    if not options:
        return None
    if len(keys) >= 2 and len(options) > 1:
        # '(Mangodara, Comoe)': the province of Burkina Faso that holds Mangodara, not the Ivorian region.
        options = [(score + (0.5 if _place_in_area(gazetteer, parts[0], hint) is not None else 0.0), hint)
                   for score, hint in options]
    hint = max(options, key=lambda o: o[0])[1]
    if len(keys) >= 2:
        hint.near = _place_in_area(gazetteer, parts[0], hint)
    return hint


AREA_SPELLING_CUTOFF = 85.0


def _known_area_key(areas: dict, key: str) -> str:
    """The admin-area key a hint part spells differently ('Komondjari' for GeoNames' 'Komandjoari',
    'Komonjdjari'), or the key itself. Short keys are left alone: too many near misses."""
    if key in areas["admin1"] or key in areas["admin2"] or len(key) < 6:
        return key
    spelled = areas["spelled"]  # a search through every admin key costs ~10 ms: once per spelling
    if key not in spelled:
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, areas["all_keys"], scorer=fuzz.ratio, score_cutoff=AREA_SPELLING_CUTOFF)
        if len(spelled) >= 10_000:
            spelled.clear()
        spelled[key] = best[0] if best else key
    return spelled[key]


def _place_in_area(gazetteer: Gazetteer, name: str, hint: AdminHint) -> Place | None:
    """The town or department named first in a hint, inside the hinted area (or close to it: a new region
    such as Ménaka still holds villages GeoNames files under the region it was carved from)."""
    area = gazetteer.admin_place(hint.cc, hint.admin1)

    def inside(p: Place) -> bool:
        if p.admin1_code == hint.admin1:
            return not hint.admin2 or p.admin2_code in ("", hint.admin2)
        return area is not None and haversine_km(p.lat, p.lon, area.lat, area.lon) < 200

    found = [p for p in gazetteer.lookup(name) if p.country_code == hint.cc and p.feature_class in ("P", "A")
             and inside(p)]
    return max(found, key=lambda p: (p.admin1_code == hint.admin1, p.feature_class == "P", p.population)) \
        if found else None


_ADMIN_CACHE: dict[str, dict] = {}


def _admin_index(gazetteer: Gazetteer) -> dict:
    cache_key = str(gazetteer.path) + str(len(gazetteer.imported_files()))
    cached = _ADMIN_CACHE.get(cache_key)
    if cached is not None:
        return cached
    admin1: dict[str, list[tuple[str, str]]] = {}
    admin2: dict[str, list[tuple[str, str, str]]] = {}
    for cc, a1, a2, name in gazetteer.admin_areas():
        key = strip_admin_words(name)
        if a2:
            admin2.setdefault(key, []).append((cc, a1, a2))
        else:
            admin1.setdefault(key, []).append((cc, a1))
    _ADMIN_CACHE.clear()
    _ADMIN_CACHE[cache_key] = {"admin1": admin1, "admin2": admin2, "all_keys": sorted({*admin1, *admin2}),
                               "spelled": {}}
    return _ADMIN_CACHE[cache_key]


@lru_cache(maxsize=1)
def _reforms() -> dict[tuple[str, str], list[str]]:
    """(cc, old admin-1 name key) -> names of the regions carved out of it (`data/admin_reforms.tsv`)."""
    path = DATA_DIR / "admin_reforms.tsv"
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    if path.exists():
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            out[(row["cc"], name_key(row["from_admin1"]))].append(row["to_admin1"])
    return dict(out)


def _admin1_point(gazetteer: Gazetteer, cc: str, name: str) -> tuple[str, Place] | None:
    code = gazetteer.admin1_code_of(cc, name)
    area = gazetteer.admin_place(cc, code) if code else None
    return (code, area) if area is not None else None


def reformed(place: Place, gazetteer: Gazetteer) -> Place:
    """A place GeoNames still files under a region that was split, reported in the new region when it lies
    closer to that region's point (Akabar: Gao -> Ménaka)."""
    new_regions = _reforms().get((place.country_code, name_key(place.admin1)))
    if not new_regions or place.is_country or place.feature_code == "ADM1":
        return place
    old = _admin1_point(gazetteer, place.country_code, place.admin1)
    if old is None:
        return place
    best = haversine_km(place.lat, place.lon, old[1].lat, old[1].lon)
    for name in new_regions:
        new = _admin1_point(gazetteer, place.country_code, name)
        if new is not None and haversine_km(place.lat, place.lon, new[1].lat, new[1].lon) < best:
            best = haversine_km(place.lat, place.lon, new[1].lat, new[1].lon)
            place = replace(place, admin1_code=new[0], admin1=gazetteer.admin1_name(place.country_code, new[0]))
    return place


def relabelled(place: Place, hint: AdminHint, gazetteer: Gazetteer) -> Place:
    """The text names the region ('(Anderamboukane, Menaka)') and the index still files the village under
    the region it was carved from (Gao): the text's region is the one to report, if the place is close."""
    area = gazetteer.admin_place(hint.cc, hint.admin1)
    name = gazetteer.admin1_name(hint.cc, hint.admin1)
    if area is None or not name or haversine_km(place.lat, place.lon, area.lat, area.lon) > 250:
        return place
    return replace(place, admin1_code=hint.admin1, admin1=name)


# ------------------------------------------------------------------------------------------- spelling
