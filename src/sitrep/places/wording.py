"""Relative wording around a place name: "40 km north of", "near", "northern Mali", "between X and Y",
"the X quarter of Y", "X and Y counties", "deployed from X", "the mayor of X", and the brackets after a name:
"(Douentza, Mopti)" admin hints, "[Petel]" other spellings. The words are the `places` entries of the
document language's lexicon."""

from __future__ import annotations

import re

from sitrep.lexicon import Lexicon
from sitrep.places.candidate import PlaceCandidate
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.names import name_key
from sitrep.places.wordlists import STAGE, lexicon, pattern, table, words
from sitrep.records import Span

# Canonical directions (sitrep's own names, as written in a mention's qualifier: 'north part') and their unit
# vectors (north, east). A language's words map to these through its lexicon.
DIRECTIONS = {"north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1), "northeast": (0.7, 0.7),
              "northwest": (0.7, -0.7), "southeast": (-0.7, 0.7), "southwest": (-0.7, -0.7),
              "north-east": (0.7, 0.7), "north-west": (0.7, -0.7), "south-east": (-0.7, 0.7),
              "south-west": (-0.7, -0.7)}


def _number(text: str, lex: Lexicon | None) -> float | None:
    """A distance's number: digits, a vague figure of the lexicon ('une trentaine'), or number words read
    by text2num in the lexicon's language."""
    text = text.replace(",", ".").strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    vague = table(lex, "approximate_numbers")
    if text in vague:
        return float(vague[text])
    try:
        from text_to_num import text2num

        return float(text2num(text, lexicon(lex).language))
    except (ValueError, ImportError):
        return None


def written_direction(written: str, lex: Lexicon | None) -> str:
    """The canonical direction of a written one ('northern' -> 'north', 'nord-est' -> 'northeast')."""
    word = written.lower()
    for ending in lexicon(lex).items(STAGE, "direction_endings"):
        word = word.replace(str(ending), "")
    word = word.replace(" ", "-")
    return str(table(lex, "direction_names").get(word, word))


def qualify(text: str, cand: PlaceCandidate, lex: Lexicon | None = None) -> None:
    """Relative wording before the name ('40 km north of', 'near', 'northern'), a region word after it, and
    what follows in brackets: '(Douentza, Mopti)' admin hints or '[Petel]' another spelling."""
    before = text[max(0, cand.span.start - 80):cand.span.start]
    after = text[cand.span.end:cand.span.end + 120]
    alt = _ALT_AFTER.match(after)
    if alt:
        cand.alt_names.append(alt["alt"].strip())
        after = after[alt.end():]
    hint = pattern(lex, "admin_hint", 0).match(after)
    if hint:
        cand.admin_hint = [h.strip() for h in (hint["a"], hint["b"], hint["c"]) if h]
    cand.town_noun = bool(pattern(lex, "town_nouns_after").match(after))
    if pattern(lex, "coded_before").search(before):
        cand.qualifier = "coded"
        said = pattern(lex, "coded_precision").match(text[cand.span.end:cand.span.end + 120])
        cand.precision = int(said["n"]) if said else None
        return
    m = pattern(lex, "distance_before").search(before)
    if m:
        distance = _number(m["num"], lex)
        if distance is not None:
            cand.qualifier = "distance"
            cand.distance_km = distance * float(table(lex, "distance_units")[m["unit"].lower()])
            if m["dir"]:
                cand.direction = written_direction(m["dir"], lex)
            return
    m = pattern(lex, "near_before").search(before)
    if m:
        q = m["q"].lower()
        cand.qualifier = "near"
        for start, direction in table(lex, "direction_starts").items():
            if q.startswith(start):
                cand.qualifier, cand.direction = "direction", str(direction)
        return
    if pattern(lex, "from_before").search(before) or pattern(lex, "home_before").search(before) or \
            pattern(lex, "heading_before").search(before) or pattern(lex, "office_after").match(after):
        # "deployed from Gao", "militiamen coming from Nedogo", "a teacher from Kaya", "the mayor of Boni",
        # "fleeing towards Gao", "a West Africa researcher": where people came from, went or hold office, not
        # where it happened
        cand.qualifier = "origin"
        return
    if pattern(lex, "region_after").match(after) or pattern(lex, "region_before").search(before):
        cand.region_word = True
    if (pattern(lex, "area_nouns_after").match(after) or pattern(lex, "area_nouns_before").search(before)) and \
            not any(p.is_country for p in cand.places):
        cand.region_word = True  # 'the New York border', "New York's attorney general": the state (a country
        # keeps its own reading: 'the Niger border' is not Niger State)
    if pattern(lex, "quarter_before").search(before):
        cand.quarter_word = True
    county = pattern(lex, "county_after", 0).match(after)
    if county:
        cand.region_word = True
        cand.alt_names.append(f"{cand.span.text} {table(lex, 'county_kinds')[county['kind'].lower()]}")


