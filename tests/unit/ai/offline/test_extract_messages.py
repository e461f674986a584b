"""Whole customer messages, several details at once, with the exact extraction expected.

`today` is Wednesday 2026-11-18 throughout: "this Saturday" is 11-21, "next Saturday"
11-28. Every field not listed must be empty.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from shared.ai.offline.extract import Extraction
from tests.unit.ai.offline.conftest import read, stated

MESSAGES: list[tuple[str, dict[str, Any]]] = [
    (
        "Hi, this is Maria Lopez. We want hibachi for 20 adults and 5 kids next Saturday at "
        "6pm, zip is 95814. Two lobster tails and filet for everyone, plus sake. One guest "
        "has a nut allergy. maria@example.com 916-555-0142",
        {
            "adults": 20,
            "children": 5,
            "event_date": date(2026, 11, 28),
            "start_time": time(18, 0),
            "zipcode": "95814",
            "proteins": {"lobster_tail": 2, "filet_mignon": None},
            "addons": {"sake_service"},
            "allergens": {"nuts"},
            "name": "Maria Lopez",
            "email": "maria@example.com",
            "phone": "+19165550142",
        },
    ),
    (
        "party of 12 on Dec 5th, we're in 90012",
        {"guests": 12, "event_date": date(2026, 12, 5), "zipcode": "90012"},
    ),
    (
        "hey how much 4 hibachi 20 ppl sat 12/5 around 7? zip 92618",
        {
            "guests": 20,
            "event_date": date(2026, 12, 5),
            "start_time": time(19, 0),
            "zipcode": "92618",
        },
    ),
    (
        "Looking for a quote: 10 adults, 3 children, 2 toddlers on December 12 at 5:30pm",
        {
            "adults": 10,
            "children": 3,
            "toddlers": 2,
            "event_date": date(2026, 12, 12),
            "start_time": time(17, 30),
        },
    ),
    (
        "twenty-five guests this weekend, 33130. is $550 the minimum for 2026?",
        {
            "guests": 25,
            "event_date": date(2026, 11, 21),
            "date_is_weekend": True,
            "zipcode": "33130",
        },
    ),
    (
        "we're 15 grownups + 3 little ones under 5, christmas eve at 4",
        {
            "adults": 15,
            "toddlers": 3,
            "event_date": date(2026, 12, 24),
            "start_time": time(16, 0),
        },
    ),
    (
        "Family of four, tomorrow noon. 2 chicken 2 shrimp. My name is jo ann",
        {
            "guests": 4,
            "event_date": date(2026, 11, 19),
            "start_time": time(12, 0),
            "proteins": {"chicken": 2, "shrimp": 2},
            "name": "Jo Ann",
        },
    ),
    (
        "Yes sounds good! book it. my email is Sam.Lee@Example.COM",
        {"yes": True, "email": "sam.lee@example.com"},
    ),
    ("no thanks, not now", {"no": True}),
    (
        "can we get steak and chicken for 30 people on new year's eve? allergic to shellfish",
        {
            "guests": 30,
            "event_date": date(2026, 12, 31),
            "proteins": {"chicken": None},
            "ambiguous_proteins": {"steak": None},
            "allergens": {"shellfish"},
        },
    ),
    (
        "address is 4521 W Sunset Blvd Apt 3, Los Angeles, CA 90027",
        {"address": "4521 W Sunset Blvd Apt 3, Los Angeles, CA 90027", "zipcode": "90027"},
    ),
    (
        "Adults: 18\nKids (6-12): 4\nDate: 2027-01-09\nTime: 6:30 PM\nZip: 94110",
        {
            "adults": 18,
            "children": 4,
            "event_date": date(2027, 1, 9),
            "start_time": time(18, 30),
            "zipcode": "94110",
        },
    ),
    (
        "Its for my daughters bday, 8 kids and 6 adults, sat the 21st, 2 veggie 1 vegan",
        {
            "adults": 6,
            "children": 8,
            "event_date": date(2026, 11, 21),
            "proteins": {"vegetables": 2},
            "dietary": {"vegan"},
        },
    ),
    (
        "add the extended show and a custom menu pls, and no sake",
        {"addons": {"extended_performance", "custom_menu"}, "removed_addons": {"sake_service"}},
    ),
    ("20", {"bare_number": 20}),
    ("about twenty", {"bare_number": 20, "unsure": ("bare_number",)}),
    ("90012", {"zipcode": "90012"}),
    (
        "Thanksgiving, maybe 40 people. Thanks, Priya",
        {
            "guests": 40,
            "unsure": ("guests",),
            "event_date": date(2026, 11, 26),
            "name": "Priya",
        },
    ),
    (
        "10 chiken, 5 filet minion and 5 lobstr tails for 12 adutls on saturdy",
        {
            "adults": 12,
            "event_date": date(2026, 11, 21),
            "proteins": {"chicken": 10, "filet_mignon": 5, "lobster_tail": 5},
        },
    ),
    (
        "I'm Jo. Text me at (415) 555-2671. We are a party of 8, gluten free for 2 of them",
        {
            "guests": 8,
            "allergens": {"gluten"},
            "dietary": {"gluten_free"},
            "name": "Jo",
            "phone": "+14155552671",
        },
    ),
    (
        "budget is around 1500 for 25 guests, is that enough? we're at 1600 Main Street",
        {"guests": 25, "address": "1600 Main Street"},
    ),
    (
        "I want to book for sat 6 pm 8 guests",
        {"guests": 8, "event_date": date(2026, 11, 21), "start_time": time(18, 0)},
    ),
    ("Do you guys do lunch? 11:30 for 12", {"guests": 12, "start_time": time(11, 30)}),
    ("can you do it for 6?", {}),  # six guests or six o'clock: ask
    (
        "Our event is at 5 and we'll have about 16",
        {"guests": 16, "start_time": time(17, 0), "unsure": ("guests",)},
    ),
    (
        "10 adults, 5 kids (ages 7, 9, 11), and a baby",
        {"adults": 10, "children": 5, "toddlers": 1, "children_ages": (7, 9, 11)},
    ),
    ("a baby shower for 20 ladies", {}),
    (
        "I need it on the 25th of this month for 18",
        {"guests": 18, "event_date": date(2026, 11, 25)},
    ),
    (
        "Do you have vegetarian options? 4 of our 20 guests are vegetarian",
        {"guests": 20, "dietary": {"vegetarian"}},
    ),
    ("we have 3 questions", {}),
    (
        "can i get pricing. 12 adults. 01/23/2027. 5 pm. 90034.",
        {
            "adults": 12,
            "event_date": date(2027, 1, 23),
            "start_time": time(17, 0),
            "zipcode": "90034",
        },
    ),
    ("Adults - 12, Kids - 3", {"adults": 12, "children": 3}),
    (
        "Hey! Any openings Dec 20? 25-30 ppl. Thx - Kim",
        {"event_date": date(2026, 12, 20), "name": "Kim", "unsure": ("guests",)},
    ),
    ("Can the chef come at 4:45pm? dinner at 5:30", {"unsure": ("start_time",)}),
    ("My phone: 626 555 0123. Also my wife's number 626-555-0456", {}),
    (
        "we want to do a surprise party for my mom she's turning 60, about 25 people, "
        "sometime in march",
        {"guests": 25, "unsure": ("event_date", "guests")},
    ),
    (
        "Hi there! Interested in booking a hibachi chef for my husband's birthday. We're "
        "expecting around 15-18 people, Saturday Jan 16 2027. We're in Pasadena 91101",
        {"event_date": date(2027, 1, 16), "zipcode": "91101", "unsure": ("guests",)},
    ),
    (
        "there will be twelve of us, plus maybe three kids",
        {"guests": 12, "children": 3, "unsure": ("children",)},
    ),
    ("Nope", {"no": True}),
    ("k", {"yes": True}),
    ("👍", {"yes": True}),
    ("ok how much is it?", {}),
    ("hello!", {}),
    ("", {}),
]


@pytest.mark.parametrize(("message", "expected"), MESSAGES)
def test_message(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


def test_unset_fields_are_empty_not_guessed() -> None:
    assert read("what do you guys charge?") == Extraction(question=True)


def test_extraction_is_frozen_and_its_mappings_read_only() -> None:
    found = read("2 lobster tails")
    with pytest.raises(AttributeError):
        found.adults = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        found.proteins["chicken"] = 1  # type: ignore[index]
