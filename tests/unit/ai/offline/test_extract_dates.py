"""Event dates and start times, against several injected todays (never a date before today)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.ai.offline.holidays import easter
from shared.ai.offline.vocab import WEEKDAYS
from tests.unit.ai.offline.conftest import read

todays = st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31))

WED = date(2026, 11, 18)  # a Wednesday
SAT = date(2026, 11, 21)
SUN = date(2026, 11, 22)
YEAR_END = date(2026, 12, 28)  # a Monday
LEAP_DAY_YEAR = date(2027, 3, 1)

DATES: list[tuple[date, str, date | None]] = [
    (WED, "next Saturday", date(2026, 11, 28)),
    (WED, "this Saturday", date(2026, 11, 21)),
    (WED, "Saturday", date(2026, 11, 21)),
    (WED, "saturday night", date(2026, 11, 21)),
    (WED, "on sat", date(2026, 11, 21)),
    (WED, "next sat", date(2026, 11, 28)),
    (WED, "saturday next week", date(2026, 11, 28)),
    (WED, "friday this week", date(2026, 11, 20)),
    (WED, "monday this week", None),
    (WED, "this coming friday", date(2026, 11, 20)),
    (WED, "wednesday", WED),
    (WED, "this coming wednesday", date(2026, 11, 25)),
    (WED, "next wednesday", date(2026, 11, 25)),
    (WED, "Dec 5th", date(2026, 12, 5)),
    (WED, "December 5", date(2026, 12, 5)),
    (WED, "december fifth", date(2026, 12, 5)),
    (WED, "5th of December", date(2026, 12, 5)),
    (WED, "dec. 5, 2026", date(2026, 12, 5)),
    (WED, "12/05", date(2026, 12, 5)),
    (WED, "12/5/2026", date(2026, 12, 5)),
    (WED, "12/5/26", date(2026, 12, 5)),
    (WED, "12-05-2026", date(2026, 12, 5)),
    (WED, "2026-12-05", date(2026, 12, 5)),
    (WED, "tomorrow", date(2026, 11, 19)),
    (WED, "tmrw", date(2026, 11, 19)),
    (WED, "tonight", WED),
    (WED, "day after tomorrow", date(2026, 11, 20)),
    (WED, "the 5th", date(2026, 12, 5)),
    (WED, "on the 20th", date(2026, 11, 20)),
    (WED, "the 18th", WED),
    (WED, "the 31st", date(2026, 12, 31)),
    (WED, "2nd saturday of december", date(2026, 12, 12)),
    (WED, "the last friday in january", date(2027, 1, 29)),
    (WED, "Christmas Eve", date(2026, 12, 24)),
    (WED, "xmas", date(2026, 12, 25)),
    (WED, "christmas day", date(2026, 12, 25)),
    (WED, "New Year's Eve", date(2026, 12, 31)),
    (WED, "NYE", date(2026, 12, 31)),
    (WED, "new years day", date(2027, 1, 1)),
    (WED, "Valentine's Day", date(2027, 2, 14)),
    (WED, "valentines", date(2027, 2, 14)),
    (WED, "Fourth of July", date(2027, 7, 4)),
    (WED, "4th of july", date(2027, 7, 4)),
    (WED, "independence day", date(2027, 7, 4)),
    (WED, "thanksgiving", date(2026, 11, 26)),
    (WED, "Mother's Day", date(2027, 5, 9)),
    (WED, "fathers day", date(2027, 6, 20)),
    (WED, "memorial day", date(2027, 5, 31)),
    (WED, "labor day", date(2027, 9, 6)),
    (WED, "easter", date(2027, 3, 28)),
    (WED, "halloween", date(2027, 10, 31)),
    (WED, "new year's eve party", date(2026, 12, 31)),
    (WED, "saturday dec 5", date(2026, 12, 5)),
    (WED, "Sat, 12/5", date(2026, 12, 5)),
    (WED, "Saturday the 5th", date(2026, 12, 5)),
    (WED, "weekend of the 5th", date(2026, 12, 5)),
    (WED, "not saturday, sunday", date(2026, 11, 22)),
    (WED, "Dec 5th for 20 people", date(2026, 12, 5)),
    (WED, "dec 5 and 20 adults", date(2026, 12, 5)),
    (WED, "saturdy", date(2026, 11, 21)),
    (WED, "decmber 12", date(2026, 12, 12)),
    # Year boundaries: a month and day already past this year mean next year.
    (YEAR_END, "Jan 3rd", date(2027, 1, 3)),
    (YEAR_END, "1/3", date(2027, 1, 3)),
    (YEAR_END, "the 2nd", date(2027, 1, 2)),
    (YEAR_END, "the 30th", date(2026, 12, 30)),
    (YEAR_END, "new year's day", date(2027, 1, 1)),
    (YEAR_END, "christmas", date(2027, 12, 25)),
    (YEAR_END, "next saturday", date(2027, 1, 9)),
    (YEAR_END, "this saturday", date(2027, 1, 2)),
    (YEAR_END, "this weekend", date(2027, 1, 2)),
    (YEAR_END, "Dec 28", YEAR_END),
    (YEAR_END, "Dec 27", date(2027, 12, 27)),
    (YEAR_END, "thanksgiving", date(2027, 11, 25)),
    (LEAP_DAY_YEAR, "feb 29", date(2028, 2, 29)),
    (date(2027, 12, 31), "tomorrow", date(2028, 1, 1)),
    (date(2027, 12, 31), "the 1st", date(2028, 1, 1)),
    # Weekends and Saturdays said on the weekend.
    (SAT, "this saturday", SAT),
    (SAT, "this coming saturday", date(2026, 11, 28)),
    (SAT, "next saturday", date(2026, 11, 28)),
    (SAT, "this weekend", SAT),
    (SUN, "this weekend", SUN),
    (SUN, "next weekend", date(2026, 11, 28)),
    (SUN, "next saturday", date(2026, 11, 28)),
    (SUN, "saturday", date(2026, 11, 28)),
    # Nothing, rather than a guess.
    (WED, "saturday or sunday", None),
    (WED, "dec 5 or 6", None),
    (WED, "Dec 5-6", None),
    (WED, "the 5th or 6th", None),
    (WED, "friday dec 5", None),  # Dec 5 2026 is a Saturday
    (WED, "the saturday before christmas", None),
    (WED, "sometime after thanksgiving", None),
    (WED, "a saturday in december", None),
    (WED, "christmas week", None),
    (WED, "our christmas party", None),
    (WED, "the 2nd saturday", None),
    (WED, "12/5/2025", None),
    (WED, "dec 5 2025", None),
    (WED, "feb 30", None),
    (WED, "13/45", None),
    (WED, "next week", None),
    (WED, "in december", None),
    (WED, "last saturday was fun", None),
    (WED, "we prefer saturdays", None),
    (WED, "we sat down", None),
    (WED, "it's my 5th birthday party", None),
    (WED, "for the first time", None),
    (WED, "may 5 people come?", None),
    (WED, "2026", None),
    (WED, "1/2 chicken 1/2 steak", None),
    (WED, "on 1/2 at 6", date(2027, 1, 2)),
    (WED, "at 6/7", None),
]


@pytest.mark.parametrize(("today", "message", "expected"), DATES)
def test_event_date(today: date, message: str, expected: date | None) -> None:
    found = read(message, today)
    assert found.event_date == expected
    assert found.event_date is None or found.event_date >= today


@pytest.mark.parametrize(
    ("today", "message", "weekend"),
    [
        (WED, "this weekend", True),
        (WED, "next weekend", True),
        (WED, "sometime this weekend, saturday ideally", False),
        (WED, "saturday", False),
        (WED, "weekend of dec 5", False),
    ],
)
def test_weekend_flag(today: date, message: str, weekend: bool) -> None:
    found = read(message, today)
    assert found.date_is_weekend is weekend
    assert found.event_date is not None and found.event_date.weekday() == 5


@pytest.mark.parametrize(
    ("year", "sunday"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year: int, sunday: date) -> None:
    assert easter(year) == sunday


TIMES: list[tuple[str, time | None]] = [
    ("6pm", time(18, 0)),
    ("6 PM", time(18, 0)),
    ("6:30 pm", time(18, 30)),
    ("6:30p.m.", time(18, 30)),
    ("7p", time(19, 0)),
    ("11am", time(11, 0)),
    ("12pm", time(12, 0)),
    ("at 5", time(17, 0)),
    ("@ 6", time(18, 0)),
    ("start at 6ish", time(18, 0)),
    ("around 7", time(19, 0)),
    ("around 7 would be great", time(19, 0)),
    ("at 11", time(11, 0)),
    ("at 12", time(12, 0)),
    ("18:00", time(18, 0)),
    ("6:30", time(18, 30)),
    ("11:30", time(11, 30)),
    ("7 o'clock", time(19, 0)),
    ("noon", time(12, 0)),
    ("12 noon", time(12, 0)),
    ("6-9pm", time(18, 0)),
    ("5 to 8pm", time(17, 0)),
    ("11-2pm", time(11, 0)),
    ("at six thirty", time(18, 30)),
    ("at six", time(18, 0)),
    ("in the evening", None),
    ("dinner time", None),
    ("tonight", None),
    ("6pm or 7pm", None),
    ("4:30 or 5", None),
    ("at 6 or 7", None),
    ("at 6/7", None),
    ("at 5 people", None),
    ("around 20 people", None),
    ("we'll have around 10", None),
    ("party for around 10", None),
    ("at 25", None),
    ("13:75", None),
]


@pytest.mark.parametrize(("message", "expected"), TIMES)
def test_start_time(message: str, expected: time | None) -> None:
    assert read(message).start_time == expected


def test_a_time_and_a_date_in_one_message_do_not_trade_digits() -> None:
    found = read("12/5 at 6:30pm for 12 adults")
    assert (found.event_date, found.start_time, found.adults) == (
        date(2026, 12, 5),
        time(18, 30),
        12,
    )


# --- relative dates (issue 9) --------------------------------------------------------------

MON = date(2026, 11, 16)
WEEK = [MON + timedelta(days=i) for i in range(7)]  # Monday 16th ... Sunday 22nd

RELATIVE: list[tuple[date, str, date | None]] = [
    (WED, "in 3 weeks", date(2026, 12, 9)),
    (WED, "in three weeks", date(2026, 12, 9)),
    (WED, "3 weeks from now", date(2026, 12, 9)),
    (WED, "three weeks from today", date(2026, 12, 9)),
    (WED, "3 weeks out", date(2026, 12, 9)),
    (WED, "in a week", date(2026, 11, 25)),
    (WED, "a week from today", date(2026, 11, 25)),
    (WED, "in a couple of weeks", date(2026, 12, 2)),
    (WED, "in 10 days", date(2026, 11, 28)),
    (WED, "a week from tomorrow", date(2026, 11, 26)),
    (WED, "two weeks from Friday", date(2026, 12, 4)),
    (WED, "a week from saturday", date(2026, 11, 28)),
    (WED, "2 weeks after this saturday", date(2026, 12, 5)),
    (WED, "saturday three weeks from now", date(2026, 12, 12)),
    (WED, "Saturday, 3 weeks from now", None),  # a list, not one phrase: two days
    (WED, "saturday in 3 weeks", date(2026, 12, 12)),
    (WED, "3 weeks from now on a saturday", date(2026, 12, 12)),
    (WED, "friday in two weeks", date(2026, 12, 4)),
    (WED, "the Saturday after next", date(2026, 11, 28)),
    (SAT, "the Saturday after next", date(2026, 12, 5)),
    (SUN, "the saturday after next", date(2026, 12, 5)),
    (WED, "the weekend after next", date(2026, 11, 28)),
    (WED, "sat after next", date(2026, 11, 28)),
    (WED, "next month on the 12th", date(2026, 12, 12)),
    (WED, "the 12th of next month", date(2026, 12, 12)),
    (WED, "on the 12th next month", date(2026, 12, 12)),
    (YEAR_END, "next month on the 12th", date(2027, 1, 12)),
    (WED, "the 30th of this month", date(2026, 11, 30)),
    (WED, "the 10th of this month", None),  # passed
    (date(2027, 1, 15), "the 30th of next month", None),  # no Feb 30
    (WED, "Jan 9", date(2027, 1, 9)),
    (WED, "12/20", date(2026, 12, 20)),
    (WED, "the 20th", date(2026, 11, 20)),
    (WED, "the 17th", date(2026, 12, 17)),  # the 17th of this month has passed
]


@pytest.mark.parametrize(("today", "message", "expected"), RELATIVE)
def test_relative_date(today: date, message: str, expected: date | None) -> None:
    assert read(message, today).event_date == expected


# "this saturday" / "next saturday" / "the saturday after next" for every weekday of today.
WEEKDAY_RULES = [
    # today,   this saturday,        next saturday,        the saturday after next
    (WEEK[0], date(2026, 11, 21), date(2026, 11, 28), date(2026, 11, 28)),
    (WEEK[1], date(2026, 11, 21), date(2026, 11, 28), date(2026, 11, 28)),
    (WEEK[2], date(2026, 11, 21), date(2026, 11, 28), date(2026, 11, 28)),
    (WEEK[3], date(2026, 11, 21), date(2026, 11, 28), date(2026, 11, 28)),
    (WEEK[4], date(2026, 11, 21), date(2026, 11, 28), date(2026, 11, 28)),
    (WEEK[5], date(2026, 11, 21), date(2026, 11, 28), date(2026, 12, 5)),
    (WEEK[6], date(2026, 11, 28), date(2026, 11, 28), date(2026, 12, 5)),
]


@pytest.mark.parametrize(("today", "this", "next_", "after_next"), WEEKDAY_RULES)
def test_this_next_and_after_next_saturday(
    today: date, this: date, next_: date, after_next: date
) -> None:
    assert read("this saturday", today).event_date == this
    assert read("next saturday", today).event_date == next_
    assert read("the saturday after next", today).event_date == after_next


# "saturday three weeks from now": the Saturday of the week that holds today + 21 days.
THREE_WEEKS_OUT = [
    (WEEK[0], date(2026, 12, 12)),
    (WEEK[1], date(2026, 12, 12)),
    (WEEK[2], date(2026, 12, 12)),
    (WEEK[3], date(2026, 12, 12)),
    (WEEK[4], date(2026, 12, 12)),
    (WEEK[5], date(2026, 12, 12)),
    (WEEK[6], date(2026, 12, 12)),
]


@pytest.mark.parametrize(("today", "expected"), THREE_WEEKS_OUT)
def test_saturday_three_weeks_from_now_on_every_weekday(today: date, expected: date) -> None:
    for message in (
        "saturday three weeks from now",
        "Saturday 3 weeks from now",
        "saturday in 3 weeks",
        "three weeks from now on saturday",
    ):
        assert read(message, today).event_date == expected, message


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.integers(1, 8), st.sampled_from(WEEKDAYS))
def test_weekday_n_weeks_out_is_that_weekday_in_that_week(today: date, n: int, day: str) -> None:
    found = read(f"{day} {n} weeks from now", today).event_date
    target = today + timedelta(weeks=n)
    assert found is not None
    assert found.weekday() == WEEKDAYS.index(day)
    assert found - timedelta(days=found.weekday()) == target - timedelta(days=target.weekday())
    assert found > today


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.integers(1, 12))
def test_in_n_weeks_is_n_weeks_from_today(today: date, n: int) -> None:
    assert read(f"in {n} weeks", today).event_date == today + timedelta(weeks=n)
    assert read(f"{n} weeks from now", today).event_date == today + timedelta(weeks=n)


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.sampled_from(WEEKDAYS))
def test_the_weekday_after_next_skips_exactly_one(today: date, day: str) -> None:
    found = read(f"the {day} after next", today).event_date
    assert found is not None
    assert found.weekday() == WEEKDAYS.index(day)
    assert 8 <= (found - today).days <= 14


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.integers(1, 31))
def test_the_nth_of_next_month_is_in_next_month(today: date, day: int) -> None:
    found = read(f"the {day}th of next month", today).event_date
    month = today.month % 12 + 1
    if found is not None:
        assert (found.month, found.day) == (month, day)
        assert found > today


UNSURE_DATES = [
    "the 12th or 13th",
    "Dec 5 or 6",
    "saturday or sunday",
    "sometime in March",
    "early december",
    "mid january",
    "end of february",
    "in march",
    "next week",
    "sometime next month",
    "in a few weeks",
    "in 2 months",
    "this summer",
    "before christmas",
    "the week of the 14th",
]


@pytest.mark.parametrize("message", UNSURE_DATES)
def test_vague_or_alternative_dates_are_unsure(message: str) -> None:
    found = read(message)
    assert found.event_date is None
    assert "event_date" in found.unsure


@pytest.mark.parametrize(
    "message", ["next saturday", "the 20th", "in 3 weeks", "20 people", "may we book"]
)
def test_clear_dates_are_not_unsure(message: str) -> None:
    assert "event_date" not in read(message).unsure


@pytest.mark.parametrize(
    "message", ["6 or 7pm", "4:30 or 5", "at 5, or maybe 6:30pm", "6pm or 7pm"]
)
def test_alternative_times_are_unsure(message: str) -> None:
    found = read(message)
    assert found.start_time is None
    assert "start_time" in found.unsure


_PHRASES = st.sampled_from(
    [
        "in {n} weeks",
        "{n} weeks from now",
        "{day} {n} weeks from now",
        "{day} in {n} weeks",
        "{n} weeks from {day}",
        "the {day} after next",
        "next {day}",
        "this {day}",
        "the {d}th of next month",
        "next month on the {d}th",
        "the {d}th",
        "{m}/{d}",
        "en {n} semanas",
        "el {d} de diciembre",
        "the weekend after next",
    ]
)


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, _PHRASES, st.integers(1, 9), st.integers(1, 31), st.integers(1, 12))
def test_no_relative_date_is_ever_before_today(
    today: date, phrase: str, n: int, d: int, m: int
) -> None:
    for day in WEEKDAYS:
        found = read(phrase.format(n=n, d=d, m=m, day=day), today).event_date
        assert found is None or found >= today
