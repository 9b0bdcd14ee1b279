"""Name keys: how place and actor names are compared (accents, case, punctuation and hyphens ignored)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['’`ʼʻ‘]")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """'Ti-n-Zaouatène' -> 'ti n zaouatene'; "N'Tillit" -> 'ntillit'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("đ", "d")
    stripped = _APOSTROPHES.sub("", stripped.lower())
    return _NON_ALNUM.sub(" ", stripped).strip()


def compact_key(name: str) -> str:
    """The name key without spaces: 'tin zaouatene' and 'tinzaouatene' meet here."""
    return name_key(name).replace(" ", "")


def is_latin(name: str) -> bool:
    """True when every letter is Latin (alternate names in other scripts are no use for English text)."""
    for ch in name:
        if ch.isalpha() and ord(ch) > 0x24F and not (0x1E00 <= ord(ch) <= 0x1EFF):
            return False
    return True
