"""What recognition reads words with: the `places` entries of the document language's lexicon
(`data/lexicons/<language>/places.yaml`), the names that are the same in every language (`data/names/`), and
the words of the language itself (the lemma index of its spaCy model).

Every function takes the lexicon (None: the default language's) and caches what it derives per lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.places.names import name_key

STAGE = "places"


def lexicon(lex: Lexicon | None) -> Lexicon:
    return lex if lex is not None else get_lexicon()


def pattern(lex: Lexicon | None, name: str, flags: int = re.I) -> re.Pattern:
    """An entry of `places.yaml` compiled (case-insensitive unless `flags` says otherwise)."""
    return lexicon(lex).regex(STAGE, name, flags)


@lru_cache(maxsize=256)
def _words(lex: Lexicon, name: str) -> frozenset[str]:
    return lex.words(STAGE, name)


def words(lex: Lexicon | None, name: str) -> frozenset[str]:
    """A word list of `places.yaml`, lower-case, as tokens are compared with it."""
    return _words(lexicon(lex), name)


@lru_cache(maxsize=64)
def _keys(lex: Lexicon, name: str) -> frozenset[str]:
    return frozenset(name_key(str(w)) for w in lex.items(STAGE, name) if str(w).strip())


def keys(lex: Lexicon | None, name: str) -> frozenset[str]:
    """A word list of `places.yaml` as name keys (no accents), as name keys are compared with it."""
    return _keys(lexicon(lex), name)


def setting(lex: Lexicon | None, name: str) -> str:
    """A one-word entry of `places.yaml` that says how the language writes something."""
    return str(lexicon(lex).entry(STAGE, name) or "").strip()


@lru_cache(maxsize=256)
def _table(lex: Lexicon, name: str) -> dict:
    return {str(k): v for k, v in lex.table(STAGE, name).items()}


def table(lex: Lexicon | None, name: str) -> dict:
    """A table of `places.yaml`, in the file's order (keys as strings)."""
    return _table(lexicon(lex), name)


def stop_names(lex: Lexicon | None = None) -> frozenset[str]:
    """Capitalised common words that are place names somewhere: a place only when spaCy says so."""
    return keys(lex, "stop_names")


# ---------------------------------------------------------------------------------------- names, any language

@lru_cache(maxsize=8)
def name_list(filename: str) -> frozenset[str]:
    """Name keys of a list of `data/names/` (one a line, '#' starts a comment)."""
    path = DATA_DIR / "names" / filename
    keys = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                keys.add(name_key(line))
    return frozenset(keys)


def given_names() -> frozenset[str]:
    """Common given names: a place name right after one is a surname ('Michael Jordan')."""
    return name_list("given_names.txt")


def village_qualifiers() -> frozenset[str]:
    """Community names written with a village's name ('Naye Dogon', 'Tagourou-Peulh')."""
    return name_list("village_qualifiers.txt")


def surnames() -> frozenset[str]:
    """Common surnames that are also place names ('Clinton', 'Greer'): a place unless marked as a person."""
    return name_list("surnames.txt")


# ---------------------------------------------------------------------------------------- the language's words

def _without_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def _model_words(model: str) -> frozenset[str]:
    """Nouns, verbs, adjectives and adverbs of a spaCy model's lemma index (English: WordNet's; French:
    Lefff's), lower-case, with and without accents (name keys have none)."""
    try:
        import spacy.util
        from spacy.lookups import Lookups

        folder = next(spacy.util.get_package_path(model).glob("**/lemmatizer/lookups"))
        index = Lookups().from_disk(folder).get_table("lemma_index")
        found = {w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, [])}
        return frozenset(found | {_without_accents(w) for w in found})
    except Exception:  # a model without that table: no word is known, nothing is dropped
        return frozenset()


def language_words(lex: Lexicon | None = None) -> frozenset[str]:
    """The words of the lexicon's language, from its spaCy model."""
    return _model_words(lexicon(lex).model)


def common_word(key: str, lex: Lexicon | None = None) -> bool:
    """Is every word of this name key a common word of the language ('palace', 'exchange', 'seven')?"""
    known = language_words(lex)
    return all(word in known for word in key.split())
