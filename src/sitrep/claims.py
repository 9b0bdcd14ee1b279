"""Claims: who says what, kept apart from what is established.

A sentence with a reporting or attribution cue ("claimed", "according to", "officials said", "allegedly",
"could not be verified"; French "selon", "a revendiqué", "a démenti") becomes a claim: the claimant, the
claimed text, and a status. The claimant is read from the sentence's grammar where it parses (the subject
of the reporting verb with its apposition: "Issiaka Ganame, the mayor of Yoro"; the object of "according
to"; the agent of a passive "reported by X"), else from its wording; "he said" is the speaker named before,
"this group" the actor named before. A quotation running over several sentences (or paragraphs) is all its
speaker's; a sentence that is only its source ("According to the agency.") gives the sentence before it that
source; a figure that names its own source ("the minister spoke of 11 dead, the UN of 14") is a claim of that
source too. Casualty figures inside a claim are recorded on it. The words come from the document's lexicon
(`data/lexicons/<language>/claims.yaml`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.events.fatalities import FatalityFigure, acled_fatalities, find_fatalities
from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.quotes import DOUBLE_CLOSING, DOUBLE_OPENING, QUOTE_MARKS, open_after
from sitrep.records import Claim, Span

# A speaker's phrase: the subject with its apposition and conjuncts, not its relative clauses.
_CLAUSE_DEPS = {"relcl", "acl:relcl", "advcl", "ccomp", "parataxis", "acl"}
MAX_SPEAKER_WORDS = 14


@lru_cache(maxsize=8)
def _status_cues(lex: Lexicon) -> list[tuple[re.Pattern, str, str]]:
    """(pattern, status, kind) in the lexicon's order: the first that matches decides."""
    return [(re.compile(str(cue["pattern"]), re.I | re.X), cue["status"], cue["kind"])
            for cue in lex.items("claims", "status_cues")]


# the words a cut-short speaker runs on with ('une autre | source militaire'), not a date or place after it
_NOT_AFTER_COMMA_DEPS = {"nmod"}
_RUN_ON_POS = {"NOUN", "PROPN", "ADJ", "NUM", "X", "ADP", "DET"}
_NOT_LAST_POS = {"ADP", "DET", "CCONJ", "SCONJ"}  # a phrase never ends on 'of', 'the', 'and'

_STOPS = {",", ".", ";", ":", "(", ")", "«", "»", '"', "“", "”", "!", "?"}


def _phrase(token, relatives: frozenset[str] = frozenset(), days: frozenset[str] = frozenset()) -> str:
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
    # past a comma a noun the parser hung on the speaker as its modifier is the next clause's subject ('Selon des
    # sources sécuritaires, | au moins huit soldats ont été tués'); an apposition or a list goes on
    comma = next((c.i for c in token.children if c.text == "," and c.i > token.i), None)
    if comma is not None:
        for child in token.children:
            if child.i > comma and child.dep_ in _NOT_AFTER_COMMA_DEPS:
                dropped.update(t.i for t in child.subtree)
    words = [t for t in token.subtree if t.i not in dropped]
    # a clause taken out leaves its comma behind ('the mayor of X, [where ...]'); a day the parser hung on the
    # speaker ('par le ministère dimanche') is when, not who
    while words and (words[-1].text in _STOPS or words[-1].lower_ in days):
        words.pop()
    if not words:
        return ""
    doc = token.doc
    end = words[-1].i + 1
    while end < len(doc) and len(words) < MAX_SPEAKER_WORDS and doc[end].text not in _STOPS \
            and doc[end].pos_ in _RUN_ON_POS and doc[end].lower_ not in relatives and doc[end].lower_ not in days \
            and end == words[-1].i + 1 and doc[end].sent == token.sent:
        words.append(doc[end])
        end += 1
    while len(words) > 1 and (words[-1].pos_ in _NOT_LAST_POS or words[-1].text in _STOPS):
        words.pop()
    text = "".join(t.text_with_ws for t in words)
    text = " ".join(text.strip(" ,;:-–—\"“”'«»\n").split()[:MAX_SPEAKER_WORDS])
    if text.count("(") > text.count(")") and text.rfind("(") < len(text) - 1:
        text += ")"  # 'the Project (Acled)': the closing mark went with the punctuation at the end
    return text


