"""Who says what: claimants read from the grammar, in English and French (sentences of our own)."""

from __future__ import annotations

import pytest

from sitrep.pipeline import extract
from sitrep.records import Document


def _claims(text: str) -> list[tuple[str, str]]:
    result = extract(Document(id="c", text=text))
    return [(c.claimant, c.text) for c in result.claims]


def _claimant_of(text: str, words: str) -> str:
    return next(who for who, said in _claims(text) if words in said)


@pytest.mark.parametrize("text, words, speaker", [
    ("Nine people were killed in the raid on Sunday, a nurse at the district hospital said on Monday.",
     "Nine people", "a nurse at the district hospital"),
    ("The dead were all herders, said Amadou Cissé, the mayor of Tenenkou, where the attack took place.",
     "herders", "Amadou Cissé, the mayor of Tenenkou"),
    ("According to a local councillor, the gunmen burned the granaries.", "granaries", "a local councillor"),
    ("\"We counted twelve bodies,\" a resident of the village told reporters.", "twelve bodies",
     "a resident of the village"),
])
def test_english_speakers(text, words, speaker):
    assert _claimant_of(text, words) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    ("Selon une source sécuritaire locale, douze soldats ont été tués dans l'embuscade.", "douze soldats",
     "une source sécuritaire locale"),
    ("« Nous avons compté onze corps », a précisé une autre source militaire malienne.", "onze corps",
     "une autre source militaire malienne"),
    ("Le gouverneur de la région de Mopti a annoncé que sept civils avaient été tués.", "sept civils",
     "Le gouverneur de la région de Mopti"),
    ("« Des renforts ont été envoyés », a indiqué un officier, qui a confirmé la mort de quatre gendarmes.",
     "quatre gendarmes", "un officier"),
])
def test_french_speakers(text, words, speaker):
    assert _claimant_of(text, words) == speaker


def test_a_quotation_and_its_attribution_are_one_claim():
    claims = _claims("Des hommes armés ont attaqué le poste de Boni samedi. « Deux gendarmes ont trouvé la "
                     "mort », a ajouté la gendarmerie nationale dans un communiqué.")
    quoted = [who for who, said in claims if "Deux gendarmes" in said]
    assert quoted and "gendarmerie" in quoted[0].lower()


def test_he_said_is_the_one_named_before():
    claims = _claims("Moussa Traoré, a trader in Boni, said gunmen arrived at dawn. He said four men were "
                     "shot in the market.")
    assert any(who.startswith("Moussa Traoré") and "four men" in said for who, said in claims)
