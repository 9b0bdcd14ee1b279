"""The words of a language, as data: `data/lexicons/<language>/<stage>.yaml`.

Every stage takes its words (event cues, actor descriptors, claim verbs, date and number words, place
phrases, background markers) from the lexicon of the document's language, never from its own code: a
third language is a folder of these files and a spaCy model name (`data/lexicons/<language>/language.yaml`).

A file holds a `provenance:` line and named entries. An entry is a string (a regular-expression fragment), a
list of strings (words, or alternatives joined into one fragment), or a mapping (a table; as a fragment, its keys
taken literally). Fragments may use
other fragments of the same language: `${name}` is the entry `name` of the same file, `${stage.name}` an
entry of another file, both inserted as a non-capturing group. Patterns are compiled once and cached.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).parent / "data" / "lexicons"
DEFAULT_LANGUAGE = "en"  # what a text too short to identify is tried as
_REFERENCE = re.compile(r"\$\{(?P<name>[\w.]+)\}")


class LexiconError(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; people read this one
        return str(self.args[0])


class Lexicon:
    """The words of one language, stage by stage."""

    def __init__(self, language: str):
        self.language = language
        self.folder = LEXICON_DIR / language
        if not self.folder.is_dir():
            raise LexiconError(f"no lexicon folder for language {language!r} ({self.folder})")
        self._stages: dict[str, dict] = {}
        self._compiled: dict[tuple[str, str, int], re.Pattern] = {}
        self._fragments: dict[tuple[str, str], str] = {}

    def __repr__(self) -> str:
        return f"Lexicon({self.language!r})"

    # ---- raw entries
    def stage(self, stage: str) -> dict:
        if stage not in self._stages:
            path = self.folder / f"{stage}.yaml"
            if not path.is_file():
                raise LexiconError(f"{self.language}: no lexicon file {path.name} in {self.folder}")
            with path.open(encoding="utf-8") as fh:
                data = yaml.safe_load(fh) or {}
            if not isinstance(data, dict):
                raise LexiconError(f"{path}: a lexicon file is a mapping of named entries")
            self._stages[stage] = data
        return self._stages[stage]

    def has(self, stage: str, name: str) -> bool:
        try:
            return name in self.stage(stage)
        except LexiconError:
            return False

    def entry(self, stage: str, name: str):
        data = self.stage(stage)
        if name not in data:
            raise LexiconError(f"{self.folder / (stage + '.yaml')}: no entry {name!r}")
        return data[name]

    # ---- typed views
    def words(self, stage: str, name: str) -> frozenset[str]:
        """A word list as a set of lower-case words."""
        value = self.entry(stage, name) or []
        if isinstance(value, str):
            value = value.split()
        return frozenset(str(w).lower() for w in value)

    def table(self, stage: str, name: str) -> dict:
        value = self.entry(stage, name) or {}
        if not isinstance(value, dict):
            raise LexiconError(f"{self.folder / (stage + '.yaml')}: entry {name!r} is not a table")
        return value

    def items(self, stage: str, name: str) -> list:
        value = self.entry(stage, name) or []
        return list(value) if isinstance(value, list) else [value]

    def fragment(self, stage: str, name: str) -> str:
        """A regular-expression fragment with its `${...}` references filled in."""
        key = (stage, name)
        if key not in self._fragments:
            value = self.entry(stage, name)
            if value is None:
                text = r"(?!x)x"  # an entry a language leaves empty never matches
            elif isinstance(value, (list, dict)):
                # a table stands for its keys, taken literally ("a few": 3 matches "a few")
                alternatives = [str(v) for v in value] if isinstance(value, list) else [re.escape(str(k)) for k in value]
                # longest first, so "killed" does not stop "killed and wounded" matching
                text = "|".join(sorted(alternatives, key=len, reverse=True)) if alternatives else r"(?!x)x"
            else:
                text = str(value)
            self._fragments[key] = ""  # a guard against circular references
            self._fragments[key] = self._expand(text, stage, key)
        elif self._fragments[key] == "" and self.entry(stage, name):
            raise LexiconError(f"{self.language}/{stage}.yaml: entry {name!r} refers to itself")
        return self._fragments[key]

    def _expand(self, text: str, stage: str, key: tuple[str, str]) -> str:
        def fill(m: re.Match) -> str:
            ref = m["name"]
            ref_stage, ref_name = ref.split(".", 1) if "." in ref else (stage, ref)
            if (ref_stage, ref_name) == key:
                raise LexiconError(f"{self.language}/{stage}.yaml: entry {key[1]!r} refers to itself")
            return "(?:" + self.fragment(ref_stage, ref_name) + ")"

        return _REFERENCE.sub(fill, text)

    def regex(self, stage: str, name: str, flags: int = re.I) -> re.Pattern:
        """An entry compiled (case-insensitive by default); a list becomes one alternation."""
        key = (stage, name, flags)
        if key not in self._compiled:
            source = self.fragment(stage, name)
            try:
                self._compiled[key] = re.compile(source, flags)
            except re.error as exc:
                raise LexiconError(f"{self.folder / (stage + '.yaml')}: entry {name!r} is not a valid "
                                   f"regular expression: {exc}") from exc
        return self._compiled[key]

    def regexes(self, stage: str, name: str, flags: int = re.I) -> list[re.Pattern]:
        """A list entry compiled item by item (each item may use `${...}` references)."""
        out = []
        for n, item in enumerate(self.items(stage, name)):
            key = (stage, f"{name}[{n}]", flags)
            if key not in self._compiled:
                source = self._expand(str(item), stage, (stage, f"{name}[{n}]"))
                try:
                    self._compiled[key] = re.compile(source, flags)
                except re.error as exc:
                    raise LexiconError(f"{self.folder / (stage + '.yaml')}: item {n} of {name!r} is not a "
                                       f"valid regular expression: {exc}") from exc
            out.append(self._compiled[key])
        return out

    @cached_property
    def settings(self) -> dict:
        """`language.yaml`: the spaCy model and what tells this language apart."""
        return self.stage("language")

    @property
    def model(self) -> str:
        return str(self.settings.get("spacy_model") or "")


@cache
def get_lexicon(language: str = DEFAULT_LANGUAGE) -> Lexicon:
    """The lexicon of `language`, loaded once per process."""
    return Lexicon(language)


def languages() -> list[str]:
    """Languages sitrep reads: every folder of `data/lexicons` with a `language.yaml`."""
    return sorted(p.name for p in LEXICON_DIR.iterdir() if (p / "language.yaml").is_file())