_OPENING, _CLOSING = {"«", "“", "‘"}, {"»", "”", "’"}


def _quoted(sentence, open_at_start: bool = False) -> set[int]:
    """Indices of the tokens inside quotation marks ('«…»', '“…”', straight quotes paired in order); a quotation
    opened in an earlier sentence runs from this one's start, and one left open runs to its end."""
    inside: set[int] = set()
    open_at: int | None = sentence.start - 1 if open_at_start else None
    first = next((t.i for t in sentence if not t.is_space), None)
    for token in sentence:
        text = token.text
        if open_at_start and token.i == first and text in QUOTE_MARKS:
            continue  # the quotation opened again at a new paragraph
        if open_at is None and (text in _OPENING or text == '"'):
            open_at = token.i
        elif open_at is not None and (text in _CLOSING or text == '"'):
            inside.update(range(open_at + 1, token.i))
            open_at = None
    if open_at is not None:
        inside.update(range(open_at + 1, sentence.end))
    return inside


def _unquoted(text: str, open_at_start: bool) -> str:
    """The sentence with the words inside quotation marks blanked out (the marks kept), for the worded
    fallbacks: a verb inside a quotation is the quoted speaker's own."""
    out, inside = [], open_at_start
    if open_at_start and text.lstrip()[:1] in QUOTE_MARKS:  # opened again at a new paragraph
        cut = len(text) - len(text.lstrip()) + 1
        out, text = list(text[:cut]), text[cut:]
    for c in text:
        if c in DOUBLE_OPENING or c in DOUBLE_CLOSING or c == '"':
            inside = open_after(c, inside)
            out.append(c)
        else:
            out.append(" " if inside and not c.isspace() else c)
    return "".join(out)


_PASSIVE_DEPS = {"nsubjpass", "nsubj:pass", "auxpass", "aux:pass"}


# Named-entity labels of organisations and people in the language models (English, French).
_SOURCE_LABELS = ("ORG", "PERSON", "PER")


def _named_source(sentence, named_actor: str) -> str:
    """The one organisation or person a sentence names outside quotation marks, when it names exactly one
    that is not the armed actor it tells of; '' otherwise."""
    if sentence is None:
        return ""
    quoted = _quoted(sentence, False)
    actor = named_actor.lower().split(":")[0].strip()
    names = {e.text.strip() for e in sentence.ents if e.label_ in _SOURCE_LABELS and e.start not in quoted
             and not (actor and (e.text.lower() in actor or actor in e.text.lower()))
             and len(e.text.split()) <= MAX_SOURCE_WORDS}
    return names.pop() if len(names) == 1 else ""


