"""The place index's tables and rows: the schema, stable ids for the project's own rows, how a row and its
names are written, the project's own rows (`data/places_extra.tsv`), and distances between points.

What both the reader (`gazetteer`) and the builder (`build`) need, below both of them.
"""

from __future__ import annotations

import csv
import math
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.config import DATA_DIR
from sitrep.places.names import is_latin, name_key, strip_admin_words, variant_keys

SCHEMA_VERSION = 7

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, population INTEGER DEFAULT 0,
    source TEXT, admin1_label TEXT DEFAULT '', admin2_label TEXT DEFAULT ''
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, compact TEXT NOT NULL, geonameid INTEGER NOT NULL, primary_name INTEGER DEFAULT 0,
    UNIQUE (key, geonameid)
);
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS names_compact ON names (compact);
CREATE INDEX IF NOT EXISTS names_place ON names (geonameid);
CREATE INDEX IF NOT EXISTS places_admin ON places (cc, admin1, admin2);
CREATE TABLE IF NOT EXISTS admin_names (
    cc TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL DEFAULT '', name TEXT NOT NULL,
    geonameid INTEGER, PRIMARY KEY (cc, admin1, admin2)
);
CREATE TABLE IF NOT EXISTS imports (file TEXT PRIMARY KEY, rows INTEGER, imported_at TEXT, path TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS places_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);
"""


def own_id(slug: str) -> int:
    """Stable negative ids for the project's own rows (GeoNames ids are positive)."""
    return -(zlib.crc32(slug.encode()) & 0x7FFFFFFF) - 1


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def connect_rw(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.executescript(_SCHEMA)
    return conn


def insert_place(conn: sqlite3.Connection, gid: int, name: str, lat: float, lon: float, fclass: str,
                 fcode: str, cc: str, admin1: str, admin2: str, population: int, source: str,
                 alternates: Iterable[str], fresh: bool = False, admin1_label: str = "",
                 admin2_label: str = "") -> None:
    # A GeoNames row imported again (a country extract over cities500) takes the new fields but keeps the
    # larger population and the admin labels: country extracts often carry population 0 for towns.
    conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (geonameid) DO UPDATE SET "
                 "name = excluded.name, lat = excluded.lat, lon = excluded.lon, fclass = excluded.fclass, "
                 "fcode = excluded.fcode, cc = excluded.cc, admin1 = excluded.admin1, admin2 = excluded.admin2, "
                 "population = MAX(places.population, excluded.population), source = excluded.source, "
                 "admin1_label = COALESCE(NULLIF(excluded.admin1_label, ''), places.admin1_label), "
                 "admin2_label = COALESCE(NULLIF(excluded.admin2_label, ''), places.admin2_label)",
                 (gid, name, lat, lon, fclass, fcode, cc, admin1, admin2, population, source, admin1_label,
                  admin2_label))
    if not fresh:
        conn.execute("DELETE FROM names WHERE geonameid = ?", (gid,))
    seen = set()
    rows = []
    for i, alt in enumerate([name, *alternates]):
        if not alt or not is_latin(alt):
            continue
        base = name_key(alt)
        # an admin area is also found by its bare name: GeoNames writes 'Préfecture de Kpendjal', 'Cercle de
        # Koro', reports write 'the prefecture of Kpendjal', 'Kpendjal'
        bare = strip_admin_words(alt) if fcode.startswith("ADM") else base
        for key in (base, *variant_keys(base), *([bare] if len(bare) > 2 else [])):
            if len(key) < 2 or key in seen or key.isdigit():
                continue
            seen.add(key)
            rows.append((key, key.replace(" ", ""), gid, int(i == 0 and key == base)))
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", rows)
    conn.execute("INSERT OR REPLACE INTO places_rtree VALUES (?,?,?,?,?)", (gid, lat, lat, lon, lon))


def read_extra_rows(path: Path | None = None) -> Iterator[dict]:
    """The project's own gazetteer rows (`data/places_extra.tsv`), skipping '#' comment lines."""
    path = path or DATA_DIR / "places_extra.tsv"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")
