"""Relative wording around a place name: "40 km north of", "near", "northern Mali", "between X and Y",
"the X quarter of Y", "X and Y counties", and the brackets after a name: "(Douentza, Mopti)" admin hints,
"[Petel]" other spellings."""

from __future__ import annotations

import re

from sitrep.places.candidate import PlaceCandidate
from sitrep.places.gazetteer import Gazetteer
from sitrep.records import Span

DIRECTIONS = {"north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1), "northeast": (0.7, 0.7),
              "northwest": (0.7, -0.7), "southeast": (-0.7, 0.7), "southwest": (-0.7, -0.7),
              "north-east": (0.7, 0.7), "north-west": (0.7, -0.7), "south-east": (-0.7, 0.7),
              "south-west": (-0.7, -0.7)}
DIRECTION_ADJECTIVES = {"northern": "north", "southern": "south", "eastern": "east", "western": "west",
                        "central": "central", "northeastern": "northeast", "north-eastern": "northeast",
                        "northwestern": "northwest", "north-western": "northwest", "southeastern": "southeast",
                        "south-eastern": "southeast", "southwestern": "southwest", "south-western": "southwest",
                        "north": "north", "south": "south", "east": "east", "west": "west"}
_UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometer": 1.0,
            "miles": 1.609, "mile": 1.609, "mi": 1.609}

_DISTANCE_BEFORE = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?|[a-z]+(?:[ -][a-z]+)?)\s*(?P<unit>km|kms|kilomet(?:re|er)s?|miles?|mi)\b"
    r"(?:\s*\([^)]{0,20}\))?\s*(?P<dir>(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?)?\s*"
    r"(?:of|from|outside(?: of)?|away from)\s+(?:the\s+(?:town|city|village|capital|locality)\s+(?:of\s+)?)?$", re.I)
_NEAR_BEFORE = re.compile(
    r"\b(?P<q>near|nearby|outside|just outside(?: of)?|outskirts of|on the outskirts of|close to|not far from|"
    r"in the vicinity of|around|in the area of|the area of|area of|vicinity of|surroundings of|environs of|"
    r"between|en route to|on the road to|road to|on the way to|axis|the axis|(?:north|south|east|west)(?:ern)? of|"
    r"(?:north|south|east|west)-?(?:east|west)? of)\s+(?:the\s+(?:town|city|village|capital|locality|commune)\s+(?:of\s+)?)?$",
    re.I)
_REGION_AFTER = re.compile(r"^\s+(?P<kind>region|province|state|district|department|département|cercle|county|"
                           r"parish|governorate|prefecture|municipality|commune|circle)\b", re.I)
_REGION_BEFORE = re.compile(r"\b(?P<kind>region|province|state|district|department|cercle|county|governorate|"
                            r"commune|municipality) of\s+$", re.I)
_HINT_PART = r"[A-Z][\w'’.-]*(?:[ -][\w'’.-]+){0,3}"
_ADMIN_HINT = re.compile(rf"^\s*\((?P<a>{_HINT_PART})(?:,\s*(?P<b>{_HINT_PART}))?(?:,\s*(?P<c>{_HINT_PART}))?\)")

def _number(text: str) -> float | None:
    text = text.replace(",", ".").strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        from text_to_num import text2num

        return float(text2num(text, "en"))
    except (ValueError, ImportError):
        return None


# ACLED's own notes say where an event was coded when the text names somewhere vaguer or several places:
# "(coded as Simbi at geoprecision 2)", "coded at approximate location as Kona (Mopti, Mopti)".
_CODED_BEFORE = re.compile(r"\bcoded\s+(?:(?:as|at|in|to)\s+)?(?:(?:an?\s+|the\s+)?approximate(?:ly)?(?:\s+location)?"
                           r"\s+)?(?:(?:as|at|in)\s+)?(?:the\s+(?:town|village|locality|commune)\s+of\s+)?$", re.I)
_CODED_PRECISION = re.compile(r"^[^()]{0,60}?\bgeo-?precision\s*(?:of\s+)?(?P<n>[123])\b", re.I)
_ALT_AFTER = re.compile(r"^\s*\[(?P<alt>[A-Z][^\[\]()]{1,40})\]")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+(?:towns?|villages?|localities)\s+of\s+)?$", re.I)


