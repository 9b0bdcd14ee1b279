"""`sitrep eval wikievents`: who attacked whom, and where, scored against WikiEvents' argument roles.

WikiEvents documents (JSON Lines: `doc_id`, `text`, `tokens`, `entity_mentions`, `event_mentions`) carry
events whose arguments have roles. Three are checked: **Attacker** (found as `actor1` or `assoc_actor_1` of
some event sitrep reports for the document), **Target** (as `actor2` or `assoc_actor_2`) and **Place** (an
event's location within 161 km of where the gazetteer puts the argument, or the same name as its location,
admin areas or country). Each document is read as `extract` reads it: `{id, text}` only.

An argument is a short span ("the Taliban", "forces", "Kabul"), an ACLED actor a coded name ("Taliban",
"Military Forces of Afghanistan (2014-2021)"). They match when the argument's words (after dropping
articles and what is in parentheses) are in the actor's name, or when the argument's head names a class
of actor the name belongs to ("soldiers" → "Military Forces of …", "villagers" → "Civilians (…)"); a
country or nationality written with the head ("Afghan soldiers") must then be the actor's country too.
Pronouns ("they", "who") are left out: no coder writes them as actors. Targets are PER / ORG / GPE mentions
only and places GPE / LOC mentions only: a facility or vehicle hit ("the mosque", "the bus") is neither an
actor nor a location ACLED codes.

Recall of a role = arguments found ÷ arguments; precision = names sitrep gave in the role's fields that
match an argument of that role ÷ names given ("Unidentified Armed Group (X)" is not counted as given in a
document that names no one in the role: it says nobody was named). A fixed, seeded third of the documents is held back
(`split_part`): its figure is reported apart and its documents are never studied.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.places.gazetteer import haversine_km

ROLES = ("Attacker", "Target", "Place")
SPLIT_SEED = 2026  # fixed before any result was seen; changing it would leak the held part
HELD_SHARE = 1 / 3
PLACE_KM = 161.0

_PRONOUNS = {"he", "she", "it", "they", "them", "we", "us", "i", "you", "who", "whom", "which", "that", "this",
             "those", "these", "his", "her", "their", "its", "himself", "herself", "themselves", "one", "some",
             "others", "someone", "anyone"}
_LEADING = {"the", "a", "an", "some", "several", "many", "two", "three", "four", "five", "dozens", "of"}
_STOP = {"of", "the", "and", "for", "in", "a", "an", "to", "on", "at", "by"}
_PLACE_TYPES = {"GPE", "LOC"}
_ACTOR_TYPES = {"PER", "ORG", "GPE"}  # a facility or vehicle hit is no actor ACLED codes

# Heads that name a class of actor, and the words an ACLED name of that class carries. General English, not
# drawn from the data: ACLED's naming convention is "Military Forces of X", "Police Forces of X", "Civilians (X)".
_STATE_HEADS = {"soldier", "soldiers", "troop", "troops", "army", "military", "forces", "force", "police",
                "policeman", "policemen", "officer", "officers", "guard", "guards", "commando", "commandos",
                "security", "servicemen", "serviceman", "personnel", "marines", "paratroopers", "gendarmes",
                "gendarmerie", "checkpoint", "base", "convoy", "patrol", "recruits", "cadets", "government"}
_CIVILIAN_HEADS = {"civilian", "civilians", "people", "person", "persons", "villager", "villagers", "worshipper",
                   "worshippers", "student", "students", "child", "children", "women", "woman", "men", "man",
                   "resident", "residents", "pilgrim", "pilgrims", "passenger", "passengers", "shopper",
                   "shoppers", "mourners", "crowd", "family", "families", "farmers", "farmer", "worker",
                   "workers", "journalist", "journalists", "teacher", "teachers", "victims", "victim",
                   "tourists", "guests", "patients", "members", "community", "village", "market", "mosque",
                   "church", "school", "hospital", "wedding", "funeral", "bus"}
_ARMED_HEADS = {"gunman", "gunmen", "attacker", "attackers", "militant", "militants", "bomber", "bombers",
                "assailant", "assailants", "insurgent", "insurgents", "terrorist", "terrorists", "fighter",
                "fighters", "rebel", "rebels", "jihadist", "jihadists", "extremist", "extremists", "group",
                "militia", "militiamen", "suspects", "suspect", "men", "man", "bandits", "kidnappers"}
_NON_ARMED = ("civilians", "protesters", "rioters", "military forces", "police forces", "government of")
# Common short names of groups whose ACLED name is longer (widely used aliases, not eval strings).
_GROUP_ALIASES = {"isis": "islamic state", "isil": "islamic state", "is": "islamic state",
                  "daesh": "islamic state", "daish": "islamic state", "aqap": "al qaeda",
                  "aqim": "al qaeda", "al qaida": "al qaeda", "al qaeda": "al qaeda", "shabaab": "al shabaab",
                  "al shabab": "al shabaab", "boko haram": "boko haram", "jnim": "jnim"}


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"['’]s\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def norm_argument(text: str) -> str:
    """An argument's words without leading articles and counts ('The Taliban' → 'taliban')."""
    words = _plain(text).split()
    while words and (words[0] in _LEADING or words[0].isdigit()):
        words = words[1:]
    phrase = " ".join(words)
    return _GROUP_ALIASES.get(phrase, phrase)


