"""Event-text classifier: artefact, labels, predictions, calibration, Other threshold, evaluation, training.

The example reports below were written for these tests (invented events); none comes from an evaluation set.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from sitrep.classifier import (
    LABELS,
    OTHER,
    EventClassifier,
    Prediction,
    get_classifier,
    load_cues,
    load_model,
)
from sitrep.eval.snippets import CODE_TO_LABEL, evaluate_snippets, format_report, scores_from_pairs

# One or two unambiguous reports per family, written for this test.
EXAMPLES = [
    (
        "Two suicide bombers blew themselves up at the gate of a crowded mosque in the northern city, killing 19 worshippers.",
        "Suicide bomb",
    ),
    (
        "Unknown attackers threw a hand grenade into a bar in the border town late on Saturday, wounding seven customers.",
        "Grenade",
    ),
    (
        "A roadside bomb struck a police pickup on the highway outside the provincial capital, killing three officers.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Fighter jets bombed rebel positions in the hills overnight, the air force said, destroying several vehicles.",
        "Air/drone strike",
    ),
    (
        "Rebels fired a barrage of mortar shells and rockets at the army garrison, damaging barracks and wounding four soldiers.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Doctors said dozens of residents were choking and foaming at the mouth after a suspected sarin attack on the besieged suburb.",
        "Chemical weapon",
    ),
    (
        "Soldiers and insurgents fought a fierce gun battle for several hours near the checkpoint; casualties on both sides.",
        "Armed clash",
    ),
    (
        "Government troops recaptured the town from the jihadists after two days of fighting and raised the national flag.",
        "Government regains territory",
    ),
    (
        "Police fired tear gas and water cannon to disperse hundreds of students marching on parliament; several were detained.",
        "Protest with intervention",
    ),
    (
        "Thousands of nurses marched peacefully through the capital to demand better pay, and the rally ended without incident.",
        "Peaceful protest",
    ),
    (
        "Protesters hurled rocks at police, set tyres ablaze and smashed shop windows in the city centre.",
        "Violent demonstration",
    ),
    (
        "Gunmen raided the farming village at dawn, shooting dead 14 villagers and burning their homes.",
        "Attack",
    ),
    (
        "Armed men abducted 30 schoolgirls from their dormitory overnight and took them into the forest, officials said.",
        "Abduction/forced disappearance",
    ),
    (
        "Militiamen raped several women during the raid on the displacement camp, a UN agency said.",
        "Sexual violence",
    ),
    ("The warring parties signed a ceasefire agreement in the presence of mediators on Sunday.", "Agreement"),
    ("Police arrested the opposition leader at his home on charges of inciting violence.", "Arrests"),
    (
        "Soldiers defused two improvised explosive devices and seized a cache of rifles and ammunition in the forest.",
        "Disrupted weapons use",
    ),
    (
        "The militant group claimed responsibility for Tuesday's bombing in a statement posted online.",
        "Claim of responsibility",
    ),
    (
        "The foreign ministry expelled the ambassador and announced new sanctions after the summit collapsed.",
        "Diplomatic action",
    ),
    (
        "Police seized 2 tonnes of cocaine and arrested members of a drug trafficking cartel at the port.",
        "Organized crime",
    ),
    (
        "A magnitude 6.8 earthquake struck the mountainous region, flattening houses and killing at least 40 people.",
        "Natural disaster",
    ),
    ("A passenger bus collided with a fuel tanker on the highway, killing 22 people.", "Man-made disaster"),
]


@pytest.fixture(scope="module")
def clf() -> EventClassifier:
    return get_classifier()


def test_artefact_loads_and_is_versioned(clf):
    meta = clf.meta
    assert meta["version"]
    assert len(meta["corpus_sha256"]) == 64
    assert "params" in meta and "C" in meta["params"]
    assert 0.0 <= clf.threshold < 1.0
    assert clf.temperature > 0
    assert get_classifier() is clf  # loaded once


def test_labels_are_exactly_the_30(clf):
    assert len(LABELS) == 30 == len(set(LABELS))
    assert set(LABELS) == set(CODE_TO_LABEL.values())
    assert clf.labels == LABELS


@pytest.mark.parametrize("text,label", EXAMPLES)
def test_examples_per_family(clf, text, label):
    pred = clf.predict([text])[0]
    assert isinstance(pred, Prediction)
    assert pred.label == label, f"{text!r}: got {pred.label} ({pred.score:.2f}), expected {label}"


def test_batch_equals_single(clf):
    texts = [t for t, _ in EXAMPLES[:5]]
    batch = clf.predict(texts)
    single = [clf.predict([t])[0] for t in texts]
    for b, s in zip(batch, single, strict=True):
        assert b.label == s.label
        assert abs(b.score - s.score) < 1e-4


def test_scores_are_probabilities(clf):
    preds = clf.predict([t for t, _ in EXAMPLES])
    for p in preds:
        assert set(p.scores) == set(LABELS)
        assert abs(sum(p.scores.values()) - 1.0) < 1e-6
        assert all(0.0 <= v <= 1.0 for v in p.scores.values())
        assert p.score == pytest.approx(p.scores[p.label])


def test_threshold_sends_low_confidence_to_other(clf):
    text = EXAMPLES[0][0]
    strict = EventClassifier(clf.model)
    strict.threshold = 1.01  # nothing reaches it
    p = strict.predict([text])[0]
    assert p.label == OTHER
    assert p.top_label == "Suicide bomb"
    assert p.score == pytest.approx(p.scores[OTHER])
    lax = EventClassifier(clf.model)
    lax.threshold = 0.0
    assert lax.predict([text])[0].label == "Suicide bomb"


def test_empty_text_is_other(clf):
    assert clf.predict([""])[0].label == OTHER
    assert clf.predict([]) == []


def test_cue_lexicon_has_provenance():
    from sitrep.classifier import CUES_PATH

    assert "provenance:" in CUES_PATH.read_text(encoding="utf-8")
    cues, digest = load_cues()
    assert cues and len(digest) == 64


# ---------------------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------------------


class _Fixed:
    """A stand-in classifier returning preset labels, to check the scoring by hand."""

    def __init__(self, labels):
        self.labels = labels

    def predict(self, texts):
        return [Prediction(lab, 1.0, {lab: 1.0}) for lab in self.labels[: len(texts)]]


def test_eval_on_tiny_tsv_is_hand_checkable(tmp_path: Path):
    tsv = tmp_path / "tiny.tsv"
    tsv.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tfirst report\tARMED_CLASH\n"
        "2\tsecond report\tARMED_CLASH\n"
        "3\tthird report\tGRENADE\n"
        "4\tfourth report\tGRENADE\n"
        "5\tfifth report\tARREST\n",
        encoding="utf-8",
    )
    fixed = _Fixed(["Armed clash", "Grenade", "Grenade", "Grenade", "Armed clash"])
    r = evaluate_snippets(tsv, classifier=fixed)
    # Armed clash: P 1/2, R 1/2, F1 .5 ; Grenade: P 2/3, R 1, F1 .8 ; Arrests: F1 0
    assert r["per_label"]["Armed clash"]["f1"] == pytest.approx(0.5)
    assert r["per_label"]["Grenade"]["f1"] == pytest.approx(0.8)
    assert r["per_label"]["Arrests"]["f1"] == 0.0
    assert r["weighted_f1"] == pytest.approx((0.5 * 2 + 0.8 * 2 + 0.0) / 5)
    assert r["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert r["accuracy"] == pytest.approx(3 / 5)
    assert {(c["gold"], c["pred"], c["count"]) for c in r["confusions"]} == {
        ("Armed clash", "Grenade", 1),
        ("Arrests", "Armed clash", 1),
    }
    assert len(r["errors"]) == 2
    report = format_report(r)
    assert "weighted F1: 0.5200" in report and "Grenade" in report


def test_scores_match_sklearn():
    from sklearn.metrics import f1_score

    gold = ["A", "A", "B", "C", "C", "C", "D"]
    pred = ["A", "B", "B", "C", "A", "C", "E"]
    r = scores_from_pairs(gold, pred)
    assert r["weighted_f1"] == pytest.approx(
        f1_score(gold, pred, average="weighted", labels=sorted(set(gold)), zero_division=0)
    )
    assert r["macro_f1"] == pytest.approx(
        f1_score(gold, pred, average="macro", labels=sorted(set(gold)), zero_division=0)
    )


def test_unknown_code_is_an_error(tmp_path: Path):
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("id\tEventSnippet\tSubType\n1\tsome text\tNOT_A_CODE\n", encoding="utf-8")
    with pytest.raises(ValueError):
        evaluate_snippets(tsv, classifier=_Fixed(["Other"]))


# ---------------------------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------------------------

_TINY = {
    "Grenade": [
        "Attackers threw a grenade at a police post in the market, wounding two officers.",
        "A hand grenade was lobbed into a bar, injuring five drinkers.",
        "Militants hurled grenades at an army patrol near the bridge.",
        "A grenade attack on a bus stand left nine people hurt.",
        "Someone tossed a grenade over the wall of the mayor's house overnight.",
        "Two grenades exploded outside a courthouse after being thrown from a motorbike.",
    ],
    "Peaceful protest": [
        "Hundreds of teachers marched peacefully to the ministry to demand unpaid wages.",
        "Farmers held a peaceful sit-in outside the governor's office over land seizures.",
        "Students staged a silent vigil on campus to remember a classmate.",
        "Nurses rallied in the capital for better working conditions; the march ended calmly.",
        "Residents protested peacefully against water shortages, carrying placards.",
        "Workers went on strike at the textile factory over pay.",
    ],
    "Natural disaster": [
        "Floods swept away homes and bridges after days of torrential rain.",
        "A strong earthquake shook the coastal province, toppling old buildings.",
        "A cyclone made landfall overnight, flattening crops and cutting power.",
        "Landslides triggered by heavy rain buried a mountain village.",
        "Drought has killed thousands of cattle across the northern plains.",
        "A volcano erupted, forcing villagers to flee the ash cloud.",
    ],
}


def _write_tiny_corpus(folder: Path) -> None:
    folder.mkdir()
    with open(folder / "tiny.jsonl", "w", encoding="utf-8") as fh:
        for label, texts in _TINY.items():
            for t in texts:
                fh.write(json.dumps({"label": label, "text": t, "style": "local"}) + "\n")


def test_training_is_deterministic(tmp_path: Path):
    from sitrep.train import train_classifier

    corpus = tmp_path / "corpus"
    _write_tiny_corpus(corpus)
    params = {"use_embeddings": False, "cv_folds": 3, "word_min_df": 1, "char_min_df": 1}
    s1 = train_classifier(corpus, tmp_path / "m1", seed=0, params=params, verbose=False)
    s2 = train_classifier(corpus, tmp_path / "m2", seed=0, params=params, verbose=False)
    assert s1["corpus_sha256"] == s2["corpus_sha256"]
    assert (tmp_path / "m1" / "event_classifier.json").read_bytes() == (
        tmp_path / "m2" / "event_classifier.json"
    ).read_bytes()
    a1, a2 = (
        np.load(tmp_path / "m1" / "event_classifier.npz"),
        np.load(tmp_path / "m2" / "event_classifier.npz"),
    )
    for key in a1.files:
        assert np.array_equal(a1[key], a2[key]), key
    # The tiny model loads and separates its three labels.
    tiny = EventClassifier(load_model(tmp_path / "m1"))
    tiny.threshold = 0.0
    preds = tiny.predict(
        ["Militants hurled a grenade at the police station.", "Heavy rain caused floods and landslides."]
    )
    assert [p.label for p in preds] == ["Grenade", "Natural disaster"]


def test_model_copy_is_independent(clf):
    other = EventClassifier(copy.copy(clf.model))
    other.threshold = 0.99
    assert clf.threshold != 0.99