def _parsed_speaker(sentence, lex: Lexicon, open_at_start: bool = False) -> str:
    """The subject of the sentence's reporting verb, or the object of 'according to', from the parse."""
    if sentence is None:
        return ""
    verbs = lex.words("claims", "reporting_lemmas")
    relatives = lex.words("claims", "relative_pronouns")
    sources = {w.lower() for w in lex.items("claims", "source_prepositions")}
    days = lex.words("dates", "weekdays")

    def depth(token) -> int:
        n = 0
        while token.head.i != token.i and n < 50:
            token, n = token.head, n + 1
        return n

    quoted = _quoted(sentence, open_at_start)
    # the reporting verb nearest the root speaks for the sentence: '"We counted twelve", a resident told'; a
    # verb inside the quotation is the quoted speaker's own
    # a verb the tagger took for an adverb ('évoquent') still reports when it has a subject
    for token in sorted((t for t in sentence if t.lemma_.lower() in verbs and t.i not in quoted
                         and (t.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in t.children))), key=depth):
        if token.dep_ in ("acl", "acl:relcl", "relcl") \
                and not any(c.dep_ == "nsubj" and c.lower_ in relatives for c in token.children):
            continue  # 'a toll higher than the one announced by the minister': said of a noun, not by the speaker
        if any(c.dep_ in _PASSIVE_DEPS or c.dep_ in ("agent", "obl:agent") for c in token.children):
            # 'ten deaths were reported by the ministry': the agent speaks, the subject is what is said
            agents = [c for c in token.children if c.dep_ in ("agent", "obl:agent") and c.i not in quoted]
            agents = [o for a in agents for o in ([c for c in a.children if c.dep_ == "pobj"] or [a])]
            if agents:
                return _phrase(agents[0], relatives, days)
            continue
        # a verbless quotation the parser hung on the verb as a second subject is not the speaker
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj") and c.i not in quoted]
        if not subjects:
            # '…", a indiqué une source sécuritaire': an inverted subject the parser read as an object
            before = [t for t in sentence if t.i < token.i][-3:]
            if any(t.text in _STOPS for t in before):
                # 'a affirmé un des responsables': a pronoun heading a phrase of its own is one too
                subjects = [c for c in token.children if c.dep_ in ("obj", "dobj") and c.i > token.i
                            and (c.pos_ in ("NOUN", "PROPN") or (c.pos_ == "PRON" and any(c.children)))]
        if not subjects and token.dep_ in ("conj", "xcomp") and token.head.lemma_.lower() in verbs:
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ in relatives and token.dep_ in ("relcl", "acl:relcl", "acl"):
            subjects = [token.head]  # '…, who said': the one the clause is about
        if subjects:
            # 'Gunmen killed 52 people in two villages, local officials said': a parser that hangs the told
            # clause's subject on the verb as well gives it two; the speaker is the one beside the verb
            return _phrase(min(subjects, key=lambda c: abs(c.i - token.i)), relatives, days)
    for token in sentence:
        if token.i in quoted:
            continue
        # "according to X" (English: a two-word preposition), "selon X" (French: the noun's case marker)
        head_words = f"{token.head.lower_} {token.lower_}" if token.dep_ in ("prep", "pcomp") else token.lower_
        if token.lower_ in sources or head_words in sources:
            objects = [c for c in token.children if c.dep_ in ("pobj", "obj")]
            if objects:
                return _phrase(objects[0], relatives, days)
        if token.dep_ == "case" and token.lower_ in sources:
            return _phrase(token.head, relatives, days)
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
    m = lex.regex("claims", "said_inverted", re.I | re.X).search(sentence)
    if m:
        return m["who"].strip()
    m = lex.regex("claims", "subject_says", re.X).search(sentence)
    if m:
        return m["who"].strip(" ,")
    return ""


def _claimant(text: str, parsed, previous: str, lex: Lexicon, open_at_start: bool = False) -> str:
    quoted = open_at_start or any(c in text for c in QUOTE_MARKS)
    plain = _unquoted(text, open_at_start) if quoted else text  # the words outside quotation marks
    m = lex.regex("claims", "gerund_source", re.I | re.X).search(plain)
    if m:
        return m["who"].strip()  # 'by cross-checking the sources, we count …': the sources, not 'we'
    opening = lex.regex("claims", "according_to").match(plain.lstrip())
    if opening:
        return opening["who"].strip()  # 'According to a resident, …' opens on its source: no parse needed
    who = _parsed_speaker(parsed, lex, open_at_start) or _worded_speaker(plain, previous, lex)
    if who and who.lower() in lex.words("claims", "pronouns"):
        m = lex.regex("claims", "topic_then_pronoun").search(plain)
        if m:
            return m["who"].strip()  # 'As for the governor, he said': the one put first
        return previous or who  # "he said": the one named before
    return who


# A quotation running on over more sentences than this is a stray mark, not one speaker's words.
MAX_QUOTED_SENTENCES = 6
MAX_SOURCE_WORDS = 8


