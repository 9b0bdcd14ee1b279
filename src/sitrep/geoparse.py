"""`sitrep geoparse`: every place name in a report, resolved, with offsets into the text as given."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from sitrep.pipeline import Resources, locate, prepare
from sitrep.records import Document
from sitrep.sections import parse

# Geoparsing needs names and entities only: the tagger, parser and lemmatizer are not loaded.
SKIPPED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1)
def places_nlp():
    """spaCy with only the project's entity ruler and NER: about twice as fast per document as the full
    pipeline, and quick to start (the ruler's patterns are tokenized without running a tagger or parser)."""
    import spacy

    from sitrep.lexicon import DEFAULT_LANGUAGE
    from sitrep.nlp import _ruler_patterns, line_breaks, model_name  # noqa: F401  (registers line_breaks)

    nlp = spacy.load(model_name(DEFAULT_LANGUAGE), exclude=list(SKIPPED_PIPES))
    nlp.add_pipe("line_breaks", first=True)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER",
                                                              "overwrite_ents": True})
    ruler.add_patterns(_ruler_patterns())
    return nlp


@lru_cache(maxsize=1)
def geoparse_resources() -> Resources:
    from sitrep.actors.dictionary import get_dictionary
    from sitrep.places.gazetteer import get_gazetteer

    return Resources(places_nlp(), get_gazetteer(), get_dictionary())


def geoparse_document(document: Document) -> list[dict]:
    """Contract rows for one document: start, end, text, lat, lon, country_code, admin1, geonameid."""
    prepare(document)
    res = geoparse_resources()
    doc = parse(res.nlp, document.clean_text)
    mentions, _doc, candidates, _where = locate(document, res, doc, every_name=True)
    mentions = _unknown_names_in_their_town(mentions, candidates)
    rows = []
    for mention in mentions:
        place = mention.place
        if place is None or not mention.resolved:
            continue
        start = document.raw_offset(mention.span.start)
        end = document.raw_offset(mention.span.end - 1) + 1
        rows.append(_row(document.text, start, end, mention))
    rows += _in_dropped_text(document, rows)
    return sorted(rows, key=lambda r: r["start"])


# Names the index does not hold that are still surely places: spaCy's place entities and names in places
# only a place name goes ('the village of X').
_UNKNOWN_KINDS = ("entity", "pattern")


def _unknown_names_in_their_town(mentions: list, candidates: list) -> list:
    """A place name the index does not hold ('Tennessee Colony', 'the Neches River', 'Lake Harriet') is close
    to the town the text was telling of: the nearest town named before it (else the first after), at
    precision 2. Only the geoparser does this; an event is never placed on such a guess."""
    towns = [(i, m.place) for i, m in enumerate(mentions) if m.resolved and m.place is not None
             and m.place.feature_class == "P" and m.kind not in ("demonym", "facility")]
    if not towns:
        return mentions
    out = list(mentions)
    for i, (mention, cand) in enumerate(zip(mentions, candidates, strict=True)):
        if mention.resolved or cand.kind not in _UNKNOWN_KINDS or cand.places:
            continue
        before = [p for j, p in towns if j < i]
        town = before[-1] if before else next(p for j, p in towns if j > i)
        out[i] = replace(mention, place=town, resolved=True, geo_precision=2, kind="unknown_near",
                         note=f"{mention.span.text!r} not in gazetteer; placed in {town.name}, told nearby")
    return out


def _row(text: str, start: int, end: int, mention) -> dict:
    place = mention.place
    return {
        "start": start, "end": end, "text": text[start:end], "lat": round(place.lat, 5),
        "lon": round(place.lon, 5), "country_code": place.country_code, "admin1": place.admin1,
        "geonameid": place.geonameid if place.geonameid > 0 else None, "name": place.name,
        "feature_code": place.feature_code, "kind": mention.kind, "geo_precision": mention.geo_precision,
    }


def _dropped_ranges(document: Document) -> list[tuple[int, int]]:
    """Parts of the input that cleaning removed (boilerplate, a repeated copy of the article)."""
    if not document.offset_runs:
        return []
    out, pos = [], 0
    for _clean, raw, length in sorted(document.offset_runs, key=lambda run: run[1]):
        if raw > pos:
            out.append((pos, raw))
        pos = max(pos, raw + length)
    if pos < len(document.text):
        out.append((pos, len(document.text)))
    return out


def _in_dropped_text(document: Document, rows: list[dict]) -> list[dict]:
    """The names found in the kept text, where they occur again in text cleaning removed: the same reading
    (a page that repeats its article is still about the same places)."""
    dropped = [(a, b) for a, b in _dropped_ranges(document) if b - a > 3]
    if not dropped or not rows:
        return []
    readings: dict[str, dict] = {}
    for row in rows:
        readings.setdefault(row["text"], row)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(readings, key=len, reverse=True))
                         + r")(?!\w)")
    out = []
    for a, b in dropped:
        for m in pattern.finditer(document.text, a, b):
            row = dict(readings[m.group()])
            row.update(start=m.start(), end=m.end(), text=m.group())
            out.append(row)
    return out
