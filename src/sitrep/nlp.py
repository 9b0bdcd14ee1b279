"""spaCy, loaded once per language, with an entity ruler in front of `ner`.

The small English model mislabels Sahel names (Bamako as ORG, Mali as PERSON), so the ruler, fed by the
actor dictionary and the gazetteer, fixes the labels of the names the project knows before `ner` runs.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher

# Countries whose towns (population >= 1,000) the ruler labels as places.
FOCUS_COUNTRIES = ("ML", "BF", "NE", "MR", "SN", "GN", "CI", "GH", "TG", "BJ", "TD", "NG", "DZ", "LY")

_lock = threading.Lock()


class UnsupportedLanguage(ValueError):
    pass


@Language.component("line_breaks")
def line_breaks(doc):
    """A line break ends a sentence: headlines, datelines and captions stand on their own lines; none starts
    inside a word."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
        elif not token.whitespace_ and (token.text[-1:].isalnum() or token.text[-1:] == "-"):
            # a word the tokenizer cut in two ('CSP-|PSD', 'al-|Qaïda') goes on: no sentence starts inside it
            doc[i + 1].is_sent_start = False
    return doc


# A fragment the parser cut off at a closing quote (« … », a précisé X) goes on the sentence before it.
_CONTINUATION_STARTS = {",", ";", ":", ")", "»", "”", "’", "-", "–", "—"}


def sentences(doc) -> list:
    """The document's sentences, as spans: spaCy's, with the fragments it cuts off after a quotation joined
    back to the quotation ('"Two peacekeepers died" | , the mission said.' is one sentence), and a cut made
    where no punctuation ends a sentence undone."""
    out: list = []
    text = doc.text  # built anew at every access: once, not once a sentence
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), None)
        previous = out[-1] if out else None
        joins = previous is not None and first is not None and "\n" not in text[previous.end_char - 1:sent.start_char] \
            and (first.text in _CONTINUATION_STARTS or first.text[:1].islower()
                 or not any(c.isalnum() for c in previous.text)  # an opening quote cut off on its own
                 # a cut with no stop before it: a name the parser took apart ('Dan | Na | Ambassagou a attaqué')
                 or previous.text.rstrip()[-1:].isalnum())
        if joins:
            out[-1] = doc[previous.start:sent.end]
        else:
            out.append(sent)
    return out


def model_name(language: str) -> str:
    """The spaCy model a language's lexicon names (`data/lexicons/<language>/language.yaml`)."""
    from sitrep.lexicon import LexiconError, get_lexicon, languages

    try:
        model = get_lexicon(language).model
    except LexiconError:
        model = ""
    if not model:
        readable = [lang for lang in languages() if get_lexicon(lang).model]
        raise UnsupportedLanguage(f"no language model for {language!r} yet (supported: {', '.join(readable)})")
    return model


def _ruler_patterns(language: str = "") -> list[dict]:
    from sitrep.actors.dictionary import get_dictionary
    from sitrep.lexicon import DEFAULT_LANGUAGE, get_lexicon
    from sitrep.places.gazetteer import get_gazetteer, read_extra_rows

    language = language or DEFAULT_LANGUAGE
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, phrase: str) -> None:
        phrase = phrase.strip()
        acronym = phrase.isupper() and len(phrase) <= 5
        # an acronym matches as written, so "FAMA" does not stand for "FAMa" (or the other way round)
        key = (label, phrase if acronym else phrase.lower())
        if len(phrase) < 3 or key in seen:
            return
        seen.add(key)
        if acronym:
            patterns.append({"label": label, "pattern": [{"TEXT": phrase}]})
        else:
            patterns.append({"label": label, "pattern": phrase})

    dictionary = get_dictionary(language)
    description_words = get_lexicon(language).words("actors", "description_words")
    for entry in dictionary.actors.values():
        label = "NORP" if entry.kind in ("civilians", "protesters", "rioters") else "ORG"
        for name in {entry.name, entry.short, *entry.aliases}:
            # "Malian soldiers" is a description, not a name: leave it to the parser.
            if name and name[0].isupper() and not any(w in name.lower() for w in description_words):
                add(label, name)
    for row in read_extra_rows():
        label = "GPE" if row.get("feature_code", "").startswith(("PCL", "ADM", "PPL")) else "LOC"
        if row.get("feature_code") in ("AIRP", "MILB"):
            label = "FAC"
        for name in [row["name"], *(row.get("alt_names") or "").split("|")]:
            if name and name[0].isupper():
                add(label, name)
    gazetteer = get_gazetteer()
    marks = ",".join("?" * len(FOCUS_COUNTRIES))
    rows = gazetteer.db.execute(
        f"SELECT name FROM places WHERE cc IN ({marks}) AND fclass IN ('P','A') AND population >= 1000",
        FOCUS_COUNTRIES).fetchall()
    for (name,) in rows:
        add("GPE", name)
    for _cc, _a1, _a2, name in gazetteer.admin_areas():
        if _cc in FOCUS_COUNTRIES:
            add("GPE", name)
    return patterns