# '[Petel]' after a name: another spelling of it.
_ALT_AFTER = re.compile(r"^\s*\[(?P<alt>[A-Z][^\[\]()]{1,40})\]")


def origins(text: str, found: list[PlaceCandidate], lex: Lexicon | None = None) -> None:
    """'deployed from Gao and Niamey': the places listed after an origin are origins too."""
    gap = pattern(lex, "list_gap", 0)
    for a, b in zip(found, found[1:], strict=False):
        if a.qualifier == "origin" and not b.qualifier and gap.match(text[a.span.end:b.span.start]):
            b.qualifier = "origin"


def county_lists(text: str, found: list[PlaceCandidate], lex: Lexicon | None = None) -> None:
    """'Hitchcock and Hayes counties', 'Hamilton, Hendricks and Marion counties': the plural covers the list."""
    gap = pattern(lex, "list_gap", 0)
    endings = tuple(f" {kind}" for kind in dict.fromkeys(table(lex, "county_kinds").values()))
    for i in range(len(found) - 1, 0, -1):
        cand = found[i]
        suffixes = [a.rsplit(" ", 1)[1] for a in cand.alt_names if endings and a.endswith(endings)]
        if not suffixes:
            continue
        j = i
        while j > 0 and gap.match(text[found[j - 1].span.end:found[j].span.start]):
            j -= 1
            prev = found[j]
            if not any(a.endswith(suffixes[0]) for a in prev.alt_names):
                prev.alt_names.append(f"{prev.span.text} {suffixes[0]}")
                prev.region_word = True


def parts(text: str, found: list[PlaceCandidate], lex: Lexicon | None = None) -> None:
    """'the Chateau quarter of Gao', 'the Sotuba area in Bamako', 'le quartier Gounghin de Ouagadougou': the
    part is a place name, the town is where it happened."""
    part_of, part_before = pattern(lex, "part_of"), pattern(lex, "part_before")
    for a, b in zip(found, found[1:], strict=False):
        if a.role == "place" and b.places and part_of.match(text[a.span.end:b.span.start]) and \
                part_before.search(text[max(0, a.span.start - 30):a.span.start]):
            a.role = "part"
            if b.role == "embedded":
                b.role = "place"  # 'le quartier Gounghin de Ouagadougou': the town, not a longer name


def between(text: str, found: list[PlaceCandidate], lex: Lexicon | None = None) -> None:
    """'between Deou and Oursi', 'the Ansongo-Gao axis': both ends of a stretch are near the event, neither
    is its place."""
    axis = pattern(lex, "axis")
    ends = [c for c in found if c.role != "qualifier"]
    for a, b in zip(ends, ends[1:], strict=False):
        gap = text[a.span.end:b.span.start]
        stretch = pattern(lex, "between_before").search(text[max(0, a.span.start - 40):a.span.start]) and \
            pattern(lex, "between_gap", 0).fullmatch(gap)
        on_axis = gap in ("-", "–") and (axis.search(text[max(0, a.span.start - 10):a.span.start])
                                         or axis.search(text[b.span.end:b.span.end + 10]))
        if stretch or on_axis:
            for cand in (a, b):
                if cand.qualifier in ("", "near"):
                    cand.qualifier = "near"


