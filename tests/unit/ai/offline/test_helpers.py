"""The small pieces under extraction: the speller, numbers in words, normalisation, the bench."""

from __future__ import annotations

import re

import pytest

from scripts.bench.extraction import MIX, bench_extract
from shared.ai.offline.numbers import numeralise, words_value
from shared.ai.offline.spelling import Speller
from shared.ai.offline.text import normalise

SPELLER = Speller(["chicken", "saturday", "guests", "weekend"])


@pytest.mark.parametrize(
    ("word", "corrected"),
    [
        ("chiken", "chicken"),  # deletion
        ("chickne", "chicken"),  # neighbours swapped
        ("chickem", "chicken"),  # substitution
        ("chickenn", "chicken"),  # insertion
        ("saturdy", "saturday"),
        ("gusets", "guests"),
        ("weekends", "weekends"),  # a plural is not its singular's typo
        ("chick", "chick"),  # too short to correct
        ("kitchen", "kitchen"),  # two edits away
    ],
)
def test_speller(word: str, corrected: str) -> None:
    assert SPELLER.correct_word(word) == corrected


def test_speller_leaves_a_typo_close_to_two_words() -> None:
    assert Speller(["salmon", "salmin"]).correct_word("salmen") == "salmen"


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("twenty-five guests", "25 guests"),
        ("twenty five", "25"),
        ("a hundred and two", "102"),
        ("nine hundred ninety-nine", "999"),
        ("a dozen", "12"),
        ("three dozen", "36"),
        ("half a dozen", "6"),
        ("a couple of kids", "2 kids"),
        ("the twenty-first", "the 21st"),
        ("the third", "the 3rd"),
        ("the eleventh", "the 11th"),
        ("one lobster tail", "1 lobster tail"),
        ("the little one", "the little one"),
        ("no one", "no one"),
        ("someone", "someone"),
        ("little ones", "little ones"),
    ],
)
def test_numeralise(text: str, digits: str) -> None:
    assert numeralise(text) == digits


def test_words_value_rejects_non_numbers() -> None:
    with pytest.raises(ValueError):
        words_value("twenty lobsters")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("We\u2019re  15\nSat  the 5th", "we're 15 ; sat the 5th"),
        ("tmrw w/ 20 ppl w/o shrimp", "tomorrow with 20 people without shrimp"),
        ("r u free \u2013 Xmas?", "are you free - christmas?"),
    ],
)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


def test_bench_prints_messages_per_second(capsys: pytest.CaptureFixture[str]) -> None:
    rate = bench_extract(budget_s=0.05)
    out = capsys.readouterr().out
    match = re.fullmatch(
        r"offline extraction: ([\d,]+) messages/s \(([\d,]+) messages of a (\d+)-message .*\n",
        out,
    )
    assert match, out
    assert rate > 0
    assert int(match.group(2).replace(",", "")) % len(MIX) == 0
    assert int(match.group(3)) == len(MIX)