def _quote_states(sentences: list[Span], text: str) -> list[tuple[bool, bool]]:
    """(open at its start, open at its end) for each sentence: a quotation may run over several sentences of
    a paragraph ('"There was an attack. Two died," a source said.'), never past the paragraph's end."""
    states: list[tuple[bool, bool]] = []
    inside, run = False, 0
    for n, sentence in enumerate(sentences):
        words = sentence.text
        if n and _new_paragraph(sentences[n - 1], sentence, text):
            # a quotation going on into the next paragraph opens it again and closes only at its end
            if inside and words.lstrip()[:1] in QUOTE_MARKS:
                words = words.lstrip()[1:]
            else:
                inside = False
        run = run + 1 if inside else 0
        if run > MAX_QUOTED_SENTENCES:
            inside, run = False, 0
        end = open_after(words, inside)
        states.append((inside, end))
        inside = end
    return states


def _new_paragraph(previous: Span, sentence: Span, text: str) -> bool:
    """Whether a paragraph ends between two sentences (a sentence's span may keep the line breaks after it)."""
    return "\n" in previous.text.rstrip(" ")[-2:] or bool(text) and "\n" in text[previous.end:sentence.start]


@lru_cache(maxsize=8)
def _claimant_words(lex: Lexicon) -> re.Pattern:
    """Any word that tells who a claimant is (officials, the military, local voices, parties)."""
    parts = [lex.fragment("claims", f"claimant_{kind}") for kind in ("official", "military", "local", "party")]
    return re.compile(r"\b(?:" + "|".join(p for p in parts if p) + r")\b", re.I)


def _names_someone(name: str, lex: Lexicon) -> bool:
    """Words that can be a source ('the UN', 'les habitants'), not any noun before 'of' ('the deaths of 12')."""
    words = name.split()
    if not words or len(words) > MAX_SOURCE_WORDS:
        return False
    return bool(re.search(r"(?:^|\s|['’])[^\W\d_]", name) and re.search(r"(?:^|\s|['’])[A-ZÀ-Ý]", name)) \
        or bool(_claimant_words(lex).search(name))


def _figure_sources(sentence: Span, figures: list, lex: Lexicon) -> list[tuple[str, list, Span]]:
    """(source, figures, span) for the casualty figures of a sentence that name their own source: 'the minister
    spoke of 11 dead, the UN of 14' (the verb left out), '…, but for the opposition, 23 died' (the source put
    first), '12 dead according to the army' or 'the toll of 15 given by residents' (the source after)."""
    text = sentence.text
    figs = sorted(figures, key=lambda f: f.span.start)
    before = lex.regexes("claims", "figure_source_before")
    after = lex.regexes("claims", "figure_source_after")
    out: list[tuple[str, list, Span]] = []
    for k, figure in enumerate(figs):
        start, end = figure.span.start - sentence.start, figure.span.end - sentence.start
        if not 0 <= start < end <= len(text):
            continue
        region_start = max(0, figs[k - 1].span.end - sentence.start) if k else 0
        region_end = figs[k + 1].span.start - sentence.start if k + 1 < len(figs) else len(text)
        who, a, b = "", start, end
        if k:  # the first figure's words before it are the sentence's own speaker's
            head = text[region_start:start]
            for rx in before:
                m = rx.search(head)
                if m:
                    name = (m.groupdict().get("gapped") or m.groupdict().get("fronted") or "").strip(" ,")
                    if _names_someone(name, lex):
                        who, a = name, region_start + m.start()
                    break
        if not who:
            tail = text[end:max(end, region_end)]
            for rx in after:
                m = rx.search(tail)
                if m and _names_someone(m["who"], lex):
                    who, b = m["who"].strip(), end + m.end()
                    break
        if who:
            out.append((who, [figure], Span(sentence.start + a, sentence.start + b, text[a:b])))
    return out


def _head_of(parsed, end: int):
    """The tokens of a parsed sentence before a document offset (None without a parse)."""
    if parsed is None:
        return None
    tokens = [t for t in parsed if t.idx < end]
    return parsed[:len(tokens)] if tokens else None


