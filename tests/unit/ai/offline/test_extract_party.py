"""Head counts: kinds, words, age hints, and every number that is not a head count."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.ai.offline.conftest import read, stated

COUNTS: list[tuple[str, dict[str, Any]]] = [
    ("20 adults and 5 kids", {"adults": 20, "children": 5}),
    ("10 adults, 3 children, 2 toddlers", {"adults": 10, "children": 3, "toddlers": 2}),
    ("15 grownups", {"adults": 15}),
    ("15 grown-ups and 4 teens", {"adults": 19}),
    ("twenty adults", {"adults": 20}),
    ("twenty-five guests", {"guests": 25}),
    ("a dozen people", {"guests": 12}),
    ("two dozen guests", {"guests": 24}),
    ("half a dozen kids", {"children": 6}),
    ("8 kids", {"children": 8}),
    ("a couple of kids", {"children": 2}),
    ("one hundred and twenty guests", {"guests": 120}),
    ("3 little ones under 5", {"toddlers": 3}),
    ("2 kids 5 and under", {"toddlers": 2}),
    ("4 kids ages 6-12", {"children": 4}),
    ("kids 6-12: 3", {"children": 3}),
    ("20 adults and 2 under 5", {"adults": 20, "toddlers": 2}),
    ("2 babies", {"toddlers": 2}),
    ("a baby", {"toddlers": 1}),
    ("2 kids 12 and under", {"children": 2}),
    ("2 kids over 12", {"adults": 2}),
    ("3 kids (ages 8 and 10 and 11)", {"children": 3, "children_ages": (8, 10, 11)}),
    ("1 kid age 4", {"toddlers": 1}),
    ("11 adults and 1 kid (4 yrs old)", {"adults": 11, "toddlers": 1}),
    ("2 kids ages 3 and 10", {"children": 1, "toddlers": 1, "children_ages": (3, 10)}),
    ("party of 6 + 2 babies", {"guests": 6, "toddlers": 2}),
    ("party of 6+", {}),
    ("party of 6-8", {}),
    ("15 adults 5 kidz", {"adults": 15, "children": 5}),
    ("party of 12", {"guests": 12}),
    ("group of 30", {"guests": 30}),
    ("family of four", {"guests": 4}),
    ("for 20 people", {"guests": 20}),
    ("20 ppl", {"guests": 20}),
    ("we're 15", {"guests": 15}),
    ("we are 15 adults", {"adults": 15}),
    ("there will be 18 of us", {"guests": 18}),
    ("10 of us total", {"guests": 10}),
    ("hibachi for 12", {"guests": 12}),
    ("quote for 40?", {"guests": 40}),
    ("expecting about 35", {"guests": 35, "unsure": ("guests",)}),
    ("around 20 people", {"guests": 20, "unsure": ("guests",)}),
    ("20ish guests", {"guests": 20, "unsure": ("guests",)}),
    ("guest count: 22", {"guests": 22}),
    ("headcount 16", {"guests": 16}),
    ("Adults: 20, Kids: 5", {"adults": 20, "children": 5}),
    ("20 hungry adults", {"adults": 20}),
    ("15 adult guests", {"adults": 15}),
    ("30 people, 6 of them kids", {"guests": 30}),
    ("party of 12, 10 adults and 2 kids", {"guests": 12, "adults": 10, "children": 2}),
    ("20 people plus 5 kids", {"guests": 20, "children": 5}),
    ("5 kids... sorry, 6 kids", {"children": 6}),
    ("20 adults. actually make it 25 adults", {"adults": 25}),
    ("3 kids and 2 grandkids", {"children": 5}),
    ("20 adutls and 4 chilren", {"adults": 20, "children": 4}),
    ("20 gusets", {"guests": 20}),
    # Not counts, or not clear enough to be one.
    ("20-25 people", {"unsure": ("guests",)}),
    ("20 to 25 guests", {"unsure": ("guests",)}),
    ("20+ people", {"unsure": ("guests",)}),
    ("at least 20 people", {"unsure": ("guests",)}),
    ("5 more adults", {"unsure": ("adults",)}),
    ("3 kids ages 2-8", {}),
    ("1 guest has a nut allergy", {"allergens": {"nuts"}}),
    ("one of us is vegan", {"dietary": {"vegan"}}),
    ("3 guests are vegetarian", {"dietary": {"vegetarian"}}),
    ("we are 2 hours away", {}),
    ("we're thirsty", {}),
    ("party of 12345", {}),
    ("$550 for 20 people?", {"guests": 20}),
    ("is it $55 per person", {}),
    ("55 per person?", {}),
    ("fifty dollars a head?", {}),
    ("my budget is 1200", {}),
    ("20 people in 2026", {"guests": 20}),
    ("party at 6pm", {"start_time": __import__("datetime").time(18, 0)}),
    ("12 chefs?", {}),
    ("it's 30 minutes from LA", {}),
    ("2 lobster tails", {"proteins": {"lobster_tail": 2}}),
    ("my son turns 7", {}),
]


@pytest.mark.parametrize(("message", "expected"), COUNTS)
def test_counts(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


@pytest.mark.parametrize(
    "message",
    [
        "call me at 213-555-1234 for 20 people",
        "20 people, zip 90012",
        "20 people on 12/20",
        "20 people at 7:30",
        "20 people, $1,500 max",
        "20 people on Dec 20th 2026",
    ],
)
def test_other_numbers_next_to_a_count_stay_out_of_it(message: str) -> None:
    found = read(message)
    assert (found.guests, found.adults, found.children, found.toddlers) == (20, None, None, None)
    assert found.bare_number is None


@pytest.mark.parametrize(
    ("message", "bare"),
    [("20", 20), ("about 20", 20), ("~15", 15), ("twelve.", 12), ("20 or so", 20)],
)
def test_a_lone_number_is_bare(message: str, bare: int) -> None:
    found = read(message)
    assert found.bare_number == bare
    assert found.guests is None


@pytest.mark.parametrize("message", ["20 people", "6pm", "$20", "12/5", "0", "1000"])
def test_numbers_with_a_meaning_are_not_bare(message: str) -> None:
    assert read(message).bare_number is None
