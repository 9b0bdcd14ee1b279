"""The typed records every pipeline stage takes and returns.

Offsets in every `Span` are into the document's *clean* text; `Document.raw_offset` maps them back to
the text as given.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """A piece of a document's clean text: the evidence a field points at."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Document:
    id: str
    text: str
    content_hash: str = ""
    published: date | None = None
    published_from: str = "unknown"  # metadata | text | unknown
    title: str = ""
    source: str = ""
    url: str = ""
    language: str = "und"
    clean_text: str = ""
    # Sorted (clean_start, raw_start, length) runs: clean_text[c:c+n] came from text[r:r+n].
    offset_runs: list[tuple[int, int, int]] = field(default_factory=list)
    origin: str = ""  # file name and line the document was read from, for messages

    def raw_offset(self, clean_pos: int) -> int:
        """The offset in `text` that produced `clean_text[clean_pos]`."""
        if not self.offset_runs:
            return clean_pos
        starts = [run[0] for run in self.offset_runs]
        i = max(0, bisect.bisect_right(starts, clean_pos) - 1)
        c, r, n = self.offset_runs[i]
        return r + min(max(clean_pos - c, 0), n)


@dataclass
class Place:
    """A gazetteer entry."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str = ""
    feature_code: str = ""
    country_code: str = ""
    admin1_code: str = ""
    admin2_code: str = ""
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    source: str = ""

    @property
    def country(self) -> str:
        from sitrep.places.countries import country_name

        return country_name(self.country_code)

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL") or self.feature_code == "TERR"

    @property
    def is_admin1(self) -> bool:
        return self.feature_code == "ADM1"

    @property
    def is_admin2(self) -> bool:
        return self.feature_code == "ADM2"


@dataclass
class PlaceMention:
    span: Span
    place: Place | None
    geo_precision: int = 1  # ACLED: 1 town, 2 near a town / part of a region, 3 region
    qualifier: str = ""  # "near", "north of", "40 miles from", "northern" ... when the text is relative
    resolved: bool = True
    kind: str = "name"  # name | demonym | relative
    score: float = 0.0
    note: str = ""
    in_main_country: bool = False  # in the country the document is mostly about: wins ties for event locations
    far_abroad: bool = False  # far from where the document's events are: a site only when nothing else is named
    # a town far away in a country the text never names ('the nearby village of X', X known only in Brazil):
    # a same-named place elsewhere, never a site
    stray: bool = False


@dataclass
class ActorMention:
    span: Span
    actor_id: str  # dictionary id, template id ("unidentified_armed_group") or "" when unknown
    name: str  # the ACLED name at the event's date, e.g. "Military Forces of Mali (2021-)"
    inter: int
    kind: str
    country: str = ""  # ISO-3166 alpha-2
    descriptive: bool = False  # "the jihadists", "gunmen": resolved by context, not by name


@dataclass
class DateMention:
    span: Span
    start: date
    end: date
    precision: int  # ACLED time_precision: 1 day, 2 week (or a few days), 3 month or longer
    relative: bool = False
    # The date of a saying ("a mayor said on Tuesday", "a annoncé mardi"), not of what was said: an event other
    # than the statement itself should not take it.
    reporting: bool = False


@dataclass
class Claim:
    doc_id: str
    claimant: str
    text: str
    status: str  # asserted | claimed | alleged | reported | denied | unverified
    kind: str = "statement"  # fatalities | responsibility | accusation | relation | statement | damage
    value: dict = field(default_factory=dict)  # e.g. {"low": 54, "high": 54, "who": "Wagner fighters"}
    evidence: Span | None = None
    event_id: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["evidence"] = self.evidence.to_dict() if self.evidence else None
        return d


@dataclass
class Relation:
    doc_id: str
    subject: str
    predicate: str  # subunit_of | affiliate_of | allied_with | supports | fights | leads | member_of
    object: str
    status: str  # asserted | claimed | alleged | reported
    attributed_to: str = ""
    evidence: Span | None = None
    date: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["evidence"] = self.evidence.to_dict() if self.evidence else None
        return d


@dataclass
class Event:
    doc_id: str
    event_id: str = ""
    event_date: date | None = None
    date_end: date | None = None
    time_precision: int = 0
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 0
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    notes: str = ""
    confidence: float = 0.0
    type_reason: str = ""  # why the event got its type (the rule, or the text classifier's reading)
    background: bool = False
    location_resolved: bool = False
    claims: list[Claim] = field(default_factory=list)
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    salience: float = 0.0

    def add_evidence(self, field_name: str, span: Span | None) -> None:
        if span is None:
            return
        spans = self.evidence.setdefault(field_name, [])
        if span not in spans:
            spans.append(span)

    @property
    def interaction(self) -> int:
        a, b = sorted(x for x in (self.inter1, self.inter2))
        return a * 10 + b if a else b * 10


@dataclass
class Extraction:
    """Everything the pipeline read from one document."""

    document: Document
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