def _country_words(text: str) -> set[str]:
    """Countries named in a phrase, by name or nationality ('Afghan soldiers' → {'afghanistan'})."""
    from sitrep.places.countries import country_code, country_name

    found = set()
    words = _plain(text).split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            piece = " ".join(words[i:i + size])
            if piece in _STOP or (len(piece) < 3 and piece != "u s"):
                continue
            code = country_code(piece) or _demonym_country(piece)
            if code:
                found.add(_plain(country_name(code)))
    return found


def _demonym_country(word: str) -> str:
    from sitrep.places.countries import all_codes, country_name

    if not _DEMONYMS:
        for code in all_codes():
            name = _plain(country_name(code))
            for stem in {name, name.rstrip("aeiouy")}:
                for suffix in ("an", "ian", "n", "i", "ese", "ish"):
                    _DEMONYMS.setdefault(stem + suffix, code)
        _DEMONYMS.update({"afghan": "AF", "iraqi": "IQ", "syrian": "SY", "us": "US", "american": "US",
                          "british": "GB", "french": "FR", "turkish": "TR", "israeli": "IL", "pakistani": "PK",
                          "yemeni": "YE", "somali": "SO", "u s": "US", "nigerian": "NG",
                          "malian": "ML", "burkinabe": "BF", "nigerien": "NE", "chadian": "TD"})
    return _DEMONYMS.get(word, "")


_DEMONYMS: dict[str, str] = {}


def argument_matches_actor(argument: str, actor: str, context: str = "") -> bool:
    """Whether an argument span names the same actor as an ACLED actor name (see the module's note)."""
    arg, name = norm_argument(argument), _plain(actor)
    if not arg or not name:
        return False
    name = " ".join(_GROUP_ALIASES.get(w, w) for w in name.split())
    if f" {arg} " in f" {name} ":
        return True
    arg_words = [w for w in arg.split() if w not in _STOP]
    name_words = set(name.split())
    if arg_words and len(arg_words) > 1 and sum(w in name_words for w in arg_words) / len(arg_words) > 0.5:
        return True
    head = arg_words[-1] if arg_words else ""
    countries = _country_words(f"{context} {argument}")
    if countries and not any(c in name for c in countries):
        return False
    if head in _STATE_HEADS and (name.startswith("military forces") or name.startswith("police forces")
                                 or name.startswith("government of")):
        return True
    if head in _CIVILIAN_HEADS and name.startswith("civilians"):
        return True
    return head in _ARMED_HEADS and not name.startswith(_NON_ARMED)


_PLACE_KIND = re.compile(r"\s+(?:city|town|village|province|governorate|district|region|state|county)$")


def norm_place(text: str) -> str:
    """A place argument without the word for its kind ('Kirkuk city' → 'kirkuk')."""
    return _PLACE_KIND.sub("", norm_argument(text))


def place_matches(argument: str, event: dict, gold_points: list[tuple[float, float]]) -> bool:
    arg = norm_place(argument)
    if not arg:
        return False
    names = [_plain(event.get(k) or "") for k in ("location", "admin2", "admin1", "country")]
    if any(n and (arg == n or f" {arg} " in f" {n} ") for n in names):
        return True
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None:
        return False
    return any(haversine_km(lat, lon, a, b) <= PLACE_KM for a, b in gold_points)


