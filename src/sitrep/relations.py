"""Relations between actors: from the text ("JNIM, al Qaeda's West African branch", "Ukraine provided
intelligence to the rebels", "known to be affiliated with") with the status the text gives them, and from
the actor dictionary for actors the document names together (status asserted, attributed to the dictionary).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.actors.dictionary import ActorDictionary
from sitrep.intervals import ByStart
from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.records import Claim, Relation, Span

# The wordings of a relation, from the `relations` lexicon: (entry, predicate, reversed: the second name is the
# subject, as in "X, led by Y"). Each entry matches the whole text between the two names; the first one wins.
_PREDICATES: tuple[tuple[str, str, bool], ...] = (
    ("affiliate_of", "affiliate_of", False),
    ("subunit_of", "subunit_of", False),
    ("allied_with", "allied_with", False),
    ("supports", "supports", False),
    ("supported_by", "supports", True),
    ("fights", "fights", False),
    ("led_by", "leads", True),
    ("member_of", "member_of", False),
)
# How a sentence hedges what it says, when no claim covers it, most doubtful first.
_HEDGES: tuple[tuple[str, str], ...] = (("hedge_alleged", "alleged"), ("hedge_claimed", "claimed"),
                                        ("hedge_reported", "reported"))


@dataclass
class Party:
    """An actor or a country named in a sentence."""

    span: Span
    name: str
    actor_id: str = ""


def _status(sentence: str, claim: Claim | None, lex: Lexicon) -> str:
    if claim is not None and claim.status in ("claimed", "alleged", "reported"):
        return claim.status
    if claim is not None and claim.status == "unverified":
        return "reported"
    for entry, status in _HEDGES:
        if lex.regex("relations", entry).search(sentence):
            return status
    return "asserted"


def relations_from_text(doc_id: str, text: str, sentences: list[Span], parties: list[Party],
                        claims_by_sentence: dict[int, Claim], source: str,
                        lex: Lexicon | None = None) -> list[Relation]:
    lex = lex or get_lexicon()
    out: list[Relation] = []
    parties_at = ByStart(parties, lambda p: p.span.start)  # a scan of every party per sentence is quadratic
    for sentence in sentences:
        inside = parties_at.within(sentence.start, sentence.end)
        claim = claims_by_sentence.get(sentence.start)
        status = _status(sentence.text, claim, lex)
        attributed = claim.claimant if claim is not None else (source or "the report")
        for i, subject in enumerate(inside):
            for obj in inside[i + 1:i + 3]:
                if obj.name == subject.name:
                    continue
                between = text[subject.span.end:obj.span.start]
                predicate, reverse = "", False
                for entry, pred, rev in _PREDICATES:
                    if lex.regex("relations", entry).search(between):
                        predicate, reverse = pred, rev
                        break
                if not predicate:
                    # "JNIM, al Qaeda's West African branch": the object's possessive names the parent.
                    after = text[obj.span.end:obj.span.end + 60]
                    if lex.regex("relations", "apposition").fullmatch(between) \
                            and lex.regex("relations", "possessive_parent").match(after):
                        predicate = "affiliate_of"
                if not predicate:
                    continue
                s, o = (obj, subject) if reverse else (subject, obj)
                evidence = Span(subject.span.start, obj.span.end, text[subject.span.start:obj.span.end])
                out.append(Relation(doc_id=doc_id, subject=s.name, predicate=predicate, object=o.name,
                                    status=status, attributed_to=attributed if status != "asserted" else (source or ""),
                                    evidence=evidence))
    return out


def relations_from_dictionary(doc_id: str, dictionary: ActorDictionary, mentioned: dict[str, Span]) -> list[Relation]:
    """Known relations between actors the document names together (reference facts, not the text's claims)."""
    out: list[Relation] = []
    for actor_id, span in mentioned.items():
        entry = dictionary.actors.get(actor_id)
        if entry is None:
            continue
        links = [{"predicate": "subunit_of", "object": entry.parent}] if entry.parent else []
        links += [r for r in entry.relations if r.get("predicate") != "fights"]
        for link in links:
            other = link.get("object")
            if other not in mentioned or other == actor_id:
                continue
            if any(r.object == dictionary.actors[other].name and r.predicate == link["predicate"] and
                   r.subject == entry.name for r in out):
                continue
            out.append(Relation(doc_id=doc_id, subject=entry.name, predicate=link["predicate"],
                                object=dictionary.actors[other].name, status="asserted",
                                attributed_to="sitrep actor dictionary", evidence=span,
                                date=str(link.get("since") or "")))
    return out
