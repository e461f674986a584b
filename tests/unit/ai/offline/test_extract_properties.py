"""Properties over generated messages: numbers in words, dates, and numbers that are not counts."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shared.ai.offline.numbers import numeralise, words_value
from shared.ai.offline.vocab import MONTHS, WEEKDAYS
from tests.unit.ai.offline.conftest import read

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int, hyphen: bool = True, hundred_and: bool = False) -> str:
    """An independent spelling of 1-999, the way people write it."""
    if n >= 100:
        head = f"{_UNITS[n // 100]} hundred"
        rest = n % 100
        return (
            head if not rest else f"{head} {'and ' if hundred_and else ''}{in_words(rest, hyphen)}"
        )
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] if not unit else f"{_TENS[tens]}{'-' if hyphen else ' '}{_UNITS[unit]}"


todays = st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31))
nouns = st.sampled_from(
    [
        ("adults", "adults"),
        ("kids", "children"),
        ("toddlers", "toddlers"),
        ("guests", "guests"),
        ("people", "guests"),
        ("children", "children"),
        ("grownups", "adults"),
    ]
)


@settings(deadline=None)  # extraction time is benched, not asserted
@given(st.integers(1, 999), st.booleans(), st.booleans())
def test_any_number_in_words_reads_back(n: int, hyphen: bool, hundred_and: bool) -> None:
    words = in_words(n, hyphen, hundred_and)
    assert words_value(words) == n
    assert numeralise(words) == str(n)


@settings(deadline=None)  # extraction time is benched, not asserted
@given(st.integers(1, 99), nouns, st.booleans())
def test_a_count_in_words_or_digits_lands_in_its_kind(
    n: int, noun: tuple[str, str], as_words: bool
) -> None:
    word, kind = noun
    found = read(f"we'll have {in_words(n) if as_words else n} {word} coming")
    assert getattr(found, kind) == n
    others = {"adults", "children", "toddlers", "guests"} - {kind}
    assert all(getattr(found, other) is None for other in others)


@settings(deadline=None)  # extraction time is benched, not asserted
@given(
    st.integers(1990, 2099),
    st.integers(1, 99_999),
    st.sampled_from(["in {year}", "back in {year}!", "{year}?", "for {year}"]),
)
def test_years_and_prices_never_become_counts_or_zips(year: int, price: int, shape: str) -> None:
    found = read(f"is it ${price:,} {shape.format(year=year)}")
    assert (found.guests, found.adults, found.bare_number, found.zipcode) == (None,) * 4


@settings(deadline=None)  # extraction time is benched, not asserted
@given(st.integers(1, 999), st.sampled_from(["dollars", "bucks", "per person", "a head"]))
def test_amounts_are_not_counts(n: int, unit: str) -> None:
    found = read(f"{n} {unit} for 20 people")
    assert found.guests == 20
    assert found.bare_number is None


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.integers(0, 364), st.booleans())
def test_month_and_day_mean_their_next_occurrence(
    today: date, ahead: int, abbreviate: bool
) -> None:
    day = today + timedelta(days=ahead)
    assume(not (day.month == 2 and day.day == 29))  # Feb 29 may be years away
    month = MONTHS[day.month - 1]
    found = read(f"party on {month[:3] if abbreviate else month} {day.day}", today)
    assert found.event_date == day


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.integers(0, 3000))
def test_written_out_dates_with_a_year(today: date, ahead: int) -> None:
    day = today + timedelta(days=ahead)
    for text in (day.isoformat(), f"{day.month}/{day.day}/{day.year}", day.strftime("%B %d, %Y")):
        assert read(text, today).event_date == day


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.integers(1, 3000))
def test_past_dates_with_a_year_are_not_taken(today: date, behind: int) -> None:
    day = today - timedelta(days=behind)
    assert read(day.isoformat(), today).event_date is None


@settings(deadline=None)  # extraction time is benched, not asserted
@given(todays, st.sampled_from(WEEKDAYS))
def test_weekday_words(today: date, weekday: str) -> None:
    index = WEEKDAYS.index(weekday)
    this = read(f"this {weekday}", today).event_date
    bare = read(f"{weekday} works", today).event_date
    following = read(f"next {weekday}", today).event_date
    assert this == bare
    assert this is not None and following is not None
    assert this.weekday() == following.weekday() == index
    assert 0 <= (this - today).days <= 6
    monday = today - timedelta(days=today.weekday())
    assert 7 <= (following - monday).days <= 13


@settings(deadline=None)  # extraction time is benched, not asserted
@given(st.text(max_size=200), todays)
def test_any_text_extracts_without_error_and_never_a_past_date(text: str, today: date) -> None:
    found = read(text, today)
    assert found.event_date is None or found.event_date >= today
    assert found.zipcode is None or (len(found.zipcode) == 5 and found.zipcode.isdigit())
    for count in (found.adults, found.children, found.toddlers, found.guests, found.bare_number):
        assert count is None or 1 <= count <= 999


@settings(deadline=None)  # extraction time is benched, not asserted
@given(
    st.sampled_from(["213", "310", "415", "916", "646"]),
    st.integers(200, 999),
    st.integers(0, 9999),
    st.sampled_from(["({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "{a}{b}{c}", "+1 {a} {b} {c}"]),
)
def test_phone_numbers(area: str, exchange: int, line: int, shape: str) -> None:
    assume(exchange != 555 or 100 <= line <= 199)  # other 555 lines are not assigned
    written = shape.format(a=area, b=exchange, c=f"{line:04d}")
    found = read(f"call me {written}, party of 8")
    assert found.phone == f"+1{area}{exchange}{line:04d}"
    assert (found.guests, found.zipcode) == (8, None)


@settings(deadline=None)  # extraction time is benched, not asserted
@given(st.integers(0, 99_999), st.sampled_from(["zip is {z}", "zip: {z}", "we're in {z}", "{z}"]))
def test_five_digits_in_a_zip_shape_are_the_zip(number: int, shape: str) -> None:
    zipcode = f"{number:05d}"
    assert read(shape.format(z=zipcode)).zipcode == zipcode
