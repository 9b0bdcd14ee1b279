"""The project's place word lists: demonyms ("Russian" -> Russia) and abbreviations ("Ill." -> Illinois).

Each entry names a target: a country (ISO alpha-2) or a place of the index by name and feature code.
Targets are looked up in the gazetteer once per process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.names import name_key
from sitrep.records import Place


@dataclass(frozen=True)
class Target:
    cc: str = ""
    place: str = ""
    feature_code: str = ""


def _rows(filename: str) -> list[dict]:
    path = DATA_DIR / filename
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, Target]:
    """name key of a demonym or adjective -> the place it names."""
    out: dict[str, Target] = {}
    for row in _rows("demonyms.tsv"):
        target = Target((row.get("country_code") or "").strip(), (row.get("place") or "").strip(),
                        (row.get("feature_code") or "").strip())
        for form in (row.get("forms") or "").split("|"):
            if form.strip():
                out.setdefault(name_key(form), target)
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[Target, str]]:
    """Exact written form ("W.Va.") -> (target, context) where context is 'any' or 'comma'."""
    out: dict[str, tuple[Target, str]] = {}
    for row in _rows("place_abbreviations.tsv"):
        target = Target((row.get("country_code") or "").strip(), (row.get("place") or "").strip(),
                        (row.get("feature_code") or "").strip())
        out[row["abbreviation"].strip()] = (target, (row.get("context") or "any").strip())
    return out


_TARGETS: dict[tuple[str, Target], Place | None] = {}


def target_place(gazetteer: Gazetteer, target: Target) -> Place | None:
    """The index entry a target names: the country, or the best place of that name and feature code."""
    key = (str(gazetteer.path), target)
    if key in _TARGETS:
        return _TARGETS[key]
    place: Place | None = None
    if not target.place:
        place = gazetteer.country(target.cc) if target.cc else None
    else:
        found = gazetteer.lookup(target.place)
        if target.cc:
            found = [p for p in found if p.country_code == target.cc] or found
        if found:
            place = max(found, key=lambda p: (p.feature_code == target.feature_code,
                                              name_key(p.name) == name_key(target.place),
                                              p.geonameid > 0, p.population))
    _TARGETS[key] = place
    return place
