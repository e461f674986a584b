"""Holidays customers name instead of a date ("Christmas Eve", "Fourth of July", "Thanksgiving").

Each holiday is a rule giving its date in a year; `next_on_or_after` picks the first one
not before today. Holidays whose parties are often held on another day ("our Christmas
party") are not dates when followed by "party"; "Christmas week" is too vague to be one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from shared.pricing.peak_dates import nth_weekday

Rule = Callable[[int], date]


def _fixed(month: int, day: int) -> Rule:
    return lambda year: date(year, month, day)


def weekday_in_month(year: int, month: int, weekday: str, nth: int | None) -> date:
    """The `nth` (1-4) `weekday` of a month, or its last one when `nth` is None."""
    if nth is not None:
        return nth_weekday(year, month, weekday, nth)
    fifth = nth_weekday(year, month, weekday, 4) + timedelta(days=7)
    return fifth if fifth.month == month else fifth - timedelta(days=7)


def _nth(month: int, weekday: str, nth: int | None) -> Rule:
    return lambda year: weekday_in_month(year, month, weekday, nth)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 2 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


# Pattern over normalised text -> rule. Longer names come first in the alternation.
HOLIDAYS: dict[str, Rule] = {
    r"christmas eve": _fixed(12, 24),
    r"christmas day|christmas": _fixed(12, 25),
    r"new year'?s'? eve|new years eve": _fixed(12, 31),
    r"new year'?s'? day|new years day": _fixed(1, 1),
    r"valentine'?s'?(?: day)?": _fixed(2, 14),
    r"(?:4th|fourth) of july|independence day": _fixed(7, 4),
    r"halloween": _fixed(10, 31),
    r"cinco de mayo": _fixed(5, 5),
    r"st\.? patrick'?s'? day|st\.? paddy'?s'? day|saint patrick'?s'? day": _fixed(3, 17),
    r"thanksgiving(?: day)?": _nth(11, "thursday", 4),
    r"mother'?s'? day|mothers day": _nth(5, "sunday", 2),
    r"father'?s'? day|fathers day": _nth(6, "sunday", 3),
    r"memorial day": _nth(5, "monday", None),
    r"labor day|labour day": _nth(9, "monday", 1),
    r"easter(?: sunday)?": easter,
}
_RULES = list(HOLIDAYS.values())
HOLIDAY = re.compile(
    r"\b(?:"
    + "|".join(f"(?P<h{i}>{pattern})" for i, pattern in enumerate(HOLIDAYS))
    + r")(?![\w'])"
)
# "<holiday> party" is often held on another day; only these holidays name their own day.
_OWN_DAY = re.compile(r"eve\b|day\b|july|thanksgiving|valentine")
_PARTY_AFTER = re.compile(r"\s*(?:party|parties|bash|celebration|gathering|get together|event)\b")
VAGUE_AFTER = re.compile(r"\s*(?:week|time|season|break|holidays|weekend|period|vacation)\b")


def holiday_rule(match: re.Match[str]) -> Rule | None:
    """The rule for a HOLIDAY match, or None when it names a party rather than a day."""
    name = match.group()
    if not _OWN_DAY.search(name) and _PARTY_AFTER.match(match.string, match.end()):
        return None
    index = int(next(key for key, value in match.groupdict().items() if value)[1:])
    return _RULES[index]


def next_on_or_after(rule: Rule, today: date) -> date:
    this_year = rule(today.year)
    return this_year if this_year >= today else rule(today.year + 1)
