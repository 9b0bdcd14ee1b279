"""Name keys: how place and actor names are compared (accents, case, punctuation and hyphens ignored), the
other keys writers use for one name, and names without their admin word ('Mopti Region' -> 'mopti')."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import yaml

from sitrep.config import DATA_DIR

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


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|ath|adh|az) (?=\w{3})")
_SHORT_FORMS = [(re.compile(r"^saint "), "st "), (re.compile(r"^st "), "saint "), (re.compile(r"^mount "), "mt "),
                (re.compile(r"^mt "), "mount "), (re.compile(r"^fort "), "ft "), (re.compile(r"^sainte "), "ste ")]


# Tamasheq names open with 'In' / 'Tin' ("the one of"), which GeoNames writes 'I-n-' / 'Ti-n-' and news
# writes 'In-', 'N'' or 'Tin-': 'I-n-Tillit' is "N'Tillit" and "In Tillit", 'Ti-n-Dersan' is 'Tin-Dersan'.
_TAMASHEQ = re.compile(r"^(?:(?P<ti>ti n |tin )|(?P<i>i n |in ))(?=\w{3})")


def variant_keys(key: str) -> list[str]:
    """Other keys news writers use for the same name: without the Arabic article ('Al Qamishli' ->
    'qamishli'), 'St'/'Saint', 'Mt'/'Mount', 'Ft'/'Fort', the Tamasheq 'I-n-' / 'In-' / "N'" forms."""
    out = []
    stripped = _ARTICLE.sub("", key)
    if stripped != key:
        out.append(stripped)
    for pattern, short in _SHORT_FORMS:
        if pattern.match(key):
            out.append(pattern.sub(short, key))
    m = _TAMASHEQ.match(key)
    if m:
        rest = key[m.end():]
        forms = ["ti n ", "tin "] if m["ti"] else ["i n ", "in ", "n"]
        out += [form + rest for form in forms if form + rest != key]
    return out


@lru_cache(maxsize=1)
def _admin_words() -> tuple[tuple[str, ...], re.Pattern]:
    """The admin words of `data/names/admin_words.yaml`, and the pattern of those opening a name key."""
    with (DATA_DIR / "names" / "admin_words.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    words = tuple(data["admin_words"])
    alternatives = "|".join(re.escape(w) for w in words if " " not in w)
    qualifiers = "|".join(re.escape(w) for w in data["qualifiers"])
    connectors = "|".join(re.escape(w) for w in data["connectors"])
    prefix = re.compile(rf"^(?:(?:(?:{qualifiers}) )?(?:{alternatives})(?: (?:{connectors}))? )+")
    return words, prefix


def strip_admin_words(name: str) -> str:
    """'Province de la Kossi' / 'Mopti Region' / 'Region of Kayes' -> 'kossi' / 'mopti' / 'kayes'."""
    words, prefix = _admin_words()
    key = prefix.sub("", name_key(name))
    for word in words:
        if key.endswith(" " + word):
            key = key[: -len(word) - 1]
    return key.strip()