def geocode(name: str) -> list[tuple[float, float]]:
    """Where the gazetteer puts a place argument: its most populous reading (and any country of that name)."""
    from sitrep.places.gazetteer import get_gazetteer

    places = get_gazetteer().lookup(name) or get_gazetteer().lookup(norm_place(name))
    if not places:
        return []
    best = max(places, key=lambda p: (p.is_country or p.is_admin1, p.population))
    return [(best.lat, best.lon)]


def split_part(doc_ids: list[str]) -> dict[str, str]:
    """'studied' or 'held' for each id: a seeded shuffle of the sorted ids, the first third held."""
    ordered = sorted(doc_ids)
    random.Random(SPLIT_SEED).shuffle(ordered)
    held = set(ordered[:round(len(ordered) * HELD_SHARE)])
    return {i: ("held" if i in held else "studied") for i in doc_ids}


def _context(doc: dict, mention: dict | None, width: int = 3) -> str:
    """A few tokens before an argument (where 'Afghan' of 'Afghan security forces' sits)."""
    tokens = doc.get("tokens") or []
    if not mention or not tokens:
        return ""
    start = int(mention.get("start", 0))
    return " ".join(tokens[max(0, start - width):start])


def gold_arguments(doc: dict) -> dict[str, list[dict]]:
    """Per role, the distinct arguments of a document: {text, context, entity_type}."""
    mentions = {m["id"]: m for m in doc.get("entity_mentions") or []}
    out: dict[str, list[dict]] = {r: [] for r in ROLES}
    seen: set[tuple[str, str]] = set()
    for event in doc.get("event_mentions") or []:
        for arg in event.get("arguments") or []:
            role = arg.get("role")
            if role not in out:
                continue
            mention = mentions.get(arg.get("entity_id"))
            text = arg.get("text") or (mention or {}).get("text", "")
            key = norm_argument(text)
            if not key or key in _PRONOUNS or (role, key) in seen:
                continue
            etype = (mention or {}).get("entity_type", "")
            if role == "Place" and etype and etype not in _PLACE_TYPES:
                continue
            if role == "Target" and etype and etype not in _ACTOR_TYPES:
                continue
            seen.add((role, key))
            out[role].append({"text": text, "context": _context(doc, mention), "entity_type": etype})
    return out


@dataclass
class RoleCounts:
    gold: int = 0
    found: int = 0
    given: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.given if self.given else 0.0


@dataclass
class DocScore:
    doc_id: str
    part: str
    counts: dict[str, RoleCounts]
    missed: dict[str, list[str]]
    wrong: dict[str, list[str]]
    events: list[dict]


@dataclass
class WikiEventsResult:
    docs: list[DocScore] = field(default_factory=list)

    def totals(self, part: str | None = None) -> dict[str, RoleCounts]:
        out = {r: RoleCounts() for r in ROLES}
        for d in self.docs:
            if part and d.part != part:
                continue
            for r in ROLES:
                c = d.counts[r]
                out[r].gold += c.gold
                out[r].found += c.found
                out[r].given += c.given
                out[r].right += c.right
        return out


def _role_values(events: list[dict], role: str) -> list[str]:
    if role == "Attacker":
        keys = ("actor1", "assoc_actor_1")
    elif role == "Target":
        keys = ("actor2", "assoc_actor_2")
    else:
        keys = ("location",)
    values = []
    for e in events:
        for k in keys:
            for v in (e.get(k) or "").split(";"):
                if v.strip() and v.strip() not in values:
                    values.append(v.strip())
    return values


