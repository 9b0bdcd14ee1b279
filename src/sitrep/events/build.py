"""From sentences to ACLED events.

Each sentence with an event cue becomes a draft (its actors with their roles, places, dates, fatality
figures); drafts that continue the same happening (same day or undated, same place or unplaced, same actors)
merge; a draft naming several distinct sites splits into one event per site (ACLED: one event per day, per
location, per actor pair). Undated habitual statements ("JNIM regularly attacks ...") are not events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from sitrep.actors.dictionary import ActorDictionary
from sitrep.actors.resolve import (
    ARMED_KINDS,
    ORGANISED_NON_STATE,
    STATE_KINDS,
    ActorRef,
    FoundActor,
    acled_name,
)
from sitrep.article import tells_background
from sitrep.events.acled_type import SUB_EVENT_TYPES, decide_type, people_handled
from sitrep.events.cues import VIOLENT_CUES, CueHit, find_cues, find_negators
from sitrep.events.fatalities import (
    FatalityFigure,
    acled_fatalities,
    find_fatalities,
    split_count,
    split_share,
)
from sitrep.intervals import ByStart, count_at_or_before
from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.nlp import sentences
from sitrep.places.gazetteer import haversine_km
from sitrep.records import DateMention, Event, PlaceMention, Span

BACKGROUND_DAYS = 60


@dataclass
class RoleActor:
    found: FoundActor
    role: str  # agent | patient | party | ""


@dataclass
class SentenceInfo:
    index: int
    span: Span
    paragraph: int
    cues: list[CueHit]
    actors: list[RoleActor]
    places: list[PlaceMention]
    dates: list[DateMention]
    figures: list[FatalityFigure]
    no_casualties: Span | None
    habitual: bool
    past: bool = False  # an event word told in a past tense ('attacked', 'ont attaqué'): a happening, not a state
    told: str = ""  # the sentence with its asides (habit, history) blanked out: what it tells as happening


@dataclass
class Draft:
    sentences: list[SentenceInfo] = field(default_factory=list)
    place: PlaceMention | None = None
    date: DateMention | None = None
    date_from_report: bool = False
    lead: bool = False  # the report's news: its headline and lede tell it
    background: bool = False  # told as history beside the news ("since 2015", "the 2012 rebellion")
    site_of_news: bool = False  # placed where the news happened for want of a place of its own
    day_after: Draft | None = None  # told as the day after this draft's happening ('the next morning')
    aside: bool = False  # set beside the news in one sentence ('the same day that …'): later sentences tell the news
    answers: Draft | None = None  # the happening this one takes revenge for ('in reprisal'): later event words
    # tell that one, unless of revenge
    separate: bool = False  # told as another happening ('in a separate attack'): never an elaboration of the news

    @property
    def reprisal(self) -> bool:
        return self.answers is not None

    @property
    def cues(self) -> set[str]:
        return {h.cue for s in self.sentences for h in s.cues}

    @property
    def text(self) -> str:
        return " ".join(s.span.text for s in self.sentences)

    @property
    def told_text(self) -> str:
        """What the sentences tell as happening, asides blanked: the words the type is decided on."""
        return " ".join(s.told or s.span.text for s in self.sentences)

    @property
    def actors(self) -> list[RoleActor]:
        return [a for s in self.sentences for a in s.actors]


_X = re.I | re.X  # lexicon patterns are written in verbose form, across lines


def _syntax(lex: Lexicon, key: str) -> frozenset[str]:
    return frozenset(lex.table("events", "syntax").get(key) or [])


def _preposition(node, lex: Lexicon) -> str | None:
    """The preposition that introduces `node`, by the language's scheme: English parses make the preposition
    the head of its object ('on the camp'), UD parses make it a 'case' child of its noun ('contre le camp')."""
    if node.dep_ in _syntax(lex, "prepositional_object"):
        head = node.head
        return f"{head.head.lower_} {head.lower_}" if head.head.i != head.i else head.lower_
    if node.dep_ in _syntax(lex, "oblique"):
        marks = [c for c in node.children if c.dep_ in ("case", "fixed")] + \
                [g for c in node.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed"]
        marks.sort(key=lambda t: t.i)
        return " ".join(t.lower_ for t in marks) if marks else ""
    return None


def _token_role(tokens, start: int, end: int, lex: Lexicon | None = None) -> str:
    """The grammatical role of the phrase at [start, end) in its sentence: agent, patient, party, source or ''."""
    lex = lex or get_lexicon()
    inside = [t for t in tokens if t.idx >= start and t.idx + len(t.text) <= end]
    if not inside:
        return ""
    reporting = lex.words("events", "reporting_lemmas")
    root = next((t for t in inside if t.head not in inside or t.head.i == t.i), inside[0])
    node = root
    for _ in range(6):
        dep = node.dep_
        head = node.head
        if dep in _syntax(lex, "subject") and head.lemma_.lower() not in reporting:
            if any(c.dep_ in _syntax(lex, "passive_aux") for c in head.children):
                return "patient"
            if root.lemma_.lower() in lex.words("events", "target_nouns") \
                    and head.lemma_.lower() in lex.words("events", "attack_lemmas") \
                    and not any(c.dep_ in _syntax(lex, "object") for c in head.children):
                return "patient"  # a headline's passive: "Gendarmerie post attacked in ..."
            return "agent"
        if dep in _syntax(lex, "subject"):
            # "ISGS claimed to have killed ...": the claimant of its own act is its agent.
            if any(c.dep_ in _syntax(lex, "complement") and c.lemma_.lower() in lex.words("events", "violent_lemmas")
                   for c in head.children):
                return "agent"
            # "the army said it had killed 40 militants": a speaker telling of its own act is its agent
            if any(c.dep_ in _syntax(lex, "clause_complement") and c.lemma_.lower() in lex.words("events", "violent_lemmas")
                   and any(g.dep_ in _syntax(lex, "subject") and g.lower_ in lex.words("events", "speaker_self")
                           for g in c.children)
                   for c in head.children):
                return "agent"
            return "source"
        if dep in _syntax(lex, "passive_subject"):
            return "patient"
        if dep in _syntax(lex, "object"):
            return "patient"
        prep = _preposition(node, lex)
        if prep is not None and dep in _syntax(lex, "prepositional_object") and head.head.i != head.i \
                and head.head.lower_ in lex.words("events", "quantity_heads"):
            node = head.head  # 'hundreds of fighters attacked': the fighters play the part of their number
            continue
        owner = head.head if dep in _syntax(lex, "prepositional_object") else head
        if prep is not None and owner.i != node.i and owner.pos_ in ("NOUN", "PROPN") \
                and owner.lemma_.lower() in lex.words("events", "member_nouns"):
            node = owner  # 'a leader of the CJTF, said': the leader's role is the organisation's
            continue
        if prep is not None:
            if prep in {w.lower() for w in lex.items("events", "source_prepositions")}:
                return "source"
            if dep in _syntax(lex, "agent") or head.dep_ in _syntax(lex, "agent") \
                    or prep.split(" ")[-1] in {w.lower() for w in lex.items("events", "agent_prepositions")}:
                return "agent"
            last = prep.split(" ")[-1] if prep else ""
            if prep in lex.words("events", "patient_prepositions") or last in lex.words("events", "patient_prepositions"):
                return "patient"
            if last in lex.words("events", "party_prepositions"):
                return "party"
            # on to what the phrase qualifies: a noun goes on, a verb ends the search
            node = head.head if dep in _syntax(lex, "prepositional_object") \
                else head
            if node.pos_ in ("VERB", "AUX"):
                return ""
            continue
        if dep in _syntax(lex, "possessor"):
            # 'the army's troops repelled them' (agent), 'an attack on the army's camp' (patient), 'JNIM, al
            # Qaeda's branch' (neither): a possessor plays the part of what it possesses
            if head.i == node.i:
                return ""
            node = head
            continue
        if dep in _syntax(lex, "walk_up"):
            if head.i == node.i:
                return ""
            node = head
            continue
        return ""
    return ""


_IN_PARENTHESES_BEFORE = re.compile(r"\(\s*(?:[^()]{0,60},\s*)?$")
_IN_PARENTHESES_AFTER = re.compile(r"^[^()]{0,60}\)")


def _is_hint(text: str, mention: PlaceMention) -> bool:
    """A name inside '(Douentza, Mopti)' or '[Balaguina-Habe]' qualifies the place before it: not a site."""
    before = text[max(0, mention.span.start - 60):mention.span.start]
    after = text[mention.span.end:mention.span.end + 60]
    if _IN_PARENTHESES_BEFORE.search(before) and _IN_PARENTHESES_AFTER.match(after):
        return True
    return bool(re.search(r"\[\s*$", before) and re.match(r"^[^\[\]]{0,40}\]", after))


def _is_heading(text: str, mention: PlaceMention, lex: Lexicon) -> bool:
    """'leaving toward the Niger border', 'fled to Mauritania': where people went, not where it happened;
    'near the border with Burkina Faso': the country across the border, not the one it happened in."""
    before = text[max(0, mention.span.start - 40):mention.span.start]
    after = text[mention.span.end:mention.span.end + 12]
    if lex.regex("events", "heading_before", _X).search(before):
        return True
    if mention.geo_precision != 3:
        return False
    across = lex.regex("events", "border_before", re.X).search(text[max(0, mention.span.start - 80):mention.span.start])
    return lex.regex("events", "border_after", _X).match(after) is not None or across is not None


# Clause heads: a verb at one of these starts its own clause ("..., where militias regularly kill ...").
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl:relcl", "acl", "conj", "parataxis", "xcomp", "csubj"}


def _clause_of(token):
    """The verb heading the clause a token is in."""
    node = token
    for _ in range(40):
        if node.pos_ in ("VERB", "AUX") and node.dep_ in _CLAUSE_DEPS or node.head.i == node.i:
            return node
        node = node.head
    return node


def _clause_at(sent, start: int, offset: int) -> int:
    """The index of the verb heading the clause at `offset` (relative to the sentence)."""
    token = next((t for t in sent if t.idx - start >= offset), None) or sent[-1]
    return _clause_of(token).i


@dataclass
class _Clauses:
    cues: list[CueHit]  # the event words the sentence tells as happening
    habitual: bool  # the whole sentence tells a habit, plan or possibility
    asides: set[int]  # clauses of habit or history beside the happening: who they name is no party
    told: str = ""  # the sentence with the asides blanked out


def _read_clauses(sent, start: int, lex: Lexicon, cues: list[CueHit]) -> _Clauses:
    """Which clauses of a sentence tell its happening. A clause with a marker of habit or possibility ('regularly',
    'would', 'in recent months') tells none; when every event word is in such clauses the sentence is habitual
    ('JNIM regularly attacks posts'), else those clauses are asides ('..., where attacks have surged in recent
    months'; 'warned they would barricade the road') and their event words and actors do not count."""
    text = sent.text
    markers = list(lex.regex("events", "habitual", _X).finditer(text))
    if not markers:
        return _Clauses(cues, False, set())
    marked = {_clause_at(sent, start, m.start()) for m in markers}
    # clauses inside a marked one are marked too ('X is home to a force fighting Y', 'JNIM often raids
    # villages, killing ...'): what a habit or a state embeds is no happening either
    marked |= {_clause_of(t).i for t in sent if any(a.i in marked for a in t.ancestors)}
    told = [c for c in cues if c.cue not in ("wounded", "intervention")]
    if not told:
        return _Clauses(cues, True, set())
    outside = [c for c in told if _clause_at(sent, start, c.start - start) not in marked]
    if not outside:
        return _Clauses(cues, True, set())
    kept = [c for c in cues if _clause_at(sent, start, c.start - start) not in marked]
    chars = list(text)
    for token in sent:
        if _clause_of(token).i in marked:
            offset = token.idx - start
            chars[offset:offset + len(token.text)] = " " * len(token.text)
    return _Clauses(kept, False, marked, "".join(chars))


def _told_in_past(sent, cues: list[CueHit]) -> bool:
    """True when an event word of the sentence (`cues`, at document offsets) is a verb in a past tense or a
    past participle."""
    for cue in cues:
        for token in sent:
            if cue.start <= token.idx < cue.end and token.pos_ in ("VERB", "AUX") and (
                    "Past" in token.morph.get("Tense") or "Part" in token.morph.get("VerbForm")):
                return True
    return False


def analyse_sentences(text: str, doc, found_actors: list[FoundActor], places: list[PlaceMention],
                      dates: list[DateMention], lex: Lexicon | None = None) -> list[SentenceInfo]:
    lex = lex or get_lexicon()
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    # What starts in each sentence, looked up by offset: a scan of the whole document per sentence is
    # quadratic on a long report.
    actors_at = ByStart(found_actors, lambda a: a.span.start)
    places_at = ByStart(places, lambda p: p.span.start)
    dates_at = ByStart(dates, lambda d: d.span.start)
    infos: list[SentenceInfo] = []
    for index, sent in enumerate(sentences(doc)):
        start, end = sent.start_char, sent.end_char
        sentence_text = text[start:end]
        paragraph = count_at_or_before(paragraph_starts, start) - 1
        # the sentence's event words, found once for both readings of it
        cues = find_cues(sent.text, start, lex)
        clauses = _read_clauses(sent, start, lex, cues)
        actors = [RoleActor(a, _token_role(sent, a.span.start, a.span.end, lex))
                  for a in actors_at.within(start, end)
                  if _clause_at(sent, start, a.span.start - start) not in clauses.asides]
        figures, none_span = find_fatalities(sentence_text, start, lex)
        infos.append(SentenceInfo(
            index=index, span=Span(start, end, sentence_text), paragraph=paragraph,
            cues=clauses.cues, actors=actors,
            places=[p for p in places_at.within(start, end) if not _is_hint(text, p)
                    and not _is_heading(text, p, lex)],
            dates=dates_at.within(start, end),
            figures=figures, no_casualties=none_span,
            habitual=clauses.habitual, past=_told_in_past(sent, cues), told=clauses.told))
    return infos


def _event_cues(info: SentenceInfo) -> set[str]:
    return {h.cue for h in info.cues} - {"wounded", "intervention"}


def _event_date(info: SentenceInfo, lex: Lexicon) -> DateMention | None:
    """The date a sentence gives its event: the most precise one; a bare year ('killed in 1998') only when
    the sentence names no day of its own (a day without a year cannot be placed, and the year is context).
    The day something was said ('a mayor said on Tuesday') is not the day it happened."""
    dates = [d for d in info.dates if not d.reporting]
    if not dates:
        return None
    best = min(dates, key=lambda d: (d.precision, d.span.start))
    if best.precision == 3 and (best.end - best.start).days > 31 and lex.regex("events", "month_day", _X).search(
            info.span.text):
        return None
    return best


def _reported_on(draft: Draft) -> DateMention | None:
    """The day a draft's happening was first reported ('the army said on Tuesday'), for a draft nothing else
    dates: ACLED codes such an event at that day with week precision."""
    said = [d for s in draft.sentences for d in s.dates if d.reporting and (d.end - d.start).days <= 1]
    return replace(said[0], precision=max(2, said[0].precision)) if said else None


# Places named in passing: where people came from, the report's dateline, an organisation's base.
INCIDENTAL = ("origin", "dateline", "base")
NEAR_GAP = 16  # characters between a village and the "near Y" after it: " near ", " (near ", " area, near "


def _best_place(places: list[PlaceMention]) -> PlaceMention | None:
    """Where an event happened: the place its note says it was coded at ("coded as X"), else the first place
    named below the level of a region or country; a country stands at its capital (ACLED's national-level
    events). A town and the "near X"/"area of X" site are equals: a report names the site first and other
    towns in passing ("IED near X; the wounded were evacuated to Y")."""
    usable = [p for p in places if p.resolved and p.place is not None and p.kind != "demonym" and not p.stray]
    # a place far from where the story happens ('Russia's Wagner Group') is the last resort, after even
    # 'the President of Niger' (the place an office is of) and 'deployed from Gao' (an origin), which serve
    # only when nothing else is named
    usable = [p for p in usable if not p.far_abroad] or usable
    usable = [p for p in usable if p.kind != "named_of" and p.qualifier not in INCIDENTAL] or usable
    if not usable:
        return None
    coded = [p for p in usable if p.qualifier == "coded"]
    # "the hamlet of Tama near Wakara", "Dah, near Sokoura": ACLED codes the town it is near (precision 2).
    ordered = sorted(usable, key=lambda p: p.span.start)
    beside = {id(a) for a, b in zip(ordered, ordered[1:], strict=False)
              if b.qualifier == "near" and not a.qualifier and 0 <= b.span.start - a.span.end <= NEAR_GAP
              and a.place.feature_class == "P"}
    usable = [p for p in usable if id(p) not in beside] or usable
    # a place in the document's main country (marked by the pipeline) wins ties; a province or region says more
    # than its whole country ('Burkina Faso; Soum province')
    best = coded[0] if coded else min(usable, key=lambda p: (p.geo_precision >= 3, not p.in_main_country,
                                                             p.place.is_country, p.span.start))
    if best.place.is_country:
        from sitrep.places.resolve import at_capital

        best = at_capital(best)
    return best


def _finer_in_country(place: PlaceMention | None, coarse: PlaceMention | None) -> bool:
    """`place` says where in the country `coarse` names only as a whole (a headline's country, at its capital)."""
    if place is None or place.place is None or coarse is None or coarse.place is None:
        return False
    whole_country = coarse.place.is_country or coarse.qualifier == "capital"
    return whole_country and not place.place.is_country and place.qualifier != "capital" \
        and place.place.country_code == coarse.place.country_code


def _same_place(a: PlaceMention | None, b: PlaceMention | None, km: float = 15.0) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return True
    if a.geo_precision == 3 or b.geo_precision == 3:
        # A region or country contains the other place unless they are in different countries.
        return not (a.place.country_code and b.place.country_code and a.place.country_code != b.place.country_code)
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= km


def _same_date(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def build_drafts(infos: list[SentenceInfo], report_date: date | None, short_document: bool,
                 lex: Lexicon | None = None) -> list[Draft]:
    """Sentences with event cues, grouped into the happenings they tell.

    A sentence continues the most recent draft it is compatible with (same day or undated, same place or
    unplaced, the same named actors or none), within a few paragraphs; otherwise a dated sentence starts a
    new draft. Undated habitual statements start nothing.
    """
    lex = lex or get_lexicon()
    anaphora = lex.regex("events", "anaphora", _X)
    happened = lex.regex("events", "happened", _X)
    next_day = lex.regex("events", "next_day", _X)
    same_day = lex.regex("events", "same_day", _X)
    reprisal = lex.regex("events", "reprisal", _X)
    victims_again = lex.regex("events", "victims_again", _X)
    earlier = lex.regex("events", "earlier_news", _X)
    placed_before = False  # a sentence before named a place of the story's own region
    separate = lex.regex("events", "separate", _X)
    separate_same_day = lex.regex("events", "separate_same_day", _X)
    drafts: list[Draft] = []
    before_first: list[SentenceInfo] = []  # a note's opening sentences that set the scene before any cue
    # a day set by a sentence that tells no happening itself ('on 11 July, the situation turned'): the next
    # undated happening of its paragraph took place then
    scene: tuple[DateMention, int] | None = None
    for info in infos:
        cues = _event_cues(info)
        place = _best_place(info.places)
        if place is not None and place.far_abroad and (place.place.is_country or place.qualifier == "capital") \
                and (drafts or placed_before):
            # 'tired of France's treatment', 'slogans hostiles à la France' after a sentence in Ouagadougou: a
            # country far from the story is no site of a new event
            place = None
        placed_before = placed_before or any(p.resolved and p.place is not None and not p.far_abroad
                                             for p in info.places)
        when = _event_date(info, lex)
        if not short_document:
            if not cues and when is not None and when.precision == 1 and not info.habitual \
                    and not tells_background(info.span.text, lex):
                scene = (when, info.paragraph)
            if cues and when is None and scene is not None and scene[1] == info.paragraph:
                when = scene[0]
            scene = None if cues else scene
        if not cues:
            current = _last_told(drafts)
            if short_document and current is not None:
                current.sentences.append(info)  # a note tells one happening: its other sentences belong to it
                if _finer_in_country(place, current.place):
                    current.place = place  # 'Nine killed in Burkina Faso; Soum province': where in the country
                continue
            if short_document:
                before_first.append(info)
                continue
            # Casualty or outcome sentences continue the event before them.
            if current is not None and (info.figures or info.no_casualties or "wounded" in {h.cue for h in info.cues}) \
                    and info.paragraph - current.sentences[-1].paragraph <= 2 and _same_place(current.place, place, 60):
                current.sentences.append(info)
            # 'It occurred in the village of X' tells where the happening before it took place.
            elif current is not None and happened.search(info.span.text) \
                    and info.paragraph - current.sentences[-1].paragraph <= 1 and _same_date(current.date, when):
                current.sentences.append(info)
                if place is not None and (current.place is None or place.geo_precision < current.place.geo_precision
                                          or not _names_a_site(current.place)):
                    current.place = place
            continue
        if info.habitual and when is None:
            continue
        if not short_document and _is_headline(info):
            continue
        if drafts and not short_document and when is None and next_day.search(info.told or info.span.text) \
                and not victims_again.match(info.span.text):
            # 'the next morning, troops killed ten militants near the site': another happening, a day later
            before = drafts[-1]
            if before.date is not None and before.date.precision == 1:
                day = before.date.start + timedelta(days=1)
                when = DateMention(Span(info.span.start, info.span.start, ""), day, day, 1, relative=True)
            drafts.append(Draft(sentences=[info], place=place or _near(before.place), date=when, day_after=before))
            continue
        if drafts and not short_document and same_day.search(info.told or info.span.text):
            # 'the attack came the same day that rebels ambushed a patrol in the east': another happening on the
            # day of the one before it, at the place the sentence names (not the first one's)
            before = drafts[-1]
            first_site = before.place
            site = place if place is not None and not (
                first_site is not None and first_site.place is not None and place.place is not None
                and place.place.geonameid == first_site.place.geonameid) else None
            drafts.append(Draft(sentences=[info], place=site, date=when or before.date, aside=True))
            continue
        if drafts and not short_document and separate.search(info.span.text):
            # 'in a separate attack on the same day, six soldiers were killed near X': another happening, which
            # takes the day of the one before it only when it says so
            if when is None and separate_same_day.search(info.span.text):
                when = drafts[-1].date
            drafts.append(Draft(sentences=[info], place=place, date=when, separate=True))
            continue
        revenge = bool(reprisal.search(info.told or info.span.text))
        if drafts and not short_document and revenge and not any(d.reprisal for d in drafts):
            # 'villagers killed 14 herders in reprisal for the attack': the other side's answer is another
            # happening, around the first one's place and days unless it names its own
            before = _last_told(drafts)
            drafts.append(Draft(sentences=[info], place=place or _near(before.place), date=when or before.date,
                                answers=before))
            continue
        if drafts and not short_document and earlier.search(info.span.text):
            # 'cette attaque intervient une semaine après celle de X, qui avait fait 44 morts': what the news comes
            # after is its own (recalled) happening, never told on by the news' draft
            drafts.append(Draft(sentences=[info], place=place, date=when))
            continue
        open_to = [d for d in drafts if not d.aside and (revenge or not d.reprisal)]  # what it may go on telling
        recent_first = sorted(open_to, key=lambda d: -d.sentences[-1].index)
        last = open_to[-1] if open_to else None
        told_on = None
        if drafts and (anaphora.match(info.span.text) or victims_again.match(info.span.text)):
            # "The attack was initiated by ...": the same happening told on, whatever else the sentence names;
            # past a sentence on something else ('the president visited the site yesterday'), the happening of
            # the same kind told just before it
            told_on = next((d for d in recent_first
                            if info.paragraph - d.sentences[-1].paragraph <= (1 if d is last else 2)
                            and (when is None or _same_date(d.date, when))
                            and (d is last or cues & d.cues - {"wounded"})), None)
        if told_on is not None:
            told_on.sentences.append(info)
            _refine_site(told_on, place, info.places)
            _refine_day(told_on, when)
            continue
        target = next((d for d in recent_first if _continues(d, info, place, when, short_document)
                       and not _other_rioters(d, info, lex)), None)
        if target is not None:
            target.sentences.append(info)
            _refine_site(target, place, info.places)
            _refine_day(target, when)
            continue
        beside = next((d for d in recent_first if _continues(d, info, place, when, short_document)), None)
        if beside is not None:
            # the crowd's riot beside the mutiny it followed: that day, there unless it names its own site
            when = when or beside.date
            place = place or _near(beside.place)
        draft = Draft(sentences=[*before_first, info], place=place, date=when)
        if before_first:
            opening = _best_place([p for i in before_first for p in i.places])
            draft.place = opening if draft.place is None or _finer_in_country(opening, draft.place) else draft.place
            draft.date = draft.date or next((d for d in (_event_date(i, lex) for i in before_first) if d is not None),
                                            None)
            before_first = []
        drafts.append(draft)
    for draft in drafts:
        draft.sentences.sort(key=lambda s: s.index)
    return drafts


def _last_told(drafts: list[Draft]) -> Draft | None:
    """The happening told last (not the one started last: a recalled one may sit between), asides apart."""
    return max((d for d in drafts if not d.aside), key=lambda d: d.sentences[-1].index, default=None)


def _near(place: PlaceMention | None) -> PlaceMention | None:
    """Near a place told before (geo_precision 2 at least): where a happening told beside it took place."""
    return replace(place, geo_precision=max(2, place.geo_precision)) if place is not None else None


def _refine_site(draft: Draft, place: PlaceMention | None, named: list[PlaceMention] = ()) -> None:
    """A later sentence of the same happening refines a region or country to a point in it ('an attack in
    Borno State ... The attack, which took place in Isige town, Gwoza LGA'); a town it names after a precise
    site ('beheaded near X ... had helped a soldier after the ambush in Y') is told in passing.

    A point outside the region the happening was placed in is a same-named village elsewhere ('a raid in
    Zamfara State … the villages of Gora and Rini in Bakura LGA', where the only Gora known is in another
    state): the sentence's places inside that region refine it instead (`named`)."""
    if draft.place is not None and place is not None and draft.place.geo_precision == 3 > place.geo_precision \
            and _outside_region(place, draft.place):
        place = _best_place([p for p in named if p.place is not None and p.geo_precision < 3
                             and not _outside_region(p, draft.place)])
    if draft.place is None or (place and place.geo_precision < 3 <= draft.place.geo_precision
                               and _same_place(draft.place, place, 60)):
        draft.place = place or draft.place
    elif place is not None and draft.place.qualifier in INCIDENTAL and place.qualifier not in INCIDENTAL:
        # placed only at the dateline ('COTONOU - soldiers were killed in the far north'): the telling's own
        # site, a region even, is where it happened
        draft.place = place


def _outside_region(mention: PlaceMention, region: PlaceMention) -> bool:
    """True when a place lies in another admin-1 area of the country a region mention ('Zamfara State') is in
    ('northern Benin' is a part of a country, not an admin area: no region here)."""
    a, b = mention.place, region.place
    if a is None or b is None or b.is_country or not b.admin1_code or not a.admin1_code or region.qualifier:
        return False
    return a.country_code == b.country_code and a.admin1_code != b.admin1_code


def _refine_day(draft: Draft, when: DateMention | None) -> None:
    """A later sentence of the same happening dates it, or dates it more precisely: 'killed this week ...
    the patrol hit a mine on Tuesday' is Tuesday's event (the day inside the week told first)."""
    if draft.date is None:
        draft.date = when
    elif when is not None and not when.reporting and when.precision < draft.date.precision \
            and draft.date.start <= when.start and when.end <= draft.date.end:
        draft.date = when


def _is_headline(info: SentenceInfo) -> bool:
    """A title line: short, early, no closing punctuation. It restates the story; the body tells it."""
    text = info.span.text.strip()
    return info.index <= 3 and len(text.split()) <= 16 and not text.endswith((".", "!", "?", '"', "'"))


def _continues(current: Draft, info: SentenceInfo, place: PlaceMention | None, when: DateMention | None,
               short_document: bool) -> bool:
    if short_document:
        return True  # a note or a brief tells one happening, whatever places its later sentences name
    gap = info.paragraph - current.sentences[-1].paragraph
    if gap > 4 or (when is None and current.date is None and gap > 1):
        return False
    if not _same_date(current.date, when):
        return False
    if not _same_place(current.place, place, 25):
        return False
    new_refs = {a.found.ref.ref for a in info.actors
                if a.found.ref.kind in ARMED_KINDS and not a.found.descriptive and a.role != "source"}
    old_refs = {a.found.ref.ref for s in current.sentences for a in s.actors
                if a.found.ref.kind in ARMED_KINDS and not a.found.descriptive and a.role != "source"}
    if new_refs and old_refs and not (new_refs & old_refs):
        return False
    if when is not None and current.date is None:
        return False
    return True


def _other_rioters(current: Draft, info: SentenceInfo, lex: Lexicon) -> bool:
    """A crowd's riot told after soldiers' mutiny, or the other way round ('des soldats se sont mutinés … dans la
    foulée, des jeunes ont érigé des barricades'): two happenings with their own rioters, as ACLED codes them."""
    if "riot" not in {h.cue for h in info.cues}:
        return False
    mutiny, crowd = lex.regex("types", "mutiny"), lex.regex("types", "crowd_words")
    text = info.told or info.span.text
    if mutiny.search(text):
        return any("riot" in {h.cue for h in s.cues} and crowd.search(s.told or s.span.text)
                   and not mutiny.search(s.told or s.span.text) for s in current.sentences)
    return bool(crowd.search(text)) and bool(mutiny.search(current.told_text))


def _split_by_site(draft: Draft, lex: Lexicon) -> list[Draft]:
    """A draft naming distinct precise sites becomes one draft per site (ACLED: one event per location).

    A city and a district or facility inside it are one site: the finer one. Sentences naming no site
    (actors, claims) go with every part; their casualty figures only with the first.
    """
    coded = _best_place([p for s in draft.sentences for p in s.places if p.qualifier == "coded"])
    if coded is not None:
        draft.place = coded  # the note says where the event is coded: one event, there
        return [draft]
    if draft.place is None:
        # No sentence with a cue names a place: the place another sentence of the same happening names.
        draft.place = _best_place([p for s in draft.sentences for p in s.places])
    sites: list[PlaceMention] = []
    area_before = lex.regex("events", "containing_area_before", _X)
    for s in draft.sentences:
        if not _event_cues(s) or (sites and lex.regex("events", "anaphora", _X).match(s.span.text)):
            continue  # a sentence telling on "the attack" names no new site of it
        for p in s.places:
            if not p.resolved or p.place is None or p.kind == "demonym" or p.geo_precision != 1 or p.qualifier \
                    or p.far_abroad:
                continue
            if sites and area_before.search(s.span.text[:max(0, p.span.start - s.span.start)]):
                continue  # 'the village of X, in the commune of Y': the area X lies in, no second site
            if all(haversine_km(p.place.lat, p.place.lon, q.place.lat, q.place.lon) > 3 for q in sites):
                sites.append(p)

    def contains(city: PlaceMention, part: PlaceMention) -> bool:
        facility = part.kind == "facility" or part.place.feature_code in ("AIRP", "MILB", "PPLX")
        big = city.place.population >= 50_000 or city.place.feature_code == "PPLC" or (
            facility and city.place.feature_class == "P")
        return big and part.place.population < city.place.population and haversine_km(
            city.place.lat, city.place.lon, part.place.lat, part.place.lon) < 25

    sites = [p for p in sites if not any(q is not p and contains(p, q) for q in sites)]
    # a village read in another state than the one the happening is told in is a same-named place elsewhere
    regions = [p for s in draft.sentences for p in s.places
               if p.resolved and p.place is not None and p.geo_precision == 3 and not p.place.is_country]
    sites = [p for p in sites if not regions or not all(_outside_region(p, r) for r in regions)]
    if len(sites) < 2:
        return [draft]
    def same_site(q: PlaceMention, p: PlaceMention) -> bool:
        return q.span == p.span or (q.resolved and q.place is not None and q.geo_precision == 1 and not q.qualifier
                                    and haversine_km(q.place.lat, q.place.lon, p.place.lat, p.place.lon) <= 3)

    site_sentences = {id(p): [s for s in draft.sentences if any(same_site(q, p) for q in s.places)] for p in sites}
    rest = [s for s in draft.sentences if not any(s in v for v in site_sentences.values())]
    parts = []
    for n, site in enumerate(sorted(sites, key=lambda p: p.span.start)):
        shared = rest if n == 0 else [_without_figures(s) for s in rest]
        # a sentence naming several sites gives each the figures told nearest to it ('X, where 24 were killed')
        own = [_figures_near(s, site, sites, same_site) for s in site_sentences[id(site)]]
        sentences = sorted({s.index: s for s in own + shared}.values(), key=lambda s: s.index)
        parts.append(Draft(sentences=sentences, place=site, date=draft.date, date_from_report=draft.date_from_report,
                           lead=draft.lead, background=draft.background))
    return parts


def _figures_near(info: SentenceInfo, site: PlaceMention, sites: list[PlaceMention], same_site) -> SentenceInfo:
    """The sentence with only the casualty figures nearer to a mention of `site` than to any other site's."""
    mentions = [(q, p) for q in info.places for p in sites if same_site(q, p)]
    if not info.figures or len({id(p) for _, p in mentions}) < 2:
        return info

    def nearest(figure: FatalityFigure) -> PlaceMention:
        return min(mentions, key=lambda qp: min(abs(figure.span.start - qp[0].span.end),
                                                 abs(qp[0].span.start - figure.span.end)))[1]

    return replace(info, figures=[f for f in info.figures if nearest(f) is site])


def _without_figures(info: SentenceInfo) -> SentenceInfo:
    from dataclasses import replace

    return replace(info, figures=[], no_casualties=None)


def _identity(ref: ActorRef, dictionary: ActorDictionary) -> str:
    """Who an actor is for taking sides: a country's state forces are one side, a unit is its organisation."""
    if ref.ref.startswith("state:"):
        return "state:" + (ref.country or ref.ref.split(":")[1])
    entry = dictionary.actors.get(ref.ref)
    if entry is None:
        return ref.ref
    if entry.kind in STATE_KINDS:
        return "state:" + entry.country
    ancestors = dictionary.ancestors(entry.id)
    return ancestors[-1] if ancestors else entry.id


def _sided_roles(draft: Draft, dictionary: ActorDictionary) -> list[RoleActor]:
    """Roles made consistent across a draft's sentences. The first sentence that names an agent or a target
    sets the sides; a later sentence told from the other side ("the army said its troops repelled the
    assailants") is turned round, and an actor keeps the side it was first given."""
    side_of: dict[str, str] = {}
    out: list[RoleActor] = []
    for sentence in draft.sentences:
        actors = [ra for ra in sentence.actors if ra.role != "source"]  # who reports is not a party
        keep = flip = 0
        for ra in actors:
            known = side_of.get(_identity(ra.found.ref, dictionary))
            if known and ra.role in ("agent", "patient"):
                keep += known == ra.role
                flip += known != ra.role
        turned = flip > keep
        for ra in actors:
            role = ra.role
            if turned and role in ("agent", "patient"):
                role = "patient" if role == "agent" else "agent"
            key = _identity(ra.found.ref, dictionary)
            if key in side_of:
                role = side_of[key]
            elif role in ("agent", "patient"):
                side_of[key] = role
            out.append(RoleActor(ra.found, role))
    return out


def _is_parent(dictionary: ActorDictionary, parent: str, child: str) -> bool:
    return parent in dictionary.ancestors(child)


def _related(dictionary: ActorDictionary, a: str, b: str) -> bool:
    """Same side: one is a unit or affiliate of the other, or they are allies."""
    if a == b or _is_parent(dictionary, a, b) or _is_parent(dictionary, b, a):
        return True
    loyal = STATE_KINDS | {"pro_government_militia"}
    ea, eb = dictionary.actors.get(a), dictionary.actors.get(b)
    country_a = ea.country if ea else (a.split(":")[1] if a.startswith("state:") else "")
    country_b = eb.country if eb else (b.split(":")[1] if b.startswith("state:") else "")
    kind_a = ea.kind if ea else ("state_military" if a.startswith("state:") else "")
    kind_b = eb.kind if eb else ("state_military" if b.startswith("state:") else "")
    if country_a and country_a == country_b and kind_a in loyal and kind_b in loyal:
        return True  # a country's forces and the militias fighting beside them are one side
    for x, y in ((a, b), (b, a)):
        entry = dictionary.actors.get(x)
        if entry and any(r.get("object") == y and r.get("predicate") in ("affiliate_of", "allied_with", "member_of",
                                                                           "subunit_of") for r in entry.relations):
            return True
    return False


_CLAIMANT_KINDS = {"jihadist", "rebel", "political_militia", "ethnic_militia", "communal_militia"}


def _claimant(draft: Draft, lex: Lexicon) -> ActorRef | None:
    """The named armed group that claims the passage's attack ('JNIM claimed responsibility')."""
    for sentence in draft.sentences:
        if not lex.regex("events", "claimed_attack", _X).search(sentence.span.text):
            continue
        for ra in sentence.actors:
            ref = ra.found.ref
            if ra.role == "source" and ref.kind in _CLAIMANT_KINDS and not ra.found.descriptive:
                return ref
    return None


@lru_cache(maxsize=16)  # built and compiled once per lexicon entry, not at every passage assembled
def _with_communities(lex: Lexicon, entry: str, words: str) -> tuple[re.Pattern, list[str]]:
    """A lexicon pattern whose <GROUP> / <ETHNIC> slots stand for the dictionary's community names; each slot
    becomes its own named group (e1, e2 ...), returned in order."""
    source = lex.fragment("events", entry).replace("<GROUP>", "(?:" + lex.fragment("events", "community_group") + ")")
    names: list[str] = []

    def slot(_m: re.Match) -> str:
        names.append(f"e{len(names) + 1}")
        return f"(?P<{names[-1]}>{words})"

    return re.compile(re.sub(r"<ETHNIC>", slot, source), _X), names


def _community_words(dictionary: ActorDictionary) -> str:
    return _longest_first(tuple(dictionary.ethnic_groups))


@lru_cache(maxsize=8)  # escaped and sorted once per dictionary, not twice per passage assembled
def _longest_first(names: tuple[str, ...]) -> str:
    return "|".join(sorted((re.escape(k) for k in names), key=len, reverse=True))


def _clashing_communities(text: str, dictionary: ActorDictionary, lex: Lexicon) -> tuple[str, str] | None:
    """The two communities a clash is between: 'clashes between Bambara and Fulani', 'Fula pastoralists and
    Gourmantche farmers fought each other'. Their ACLED ethnic labels, in the text's order."""
    words = _community_words(dictionary)
    if not words:
        return None
    pattern, names = _with_communities(lex, "clashing_communities", words)
    m = pattern.search(text)
    if not m:
        return None
    found = [m[n] for n in names if m[n]]
    if len(found) < 2:
        return None
    first = dictionary.ethnic_groups.get(found[0].lower())
    second = dictionary.ethnic_groups.get(found[1].lower())
    return (first, second) if first and second and first != second else None


# Foreign armies and peace operations (Barkhane, MINUSMA) that defuse devices as national forces do.
_OUTSIDE_FORCES = {"foreign_state", "international", "regional_org"}
def _crowd_control(state_side: list[ActorRef], text: str, country: str, lex: Lexicon) -> list[ActorRef]:
    """Security forces or authorities facing a crowd (with tear gas) are its police, as ACLED codes them, unless
    soldiers are named."""
    if not lex.regex("events", "security_forces", _X).search(text) \
            or lex.regex("events", "army_words", _X).search(text) or not country \
            or any(r.kind in ("state_police", "state_gendarmerie") for r in state_side):
        return state_side
    police = ActorRef(f"state:{country}:state_police", "state_police", 1, country)
    return [police if r.kind in ("state_military", "state_other") and not r.subunit else r for r in state_side]


def _defenders_community(text: str, dictionary: ActorDictionary, lex: Lexicon) -> str | None:
    """'attacked the Dogon village of X ... village self-defense repelled it': the ACLED ethnic label of the
    community whose village defends itself, when the text names one."""
    words = _community_words(dictionary)
    if not words or not lex.regex("events", "self_defence", _X).search(text):
        return None
    pattern, names = _with_communities(lex, "defended_community", words)
    m = pattern.search(text)
    found = [m[n] for n in names if m[n]] if m else []
    return dictionary.ethnic_groups.get(found[0].lower()) if found else None


# Armed locals named by their village who act as a side ("villagers from X attacked ...", "youths armed with
# rifles from the village of Y ambushed ..."): ACLED names them "{village} Communal Militia".
def _armed_locals(text: str, lex: Lexicon, reprisal: bool = False) -> list[str]:
    """The villages whose armed locals act as sides, in order of mention (in a reprisal, also the residents
    of a village said to have taken revenge)."""
    places: list[str] = []
    found = list(lex.regex("events", "armed_locals", re.X).finditer(text))
    if reprisal:
        found += lex.regex("events", "reprisal_by", re.X).finditer(text)
    for m in found:
        if m["place"] not in places:
            places.append(m["place"])
    return places


def _name_armed_locals(agents: list[ActorRef], patients: list[ActorRef], text: str, event_type: str,
                       country: str, lex: Lexicon, reprisal: bool = False) -> tuple[list[ActorRef], list[ActorRef]]:
    """Put the village militias the text names in place of an unnamed side (armed group, villagers)."""
    villages = _armed_locals(text, lex, reprisal) if event_type in ("Battles", "Violence against civilians") else []
    unnamed = ("unidentified", "civilians", "communal_militia")

    def militia(place: str) -> ActorRef:
        return ActorRef("template:communal_militia", "communal_militia", 4, country, slots={"place": place})

    # in a battle, gunmen stay a side: the village's militia is then their opponent
    replaceable = unnamed if event_type == "Violence against civilians" else ("civilians", "communal_militia")
    if villages and (not agents or (agents[0].kind in replaceable and agents[0].ref.startswith("template:"))):
        agents = [militia(villages.pop(0)), *agents[1:]]
    if villages and event_type == "Battles" and (not patients or patients[0].kind in ("civilians", "communal_militia")
                                                 and patients[0].ref.startswith("template:")):
        patients = [militia(villages[0]), *patients[1:]]
    return agents, patients


def assemble_event(draft: Draft, doc_id: str, dictionary: ActorDictionary, default_country: str,
                   report_date: date | None, country_of_event: str, negators: set[str],
                   opinion: tuple[str, float] = ("", 0.0), opinion_floor: float = 0.5,
                   lex: Lexicon | None = None) -> Event | None:
    return _assemble_event(draft, doc_id, dictionary, default_country, report_date, country_of_event, negators,
                           opinion, opinion_floor, lex)[0]


def _assemble_event(draft: Draft, doc_id: str, dictionary: ActorDictionary, default_country: str,
                    report_date: date | None, country_of_event: str, negators: set[str],
                    opinion: tuple[str, float] = ("", 0.0), opinion_floor: float = 0.5,
                    lex: Lexicon | None = None) -> tuple[Event | None, bool]:
    """The event of a draft, and whether no opinion of the classifier could change it (`_opinion_moot`)."""
    lex = lex or get_lexicon()
    when = draft.date
    event_date = when.start if when else (report_date if draft.date_from_report else None)
    country = country_of_event or default_country
    sides = _without_own_account(draft, lex)
    text = sides.told_text

    agents: list[ActorRef] = []
    patients: list[ActorRef] = []
    parties: list[ActorRef] = []
    unknown: list[ActorRef] = []
    # 'the attack has not been claimed, but the area is home to X and Y': groups named as suspects are no authors
    unclaimed = lex.regex("events", "unclaimed", _X)
    suspects_told = [s.span for s in sides.sentences if unclaimed.search(s.span.text)]
    for ra in _sided_roles(sides, dictionary):
        if (not ra.role or ra.found.ref.kind in ORGANISED_NON_STATE) \
                and any(s.start <= ra.found.span.start < s.end for s in suspects_told):
            continue
        bucket = {"agent": agents, "patient": patients, "party": parties}.get(ra.role, unknown)
        ref = ra.found.ref
        if ref.assumed_country and country_of_event and ref.country != country_of_event:
            # 'In Niger, the army repelled an attack on its base in Tera' in a report about Burkina Faso: a state
            # force named without a country is the one of where the event happened
            ref = replace(ref, ref=f"state:{country_of_event}:{ref.kind}" if ref.ref.startswith("state:") else ref.ref,
                          country=country_of_event)
        if all(r.ref != ref.ref for r in bucket):
            bucket.append(ref)
    # "Gendarmerie post attacked ... JNIM claimed the attack": who claims an attack nobody else is named for
    # carried it out, as ACLED codes it.
    claimant = _claimant(sides, lex)
    if claimant is not None and all(a.ref.startswith("template:") for a in agents):
        agents = [claimant, *(a for a in agents if a.ref != "template:unidentified_armed_group")]
        patients = [p for p in patients if p.ref != claimant.ref]
    elif claimant is not None and agents and all(a.kind in STATE_KINDS for a in agents):
        # "Army post attacked in X ... JNIM claimed the attack": the forces read as subject were its target
        patients = [*agents, *(p for p in patients if p.ref != claimant.ref)]
        agents = [claimant]
    # Named actors replace descriptive ones that point at the same thing ("JNIM ... the jihadists").
    all_refs = [*agents, *parties, *unknown, *patients]
    if not agents and parties:
        agents, parties = parties[:1], parties[1:]
    patients = [p for p in parties if p.ref not in {a.ref for a in agents}] + patients  # "clashed with X"
    if not agents:
        armed_unknown = [r for r in unknown if r.kind in ARMED_KINDS]
        if armed_unknown:
            agents = [armed_unknown[0]]
            unknown = [r for r in unknown if r is not armed_unknown[0]]
    if agents and all(a.kind == "unidentified" for a in agents):
        # 'unidentified gunmen carried out the attack … fighters linked to ISIL likely did it': a named armed
        # group told beside unknown authors, in no role against them, is who they are said to be
        named = [r for r in unknown if r.kind in ORGANISED_NON_STATE]
        if named:
            agents = named[:1]
            unknown = [r for r in unknown if r is not named[0]]
    for r in unknown:
        if r.ref not in {a.ref for a in agents} and r.ref not in {p.ref for p in patients}:
            (patients if r.kind in ("civilians",) or agents else agents).append(r)
    # Officials who speak about an attack are not a party to it.
    if draft.cues & {"attack", "clash", "suicide", "air", "shelling", "ied", "grenade", "abduction", "sexual"}:
        # (forest guards, customs and prison guards are state_other too, but armed units: they stay)
        agents = [r for r in agents if r.kind != "state_other" or r.subunit]
        patients = [r for r in patients if r.kind != "state_other" or r.subunit]
        unknown = [r for r in unknown if r.kind != "state_other" or r.subunit]
    # The same side: a unit and its organisation, or allies named as a target by mistake of syntax.
    same_side = [p for p in patients if any(_related(dictionary, p.ref, a.ref) for a in agents)]
    agents += [p for p in same_side if p.ref not in {a.ref for a in agents}]
    patients = [p for p in patients if p not in same_side]
    # A subunit and its parent are one actor with an associate, not two sides.
    agents = _fold_parents(agents, dictionary, event_date)
    patients = [p for p in _fold_parents(patients, dictionary, event_date) if p.ref not in {a.ref for a in agents}]
    if agents and agents[0].kind in ARMED_KINDS - STATE_KINDS:
        # 'bandits attacked the school … soldiers succeeded in repelling the attack': forces told acting against
        # the armed group that leads are its opponents, not its associates
        opposed = [a for a in agents[1:] if a.kind in STATE_KINDS and not _related(dictionary, a.ref, agents[0].ref)]
        agents = [a for a in agents if a not in opposed]
        patients = [*patients, *(o for o in opposed if o.ref not in {p.ref for p in patients})]
    # A village's self-defence is its community's militia, as ACLED names it ("Dogon Ethnic Militia (Mali)").
    if any(r.ref == "template:unidentified_communal_militia" for r in [*agents, *patients]) \
            and (ethnic := _defenders_community(text, dictionary, lex)):
        militia = ActorRef("template:ethnic_militia", "ethnic_militia", 4, country, slots={"ethnic": ethnic})
        agents = [militia if r.ref == "template:unidentified_communal_militia" else r for r in agents]
        patients = [militia if r.ref == "template:unidentified_communal_militia" else r for r in patients]
    # some of the dead ('two of his brothers') name no side of their own: people
    victim_groups = {"people" if f.group == "part" else f.group for s in sides.sentences for f in s.figures}
    communities = _clashing_communities(text, dictionary, lex)
    if communities and not any(a.kind in ARMED_KINDS - {"ethnic_militia", "communal_militia", "unidentified"}
                               for a in [*agents, *patients]):
        # "clashes between Bambara and Fulani": two communities' militias fight, as ACLED codes it
        agents = [ActorRef("template:ethnic_militia", "ethnic_militia", 4, country, slots={"ethnic": communities[0]})]
        patients = [ActorRef("template:ethnic_militia", "ethnic_militia", 4, country, slots={"ethnic": communities[1]})]
        cues = draft.cues | {"clash"}
    else:
        cues = sides.cues
    event_type, sub_type, reason = decide_type(cues, text, [a.kind for a in agents], [p.kind for p in patients],
                                               victim_groups, negators, lex)
    moot = _opinion_moot(sub_type, reason, agents)
    event_type, sub_type, reason = _weigh_opinion(event_type, sub_type, reason, opinion, agents, patients,
                                                  opinion_floor, hands_on=people_handled(text, lex), cues=cues)
    if not sub_type:
        return None, moot

    # ACLED's roles per type.
    if event_type == "Protests":
        protesters = ActorRef("template:protesters", "protesters", 6, country)
        state_side = _crowd_control([r for r in all_refs if r.kind in STATE_KINDS], text, country, lex)
        agents = [protesters]
        patients = state_side[:1] if sub_type != "Peaceful protest" else []
    elif event_type == "Riots":
        if sub_type == "Violent demonstration" or not any(a.kind in ARMED_KINDS for a in agents):
            agents = [ActorRef("template:rioters", "rioters", 5, country)]
        # The crowd itself (residents, youths, traders) are the rioters; the other side is usually the state.
        state_side = _crowd_control([r for r in all_refs if r.kind in STATE_KINDS], text, country, lex)
        others = [p for p in patients if p.kind not in ("rioters", "civilians", "protesters")]
        patients = (state_side or others)[:1] if sub_type == "Violent demonstration" else (others or patients)[:1]
        if reason == "soldiers rioting":
            # the soldiers are the rioters: their force is the rioters' associate
            forces = [r for r in all_refs if r.kind in STATE_KINDS][:1]
            agents = [*agents[:1], *(f for f in forces if f.ref not in {a.ref for a in agents})]
            patients = []
        elif sub_type == "Mob violence" and not patients:
            # a mob's victims are people: with nobody else named, ACLED codes them as civilians
            patients = [ActorRef("template:civilians", "civilians", 7, country)]
    elif event_type == "Violence against civilians":
        # civilians told as a sentence's subject ("the aid workers escaped") are still the victims
        patients += [a for a in agents if a.kind == "civilians" and a.ref not in {p.ref for p in patients}]
        agents = [a for a in agents if a.kind != "civilians"]
        civilians = [p for p in patients if p.kind == "civilians"]
        if not civilians:
            civilians = [ActorRef("template:civilians", "civilians", 7, country)]
        armed_patients = [p for p in patients if p.kind in ARMED_KINDS]
        if not agents and armed_patients:
            agents = armed_patients[:1]
        patients = civilians
        if not agents:
            agents = [ActorRef("template:unidentified_armed_group", "unidentified", 3, country)]
    elif event_type == "Battles" and sub_type == "Armed clash":
        if not patients and len(agents) > 1:
            # "JNIM and ISGS militants clashed": two unrelated organisations on the agent side fight each other.
            rival = next((a for a in agents[1:] if not _related(dictionary, a.ref, agents[0].ref)
                          and a.kind in ARMED_KINDS), None)
            if rival is not None:
                agents = [a for a in agents if a is not rival]
                patients = [rival]
        if not patients:
            extra = [r for r in all_refs if r.kind in ARMED_KINDS and r.ref not in {a.ref for a in agents}]
            patients = extra[:1]
        if agents and all(r.kind in STATE_KINDS | _OUTSIDE_FORCES for r in [*agents, *patients]) \
                and lex.regex("events", "forces_attacked", _X).search(text):
            # 'Malian army convoy ambushed near X', 'two policemen killed after being ambushed': the only side
            # named (the state and its partners) was attacked; its attackers are unknown, as ACLED codes them
            patients = [*agents, *patients]
            agents = [ActorRef("template:unidentified_armed_group", "unidentified", 3, country)]
        if not patients and country and not any(a.kind in STATE_KINDS for a in agents) \
                and lex.regex("events", "military_target", _X).search(text):
            # 'the forward post of X was attacked': a post, camp or patrol is the state's forces, as ACLED codes it
            patients = [ActorRef(f"state:{country}:state_military", "state_military", 1, country)]
        if not agents:
            agents = [ActorRef("template:unidentified_armed_group", "unidentified", 3, country)]
        patients = [p for p in patients if p.kind != "civilians"] or patients
        # 'several drivers were missing' told of a convoy's attack: civilians are not the attackers' associates
        agents = [a for a in agents if a.kind != "civilians"] or agents
    elif event_type == "Explosions/Remote violence":
        if sub_type == "Remote explosive/landmine/IED" and lex.regex("events", "struck_a_device", _X).search(text):
            # "A MINUSMA vehicle struck an IED": the one who struck the device is its victim, not its author.
            patients = [a for a in agents if a.kind not in ("jihadist", "unidentified")] + patients
            agents = [a for a in agents if a.kind in ("jihadist", "unidentified")]
        if sub_type in ("Remote explosive/landmine/IED", "Suicide bomb") and agents \
                and all(a.kind in STATE_KINDS for a in agents):
            # 'Six police die in blast', 'a soldier killed by an explosive device': a state's forces plant no
            # mines and send no suicide bombers in ACLED's coding; the forces named are the device's victims
            patients = [*agents, *(p for p in patients if p.ref not in {a.ref for a in agents})]
            agents = []
        if agents and all(a.kind == "civilians" for a in agents):
            # 'one child killed by an explosive device': the civilians named are its victims, not its authors
            patients = [*agents, *(p for p in patients if p.ref not in {a.ref for a in agents})]
            agents = []
        if not agents and sub_type in ("Remote explosive/landmine/IED", "Grenade", "Suicide bomb",
                                       "Shelling/artillery/missile attack"):
            # (mortars and rockets fired by nobody named: an unidentified group, as for a mine)
            agents = [ActorRef("template:unidentified_armed_group", "unidentified", 3, country)]
        if not agents and sub_type == "Air/drone strike" and country:
            # 'une frappe aérienne a neutralisé une dizaine de terroristes': a strike nobody is named for is the
            # state's air force, as ACLED codes it; one on the state's own forces, an unidentified group's drone
            agents = [ActorRef("template:unidentified_armed_group", "unidentified", 3, country)
                      if any(p.kind in STATE_KINDS for p in patients)
                      else ActorRef(f"state:{country}:state_military", "state_military", 1, country)]
        if not patients and (victim_groups & {"civilian", "people"} or lex.regex("events", "civilian_targets", _X).search(text)):
            patients = [ActorRef("template:civilians", "civilians", 7, country)]
        if not patients and victim_groups & {"state"}:
            patients = [ActorRef(f"state:{country}:state_military", "state_military", 1, country)]
        suspects = [p for p in patients if p.kind in ("jihadist", "rebel")]
        if suspects and agents and all(a.kind == "unidentified" for a in agents) \
                and any(p.kind == "civilians" for p in patients):
            # 'a bomber killed 12 worshippers … it bore the hallmarks of Boko Haram': a group named beside the
            # civilians hit by an unknown author is who is said to have done it, never one of the victims
            agents = suspects[:1]
            patients = [p for p in patients if p is not suspects[0]]
    elif sub_type == "Disrupted weapons use" and any(a.kind in STATE_KINDS | _OUTSIDE_FORCES for a in agents):
        # "The army defused an IED ... likely planted by JNIM": whose device it was is actor 2, not an ally
        planters = [a for a in agents if a.kind in ORGANISED_NON_STATE | {"unidentified"}]
        agents = [a for a in agents if a not in planters]
        patients = [*planters, *(p for p in patients if p not in planters)]
    elif sub_type == "Government regains territory" and country and not any(a.kind in STATE_KINDS for a in agents):
        # 'the counter-offensive retook all positions': whoever is named or not, the government's forces retake
        agents = [ActorRef(f"state:{country}:state_military", "state_military", 1, country), *agents]
    elif sub_type == "Arrests" and not any(a.kind in ARMED_KINDS for a in agents) and country:
        # 'several officers were detained over the weekend': arrests told without who made them are the state's
        # (its police, as ACLED codes arrests by default); who was arrested stays the other side
        agents = [ActorRef(f"state:{country}:state_police", "state_police", 1, country), *agents]
    elif event_type == "Strategic developments" and sub_type == "Looting/property destruction":
        if not agents:
            agents = [ActorRef("template:unidentified_armed_group", "unidentified", 3, country)]
        if not patients:
            patients = [ActorRef("template:civilians", "civilians", 7, country)]

    agents, patients = _name_armed_locals(agents, patients, text, event_type, country, lex, draft.reprisal)
    # Officials on the receiving end (a mayor robbed, a councillor's house burned) are civilians, the government
    # their associate, as ACLED codes them; in battles and protests the state stays a side.
    if patients and patients[0].kind == "state_other" and not patients[0].subunit \
            and event_type not in ("Battles", "Protests"):
        patients = [ActorRef("template:civilians", "civilians", 7, country), *patients]
    # An organisation ACLED names only beside a generic actor ("ICRC" qualifies "Civilians (Mali)").
    if patients and (entry := dictionary.actors.get(patients[0].ref)) is not None and entry.usage == "associated" \
            and entry.kind == "civilians":
        patients = [ActorRef("template:civilians", "civilians", 7, country), *patients]

    def names(refs: list[ActorRef]) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for r in refs:
            pair = acled_name(r, dictionary, event_date, country)
            if pair[0] and pair[0] not in [n for n, _ in out]:
                out.append(pair)
        return out

    agent_names = names(agents)
    patient_names = [p for p in names(patients) if p[0] not in [a for a, _ in agent_names]]
    event = Event(doc_id=doc_id, event_type=event_type, sub_event_type=sub_type)
    if agent_names:
        event.actor1, event.inter1 = agent_names[0]
        event.assoc_actor_1 = "; ".join(n for n, _ in agent_names[1:])
    if patient_names:
        event.actor2, event.inter2 = patient_names[0]
        event.assoc_actor_2 = "; ".join(n for n, _ in patient_names[1:])
    for ra in draft.actors:
        event.add_evidence("actors", ra.found.span)

    if when is not None:
        event.event_date, event.date_end, event.time_precision = when.start, when.end, when.precision
        event.add_evidence("event_date", when.span)
    elif event_date is not None:
        event.event_date, event.date_end, event.time_precision = event_date, event_date, 2
    if report_date and event.date_end and event.date_end < report_date - timedelta(days=BACKGROUND_DAYS):
        event.background = True

    place = draft.place
    if place is not None and place.place is not None:
        p = place.place
        event.country = p.country
        event.admin1 = p.admin1 if not p.is_country else ""
        event.admin2 = p.admin2 if p.feature_code != "ADM1" else ""
        event.location = p.name
        event.latitude, event.longitude = round(p.lat, 4), round(p.lon, 4)
        event.geo_precision = place.geo_precision
        event.location_resolved = True
        event.add_evidence("location", place.span)
        if not p.country and country:
            # a region across borders ('the Lake Chad region') is in the country the happening is told in
            from sitrep.places.countries import country_name

            event.country = country_name(country)
    elif country:
        from sitrep.places.countries import country_name

        event.country = country_name(country)

    # clause numbers restart in each sentence: figures of different sentences are separate reports
    figures = [replace(f, clause=f.clause + 1000 * n) for n, s in enumerate(draft.sentences) for f in s.figures]
    low, low_, best, high = acled_fatalities(figures)
    event.fatalities = low
    event.fatalities_low, event.fatalities_best, event.fatalities_high = low_, best, high
    for f in figures:
        event.add_evidence("fatalities", f.span)
    for s in draft.sentences:
        if s.no_casualties is not None and not figures:
            event.fatalities_low = event.fatalities_best = event.fatalities_high = 0
            event.add_evidence("fatalities", s.no_casualties)
    for s in draft.sentences:
        event.add_evidence("event_type", s.span)
    event.notes = _note(draft)
    event.confidence = _confidence(event, draft, reason)
    event.type_reason = reason
    event.salience = _salience(event, draft)
    return event, moot


def _without_own_account(draft: Draft, lex: Lexicon) -> Draft:
    """The draft whose sentences decide its type and sides. Beside civilians counted dead by others, what a party
    says of itself ('the army said it had neutralised terrorists') is its version of the event: ACLED codes the
    civilians' deaths, so that sentence names no enemy and no battle. Forces told deployed after a violent
    happening are no party to it."""
    own = lex.regex("events", "own_account", _X)
    told = [s for s in draft.sentences if not own.search(s.told or s.span.text)]
    if len(told) < len(draft.sentences) and any(f.group == "civilian" for s in told for f in s.figures):
        draft = replace(draft, sentences=told)
    # 'des renforts de l'armée ont été déployés pour rétablir le calme' after a clash: the forces sent after it
    # are no party to it
    deployed = [s for s in draft.sentences if _event_cues(s) and _event_cues(s) <= {"change_group"}]
    if deployed and any(_event_cues(s) - {"change_group", "wounded"} for s in draft.sentences):
        draft = replace(draft, sentences=[s for s in draft.sentences if s not in deployed])
    return draft


def _fold_parents(refs: list[ActorRef], dictionary: ActorDictionary, when: date | None) -> list[ActorRef]:
    """Order one side's actors as ACLED does: a unit before its organisation ('Katiba Macina' with 'JNIM'
    associated), unless ACLED then still named the organisation first (`parent_leads_until`): then the
    organisation leads even when the text names only the unit."""
    refs = list(refs)
    for r in list(refs):
        entry = dictionary.actors.get(r.ref)
        until = entry.parent_leads_until if entry else None
        if entry and entry.parent and until and (when is None or when < until) \
                and entry.parent in dictionary.actors and all(o.ref != entry.parent for o in refs) \
                and (when is None or not dictionary.actors[entry.parent].valid_from
                     or dictionary.actors[entry.parent].valid_from <= when):  # not before the parent existed
            parent = dictionary.resolve_id(entry.parent)
            refs.insert(refs.index(r), ActorRef(parent.id, parent.kind, parent.inter, parent.country))
    ids = [r.ref for r in refs]

    def is_parent(parent: str, child: ActorRef) -> bool:
        return child.parent_hint == parent or _is_parent(dictionary, parent, child.ref)

    def unit_leads(r: ActorRef) -> bool:
        parents = [other for other in ids if other != r.ref and is_parent(other, r)]
        if not parents:
            return False
        if r.parent_hint in parents and not _is_parent(dictionary, r.parent_hint, r.ref):
            return False  # a parent only the text names leads, as ACLED codes "AQIM (JNIM)" under JNIM
        entry = dictionary.actors.get(r.ref)
        until = entry.parent_leads_until if entry else None
        return until is None or (when is not None and when >= until)

    def children(r: ActorRef) -> list[ActorRef]:
        return [other for other in refs if other.ref != r.ref and is_parent(r.ref, other)]

    def rank(r: ActorRef) -> int:
        kids = children(r)
        if unit_leads(r) or (kids and not any(unit_leads(c) for c in kids)):
            return 0  # leads its side
        return 2 if kids else 1

    out = sorted(refs, key=lambda r: (rank(r), ids.index(r.ref)))
    # Descriptive generic actors add nothing when a named armed actor of the same side is present (a state
    # force beside unknown gunmen is not their side: soldiers who repelled bandits)
    named = [r for r in out if not r.ref.startswith("template:") and r.kind not in STATE_KINDS]
    if named:
        out = [r for r in out if not (r.ref == "template:unidentified_armed_group")]
    return out


def _note(draft: Draft) -> str:
    text = draft.text
    return text if len(text) <= 400 else text[:397] + "..."


def _confidence(event: Event, draft: Draft, reason: str) -> float:
    score = 0.35
    score += 0.15 if event.event_date else 0.0
    score += 0.15 if event.location_resolved else 0.0
    score += 0.1 if event.actor1 and not event.actor1.startswith("Unidentified") else 0.05 if event.actor1 else 0
    score += 0.1 if event.actor2 else 0.0
    score += 0.1 if len(draft.sentences) > 1 else 0.0
    score -= 0.1 if event.background else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _salience(event: Event, draft: Draft) -> float:
    first = draft.sentences[0].index
    s = 1.0 / (1 + first * 0.3)
    s += 0.5 if event.event_date and not event.background else 0.0
    s += 0.3 if event.fatalities else 0.0
    s += 0.2 * min(3, len(draft.sentences))
    s += 0.3 if event.location_resolved and event.geo_precision == 1 else 0.0
    s += 0.2 if draft.place is not None and draft.place.in_main_country else 0.0
    s -= 1.5 if event.background else 0.0
    s -= 0.8 if not event.event_date else 0.0
    return s


def events_from_sentences(infos: list[SentenceInfo], doc_id: str, dictionary: ActorDictionary,
                          main_country: str, report_date: date | None, short_document: bool,
                          judge: TextJudge | None = None, lex: Lexicon | None = None) -> list[Event]:
    """Events of a document; `judge` (the text classifier, batched) gives a second opinion on each passage."""
    lex = lex or get_lexicon()
    drafts = build_drafts(infos, report_date, short_document, lex)
    for draft in drafts:
        # a coder's note or a brief tells one happening, whatever history it recalls
        draft.background = not short_document and _tells_background(draft, lex)
    for draft in drafts:
        if draft.date is None:
            draft.date = _reported_on(draft)  # 'the army said on Tuesday': no later than that day
    lead = None if short_document else _lead(drafts, infos, lex)
    if lead is not None:
        lead.lead = True
        drafts = _refine_lead(drafts, lead)
        if lead.date is None and report_date:
            lead.date_from_report = True  # an undated lede happened around the report date
        elif lead.date is None:
            lead.date = _news_date(infos, lex)  # a narrative lede, dated lower down ("in May 2021")
    elif drafts and report_date and drafts[0].date is None and drafts[0].sentences[0].index <= 2:
        drafts[0].date_from_report = True
    if lead is not None and lead.place is None:
        # 'New Year was no feast in the commune of X. … gunmen attacked Y, a village 70 km from its seat': a lede
        # whose own place is unknown happened in the area its opening set the scene in
        first = lead.sentences[0]
        scene = _best_place([p for i in infos if i.index < first.index and first.paragraph - 1 <= i.paragraph
                             and not _event_cues(i) for p in i.places])
        if scene is not None and not scene.far_abroad:
            lead.place = replace(scene, geo_precision=max(2, scene.geo_precision),
                                 note=(scene.note + "; the area the report opens in").strip("; "))
    if lead is not None and _names_a_site(lead.place):
        same_setting = lex.regex("events", "same_setting", _X)
        for draft in drafts:
            # Placed where the news happened: more of the same told with no place ('a third patrol also hit a
            # mine on Thursday'), and a happening whose only place is where someone comes from or works ('a
            # West Africa specialist said police fired on the crowd').
            incidental = draft.place is not None and (draft.place.qualifier in INCIDENTAL
                                                      or draft.place.kind == "named_of") \
                and draft.place.place.country_code in ("", lead.place.place.country_code)
            if draft is not lead and not draft.background and (incidental or draft.place is None and any(
                    same_setting.search(s.span.text) for s in draft.sentences if _event_cues(s))):
                draft.place = replace(lead.place, geo_precision=max(2, lead.place.geo_precision),
                                      note=(lead.place.note + "; where the news it adds to happened").strip("; "))
                draft.site_of_news = True
    for draft in drafts:
        if draft.answers is not None and draft.date is None:
            # revenge with no day of its own: the days of what it answers (a quoted 'there were two incidents')
            draft.date, draft.date_from_report = draft.answers.date, draft.answers.date_from_report
    # Undated drafts in a dated document take the date of the draft before them in the same paragraph.
    for prev, nxt in zip(drafts, drafts[1:], strict=False):
        if nxt.date is None and prev.date is not None and nxt.sentences[0].paragraph == prev.sentences[-1].paragraph:
            nxt.date = prev.date
    events: list[Event] = []
    all_text = " ".join(i.span.text for i in infos)
    negators_doc = find_negators(all_text, lex) if short_document else set()
    parts = [part for draft in drafts
             # no date: a general statement, not a reportable event
             if draft.date is not None or draft.date_from_report or short_document or draft.lead
             or draft.day_after is not None and draft.day_after.lead
             or draft.answers is not None and draft.answers.lead
             for part in _split_by_site(draft, lex)]
    whole = None
    cued = any(_event_cues(i) and not i.habitual for i in infos)
    if short_document and (cued or judge is not None):
        # A brief or a coder's note always tells one happening: if no passage makes an event, read it whole
        # (with no cue word at all, only the classifier can say what happened).
        whole = Draft(sentences=list(infos), place=_best_place([p for i in infos for p in i.places]),
                      date=next((d for d in (_event_date(i, lex) for i in infos) if d is not None), None))
    moot: set[int] = set()  # drafts whose event no opinion can change (by id)

    def assemble(draft: Draft, opinion: tuple[str, float] = ("", 0.0), floor: float = 0.5) -> Event | None:
        country = draft.place.place.country_code if draft.place and draft.place.place else ""
        negators = find_negators(draft.told_text, lex) | negators_doc
        event, settled = _assemble_event(draft, doc_id, dictionary, main_country, report_date, country, negators,
                                         opinion, floor, lex)
        if settled:
            moot.add(id(draft))
        return event

    # The rules first; the classifier reads only the passages where its opinion can change the outcome
    # (untyped, weakly typed, or with no named armed actor: possibly not political violence at all), and
    # not those where the rules' reading is firm and an armed actor acts: no label could change that event.
    drafts_out = [(part, assemble(part)) for part in parts]
    if whole is not None and not any(event for _, event in drafts_out):
        drafts_out.append((whole, assemble(whole)))
    unsure = [i for i, (draft, event) in enumerate(drafts_out) if _needs_opinion(event) and id(draft) not in moot]
    if judge and unsure:
        opinions = judge([drafts_out[i][0].text for i in unsure])
        for i, opinion in zip(unsure, opinions, strict=True):
            if drafts_out[i][0] is whole and not cued and not _confident(opinion, whole):
                continue
            # a coder's note or brief always tells something, and an event word says it is an event: the
            # classifier's best reading then beats reporting nothing
            draft = drafts_out[i][0]
            lenient = draft is whole and cued and _confident(opinion, draft, bool(draft.cues & set(VIOLENT_CUES)))
            floor = CUED_NOTE_MIN_SCORE if lenient else 0.5
            drafts_out[i] = (drafts_out[i][0], assemble(drafts_out[i][0], opinion, floor))
    if not short_document:
        _mark_background(drafts_out, report_date, lex)
    elif all(event.background for _, event in drafts_out if event is not None):
        # A brief or coder's note tells one happening as its news: a date well before the report (a late
        # report, or a yearless date put in the year before) does not leave it telling nothing.
        for _, event in drafts_out:
            if event is not None:
                event.background = False
    events.extend(event for _, event in drafts_out if event is not None)
    events = _merge_same_event(events)
    events = _fold_restatements(events)
    # A coder's note whose toll is split across several coded events: each event carries its share.
    parts = split_count(all_text, lex) if short_document else None
    for event in events:
        event.fatalities = split_share(event.fatalities, parts)
    events.sort(key=lambda e: -e.salience)
    for n, event in enumerate(events, start=1):
        event.event_id = f"{doc_id}:{n}"
    return events


# How much earlier than the news an event told beside it is background (ACLED's coders read the report's
# own event; an attack "last week" or "last month" told in passing is history, not this report's news).
BEFORE_NEWS_DAYS = 7
# A date spanning more than this is a period ("in 2012", "last year"), never the day of the news.
PERIOD_DAYS = 31
# The lede: a report's first prose sentences tell its news.
LEDE_SENTENCES = 4


def _is_prose(info: SentenceInfo) -> bool:
    return len(info.span.text.split()) >= 8 and not _is_headline(info)


def _names_a_site(mention: PlaceMention | None) -> bool:
    """A place below a country ('northern Mali' is one; a country coded at its capital is not)."""
    return mention is not None and mention.place is not None and not mention.place.is_country \
        and mention.qualifier != "capital"


def _recalls_earlier(draft: Draft, lex: Lexicon) -> bool:
    """A draft told only as what the news comes after ('it comes five days after ten soldiers were killed')."""
    recalled = lex.regex("events", "earlier_news", _X)
    return all(recalled.search(s.span.text) for s in draft.sentences if _event_cues(s))


def _lead(drafts: list[Draft], infos: list[SentenceInfo], lex: Lexicon) -> Draft | None:
    """The draft that tells the report's news: the first in its lede that is not background."""
    prose = [i.index for i in infos if _is_prose(i)]
    if not prose:
        return None
    lede_end = prose[min(LEDE_SENTENCES, len(prose)) - 1]
    candidates = [d for d in drafts if d.sentences[0].index <= lede_end and not d.background
                  and not _recalls_earlier(d, lex)
                  and not (d.date and (d.date.end - d.date.start).days > PERIOD_DAYS)]
    # a happening is dated, counts its dead or is told in a past tense; 'X is home to a force fighting Y' is not
    candidates = [d for d in candidates if d.date or any(s.figures or s.past for s in d.sentences)] or candidates
    # a lede that frames the news ('an official claimed Ukraine helped the rebels') names no site; the
    # happening it frames does ('fighting erupted ... in northern Mali')
    sited = [d for d in candidates if _names_a_site(d.place)]
    return (sited or candidates or [None])[0]


# How many paragraphs after the lede a passage may stand and still tell the lede's happening in detail.
DETAIL_PARAGRAPHS = 2


def _imprecise(draft: Draft) -> bool:
    return not _names_a_site(draft.place) or draft.place.geo_precision >= 3


def _refine_lead(drafts: list[Draft], lead: Draft) -> list[Draft]:
    """A lede that tells the news vaguely ('a village in west Niger') and a passage just below it that tells
    the same kind of happening precisely ('an attack ... in the village of X on Saturday') are one event: the
    lower passage elaborates the lede, which takes its site and day."""
    if not _imprecise(lead):
        return drafts
    last = lead.sentences[-1].paragraph
    for draft in drafts:
        if draft is lead or draft.background or draft.separate or draft.sentences[0].index < lead.sentences[0].index:
            continue
        if draft.sentences[0].paragraph - last > DETAIL_PARAGRAPHS:
            break
        if _imprecise(draft) or not (draft.cues & lead.cues & set(VIOLENT_CUES)):
            continue
        if lead.place is not None and lead.place.place is not None and draft.place is not None \
                and draft.place.place.country_code != lead.place.place.country_code:
            continue
        if lead.date is not None and draft.date is not None and draft.date.start > lead.date.end:
            continue  # told as happening after the lede's day: another event
        lead.sentences = sorted(lead.sentences + draft.sentences, key=lambda s: s.index)
        lead.place = draft.place
        lead.date = draft.date or lead.date
        return [d for d in drafts if d is not draft]
    return drafts


def _tells_background(draft: Draft, lex: Lexicon) -> bool:
    """A draft whose sentences with event words all tell history or totals."""
    cued = [s for s in draft.sentences if _event_cues(s)] or draft.sentences
    return all(tells_background(s.span.text, lex) for s in cued)


def _news_date(infos: list[SentenceInfo], lex: Lexicon) -> DateMention | None:
    """With no report date, the first date the text gives a happening of its own: not a period, not what a
    sentence of background tells."""
    for info in infos:
        if tells_background(info.span.text, lex):
            continue
        for mention in info.dates:
            if (mention.end - mention.start).days <= PERIOD_DAYS and not getattr(mention, "reporting", False):
                return mention
    return None


def _mark_background(drafts_out: list[tuple[Draft, Event | None]], report_date: date | None,
                     lex: Lexicon) -> None:
    """Events that are not this report's news: periods, history told beside it, and anything well before the
    news itself (the lead's date, else the report date)."""
    lead_day = next((e.event_date for d, e in drafts_out if e is not None and d.lead and e.event_date
                     and e.time_precision == 1), None)
    for draft, event in drafts_out:
        if event is None or draft.lead:
            continue
        if lead_day is not None and event.date_end is not None and event.date_end < lead_day \
                and _recalls_earlier(draft, lex):
            # 'it comes five days after ten soldiers were killed in X': an earlier happening set beside the news
            event.background = True
            event.salience -= 1.5
            continue
        span = (event.date_end - event.event_date).days if event.event_date and event.date_end else 0
        # an earlier happening told in passing, with no site of its own ('raided a Dogon village last week')
        placeless = not event.location_resolved or event.geo_precision >= 3 or draft.site_of_news
        earlier = lead_day is not None and event.date_end is not None and placeless and (
            event.date_end < lead_day - timedelta(days=BEFORE_NEWS_DAYS)
            or (event.time_precision >= 2 and event.event_date < lead_day))
        if draft.background or span > PERIOD_DAYS or earlier:
            event.background = True
            event.salience -= 1.5


# The text classifier's labels for reports that are not political violence or protest.
NOT_POLITICAL = {"Natural disaster", "Man-made disaster", "Organized crime", "Diplomatic action"}
# Rule decisions made on thin evidence, where the classifier's reading of the whole passage is the better guess.
_WEAK_REASONS = {"violence with no armed opponent named", "fighting", "other development",
                 "group change or deployment", "weapons seized or attack foiled", "agreement, release or surrender"}

# The classifier's labels for a place changing hands.
_TERRITORY_LABELS = {"Non-state actor overtakes territory", "Government regains territory",
                     "Non-violent transfer of territory"}

TextJudge = Callable[[list[str]], list[tuple[str, float]]]


# Armed actors who fight: officials, ministers and governors (state_other) speak, order and threaten.
_FIGHTING_KINDS = ARMED_KINDS - {"state_other"}
# A report with no event word at all becomes an event only on a confident reading of a specific kind: the
# classifier's "Other" is also where texts that are not events go.
UNCUED_MIN_SCORE = 0.3
# A short report whose event words the rules could not type: the classifier's reading is taken on a lower score.
CUED_NOTE_MIN_SCORE = 0.3


def _confident(opinion: tuple[str, float], draft: Draft, violent_word: bool = False) -> bool:
    """A specific label, confidently; beyond protests and riots, someone armed must be named ("a new hospital
    wing opened" is no base established) unless a violent word backs a violent label ("murder of a councillor").
    Strategic developments always need an armed actor: a government's ban or decree is no event."""
    label, score = opinion
    if label not in SUB_EVENT_TYPES or label == "Other" or score < UNCUED_MIN_SCORE:
        return False
    if _only_names_and_dates(draft):
        return False  # 'Burkina Faso MARCH 2020', a chronology's title: a label says no one did anything
    event_type = SUB_EVENT_TYPES[label]
    if event_type in ("Protests", "Riots") or (violent_word and event_type != "Strategic developments"):
        return True
    return any(a.found.ref.kind in _FIGHTING_KINDS for s in draft.sentences for a in s.actors)


def _only_names_and_dates(draft: Draft) -> bool:
    """The passage's words are place names and dates, bar at most one: a title or source label, no report."""
    words = 0
    for info in draft.sentences:
        chars = list(info.span.text)
        for mention in [*info.places, *info.dates]:
            lo, hi = mention.span.start - info.span.start, mention.span.end - info.span.start
            chars[max(0, lo):max(0, hi)] = " " * (max(0, hi) - max(0, lo))
        words += len(re.findall(r"[^\W\d_]{2,}", "".join(chars)))
    return words < 2


def _needs_opinion(event: Event | None) -> bool:
    if event is None:
        return True
    reason = event.type_reason
    named_armed = any(name and not name.startswith(("Unidentified", "Civilians", "Protesters", "Rioters"))
                      for name in (event.actor1, event.actor2))
    return reason in _WEAK_REASONS or not named_armed


def _opinion_moot(sub_type: str, reason: str, agents: list[ActorRef]) -> bool:
    """True when `_weigh_opinion` returns the rules' reading whatever the opinion: a firm rule (a type, for a
    reason that is not weak) with an armed agent is neither retyped nor dropped as not political."""
    return bool(sub_type) and reason not in _WEAK_REASONS and any(a.kind in ARMED_KINDS for a in agents)


def _weigh_opinion(event_type: str, sub_type: str, reason: str, opinion: tuple[str, float],
                   agents: list[ActorRef], patients: list[ActorRef] | None = None,
                   floor: float = 0.5, hands_on: bool = False,
                   cues: set[str] | frozenset[str] = frozenset()) -> tuple[str, str, str]:
    """Combine the cue rules with the text classifier's (label, score) for the same passage."""
    label, score = opinion
    if not label:
        return event_type, sub_type, reason
    if label in _TERRITORY_LABELS and not cues & {"territory_taken", "territory_regained", "transfer"}:
        # a change of who holds a place needs words that say so ('seized the oxen of the village' is theft)
        return event_type, sub_type, reason
    if label == "Looting/property destruction" and sub_type == "Attack" and hands_on:
        return event_type, sub_type, reason  # people beaten or fired on in a robbery: ACLED's attack, not looting
    armed = {a.ref for a in [*agents, *(patients or [])] if a.kind in ARMED_KINDS}
    state = any(a.kind.startswith("state_") for a in [*agents, *(patients or [])])
    if label == "Armed clash" and sub_type == "Attack" and len(armed) < 2 and not state:
        # A battle needs two armed sides: one armed group and nobody else named is an attack on people (a
        # state force alone is usually the target of an unnamed attacker).
        return event_type, sub_type, reason
    # Gunmen or armed bandits who rob are an unidentified armed group to ACLED, not mere crime.
    armed_agent = any(a.kind in ARMED_KINDS for a in agents)
    # A demonstration is coded whatever it is about (a diplomatic visit, a flood, a crime).
    if sub_type and label in NOT_POLITICAL and score >= 0.85 and not armed_agent and event_type != "Protests":
        return "", "", f"the classifier reads it as {label}"
    if label == "Other" and not sub_type and not any(a.kind in _FIGHTING_KINDS for a in agents):
        return event_type, sub_type, reason  # "other developments" are armed actors' doings
    if label in SUB_EVENT_TYPES and score >= floor and (not sub_type or (reason in _WEAK_REASONS and score >= 0.7)):
        return SUB_EVENT_TYPES[label], label, f"text classifier ({score:.2f})"
    return event_type, sub_type, reason


def _fold_restatements(events: list[Event]) -> list[Event]:
    """An undated lead that restates a dated event of the same kind and actors is that event, not another."""
    out = []
    for event in events:
        if event.time_precision == 2 and not event.evidence.get("event_date"):
            actors = {event.actor1, event.actor2} - {""}
            twin = next((e for e in events if e is not event and e.evidence.get("event_date") and not e.background
                         and e.event_type == event.event_type and actors & {e.actor1, e.actor2, *e.assoc_actor_1.split("; "),
                                                                            *e.assoc_actor_2.split("; ")}), None)
            if twin is not None:
                if event.location_resolved and (not twin.location_resolved or event.geo_precision < twin.geo_precision
                                                and event.country == twin.country):
                    _take_site(twin, event)  # the restatement names where it happened: 'in X, between A and B'
                for key, spans in event.evidence.items():
                    for span in spans:
                        twin.add_evidence(key, span)
                continue
        out.append(event)
    return out


def _take_site(event: Event, other: Event) -> None:
    """`event` is located where `other` is."""
    for name in ("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                 "location_resolved"):
        setattr(event, name, getattr(other, name))
    event.evidence["location"] = []


def _merge_same_event(events: list[Event]) -> list[Event]:
    """One event per day, location and actor pair: later duplicates fold into the first."""
    out: list[Event] = []
    first: dict[tuple, Event] = {}  # by what makes two events the same (a scan of `out` is quadratic)
    for event in events:
        # (soldiers rioting and a crowd rioting beside them are two events, both of "Rioters")
        key = (event.event_date, event.location, event.actor1, event.actor2, SUB_EVENT_TYPES.get(event.sub_event_type),
               event.type_reason == "soldiers rioting")
        twin = first.get(key)
        if twin is None:
            first[key] = event
            out.append(event)
            continue
        twin.fatalities = max(twin.fatalities, event.fatalities)
        for key, spans in event.evidence.items():
            for span in spans:
                twin.add_evidence(key, span)
        twin.salience += 0.2
    return out
