"""Claims: who says what, kept apart from what is established.

A sentence with a reporting or attribution cue ("claimed", "according to", "officials said", "allegedly",
"could not be verified") becomes a claim: the claimant (the subject of the reporting verb or the object of
"according to"), the claimed text, and a status. Casualty figures inside a claim are recorded on it.
"""

from __future__ import annotations

import re

from sitrep.events.fatalities import acled_fatalities, find_fatalities
from sitrep.lexicon import Lexicon
from sitrep.records import Claim, Span

_STATUS_CUES: list[tuple[re.Pattern, str, str]] = [
    (re.compile(r"\b(?:could not (?:be )?(?:independently )?(?:verified|confirmed)|(?:was|is) not possible to "
                r"(?:independently )?(?:verify|confirm)|cannot be (?:independently )?verified|unverified|"
                r"remains? (?:uncertain|unclear))\b", re.I), "unverified", "statement"),
    (re.compile(r"\b(?:denied|denies|deny|rejected the claim|refuted)\b", re.I), "denied", "statement"),
    (re.compile(r"\b(?:claim(?:ed|s|ing)? (?:responsibility|credit)|took responsibility)\b", re.I), "claimed",
     "responsibility"),
    (re.compile(r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing))\b", re.I), "alleged", "accusation"),
    (re.compile(r"\b(?:claim(?:ed|s|ing)?|boast(?:ed|s)?)\b", re.I), "claimed", "statement"),
    (re.compile(r"\b(?:allegedly|alleged|purportedly|supposedly)\b", re.I), "alleged", "statement"),
    (re.compile(r"\b(?:reportedly|according to|(?:said|says|stated|told|reported|announced|confirmed|added|"
                r"noted|indicated)\b|sources? said|officials? said)", re.I), "reported", "statement"),
    (re.compile(r"\b(?:is|are) (?:believed|thought|suspected|known|said) to\b", re.I), "reported", "statement"),
]
_ACCORDING_TO = re.compile(r"\baccording to (?P<who>(?:[\w'’-]+\s+){0,6}?[\w'’-]+?)(?=,|\.|;|$| that\b| who\b)", re.I)
_SUBJECT_SAID = re.compile(r"(?P<who>(?:[A-Z][\w'’-]*\s+|the\s+|a\s+|an\s+|local\s+|senior\s+|military\s+|"
                           r"security\s+|government\s+|[a-z]+\s+){0,5}?(?:[A-Z][\w'’-]+|officials?|sources?|"
                           r"residents?|witness(?:es)?|spokes(?:man|woman|person)|commander|army|group|"
                           r"ministry|police|military|statement|authorities|it|they|he|she))\s+"
                           r"(?:also\s+|later\s+|quickly\s+|then\s+)?(?:said|says|claimed|claims|stated|states|"
                           r"told|reported|announced|confirmed|added|alleged|accused|denied|was quick to claim|"
                           r"claiming)\b")
_SAID_AFTER = re.compile(r",?\s*(?P<who>(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,4}?(?:officials?|sources?|spokes(?:man|"
                         r"woman|person)|commander|residents?|witness(?:es)?|army|police|ministry|group|"
                         r"authorities|[A-Z][\w'’-]+))\s+(?:said|says|told|reported|claimed|stated)\b", re.I)
_PRONOUNS = {"it", "they", "he", "she", "its"}


def _claimant(sentence: str, previous_subject: str) -> str:
    m = _ACCORDING_TO.search(sentence)
    if m:
        return m["who"].strip()
    m = _SUBJECT_SAID.search(sentence)
    if m:
        who = m["who"].strip()
        if who.lower() in _PRONOUNS or who.lower().startswith(("it ", "they ")):
            return previous_subject or who
        return who
    m = _SAID_AFTER.search(sentence)
    if m:
        return m["who"].strip()
    return ""


def find_claims(doc_id: str, sentences: list[Span], source: str, actor_names_in: dict[int, str],
                lex: Lexicon | None = None) -> list[Claim]:
    """Claims in the given sentences. `actor_names_in` maps a sentence start to the actor it names first,
    so "JNIM was quick to claim credit" is JNIM's claim and "It also said ..." is still JNIM's."""
    claims: list[Claim] = []
    previous = ""
    for sentence in sentences:
        status = kind = ""
        for pattern, st, kd in _STATUS_CUES:
            if pattern.search(sentence.text):
                status, kind = st, kd
                break
        named_actor = actor_names_in.get(sentence.start, "")
        if not status:
            previous = named_actor or previous
            continue
        explicit = _claimant(sentence.text, previous)
        if explicit:
            who = explicit
        elif kind in ("responsibility", "accusation") or status in ("claimed", "denied"):
            who = named_actor or previous or source or "the report"  # "JNIM claimed ...": the actor speaks
        else:
            who = source or "the report"  # "are known to be", "reportedly": the outlet's own word
        if named_actor and who and named_actor.lower().split(":")[0] in who.lower():
            who = named_actor
        figures, none_span = find_fatalities(sentence.text, sentence.start, lex)
        value: dict = {}
        if figures:
            low, _, best, high = acled_fatalities(figures)
            value = {"low": low, "best": best, "high": high,
                     "figures": [{"value": f.value, "group": f.group, "vague": f.vague, "text": f.span.text}
                                 for f in figures]}
            kind = "fatalities" if kind == "statement" else kind
        claims.append(Claim(doc_id=doc_id, claimant=who, text=sentence.text, status=status, kind=kind, value=value,
                            evidence=sentence))
        previous = named_actor or previous
    return claims
