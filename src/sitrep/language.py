"""Language identification by function-word profiles and scripts.

Small and deterministic on purpose: news paragraphs carry plenty of function words, and the languages
that matter for the Sahel's press (English, French, Arabic) are far apart. The function words live in each
language's `data/lexicons/<language>/language.yaml`. Returns ISO 639-1 codes, or
"und" when there is too little text to say.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from sitrep.lexicon import get_lexicon, languages


@cache
def _function_words() -> dict[str, frozenset[str]]:
    """Each language's function words, from its `language.yaml` (a new folder is a new language)."""
    return {lang: get_lexicon(lang).words("language", "function_words") for lang in languages()}


@cache
def supported() -> frozenset[str]:
    """Languages the extraction stages read: those whose lexicon names a spaCy model."""
    return frozenset(lang for lang in languages() if get_lexicon(lang).model)


_SCRIPTS = {"ARABIC": "ar", "CYRILLIC": "ru", "HEBREW": "he", "CJK": "zh", "HIRAGANA": "ja",
            "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi", "THAI": "th", "ETHIOPIC": "am"}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _script_of(ch: str) -> str | None:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for key, lang in _SCRIPTS.items():
        if name.startswith(key):
            return lang
    return None


def detect_language(text: str, sample_chars: int = 4000) -> str:
    """The most likely language of `text` (ISO 639-1), or "und"."""
    sample = text[:sample_chars]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 12:
        return "und"
    script_counts: dict[str, int] = {}
    for ch in letters:
        if ord(ch) > 0x24F:
            lang = _script_of(ch)
            if lang:
                script_counts[lang] = script_counts.get(lang, 0) + 1
    if script_counts:
        lang, count = max(script_counts.items(), key=lambda kv: kv[1])
        if count > 0.4 * len(letters):
            return lang
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "und"
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _function_words().items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, best_score), (_, second_score) = ranked[0], ranked[1]
    # Short texts share many small words across languages ("a", "de", "na"): demand a clear margin.
    if best_score < 2 or best_score < 1.5 * second_score:
        return "und"
    if best not in supported() and len(words) < SHORT_WORDS and best_score < SURE_SCORE:
        # A headline's two or three small words ("in", "al" of "Al-Qaeda") say too little to set it aside as a
        # language sitrep does not read: the reader then picks among its own languages.
        return "und"
    return best


# A text this short (in words) needs this many function words to be judged a language sitrep does not read.
SHORT_WORDS = 30
SURE_SCORE = 4


def likely_language(text: str, among: list[str], sample_chars: int = 4000) -> str:
    """Of the languages `among`, the one whose function words `text` uses most, or "und" on a tie.

    A weaker guess than `detect_language`, for a short text it could not identify when only a few languages
    are in question (a headline shares "de", "la", "un" with Spanish, but not with English)."""
    vocab = _function_words()
    words = [w.lower() for w in _WORD.findall(text[:sample_chars])]
    scores = sorted(((sum(1 for w in words if w in vocab.get(lang, ())), lang) for lang in among), reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return "und"
    return scores[0][1]
