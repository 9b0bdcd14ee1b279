"""The event judge (the text classifier) is asked only where its opinion can change an event."""

import pytest

from sitrep import pipeline
from sitrep.actors.resolve import ActorRef
from sitrep.classifier import LABELS
from sitrep.events.build import CUED_NOTE_MIN_SCORE, _opinion_moot, _weigh_opinion
from sitrep.records import Document

GUNMEN = ActorRef("template:unidentified_armed_group", "unidentified", 3, "ML")
SOLDIERS = ActorRef("state:ML:state_military", "state_military", 1, "ML")
VILLAGERS = ActorRef("template:civilians", "civilians", 7, "ML")
CROWD = ActorRef("template:protesters", "protesters", 6, "ML")


@pytest.mark.parametrize("reading", [("Violence against civilians", "Attack", "armed men killed civilians", [GUNMEN]),
                                     ("Battles", "Armed clash", "two armed sides fought", [SOLDIERS, GUNMEN])])
def test_a_firm_reading_with_an_armed_agent_stands_whatever_the_opinion(reading):
    event_type, sub_type, reason, agents = reading
    assert _opinion_moot(sub_type, reason, agents)
    for label in ["", *LABELS]:
        for score in (0.2, 0.55, 0.75, 0.9, 0.99):
            for floor in (0.5, CUED_NOTE_MIN_SCORE):
                for hands_on in (False, True):
                    assert _weigh_opinion(event_type, sub_type, reason, (label, score), agents, [VILLAGERS],
                                          floor, hands_on) == (event_type, sub_type, reason)


def test_an_opinion_matters_without_a_firm_rule_or_an_armed_agent():
    assert not _opinion_moot("", "", [GUNMEN])  # no type: the classifier may give one
    assert not _opinion_moot("Attack", "violence with no armed opponent named", [GUNMEN])  # a weak rule
    assert not _opinion_moot("Peaceful protest", "people marched", [CROWD])  # may be no political event
    assert not _opinion_moot("Attack", "a man killed a neighbour", [VILLAGERS])
    # and there the opinion does change the reading
    assert _weigh_opinion("Violence against civilians", "Attack", "a man killed a neighbour", ("Organized crime", 0.95),
                          [VILLAGERS], []) == ("", "", "the classifier reads it as Organized crime")


def _judged(monkeypatch, text: str) -> tuple[list[str], list]:
    asked: list[str] = []
    real = pipeline.text_judge()

    def judge(texts):
        asked.extend(texts)
        return real(texts) if real else [("", 0.0)] * len(texts)

    monkeypatch.setattr(pipeline, "text_judge", lambda: judge)
    return asked, pipeline.extract(Document(id="n", text=text)).events


def test_gunmen_killing_villagers_are_not_sent_to_the_judge(monkeypatch):
    asked, events = _judged(monkeypatch, "On 9 March 2021, unidentified gunmen attacked the village of Dinangourou "
                                         "(Koro, Mopti) and killed four villagers.")
    assert asked == []
    assert (events[0].sub_event_type, events[0].actor1) == ("Attack", "Unidentified Armed Group (Mali)")


def test_a_march_is_still_sent_to_the_judge(monkeypatch):
    asked, events = _judged(monkeypatch, "On 2 June 2021, residents of Gao marched peacefully to demand more "
                                         "electricity.")
    assert len(asked) == 1 and events and events[0].event_type == "Protests"
