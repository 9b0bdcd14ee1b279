"""Relations between actors: from the text ("JNIM, al Qaeda's West African branch", "Ukraine provided
intelligence to the rebels", "known to be affiliated with") with the status the text gives them, and from
the actor dictionary for actors the document names together (status asserted, attributed to the dictionary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.actors.dictionary import ActorDictionary
from sitrep.lexicon import Lexicon
from sitrep.records import Claim, Relation, Span

_PREDICATE_BETWEEN: list[tuple[re.Pattern, str, bool]] = [
    # (pattern on the text between subject and object, predicate, reversed: object is the subject)
    (re.compile(r"^\s*\)?\s*,\s*(?:the\s+)?$", re.I), "", False),
    (re.compile(r"^[\s,]*(?:which is |who is |)?(?:an?|the)?\s*(?:[\w-]+\s+){0,3}?(?:branch|affiliate|franchise|wing|arm|"
                r"subsidiary|offshoot)\s+of\s+(?:the\s+)?$", re.I), "affiliate_of", False),
    (re.compile(r"^[\s,]*(?:an?|the)?\s*(?:[\w-]+\s+){0,3}?(?:subunit|sub-unit|unit|katiba|battalion|brigade|"
                r"faction|component|member group)\s+of\s+(?:the\s+)?$", re.I), "subunit_of", False),
    (re.compile(r"^\s*(?:is|are|was|were)\s+(?:(?:known|believed|said|thought|reported|alleged)\s+to\s+be\s+)?"
                r"(?:closely\s+)?(?:affiliated|linked|aligned|associated|connected|tied)\s+(?:with|to)\s+(?:the\s+)?$",
                re.I), "affiliate_of", False),
    (re.compile(r"^\s*(?:is|are|was|were)\s+(?:(?:known|believed|said|thought|reported|alleged)\s+to\s+be\s+)?"
                r"(?:allied|in alliance)\s+with\s+(?:the\s+)?$", re.I), "allied_with", False),
    (re.compile(r"^\s*(?:has\s+|have\s+|had\s+)?(?:provided|provides|gave|give|gives|supplied|supplies|sent|shared|"
                r"passed)\s+(?:\w+\s+){0,3}?(?:intelligence|information|weapons|arms|support|training|funding|"
                r"drones|equipment|help|assistance)\s+(?:to|with)\s+(?:the\s+)?$", re.I), "supports", False),
    (re.compile(r"^\s*(?:has\s+|have\s+)?(?:supports?|supported|backs?|backed|arms|armed|trains?|trained|funds?|"
                r"funded|helped|helps)\s+(?:the\s+)?$", re.I), "supports", False),
    (re.compile(r"^\s*(?:has\s+|have\s+|had\s+)?(?:fought|fights|fighting|clashed with|battled|attacked|attacks|"
                r"ambushed|targeted)\s+(?:the\s+)?$", re.I), "fights", False),
    (re.compile(r"^\s*,?\s*(?:led|headed|commanded)\s+by\s+$", re.I), "leads", True),
    (re.compile(r"^\s*(?:pledged allegiance to|joined|is a member of|are members of|is part of|are part of|"
                r"part of a coalition known as)\s+(?:the\s+)?$", re.I), "member_of", False),
]
_POSSESSIVE_PARENT = re.compile(r"^['’]s\s+(?:[\w-]+\s+){0,3}?(?:branch|affiliate|franchise|wing|arm)\b", re.I)
_HEDGES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(?:allegedly|alleged|purportedly|accus)", re.I), "alleged"),
    (re.compile(r"\b(?:claim(?:ed|s)?|boast)", re.I), "claimed"),
    (re.compile(r"\b(?:known to be|believed to be|said to be|thought to be|reportedly|according to|suspected)\b",
                re.I), "reported"),
]


@dataclass
class Party:
    """An actor or a country named in a sentence."""

    span: Span
    name: str
    actor_id: str = ""


def _status(sentence: str, claim: Claim | None) -> str:
    if claim is not None and claim.status in ("claimed", "alleged", "reported"):
        return claim.status
    if claim is not None and claim.status == "unverified":
        return "reported"
    for pattern, status in _HEDGES:
        if pattern.search(sentence):
            return status
    return "asserted"


def relations_from_text(doc_id: str, text: str, sentences: list[Span], parties: list[Party],
                        claims_by_sentence: dict[int, Claim], source: str,
                        lex: Lexicon | None = None) -> list[Relation]:
    out: list[Relation] = []
    for sentence in sentences:
        inside = [p for p in parties if sentence.start <= p.span.start < sentence.end]
        claim = claims_by_sentence.get(sentence.start)
        status = _status(sentence.text, claim)
        attributed = claim.claimant if claim is not None else (source or "the report")
        for i, subject in enumerate(inside):
            for obj in inside[i + 1:i + 3]:
                if obj.name == subject.name:
                    continue
                between = text[subject.span.end:obj.span.start]
                predicate, reverse = "", False
                for pattern, pred, rev in _PREDICATE_BETWEEN:
                    if pred and pattern.search(between):
                        predicate, reverse = pred, rev
                        break
                if not predicate:
                    # "JNIM, al Qaeda's West African branch": the object's possessive names the parent.
                    after = text[obj.span.end:obj.span.end + 60]
                    if re.fullmatch(r"\s*\)?\s*,\s*(?:the\s+)?", between) and _POSSESSIVE_PARENT.match(after):
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
