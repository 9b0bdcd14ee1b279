"""Numbers as news writes them: digits, words ("twenty-three", via text2num), and vague quantities mapped by
ACLED's conventions ("dozens" 12, "hundreds" 100, "several"/"many" 10, "a few" 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# ACLED codebook conventions for vague fatality counts.
VAGUE_QUANTITIES: dict[str, int] = {
    "dozens": 12, "dozens of": 12, "scores": 20, "scores of": 20, "hundreds": 100, "hundreds of": 100,
    "thousands": 1000, "thousands of": 1000, "tens": 10, "tens of": 10, "several": 10, "many": 10, "numerous": 10, "multiple": 10,
    "a number of": 10, "a large number of": 10, "a dozen": 12, "about a dozen": 12, "nearly a dozen": 12,
    "an unknown number of": 3, "an undetermined number of": 3, "a few": 3, "few": 3, "some": 3, "a handful of": 3, "a couple of": 2, "a couple": 2, "both": 2, "a pair of": 2,
    "plusieurs": 10, "des dizaines": 12, "une dizaine": 10, "des centaines": 100, "quelques": 3,
}

_WORD_NUMBERS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_NUMBER_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                r"ninety|hundred|thousand)")
NUMBER_PATTERN = (r"(?:\d{1,3}(?:,\d{3})+|\d+|" + _NUMBER_WORD + r"(?:[\s-]+(?:and\s+)?" + _NUMBER_WORD + r")*)")
_VAGUE_PATTERN = "|".join(sorted((re.escape(k) for k in VAGUE_QUANTITIES), key=len, reverse=True))
QUANTITY_RE = re.compile(r"\b(?P<q>" + NUMBER_PATTERN + r"|" + _VAGUE_PATTERN + r")\b", re.I)


@dataclass
class Quantity:
    value: int
    vague: bool
    text: str


def parse_number(text: str) -> int | None:
    """'23' -> 23, 'twenty-three' -> 23, '1,200' -> 1200; None if it is not a number."""
    t = text.strip().lower()
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    if t in _WORD_NUMBERS:
        return _WORD_NUMBERS[t]
    try:
        from text_to_num import text2num

        return int(text2num(t.replace(" and ", " "), "en"))
    except (ValueError, ImportError):
        return None


def parse_quantity(text: str) -> Quantity | None:
    t = text.strip().lower()
    if t in VAGUE_QUANTITIES:
        return Quantity(VAGUE_QUANTITIES[t], True, text)
    n = parse_number(t)
    return Quantity(n, False, text) if n is not None else None
