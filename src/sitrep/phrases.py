"""A longest-match phrase finder over word tokens (case- and accent-insensitive), with offsets.

Used for the actor dictionary, descriptor lexicons and trigger lexicons: thousands of phrases, matched
in one left-to-right pass over a text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from sitrep.places.names import name_key

T = TypeVar("T")

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# An elided article or preposition glued to the next word ("l'armée", "d'hommes armés", "l'EIGS", "d'Al-Qaïda"):
# one or two letters before the apostrophe. It is a token of its own, so the word after it matches as written.
_ELIDED = re.compile(r"([^\W_]{1,2})['’](?=[^\W_])")


@dataclass(frozen=True)
class Token:
    text: str
    key: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
            word = word[:-2]  # possessive: "Mali's" is "Mali" (its span keeps the "'s")
        elided = _ELIDED.match(word)
        if elided:
            _add_word(out, m.group(), elided.group(1), start, start + len(elided.group(1)))
            word, start = word[elided.end():], start + elided.end()
        _add_word(out, m.group(), word, start, m.end())
    return out


def _add_word(out: list[Token], text: str, word: str, start: int, end: int) -> None:
    key = name_key(word)
    # name_key may split a word in several parts: keep each part as its own token.
    for part in key.split(" ") if key else []:
        out.append(Token(text, part, start, end))


@dataclass(frozen=True)  # shared by every caller that searches the same text
class PhraseMatch(Generic[T]):
    start: int
    end: int
    text: str
    value: T
    token_start: int
    token_end: int


class PhraseIndex(Generic[T]):
    """Phrases -> values. `case_sensitive` phrases (acronyms) only match text written exactly so."""

    def __init__(self) -> None:
        self._phrases: dict[tuple[str, ...], list[tuple[T, str | None]]] = {}
        # first token -> the token counts of the phrases it starts, longest first: most positions start no
        # phrase and are skipped at once, the others try only the lengths some phrase has
        self._lengths: dict[str, list[int]] = {}
        # the matches of the last text searched: the place and actor stages both search the same text
        self._last: tuple[str, tuple[PhraseMatch[T], ...]] | None = None

    def add(self, phrase: str, value: T, case_sensitive: bool = False) -> None:
        tokens = tuple(t.key for t in tokenize(phrase))
        if not tokens:
            return
        entry = (value, phrase.strip() if case_sensitive else None)
        lengths = self._lengths.setdefault(tokens[0], [])
        if len(tokens) not in lengths:
            lengths.append(len(tokens))
            lengths.sort(reverse=True)
        entries = self._phrases.setdefault(tokens, [])
        if entry not in entries:
            entries.append(entry)
        self._last = None

    def __len__(self) -> int:
        return len(self._phrases)

    def find(self, text: str, tokens: list[Token] | None = None) -> Iterator[PhraseMatch[T]]:
        """Non-overlapping longest matches, left to right."""
        if tokens is not None:
            return iter(self._scan(text, tokens))
        last = self._last
        if last is not None and last[0] == text:
            return iter(last[1])
        matches = tuple(self._scan(text, tokenize(text)))
        self._last = (text, matches)
        return iter(matches)

    def _scan(self, text: str, tokens: list[Token]) -> list[PhraseMatch[T]]:
        keys = [t.key for t in tokens]
        out: list[PhraseMatch[T]] = []
        i, n = 0, len(keys)
        while i < n:
            matched = False
            for length in self._lengths.get(keys[i], ()):
                if length > n - i:
                    continue
                entries = self._phrases.get(tuple(keys[i:i + length]))
                if not entries:
                    continue
                start, end = tokens[i].start, tokens[i + length - 1].end
                surface = text[start:end]
                values = [v for v, exact in entries if exact is None or _same_case(surface, exact)]
                if not values:
                    continue
                out += [PhraseMatch(start, end, surface, value, i, i + length) for value in values]
                i += length
                matched = True
                break
            if not matched:
                i += 1
        return out

    def find_all(self, text: str) -> list[PhraseMatch[T]]:
        return list(self.find(text))


_POSSESSIVE_END = re.compile(r"['’][sS]$")
_NOT_LETTERS = re.compile(r"[\W_]+")


def _same_case(surface: str, phrase: str) -> bool:
    # "ISWAP's fighters": the acronym as written, its possessive ending aside
    return _NOT_LETTERS.sub("", _POSSESSIVE_END.sub("", surface)) == _NOT_LETTERS.sub("", phrase)


def build_index(pairs: Iterable[tuple[str, T]], acronym_max_len: int = 5) -> PhraseIndex[T]:
    """An index where short all-capital phrases (acronyms such as 'MSA', 'EI') are case-sensitive."""
    index: PhraseIndex[T] = PhraseIndex()
    for phrase, value in pairs:
        letters = re.sub(r"[\W_]+", "", phrase)
        acronym = bool(letters) and len(letters) <= acronym_max_len and letters.upper() == letters
        index.add(phrase, value, case_sensitive=acronym)
    return index
