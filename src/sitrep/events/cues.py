"""Event cues: the words that signal each kind of event (`data/lexicons/<language>/cues.yaml`), found in text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicon import Lexicon, get_lexicon

VIOLENT_CUES = ("suicide", "chemical", "air", "shelling", "ied", "grenade", "sexual", "abduction", "attack", "clash",
                "territory_taken", "territory_regained")
EVENT_CUES = VIOLENT_CUES + ("disrupted", "protest", "intervention", "riot", "mob", "arrest", "looting", "agreement",
                             "hq", "transfer", "change_group", "claim", "displacement")


@dataclass(frozen=True)
class CueHit:
    cue: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=8)
def _compiled(lex: Lexicon) -> tuple[dict[str, re.Pattern], dict[str, re.Pattern]]:
    cues = {name: re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)", re.I)
            for name, patterns in lex.table("cues", "cues").items()}
    negators = {name: re.compile(r"\b(?:" + pattern + r")", re.I)
                for name, pattern in lex.table("cues", "negators").items()}
    return cues, negators


def find_cues(text: str, offset: int = 0, lex: Lexicon | None = None) -> list[CueHit]:
    cues, _ = _compiled(lex or get_lexicon())
    hits = []
    for name, pattern in cues.items():
        for m in pattern.finditer(text):
            hits.append(CueHit(name, m.start() + offset, m.end() + offset, m.group()))
    hits.sort(key=lambda h: h.start)
    return hits


def find_negators(text: str, lex: Lexicon | None = None) -> set[str]:
    _, negators = _compiled(lex or get_lexicon())
    return {name for name, pattern in negators.items() if pattern.search(text)}


def cue_names(hits: list[CueHit]) -> set[str]:
    return {h.cue for h in hits}
