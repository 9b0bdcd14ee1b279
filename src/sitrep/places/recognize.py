"""Finding place mentions in text: gazetteer matching over capitalised runs, spaCy's GPE/LOC/FAC entities,
demonyms, and the relative forms analysts meet every day ("40 miles from Niamey", "northern Mali",
"near Gao", "(Douentza, Mopti)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.names import name_key
from sitrep.records import Place, Span

CONNECTORS = {"of", "de", "du", "des", "el", "al", "la", "le", "les", "d", "sur", "upon", "on", "the", "en", "ad",
              "an", "as", "ash", "ar", "az", "bin", "ben", "ibn", "y", "da", "do", "dos", "das", "di", "del", "am"}
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
_ADMIN_HINT = re.compile(r"^\s*\((?P<a>[^(),]{2,40})(?:,\s*(?P<b>[^(),]{2,40}))?(?:,\s*(?P<c>[^(),]{2,40}))?\)")


@lru_cache(maxsize=1)
def _stop_names() -> frozenset[str]:
    path = DATA_DIR / "lexicons" / "place_stopwords.txt"
    words = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(name_key(line))
    return frozenset(words)


@dataclass
class PlaceCandidate:
    span: Span
    places: list[Place]
    kind: str = "name"  # name | demonym | entity (spaCy found it, the gazetteer did not)
    qualifier: str = ""  # near | distance | direction | region
    direction: str = ""
    distance_km: float | None = None
    admin_hint: list[str] = field(default_factory=list)  # "(Douentza, Mopti)" -> ["Douentza", "Mopti"]
    region_word: bool = False  # followed by "region"/"province": prefer admin areas
    entity_label: str = ""


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


def _qualify(text: str, cand: PlaceCandidate) -> None:
    before = text[max(0, cand.span.start - 80):cand.span.start]
    after = text[cand.span.end:cand.span.end + 80]
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
    if _REGION_AFTER.match(after) or _REGION_BEFORE.search(before):
        cand.region_word = True
    hint = _ADMIN_HINT.match(after)
    if hint:
        cand.admin_hint = [h.strip() for h in (hint["a"], hint["b"], hint["c"]) if h]


_FACILITY = re.compile(r"\b(?:(?P<city>[A-Z][\w-]+)(?:'s)?\s+)?(?:(?:city|capital|town)'s\s+)?(?:main\s+|international\s+|"
                       r"military\s+|civilian\s+)?(?P<kind>airport|air base|airbase|military base|military camp)\b")


def _facilities(text: str, found: list[PlaceCandidate], gazetteer: Gazetteer,
                taken: list[tuple[int, int]]) -> list[PlaceCandidate]:
    """'the city's main airport', 'Gao airport': the facility of the town named, or of the last town named."""
    out = []
    for m in _FACILITY.finditer(text):
        if any(m.start("kind") < e and s < m.end("kind") for s, e in taken):
            continue
        kind = "airport" if "air" in m["kind"] else m["kind"]
        cities = [m["city"]] if m["city"] and gazetteer.lookup(m["city"]) else []
        cities += [c.span.text for c in reversed(found) if c.span.end <= m.start() and c.places
                   and c.kind != "demonym" and any(p.feature_class == "P" for p in c.places)
                   and m.start() - c.span.end < 600]
        places, city = [], None
        for city in cities:
            places = gazetteer.lookup(f"{city} {kind}")
            if places:
                break
        if places:
            start = m.start("city") if m["city"] and m["city"] == city else m.start("kind")
            out.append(PlaceCandidate(Span(start, m.end(), text[start:m.end()]), places, kind="facility"))
    return out


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0] in "'’" and word[1:2].isupper()))


ADMIN_TAIL_WORDS = {"region", "province", "state", "district", "department", "county", "parish", "city", "town",
                    "village", "airport", "governorate", "prefecture", "municipality", "commune", "cercle", "valley",
                    "river", "lake", "mountains", "desert", "island", "islands", "sea", "ocean", "gulf", "bay",
                    "strip", "bank", "heights", "plateau", "delta", "basin", "coast", "peninsula", "highlands"}


