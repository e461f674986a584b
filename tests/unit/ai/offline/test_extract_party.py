"""Head counts: kinds, words, age hints, and every number that is not a head count."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.ai.offline.extract import extract
from shared.ai.offline.party import AgeBands
from tests.unit.ai.offline.conftest import ADDONS, BOOK, PROTEINS, WEDNESDAY, read, stated

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
    ("1 kid age 4", {"toddlers": 1, "children_ages": (4,)}),
    ("11 adults and 1 kid (4 yrs old)", {"adults": 11, "toddlers": 1, "children_ages": (4,)}),
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


# --- counts in the shapes customers use, ages lists (issue 9) ---------------------------

SHAPES: list[tuple[str, dict[str, Any]]] = [
    ("fifteen of us", {"guests": 15}),
    ("15 of us", {"guests": 15}),
    ("there are 6 of us", {"guests": 6}),
    ("we're fifteen", {"guests": 15}),
    ("we are 22", {"guests": 22}),
    ("15 ppl", {"guests": 15}),
    ("a dozen of us", {"guests": 12}),
    ("twenty-two guests", {"guests": 22}),
    ("twenty two people", {"guests": 22}),
    ("party of 8", {"guests": 8}),
    ("party of eight", {"guests": 8}),
    ("10 adults and 4 kids", {"adults": 10, "children": 4}),
    ("ten adults and four kids", {"adults": 10, "children": 4}),
    ("2 teenagers", {"adults": 2}),
    ("10 adults and 2 teenagers", {"adults": 12}),
    ("8 adults, 2 teens and 3 kids", {"adults": 10, "children": 3}),
]


@pytest.mark.parametrize(("message", "expected"), SHAPES)
def test_count_shapes(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


AGES: list[tuple[str, dict[str, Any]]] = [
    (
        "10 adults and 4 kids (ages 8, 9, 11 and 3)",
        {"adults": 10, "children": 3, "toddlers": 1, "children_ages": (8, 9, 11, 3)},
    ),
    (
        "10 adults and 4 kids ages 8, 9, 11, 3",
        {"adults": 10, "children": 3, "toddlers": 1, "children_ages": (8, 9, 11, 3)},
    ),
    (
        "10 adults + 4 kids aged 8, 9, 11 & 3",
        {"adults": 10, "children": 3, "toddlers": 1, "children_ages": (8, 9, 11, 3)},
    ),
    (
        "10 adults and 4 kids. The kids are 8, 9, 11 and 3",
        {"adults": 10, "children": 3, "toddlers": 1, "children_ages": (8, 9, 11, 3)},
    ),
    (
        "ten adults, four children (8yo, 9yo, 11yo and 3yo)",
        {"adults": 10, "children": 3, "toddlers": 1, "children_ages": (8, 9, 11, 3)},
    ),
    ("2 kids (8 and 3)", {"children": 1, "toddlers": 1, "children_ages": (8, 3)}),
    ("kids ages 4 and 7", {"children": 1, "toddlers": 1, "children_ages": (4, 7)}),
    ("3 kids aged 4, 7 and 10", {"children": 2, "toddlers": 1, "children_ages": (4, 7, 10)}),
    ("2 kids ages 5 and 6", {"children": 1, "toddlers": 1, "children_ages": (5, 6)}),
    ("2 kids ages 12 and 13", {"children": 1, "adults": 1, "children_ages": (12, 13)}),
    (
        "10 adults and kids ages 8 and 14",
        {"adults": 11, "children": 1, "children_ages": (8, 14)},
    ),
    ("5 kids (ages 7, 9, 11)", {"children": 5, "children_ages": (7, 9, 11)}),
    ("4 kids ages 3 and 9", {"children_ages": (3, 9), "unsure": ("children",)}),
    ("dos niños de 3 y 5 años", {"toddlers": 2, "children_ages": (3, 5)}),
    ("2 kids, both 10", {"children": 2, "children_ages": (10, 10)}),
    ("twins age 4", {"toddlers": 2, "children_ages": (4, 4)}),
    (
        "6 adults, then the kids: twins age 4, and four more aged 7, 8, 8 and 12",
        {"adults": 6, "children": 4, "toddlers": 2, "children_ages": (4, 4, 7, 8, 8, 12)},
    ),
    (
        "2 kids age 7 and three more aged 8, 9, 10",
        {"children": 5, "children_ages": (7, 7, 8, 9, 10)},
    ),
    (
        "8 grown-ups plus three kids? they're 6, 10 and 4",
        {"adults": 8, "children": 2, "toddlers": 1, "children_ages": (6, 10, 4)},
    ),
    (
        "my 3 kids who are 13, 7 and 2",
        {"adults": 1, "children": 1, "toddlers": 1, "children_ages": (13, 7, 2)},
    ),
    ("4 kids ages 6-12", {"children": 4}),
    # Not ages.
    ("kids, 20 adults", {"adults": 20}),
    ("2 kids and 10 adults", {"adults": 10, "children": 2}),
]


@pytest.mark.parametrize(("message", "expected"), AGES)
def test_ages(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


def test_age_bands_come_from_the_price_book() -> None:
    """Another book's bands (children from 4, adults from 12) re-type the same ages."""
    found = extract(
        "4 kids ages 3, 4, 11 and 12",
        today=WEDNESDAY,
        known_proteins=PROTEINS,
        known_addons=ADDONS,
        age_bands=AgeBands(child_min=4, adult_min=12),
    )
    assert (found.toddlers, found.children, found.adults) == (1, 2, 1)
    assert found.children_ages == (3, 4, 11, 12)
    shipped = read("4 kids ages 3, 4, 11 and 12")
    assert (shipped.toddlers, shipped.children, shipped.adults) == (2, 2, None)
    bands = AgeBands()
    assert (bands.child_min, bands.adult_min) == (
        BOOK.guests.child_min_age,
        BOOK.guests.adult_min_age,
    )


