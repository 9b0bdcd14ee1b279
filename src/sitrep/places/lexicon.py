"""Words that name places: demonyms ("Russian" -> Russia, "Malien" -> Mali), abbreviations ("Ill." ->
Illinois) and exonyms ("Libye" -> Libya), from the tables of the language's `places.yaml`.

Each entry names a target: a country (ISO alpha-2) or a place of the index by name and feature code.
Targets are looked up in the gazetteer once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicon import Lexicon
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.names import name_key
from sitrep.places.wordlists import lexicon, table
from sitrep.records import Place


@dataclass(frozen=True)
class Target:
    cc: str = ""
    place: str = ""
    feature_code: str = ""


def _target(value) -> Target:
    """An entry's target: a country code ('ML'), or {cc:, place:, code:} for a place of the index."""
    if isinstance(value, dict):
        return Target(str(value.get("cc") or "").strip(), str(value.get("place") or "").strip(),
                      str(value.get("code") or "").strip())
    return Target(str(value or "").strip())


@lru_cache(maxsize=8)
def _demonyms(lex: Lexicon) -> dict[str, Target]:
    out: dict[str, Target] = {}
    for forms, value in table(lex, "demonyms").items():
        target = _target(value)
        for form in forms.split("|"):
            if form.strip():
                out.setdefault(name_key(form), target)
    return out


def demonyms(lex: Lexicon | None = None) -> dict[str, Target]:
    """name key of a demonym or adjective ('Malian', 'maliens') -> the place it names."""
    return _demonyms(lexicon(lex))


@lru_cache(maxsize=8)
def _exonyms(lex: Lexicon) -> dict[str, Target]:
    out: dict[str, Target] = {}
    for forms, value in table(lex, "exonyms").items():
        for form in forms.split("|"):
            if form.strip():
                out.setdefault(name_key(form), _target(value))
    return out


def exonyms(lex: Lexicon | None = None) -> dict[str, Target]:
    """name key of a name the language gives a place ('Libye', 'États-Unis') -> the place."""
    return _exonyms(lexicon(lex))


@lru_cache(maxsize=8)
def _exonym_pattern(lex: Lexicon) -> re.Pattern | None:
    forms = sorted({f.strip() for forms in table(lex, "exonyms") for f in forms.split("|") if f.strip()},
                   key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


def exonym_pattern(lex: Lexicon | None = None) -> re.Pattern | None:
    """The written forms of the language's exonyms (as written, capitals included), longest first."""
    return _exonym_pattern(lexicon(lex))


@lru_cache(maxsize=8)
def _abbreviations(lex: Lexicon) -> dict[str, tuple[Target, str]]:
    out: dict[str, tuple[Target, str]] = {}
    for written, value in table(lex, "abbreviations").items():
        context = str(value.get("context") or "any").strip() if isinstance(value, dict) else "any"
        out[written.strip()] = (_target(value), context)
    return out


def abbreviations(lex: Lexicon | None = None) -> dict[str, tuple[Target, str]]:
    """Exact written form ("W.Va.") -> (target, context) where context is 'any' or 'comma'."""
    return _abbreviations(lexicon(lex))


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