def find_candidates(text: str, doc, gazetteer: Gazetteer, actor_spans: list[tuple[int, int]] | None = None,
                    nationalities: dict[str, str] | None = None,
                    not_places: frozenset[str] = frozenset()) -> list[PlaceCandidate]:
    """Every place mention in `text` (spaCy `doc` over the same text), left to right.

    `nationalities` maps demonyms to country codes ("malian" -> "ML"); `not_places` are name keys that are
    never place names on their own in news (ethnic groups such as "Tuareg", "Bambara").
    """
    stop = _stop_names()
    nationalities = nationalities or {}
    actor_spans = actor_spans or []
    person_tokens: set[int] = set()
    org_ranges: list[tuple[int, int]] = []
    entity_label: dict[int, str] = {}
    for ent in doc.ents:
        for tok in ent:
            entity_label[tok.i] = ent.label_
        if ent.label_ == "PERSON" and len(ent) >= 2:
            person_tokens.update(t.i for t in ent)
        if ent.label_ in ("ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            org_ranges.append((ent.start_char, ent.end_char))

    def overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in ranges)

    tokens = list(doc)
    found: list[PlaceCandidate] = []
    taken: list[tuple[int, int]] = []
    # Demonyms first: "Malian" is Mali's adjective, not the Iranian village of that name.
    for m in re.finditer(r"\b[A-Z][a-zéè]+(?:-[A-Z][a-zéè]+)?\b", text):
        cc = nationalities.get(name_key(m.group()))
        if not cc:
            continue
        country = gazetteer.country(cc)
        if country is not None:
            found.append(PlaceCandidate(Span(m.start(), m.end(), m.group()), [country], kind="demonym"))
            taken.append((m.start(), m.end()))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not _is_capitalised(tok.text) or not any(ch.isalpha() for ch in tok.text):
            i += 1
            continue
        # The longest gazetteer name starting here, within a run of capitalised words and connectors.
        best = None
        j = i
        last_cap = i
        while j < len(tokens) and j - i < 7:
            t = tokens[j]
            if j > i and t.whitespace_ == "" and t.text in ("-",):
                j += 1
                continue
            if _is_capitalised(t.text) or t.text in ("-", "'") or (j > i and t.lower_ in CONNECTORS):
                if _is_capitalised(t.text):
                    last_cap = j
                j += 1
                continue
            break
        for end in range(last_cap, i - 1, -1):
            if not _is_capitalised(tokens[end].text):
                continue
            start_char, end_char = tokens[i].idx, tokens[end].idx + len(tokens[end].text)
            surface = text[start_char:end_char]
            key = name_key(surface)
            if not key or not gazetteer.has_key(key):
                continue
            best = (i, end, start_char, end_char, surface, key)
            break
        if best is None or overlaps(taken, best[2], best[3]):
            i += 1 if best is None else best[1] - best[0] + 1
            continue
        bi, be, start_char, end_char, surface, key = best
        i = be + 1
        single = bi == be
        first = tokens[bi]
        if single and (key in nationalities or key in not_places):
            continue
        # Part of a longer capitalised name that is not a place ("Alliance of Sahelian States", "Grey Zone").
        if single and entity_label.get(bi) not in ("GPE", "LOC", "FAC"):
            nxt = tokens[be + 1] if be + 1 < len(tokens) else None
            prv = tokens[bi - 1] if bi > 0 else None
            continues = nxt is not None and (_is_capitalised(nxt.text) or (
                nxt.lower_ in ("of", "de") and be + 2 < len(tokens) and _is_capitalised(tokens[be + 2].text)))
            continues = continues and nxt.lower_ not in ADMIN_TAIL_WORDS
            preceded = prv is not None and _is_capitalised(prv.text) and not prv.is_sent_start \
                and prv.lower_ not in ADMIN_TAIL_WORDS
            if continues or preceded:
                continue
        if key in stop and not (entity_label.get(bi) in ("GPE", "LOC", "FAC") and not first.is_sent_start):
            continue
        if single and first.is_sent_start and first.is_stop:
            continue
        if overlaps(actor_spans, start_char, end_char) or overlaps(org_ranges, start_char, end_char):
            continue
        if all(t in person_tokens for t in range(bi, be + 1)) and entity_label.get(bi) == "PERSON":
            continue
        places = gazetteer.lookup(surface)
        if not places:
            continue
        cand = PlaceCandidate(Span(start_char, end_char, surface), places, entity_label=entity_label.get(bi, ""))
        _qualify(text, cand)
        found.append(cand)
        taken.append((start_char, end_char))

    # spaCy's places that the gazetteer does not know under that exact name.
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or overlaps(taken, ent.start_char, ent.end_char):
            continue
        if not _is_capitalised(ent.text.removeprefix("the ")) or name_key(ent.text) in nationalities \
                or name_key(ent.text) in not_places:
            continue
        if overlaps(actor_spans, ent.start_char, ent.end_char):
            continue
        surface = ent.text
        for prefix in ("the ", "The "):
            if surface.startswith(prefix):
                surface = surface[len(prefix):]
        start = ent.end_char - len(surface)
        places = gazetteer.lookup(surface) or gazetteer.lookup_compact(surface)
        cand = PlaceCandidate(Span(start, ent.end_char, surface), places, kind="entity", entity_label=ent.label_)
        _qualify(text, cand)
        found.append(cand)
        taken.append((start, ent.end_char))

    found.extend(_facilities(text, found, gazetteer, taken))
    found.sort(key=lambda c: c.span.start)

    # Direction adjectives joined to a place: "northern Mali" is a region of its own.
    for cand in found:
        before = text[max(0, cand.span.start - 20):cand.span.start]
        m = re.search(r"\b(?P<adj>(?:north|south)?-?(?:northern|southern|eastern|western|central|north|south|east|west)(?:ern)?)\s+$",
                      before, re.I)
        if m and m["adj"].lower() in DIRECTION_ADJECTIVES:
            joined = text[cand.span.start - len(m.group()):cand.span.end]
            regional = gazetteer.lookup(joined)
            cand.direction = DIRECTION_ADJECTIVES[m["adj"].lower()]
            if regional:
                cand.places = regional
                cand.span = Span(cand.span.start - len(m.group()), cand.span.end, joined)
                cand.direction = ""
            else:
                cand.qualifier = cand.qualifier or "direction"

    found.sort(key=lambda c: c.span.start)
    return found
