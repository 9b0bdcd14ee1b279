"""Numbers as news writes them: digits, words (through text2num: "twenty-three", "vingt-quatre"), and vague
quantities mapped by ACLED's conventions ("dozens" 12, "une vingtaine" 20, "several" 10, "a few" 3).

The words are the lexicon's (`data/lexicons/<language>/numbers.yaml`): `number` is the pattern of a written
number other stages compose theirs with, `vague_quantities` the table of vague figures (its keys, as a
fragment, match the phrases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.lexicon import Lexicon, get_lexicon

# "sept (07)", "huit (8)": a number repeated in digits; the digits settle it
_REPEATED_IN_DIGITS = re.compile(r"(?P<words>.+?)\s*\((?P<digits>\d+)\)")


@dataclass
class Quantity:
    value: int
    vague: bool
    text: str


def parse_number(text: str, lex: Lexicon | None = None) -> int | None:
    """'23' -> 23, 'twenty-three' -> 23, '1,200' -> 1200 (French: '1 200', 'vingt-quatre'); None if it is
    not a number."""
    lex = lex or get_lexicon()
    t = text.strip().lower()
    if not t:
        return None
    if repeated := _REPEATED_IN_DIGITS.fullmatch(t):
        return int(repeated["digits"])
    if lex.regex("numbers", "digits").fullmatch(t):
        return int(re.sub(r"\D", "", t))  # thousands separators out
    words = lex.table("numbers", "word_numbers")
    if t in words:
        return int(words[t])
    language = lex.entry("numbers", "text2num_language")
    if not language:
        return None
    try:
        from text_to_num import text2num

        return int(text2num(lex.regex("numbers", "number_filler").sub(" ", t), str(language)))
    except (ValueError, ImportError):
        return None


def parse_quantity(text: str, lex: Lexicon | None = None) -> Quantity | None:
    """A number or a vague figure ('dozens' 12, 'une dizaine' 10) as ACLED counts it; None if neither."""
    lex = lex or get_lexicon()
    t = text.strip().lower()
    vague = lex.table("numbers", "vague_quantities")
    if t in vague:
        return Quantity(int(vague[t]), True, text)
    n = parse_number(t, lex)
    return Quantity(n, False, text) if n is not None else None
