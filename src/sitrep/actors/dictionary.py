"""The actor dictionary (`data/actors.yaml`) and descriptor lexicon, loaded once.

Gives ACLED's name for an actor on a given date (regime periods), its actor type (inter), parents and
affiliations, and phrase indexes that find actors and descriptive mentions in text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import yaml

from sitrep.config import DATA_DIR
from sitrep.lexicon import DEFAULT_LANGUAGE, get_lexicon
from sitrep.phrases import PhraseIndex, build_index
from sitrep.places.countries import country_name
from sitrep.places.names import name_key


def parse_day(value: object, end: bool = False) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not m:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] else (12 if end else 1)
    day = int(m[3]) if m[3] else (28 if end else 1)
    return date(year, month, day)


@dataclass
class Period:
    name: str
    start: date | None
    end: date | None  # exclusive
    legacy_names: list[str] = field(default_factory=list)


@dataclass
class ActorEntry:
    id: str
    name: str
    short: str
    inter: int
    country: str
    kind: str
    aliases: list[str]
    parent: str | None = None
    relations: list[dict] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    coded_as: str | None = None
    variants: list[str] = field(default_factory=list)
    valid_from: date | None = None
    valid_to: date | None = None
    ethnic: str = ""
    usage: str = ""
    parent_leads_until: date | None = None


@dataclass
class Template:
    id: str
    name: str
    inter: int
    kind: str
    aliases: list[str]
    usage: str = ""

    def fill(self, country: str = "", **slots: str) -> str:
        name = self.name
        values = {"country": country_name(country) if len(country) == 2 else country, **slots}
        for key, value in values.items():
            name = name.replace("{" + key + "}", value)
        # A template whose country is unknown keeps ACLED's form without the parenthesis.
        return re.sub(r"\s*\(\{?\w*\}?\)\s*$", "", name) if "{" in name or name.endswith("()") else name


@dataclass
class Descriptor:
    phrases: list[str]
    kind: str
    resolve: str
    actors: list[str] = field(default_factory=list)
    template: str = ""
    fallback: str = ""
    country: str = ""
    subunit: str = ""
    ethnic: str = ""
    assoc: str = ""
    leaning: str = ""


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str]
    role: str
    organisation: str


@dataclass
class ActorMatch:
    """What a phrase in text points at."""

    kind: str  # actor | descriptor | person | nationality | ethnic
    ref: object


class ActorDictionary:
    def __init__(self, actors_doc: dict, lexicon_doc: dict, language: str = DEFAULT_LANGUAGE):
        self.language = language  # whose descriptive words `lexicon_doc` holds
        self.actors: dict[str, ActorEntry] = {}
        for raw in actors_doc.get("actors", []):
            periods = [Period(p["name"], parse_day(p.get("from")), parse_day(p.get("to")),
                              list(p.get("legacy_names") or [])) for p in raw.get("periods") or []]
            variants = [v["name"] for v in raw.get("acled_variants") or [] if v.get("name")]
            self.actors[raw["id"]] = ActorEntry(
                id=raw["id"], name=raw["name"], short=str(raw.get("short") or raw["name"]), inter=int(raw["inter"]),
                country=raw.get("country") or "", kind=raw.get("kind") or "", aliases=list(raw.get("aliases") or []),
                parent=raw.get("parent"), relations=list(raw.get("relations") or []),
                areas=list(raw.get("areas") or []), periods=periods, coded_as=raw.get("acled_coded_as"),
                variants=variants, valid_from=parse_day(raw.get("valid_from")),
                valid_to=parse_day(raw.get("valid_to"), end=True), ethnic=raw.get("ethnic") or "",
                usage=raw.get("usage") or "", parent_leads_until=parse_day(raw.get("parent_leads_until")))
        self.templates: dict[str, Template] = {
            t["id"]: Template(t["id"], t["name"], int(t["inter"]), t.get("kind", ""), list(t.get("aliases") or []),
                              t.get("usage", "")) for t in actors_doc.get("templates", [])}
        # ACLED's names for a country's state force of a kind the dictionary lists no actor for.
        self.unlisted_state_forces: dict[str, dict[str, str]] = dict(actors_doc.get("unlisted_state_forces") or {})
        self.persons: dict[str, Person] = {
            p["id"]: Person(p["id"], p["name"], list(p.get("aliases") or []), str(p.get("role") or ""),
                            str(p.get("organisation") or "")) for p in actors_doc.get("persons", [])}
        self.descriptors: list[Descriptor] = []
        for raw in lexicon_doc.get("descriptors", []):
            self.descriptors.append(Descriptor(
                phrases=list(raw.get("phrases") or []), kind=raw.get("kind", ""), resolve=raw.get("resolve", ""),
                actors=list(raw.get("actors") or []), template=raw.get("template") or "",
                fallback=raw.get("fallback") or "", country=raw.get("country") or "",
                subunit=raw.get("subunit") or "", ethnic=raw.get("ethnic") or "", assoc=raw.get("assoc") or "",
                leaning=raw.get("leaning") or ""))
        # Words of four letters or fewer are read as acronyms ("FDS", "VDP") unless the language lists them here.
        self.short_words: frozenset[str] = frozenset(str(w).lower() for w in lexicon_doc.get("short_words") or [])
        # Names the dictionary gives one actor that this language's press uses for every country's forces
        # (French "FDS"): only the descriptors read them, with the country in context.
        self.shared_names: frozenset[str] = frozenset(str(n).lower() for n in lexicon_doc.get("shared_names") or [])
        self.ethnic_groups: dict[str, str] = dict(lexicon_doc.get("ethnic_groups") or {})
        self.nationalities: dict[str, str] = {name_key(k): v for k, v in (lexicon_doc.get("nationalities") or {}).items()}
        # Ethnic and group names are never places on their own ("Tuareg", "Bambara", "Fulani").
        self.not_places: frozenset[str] = frozenset(name_key(k) for k in self.ethnic_groups)
        self.by_name: dict[str, str] = {}
        for entry in self.actors.values():
            for name in [entry.name, *entry.variants, *(p.name for p in entry.periods),
                         *(n for p in entry.periods for n in p.legacy_names)]:
                self.by_name.setdefault(name.lower(), entry.id)
        # "Dozo", "Fulani militia": one label, one entry per country; the text's country chooses (`find_actors`)
        labels = Counter(entry.short.lower() for entry in self.actors.values())
        self.same_label: dict[str, list[str]] = {
            label: [e.id for e in self.actors.values() if e.short.lower() == label]
            for label, n in labels.items() if n > 1}
        self.index = self._build_index()

    def _build_index(self) -> PhraseIndex[ActorMatch]:
        pairs: list[tuple[str, ActorMatch]] = []
        # An acronym the press also writes as a word ("AQMI" and "Aqmi", "ISWAP" and "Iswap") is matched in
        # either spelling, each as written, so that one mention is one match.
        spelled_as_word: list[tuple[str, ActorMatch]] = []
        # A state force's label several countries share ("Gendarmerie", "Douane") names none of them: the
        # descriptors give such words the state of the place they are in.
        for entry in self.actors.values():
            shared = entry.short.lower() in self.same_label and entry.kind.startswith("state_")
            short = "" if shared else entry.short
            names = {entry.name, short, *entry.aliases, *entry.variants}
            names |= {p.name for p in entry.periods}
            # "JNIM: Group for Support of Islam and Muslims" is also written as either half.
            for name in list(names):
                if ": " in name:
                    names.update(name.split(": ", 1))
            for name in names - {n for n in names if n.lower() in self.shared_names}:
                if name and name == name.capitalize() != name.upper() and name.upper() in names:
                    spelled_as_word.append((name, ActorMatch("actor", entry.id)))
                elif name:
                    pairs.append((name, ActorMatch("actor", entry.id)))
        for person in self.persons.values():
            for name in [person.name, *person.aliases]:
                pairs.append((name, ActorMatch("person", person.id)))
        index = build_index(pairs)
        for name, match in spelled_as_word:
            index.add(name, match, case_sensitive=True)
        for descriptor in self.descriptors:
            for phrase in descriptor.phrases:
                letters = re.sub(r"\W+", "", phrase)
                if len(letters) <= 4 and " " not in phrase.strip() and phrase.strip().lower() not in self.short_words:
                    index.add(phrase.upper(), ActorMatch("descriptor", descriptor), case_sensitive=True)
                else:
                    index.add(phrase, ActorMatch("descriptor", descriptor))
        return index

    # ---- names and types at a date
    def name_at(self, actor_id: str, when: date | None) -> str:
        entry = self.actors[actor_id]
        if entry.coded_as and entry.coded_as in self.actors:
            return self.name_at(entry.coded_as, when)
        if not entry.periods:
            return entry.name
        if when is None:
            return entry.periods[-1].name
        for period in entry.periods:
            if (period.start is None or period.start <= when) and (period.end is None or when < period.end):
                return period.name
        return entry.periods[0].name if when < (entry.periods[0].start or when) else entry.periods[-1].name

    def resolve_id(self, actor_id: str) -> ActorEntry:
        entry = self.actors[actor_id]
        while entry.coded_as and entry.coded_as in self.actors and entry.coded_as != entry.id:
            entry = self.actors[entry.coded_as]
        return entry

    def state_actor(self, country: str, kind: str = "state_military") -> ActorEntry | None:
        """The state force of `kind` for a country ('ML', 'state_police' -> Police Forces of Mali)."""
        fallback = None
        for entry in self.actors.values():
            if entry.country == country and entry.kind == kind and not entry.parent:
                return entry
            if entry.country == country and entry.kind == kind and fallback is None:
                fallback = entry
        return fallback

    def ancestors(self, actor_id: str) -> list[str]:
        out, seen = [], {actor_id}
        current = self.actors.get(actor_id)
        while current and current.parent and current.parent not in seen:
            out.append(current.parent)
            seen.add(current.parent)
            current = self.actors.get(current.parent)
        return out

    def unlisted_state_name(self, kind: str, country: str = "") -> str:
        """ACLED's name for a state force the dictionary does not list ('Police Forces of Togo'); the military's
        form for a kind without one of its own; without the country when it is unknown."""
        forms = self.unlisted_state_forces.get(kind) or self.unlisted_state_forces.get("state_military") or {}
        if not country:
            return str(forms.get("without_country", ""))
        return str(forms.get("with_country", "")).replace("{country}", country)

    def template_name(self, template_id: str, country: str = "", **slots: str) -> str:
        template = self.templates.get(template_id)
        return template.fill(country, **slots) if template else ""


@lru_cache(maxsize=1)
def _actors_doc() -> dict:
    with (DATA_DIR / "actors.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=8)
def get_dictionary(language: str = DEFAULT_LANGUAGE) -> ActorDictionary:
    """The actors (names are the same in every language) with the descriptive words of `language`
    (`data/lexicons/<language>/descriptors.yaml`), loaded once per language."""
    return ActorDictionary(_actors_doc(), get_lexicon(language).stage("descriptors"), language)
