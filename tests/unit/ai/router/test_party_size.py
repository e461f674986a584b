"""Head counts in digits and words, tied to people only."""

from __future__ import annotations

import pytest

from shared.ai.router.party_size import party_size


@pytest.mark.parametrize(
    "text,expected",
    [
        ("party of seventy-five", 75),
        ("about a hundred people", 100),
        ("one hundred and twenty guests", 120),
        ("twenty five adults", 25),
        ("a dozen friends", 12),
        ("two dozen ppl", 24),
        ("65 adults and 20 kids", 85),
        ("9 adults 3 kiddos", 12),
        ("20 guests: 15 adults and 5 kids", 20),
        ("30-40 people", 40),
        ("40 to 50 guests", 50),
        ("100+ guests", 100),
        ("1,200 attendees", 1200),
        ("headcount is 45", 45),
        ("group of 18", 18),
        ("12 people, 6 of them kids", 12),
        ("2 chefs for 70 people", 70),
    ],
)
def test_counts(text: str, expected: int) -> None:
    assert party_size(text) == expected


@pytest.mark.parametrize(
    "text",
    ["our 75th anniversary", "grandpa is turning 90", "2 chefs please", "no one answers", "hi"],
)
def test_numbers_that_are_not_people(text: str) -> None:
    assert party_size(text) is None
