"""Language identification by function-word profiles and scripts.

Small and deterministic on purpose: news paragraphs carry plenty of function words, and the languages
that matter for the Sahel's press (English, French, Arabic) are far apart. Returns ISO 639-1 codes, or
"und" when there is too little text to say.
"""

from __future__ import annotations

import re
import unicodedata

SUPPORTED = {"en"}  # languages the extraction stages handle today; French is next

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in that is was for on with as by at from it his were are have has had "
                    "this which be said been an their they not but who a near after during while two three "
                    "killed attacked were".split()),
    "fr": frozenset("le la les de des du et en un une est dans pour que qui au aux sur par pas ont été "
                    "il elle ils se ce cette sont avec leur selon".split()),
    "es": frozenset("el la los las de del y en un una es que por para con se su sus al fue como más "
                    "pero este esta han según".split()),
    "pt": frozenset("o a os as de do da dos das e em um uma que por para com se no na nos nas foi ao "
                    "pelo pela são segundo".split()),
    "de": frozenset("der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als "
                    "auch es an wurde werden nach".split()),
    "it": frozenset("il lo la i gli le di del della e in un una che per con non sono è da al nel alla "
                    "dei delle secondo".split()),
}

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
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _FUNCTION_WORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, best_score), (_, second_score) = ranked[0], ranked[1]
    # Short texts share many small words across languages ("a", "de", "na"): demand a clear margin.
    if best_score < 2 or best_score < 1.5 * second_score:
        return "und"
    return best