_ADMIN_CODES = ("ADM1", "ADM2")


def comma_hints(text: str, found: list[PlaceCandidate], lex: Lexicon | None = None) -> None:
    """'near Kolo, Mopti', 'Tiby, Segou Region': an admin area after a comma says where the place before it is,
    as '(Mopti)' would, and is not a place of its own; unless a list goes on ('in Gao, Mopti and Kidal')."""
    for a, b in zip(found, found[1:], strict=False):
        if a.admin_hint or a.kind == "demonym" or b.kind == "demonym" or b.role != "place" or a.role != "place":
            continue
        if not pattern(lex, "comma_hint_gap", 0).fullmatch(text[a.span.end:b.span.start]) or \
                pattern(lex, "list_goes_on", 0).match(text[b.span.end:]):
            continue
        if not (b.region_word or any(p.feature_code in _ADMIN_CODES for p in b.places)) or \
                any(p.is_country for p in b.places) or name_key(b.span.text) in _direction_keys(lex):
            continue  # 'Gao, Mali': a country (and not Mali prefecture of Guinea) is left to resolution;
            # 'Kansas City, North': a part of the town, not Cameroon's North region
        if any(p.is_country for p in a.places):
            continue  # 'near the border with Mali, in the Tillaberi region': a country is in no region
        a.admin_hint, a.comma_hint = [b.span.text], True
        b.role = "qualifier"
        if _own_admin1(b):
            # 'Yonkers, New York': the state, not the city or the county of the same name
            b.region_word = True
            b.places = [p for p in b.places if p.feature_code != "ADM2"]


def _direction_keys(lex: Lexicon | None) -> frozenset[str]:
    return frozenset(name_key(str(k)) for k in table(lex, "direction_starts")) | \
        frozenset(name_key(str(k)) for k in table(lex, "direction_adjectives"))


def _own_admin1(cand: PlaceCandidate) -> bool:
    """One of the name's readings is an admin-1 area of that very name ('New York', 'Texas', 'Kidal')."""
    key = name_key(cand.span.text)
    return any(p.feature_code == "ADM1" and name_key(p.name) == key for p in cand.places)


def _only_an_area(cand: PlaceCandidate) -> bool:
    """The name is an admin-1 area's and no town of the same name stands inside it ('Missouri', 'North
    Carolina'; not 'New York' or 'Kidal', whose seats share their names)."""
    key = name_key(cand.span.text)
    areas = [p for p in cand.places if p.feature_code == "ADM1" and name_key(p.name) == key]
    return bool(areas) and not any(
        p.feature_class == "P" and name_key(p.name) == key and any(
            p.country_code == a.country_code and p.admin1_code == a.admin1_code for a in areas)
        for p in cand.places)


def state_lists(text: str, found: list[PlaceCandidate], lex: Lexicon | None = None) -> None:
    """'Missouri, New York, North Carolina and Virginia': in a list of at least two names that are only admin-1
    areas, a name shared by an area and a town means the area."""
    gap = pattern(lex, "list_gap", 0)
    run: list[PlaceCandidate] = []
    for cand in [*found, None]:
        if cand is not None and run and gap.match(text[run[-1].span.end:cand.span.start]) and cand.kind != "demonym":
            run.append(cand)
            continue
        if len(run) >= 3 and sum(_only_an_area(c) for c in run) >= 2:
            for c in run:
                if _own_admin1(c) and not any(p.is_country for p in c.places):
                    c.region_word = True
        run = [cand] if cand is not None and cand.kind != "demonym" else []


