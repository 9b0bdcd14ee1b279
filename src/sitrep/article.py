"""The layout of a news article: its dateline, places named as an organisation's base, background sentences.

A report tells its news in the headline and lede and elaborates it below; it also names where the reporter
filed from ("BAMAKO –"), where an organisation sits ("a Dakar-based group") and what happened long before
("the insurgency, which began in 2012"). None of those is where or when the news happened. The words come
from the document's lexicon (`data/lexicons/<language>/article.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.lexicon import Lexicon
from sitrep.records import PlaceMention, Span

# How far into a text its dateline may stand: after a headline, a byline and a date line, not deeper.
DATELINE_WINDOW = 1200


def dateline(text: str, lex: Lexicon) -> Span | None:
    """The place of the report's dateline, when its first body lines open with one."""
    m = _dateline_match(text, lex)
    return Span(m.start("place"), m.end("place"), m["place"]) if m else None


def dateline_span(text: str, lex: Lexicon) -> tuple[int, int] | None:
    """Where the whole dateline stands ('NIAMEY, 21 February 2024 -'): a date in it is the report's own."""
    m = _dateline_match(text, lex)
    return (m.start("place"), m.end()) if m else None


def _dateline_match(text: str, lex: Lexicon) -> re.Match | None:
    pattern = lex.regex("article", "dateline", re.X | re.M)
    for m in pattern.finditer(text[:DATELINE_WINDOW]):
        line_end = text.find("\n", m.end())
        line = text[m.end():line_end if line_end >= 0 else len(text)]
        # A dateline opens a paragraph of prose, not a menu item or a headline ('Mali: soldiers accused of
        # killing civilians', a kicker with no full stop, before the real 'BAMAKO —').
        if len(line.split()) >= 8 and (line.rstrip().endswith((".", "!", "?", '"', "»", "”")) or ". " in line):
            return m
    return None


def _is_base(text: str, mention: PlaceMention, lex: Lexicon) -> bool:
    after = text[mention.span.end:mention.span.end + 20]
    before = text[max(0, mention.span.start - 30):mention.span.start]
    return bool(lex.regex("article", "base_after").search(after) or lex.regex("article", "base_before").search(before))


def mark_incidental_places(text: str, places: list[PlaceMention], lex: Lexicon) -> list[PlaceMention]:
    """Places named where the reporter filed from or where an organisation is based: they keep their
    mention (they tell the document's country) but locate an event only when nothing else does."""
    line = dateline(text, lex)
    out = []
    for mention in places:
        if line is not None and line.start <= mention.span.start < line.end:
            mention = replace(mention, qualifier="dateline", note=(mention.note + "; the report's dateline").strip("; "))
        elif _is_base(text, mention, lex):
            mention = replace(mention, qualifier="base",
                              note=(mention.note + "; where an organisation is based").strip("; "))
        out.append(mention)
    return out


def tells_background(sentence: str, lex: Lexicon) -> bool:
    """True when a sentence tells history or totals beside the news ('since 2015', 'began in 2012')."""
    return bool(lex.regex("article", "background", re.I | re.X).search(sentence))
