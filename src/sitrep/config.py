"""Where sitrep keeps its files. Every path can be overridden by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def home_dir() -> Path:
    """SITREP_HOME, else $XDG_DATA_HOME/sitrep, else ~/.local/share/sitrep."""
    explicit = os.environ.get("SITREP_HOME")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "sitrep"


def default_db_path() -> Path | str:
    """The event store as the user named it: SITREP_DB (a SQLite file or a postgresql:// URL, read by
    `sitrep.store.backend.store_location`), else the embedded $SITREP_HOME/sitrep.db."""
    return os.environ.get("SITREP_DB") or home_dir() / "sitrep.db"


def gazetteer_path() -> Path:
    """The embedded place index (SITREP_GAZETTEER overrides)."""
    explicit = os.environ.get("SITREP_GAZETTEER")
    return Path(explicit).expanduser() if explicit else home_dir() / "gazetteer.sqlite"