def qualify(text: str, cand: PlaceCandidate) -> None:
    """Relative wording before the name ('40 km north of', 'near', 'northern'), a region word after it, and
    what follows in brackets: '(Douentza, Mopti)' admin hints or '[Petel]' another spelling."""
    before = text[max(0, cand.span.start - 80):cand.span.start]
    after = text[cand.span.end:cand.span.end + 120]
    alt = _ALT_AFTER.match(after)
    if alt:
        cand.alt_names.append(alt["alt"].strip())
        after = after[alt.end():]
    hint = _ADMIN_HINT.match(after)
    if hint:
        cand.admin_hint = [h.strip() for h in (hint["a"], hint["b"], hint["c"]) if h]
    if _CODED_BEFORE.search(before):
        cand.qualifier = "coded"
        said = _CODED_PRECISION.match(text[cand.span.end:cand.span.end + 120])
        cand.precision = int(said["n"]) if said else None
        return
    m = _DISTANCE_BEFORE.search(before)
    if m:
        distance = _number(m["num"])
        if distance is not None:
            cand.qualifier = "distance"
            cand.distance_km = distance * _UNIT_KM[m["unit"].lower()]
            if m["dir"]:
                cand.direction = m["dir"].lower().replace("ern", "").replace(" ", "-")
            return
    m = _NEAR_BEFORE.search(before)
    if m:
        q = m["q"].lower()
        cand.qualifier = "near"
        for word in DIRECTIONS:
            if q.startswith(word):
                cand.qualifier, cand.direction = "direction", word
        return
    if _FROM_BEFORE.search(before) or _HOME_BEFORE.search(before):
        # "deployed from Gao", "militiamen coming from Nedogo", "a teacher from Kaya", "the mayor of Boni":
        # where people came from or hold office, not where it happened
        cand.qualifier = "origin"
        return
    if _REGION_AFTER.match(after) or _REGION_BEFORE.search(before):
        cand.region_word = True
    county = _COUNTY_AFTER.match(after)
    if county:
        cand.region_word = True
        cand.alt_names.append(f"{cand.span.text} {'Parish' if county['kind'].lower().startswith('parish') else 'County'}")


_FROM_BEFORE = re.compile(r"\b(?:deployed|coming|came|arriving|arrived|sent|dispatched|flown|flew|travell?ing|fled|"
                          r"returning|originating|reinforcements?)\s+from\s+(?:the\s+)?(?:(?:town|city|village|base)\s+of\s+)?$",
                          re.I)


_PEOPLE = (r"(?:man|men|woman|women|boy|girl|child|children|people|person|persons|individuals?|youths?|villagers?|"
           r"residents?|inhabitants?|natives?|civilians?|farmers?|herders?|traders?|merchants?|workers?|teachers?|"
           r"pupils?|students?|journalists?|officials?|notables?|families|family|members?|relatives?|"
           r"displaced persons|IDPs?)")
_OFFICES = (r"(?:mayor|deputy mayor|former mayor|chief|village chief|imam|muezzin|governor|prefect|sub-prefect|"
            r"high commissioner|councill?or|MP|deputy|member of parliament|president|secretary general|head)")
# 'a teacher from Kaya', 'villagers from the commune of Kewa', 'a native of Djibo', 'the mayor of Boni'
_HOME_BEFORE = re.compile(rf"\b(?:{_PEOPLE}\s+(?:originally\s+)?from|natives?\s+of|{_OFFICES}\s+of)\s+"
                          r"(?:the\s+)?(?:(?:town|city|village|commune|rural commune|municipality|locality)\s+of\s+)?$",
                          re.I)


def origins(text: str, found: list[PlaceCandidate]) -> None:
    """'deployed from Gao and Niamey': the places listed after an origin are origins too."""
    for a, b in zip(found, found[1:], strict=False):
        if a.qualifier == "origin" and not b.qualifier and _LIST_GAP.match(text[a.span.end:b.span.start]):
            b.qualifier = "origin"


_COUNTY_AFTER = re.compile(r"^\s+(?P<kind>count(?:y|ies)|Co\.|parish(?:es)?)(?!\w)")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)\s*$")


def county_lists(text: str, found: list[PlaceCandidate]) -> None:
    """'Hitchcock and Hayes counties', 'Hamilton, Hendricks and Marion counties': the plural covers the list."""
    for i in range(len(found) - 1, 0, -1):
        cand = found[i]
        suffixes = [a.rsplit(" ", 1)[1] for a in cand.alt_names if a.endswith((" County", " Parish"))]
        if not suffixes:
            continue
        j = i
        while j > 0 and _LIST_GAP.match(text[found[j - 1].span.end:found[j].span.start]):
            j -= 1
            prev = found[j]
            if not any(a.endswith(suffixes[0]) for a in prev.alt_names):
                prev.alt_names.append(f"{prev.span.text} {suffixes[0]}")
                prev.region_word = True


_AXIS = re.compile(r"\baxis\s+$|^\s*axis\b", re.I)


