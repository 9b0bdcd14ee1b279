"""Quotation marks: whether a quotation is open after a stretch of text. Dates read a 'today' said inside a
quotation from the statement's day; claims give a quotation running over several sentences to one speaker.
Typographic marks are the same in every language sitrep reads, so they live here, not in a lexicon.
"""

from __future__ import annotations

DOUBLE_OPENING, DOUBLE_CLOSING = "«“", "»”"
QUOTE_MARKS = {'"', "«", "»", "“", "”"}


def open_after(text: str, inside: bool = False) -> bool:
    """Whether a quotation is still open after `text`, given whether one was open before it."""
    for c in text:
        if c in DOUBLE_OPENING:
            inside = True
        elif c in DOUBLE_CLOSING:
            inside = False
        elif c == '"':
            inside = not inside
    return inside
