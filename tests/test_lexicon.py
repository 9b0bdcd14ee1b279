"""Words as data: every language sitrep reads has the same lexicon entries, and the loader explains mistakes."""

from __future__ import annotations

import pytest

from sitrep.events.cues import find_cues
from sitrep.language import supported
from sitrep.lexicon import LEXICON_DIR, Lexicon, LexiconError, get_lexicon

# Files read only for the language the event classifier was trained on.
ONE_LANGUAGE_FILES = {"cues_classify"}


def _stages(language: str) -> set[str]:
    return {p.stem for p in (LEXICON_DIR / language).glob("*.yaml")} - ONE_LANGUAGE_FILES


def test_english_and_french_are_read():
    assert {"en", "fr"} <= supported()
    assert "es" not in supported()  # told apart, not read: no model


@pytest.mark.parametrize("language", sorted(supported() - {"en"}))
def test_every_language_has_every_stage_and_entry_english_has(language):
    english, other = get_lexicon("en"), get_lexicon(language)
    missing_files = _stages("en") - _stages(language)
    assert not missing_files, f"{language} lacks {sorted(missing_files)}"
    for stage in _stages("en"):
        missing = set(english.stage(stage)) - set(other.stage(stage))
        assert not missing, f"{language}/{stage}.yaml lacks {sorted(missing)}"
    assert set(english.table("cues", "cues")) == set(other.table("cues", "cues"))


def test_fragments_refer_to_each_other_and_lists_become_alternations(tmp_path, monkeypatch):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "demo.yaml").write_text(
        "provenance: test\nverbs: [kill, killed]\nvictims: '\\d+ ${people}'\npeople: people\n"
        "sentence: '${verbs} ${victims}'\nempty:\nloop: '${loop}'\n")
    monkeypatch.setattr("sitrep.lexicon.LEXICON_DIR", tmp_path)
    lex = Lexicon("xx")
    assert lex.regex("demo", "sentence").search("they killed 12 people").group() == "killed 12 people"
    assert lex.regex("demo", "empty").search("anything") is None
    with pytest.raises(LexiconError, match="refers to itself"):
        lex.fragment("demo", "loop")
    with pytest.raises(LexiconError, match="no entry 'nothing'"):
        lex.entry("demo", "nothing")
    with pytest.raises(LexiconError, match="no lexicon folder"):
        Lexicon("zz")


def test_cues_come_from_the_document_language():
    french = get_lexicon("fr")
    hits = {h.cue for h in find_cues("Des assaillants ont tendu une embuscade à une patrouille des FAMa", 0, french)}
    assert {"attack"} <= hits
    assert "arrest" not in {h.cue for h in find_cues("ils ont été arrêtés par la police", 0, get_lexicon("en"))}
    assert "arrest" in {h.cue for h in find_cues("ils ont été arrêtés par la police", 0, french)}
    assert {h.cue for h in find_cues("un kamikaze s'est fait exploser au marché", 0, french)} >= {"suicide"}
    assert {h.cue for h in find_cues("les manifestants ont été dispersés à coups de gaz lacrymogène", 0, french)} \
        >= {"protest", "intervention"}


def test_no_lexicon_entry_reads_as_yes_or_no():
    """YAML reads a bare on/off/yes/no as a boolean: a word list holding 'on' would silently lose it."""
    import yaml

    def booleans(value, path):
        if isinstance(value, bool):
            yield path
        elif isinstance(value, dict):
            for key, inner in value.items():
                yield from booleans(inner, f"{path}.{key}")
        elif isinstance(value, list):
            for n, inner in enumerate(value):
                yield from booleans(inner, f"{path}[{n}]")

    found = [where for path in LEXICON_DIR.glob("*/*.yaml")
             for where in booleans(yaml.safe_load(path.read_text(encoding="utf-8")), f"{path.parent.name}/{path.name}")]
    assert not found, f"quote these words: {found}"
