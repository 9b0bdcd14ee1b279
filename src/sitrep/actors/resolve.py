"""Actor mentions: named actors from the dictionary, and descriptive mentions ("the jihadists", "gunmen",
"Malian soldiers", "villagers") resolved by context to a dictionary actor or an ACLED generic actor.

A mention's final ACLED name depends on the event (date for regime periods, country for generic actors),
so mentions carry a *reference* ("jnim", "template:civilians", "state:ML:state_military") that the event
stage turns into a name with `acled_name`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sitrep.actors.dictionary import ActorDictionary, ActorEntry, Descriptor, parse_day
from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.places.names import name_key
from sitrep.records import ActorMention, Span

ARMED_KINDS = {"state_military", "state_police", "state_gendarmerie", "state_other", "pro_government_militia",
               "jihadist", "rebel", "political_militia", "ethnic_militia", "communal_militia", "foreign_state",
               "private_military", "international", "unidentified"}
STATE_KINDS = {"state_military", "state_police", "state_gendarmerie", "state_other"}
ORGANISED_NON_STATE = {"jihadist", "rebel", "political_militia", "ethnic_militia", "communal_militia",
                       "pro_government_militia", "private_military"}


@dataclass
class ActorRef:
    """An actor as the text names it, before the event fixes its date and country."""

    ref: str  # dictionary id | "template:<id>" | "state:<CC>:<kind>"
    kind: str
    inter: int
    country: str = ""
    slots: dict[str, str] = field(default_factory=dict)
    subunit: str = ""
    parent_hint: str = ""  # "AQIM (JNIM)": the text names the organisation this actor belongs to
    assumed_country: bool = False  # "the army": the document's country, not a word of the text, set the state


@dataclass
class FoundActor:
    span: Span
    ref: ActorRef
    descriptive: bool
    assoc_template: str = ""
    named_id: str = ""  # the dictionary actor the words name, before a parent is read as its local branch


# The words that tell what a mention is (a nationality beside it, "army chief", "accused of collaborating with",
# "believed to belong to", "and/or") are the document language's: `data/lexicons/<language>/actors.yaml`.
_LOCAL_RELATIONS = ("affiliate_of",)


def _pick_by_date(dictionary: ActorDictionary, ids: list[str], when: date | None, country: str) -> str | None:
    valid = []
    for actor_id in ids:
        entry = dictionary.actors.get(actor_id)
        if entry is None:
            continue
        if not _valid_at(entry, when):
            continue
        valid.append(entry)
    if not valid:
        return ids[0] if ids and ids[0] in dictionary.actors else None
    if country:
        for entry in valid:
            if _belongs_to(entry, country):
                return entry.id
    return valid[0].id


def _valid_at(entry: ActorEntry, when: date | None) -> bool:
    """The actor existed under this entry at the date (any date when none is known)."""
    return not (when and ((entry.valid_from and when < entry.valid_from) or (entry.valid_to and when > entry.valid_to)))


def _in_force(relation: dict, when: date | None) -> bool:
    if when is None:
        return True
    since, until = parse_day(relation.get("since")), parse_day(relation.get("until"), end=True)
    return not ((since and when < since) or (until and when > until))


def _local_branch(dictionary: ActorDictionary, actor_id: str, country: str, when: date | None) -> str:
    """'Fighters linked to al Qaeda' in a Malian report of 2024 are its branch there (JNIM), as ACLED codes
    them: a global organisation with one affiliate in the country at the date means that affiliate. An
    affiliate that is itself part of another candidate gives way to it (AQIM inside JNIM); two rival
    branches in one country (Niger's two Islamic State provinces) leave the organisation as named."""
    entry = dictionary.actors.get(actor_id)
    if entry is None or entry.country or entry.areas or not country:
        return actor_id  # a country's own or a regional organisation (AQIM) acts there itself
    branches = [
        other for other in dictionary.actors.values()
        if _belongs_to(other, country) and _valid_at(other, when)
        and any(r.get("predicate") in _LOCAL_RELATIONS and r.get("object") == actor_id and _in_force(r, when)
                for r in other.relations)]
    umbrellas = [b for b in branches if not any(o is not b and _leans_on(dictionary, b.id, o.id) for o in branches)]
    return umbrellas[0].id if len(umbrellas) == 1 else actor_id


def _belongs_to(entry: ActorEntry, country: str) -> bool:
    """The actor is the country's own or usually operates there (its `areas`)."""
    return entry.country == country or any(a.startswith(country + "-") for a in entry.areas)


def find_actors(text: str, dictionary: ActorDictionary, doc_countries: Counter, when: date | None = None,
                tokens=None, lex: Lexicon | None = None) -> list[FoundActor]:
    """Every actor mention in `text`, left to right, with a reference the event stage can name."""
    lex = lex or get_lexicon(dictionary.language)
    not_a_force_after = lex.regex("actors", "not_a_force_after")
    not_a_force_before = lex.regex("actors", "not_a_force_before")
    describes_victim_before = lex.regex("actors", "describes_victim_before")
    main_country = doc_countries.most_common(1)[0][0] if doc_countries else ""
    matches = list(dictionary.index.find(text, tokens))
    named_counts: Counter = Counter()
    for m in matches:
        if m.value.kind == "actor":
            named_counts[m.value.ref] += 1
    # A global parent named beside its local branch means the branch ("Al Qaeda's men" beside JNIM).
    local_for: dict[str, str] = {}
    for actor_id in named_counts:
        entry = dictionary.actors.get(actor_id)
        if entry is None:
            continue
        for rel in entry.relations:
            if rel.get("predicate") in _LOCAL_RELATIONS and rel.get("object") in named_counts:
                local_for.setdefault(rel["object"], actor_id)
    found: list[FoundActor] = []
    seen_spans: set[tuple[int, int]] = set()
    named_ends = [m.end for m in matches if m.value.kind == "actor"]
    for m in matches:
        if (m.start, m.end) in seen_spans:
            continue
        # "JNIM militants", "Katiba Macina (JNIM) militants", "MAA fighters": the description is the name's own
        # head noun.
        if m.value.kind == "descriptor" and (m.value.ref.resolve == "context" or m.value.ref.kind == "unidentified") \
                and any(
                re.fullmatch(r"[\s)]*", text[end:m.start]) for end in named_ends if end <= m.start):
            continue
        kind = m.value.kind
        span = Span(m.start, m.end, m.text)
        if kind in ("actor", "descriptor") and (not_a_force_after.match(text[m.end:m.end + 30])
                                                 or not_a_force_before.search(text[max(0, m.start - 40):m.start])):
            continue
        if kind in ("actor", "descriptor") and describes_victim_before.search(text[max(0, m.start - 60):m.start]):
            continue
        if kind == "actor":
            actor_id = local_for.get(m.value.ref) or _local_branch(dictionary, m.value.ref, main_country, when)
            siblings = dictionary.same_label.get(m.text.lower(), [])
            if main_country and actor_id in siblings:
                actor_id = _pick_by_date(dictionary, siblings, when, main_country) or actor_id
            entry = dictionary.resolve_id(actor_id)
            seen_spans.add((m.start, m.end))
            found.append(FoundActor(span, ActorRef(entry.id, entry.kind, entry.inter, entry.country), False,
                                    named_id=m.value.ref))
        elif kind == "person":
            continue  # people lead organisations; they are not ACLED actors themselves
        elif kind == "descriptor":
            ref = _resolve_descriptor(m.value.ref, text, (m.start, m.end), dictionary, named_counts, main_country,
                                      when, lex)
            if ref is not None:
                seen_spans.add((m.start, m.end))
                found.append(FoundActor(span, ref, True, m.value.ref.assoc))
    found = _join_alternatives(found, text, dictionary, lex)
    _identify_described(found, text, lex)
    # "AQIM (JNIM) militants", "Katiba Macina (JNIM)": the name in parentheses is the parent organisation.
    parent_in_brackets = lex.regex("actors", "parent_in_brackets_between", flags=0)
    for first, second in zip(found, found[1:], strict=False):
        if (not first.descriptive and not second.descriptive and first.ref.ref != second.ref.ref
                and parent_in_brackets.fullmatch(text[first.span.end:second.span.start])
                and re.match(r"\s*\)", text[second.span.end:second.span.end + 3])):
            first.ref.parent_hint = second.ref.ref
    return found


# Named militias that unnamed militiamen can be members of.
_MILITIA_KINDS = ("ethnic_militia", "communal_militia", "pro_government_militia", "political_militia")


def _identify_described(found: list[FoundActor], text: str, lex: Lexicon) -> None:
    """'Gunmen ... believed to belong to the Islamic State Sahel Province': the gunmen are that group;
    'militiamen of Dan Na Ambassagou' are that militia."""
    identity_between = lex.regex("actors", "identity_between")
    member_of = lex.regex("actors", "member_of_between")
    for i, described in enumerate(found):
        militiamen = described.ref.kind == "communal_militia" and described.ref.ref.startswith("template:")
        if not described.descriptive or (described.ref.kind not in ("unidentified", "jihadist") and not militiamen):
            continue
        for named in found[i + 1:i + 4]:
            between = text[described.span.end:named.span.start]
            if named.descriptive or "." in between or len(between) > 120:
                continue
            if (identity_between.search(between) and not militiamen) or (
                    # 'les miliciens de Dan Na Ambassagou', 'militiamen of the CJTF': a militia's own members
                    militiamen and named.ref.kind in _MILITIA_KINDS and member_of.fullmatch(between)):
                described.ref = named.ref
                break


def _join_alternatives(found: list[FoundActor], text: str, dictionary: ActorDictionary,
                       lex: Lexicon) -> list[FoundActor]:
    """'JNIM and/or ISGS militants', 'ISGS or JNIM': one actor of uncertain attribution, as ACLED writes it
    ("A and/or B", in the dictionary's order)."""
    alternative = lex.regex("actors", "alternative_between")
    out: list[FoundActor] = []
    order = {actor_id: n for n, actor_id in enumerate(dictionary.actors)}
    for item in found:
        prev = out[-1] if out else None
        if (prev is not None and not prev.descriptive and not item.descriptive
                and prev.ref.ref in dictionary.actors and item.ref.ref in dictionary.actors
                and prev.ref.ref != item.ref.ref
                and alternative.match(text[prev.span.end:item.span.start])):
            a, b = sorted([prev.ref, item.ref], key=lambda r: order.get(r.ref, 10**6))
            span = Span(prev.span.start, item.span.end, text[prev.span.start:item.span.end])
            out[-1] = FoundActor(span, ActorRef(f"combo:{a.ref}|{b.ref}", a.kind, a.inter, a.country), False)
            continue
        out.append(item)
    return out


def _country_beside(text: str, span: tuple[int, int], dictionary: ActorDictionary, lex: Lexicon) -> str:
    """The country of a nationality word next to a mention: before it in English ("Malian soldiers"), after it
    in French ("soldats maliens"), as the language's lexicon places it."""
    start, end = span
    before = lex.regex("actors", "nationality_before", flags=0).search(text[max(0, start - 30):start])
    if before:
        return dictionary.nationalities.get(name_key(before.group(1)), "")
    after = lex.regex("actors", "nationality_after", flags=0).match(text[end:end + 30])
    if after:
        return dictionary.nationalities.get(name_key(after.group(1)), "")
    return ""


def _resolve_descriptor(descriptor: Descriptor, text: str, span: tuple[int, int], dictionary: ActorDictionary,
                        named_counts: Counter, main_country: str, when: date | None,
                        lex: Lexicon) -> ActorRef | None:
    country = descriptor.country or _country_beside(text, span, dictionary, lex)
    assumed = not country
    country = country or main_country
    if descriptor.resolve in ("actor", "candidate") and descriptor.actors:
        # Prefer one of the candidates the document names; else the one valid at the date.
        named = [a for a in descriptor.actors if named_counts.get(a)]
        # "Hunters" in a Nigerian report are no country's Dozo: a text about a country none of the candidates
        # belongs to takes the descriptor's generic fallback when it has one. (Only the text's own country:
        # "Guinean dozos" raiding in Mali are still the Dozo brotherhood ACLED codes for Mali.)
        home = descriptor.country or main_country
        if not named and descriptor.fallback and home and not any(
                _belongs_to(dictionary.actors[a], home) for a in descriptor.actors if a in dictionary.actors):
            return _template_ref(dictionary, descriptor.fallback, home, descriptor)
        if not named and home and home not in _covered_countries(dictionary):
            # 'Islamic State fighters' in Iraq, 'rebels' in Colombia: none of the Sahel's candidates; the
            # organisation they all belong to, else an armed group of the text's country
            shared = _shared_organisation(dictionary, descriptor.actors)
            if shared:
                entry = dictionary.actors[shared]
                return ActorRef(entry.id, entry.kind, entry.inter, entry.country)
            return _template_ref(dictionary, "unidentified_armed_group", home, descriptor)
        actor_id = named[0] if named else _pick_by_date(dictionary, descriptor.actors, when, country)
        if actor_id:
            entry = dictionary.resolve_id(actor_id)
            return ActorRef(entry.id, entry.kind, entry.inter, entry.country)
    if descriptor.resolve == "context":
        same_kind = [(count, a) for a, count in named_counts.items()
                     if a in dictionary.actors and dictionary.actors[a].kind == descriptor.kind]
        ranked = sorted(same_kind, reverse=True)
        top = [a for count, a in ranked if count == ranked[0][0]] if ranked else []
        # 'JNIM, al Qaeda's Sahel branch': the local affiliate is meant; 'groups linked to al Qaeda and Islamic
        # State': two rivals named as often say nothing of which one
        local = [a for a in top if all(b == a or _leans_on(dictionary, a, b) for b in top)]
        if len(local) == 1:
            actor_id = _local_branch(dictionary, local[0], main_country, when)
            entry = dictionary.resolve_id(actor_id)
            return ActorRef(entry.id, entry.kind, entry.inter, entry.country)
        template = descriptor.fallback or descriptor.template or "unidentified_armed_group"
        return _template_ref(dictionary, template, country, descriptor, assumed)
    if descriptor.resolve == "country_state":
        if not country:
            return ActorRef(f"state:?:{descriptor.kind}", descriptor.kind, 1, "", subunit=descriptor.subunit)
        return ActorRef(f"state:{country}:{descriptor.kind}", descriptor.kind, 1, country, subunit=descriptor.subunit,
                        assumed_country=assumed)
    if descriptor.resolve == "template" and descriptor.template:
        return _template_ref(dictionary, descriptor.template, country, descriptor, assumed)
    if descriptor.fallback:
        return _template_ref(dictionary, descriptor.fallback, country, descriptor, assumed)
    return None


def _covered_countries(dictionary: ActorDictionary) -> frozenset[str]:
    """The countries the dictionary is written for: those whose own armies it lists (a few well-known groups of
    other countries are listed too, without those countries' armies)."""
    covered = getattr(dictionary, "_covered", None)
    if covered is None:
        covered = frozenset(e.country for e in dictionary.actors.values() if e.kind == "state_military" and e.country)
        dictionary._covered = covered
    return covered


def _shared_organisation(dictionary: ActorDictionary, actor_ids: list[str]) -> str:
    """The organisation every one of the actors is a unit, branch or affiliate of ('' if none)."""
    shared: set[str] | None = None
    for actor_id in actor_ids:
        entry = dictionary.actors.get(actor_id)
        if entry is None:
            continue
        owners = {r.get("object") for r in entry.relations if r.get("predicate") in ("affiliate_of", "subunit_of")}
        owners |= set(dictionary.ancestors(actor_id))
        shared = owners if shared is None else shared & owners
    return sorted(o for o in shared or () if o in dictionary.actors)[0] if shared else ""


def _leans_on(dictionary: ActorDictionary, child: str, parent: str) -> bool:
    """True when one organisation is a unit, branch or affiliate of another."""
    entry = dictionary.actors.get(child)
    return entry is not None and (entry.parent == parent or any(
        r.get("object") == parent and r.get("predicate") in ("affiliate_of", "subunit_of", "member_of")
        for r in entry.relations))


def _template_ref(dictionary: ActorDictionary, template_id: str, country: str,
                  descriptor: Descriptor, assumed: bool = False) -> ActorRef | None:
    template = dictionary.templates.get(template_id)
    if template is None:
        return None
    slots = {"ethnic": descriptor.ethnic} if descriptor.ethnic else {}
    return ActorRef(f"template:{template_id}", template.kind or descriptor.kind, template.inter, country, slots,
                    assumed_country=assumed)


def acled_name(ref: ActorRef, dictionary: ActorDictionary, when: date | None, country: str) -> tuple[str, int]:
    """ACLED's name and inter for a reference at an event's date and country."""
    country = country or ref.country
    if ref.ref.startswith("combo:"):
        parts = [acled_name(ActorRef(part, ref.kind, ref.inter), dictionary, when, country)
                 for part in ref.ref.split(":", 1)[1].split("|")]
        return " and/or ".join(name for name, _ in parts), parts[0][1]
    if ref.ref.startswith("template:"):
        template = dictionary.templates[ref.ref.split(":", 1)[1]]
        return template.fill(ref.country or country, **ref.slots), template.inter
    if ref.ref.startswith("state:"):
        _, cc, kind = ref.ref.split(":", 2)
        cc = country if cc == "?" else cc
        entry: ActorEntry | None = dictionary.state_actor(cc, kind) if cc else None
        if entry is None and kind != "state_military" and cc:
            entry = dictionary.state_actor(cc, "state_military")
        if entry is None:
            return dictionary.unlisted_state_name(kind, _country_label(cc) if cc else ""), 1
        name = dictionary.name_at(entry.id, when)
        if ref.subunit and not name.endswith(ref.subunit):
            name = f"{name} {ref.subunit}"
        inter = entry.inter
        if country and entry.country and entry.country != country and inter == 1:
            inter = 8  # ACLED: state forces acting abroad are external forces
        return name, inter
    entry = dictionary.actors.get(ref.ref)
    if entry is None:
        return ref.ref, ref.inter
    inter = entry.inter
    if country and entry.country and entry.country != country and inter == 1:
        inter = 8
    return dictionary.name_at(entry.id, when), inter


def _country_label(cc: str) -> str:
    from sitrep.places.countries import country_name

    return country_name(cc)


def to_mention(found: FoundActor, dictionary: ActorDictionary, when: date | None, country: str) -> ActorMention:
    name, inter = acled_name(found.ref, dictionary, when, country)
    return ActorMention(span=found.span, actor_id=found.ref.ref, name=name, inter=inter, kind=found.ref.kind,
                        country=found.ref.country or country, descriptive=found.descriptive)
