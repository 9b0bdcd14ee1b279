"""Finding place mentions in text: gazetteer matching over capitalised runs, spaCy's GPE/LOC/FAC entities,
demonyms and abbreviations, and the relative forms analysts meet every day ("40 miles from Niamey",
"northern Mali", "near Gao", "(Douentza, Mopti)").

Context filters keep out what only looks like a place: people ("Jordan said" after "Michael Jordan",
"Mr. Lincoln"), capitalised common words ("Will", "Mobile" at a sentence start), ethnic groups ("Tuareg").
A place name inside another name keeps a role that says how it is used: "site" for a facility that stands
there ("Gao Regional Hospital"), "embedded" for other names ("the Washington Post", an actor's name),
"modifier" for "the Mali embassy", "qualifier" for the "(Mopti)" of "Sevare (Mopti)". All are place names
for the geoparser; only places and sites can be where an event happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.intervals import SpanIndex, Taken
from sitrep.lexicon import Lexicon
from sitrep.places.candidate import PlaceCandidate
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.lexicon import abbreviations, demonyms, exonym_pattern, exonyms, target_place
from sitrep.places.names import name_key
from sitrep.places.wording import (
    between,
    comma_hints,
    county_lists,
    hint_qualifiers,
    join_directions,
    origins,
    parts,
    qualify,
    state_lists,
)
from sitrep.places.wordlists import (
    common_word,
    given_names,
    keys,
    pattern,
    setting,
    stop_names,
    surnames,
    table,
    village_qualifiers,
    words,
)
from sitrep.records import Place, Span

__all__ = ["PlaceCandidate", "find_candidates"]

# spaCy's labels for people: OntoNotes' (English models) and WikiNER's (French and other models).
_PERSON = ("PERSON", "PER")
_SENTENCE_END = {".", "!", "?", "...", ":", ";", "—", "–", "-"}
_HYPHENS = {"-", "–"}
_SAINT_SHORT = re.compile(r"^(?:ST|STE|FT|MT)\.$")
_QUOTES = {'"', "'", "”", "’", "“", "‘", ")", "]"}

def _facilities(text: str, found: list[PlaceCandidate], gazetteer: Gazetteer,
                taken: SpanIndex, lex: Lexicon | None) -> list[PlaceCandidate]:
    """'the city's main airport', 'Gao airport': the facility of the town named, or of the last town named."""
    out = []
    kinds = table(lex, "facility_kinds")
    for m in pattern(lex, "facility", 0).finditer(text):
        if taken.overlaps(m.start("kind"), m.end("kind")):
            continue
        kind = kinds.get(m["kind"].lower(), m["kind"].lower())
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
            # the town's name and the facility's word in either order ('Gao airport', 'aéroport de Gao')
            start = min(m.start("city"), m.start("kind")) if m["city"] and m["city"] == city else m.start("kind")
            out.append(PlaceCandidate(Span(start, m.end(), text[start:m.end()]), places, kind="facility"))
    return out


def _local_facilities(ctx: _Context, doc, taken: SpanIndex) -> list[PlaceCandidate]:
    """'Royal Street', 'Trump Tower', 'Holy Redeemer Church': facilities the gazetteer does not know, placed
    in the town the text is about when the resolver finds one (kind 'facility', no readings of their own)."""
    out = []
    tokens = ctx.tokens
    street_words, first_words = words(ctx.lex, "street_words"), words(ctx.lex, "street_words_first")
    i = 0
    while i < len(tokens):
        if not _is_capitalised(tokens[i].text) or not tokens[i].is_alpha or i in ctx.title_case:
            i += 1
            continue
        last = _run_end(tokens, i, words(ctx.lex, "connectors"))
        alpha = [t for t in tokens[i:last + 1] if t.is_alpha]
        end_word = tokens[last].text.rstrip(".").lower()
        # the kind word first ('Hôtel Splendid', "l'hôtel Splendid"), where a language writes it so
        kind_first = i if tokens[i].lower_ in first_words and len(alpha) >= 2 else \
            i - 1 if i > 0 and tokens[i - 1].lower_ in first_words else None
        if len(alpha) >= 2 and end_word in street_words and tokens[i].lower_ not in street_words \
                and ctx.label.get(i) not in (*_PERSON, "ORG") or (
                len(alpha) >= 2 and ctx.label.get(i) == "FAC" and end_word in street_words) or (
                kind_first is not None and end_word not in first_words and ctx.label.get(i) not in _PERSON):
            start, end = tokens[kind_first if kind_first is not None else i].idx, tokens[last].idx + len(tokens[last].text)
            if not taken.overlaps(start, end):
                surface = ctx.text[start:end]
                out.append(PlaceCandidate(Span(start, end, surface), [], kind="facility"))
        i = last + 1
    return out


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0] in "'’" and word[1:2].isupper()))


