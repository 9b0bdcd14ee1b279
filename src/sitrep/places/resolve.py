"""Choosing the right gazetteer entry for each place mention, using the whole document.

Signals: population and feature type (a town before a hill of the same name), the countries the document
talks about (named, or implied by unambiguous places and demonyms), explicit qualifiers ("(Douentza, Mopti)",
"Kayes region"), and distance to the other places in the text. Relative mentions get ACLED's geo_precision
2 or 3 and a representative point; a name that cannot be resolved is reported unresolved, never moved to a
country centroid.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from sitrep.places.gazetteer import FEATURE_CLASS_PRIOR, Gazetteer, haversine_km
from sitrep.places.names import name_key
from sitrep.places.recognize import DIRECTIONS, PlaceCandidate
from sitrep.records import Place, PlaceMention

ADMIN_WORDS = ("region", "province", "cercle", "circle", "department", "departement", "district", "county",
               "state", "prefecture", "commune", "rural commune", "municipality", "governorate", "parish")


def strip_admin_words(name: str) -> str:
    key = name_key(name)
    for word in ADMIN_WORDS:
        if key.endswith(" " + word):
            key = key[: -len(word) - 1]
        if key.startswith(word + " of "):
            key = key[len(word) + 4:]
    return key.strip()


@dataclass
class AdminHint:
    cc: str
    admin1: str
    admin2: str = ""


def match_admin_hint(gazetteer: Gazetteer, parts: list[str], countries: Counter) -> AdminHint | None:
    """'(Douentza, Mopti)' -> the admin2 'Douentza' inside admin1 'Mopti'; also '(Mopti)' alone."""
    keys = [strip_admin_words(p) for p in parts if p]
    if not keys:
        return None
    areas = _admin_index(gazetteer)
    best: tuple[float, AdminHint] | None = None
    last = keys[-1]
    for cc, a1 in areas["admin1"].get(last, []):
        score = 1.0 + 0.1 * countries.get(cc, 0)
        hint = AdminHint(cc, a1)
        if len(keys) >= 2:
            a2_matches = [a2 for c, x1, a2 in areas["admin2"].get(keys[-2], []) if c == cc and x1 == a1]
            if a2_matches:
                hint.admin2 = a2_matches[0]
                score += 1.0
        if best is None or score > best[0]:
            best = (score, hint)
    if best is None and len(keys) == 1:
        # "(Douentza)" with no admin1: an admin2 name alone.
        for cc, a1, a2 in areas["admin2"].get(last, []):
            score = 0.5 + 0.1 * countries.get(cc, 0)
            if best is None or score > best[0]:
                best = (score, AdminHint(cc, a1, a2))
    return best[1] if best else None


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
    _ADMIN_CACHE[cache_key] = {"admin1": admin1, "admin2": admin2}
    return _ADMIN_CACHE[cache_key]


def _population_score(place: Place) -> float:
    return math.log10(place.population + 10) / 7.0


def _type_score(place: Place, cand: PlaceCandidate) -> float:
    score = FEATURE_CLASS_PRIOR.get(place.feature_class, 0.3)
    if place.is_country:
        score += 0.9
    elif place.feature_code in ("ADM1", "RGN", "CONT") or place.feature_code.startswith(("SEA", "OCN", "GULF")):
        score += 0.45 if not cand.region_word else 0.9
    elif place.feature_code == "ADM2" and cand.region_word:
        score += 0.6
    elif place.feature_code == "PPLC":
        score += 0.5
    elif place.feature_code in ("PPLA", "PPLA2"):
        score += 0.2
    if cand.region_word and place.feature_class == "P":
        score -= 0.3
    return score


def _offset(lat: float, lon: float, direction: str, km: float) -> tuple[float, float]:
    dy, dx = DIRECTIONS.get(direction, (0.0, 0.0))
    return lat + dy * km / 111.0, lon + dx * km / (111.0 * max(0.2, math.cos(math.radians(lat))))


def document_countries(candidates: list[PlaceCandidate]) -> Counter:
    """How strongly the document is about each country: named countries, demonyms, unambiguous places."""
    counts: Counter = Counter()
    for cand in candidates:
        if not cand.places:
            continue
        countries = {p.country_code for p in cand.places if p.country_code}
        if any(p.is_country for p in cand.places) or cand.kind == "demonym":
            for p in cand.places:
                if p.is_country:
                    counts[p.country_code] += 2
        elif len(countries) == 1:
            counts[next(iter(countries))] += 1
        else:
            top = max(cand.places, key=lambda p: p.population)
            if top.population > 100_000:
                counts[top.country_code] += 0.5
    return counts


def resolve_candidates(candidates: list[PlaceCandidate], gazetteer: Gazetteer,
                       prior_countries: Counter | None = None) -> list[PlaceMention]:
    """A PlaceMention for each candidate, in the same order."""
    countries = document_countries(candidates)
    if prior_countries:
        countries.update(prior_countries)
    total = sum(countries.values()) or 1.0
    hints = [match_admin_hint(gazetteer, c.admin_hint, countries) if c.admin_hint else None for c in candidates]
    for hint in hints:
        if hint:
            countries[hint.cc] += 3
            total += 3

    def score(place: Place, cand: PlaceCandidate, hint: AdminHint | None, anchors: list[Place]) -> float:
        s = 0.8 * _population_score(place) + _type_score(place, cand)
        s += 1.5 * countries.get(place.country_code, 0) / total
        if hint:
            if place.country_code == hint.cc:
                s += 0.5
                if place.admin1_code == hint.admin1:
                    s += 1.5
                    if hint.admin2 and place.admin2_code == hint.admin2:
                        s += 1.0
            else:
                s -= 2.0
        if anchors:
            nearest = min(haversine_km(place.lat, place.lon, a.lat, a.lon) for a in anchors if a is not place)\
                if any(a is not place for a in anchors) else None
            if nearest is not None:
                s += 0.6 * math.exp(-nearest / 300.0)
        return s

    # Pass 1 without neighbours; pass 2 with the others' first choices as anchors.
    first: list[Place | None] = []
    for cand, hint in zip(candidates, hints, strict=True):
        first.append(max(cand.places, key=lambda p: score(p, cand, hint, [])) if cand.places else None)
    mentions: list[PlaceMention] = []
    for idx, (cand, hint) in enumerate(zip(candidates, hints, strict=True)):
        anchors = [p for j, p in enumerate(first) if p is not None and j != idx and not p.is_country]
        places = list(cand.places)
        if hint and not any(p.country_code == hint.cc and p.admin1_code == hint.admin1 for p in places):
            places += fuzzy_in_area(gazetteer, cand.span.text, hint)
        if not places and hint is None:
            places = fuzzy_anywhere(gazetteer, cand.span.text, countries)
        chosen = None
        best = -1e9
        for p in places:
            s = score(p, cand, hint, anchors)
            if s > best:
                chosen, best = p, s
        mention = _mention(cand, chosen, hint, gazetteer, best)
        mentions.append(mention)
    return mentions


def _mention(cand: PlaceCandidate, chosen: Place | None, hint: AdminHint | None, gazetteer: Gazetteer,
             score: float) -> PlaceMention:
    if chosen is None and hint is not None:
        # A village the gazetteer does not hold: the admin area it is in, less precisely.
        area = gazetteer.admin_place(hint.cc, hint.admin1, hint.admin2) if hint.admin2 else None
        if area is not None:
            return PlaceMention(cand.span, area, geo_precision=2, qualifier="in area", resolved=True,
                                kind=cand.kind, score=score, note=f"{cand.span.text!r} not in gazetteer; admin2 used")
        area = gazetteer.admin_place(hint.cc, hint.admin1)
        if area is not None:
            return PlaceMention(cand.span, area, geo_precision=3, qualifier="in area", resolved=True,
                                kind=cand.kind, score=score, note=f"{cand.span.text!r} not in gazetteer; admin1 used")
    if chosen is None:
        return PlaceMention(cand.span, None, geo_precision=0, resolved=False, kind=cand.kind,
                            note=f"{cand.span.text!r} not found in the gazetteer")
    precision = 1
    if chosen.is_country or chosen.feature_code in ("ADM1", "RGN", "CONT") or chosen.feature_code.startswith(("SEA", "OCN")):
        precision = 3
    elif chosen.feature_code == "ADM2":
        precision = 2
    qualifier = cand.qualifier
    place = chosen
    if cand.qualifier in ("near", "distance", "direction") and precision == 1:
        precision = 2
        if cand.qualifier == "distance" and cand.distance_km and cand.direction:
            lat, lon = _offset(chosen.lat, chosen.lon, cand.direction, cand.distance_km)
            place = Place(geonameid=chosen.geonameid, name=chosen.name, lat=lat, lon=lon,
                          feature_class=chosen.feature_class, feature_code=chosen.feature_code,
                          country_code=chosen.country_code, admin1_code=chosen.admin1_code,
                          admin2_code=chosen.admin2_code, admin1=chosen.admin1, admin2=chosen.admin2,
                          population=0, source=chosen.source)
    if cand.direction and precision == 3 and chosen.is_country:
        qualifier = f"{cand.direction} part"
    return PlaceMention(cand.span, place, geo_precision=precision, qualifier=qualifier, resolved=True,
                        kind=cand.kind, score=score)


def fuzzy_in_area(gazetteer: Gazetteer, name: str, hint: AdminHint, cutoff: float = 85.0) -> list[Place]:
    """Spelling variants inside a known admin area ('Boulkessi' for 'Boulikessi')."""
    pairs = gazetteer.names_in_area(hint.cc, hint.admin1, hint.admin2 or None)
    if not pairs and hint.admin2:
        pairs = gazetteer.names_in_area(hint.cc, hint.admin1)
    if not pairs:
        return []
    key = name_key(name)
    keys = [k for k, _ in pairs]
    hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
    return [pairs[i][1] for _, _, i in hits]


def fuzzy_anywhere(gazetteer: Gazetteer, name: str, countries: Counter, cutoff: float = 90.0) -> list[Place]:
    """Spelling variants in the countries the document is about (compact keys first: 'Tin Zaouatene')."""
    compact = gazetteer.lookup_compact(name)
    if compact:
        return compact
    out: list[Place] = []
    key = name_key(name)
    for cc, _ in countries.most_common(2):
        pairs = gazetteer.names_in_area(cc)
        keys = [k for k, _ in pairs]
        for _, _, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3):
            out.append(pairs[i][1])
    return out
