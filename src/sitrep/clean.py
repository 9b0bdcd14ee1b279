"""Cleaning: drop scraped boilerplate and repeated blocks, normalise quotes and whitespace, and keep a map
from every character of the clean text back to the raw text (so evidence can be shown in the original).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from sitrep.lexicon import Lexicon, get_lexicon, languages

STAGE = "clean"  # the lexicon file of site furniture: data/lexicons/<language>/clean.yaml


@cache
def _furniture(lexicons: tuple[Lexicon, ...]) -> tuple[re.Pattern, re.Pattern]:
    """(boilerplate line, tag-cloud header) of the given languages' sites, each one pattern over all of them."""
    lines = [lex.fragment(STAGE, "boilerplate_lines") for lex in lexicons]
    headers = [lex.fragment(STAGE, "tag_header") for lex in lexicons]
    return (re.compile(r"^(?:" + "|".join(lines) + r")$", re.IGNORECASE),
            re.compile(r"^(?:" + "|".join(headers) + r")", re.IGNORECASE))


@cache
def _site_languages() -> tuple[Lexicon, ...]:
    """Every language sitrep knows the site furniture of. Cleaning runs before the language is detected, and a
    site's furniture is in the site's language, not always the article's ("Partager" around an English wire)."""
    return tuple(get_lexicon(language) for language in languages() if get_lexicon(language).has(STAGE, "tag_header"))


_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u200b": " ",
})

# A sentence ends at a full stop and a space; also where text was glued together without the space: two
# sentences ("the bombing.Colombia asked ...", not "U.S." or "Mr.Smith") or items a semicolon lists
# ("Army kills 12;#Burkina;Gunmen ...": several headlines of one record).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])"
                           r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=;)(?=[#A-Z0-9\"'«])")


@dataclass
class Cleaned:
    text: str
    runs: list[tuple[int, int, int]]  # (clean_start, raw_start, length)
    dropped: list[str]  # why each dropped block went, for the record


def _norm_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return re.sub(r"\W+", " ", text).strip()


def _is_tag_cloud(line: str) -> bool:
    """A run of names with no sentence punctuation and mostly capitalised words."""
    words = line.split()
    if len(words) < 4 or re.search(r"[.!?]\s", line + " ") and line.rstrip()[-1:] in ".!?":
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps / len(words) > 0.6


# A wiki section heading run into the text ("... the bombing.==Aftermath==One of the officers ..."): a line
# break of its own, its title a line apart.
_WIKI_HEADING = re.compile(r"={2,}([^=\n]{1,80})={2,}")


def _blocks(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the raw text (wiki headings end a line and stand apart)."""
    out = []
    for m in re.finditer(r"[^\n]+", raw):
        start = m.start()
        pieces = []
        for h in _WIKI_HEADING.finditer(m.group()):
            pieces += [(start, m.start() + h.start()), (m.start() + h.start(1), m.start() + h.end(1))]
            start = m.start() + h.end()
        pieces.append((start, m.end()))
        out += [(a, b) for a, b in pieces if raw[a:b].strip()]
    return out


def _sentences(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    for m in _SENTENCE_END.finditer(raw, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if raw[a:b].strip()]


def clean_text(raw: str, lexicons: Sequence[Lexicon] | None = None) -> Cleaned:
    """The reporting in `raw`, without boilerplate or repeats, with an offset map back to `raw`.

    Site furniture is recognised in every language sitrep knows, unless `lexicons` names the languages.
    """
    boilerplate, tag_header = _furniture(tuple(lexicons) if lexicons is not None else _site_languages())
    kept: list[list[tuple[int, int]]] = []  # per kept block: its kept sentence spans
    dropped: list[str] = []
    seen_blocks: set[str] = set()
    seen_sentences: set[str] = set()
    in_tag_section = False
    for start, end in _blocks(raw):
        line = raw[start:end].strip()
        key = _norm_key(line)
        if tag_header.match(line):
            in_tag_section = True
            dropped.append(f"tag header: {line[:40]}")
            continue
        if in_tag_section and _is_tag_cloud(line):
            dropped.append(f"tag cloud: {line[:40]}")
            continue
        in_tag_section = False
        if not key or boilerplate.match(line.translate(_QUOTES)):
            dropped.append(f"boilerplate: {line[:40]}")
            continue
        if key in seen_blocks:
            dropped.append(f"repeated block: {line[:40]}")
            continue
        seen_blocks.add(key)
        sentences = []
        for s_start, s_end in _sentences(raw, start, end):
            s_key = _norm_key(raw[s_start:s_end])
            # Only long sentences: short ones ("He said.") legitimately repeat.
            if len(s_key) > 60 and s_key in seen_sentences:
                dropped.append(f"repeated sentence: {raw[s_start:s_start + 40]}")
                continue
            seen_sentences.add(s_key)
            sentences.append((s_start, s_end))
        if sentences:
            kept.append(sentences)

    chars: list[str] = []
    origin: list[int] = []
    for block_index, sentences in enumerate(kept):
        if block_index:
            chars.extend("\n\n")
            origin.extend([sentences[0][0]] * 2)
        for sent_index, (s_start, s_end) in enumerate(sentences):
            if sent_index:
                chars.append(" ")
                origin.append(s_start)
            previous_space = True
            for i in range(s_start, s_end):
                ch = raw[i].translate(_QUOTES)
                if "\ud800" <= ch <= "\udfff":  # a lone surrogate (a JSON escape): spaCy cannot encode it
                    ch = "\ufffd"
                if ch.isspace():
                    if previous_space:
                        continue
                    ch, previous_space = " ", True
                else:
                    previous_space = False
                chars.append(ch)
                origin.append(i)
            while chars and chars[-1] == " ":
                chars.pop()
                origin.pop()
    text = "".join(chars)
    return Cleaned(text=text, runs=_runs(origin), dropped=dropped)


def _runs(origin: list[int]) -> list[tuple[int, int, int]]:
    runs: list[tuple[int, int, int]] = []
    for clean_pos, raw_pos in enumerate(origin):
        if runs:
            c, r, n = runs[-1]
            if raw_pos == r + n and clean_pos == c + n:
                runs[-1] = (c, r, n + 1)
                continue
        runs.append((clean_pos, raw_pos, 1))
    return runs