def _elided(word: str) -> bool:
    """"L'", "D'": an article or preposition elided before the next word, never the start of a name."""
    return len(word) <= 3 and word[-1] in "'’"


def _is_word(word: str) -> bool:
    return word[:1].isalpha()


@dataclass
class _Context:
    """What recognition needs to know about the spaCy analysis of the text."""
    text: str
    tokens: list
    label: dict[int, str]  # token index -> entity label
    entity: dict[int, tuple[int, int]]  # token index -> (first, last) token of its entity
    person_keys: frozenset[str]  # words of people's names (from PERSON entities of two words or more)
    sentence_starts: frozenset[int]
    actor_spans: SpanIndex
    title_case: frozenset[int]  # tokens of headline-style sentences, where every word is capitalised
    inner_keys: frozenset[str]  # capitalised words seen inside sentences (not first), as name keys
    datelines: frozenset[int]  # "HARWINTON —", "CHARLESTON, W.Va. -": the place a report was filed from
    person_tokens: frozenset[int]  # tokens of PERSON entities that name the person (not 'Huntsville Fire Chief')
    area_lists: frozenset[int]  # names a plural area word covers ('Hitchcock and Hayes counties')
    lex: Lexicon | None = None  # the words of the text's language


def _sentence_starts(tokens: list) -> frozenset[int]:
    """Token indexes that begin a sentence: after . ! ? (and closing quotes), or after a line break."""
    starts = {0}
    for i in range(1, len(tokens)):
        prev = tokens[i - 1]
        text = prev.text.strip()
        if "\n" in prev.whitespace_ or "\n" in prev.text or prev.is_space:
            starts.add(i)
        elif text in _SENTENCE_END and not (text in _HYPHENS and not prev.whitespace_ and i >= 2
                                             and not tokens[i - 2].whitespace_):
            starts.add(i)  # (but 'D-Winthrop', 'Logan-Rogersville': a hyphen inside a word ends nothing)
        elif text in _QUOTES and i >= 2 and tokens[i - 2].text in _SENTENCE_END:
            starts.add(i)
        elif len(text) > 1 and text.endswith(".") and text[:-1].isalpha() and text[:-1].islower():
            starts.add(i)  # "said.Then": a run-on the tokenizer kept together
    return frozenset(starts)


def _context(text: str, doc, actor_spans: list[tuple[int, int]], lex: Lexicon | None) -> _Context:
    tokens = list(doc)
    label: dict[int, str] = {}
    entity: dict[int, tuple[int, int]] = {}
    starts = _sentence_starts(tokens)
    title = _title_case_tokens(tokens, starts)
    person: set[str] = set()
    person_tokens: set[int] = set()
    for ent in doc.ents:
        for tok in ent:
            label[tok.i] = ent.label_
            entity[tok.i] = (ent.start, ent.end - 1)
        if ent.label_ in _PERSON:
            named = _person_words(ent, lex)
            person_tokens.update(t.i for t in named)
            if len(ent) >= 2 and ent.start not in title:  # (headline case misleads spaCy: 'Bogdanov Joins Sochi')
                person.update(name_key(t.text) for t in named)
    given = given_names()
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.whitespace_ and name_key(a.text) in given and _is_capitalised(b.text) and b.is_alpha and len(b.text) > 2:
            person.add(name_key(b.text))  # 'Michael Jordan': 'Jordan' is a person's name in this text
    inner = frozenset(name_key(t.text) for i, t in enumerate(tokens)
                      if i not in starts and i not in title and _is_capitalised(t.text))
    return _Context(text, tokens, label, entity, frozenset(person), starts, SpanIndex(actor_spans), title,
                    inner, _datelines(tokens, starts), frozenset(person_tokens), _area_lists(tokens, lex), lex)


def _person_words(ent, lex: Lexicon | None) -> list:
    """The words of a PERSON entity that name the person: those after an office or title word
    ('Huntsville Fire Chief Tom Grisham' -> Tom, Grisham; 'acting Sochi Mayor ...'), none when the entity runs
    over a lower-case word that joins no name ('The George in Twickenham': spaCy's mistake, not a person)."""
    joining = words(lex, "connectors")
    if any(t.is_alpha and t.text.islower() and t.lower_ not in joining for t in ent):
        return []
    office = words(lex, "titles") | words(lex, "admin_tail_words") | words(lex, "facility_words") | \
        words(lex, "modified_nouns") | words(lex, "office_words")
    # ('Julian Hall' is a person: a facility word may also be a surname)
    last_office = max((k for k, t in enumerate(ent) if t.text.rstrip(".").lower() in office and (
        k < len(ent) - 1 or name_key(t.text) not in surnames())), default=-1)
    return [t for t in list(ent)[last_office + 1:] if _is_capitalised(t.text) and len(t.text) > 2]


