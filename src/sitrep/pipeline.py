"""The flow, one way: clean → language → nlp → places / actors / dates → events → claims & relations.

`extract(document)` is a plain function from a Document to an Extraction; no I/O happens here.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from sitrep.actors.dictionary import ActorDictionary, get_dictionary
from sitrep.actors.resolve import find_actors, to_mention
from sitrep.article import dateline_span, mark_incidental_places
from sitrep.claims import find_claims
from sitrep.clean import clean_text
from sitrep.dates import find_dates, find_report_date
from sitrep.events.build import analyse_sentences, events_from_sentences
from sitrep.events.fatalities import acled_fatalities
from sitrep.language import detect_language, likely_language, supported
from sitrep.lexicon import DEFAULT_LANGUAGE, Lexicon, get_lexicon
from sitrep.nlp import sentences as parsed_sentences
from sitrep.places.areas import actor_areas
from sitrep.places.gazetteer import Gazetteer, get_gazetteer, haversine_km
from sitrep.places.recognize import find_candidates
from sitrep.places.resolve import at_seat, document_countries, resolve_candidates
from sitrep.places.wording import named_of
from sitrep.records import Claim, Document, Extraction, PlaceMention, Span
from sitrep.relations import Party, relations_from_dictionary, relations_from_text
from sitrep.sections import parse

SHORT_DOCUMENT_WORDS = 120  # a coder's note or a brief: one happening, told in a few sentences


@dataclass
class Resources:
    """What one language needs: its spaCy pipeline, the place index, the actors with the language's
    descriptive words, and the lexicon every stage takes its words from."""

    nlp: object
    gazetteer: Gazetteer
    dictionary: ActorDictionary
    lexicon: Lexicon | None = None

    @property
    def lex(self) -> Lexicon:
        return self.lexicon or get_lexicon()


_resources: dict[str, Resources] = {}


def resources(language: str = DEFAULT_LANGUAGE) -> Resources:
    """Models and reference data of a language, loaded once per process."""
    if language not in _resources:
        from sitrep.nlp import get_nlp

        _resources[language] = Resources(get_nlp(language), get_gazetteer(), get_dictionary(language),
                                         get_lexicon(language))
        _keep_out_of_collections()
    return _resources[language]


def _keep_out_of_collections() -> None:
    """The models and reference data just loaded live as long as the process: the garbage collector's full
    passes (a few per hundred documents) need not walk their hundreds of thousands of objects again each time
    (they took 2 % of `extract`'s CPU). Garbage left by the loading is collected first, not kept for good."""
    gc.collect()
    gc.freeze()


def lexicon_for(language: str) -> Lexicon:
    """The lexicon a document of `language` is read with (a text too short to identify is tried as the
    default language)."""
    return get_lexicon(language if language in supported() else DEFAULT_LANGUAGE)


def reading_language(document: Document) -> str:
    """The language a prepared document is read in: the one detected, or for a brief too short to tell by a
    clear margin (a headline and one sentence share "de", "un", "la" with Spanish), the language sitrep reads
    whose small words it uses most, else the default."""
    if document.language != "und":
        return document.language
    likely = likely_language(document.clean_text or document.text, sorted(supported()))
    return likely if likely != "und" else DEFAULT_LANGUAGE


def prepare(document: Document) -> Document:
    """Clean the text, detect the language and find the report date; fills the document in place."""
    cleaned = clean_text(document.text)
    document.clean_text = cleaned.text
    document.offset_runs = cleaned.runs
    document.language = detect_language(cleaned.text)
    if document.published is None:
        found, _span = find_report_date(document.text, lex=lexicon_for(document.language))
        if found is not None:
            document.published, document.published_from = found, "text"
    return document


def locate(document: Document, res: Resources, spacy_doc=None,
           every_name: bool = False) -> tuple[list[PlaceMention], object, list, Counter]:
    """Place mentions of a prepared document, with the spaCy doc and the recognised candidates.

    By default only mentions that can locate something are returned; `every_name` also keeps place names
    inside organisations' names ("the Washington Post"), which is what `sitrep geoparse` reports.
    """
    text = document.clean_text
    doc = spacy_doc if spacy_doc is not None else parse(res.nlp, text)
    actor_matches = [m for m in res.dictionary.index.find(text) if m.value.kind in ("actor", "person", "descriptor")]
    actor_spans = [(m.start, m.end) for m in actor_matches]
    candidates = find_candidates(text, doc, res.gazetteer, actor_spans, res.dictionary.nationalities,
                                 res.dictionary.not_places, lex=res.lex)
    countries, admin1 = actor_areas(res.gazetteer, res.dictionary, [m.value for m in actor_matches])
    mentions = resolve_candidates(candidates, res.gazetteer, countries, text, admin1, lex=res.lex)
    # Where the document is: every resolved name counts, "(Sebba, Yagha)" qualifiers included, and the
    # actors' usual countries half as much.
    where = Counter(m.place.country_code for m in mentions
                    if m.resolved and m.place is not None and m.kind != "demonym" and not m.place.is_country)
    for cc, weight in countries.items():
        where[cc] += 0.5 * weight
    if not every_name:
        # Event locations: names in organisations' names and "(Mopti)" qualifiers are not places where
        # something happened, and a region stands at its seat town as ACLED codes it.
        # The place an organisation or office is "of" ('the Sunni Movement of Pouytenga', 'the Grand Imam of Djibo')
        # is kept as a last resort, less precisely: events prefer any place named in its own right.
        keep = [i for i, c in enumerate(candidates) if c.role in ("place", "site") or named_of(text, c, res.lex)]
        mentions = [_as_named_of(at_seat(mentions[i], res.gazetteer)) if candidates[i].role == "embedded"
                    else at_seat(mentions[i], res.gazetteer) for i in keep]
        candidates = [candidates[i] for i in keep]
        mentions = _nationals_when_placeless(mentions)
    return mentions, doc, candidates, where


def _nationals_when_placeless(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A text that names no place but a nation ('Burkinabe students', 'the Malian ministry') tells a
    national-level event: the country stands as its place (at the capital, precision 3), as ACLED codes
    events whose only location is the country."""
    if any(m.resolved and m.place is not None and m.kind != "demonym" for m in mentions):
        return mentions
    return [replace(m, kind="national", geo_precision=3,
                    note=(m.note + "; the only place the text names is this nation").strip("; "))
            if m.kind == "demonym" and m.resolved and m.place is not None and m.place.is_country else m
            for m in mentions]


def _as_named_of(mention: PlaceMention) -> PlaceMention:
    if not mention.resolved or mention.place is None:
        return mention
    return replace(mention, kind="named_of", geo_precision=max(2, mention.geo_precision),
                   note=(mention.note + "; named only as what an organisation or office is of").strip("; "))


def extract(document: Document, res: Resources | None = None, spacy_doc=None) -> Extraction:
    """Events, places, actors, dates, claims and relations of one document; `spacy_doc` is its clean text
    already parsed by the language's pipeline (see `extract_each`)."""
    document = prepare(document) if not document.clean_text else document
    result = Extraction(document=document)
    language = reading_language(document)
    if language not in supported():
        result.warnings.append(f"language {document.language!r} is not supported yet; the document is stored "
                               "without events")
        return result
    res = res or resources(language)
    text = document.clean_text
    if not text.strip():
        result.warnings.append("no text left after cleaning")
        return result
    if spacy_doc is not None and spacy_doc.text != text:
        spacy_doc = None
    places, doc, candidates, where = locate(document, res, spacy_doc)
    places = mark_incidental_places(text, places, res.lex)
    result.places = places
    countries = document_countries(candidates) + where
    main_country = countries.most_common(1)[0][0] if countries else ""
    for mention in places:
        # Among equally precise places, those in the document's main country locate its events.
        if mention.place is not None and main_country and mention.place.country_code == main_country:
            mention.in_main_country = True
    _mark_far_abroad(places, main_country)
    report_date = document.published
    lex = res.lex
    in_dateline = dateline_span(text, lex)
    result.dates = [d for d in find_dates(text, report_date, lex) if not _header_date(text, d, report_date, lex)
                    and not (in_dateline and in_dateline[0] <= d.span.start < in_dateline[1])]
    found_actors = find_actors(text, res.dictionary, countries, report_date, lex=lex)
    result.actors = [to_mention(a, res.dictionary, report_date, main_country) for a in found_actors]
    infos = analyse_sentences(text, doc, found_actors, places, result.dates, lex)
    # A coder's note or a wire brief: one short block telling one happening (a titled report is news).
    short = len(text.split()) <= SHORT_DOCUMENT_WORDS and "\n" not in text.strip()
    result.events = events_from_sentences(infos, document.id, res.dictionary, main_country, report_date, short,
                                          judge=text_judge(), lex=lex)

    # Claims and relations.
    sentences = [i.span for i in infos]
    first_actor: dict[int, str] = {}
    for info in infos:
        named = [a for a in info.actors if not a.found.descriptive]
        if named:
            first_actor[info.span.start] = to_mention(named[0].found, res.dictionary, report_date, main_country).name
    parsed = {sent.start_char: sent for sent in parsed_sentences(doc)}
    result.claims = find_claims(document.id, sentences, document.source, first_actor, lex, parsed, text,
                                figures_in={info.span.start: info.figures for info in infos})
    claims_by_sentence: dict[int, Claim] = {}  # a sentence's own claim, not the claims of figures inside it
    for claim in result.claims:
        if claim.evidence:
            claims_by_sentence.setdefault(claim.evidence.start, claim)
    _figures_as_claims(result, infos, document.source or document.url or "the report")
    starts = [s.start for s in sentences]
    claims_at: dict[int, list[int]] = {}  # claims by the sentence they stand on: no scan of all per event
    for n, claim in enumerate(result.claims):
        if claim.evidence:
            # a figure's own claim ('…, the UN of 14') stands on the sentence it is part of
            at = bisect_right(starts, claim.evidence.start) - 1
            claims_at.setdefault(starts[at] if at >= 0 else claim.evidence.start, []).append(n)
    for event in result.events:
        spans = {s.start for s in event.evidence.get("event_type", [])}
        event.claims = [result.claims[n] for n in sorted(n for start in spans for n in claims_at.get(start, []))]
        for claim in event.claims:
            claim.event_id = event.event_id
        event.sources = [document.url or document.source or document.id]
    parties = [Party(a.span, _named(a, res.dictionary, report_date, main_country), a.named_id or a.ref.ref)
               for a in found_actors]
    parties += [Party(p.span, p.place.name) for p in places
                if p.place is not None and p.place.is_country and p.kind == "name"]
    parties.sort(key=lambda p: p.span.start)
    result.relations = relations_from_text(document.id, text, sentences, parties, claims_by_sentence,
                                           document.source, lex)
    mentioned: dict[str, Span] = {}
    for a in found_actors:
        actor_id = a.named_id or a.ref.ref
        if not a.descriptive and actor_id in res.dictionary.actors:
            mentioned.setdefault(actor_id, a.span)
    result.relations += relations_from_dictionary(document.id, res.dictionary, mentioned)
    return result


# Documents read ahead and parsed together; a longer text is parsed on its own, inside `extract`.
PARSE_AHEAD_DOCUMENTS = 32
PARSE_AHEAD_MAX_CHARS = 10_000


def extract_each(documents: Iterable[Document]) -> Iterator[tuple[Document, Extraction | Exception]]:
    """`extract` over many documents, in their order, each with its extraction or the exception it raised.

    spaCy parses short texts about twice as fast in batches (`nlp.pipe`) as one call each, with the same
    annotations, so documents are read a few dozen at a time and their texts parsed together first."""
    it = iter(documents)
    while chunk := list(islice(it, PARSE_AHEAD_DOCUMENTS)):
        parsed = _parse_ahead(chunk)
        for i, document in enumerate(chunk):
            try:
                yield document, extract(document, spacy_doc=parsed.get(i))
            except Exception as exc:  # noqa: BLE001 - the caller reports it and goes on with the batch
                yield document, exc


def _parse_ahead(chunk: list[Document]) -> dict[int, object]:
    """The spaCy docs of the chunk's short texts, by position; a document this cannot prepare or parse is
    left to `extract`, which then fails or succeeds on it exactly as alone."""
    by_language: dict[str, list[int]] = {}
    for i, document in enumerate(chunk):
        if not document.clean_text:
            before = replace(document)
            try:
                prepare(document)
            except Exception:  # noqa: BLE001 - undone: `extract` prepares it again and reports the failure
                for name in ("clean_text", "offset_runs", "language", "published", "published_from"):
                    setattr(document, name, getattr(before, name))
                continue
        language = reading_language(document)
        if language in supported() and document.clean_text.strip() \
                and len(document.clean_text) <= PARSE_AHEAD_MAX_CHARS:
            by_language.setdefault(language, []).append(i)
    parsed: dict[int, object] = {}
    for language, positions in by_language.items():
        try:
            nlp = resources(language).nlp
            docs = nlp.pipe([chunk[i].clean_text for i in positions], batch_size=PARSE_AHEAD_DOCUMENTS)
            parsed.update(zip(positions, docs, strict=True))
        except Exception:  # noqa: BLE001
            continue
    return parsed


# A date this close to the top of a text that is the report's own date is its header, not an event's day.
HEADER_CHARS = 150


def _header_date(text: str, mention, report_date, lex: Lexicon) -> bool:
    """The report's own date written at the top ('Monday, 19 April 2021 _'), not a sentence's ('On 19 April ...')."""
    if report_date is None or mention.span.start >= HEADER_CHARS or not mention.start == mention.end == report_date:
        return False
    line = text[text.rfind("\n", 0, mention.span.start) + 1:mention.span.start].strip().lower()
    # An English mention may hold its own preposition ("On March 10, ..."): read it as part of the line.
    lead = mention.span.text.split(maxsplit=1)[0].lower()
    not_after = lex.regex("dates", "dateline_not_after")
    return not (not_after.search(line) or not_after.search(f"{line} {lead}".strip()))


# A place this far from the main country's named places is on another stage ("Rigny" for a Zamfara village,
# a "Paris"-based source): it locates an event only when the text names nothing nearer.
FAR_ABROAD_KM = 1500


def _mark_far_abroad(places: list[PlaceMention], main_country: str) -> None:
    home = [m.place for m in places if m.in_main_country and m.place is not None and not m.place.is_country]
    if not home:
        return
    lat = sum(p.lat for p in home) / len(home)
    lon = sum(p.lon for p in home) / len(home)
    named = {m.place.country_code for m in places if m.place is not None and (m.place.is_country or m.kind == "demonym")}
    for mention in places:
        if mention.place is not None and not mention.in_main_country \
                and haversine_km(lat, lon, mention.place.lat, mention.place.lon) > FAR_ABROAD_KM:
            mention.far_abroad = True
            mention.stray = not mention.place.is_country and mention.place.country_code not in named


def text_judge():
    """The event classifier as a batched (label, score) judge for the event stage, or None without a model."""
    try:
        from sitrep.classifier import get_classifier

        classifier = get_classifier()
    except Exception:  # no trained model installed: the cue rules decide alone
        return None

    def judge(texts: list[str]) -> list[tuple[str, float]]:
        return [(p.top_label, p.top_score) for p in classifier.predict(texts)]

    return judge


def _figures_as_claims(result: Extraction, infos, source: str) -> None:
    """Every casualty figure is a claim of someone: of the speaker the sentence names, else of the report."""
    claimed_sentences = {c.evidence.start for c in result.claims if c.evidence}
    for info in infos:
        if not info.figures or info.span.start in claimed_sentences:
            continue
        low, _, best, high = acled_fatalities(info.figures)
        result.claims.append(Claim(
            doc_id=result.document.id, claimant=source, text=info.span.text, status="reported", kind="fatalities",
            value={"low": low, "best": best, "high": high,
                   "figures": [{"value": f.value, "group": f.group, "vague": f.vague, "text": f.span.text}
                               for f in info.figures]},
            evidence=info.span))
    result.claims.sort(key=lambda c: c.evidence.start if c.evidence else 0)


def _named(found, dictionary: ActorDictionary, when, country: str) -> str:
    """The name of the actor the words name (al Qaeda stays al Qaeda here, even where its branch acts)."""
    if found.named_id and found.named_id in dictionary.actors:
        return dictionary.name_at(found.named_id, when)
    return to_mention(found, dictionary, when, country).name


def main_country_of(result: Extraction) -> str:
    counts: Counter = Counter(e.country for e in result.events if e.country)
    return counts.most_common(1)[0][0] if counts else ""
