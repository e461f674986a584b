"""Emotion, intensity and urgency cues."""

from __future__ import annotations

import pytest

from shared.ai.router.emotion import detect_emotion, detect_urgency


@pytest.mark.parametrize(
    "text,emotion",
    [
        ("this is ridiculous, still no refund 🙄", "frustrated"),
        ("worst party ever", "frustrated"),
        ("WHERE IS THE CHEF WE ARE WAITING", "frustrated"),
        ("nobody showed up!!!", "frustrated"),
        ("i'm a little nervous about my son's allergy, is it safe?", "anxious"),
        ("just making sure we're still on 😬", "anxious"),
        ("thank you so much, the kids loved it 🎉", "happy"),
        ("can't wait for saturday!", "happy"),
        ("how much for 12 people", "neutral"),
        ("do you come to fresno", "neutral"),
    ],
)
def test_emotions(text: str, emotion: str) -> None:
    feeling = detect_emotion(text)
    assert feeling.emotion == emotion
    assert 0.0 <= feeling.intensity <= 1.0
    assert (feeling.intensity == 0.0) == (emotion == "neutral")


def test_shouting_and_punctuation_raise_intensity() -> None:
    calm = detect_emotion("the chef was late, not happy")
    loud = detect_emotion("THE CHEF WAS LATE, NOT HAPPY!!!")
    assert loud.emotion == calm.emotion == "frustrated"
    assert loud.intensity > calm.intensity + 0.2


def test_acronyms_are_not_shouting() -> None:
    assert detect_emotion("NYE party, BBQ style, FYI").emotion == "neutral"


def test_more_cues_more_intensity() -> None:
    one = detect_emotion("disappointed")
    many = detect_emotion("disappointed, the food was terrible, unacceptable 😡")
    assert many.intensity > one.intensity


@pytest.mark.parametrize(
    "text,urgency",
    [
        ("can you do tonight?", "high"),
        ("party is tmrw and no confirmation yet", "high"),
        ("need an answer asap", "high"),
        ("the chef hasn't shown up", "high"),
        ("where is my chef", "high"),
        ("guests are arriving in 20 minutes", "high"),
        ("no rush, planning for next year", "low"),
        ("just curious about prices", "low"),
        ("thinking of a party in a few months", "low"),
        ("how much for 12 people on the 14th", "normal"),
    ],
)
def test_urgency(text: str, urgency: str) -> None:
    assert detect_urgency(text) == urgency