def _area_lists(tokens: list, lex: Lexicon | None) -> frozenset[int]:
    """The capitalised words of 'Hitchcock and Hayes counties', 'Harvey, Harper and Kingman counties': names of
    areas, whatever spaCy makes of them (surnames, a person)."""
    plural = {k for k in table(lex, "county_kinds") if k.endswith("s")}
    joiners = words(lex, "list_joiners")
    out: set[int] = set()
    for j, tok in enumerate(tokens):
        if tok.lower_ not in plural:
            continue
        k = j - 1
        while k >= 0 and (tokens[k].text == "," or tokens[k].lower_ in joiners or
                          (_is_capitalised(tokens[k].text) and tokens[k].is_alpha)):
            if tokens[k].is_alpha and _is_capitalised(tokens[k].text):
                out.add(k)
            k -= 1
    return frozenset(out)


def _title_case_tokens(tokens: list, starts: frozenset[int]) -> frozenset[int]:
    """Tokens of sentences written in title case ('Grand Jury Indicts Man In December Slaying')."""
    out: set[int] = set()
    bounds = sorted(starts) + [len(tokens)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        words = [t for t in tokens[a:b] if t.is_alpha and len(t.text) > 3]
        if len(words) >= 4 and sum(_is_capitalised(t.text) for t in words) >= 0.85 * len(words):
            out.update(range(a, b))
    return frozenset(out)


def _datelines(tokens: list, starts: frozenset[int]) -> frozenset[int]:
    """Upper-case words opening a sentence and followed by a dash or a comma: a dateline's place."""
    out: set[int] = set()
    for i in starts:
        j = i
        while j < len(tokens) and j - i < 5 and (
                (tokens[j].text.isupper() and (tokens[j].is_alpha or (j == i and _SAINT_SHORT.match(tokens[j].text))))
                or (j == i + 1 and tokens[j].text == "." and _SAINT_SHORT.match(tokens[i].text + "."))
                or (j > i and tokens[j].text in ("'S", "’S"))):
            j += 1  # ('ST. PAUL —', "ST. JOHN'S, N.L.": a saint's short form may open it)
        if j == i or j >= len(tokens) or len(tokens[i].text) < 3:
            continue
        if tokens[j].text in ("—", "–", "-", "--", ",", "(") or tokens[j].text.startswith("—"):
            out.update(range(i, j))
    return frozenset(out)


def _run_end(tokens: list, i: int, connectors: frozenset[str], limit: int = 7) -> int:
    """The last capitalised token of the run of names starting at token i (connectors may join words)."""
    j, last = i, i
    while j < len(tokens) and j - i < limit:
        t = tokens[j]
        if j > i and tokens[j - 1].whitespace_ and t.text in ("-", "'"):
            break
        if _is_capitalised(t.text) and any(ch.isalpha() for ch in t.text):
            last = j
        elif not (t.text in ("-", "'", "’") or (j > i and t.lower_ in connectors) or (
                t.text == "." and j > i and not tokens[j - 1].whitespace_
                and _SAINT_SHORT.match(tokens[j - 1].text.upper() + "."))):
            break  # (the tokenizer splits 'ST. PAUL' at its full stop)
        if t.whitespace_ and "\n" in t.whitespace_:
            break
        j += 1
    return last


def _longest_name(ctx: _Context, gazetteer: Gazetteer, i: int, last: int) -> tuple[int, str] | None:
    """(end token, surface) of the longest gazetteer name starting at token i and ending by token `last`."""
    tokens = ctx.tokens
    for end in range(last, i - 1, -1):
        if not _is_capitalised(tokens[end].text):
            continue
        surface = ctx.text[tokens[i].idx:tokens[end].idx + len(tokens[end].text)]
        surface = surface.rstrip(".") if not re.search(r"\b[A-Z]\.$", surface) else surface
        key = name_key(surface)
        if key and gazetteer.has_key(key):
            return end, surface
    glued = re.match(r"[A-Z][\w'’-]+(?=[.,;:\[\]()/])", tokens[i].text)
    if glued and gazetteer.has_key(name_key(glued.group())):
        return i, glued.group()  # 'Kayes.[size=no': a name glued to what follows
    return None


def _is_person(ctx: _Context, first: int, last: int, key: str) -> bool:
    tokens = ctx.tokens
    titles = words(ctx.lex, "titles")
    if tokens[last].lower_ in words(ctx.lex, "admin_tail_words") or first in ctx.area_lists:
        return False  # 'Anderson County' (spaCy reads 'Anderson County Sheriff Greg Taylor' as one person)
    ent = ctx.entity.get(first)
    if ctx.label.get(first) in _PERSON and ent and ent[1] - ent[0] >= 1 and ent[0] <= first and last <= ent[1] \
            and all(k in ctx.person_tokens for k in range(first, last + 1)):
        titled = any(tokens[k].text.rstrip(".").lower() in titles for k in range(last + 1, ent[1] + 1))
        if ent[1] - ent[0] > last - first and not titled:
            return True  # "Paris Hilton", "Jordan Henderson" (but not "Huntsville Fire Chief Tom Grisham")
        if (ent[0], ent[1]) == (first, last) and name_key(tokens[first].text) in given_names():
            return True  # 'Ousmane Diallo': a person's whole name that is also some village's
    prev = tokens[first - 1] if first > 0 else None
    if prev is not None and prev.text.rstrip(".").lower() in titles and _is_capitalised(prev.text):
        return True
    if prev is not None and prev.whitespace_ and name_key(prev.text) in given_names() and \
            _is_capitalised(prev.text):
        return True
    if prev is not None and prev.text.rstrip(".").lower() in words(ctx.lex, "honorifics"):
        return True
    if first == last and key in ctx.person_keys and (prev is None or prev.lower_ not in words(ctx.lex, "locatives")):
        return True  # 'Jordan said' after 'Michael Jordan' (but 'in Jordan' is the country)
    return False


def _name_role(ctx: _Context, first: int, last: int) -> str:
    """'place', or how a name inside a longer name is used: 'modifier' ('the Ivory Coast embassy', 'US
    officials'), 'site' (a facility named after its place: 'Gao Regional Hospital', 'the Ouagadougou Labour
    Exchange'), 'embedded' (any other name: 'the Washington Post', 'Bank of England')."""
    tokens, lex = ctx.tokens, ctx.lex
    admin_tail, connectors, joiners = words(lex, "admin_tail_words"), words(lex, "connectors"), words(lex, "list_joiners")
    nxt = tokens[last + 1] if last + 1 < len(tokens) else None
    prv = tokens[first - 1] if first > 0 else None
    if nxt is not None and nxt.lower_ in words(lex, "modified_nouns"):
        return "modifier"
    lo, hi = first, last
    if nxt is not None and "\n" not in tokens[last].whitespace_:
        if _is_capitalised(nxt.text) and nxt.lower_ not in admin_tail and nxt.lower_ not in words(lex, "calendar_words") \
                and any(ch.isalpha() for ch in nxt.text):
            hi = _run_end(tokens, last + 1, connectors)
        elif nxt.lower_ in words(lex, "joins_name_after") and last + 2 < len(tokens) and \
                _is_capitalised(tokens[last + 2].text):
            hi = _run_end(tokens, last + 2, connectors)
    if prv is not None and _is_capitalised(prv.text) and first not in ctx.sentence_starts \
            and prv.lower_ not in admin_tail and any(ch.isalpha() for ch in prv.text) and not prv.is_stop \
            and prv.text.rstrip(".").lower() not in table(lex, "direction_adjectives") \
            and prv.lower_ not in words(lex, "titles"):
        lo = first - 1
    if prv is not None and prv.lower_ in words(lex, "joins_name_before") and first >= 2 and \
            _is_capitalised(tokens[first - 2].text) and first - 2 not in ctx.sentence_starts and \
            tokens[first - 2].lower_ not in admin_tail:
        lo = first - 2
    ent = ctx.entity.get(first)
    if ctx.label.get(first) in ("ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC", "LAW") and ent is not None:
        # the entity's other capitalised words ('Godoware (Douentza, Mopti' has none before the bracket)
        others = [k for k in range(ent[0], ent[1] + 1) if (k < first or k > last) and tokens[k].is_alpha
                  and _is_capitalised(tokens[k].text) and not tokens[k].is_stop]
        stop = next((k for k in range(last + 1, ent[1] + 1) if tokens[k].text in ("(", "[", ",")), ent[1] + 1)
        # 'between Kolo and Sanga': spaCy often reads two places joined by 'and' as one organisation;
        # a word across a conjunction belongs to another name, not to this one.
        start = max((k for k in range(ent[0], first) if tokens[k].lower_ in joiners), default=ent[0] - 1)
        stop = min([stop] + [k for k in range(last + 1, ent[1] + 1) if tokens[k].lower_ in joiners])
        others = [k for k in others if start < k < stop]
        if others:
            lo, hi = min(lo, *others), max(hi, *others)
    if (lo, hi) == (first, last):
        return "place"
    if tokens[hi].text.rstrip(".").lower() in words(lex, "road_words") or \
            tokens[lo].text.rstrip(".").lower() in words(lex, "road_words_first"):
        return "street"  # 'Northumberland Avenue', 'Avenue Kwame Nkrumah': the street, not the place
    if any(tokens[k].lower_ in words(lex, "facility_words") for k in range(lo, hi + 1)):
        return "site"
    return "embedded"


def _own_if_short(written: str, key: str, places: list[Place]) -> list[Place]:
    """'CEB', 'AKs', 'Bih': GeoNames keeps airport codes and short forms ('BiH') among alternate names; a word
    this short, or written in capitals, is only the place whose own name it is."""
    short = len(key) <= 3 or (len(written) <= 4 and (written.isupper() or any(c.isupper() for c in written[1:])))
    # a four-letter country in capitals ('MALI', 'TOGO', 'CHAD' heading a report) is the country
    return [p for p in places if name_key(p.name) == key or (p.is_country and len(key) > 3)] if short else places


def _acronym_in_prose(tokens, i: int) -> bool:
    """A short word in capitals among words that are not: an organisation's acronym, not a heading."""
    text = tokens[i].text
    if not (text.isalpha() and text.isupper() and 2 <= len(text) <= 4):
        return False
    near = [t.text for t in tokens[max(0, i - 3):i + 4] if t.i != i and t.is_alpha and len(t.text) > 1]
    return bool(near) and not any(w.isupper() for w in near)


def _own_or_known(place: Place, key: str) -> bool:
    """The written name is the place's own name, or the place is known well enough for its other names."""
    own = name_key(place.name)
    return own == key or own.startswith(key + " ") or own.replace(" ", "") == key.replace(" ", "") or \
        _prominent(place)


def _prominent(place: Place) -> bool:
    """A place well known enough to be meant by a bare capitalised word."""
    return place.is_country or place.feature_code in ("ADM1", "CONT", "OCN", "SEA", "RGN") or \
        place.population >= 100_000


def _plausible_name(ctx: _Context, first: int, last: int, key: str, label: str,
                    confirmed: frozenset[str] = frozenset()) -> bool:
    """False for capitalised words that only look like place names here (common words, people, acronyms)."""
    tokens = ctx.tokens
    single = first == last
    if len(key.replace(" ", "")) <= 1:
        return False
    place_label = label in ("GPE", "LOC")
    if key in keys(ctx.lex, "direction_words") or (key in stop_names(ctx.lex) and not (
            place_label and first not in ctx.sentence_starts)):
        return False
    if single and first in ctx.sentence_starts and tokens[first].is_stop:
        return False
    if _is_person(ctx, first, last, key):
        return False
    located = first > 0 and tokens[first - 1].lower_ in words(ctx.lex, "locatives")
    if single and key in surnames() and not located and first not in ctx.area_lists and (label in _PERSON or (
            last + 1 < len(tokens) and _is_capitalised(tokens[last + 1].text) and tokens[last + 1].is_alpha)):
        return False
    if single and tokens[first].text.isupper() and len(tokens[first].text) <= 3 and not place_label:
        return False  # acronyms ("IS", "AQIM") are not place names unless listed as abbreviations
    if first in ctx.title_case and single and not place_label and key not in confirmed:
        return False  # headline case: every word is capitalised, so capitals say nothing (unless the
        # text names the place in its sentences too: 'Hartford Police Find Guns' over a Hartford story)
    return True


def _name_candidates(ctx: _Context, gazetteer: Gazetteer, skip_keys: frozenset[str]) -> list[PlaceCandidate]:
    found = _name_pass(ctx, gazetteer, skip_keys)
    if not ctx.title_case:
        return found
    token_of = {t.idx: t.i for t in ctx.tokens}
    confirmed = frozenset(name_key(c.span.text) for c in found if c.role == "place" and
                          token_of.get(c.span.start) not in ctx.title_case)
    if not confirmed:
        return found
    seen = {c.span.start for c in found}
    again = [c for c in _name_pass(ctx, gazetteer, skip_keys, confirmed) if c.span.start not in seen
             and token_of.get(c.span.start) in ctx.title_case]
    return sorted(found + again, key=lambda c: c.span.start)


def _name_pass(ctx: _Context, gazetteer: Gazetteer, skip_keys: frozenset[str],
               confirmed: frozenset[str] = frozenset()) -> list[PlaceCandidate]:
    tokens = ctx.tokens
    out: list[PlaceCandidate] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not _is_capitalised(tok.text) or not any(ch.isalpha() for ch in tok.text) or _elided(tok.text):
            i += 1
            continue
        best = _longest_name(ctx, gazetteer, i, _run_end(tokens, i, words(ctx.lex, "connectors")))
        if best is None:
            i += 1
            continue
        last, surface = best
        first = i
        i = last + 1
        key = name_key(surface)
        single = first == last
        start = tokens[first].idx
        end = start + len(surface)
        if single and key in skip_keys:
            continue
        label = ctx.label.get(first, "")
        if first in ctx.datelines:
            places = gazetteer.lookup(surface)
            if places:
                out.append(PlaceCandidate(Span(start, end, surface), places, entity_label="GPE"))
            continue
        if not _plausible_name(ctx, first, last, key, label, confirmed):
            continue
        places = gazetteer.lookup(surface)
        if single:
            places = _own_if_short(tok.text, key, places)
            if _acronym_in_prose(tokens, first) and not any(_prominent(p) for p in places):
                continue  # 'the IRA', 'ELN': an acronym in running text, not the hamlet of that name
        if not places:
            continue
        if single and first in ctx.sentence_starts and not label and key not in ctx.inner_keys and \
                not any(_prominent(p) and name_key(p.name) == key for p in places) and \
                not pattern(ctx.lex, "town_nouns_after").match(ctx.text[end:end + 40]):
            continue  # 'Harvest and other materiel ...': a capital says nothing at a sentence start (but
            # 'Chicopee residents ...' is a town)
        if label not in ("GPE", "LOC", "FAC") and common_word(key, ctx.lex) and \
                not any(_own_or_known(p, key) for p in places):
            continue  # 'Palace', 'Exchange', 'Seven': a common word that is only some hamlet's other name
        role = "embedded" if ctx.actor_spans.overlaps(start, end) else _name_role(ctx, first, last)
        if role == "street":
            continue  # left to the facility pass, which places the street in its town
        if role != "place" and key in stop_names(ctx.lex):
            continue  # 'Centre' of 'Detention Centre', 'Union' of 'Soviet Union'
        out.append(PlaceCandidate(Span(start, end, surface), places, entity_label=label, role=role))
    return out


def _demonym_candidates(ctx: _Context, gazetteer: Gazetteer, nationalities: dict[str, str]) -> list[PlaceCandidate]:
    """'Russian', 'Sri Lankans', 'Malian': the country (or region) the word names."""
    forms = demonyms(ctx.lex)
    # English capitalises every demonym; French writes the adjective in lower case ("l'armée malienne")
    written = _is_word if setting(ctx.lex, "demonyms_written") == "any case" else _is_capitalised
    tokens, text = ctx.tokens, ctx.text
    out: list[PlaceCandidate] = []
    i = 0
    while i < len(tokens):
        if not written(tokens[i].text):
            i += 1
            continue
        hit = None
        for length in (3, 2, 1):
            last = i + length - 1
            if last >= len(tokens) or not written(tokens[last].text):
                continue
            surface = text[tokens[i].idx:tokens[last].idx + len(tokens[last].text)]
            key = name_key(surface)
            target = forms.get(key)
            place = target_place(gazetteer, target) if target else None
            if place is None and key in nationalities:
                place = gazetteer.country(nationalities[key])
            if place is not None:
                hit = (last, surface, place)
                break
        if hit is None:
            i += 1
            continue
        last, surface, place = hit
        start = tokens[i].idx
        cand = PlaceCandidate(Span(start, start + len(surface), surface), [place], kind="demonym", fixed=True,
                              entity_label=ctx.label.get(i, ""))
        out.append(cand)
        i = last + 1
    return out


def _exonym_candidates(ctx: _Context, gazetteer: Gazetteer) -> list[PlaceCandidate]:
    """'la Libye', 'les États-Unis', "l'Afrique de l'Ouest": names the language gives places the index
    holds under other names, each read as the place the lexicon says."""
    found = exonym_pattern(ctx.lex)
    if found is None:
        return []
    names = exonyms(ctx.lex)
    out: list[PlaceCandidate] = []
    for m in found.finditer(ctx.text):
        place = target_place(gazetteer, names[name_key(m.group())])
        if place is not None:
            out.append(PlaceCandidate(Span(m.start(), m.end(), m.group()), [place], fixed=True,
                                      entity_label=ctx.label.get(_token_at(ctx, m.start()), "")))
    return out


def _token_at(ctx: _Context, offset: int) -> int:
    return next((t.i for t in ctx.tokens if t.idx <= offset < t.idx + len(t.text)), -1)


def _abbreviation_candidates(ctx: _Context, gazetteer: Gazetteer) -> list[PlaceCandidate]:
    """'U.S.', 'W.Va.', and 'TX' or 'Ill.' where only a place goes: right after 'Place, ', after a party's
    letter ('Sen. Bob Casey, D-Pa.', 'R-Calif'), or before a word in lower case ('Mass. legislators': the
    full stop ends no sentence)."""
    written = abbreviations(ctx.lex)
    party = pattern(ctx.lex, "party_before", 0)
    out: list[PlaceCandidate] = []
    text = ctx.text
    for shape in (r"(?<![\w.])(?:[A-Z][a-z]{0,4}\.\s?)+(?:[A-Z][a-z]{0,4}\.)?", r"(?<![\w.])[A-Z]{2,4}\b(?!\.\w)",
                  r"(?<=-)[A-Z][a-z]{1,4}\b(?![.'’-]?\w)"):
        for m in re.finditer(shape, text):
            surface = m.group().strip()
            after_party = bool(party.search(text[max(0, m.start() - 4):m.start()]))
            entry = written.get(surface)
            if entry is None and surface.endswith(".") and not re.search(r"\b[A-Z]\.$", surface):
                entry = written.get(surface.rstrip("."))
            if entry is None and after_party and not surface.endswith("."):
                entry = written.get(surface + ".")  # 'D-Calif': the party's form drops the full stop
            if entry is None or (not after_party and shape.startswith("(?<=-)")):
                continue
            target, context = entry
            if context == "comma" and not after_party and \
                    not re.search(r"[A-Za-z.]\s*,\s*$", text[max(0, m.start() - 3):m.start()]) and \
                    not (surface.endswith(".") and re.match(r"\s+[a-z]", text[m.start() + len(surface):])):
                continue
            place = target_place(gazetteer, target)
            if place is not None:
                out.append(PlaceCandidate(Span(m.start(), m.start() + len(surface), surface), [place],
                                          kind="abbreviation", fixed=True))
    return out


def _without_kind(gazetteer: Gazetteer, surface: str, lex: Lexicon | None) -> list[Place]:
    """'Talataye Commune' -> Talataye: the name without the word for what kind of place it is."""
    bare = pattern(lex, "kind_word_after").sub("", surface)
    return gazetteer.lookup(bare) if bare != surface else []


def _entity_candidates(ctx: _Context, doc, gazetteer: Gazetteer, skip_keys: frozenset[str]) -> list[PlaceCandidate]:
    """spaCy's place entities under names the gazetteer holds in another form (or not at all)."""
    lex = ctx.lex
    out: list[PlaceCandidate] = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        surface = pattern(lex, "possessive_end", 0).sub("", pattern(lex, "leading_article", 0).sub("", ent.text)).strip()
        key = name_key(surface)
        if not surface or not _is_capitalised(surface) or key in skip_keys or key in stop_names(lex):
            continue
        if _is_person(ctx, ent.start, ent.end - 1, key) or len(key.replace(" ", "")) <= 1:
            continue
        start = ent.start_char + ent.text.index(surface)
        places = _own_if_short(surface, key, gazetteer.lookup(surface))
        if len(ent) == 1 and _acronym_in_prose(doc, ent.start) and not any(_prominent(p) for p in places):
            continue  # spaCy takes some acronyms for places: 'the IRA' is no village called Ira
        if places and common_word(key, lex) and not any(_own_or_known(p, key) for p in places):
            places = []  # 'AI', 'Exchange': a common word that is only some hamlet's other name
        if not places:
            bare = pattern(lex, "name_affixes", 0).sub("", surface)
            places = gazetteer.lookup(bare) if bare != surface else []
        if not places:
            places = _own_if_short(surface, key, gazetteer.lookup_compact(surface)) or \
                _without_kind(gazetteer, surface, lex) or \
                _without_community(gazetteer, surface, skip_keys | village_qualifiers())
        out.append(PlaceCandidate(Span(start, start + len(surface), surface), places, kind="entity",
                                  entity_label=ent.label_))
    return out


def _without_community(gazetteer: Gazetteer, surface: str, communities: frozenset[str]) -> list[Place]:
    """'Naye Dogon', 'Tagourou-Peulh': a village named with the community that lives there, which the
    gazetteer holds under the bare name."""
    names = re.split(r"[\s-]+", surface)
    if len(names) < 2:
        return []
    if name_key(names[-1]) in communities:
        return gazetteer.lookup(" ".join(names[:-1]))
    if name_key(names[0]) in communities:
        return gazetteer.lookup(" ".join(names[1:]))
    return []


# Where only a place name goes, even one the gazetteer holds under another spelling: 'the village of X'
# (kind_of), 'X (Douentza, Mopti)' (before_hint), 'killed in Dakoro' (locative_name).
_PLACE_SLOTS = ("kind_of", "before_hint", "locative_name")


def _pattern_candidates(text: str, gazetteer: Gazetteer, skip_keys: frozenset[str],
                        communities: frozenset[str] = frozenset(), lex: Lexicon | None = None) -> list[PlaceCandidate]:
    """Names the gazetteer may not hold, in places only a place name goes: 'the village of X', 'X (Douentza,
    Mopti)'. They are resolved by spelling variants or the admin area named, or left unresolved."""
    out = []
    for slot in _PLACE_SLOTS:
        for m in pattern(lex, slot, 0).finditer(text):
            surface = m["name"]
            key = name_key(surface)
            if not key or key in skip_keys or key in stop_names(lex):
                continue
            if slot == "locative_name" and (key in keys(lex, "calendar_words")
                                            or any(common_word(w, lex) for w in key.split())
                                            or any(gazetteer.has_key(name_key(w)) for w in re.split(r"[ -]", surface))):
                continue  # 'in March', 'in Operation Serval': no village's name; 'Kolo-Peulh': the name pass's
            places = _own_if_short(surface, key, gazetteer.lookup(surface) or gazetteer.lookup_compact(surface)) or \
                _without_kind(gazetteer, surface, lex) or _without_community(gazetteer, surface, communities)
            out.append(PlaceCandidate(Span(m.start("name"), m.end("name"), surface), places, kind="pattern"))
    return out


_KIND_RANK = {"abbreviation": 0, "name": 1, "demonym": 2, "entity": 3, "pattern": 4}


def _non_overlapping(cands: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """Longest spans first; a gazetteer name beats a demonym of the same length, which beats a bare entity."""
    order = sorted(cands, key=lambda c: (not c.places and c.kind != "pattern", -(c.span.end - c.span.start),
                                         _KIND_RANK.get(c.kind, 9), c.span.start))
    taken = Taken()
    out = []
    for cand in order:
        if taken.overlaps(cand.span.start, cand.span.end):
            continue
        taken.add(cand.span.start, cand.span.end)
        out.append(cand)
    return sorted(out, key=lambda c: c.span.start)


def find_candidates(text: str, doc, gazetteer: Gazetteer, actor_spans: list[tuple[int, int]] | None = None,
                    nationalities: dict[str, str] | None = None,
                    not_places: frozenset[str] = frozenset(), lex: Lexicon | None = None) -> list[PlaceCandidate]:
    """Every place mention in `text` (spaCy `doc` over the same text), left to right.

    `nationalities` maps demonyms to country codes ("malian" -> "ML"); `not_places` are name keys that are
    never place names on their own in news (ethnic groups such as "Tuareg", "Bambara").
    """
    nationalities = nationalities or {}
    ctx = _context(text, doc, actor_spans or [], lex)
    skip = frozenset(not_places) | frozenset(nationalities) | frozenset(demonyms(lex)) | frozenset(exonyms(lex))
    found = _exonym_candidates(ctx, gazetteer)
    found += _name_candidates(ctx, gazetteer, skip)
    found += _demonym_candidates(ctx, gazetteer, nationalities)
    found += _abbreviation_candidates(ctx, gazetteer)
    found += _entity_candidates(ctx, doc, gazetteer, frozenset(not_places) | frozenset(nationalities))
    found += _pattern_candidates(text, gazetteer, skip, frozenset(not_places) | village_qualifiers(), lex)
    found = _non_overlapping(found)
    for cand in found:
        if cand.role == "place" and ctx.actor_spans.overlaps(cand.span.start, cand.span.end):
            cand.role = "embedded"
    taken = SpanIndex((c.span.start, c.span.end) for c in found)
    found = sorted(found + _facilities(text, found, gazetteer, taken, lex), key=lambda c: c.span.start)
    taken = SpanIndex((c.span.start, c.span.end) for c in found if c.places or c.kind == "pattern")
    # (a candidate tested here has no places, so it is never among the named ones it is tested against)
    named = SpanIndex((f.span.start, f.span.end) for f in found if f.places)
    found = [c for c in found if c.places or c.kind == "pattern" or not named.overlaps(c.span.start, c.span.end)]
    found = sorted(found + _local_facilities(ctx, doc, taken), key=lambda c: c.span.start)
    join_directions(text, found, gazetteer, lex)
    for cand in found:
        if cand.kind != "demonym":
            qualify(text, cand, lex)
    comma_hints(text, found, lex)
    hint_qualifiers(text, found, lex)
    origins(text, found, lex)
    between(text, found, lex)
    parts(text, found, lex)
    county_lists(text, found, lex)
    state_lists(text, found, lex)
    return found
