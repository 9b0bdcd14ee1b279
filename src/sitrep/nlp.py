"""spaCy, loaded once per language, with an entity ruler in front of `ner`.

The small English model mislabels Sahel names (Bamako as ORG, Mali as PERSON), so the ruler, fed by the
actor dictionary and the gazetteer, fixes the labels of the names the project knows before `ner` runs.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language

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


@lru_cache(maxsize=4)
def get_nlp(language: str = "en") -> Language:
    """The spaCy pipeline for `language`, with the project's entity ruler. Raises UnsupportedLanguage."""
    model = model_name(language)
    with _lock:
        nlp = spacy.load(model)
        nlp.add_pipe("line_breaks", before="parser")
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER",
                                                                      "overwrite_ents": True})
        # Phrase patterns match on lower-cased tokens only: tokenising them is enough, so the statistical
        # pipes before the ruler stay off while they are added (3 s saved at every start).
        with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != "entity_ruler"]):
            ruler.add_patterns(_ruler_patterns(language))
    return nlp
