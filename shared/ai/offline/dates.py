"""The event date in a message, resolved against an injected `today`, never before it.

Explicit dates ("Dec 5th", "12/5", "2026-12-05", "the 5th", "2nd Saturday of May") win
over holidays ("Christmas Eve"), which win over relative days ("next Saturday", "this
weekend", "tomorrow"). A month and day without a year mean their next occurrence; a date
with a year already past means nothing. The answer is None, rather than a guess, when the
strongest kind names two different days ("Saturday or Sunday", "Dec 5 or 6"), when a
written weekday contradicts its date ("Friday Dec 5" in a year Dec 5 is a Saturday), or
when the date is relative to another ("the Saturday before Christmas").

Weekday words: "Saturday" and "this Saturday" are the soonest Saturday (today included),
"this coming Saturday" the soonest after today, and "next Saturday" the Saturday of next
week (weeks run Monday to Sunday). "This weekend" is this week's Saturday (or today on a
Sunday), "next weekend" next week's, and `When.weekend` says Sunday is meant as much.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from shared.ai.offline.holidays import (
    HOLIDAY,
    VAGUE_AFTER,
    holiday_rule,
    next_on_or_after,
    weekday_in_month,
)
from shared.ai.offline.text import MASK
from shared.ai.offline.vocab import (
    GUEST_NOUN,
    MONTH,
    UNIT,
    WEEKDAY,
    WEEKDAY_ABBREVIATION,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    month_number,
)


@dataclass(frozen=True)
class When:
    day: date | None = None
    weekend: bool = False


_NOT_DAY_AFTER = (
    rf"(?!\s*(?:{GUEST_NOUN}|pm|am|p\.m|a\.m|o'?clock|hours?|minutes?|mins?|years?|"
    r"dollars?|bucks|of\s+(?:us|them|the)|time|birthday|bday|anniversary|grade|floor|street|"
    rf"st|ave|avenue|place|row|one|course|protein|option|choice|week|{WEEKDAY})\b)"
)
_YEAR = r"(?:,?\s+(?P<year>20\d{2}))?"
_ISO = re.compile(r"\b(?P<year>20\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
_NUMERIC = re.compile(
    r"(?<![\d/.$-])(?P<month>\d{1,2})(?P<sep>[/.-])(?P<day>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\d/-]|\.\d)"
)
_MONTH_DAY = re.compile(
    rf"\b(?P<mname>{MONTH})\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}"
    rf"(?![\d:]){_NOT_DAY_AFTER}"
)
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<day>\d{{1,2}})(?:(?P<ord>st|nd|rd|th)\s+(?:of\s+)?|\s+of\s+|\s+)"
    rf"(?P<mname>{MONTH}){_YEAR}"
)
_NTH_WEEKDAY = re.compile(
    rf"\b(?:the\s+)?(?P<nth>[1-4](?:st|nd|rd|th)|last)\s+(?P<wday>{WEEKDAY})\s+(?:of|in)\s+"
    rf"(?P<mname>{MONTH}){_YEAR}"
)
_SHORT = re.compile(
    r"(?<![\d/.$-])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/]|\.\d)(?!\s+(?:of|a|an)\b)"
)
# "1/2 chicken" is a fraction; "on 1/2 at 6" a date.
_FRACTIONS = frozenset({"1/2", "1/3", "1/4", "2/3", "3/4"})
_CLOCK_BEFORE = re.compile(r"(?:\bat|@|\baround)\s*$")
_DATE_AFTER_FRACTION = re.compile(
    r"\s*(?:$|[^\w\s]|(?:at|for|on|is|works|would|and|or|with|from|evening|night|afternoon)\b)"
)
_ORDINAL_DAY = re.compile(
    rf"\b(?:on\s+)?(?:the\s+)(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b{_NOT_DAY_AFTER}"
)
_RELATIVE = re.compile(
    rf"\b(?:(?P<prefix>this coming|coming|this|next|on|for|upcoming|last|this past|past)\s+)?"
    rf"(?P<wday>{WEEKDAY}|{WEEKDAY_ABBREVIATION})\b\.?"
    r"(?:\s+(?P<suffix>next week|this week|after next))?"
)
_WEEKEND = re.compile(r"\b(?:(?P<prefix>this coming|this|next|coming|last|past)\s+)?weekend\b")
_DAY_WORD = re.compile(r"\b(?:(?P<after>day after )?tomorrow|today|tonight)\b")
_STANDALONE_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

_VETO_BEFORE = re.compile(
    r"\b(?:before|after|until|till|til|prior to|week of|weekend (?:before|after)|"
    r"sometime around|not later than)\s+(?:the\s+|on\s+)?$"
)
_SKIP_BEFORE = re.compile(
    r"\b(?:not|no|except|can't do|cannot do|can't|cannot|besides)\s+(?:on\s+)?$"
)
_RANGE_AFTER = re.compile(
    r"\s*(?:-|to|or|and|&|/|thru|through)\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b"
    rf"(?!\s*(?:{GUEST_NOUN}|{UNIT}|:))"
)
_VAGUE_WEEKDAY_AFTER = re.compile(rf"\s+(?:or\s+\w+\s+)?(?:in|of)\s+(?:the\s+month|{MONTH})")
_NTH_BEFORE = re.compile(r"\d(?:st|nd|rd|th)\s+$")  # "the 2nd saturday" of which month?
_SLOT = re.compile(r"§d(\d+)")
_ADJACENT_AFTER = re.compile(r"[\s,(]*(?:the\s+)?§d(\d+)")
_ADJACENT_BEFORE = re.compile(r"§d(\d+)[\s,)]*\(?\s*$")


def _valid(year: int, month: int, day: int) -> date | None:
    if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def _upcoming(today: date, month: int, day: int) -> date | None:
    """The next `month`/`day` on or after today (Feb 29 waits for a leap year)."""
    for year in range(today.year, today.year + 5):
        found = _valid(year, month, day)
        if found is not None and found >= today:
            return found
        if found is None and not (month == 2 and day == 29):
            return None
    return None


def _month_of(today: date, day: int) -> date | None:
    """Day `day` of this month if still ahead, else of next month."""
    this_month = _valid(today.year, today.month, day)
    if this_month is not None and this_month >= today:
        return this_month
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return _valid(year, month, day)


class _Scan:
    """Collects every date expression in one message, masking each as it goes."""

    def __init__(self, text: str, today: date) -> None:
        self.text = text
        self.today = today
        self.explicit: list[date | None] = []
        self.holidays: list[date] = []
        self.relative: list[tuple[date, bool]] = []
        self.veto = False

    def _vetoed_or_skipped(self, match: re.Match[str]) -> bool:
        """Vetoes the whole answer ("before Christmas"), or says to skip this match ("not
        Saturday")."""
        before = match.string[max(0, match.start() - 40) : match.start()]
        if _VETO_BEFORE.search(before):
            self.veto = True
        return self.veto or bool(_SKIP_BEFORE.search(before))

    def _explicit(self, match: re.Match[str], found: date | None) -> str:
        if _RANGE_AFTER.match(match.string, match.end()):
            self.veto = True
        if self._vetoed_or_skipped(match):
            return MASK
        self.explicit.append(found)
        return f" §d{len(self.explicit) - 1} "

    def _dated(self, year: str | None, month: int, day: int) -> date | None:
        if year is None:
            return _upcoming(self.today, month, day)
        found = _valid(int(year) + (2000 if len(year) == 2 else 0), month, day)
        return found if found is not None and found >= self.today else None

    def _numeric(self, m: re.Match[str]) -> str:
        year = m.groupdict().get("year")
        return self._explicit(m, self._dated(year, int(m["month"]), int(m["day"])))

    def _month_day(self, m: re.Match[str]) -> str:
        name = m["mname"].rstrip(".")
        bare = m.re is _DAY_MONTH and not m["ord"] and " of " not in m.group()
        if bare and name in ("may", "march", "mar"):
            return m.group()  # "5 may come": a verb, not a month
        return self._explicit(m, self._dated(m["year"], month_number(name), int(m["day"])))

    def _nth(self, m: re.Match[str]) -> str:
        month = month_number(m["mname"].rstrip("."))
        nth = None if m["nth"] == "last" else int(m["nth"][0])
        years = [int(m["year"])] if m["year"] else [self.today.year, self.today.year + 1]
        found = next(
            (
                day
                for year in years
                if (day := weekday_in_month(year, month, m["wday"], nth)) >= self.today
            ),
            None,
        )
        return self._explicit(m, found)

    def _short(self, m: re.Match[str]) -> str:
        if m.group() in _FRACTIONS and not _DATE_AFTER_FRACTION.match(m.string, m.end()):
            return m.group()
        if _CLOCK_BEFORE.search(m.string, 0, m.start()):
            return m.group()  # "at 6/7": six or seven o'clock
        return self._numeric(m)

    def _ordinal(self, m: re.Match[str]) -> str:
        return self._explicit(m, _month_of(self.today, int(m["day"])))

    def _holiday(self, m: re.Match[str]) -> str:
        rule = holiday_rule(m)
        if rule is None or self._vetoed_or_skipped(m):
            return m.group() if rule is None else MASK
        if VAGUE_AFTER.match(m.string, m.end()):
            self.veto = True
        self.holidays.append(next_on_or_after(rule, self.today))
        return MASK

    def _weekday(self, m: re.Match[str]) -> str:
        word, prefix, suffix = m["wday"], m["prefix"], m["suffix"]
        weekday = WEEKDAYS.index(word) if word in WEEKDAYS else WEEKDAY_ABBREVIATIONS[word]
        text = m.string
        adjacent = _ADJACENT_AFTER.match(text, m.end()) or _ADJACENT_BEFORE.search(
            text, 0, m.start()
        )
        if adjacent:
            written = self.explicit[int(adjacent.group(1))]
            if written is not None and written.weekday() != weekday:
                self.veto = True
            return MASK
        if word not in WEEKDAYS and prefix is None:
            return m.group()  # "sat" alone may be a verb
        if prefix in ("last", "past", "this past") or self._vetoed_or_skipped(m):
            return MASK
        vague = _VAGUE_WEEKDAY_AFTER.match(text, m.end()) or _NTH_BEFORE.search(text, 0, m.start())
        if suffix == "after next" or vague:
            self.veto = True
            return MASK
        day = self._weekday_date(weekday, prefix, suffix)
        if day >= self.today:  # "monday this week" on a Wednesday has passed
            self.relative.append((day, False))
        return MASK

    def _weekday_date(self, weekday: int, prefix: str | None, suffix: str | None) -> date:
        today = self.today
        monday = today - timedelta(days=today.weekday())
        if prefix == "next" or suffix == "next week":
            return monday + timedelta(days=7 + weekday)
        if suffix == "this week":
            return monday + timedelta(days=weekday)
        ahead = (weekday - today.weekday()) % 7
        if ahead == 0 and prefix in ("coming", "this coming"):
            ahead = 7
        return today + timedelta(days=ahead)

    def _weekend(self, m: re.Match[str]) -> str:
        prefix = m["prefix"]
        if prefix in ("last", "past") or self._vetoed_or_skipped(m):
            return MASK
        saturday = self.today + timedelta(days=5 - self.today.weekday())
        if prefix == "next":
            saturday += timedelta(days=7)
        self.relative.append((max(saturday, self.today), True))
        return MASK

    def _day_word(self, m: re.Match[str]) -> str:
        ahead = 0 if m.group() in ("today", "tonight") else 2 if m["after"] else 1
        if not self._vetoed_or_skipped(m):
            self.relative.append((self.today + timedelta(days=ahead), False))
        return MASK

    def run(self) -> tuple[When, str]:
        text = self.text
        for pattern, handler in (
            (_ISO, self._numeric),
            (_NUMERIC, self._numeric),
            (_NTH_WEEKDAY, self._nth),
            (_MONTH_DAY, self._month_day),
            (_DAY_MONTH, self._month_day),
            (_SHORT, self._short),
            (_ORDINAL_DAY, self._ordinal),
            (HOLIDAY, self._holiday),
            (_RELATIVE, self._weekday),
            (_WEEKEND, self._weekend),
            (_DAY_WORD, self._day_word),
        ):
            text = pattern.sub(handler, text)
        text = _STANDALONE_YEAR.sub(MASK, _SLOT.sub(MASK, text))
        return self._decide(), text

    def _decide(self) -> When:
        if self.veto:
            return When()
        if self.explicit:
            days = set(self.explicit)
            return When(days.pop()) if len(days) == 1 else When()
        if self.holidays:
            return When(self.holidays[0]) if len(set(self.holidays)) == 1 else When()
        days = {day for day, _ in self.relative}
        if len(days) == 1:
            return When(days.pop(), weekend=all(weekend for _, weekend in self.relative))
        return When()


def take_date(text: str, today: date) -> tuple[When, str]:
    """The event date in normalised, numeralised `text`, and `text` with every date masked."""
    return _Scan(text, today).run()
