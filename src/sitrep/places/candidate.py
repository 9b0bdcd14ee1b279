"""A place mention as recognition finds it, before resolution picks one of its readings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.records import Place, Span


@dataclass
class PlaceCandidate:
    """A name in the text, its possible readings, and what the words around it say."""


    span: Span
    places: list[Place]
    kind: str = "name"  # name | demonym | abbreviation | entity (spaCy found it, the gazetteer did not) | facility
    qualifier: str = ""  # near | distance | direction | coded (ACLED's "coded as X": where the event is placed)
    precision: int | None = None  # a precision the text states ("coded as X at geoprecision 2")
    direction: str = ""
    distance_km: float | None = None
    admin_hint: list[str] = field(default_factory=list)  # "(Douentza, Mopti)" -> ["Douentza", "Mopti"]
    region_word: bool = False  # followed by "region"/"province": prefer admin areas
    quarter_word: bool = False  # after "quartier": prefer a section of a town (GeoNames PPLX)
    entity_label: str = ""
    # place | site (in a facility's name: "Gao Hospital") | embedded (in another name: "Washington Post") |
    # modifier ("the Mali embassy") | qualifier (the "(Mopti)" of "X (Mopti)") | part ("the X quarter of Gao")
    role: str = "place"
    fixed: bool = False  # the places list is the answer (demonyms, abbreviations): no ranking by context
    alt_names: list[str] = field(default_factory=list)  # "Peta [Petel]", "Kichi (Kissi)": other spellings
    town_noun: bool = False  # followed by a noun of local life ('a Lebanon woman', 'Palestine police'): a town
    comma_hint: bool = False  # the admin hint came from "X, Mopti" (an area after a comma), not from brackets