def _value(figures: list) -> dict:
    if not figures:
        return {}
    low, _, best, high = acled_fatalities(figures)
    return {"low": low, "best": best, "high": high,
            "figures": [{"value": f.value, "group": f.group, "vague": f.vague, "text": f.span.text} for f in figures]}


def _same_speaker(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return a == b or (len(a) > 3 and a in b) or (len(b) > 3 and b in a)


def _quotation_speaker(n: int, sentences: list[Span], states: list[tuple[bool, bool]], parsed: dict,
                       previous: str, lex: Lexicon, continues: bool = False) -> str:
    """Who speaks a quotation that opens in sentence `n` and runs on: the one named after it closes ('…,"
    a source said'), else the one named before it opens ('A source said: "…'), else, when it `continues`
    right after a sentence that named its speaker, that speaker ('A source spoke of eight dead. "Others are
    missing…"')."""
    j = n + 1
    while j < len(sentences) and states[j][0] and states[j][1]:
        j += 1
    if j < len(sentences) and states[j][0]:
        closing = sentences[j]
        who = _claimant(closing.text, parsed.get(closing.start), previous, lex, open_at_start=True)
        if who:
            return who
    opening = sentences[n]
    return _claimant(opening.text, parsed.get(opening.start), previous, lex, open_at_start=states[n][0]) \
        or (previous if continues else "")


def find_claims(doc_id: str, sentences: list[Span], source: str, actor_names_in: dict[int, str],
                lex: Lexicon | None = None, parsed: dict[int, object] | None = None, text: str = "",
                figures_in: dict[int, list[FatalityFigure]] | None = None) -> list[Claim]:
    """Claims in the given sentences. `actor_names_in` maps a sentence start to the actor it names first,
    so "JNIM was quick to claim credit" is JNIM's claim and "It also said ..." is still JNIM's. `parsed` maps
    a sentence start to its spaCy span, for reading the speaker from the grammar; `text` (the document's) tells
    where paragraphs end, which no quotation runs past; `figures_in` the casualty figures the event stage
    already read in each sentence (by its start), not read again.

    A sentence inside a quotation that runs over several sentences is the quotation's speaker's; a figure that
    names its own source ('…, the UN of 14') is a claim of that source too; a sentence that is only its
    source ('According to the agency.') gives the sentence before it that source."""
    lex = lex or get_lexicon()
    parsed = parsed or {}
    cues = _status_cues(lex)
    figures_in = figures_in or {}

    def figures_of(sentence: Span) -> list[FatalityFigure]:
        known = figures_in.get(sentence.start)
        return known if known is not None else find_fatalities(sentence.text, sentence.start, lex)[0]
    states = _quote_states(sentences, text)
    only_source = lex.regex("claims", "attribution_only")
    anaphoric = lex.regex("claims", "anaphoric_claimant")
    pronouns = lex.words("claims", "pronouns")
    no_speaker = lex.regex("claims", "no_speaker")
    claims: list[Claim] = []
    first_claim_of: dict[int, int] = {}  # sentence number -> its first claim's place in `claims`
    named_speaker: set[int] = set()  # sentences whose claim names its speaker
    previous = ""  # the last one named as saying something: "he", "it" in the next sentences
    last_actor = ""  # the last actor the sentences before named: "this group" in the next
    run_speaker = ""  # the speaker of a quotation running over several sentences
    for n, sentence in enumerate(sentences):
        open_start, open_end = states[n]
        named_actor = actor_names_in.get(sentence.start, "")
        m = only_source.match(sentence.text.strip())
        if m and n > 0 and n - 1 not in named_speaker:
            who = m["who"].strip()
            if n - 1 in first_claim_of:
                claims[first_claim_of[n - 1]].claimant = who
            else:
                before = sentences[n - 1]
                figures = figures_of(before)
                first_claim_of[n - 1] = len(claims)
                claims.append(Claim(doc_id=doc_id, claimant=who, text=before.text, status="reported",
                                    kind="fatalities" if figures else "statement", value=_value(figures),
                                    evidence=before))
            named_speaker.add(n - 1)
        opens = sentence.text.lstrip()[:1] in QUOTE_MARKS
        continues = opens and n - 1 in named_speaker and not _new_paragraph(sentences[n - 1], sentence, text)
        if open_end and not open_start:
            run_speaker = _quotation_speaker(n, sentences, states, parsed, previous, lex, continues)
        elif continues and not open_start and sentence.text.rstrip()[-1:] in QUOTE_MARKS | {".", "!", "?"} \
                and _unquoted(sentence.text, False).strip(' "«»“”.!?') == "":
            run_speaker = previous  # a whole sentence quoted, right after its speaker's sentence
        in_quotation = bool(run_speaker)
        status = kind = ""
        for pattern, st, kd in cues:
            if pattern.search(sentence.text):
                status, kind = st, kd
                break
        if not status and in_quotation and any(c.isalnum() for c in sentence.text):  # not a lone closing mark
            status, kind = "reported", "statement"
        if not status:
            previous = named_actor or previous
            last_actor = named_actor or last_actor
            if not open_end:
                run_speaker = ""
            continue
        explicit = _claimant(sentence.text, parsed.get(sentence.start), previous, lex, open_start)
        if explicit and no_speaker.match(explicit):
            explicit = ""  # 'no group has claimed the attack', 'the toll': the subject names no speaker
        if not explicit and in_quotation:
            explicit = run_speaker
        resolved = False
        if explicit and last_actor and anaphoric.match(explicit):
            explicit, resolved = last_actor, True  # "this group": the actor named before
        if explicit:
            who = explicit
        elif kind in ("responsibility", "accusation") or status in ("claimed", "denied"):
            who = named_actor or previous or source or "the report"  # "JNIM claimed ...": the actor speaks
        else:
            # "are known to be", "reportedly": the outlet's own word, unless the sentence names an organisation
            # or a person the grammar did not tie to a verb ('the toll stands at 30, Amnesty International')
            who = source or _named_source(parsed.get(sentence.start), named_actor) or "the report"
            if lex.regex("claims", "toll_not_source").match(who):
                who = "the report"  # 'Bilan provisoire côté ami : …' opens on the toll, no organisation
        if not resolved and named_actor and who and named_actor.lower().split(":")[0] in who.lower():
            who = named_actor
        speaker_named = explicit and explicit.lower() not in pronouns
        if speaker_named:
            named_speaker.add(n)
        previous = who if speaker_named else (named_actor or previous)
        last_actor = named_actor or last_actor
        if not open_end:
            run_speaker = ""
        figures = figures_of(sentence)
        sourced = _figure_sources(sentence, figures, lex)
        later = next((span for w, _f, span in sourced if explicit and _same_speaker(w, who)), None)
        if later is not None:
            # 'the government spoke of 12 dead, while residents speak of 40': the speaker read is the later
            # clause's, which gives its own figure; the sentence's own speaker is in the words before it
            who = _claimant(sentence.text[:later.start - sentence.start], _head_of(parsed.get(sentence.start),
                            later.start), previous, lex, open_start) or source or "the report"
        own = [(w, f, span) for w, f, span in sourced if not _same_speaker(w, who)]
        theirs = {id(f) for _, fs, _ in own for f in fs}
        mine = [f for f in figures if id(f) not in theirs]
        if figures:
            kind = "fatalities" if kind == "statement" else kind
        first_claim_of[n] = len(claims)
        claims.append(Claim(doc_id=doc_id, claimant=who, text=sentence.text, status=status, kind=kind,
                            value=_value(mine), evidence=sentence))
        for other, figs, span in own:
            claims.append(Claim(doc_id=doc_id, claimant=other, text=span.text, status=status, kind="fatalities",
                                value=_value(figs), evidence=span))
    return claims
