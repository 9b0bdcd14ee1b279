"""Whole short reports written for these tests in the manner of the Sahel's French-language press and army
communiqués (with their English counterparts), read as an ACLED coder would: type, sides, tolls, claimants."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.pipeline import extract
from sitrep.records import Document


def read(text: str, published: date | None = date(2025, 3, 10)):
    return extract(Document(id="t", text=text, published=published))


def news(text: str, published: date | None = date(2025, 3, 10)) -> list:
    return [e for e in read(text, published).events if not e.background]


# ---- a party's own version beside civilians counted dead by others

@pytest.mark.parametrize("text", [
    "Au moins douze civils ont été tués jeudi lors d'une opération de l'armée dans le village de Sofara, selon "
    "des habitants.\n\nL'armée affirme pour sa part avoir « neutralisé des terroristes » dans ce secteur.",
    "At least twelve civilians were killed on Thursday during an army operation in the village of Sofara, "
    "residents said.\n\nThe army said it had neutralised terrorists in the area.",
])
def test_the_forces_own_version_does_not_turn_killed_civilians_into_a_battle(text):
    [event] = news(text)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor1.startswith("Military Forces of Mali")
    assert event.actor2 == "Civilians (Mali)"


def test_the_forces_own_account_alone_still_tells_their_battle():
    [event] = news("L'armée malienne affirme avoir neutralisé jeudi une quinzaine de terroristes près de Sofara.")
    assert event.event_type == "Battles"


# ---- nobody claimed it

@pytest.mark.parametrize("text", [
    "Trois gendarmes ont été tués samedi près de Tera.\n\nAucun groupe n'a pour l'instant revendiqué l'attaque.",
    "Trois gendarmes ont été tués samedi près de Tera.\n\nL'attaque n'a toujours pas été revendiquée.",
    "Three gendarmes were killed on Saturday near Tera.\n\nNo group has so far claimed responsibility for it.",
    "Three gendarmes were killed on Saturday near Tera.\n\nThe attack has not been claimed.",
])
def test_an_attack_nobody_claimed_is_no_claim_of_responsibility(text):
    claims = read(text).claims
    assert not any(c.kind == "responsibility" for c in claims)
    assert not any(c.claimant.lower().startswith(("no ", "aucun")) for c in claims)
    last = claims[-1]
    assert (last.claimant, last.status) == ("the report", "reported")
