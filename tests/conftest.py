"""Shared fixtures: every test session gets its own SITREP_HOME with a built place index.

The index `make setup` built is copied when present (building takes ~25 s); the GeoNames extracts in
../shared are imported as the evaluation does, when ../shared is there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))


def _default_index() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "sitrep" / "gazetteer.sqlite"


@pytest.fixture(scope="session", autouse=True)
def sitrep_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("sitrep_home")
    source = _default_index()
    os.environ["SITREP_HOME"] = str(home)
    os.environ.pop("SITREP_DB", None)
    os.environ.pop("SITREP_GAZETTEER", None)
    from sitrep.places import gazetteer

    if source.exists() and gazetteer.is_built(source):
        shutil.copy(source, home / "gazetteer.sqlite")
    gazetteer.ensure_gazetteer()
    geonames = SHARED / "gazetteer" / "geonames"
    if geonames.is_dir():
        gazetteer.import_geonames(sorted(geonames.glob("*.txt")))
    gazetteer.get_gazetteer.cache_clear()
    return home


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def samples() -> Path:
    return ROOT / "src" / "sitrep" / "data" / "samples"


# ---- the event store's two back-ends: every store test runs on SQLite and on a real PostgreSQL server

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the whole run (skipped where no server binaries are found; a failure in CI,
    whose `make setup` installs them)."""
    from postgres_server import PostgresServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        why = "no PostgreSQL server binaries (pg_ctl) found: `apt-get install -y postgresql` (make setup does)"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    server = PostgresServer(bin_dir)
    try:
        server.start()
    except Exception as exc:
        server.stop()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"could not start PostgreSQL: {exc}")
    yield server
    server.stop()


def new_store_location(backend: str, request, folder: Path, name: str = "store") -> str:
    """An empty store of `backend`: a SQLite file in `folder`, or a new database on the test server."""
    if backend == "postgresql":
        return request.getfixturevalue("postgres").create_database(name)
    return str(folder / f"{name}.db")


def copy_store(location: str, request, folder: Path) -> str:
    """A copy of a store (closed by everyone), on the same back-end."""
    if location.startswith("postgresql://"):
        return request.getfixturevalue("postgres").copy_database(location)
    target = folder / "copy.db"
    shutil.copy(location, target)
    return str(target)


@pytest.fixture(params=BACKENDS)
def store_location(request, tmp_path) -> str:
    """A new empty store for one test, on each back-end in turn."""
    return new_store_location(request.param, request, tmp_path)