# Token attributes a one-token attribute-ruler pattern may test here, as the token attribute that holds them.
_TOKEN_ATTRIBUTES = {"TAG": "tag_", "POS": "pos_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
# The test a pattern's value index is built on, most selective first.
_INDEXED = ("lower_", "tag_", "pos_")


def _token_tests(spec: dict) -> list[tuple[str, str, object]] | None:
    """A one-token Matcher pattern as (token attribute, operator, value) tests, or None when it uses anything
    else (a regular expression, another attribute or operator)."""
    tests: list[tuple[str, str, object]] = []
    for key, value in spec.items():
        attribute = _TOKEN_ATTRIBUTES.get(key)
        if attribute is None:
            return None
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN") \
                    or not all(isinstance(v, str) for v in next(iter(value.values()))):
                return None
            operator, options = next(iter(value.items()))
            tests.append((attribute, operator, frozenset(options)))
        elif isinstance(value, bool) == (key == "IS_SPACE") and isinstance(value, (str, bool)):
            tests.append((attribute, "==", value))
        else:
            return None
    return tests


def _passes(token, tests: list[tuple[str, str, object]]) -> bool:
    for attribute, operator, value in tests:
        got = getattr(token, attribute)
        if (operator == "==" and got != value) or (operator == "IN" and got not in value) \
                or (operator == "NOT_IN" and got in value):
            return False
    return True


class AttributeRulerMatches:
    """`AttributeRuler.match` with the same answer, faster: spaCy's Matcher tries each of the ruler's ~180
    patterns at every token (a sixth of the English pipeline's rule-based time), whereas nearly all of them
    test one token's tag or word. Those are looked up by the token's word, tag or part of speech; the few
    others (several tokens, a regular expression) still go through a Matcher of their own."""

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        self._built_for = -1

    def _build(self) -> None:
        ruler = self.ruler
        self.by_value: dict[tuple[str, object], list[tuple[int, int, list]]] = {}
        self.unindexed: list[tuple[int, int, list]] = []
        self.others = Matcher(ruler.vocab)
        for attr_id in range(len(ruler.attrs)):
            match_id, patterns = ruler.matcher.get(str(attr_id))[:2]
            match_id = ruler.vocab.strings[str(attr_id)]
            tests = [_token_tests(p[0]) if len(p) == 1 else None for p in patterns]
            if any(t is None for t in tests):
                self.others.add(match_id, patterns)
                continue
            for one in tests:
                rule = (attr_id, match_id, one)
                equal = {attribute: value for attribute, operator, value in one if operator == "=="}
                indexed = next((a for a in _INDEXED if a in equal), None)
                if indexed is None:
                    self.unindexed.append(rule)
                else:
                    self.by_value.setdefault((indexed, equal[indexed]), []).append(rule)
        self._built_for = len(ruler.attrs)
        self._rules_of: dict[tuple, tuple[tuple[int, int], ...]] = {}  # the rules tokens alike pass

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        if self._built_for != len(self.ruler.attrs):  # patterns added since: index them again
            self._build()
        strings = self.ruler.vocab.strings
        matches = {(int(strings[m_id]), m_id, start, end)
                   for m_id, start, end in self.others(doc, allow_missing=True, as_spans=False)} if len(self.others) \
            else set()
        rules_of = self._rules_of
        for i, token in enumerate(doc):
            # the tests read only these five attributes: tokens alike pass the same rules
            alike = (token.lower_, token.tag_, token.pos_, token.dep_, token.is_space)
            passed = rules_of.get(alike)
            if passed is None:
                passed = rules_of[alike] = self._passed(token)
            matches.update((attr_id, match_id, i, i + 1) for attr_id, match_id in passed)
        return sorted(matches)  # by rule: a later rule has the last word, as in spaCy

    def _passed(self, token) -> tuple[tuple[int, int], ...]:
        if len(self._rules_of) >= 100_000:
            self._rules_of.clear()
        by_value = self.by_value
        return tuple({(attr_id, match_id): None
                      for rules in (by_value.get(("lower_", token.lower_)), by_value.get(("tag_", token.tag_)),
                                    by_value.get(("pos_", token.pos_)), self.unindexed)
                      for attr_id, match_id, tests in rules or () if _passes(token, tests)})


def _faster_attribute_ruler(nlp: Language) -> None:
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = AttributeRulerMatches(ruler)


@lru_cache(maxsize=4)
def get_nlp(language: str = "en") -> Language:
    """The spaCy pipeline for `language`, with the project's entity ruler. Raises UnsupportedLanguage."""
    model = model_name(language)
    with _lock:
        nlp = spacy.load(model)
        _faster_attribute_ruler(nlp)
        nlp.add_pipe("line_breaks", before="parser")
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER",
                                                                      "overwrite_ents": True})
        # Phrase patterns match on lower-cased tokens only: tokenising them is enough, so the statistical
        # pipes before the ruler stay off while they are added (3 s saved at every start).
        with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != "entity_ruler"]):
            ruler.add_patterns(_ruler_patterns(language))
    return nlp
