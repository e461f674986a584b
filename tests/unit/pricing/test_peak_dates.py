"""Peak dates, including the ones that move (Mother's Day, Father's Day, Thanksgiving)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.pricing.models import FixedPeakDate, NthWeekdayPeakDate
from shared.pricing.peak_dates import nth_weekday, peak_rule, rule_date
from shared.pricing.price_book import default_price_book

RULES = default_price_book().peak.dates


def peak_name(day: date) -> str | None:
    rule = peak_rule(day, RULES)
    return rule.name if rule else None


@pytest.mark.parametrize(
    ("year", "mothers", "fathers", "thanksgiving"),
    [
        (2024, date(2024, 5, 12), date(2024, 6, 16), date(2024, 11, 28)),
        (2025, date(2025, 5, 11), date(2025, 6, 15), date(2025, 11, 27)),
        (2026, date(2026, 5, 10), date(2026, 6, 21), date(2026, 11, 26)),
        (2027, date(2027, 5, 9), date(2027, 6, 20), date(2027, 11, 25)),
        (2028, date(2028, 5, 14), date(2028, 6, 18), date(2028, 11, 23)),
        (2030, date(2030, 5, 12), date(2030, 6, 16), date(2030, 11, 28)),
    ],
)
def test_moving_holidays(year: int, mothers: date, fathers: date, thanksgiving: date) -> None:
    assert peak_name(mothers) == "Mother's Day"
    assert peak_name(fathers) == "Father's Day"
    assert peak_name(thanksgiving) == "Thanksgiving"
    for day in (mothers, fathers, thanksgiving):
        assert peak_name(day - timedelta(days=7)) is None
        assert peak_name(day + timedelta(days=7)) is None


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
@pytest.mark.parametrize(
    ("month", "day", "name"),
    [
        (12, 24, "Christmas Eve"),
        (12, 25, "Christmas Day"),
        (12, 31, "New Year's Eve"),
        (1, 1, "New Year's Day"),
        (2, 14, "Valentine's Day"),
        (7, 4, "Independence Day"),
    ],
)
def test_fixed_dates(year: int, month: int, day: int, name: str) -> None:
    assert peak_name(date(year, month, day)) == name


@pytest.mark.parametrize(
    "day", [date(2026, 12, 26), date(2026, 12, 23), date(2027, 7, 3), date(2026, 11, 27)]
)
def test_ordinary_days(day: date) -> None:
    assert peak_name(day) is None


def test_an_impossible_nth_weekday_is_refused() -> None:
    with pytest.raises(ValueError, match="no 5th"):
        nth_weekday(2026, 2, "monday", 5)


def test_a_leap_day_rule_skips_other_years() -> None:
    leap = FixedPeakDate(name="Leap day", month=2, day=29)
    assert rule_date(leap, 2028) == date(2028, 2, 29)
    assert rule_date(leap, 2027) is None


@given(
    year=st.integers(1900, 2200),
    month=st.integers(1, 12),
    weekday=st.sampled_from(["monday", "wednesday", "thursday", "sunday"]),
    nth=st.integers(1, 4),
)
def test_nth_weekday_is_that_weekday_in_that_week(
    year: int, month: int, weekday: str, nth: int
) -> None:
    rule = NthWeekdayPeakDate(name="x", month=month, weekday=weekday, nth=nth)  # type: ignore[arg-type]
    day = rule_date(rule, year)
    assert day is not None
    assert (day.year, day.month) == (year, month)
    assert day.strftime("%A").lower() == weekday
    assert 7 * (nth - 1) < day.day <= 7 * nth
