"""Which dates carry the peak surcharge: the price book's rules evaluated for a given year."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from typing import get_args

from shared.pricing.models import FixedPeakDate, PeakDateRule, Weekday

_WEEKDAYS: tuple[str, ...] = get_args(Weekday)  # Monday first, as date.weekday() counts


def nth_weekday(year: int, month: int, weekday: str, nth: int) -> date:
    """The `nth` `weekday` of a month: `nth_weekday(2026, 11, "thursday", 4)` is Thanksgiving."""
    first = date(year, month, 1)
    offset = (_WEEKDAYS.index(weekday) - first.weekday()) % 7
    day = first + timedelta(days=offset + 7 * (nth - 1))
    if day.month != month:
        raise ValueError(f"{calendar.month_name[month]} {year} has no {nth}th {weekday}")
    return day


def rule_date(rule: PeakDateRule, year: int) -> date | None:
    """The day `rule` falls on in `year` (None for Feb 29 outside leap years)."""
    if isinstance(rule, FixedPeakDate):
        if rule.day > calendar.monthrange(year, rule.month)[1]:
            return None
        return date(year, rule.month, rule.day)
    return nth_weekday(year, rule.month, rule.weekday, rule.nth)


def peak_rule(day: date, rules: Iterable[PeakDateRule]) -> PeakDateRule | None:
    """The first rule that falls on `day`, or None when `day` is an ordinary date."""
    return next((rule for rule in rules if rule_date(rule, day.year) == day), None)