def score_document(doc_id: str, gold: dict[str, list[dict]], events: list[dict], part: str = "studied",
                   geocoder=geocode) -> DocScore:
    counts = {r: RoleCounts() for r in ROLES}
    missed: dict[str, list[str]] = {r: [] for r in ROLES}
    wrong: dict[str, list[str]] = {r: [] for r in ROLES}
    for role in ("Attacker", "Target"):
        args = gold[role]
        # ACLED's word for an attacker nobody named says only that: no wrong name where the text names none
        given = [g for g in _role_values(events, role) if args or not g.startswith("Unidentified")]
        counts[role].gold = len(args)
        counts[role].given = len(given)
        for arg in args:
            if any(argument_matches_actor(arg["text"], g, arg["context"]) for g in given):
                counts[role].found += 1
            else:
                missed[role].append(arg["text"])
        for g in given:
            if any(argument_matches_actor(a["text"], g, a["context"]) for a in args):
                counts[role].right += 1
            else:
                wrong[role].append(g)
    points = {a["text"]: geocoder(a["text"]) for a in gold["Place"]}
    counts["Place"].gold = len(gold["Place"])
    located = [e for e in events if e.get("location") or e.get("latitude") is not None]
    for arg in gold["Place"]:
        if any(place_matches(arg["text"], e, points[arg["text"]]) for e in located):
            counts["Place"].found += 1
        else:
            missed["Place"].append(arg["text"])
    seen_locations: set[str] = set()
    for e in located:
        label = e.get("location") or f"{e.get('latitude')},{e.get('longitude')}"
        if label in seen_locations:
            continue
        seen_locations.add(label)
        counts["Place"].given += 1
        if any(place_matches(a["text"], e, points[a["text"]]) for a in gold["Place"]):
            counts["Place"].right += 1
        else:
            wrong["Place"].append(label)
    return DocScore(doc_id, part, counts, missed, wrong, events)


def _event_dict(event) -> dict:
    return {k: getattr(event, k) for k in ("event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
                                            "assoc_actor_2", "location", "admin1", "admin2", "country",
                                            "latitude", "longitude", "fatalities")}


def load_documents(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_wikievents(path: Path, part: str = "all", progress=None) -> WikiEventsResult:
    """Score every document of `part` ('studied', 'held' or 'all') through `extract`."""
    from sitrep.documents import content_hash
    from sitrep.export import reported_events
    from sitrep.pipeline import extract
    from sitrep.records import Document

    docs = load_documents(path)
    parts = split_part([d["doc_id"] for d in docs])
    docs = [d for d in docs if part == "all" or parts[d["doc_id"]] == part]
    result = WikiEventsResult()
    task = None
    if progress is not None:
        progress.start()
        task = progress.add_task("eval wikievents", total=len(docs), note="")
    try:
        for doc in docs:
            text = doc.get("text") or " ".join(doc.get("tokens") or [])
            document = Document(id=doc["doc_id"], text=text)
            document.content_hash = content_hash(text)
            events = [_event_dict(e) for e in reported_events(extract(document).events)]
            result.docs.append(score_document(doc["doc_id"], gold_arguments(doc), events, parts[doc["doc_id"]]))
            if progress is not None:
                progress.update(task, advance=1)
    finally:
        if progress is not None:
            progress.stop()
    return result


def _table(totals: dict[str, RoleCounts]) -> list[str]:
    lines = [f"{'role':<10}{'gold':>6}{'found':>7}{'recall':>8}{'given':>7}{'right':>7}{'precision':>11}"]
    for r in ROLES:
        c = totals[r]
        lines.append(f"{r:<10}{c.gold:>6}{c.found:>7}{c.recall:>8.3f}{c.given:>7}{c.right:>7}{c.precision:>11.3f}")
    return lines


def format_report(result: WikiEventsResult, verbose: bool = True) -> str:
    lines: list[str] = []
    for part in ("studied", "held"):
        n = sum(d.part == part for d in result.docs)
        if n:
            lines += [f"WikiEvents {part} part: {n} documents", *_table(result.totals(part)), ""]
    if not verbose:
        return "\n".join(lines)
    for d in result.docs:
        if d.part == "held":
            continue  # the held part is scored, never shown in detail
        problems = [f"  {r}: missed {d.missed[r]}" for r in ROLES if d.missed[r]]
        problems += [f"  {r}: not in the text's {r.lower()}s {d.wrong[r]}" for r in ROLES if d.wrong[r]]
        if not problems:
            continue
        lines.append(f"{d.doc_id}:")
        lines += problems
        for e in d.events:
            lines.append(f"    got: {e['sub_event_type']} | {e['actor1']} [{e['assoc_actor_1']}] -> {e['actor2']} "
                         f"[{e['assoc_actor_2']}] | {e['location']}, {e['country']} | {e['fatalities']}")
        if not d.events:
            lines.append("    got: no event")
    return "\n".join(lines)