@settings(deadline=None)  # extraction time is benched, not asserted
@given(st.lists(st.integers(1, 17), min_size=2, max_size=8), st.integers(1, 30))
def test_any_ages_list_splits_by_band(ages: list[int], adults: int) -> None:
    listed = ", ".join(map(str, ages[:-1])) + f" and {ages[-1]}"
    found = read(f"{adults} adults and {len(ages)} kids (ages {listed})")
    assert found.children_ages == tuple(ages)
    assert (found.toddlers or 0) == sum(a <= 5 for a in ages)
    assert (found.children or 0) == sum(6 <= a <= 12 for a in ages)
    assert (found.adults or 0) == adults + sum(a >= 13 for a in ages)


UNSURE: list[tuple[str, tuple[str, ...]]] = [
    ("around 20 people", ("guests",)),
    ("about 20", ("bare_number",)),
    ("roughly 30 guests", ("guests",)),
    ("maybe 25 people", ("guests",)),
    ("~20 people", ("guests",)),
    ("20ish", ("bare_number",)),
    ("15-20 people", ("guests",)),
    ("15 to 20 guests", ("guests",)),
    ("15 or 20 people", ("guests",)),
    ("20+ people", ("guests",)),
    ("at least 20 people", ("guests",)),
    ("10-12 adults", ("adults",)),
    ("20 people", ()),
    ("we're 20", ()),
    ("exactly 20 people", ()),
]


@pytest.mark.parametrize(("message", "unsure"), UNSURE)
def test_unsure_counts(message: str, unsure: tuple[str, ...]) -> None:
    assert read(message).unsure == unsure


# A possessive ("my", "our") brings the kids into the party; their listed ages re-type them
# by the price book's bands, so a 13-year-old joins the adults.
FAMILY = {"adults": 10, "children": 1, "toddlers": 1, "children_ages": (13, 7, 2)}


@pytest.mark.parametrize(
    "message",
    [
        "9 adults and my 3 kids who are 13, 7 and 2",
        "9 adults and 3 kids who are 13, 7 and 2",
        "9 adults and my 3 kids are 13, 7 and 2",
        "9 adults, my kids are 13, 7 and 2",
        "9 adults and my kids who are 13, 7 and 2",
        "9 adults and our 3 kids, who are 13, 7 and 2",
        "9 adults plus our 3 kids aged 13, 7 and 2",
        "9 adults + my kids (13, 7 and 2)",
        "9 adults and my 3 kids ages 13, 7, and 2",
        "9 adultos y mis 3 niños de 13, 7 y 2 años",
        "9 adultos y nuestros hijos de 13, 7 y 2 años",
    ],
)
def test_adults_and_my_kids_with_their_ages(message: str) -> None:
    assert stated(read(message)) == FAMILY


def test_kids_with_ages_alone_are_typed_by_age() -> None:
    assert stated(read("my kids are 13, 7 and 2")) == {
        "adults": 1,
        "children": 1,
        "toddlers": 1,
        "children_ages": (13, 7, 2),
    }


@pytest.mark.parametrize(
    "message",
    [
        "we'd be 12 people: 9 adults and 3 kids",
        "we'll be 12 people in total, 9 adults and 3 kids",
        "12 people - 9 adults and 3 kids",
        "somos 12 personas: 9 adultos y 3 niños",
    ],
)
def test_a_total_with_its_make_up_keeps_both(message: str) -> None:
    found = read(message)
    assert (found.guests, found.adults, found.children, found.toddlers) == (12, 9, 3, None)


def test_the_whole_message_reads_zip_total_and_make_up() -> None:
    found = read(
        "Hi, we'd be 12 people on Saturday December 5 in Pasadena 91101: "
        "9 adults and my 3 kids who are 13, 7 and 2"
    )
    assert (found.zipcode, found.guests) == ("91101", 12)
    assert (found.adults, found.children, found.toddlers) == (10, 1, 1)
