"""Corrections: the message says it corrects something, and the new value is in its field
(the old one never is). `today` is Wednesday 2026-11-18."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from tests.unit.ai.offline.conftest import read, stated

CORRECTIONS: list[tuple[str, dict[str, Any]]] = [
    ("actually make that 15", {"bare_number": 15}),
    ("make that 15", {"bare_number": 15}),
    ("make it 15 instead", {"bare_number": 15}),
    ("make it fifteen", {"bare_number": 15}),
    ("can we make it 15?", {"bare_number": 15}),
    ("sorry, 15 not 12", {"bare_number": 15}),
    ("15, not 12", {"bare_number": 15}),
    ("15 instead of 12", {"bare_number": 15}),
    ("not 12 but 15", {"bare_number": 15}),
    ("oops, 15", {"bare_number": 15}),
    ("change it to 15", {"bare_number": 15}),
    ("actually we're 15", {"guests": 15}),
    ("actually 15 people", {"guests": 15}),
    ("sorry, 15 people not 12", {"guests": 15}),
    ("make it 15 adults", {"adults": 15}),
    ("change the guest count to 15", {"guests": 15}),
    ("scratch that, 20 adults and 2 kids", {"adults": 20, "children": 2}),
    ("my mistake, 18 guests", {"guests": 18}),
    ("en realidad somos 15", {"guests": 15}),
    ("perdón, somos 15", {"guests": 15}),
    ("I meant the 20th", {"event_date": date(2026, 11, 20)}),
    ("i meant saturday", {"event_date": date(2026, 11, 21)}),
    ("actually the 20th", {"event_date": date(2026, 11, 20)}),
    ("the 20th not the 21st", {"event_date": date(2026, 11, 20)}),
    ("make it the 5th of december", {"event_date": date(2026, 12, 5)}),
    ("can we move it to Dec 12?", {"event_date": date(2026, 12, 12)}),
    ("quise decir el 20 de diciembre", {"event_date": date(2026, 12, 20)}),
    ("change the time to 6pm", {"start_time": time(18, 0)}),
    ("make it 6pm instead", {"start_time": time(18, 0)}),
    ("6pm not 7pm", {"start_time": time(18, 0)}),
    ("actually 5:30", {"start_time": time(17, 30)}),
    ("wait, it's 95661", {"zipcode": "95661"}),
    ("sorry, zip is 95661", {"zipcode": "95661"}),
    ("no, it's 95661", {"zipcode": "95661", "no": True}),
    ("actually we'd like lobster", {"proteins": {"lobster_tail": None}}),
    ("actually no lobster", {"removed_proteins": {"lobster_tail"}}),
    ("oh wait, actually 15", {"bare_number": 15}),
    ("ok actually make it 6pm", {"start_time": time(18, 0)}),
]


@pytest.mark.parametrize(("message", "expected"), CORRECTIONS)
def test_correction(message: str, expected: dict[str, Any]) -> None:
    found = read(message)
    assert found.correction is True
    assert stated(found) == expected


@pytest.mark.parametrize(
    "message",
    [
        "15",
        "we're 15",
        "make it fun!",
        "I'm sorry for the late reply, we're 15",
        "sorry to bother you, how much is it?",
        "wait for my husband to confirm",
        "no lobster",
        "we're not 100% sure yet",
        "can we make it a surprise?",
        "I mean it, best chef ever",
        "How do I actually book with you?",
        "can you actually do 20 people?",
        "20 people on the 12th",
        "sí",
    ],
)
def test_not_a_correction(message: str) -> None:
    assert read(message).correction is False


def test_bare_numbers_keep_their_meaning() -> None:
    """A bare number, corrected or not, is left for the engine to read against its question."""
    assert read("20").bare_number == 20
    assert read("make that 20").bare_number == 20
    assert read("make that 20").guests is None
