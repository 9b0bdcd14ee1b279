"""The phrase finder: longest matches, only the lengths a first word starts, the last text's matches reused."""

import dataclasses

import pytest

from sitrep.phrases import PhraseIndex, build_index, tokenize


def _found(index: PhraseIndex, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in index.find(text)]


def test_longest_phrase_wins_among_those_sharing_a_first_word():
    index = build_index([("border guards", "short"), ("border guards of the north", "long"), ("guards", "one")])
    text = "The border guards of the north left; border guards stayed and guards slept."
    assert _found(index, text) == [("border guards of the north", "long"), ("border guards", "short"),
                                   ("guards", "one")]


def test_a_phrase_longer_than_the_rest_of_the_text_is_skipped():
    index = build_index([("river patrol boat", "boat"), ("river", "river")])
    assert _found(index, "They crossed the river patrol") == [("river", "river")]


def test_acronyms_match_only_as_written():
    index = build_index([("MNLA", "mnla")])
    assert _found(index, "the MNLA and the mnla") == [("MNLA", "mnla")]


def test_the_same_text_again_gives_the_same_matches_and_adding_a_phrase_is_seen():
    index = build_index([("army", "army")])
    text = "The army and the gendarmerie patrolled."
    assert _found(index, text) == _found(index, text) == [("army", "army")]
    index.add("gendarmerie", "gendarmerie")
    assert _found(index, text) == [("army", "army"), ("gendarmerie", "gendarmerie")]


def test_given_tokens_are_read_as_given():
    index = build_index([("army", "army")])
    text = "army army"
    assert [(m.start, m.token_start) for m in index.find(text, tokenize(text)[1:])] == [(5, 0)]


def test_matches_cannot_be_changed_by_one_of_the_stages_sharing_them():
    index = build_index([("army", "army")])
    match = next(index.find("the army"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.value = "other"  # type: ignore[misc]