def hint_qualifiers(text: str, found: list[PlaceCandidate], lex: Lexicon | None = None) -> None:
    """'(Douentza, Mopti)' after a place: the names inside qualify it; the hint also covers the names it is
    coordinated with ('the villages of Konna and Ardiana (Kombori, Kossi)')."""
    for i, cand in enumerate(found):
        if not cand.admin_hint:
            continue
        m = pattern(lex, "admin_hint", 0).match(text[cand.span.end:])
        end = cand.span.end + m.end() if m else cand.span.end
        for other in found[i + 1:]:
            if other.span.start >= end:
                break
            other.role = "qualifier" if other.role == "place" else other.role
            other.region_word = True
        j = i
        while j > 0 and pattern(lex, "coordination_gap", 0).fullmatch(text[found[j - 1].span.end:found[j].span.start]):
            j -= 1
            if not found[j].admin_hint:
                found[j].admin_hint = list(cand.admin_hint)


def join_directions(text: str, found: list[PlaceCandidate], gazetteer: Gazetteer, lex: Lexicon | None = None) -> None:
    """'northern Mali' is a region of its own when the index knows it, else Mali with a direction. A direction
    word joined to the name by a preposition is no place of its own ('le Nord du Burkina': not Cameroon's
    Nord region)."""
    adjectives = table(lex, "direction_adjectives")
    directions: list[tuple[int, int]] = []
    for cand in found:
        if cand.kind == "demonym":
            continue
        before = text[max(0, cand.span.start - 20):cand.span.start]
        m = pattern(lex, "direction_before").search(before)
        if not m or m["adj"].lower() not in adjectives:
            after = pattern(lex, "direction_after").match(text[cand.span.end:cand.span.end + 20])
            if after and after["adj"].lower() in adjectives and not cand.fixed:
                # "l'Afrique de l'Ouest": the direction after the name, no place of its own
                cand.direction = str(adjectives[after["adj"].lower()])
                cand.qualifier = cand.qualifier or "direction"
                directions.append((cand.span.end, cand.span.end + after.end()))
            continue
        offset = cand.span.start - len(before)
        if re.search(r"\w", before[m.end("adj"):]):
            # joined to the name by a word ('le Nord du Burkina'): the direction word is no place of its own
            directions.append((offset + m.start("adj"), cand.span.start))
        joined = text[cand.span.start - len(m.group()):cand.span.end]
        regional = gazetteer.lookup(joined)
        cand.direction = str(adjectives[m["adj"].lower()])
        if regional:
            cand.places = regional
            cand.span = Span(cand.span.start - len(m.group()), cand.span.end, joined)
            cand.direction = ""
            cand.fixed = False
        else:
            cand.qualifier = cand.qualifier or "direction"
    if directions:
        found[:] = [c for c in found if not any(s <= c.span.start and c.span.end <= e for s, e in directions)]


def named_of(text: str, cand: PlaceCandidate, lex: Lexicon | None = None) -> bool:
    """'the Sunni Movement of Pouytenga', 'the Grand Imam of Djibo': a place named inside an organisation's
    or office's name as what it is of (not 'the Union of Kaya Traders', whose name goes on past the place)."""
    return cand.role == "embedded" and bool(cand.places) and bool(
        pattern(lex, "of_before", 0).search(text[max(0, cand.span.start - 40):cand.span.start])) and \
        not _name_goes_on(text[cand.span.end:cand.span.end + 40], lex)


def _name_goes_on(after: str, lex: Lexicon | None = None) -> bool:
    """True when capitalised words follow the place inside the organisation's name: the place only
    qualifies them ('Faso Students', 'Economy and Finance'), so the organisation is not 'of' that place
    ('Region', 'Province' and the like only finish the place's own name)."""
    m = pattern(lex, "name_goes_on", 0).match(after)
    return m is not None and m["word"].lower() not in words(lex, "admin_tail_words")
