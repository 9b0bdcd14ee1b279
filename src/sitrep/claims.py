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


_STOPS = {",", ".", ";", ":", "(", ")", "«", "»", '"', "“", "”", "!", "?"}


def _phrase(token, relatives: frozenset[str] = frozenset()) -> str:
    """The words of a speaker: the subject's subtree without relative or subordinate clauses or the
    preposition that introduces it ('selon'), as written; a phrase the parser cut short ('une autre | source
    militaire') runs on to the next punctuation."""
    dropped: set[int] = set()
    for child in token.children:
        if child.dep_ == "case":
            dropped.update(t.i for t in child.subtree)
    for inner in token.subtree:
        if inner.i != token.i and inner.dep_ in _CLAUSE_DEPS:
            dropped.update(t.i for t in inner.subtree)
    words = [t for t in token.subtree if t.i not in dropped]
    # a clause taken out leaves its comma behind ('the mayor of X, [where ...]')
    while words and words[-1].text in _STOPS:
        words.pop()
    if not words:
        return ""
    doc = token.doc
    end = words[-1].i + 1
    while end < len(doc) and len(words) < MAX_SPEAKER_WORDS and doc[end].text not in _STOPS \
            and doc[end].pos_ not in ("VERB", "AUX") and doc[end].lower_ not in relatives \
            and end == words[-1].i + 1 and doc[end].sent == token.sent:
        words.append(doc[end])
        end += 1
    text = "".join(t.text_with_ws for t in words)
    text = text.strip(" ,;:-–—\"“”'«»\n")
    return " ".join(text.split()[:MAX_SPEAKER_WORDS])


_OPENING, _CLOSING = {"«", "“", "‘"}, {"»", "”", "’"}


def _quoted(sentence) -> set[int]:
    """Indices of the tokens inside quotation marks ('«…»', '“…”', straight quotes paired in order)."""
    inside: set[int] = set()
    open_at: int | None = None
    for token in sentence:
        text = token.text
        if open_at is None and (text in _OPENING or text == '"'):
            open_at = token.i
        elif open_at is not None and (text in _CLOSING or text == '"'):
            inside.update(range(open_at + 1, token.i))
            open_at = None
    return inside


def _parsed_speaker(sentence, lex: Lexicon) -> str:
    """The subject of the sentence's reporting verb, or the object of 'according to', from the parse."""
    if sentence is None:
        return ""
    verbs = lex.words("claims", "reporting_lemmas")
    relatives = lex.words("claims", "relative_pronouns")
    sources = {w.lower() for w in lex.items("claims", "source_prepositions")}

    def depth(token) -> int:
        n = 0
        while token.head.i != token.i and n < 50:
            token, n = token.head, n + 1
        return n

    quoted = _quoted(sentence)
    # the reporting verb nearest the root speaks for the sentence: '"We counted twelve", a resident told'; a
    # verb inside the quotation is the quoted speaker's own
    for token in sorted((t for t in sentence if t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX")
                         and t.i not in quoted), key=depth):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass", "csubj")]
        if not subjects:
            # '…", a indiqué une source sécuritaire': an inverted subject the parser read as an object
            before = [t for t in sentence if t.i < token.i][-3:]
            if any(t.text in _STOPS for t in before):
                subjects = [c for c in token.children if c.dep_ in ("obj", "dobj") and c.i > token.i
                            and c.pos_ in ("NOUN", "PROPN")]
        if not subjects and token.dep_ in ("conj", "xcomp") and token.head.lemma_.lower() in verbs:
            subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subjects and subjects[0].lower_ in relatives and token.dep_ in ("relcl", "acl:relcl", "acl"):
            subjects = [token.head]  # '…, who said': the one the clause is about
        if subjects:
            return _phrase(subjects[0], relatives)
    for token in sentence:
        # "according to X" (English: a two-word preposition), "selon X" (French: the noun's case marker)
        head_words = f"{token.head.lower_} {token.lower_}" if token.dep_ in ("prep", "pcomp") else token.lower_
        if token.lower_ in sources or head_words in sources:
            objects = [c for c in token.children if c.dep_ in ("pobj", "obj")]
            if objects:
                return _phrase(objects[0], relatives)
        if token.dep_ == "case" and token.lower_ in sources:
            return _phrase(token.head, relatives)
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
