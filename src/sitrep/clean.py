"""Cleaning: drop scraped boilerplate and repeated blocks, normalise quotes and whitespace, and keep a map
from every character of the clean text back to the raw text (so evidence can be shown in the original).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Lines that are site furniture, not reporting. Matched against a stripped line, case-insensitively.
_BOILERPLATE_LINES = [
    r"exit mobile version",
    r"(share|share this|share on|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit)"
    r"(\s*[|/•·,]\s*(share|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit|x))*:?",
    r"(click|tap) here.*",
    r"(subscribe|sign up)( now| today)?( to| for)?.{0,60}(newsletter|updates|alerts)?\.?",
    r"advertisement|sponsored( content)?|ad",
    r"(read|see) (more|also)\s*:?.{0,120}",
    r"related( articles| stories| posts)?\s*:?",
    r"(you may also like|recommended for you|most read|trending now|popular now)\s*:?",
    r"(all rights reserved|copyright ©?|©).{0,120}",
    r"(we use cookies|this (web)?site uses cookies).*",
    r"(skip to (main )?content|toggle navigation|main menu|menu|search|home|close)",
    r"(follow us|join us) on.{0,80}",
    r"(loading|please wait)\.*",
    r"(photo|image|file photo) ?(credit)?:\s*.{0,80}",
]
_BOILERPLATE_RE = re.compile(r"^(?:" + "|".join(_BOILERPLATE_LINES) + r")$", re.IGNORECASE)

# A header whose following block is a tag cloud ("Topics:" then a run of names).
_TAG_HEADER_RE = re.compile(r"^(issues|topics|tags|tagged|keywords|categories|filed under)\s*:.*$",
                            re.IGNORECASE)

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u200b": " ",
})

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


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


def _blocks(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the raw text."""
    out = []
    for m in re.finditer(r"[^\n]+", raw):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _sentences(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    for m in _SENTENCE_END.finditer(raw, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if raw[a:b].strip()]


def clean_text(raw: str) -> Cleaned:
    """The reporting in `raw`, without boilerplate or repeats, with an offset map back to `raw`."""
    kept: list[list[tuple[int, int]]] = []  # per kept block: its kept sentence spans
    dropped: list[str] = []
    seen_blocks: set[str] = set()
    seen_sentences: set[str] = set()
    in_tag_section = False
    for start, end in _blocks(raw):
        line = raw[start:end].strip()
        key = _norm_key(line)
        if _TAG_HEADER_RE.match(line):
            in_tag_section = True
            dropped.append(f"tag header: {line[:40]}")
            continue
        if in_tag_section and _is_tag_cloud(line):
            dropped.append(f"tag cloud: {line[:40]}")
            continue
        in_tag_section = False
        if not key or _BOILERPLATE_RE.match(line.translate(_QUOTES)):
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
