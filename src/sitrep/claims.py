"""Claims: who says what, kept apart from what is established.

A sentence with a reporting or attribution cue ("claimed", "according to", "officials said", "allegedly",
"could not be verified"; French "selon", "a revendiqué", "a démenti") becomes a claim: the claimant, the
claimed text, and a status. The claimant is read from the sentence's grammar where it parses (the subject
of the reporting verb with its apposition: "Issiaka Ganame, the mayor of Yoro"; the object of "according
to"), else from its wording; "he said" is the speaker named before. Casualty figures inside a claim are
recorded on it. The words come from the document's lexicon (`data/lexicons/<language>/claims.yaml`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.events.fatalities import acled_fatalities, find_fatalities
from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.records import Claim, Span

# A speaker's phrase: the subject with its apposition and conjuncts, not its relative clauses.
_CLAUSE_DEPS = {"relcl", "acl:relcl", "advcl", "ccomp", "parataxis", "acl"}
MAX_SPEAKER_WORDS = 14


@lru_cache(maxsize=8)
def _status_cues(lex: Lexicon) -> list[tuple[re.Pattern, str, str]]:
    """(pattern, status, kind) in the lexicon's order: the first that matches decides."""
    return [(re.compile(str(cue["pattern"]), re.I | re.X), cue["status"], cue["kind"])
            for cue in lex.items("claims", "status_cues")]


def _phrase(token) -> str:
    """The words of a subject: its subtree without relative or subordinate clauses or the preposition that
    introduces it ('selon'), as written, trimmed of punctuation."""
    dropped: set[int] = set()
    for child in token.children:
        if child.dep_ in _CLAUSE_DEPS or child.dep_ == "case":
            dropped.update(t.i for t in child.subtree)
    words = [t for t in token.subtree if t.i not in dropped]
    text = "".join(t.text_with_ws for t in words)
    text = text.strip(" ,;:-–—\"“”'«»\n")
    return " ".join(text.split()[:MAX_SPEAKER_WORDS])


def _parsed_speaker(sentence, lex: Lexicon) -> str:
    """The subject of the sentence's reporting verb, or the object of 'according to', from the parse."""
    if sentence is None:
        return ""
    verbs = lex.words("claims", "reporting_lemmas")
    sources = {w.lower() for w in lex.items("claims", "source_prepositions")}
    for token in sentence:
        if token.lemma_.lower() not in verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass", "csubj")]
        if not subjects and token.dep_ in ("conj", "xcomp") and token.head.lemma_.lower() in verbs:
            subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subjects:
            return _phrase(subjects[0])
    for token in sentence:
        # "according to X" (English: a two-word preposition), "selon X" (French: the noun's case marker)
        head_words = f"{token.head.lower_} {token.lower_}" if token.dep_ in ("prep", "pcomp") else token.lower_
        if token.lower_ in sources or head_words in sources:
            objects = [c for c in token.children if c.dep_ in ("pobj", "obj")]
            if objects:
                return _phrase(objects[0])
        if token.dep_ == "case" and token.lower_ in sources:
            return _phrase(token.head)
    return ""


def _worded_speaker(sentence: str, previous_subject: str, lex: Lexicon) -> str:
    m = lex.regex("claims", "according_to").search(sentence)
    if m:
        return m["who"].strip()
    m = lex.regex("claims", "subject_said", re.X).search(sentence)
    if m:
        who = m["who"].strip()
        pronouns = lex.words("claims", "pronouns")
        if who.lower() in pronouns or who.lower().split()[0] in pronouns:
            return previous_subject or who
        return who
    m = lex.regex("claims", "said_after", re.I | re.X).search(sentence)
    if m:
        return m["who"].strip()
    return ""


def _claimant(text: str, parsed, previous: str, lex: Lexicon) -> str:
    who = _parsed_speaker(parsed, lex) or _worded_speaker(text, previous, lex)
    if who and who.lower() in lex.words("claims", "pronouns"):
        return previous or who  # "he said": the one named before
    return who


def find_claims(doc_id: str, sentences: list[Span], source: str, actor_names_in: dict[int, str],
                lex: Lexicon | None = None, parsed: dict[int, object] | None = None) -> list[Claim]:
    """Claims in the given sentences. `actor_names_in` maps a sentence start to the actor it names first,
    so "JNIM was quick to claim credit" is JNIM's claim and "It also said ..." is still JNIM's. `parsed` maps
    a sentence start to its spaCy span, for reading the speaker from the grammar."""
    lex = lex or get_lexicon()
    parsed = parsed or {}
    cues = _status_cues(lex)
    claims: list[Claim] = []
    previous = ""  # the last one named as saying something: "he", "it" in the next sentences
    for sentence in sentences:
        status = kind = ""
        for pattern, st, kd in cues:
            if pattern.search(sentence.text):
                status, kind = st, kd
                break
        named_actor = actor_names_in.get(sentence.start, "")
        if not status:
            previous = named_actor or previous
            continue
        explicit = _claimant(sentence.text, parsed.get(sentence.start), previous, lex)
        if explicit:
            who = explicit
        elif kind in ("responsibility", "accusation") or status in ("claimed", "denied"):
            who = named_actor or previous or source or "the report"  # "JNIM claimed ...": the actor speaks
        else:
            who = source or "the report"  # "are known to be", "reportedly": the outlet's own word
        if named_actor and who and named_actor.lower().split(":")[0] in who.lower():
            who = named_actor
        speaker_named = explicit and explicit.lower() not in lex.words("claims", "pronouns")
        previous = who if speaker_named else (named_actor or previous)
        figures, _none_span = find_fatalities(sentence.text, sentence.start, lex)
        value: dict = {}
        if figures:
            low, _, best, high = acled_fatalities(figures)
            value = {"low": low, "best": best, "high": high,
                     "figures": [{"value": f.value, "group": f.group, "vague": f.vague, "text": f.span.text}
                                 for f in figures]}
            kind = "fatalities" if kind == "statement" else kind
        claims.append(Claim(doc_id=doc_id, claimant=who, text=sentence.text, status=status, kind=kind, value=value,
                            evidence=sentence))
    return claims
