"""Yes / no to the last question."""

from __future__ import annotations

import pytest

from tests.unit.ai.offline.conftest import read

YES = [
    "yes",
    "Yes!",
    "yep",
    "yup",
    "yeah that's fine",
    "ya",
    "sure",
    "sure, what time?",
    "absolutely",
    "sounds good",
    "Sounds great, thanks",
    "book it",
    "let's do it!",
    "go ahead",
    "that works",
    "Saturday works for me",
    "perfect",
    "correct",
    "that's right",
    "ok",
    "okay",
    "k",
    "y",
    "cool",
    "👍",
    "yes, 20 adults",
]
NO = [
    "no",
    "No.",
    "nope",
    "nah",
    "n",
    "no thanks",
    "No thank you",
    "not now",
    "not yet",
    "maybe later",
    "i'll pass",
    "not interested",
    "never mind",
    "no, make it 25",
    "no we need sunday",
    "that doesn't work",
    "don't book it yet",
    "👎",
]
NEITHER = [
    "no shrimp please",
    "no problem",
    "no worries",
    "ok so how much is it?",
    "ok so how much would it be for twenty adults on the 5th",
    "is that a yes from the chef?",
    "not sure",
    "kids 6-12: 3",
    "yes but not now",
    "nobody is allergic",
    "hello",
]


@pytest.mark.parametrize("message", YES)
def test_yes(message: str) -> None:
    found = read(message)
    assert (found.yes, found.no) == (True, False)


@pytest.mark.parametrize("message", NO)
def test_no(message: str) -> None:
    found = read(message)
    assert (found.yes, found.no) == (False, True)


@pytest.mark.parametrize("message", NEITHER)
def test_neither(message: str) -> None:
    found = read(message)
    assert (found.yes, found.no) == (False, False)