_PART_OF = re.compile(r"^\s+(?:quarter|neighbou?rhood|district|sector|suburb|area|section|market|commune)\s+"
                      r"(?:of|in)\s+(?:the\s+(?:capital|city|town)\s+(?:of\s+)?)?$", re.I)


def parts(text: str, found: list[PlaceCandidate]) -> None:
    """'the Chateau quarter of Gao', 'the Sotuba area in Bamako': the part is a place name, the town is where
    it happened."""
    for a, b in zip(found, found[1:], strict=False):
        if a.role == "place" and b.places and _PART_OF.match(text[a.span.end:b.span.start]):
            a.role = "part"


def between(text: str, found: list[PlaceCandidate]) -> None:
    """'between Deou and Oursi', 'the Ansongo-Gao axis': both ends of a stretch are near the event, neither
    is its place."""
    ends = [c for c in found if c.role != "qualifier"]
    for a, b in zip(ends, ends[1:], strict=False):
        gap = text[a.span.end:b.span.start]
        between = _BETWEEN.search(text[max(0, a.span.start - 40):a.span.start]) and re.fullmatch(
            r"\s*(?:\([^()]*\)\s*)?(?:\[[^\[\]]*\]\s*)?(?:and|&)\s+(?:the\s+)?", gap)
        axis = gap in ("-", "–") and (_AXIS.search(text[max(0, a.span.start - 10):a.span.start])
                                      or _AXIS.search(text[b.span.end:b.span.end + 10]))
        if between or axis:
            for cand in (a, b):
                if cand.qualifier in ("", "near"):
                    cand.qualifier = "near"


_ADMIN_CODES = ("ADM1", "ADM2")
_LIST_GOES_ON = re.compile(r"^\s*(?:,|and\b|&|or\b)\s*[A-Z]")


def comma_hints(text: str, found: list[PlaceCandidate]) -> None:
    """'near Kolo, Mopti', 'Tiby, Segou Region': an admin area after a comma says where the place before it is,
    as '(Mopti)' would, and is not a place of its own; unless a list goes on ('in Gao, Mopti and Kidal')."""
    for a, b in zip(found, found[1:], strict=False):
        if a.admin_hint or a.kind == "demonym" or b.kind == "demonym" or b.role != "place" or a.role != "place":
            continue
        if not re.fullmatch(r",\s*", text[a.span.end:b.span.start]) or _LIST_GOES_ON.match(text[b.span.end:]):
            continue
        if not (b.region_word or any(p.feature_code in _ADMIN_CODES for p in b.places)) or \
                any(p.is_country for p in b.places):
            continue  # 'Gao, Mali': a country (and not Mali prefecture of Guinea) is left to resolution
        a.admin_hint, a.comma_hint = [b.span.text], True
        b.role = "qualifier"


def hint_qualifiers(text: str, found: list[PlaceCandidate]) -> None:
    """'(Douentza, Mopti)' after a place: the names inside qualify it; the hint also covers the names it is
    coordinated with ('the villages of Konna and Ardiana (Kombori, Kossi)')."""
    for i, cand in enumerate(found):
        if not cand.admin_hint:
            continue
        m = _ADMIN_HINT.match(text[cand.span.end:])
        end = cand.span.end + m.end() if m else cand.span.end
        for other in found[i + 1:]:
            if other.span.start >= end:
                break
            other.role = "qualifier" if other.role == "place" else other.role
            other.region_word = True
        j = i
        while j > 0 and re.fullmatch(r"\s*(?:,|and|,\s*and|or|&)\s*", text[found[j - 1].span.end:found[j].span.start]):
            j -= 1
            if not found[j].admin_hint:
                found[j].admin_hint = list(cand.admin_hint)


_DIRECTION_BEFORE = re.compile(
    r"\b(?P<adj>(?:north|south)?-?(?:northern|southern|eastern|western|central|north|south|east|west)(?:ern)?)\s+$",
    re.I)


def join_directions(text: str, found: list[PlaceCandidate], gazetteer: Gazetteer) -> None:
    """'northern Mali' is a region of its own when the index knows it, else Mali with a direction."""
    for cand in found:
        if cand.kind == "demonym":
            continue
        before = text[max(0, cand.span.start - 20):cand.span.start]
        m = _DIRECTION_BEFORE.search(before)
        if not m or m["adj"].lower() not in DIRECTION_ADJECTIVES:
            continue
        joined = text[cand.span.start - len(m.group()):cand.span.end]
        regional = gazetteer.lookup(joined)
        cand.direction = DIRECTION_ADJECTIVES[m["adj"].lower()]
        if regional:
            cand.places = regional
            cand.span = Span(cand.span.start - len(m.group()), cand.span.end, joined)
            cand.direction = ""
            cand.fixed = False
        else:
            cand.qualifier = cand.qualifier or "direction"
