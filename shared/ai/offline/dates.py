"""The event date in a message, resolved against an injected `today`, never before it.

Explicit dates ("Dec 5th", "12/5", "2026-12-05", "the 5th", "2nd Saturday of May") win
over holidays ("Christmas Eve"), which win over relative days ("next Saturday", "this
weekend", "tomorrow"). A month and day without a year mean their next occurrence; a date
with a year already past means nothing. The answer is None, rather than a guess, when the
strongest kind names two different days ("Saturday or Sunday", "Dec 5 or 6"), when a
written weekday contradicts its date ("Friday Dec 5" in a year Dec 5 is a Saturday), or
when the date is relative to another ("the Saturday before Christmas").

Weekday words (weeks run Monday to Sunday): "Saturday" and "this Saturday" are the
soonest Saturday (today included), "this coming Saturday" the soonest after today, and
"next Saturday" the Saturday of next week: said on a Wednesday, "this Saturday" is in 3
days and "next Saturday" in 10, the contrast a US customer draws; said on a Sunday, both
are the coming Saturday. "The Saturday after next" skips the coming Saturday (the first
after today) and takes the one after it. "This weekend" is this week's Saturday (or today
on a Sunday), "next weekend" next week's, "the weekend after next" the one after that, and
`When.weekend` says Sunday is meant as much.

Counted from today: "in 3 weeks" / "3 weeks from now" / "3 weeks out" is today + 21 days
("in 5 days" likewise); "two weeks from Friday" is that Friday (the soonest) + 14 days;
"Saturday three weeks from now" / "Saturday in 3 weeks" is the Saturday of the week that
holds today + 21 days. "The 12th of next month" / "next month on the 12th" is the 12th
of the month after this one.

Vague or alternative dates give no date and set `When.unsure`: "sometime in March", "early
December", "next week", "next month", "in a few weeks", "the 12th or 13th", "Dec 5 or 6",
"before Christmas"; so does a written weekday that contradicts its date.
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
    unsure: bool = False


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
_WEEKEND = re.compile(
    r"\b(?:the\s+)?(?:(?P<prefix>this coming|this|next|coming|last|past)\s+)?weekend\b"
    r"(?P<after>\s+after\s+next)?"
)
_COUNT = r"(?P<n>\d{1,2}|an?|one)"
_PERIOD = r"(?P<unit>days?|weeks?|wks?)"
_FROM_NOW = r"(?:from\s+(?:now|today)|out|from\s+this\s+week|in\s+the\s+future)"
# "saturday three weeks from now", "saturday in 3 weeks", "3 weeks from now on a saturday".
_WEEKDAY_WEEKS_OUT = re.compile(
    rf"\b(?:on\s+)?(?:the\s+|a\s+)?(?P<wday>{WEEKDAY})\s+(?:{_COUNT}\s+weeks?\s+{_FROM_NOW}"
    rf"|in\s+{_COUNT.replace('<n>', '<n2>')}\s+weeks?(?:'?\s*time)?)\b"
    rf"|\b{_COUNT.replace('<n>', '<n3>')}\s+weeks?\s+{_FROM_NOW}\s+on\s+(?:a\s+|the\s+)?"
    rf"(?P<wday2>{WEEKDAY})\b"
)
# "two weeks from friday", "a week from tomorrow", "3 weeks from today", "in 3 weeks".
_FROM_DAY = re.compile(
    rf"\b{_COUNT}\s+{_PERIOD}\s+(?:from|after)\s+(?:(?P<base>today|now|tomorrow)"
    rf"|(?:this\s+(?:coming\s+)?|on\s+)?(?P<wday>{WEEKDAY}))\b"
    rf"|\bin\s+{_COUNT.replace('<n>', '<n2>')}\s+{_PERIOD.replace('<unit>', '<unit2>')}"
    r"(?:'?\s*time)?\b(?!\s+(?:from|after|before)\b)"
    rf"|\b{_COUNT.replace('<n>', '<n3>')}\s+{_PERIOD.replace('<unit>', '<unit3>')}\s+"
    r"(?:from\s+(?:now|today)|out)\b"
)
_NEXT_MONTH_DAY = re.compile(
    r"\b(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<which>next|this)"
    r"\s+month\b|\b(?P<which2>next|this)\s+month\s*,?\s+(?:on\s+)?(?:the\s+)?"
    r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b"
)
# A time of year that is not a day: the customer has not decided, or wrote loosely.
_VAGUE = re.compile(
    r"\b(?:(?:sometime|some time|early|mid|late|end of|beginning of|start of|middle of|"
    rf"first half of|second half of|first week of|last week of)\s+(?:in\s+)?{MONTH}"
    rf"|in\s+{MONTH}(?!\s*\d)"
    r"|(?:sometime|some time|early|later|late)?\s*(?:next|this|the following)\s+(?:week|month)\b"
    r"|in\s+(?:a\s+few|a\s+couple|several|couple|few)\s+(?:of\s+)?(?:weeks|months|days)"
    r"|in\s+(?:\d|a|an|one)\s+months?"
    r"|(?:this|next)\s+(?:spring|summer|fall|autumn|winter)"
    r"|in\s+the\s+(?:spring|summer|fall|autumn|winter))"
)
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


_DIGITS = tuple("0123456789")


def _count(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


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
        self.vague = False

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
        if word not in WEEKDAYS and prefix is None and suffix is None:
            return m.group()  # "sat" alone may be a verb
        if prefix in ("last", "past", "this past") or self._vetoed_or_skipped(m):
            return MASK
        vague = _VAGUE_WEEKDAY_AFTER.match(text, m.end()) or _NTH_BEFORE.search(text, 0, m.start())
        if vague or (suffix == "after next" and prefix is not None):
            self.veto = True  # "2nd saturday in march", "next saturday after next"
            return MASK
        if suffix == "after next":
            day = self._soonest(weekday, after_today=True) + timedelta(days=7)
        else:
            day = self._weekday_date(weekday, prefix, suffix)
        if day >= self.today:  # "monday this week" on a Wednesday has passed
            self.relative.append((day, False))
        return MASK

    def _weekday_date(self, weekday: int, prefix: str | None, suffix: str | None) -> date:
        monday = self.today - timedelta(days=self.today.weekday())
        if prefix == "next" or suffix == "next week":
            return monday + timedelta(days=7 + weekday)
        if suffix == "this week":
            return monday + timedelta(days=weekday)
        return self._soonest(weekday, after_today=prefix in ("coming", "this coming"))

    def _soonest(self, weekday: int, after_today: bool = False) -> date:
        ahead = (weekday - self.today.weekday()) % 7
        if ahead == 0 and after_today:
            ahead = 7
        return self.today + timedelta(days=ahead)

    def _weekday_weeks_out(self, m: re.Match[str]) -> str:
        """The weekday in the (Monday-Sunday) week that holds today + N weeks."""
        if self._vetoed_or_skipped(m):
            return MASK
        weeks = _count(m["n"] or m["n2"] or m["n3"])
        target = self.today + timedelta(weeks=weeks)
        monday = target - timedelta(days=target.weekday())
        day = monday + timedelta(days=WEEKDAYS.index(m["wday"] or m["wday2"]))
        if day >= self.today:
            self.relative.append((day, False))
        return MASK

    def _from_day(self, m: re.Match[str]) -> str:
        if self._vetoed_or_skipped(m):
            return MASK
        n = _count(m["n"] or m["n2"] or m["n3"])
        unit = m["unit"] or m["unit2"] or m["unit3"]
        ahead = timedelta(days=n if unit.startswith("day") else 7 * n)
        if m["wday"]:
            base = self._soonest(WEEKDAYS.index(m["wday"]))
        else:
            base = self.today + timedelta(days=1 if m["base"] == "tomorrow" else 0)
        self.relative.append((base + ahead, False))
        return MASK

    def _month_day_relative(self, m: re.Match[str]) -> str:
        if self._vetoed_or_skipped(m):
            return MASK
        day = int(m["day"] or m["day2"])
        year, month = self.today.year, self.today.month
        if (m["which"] or m["which2"]) == "next":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        found = _valid(year, month, day)
        self.explicit.append(found if found is not None and found >= self.today else None)
        return MASK

    def _vague(self, _: re.Match[str]) -> str:
        self.vague = True
        return MASK

    def _weekend(self, m: re.Match[str]) -> str:
        prefix = m["prefix"]
        if prefix in ("last", "past") or self._vetoed_or_skipped(m):
            return MASK
        saturday = self.today + timedelta(days=5 - self.today.weekday())
        if prefix == "next":
            saturday += timedelta(days=7)
        if m["after"]:  # like "the saturday after next"
            saturday = self._soonest(5, after_today=True) + timedelta(days=7)
        self.relative.append((max(saturday, self.today), True))
        return MASK

    def _day_word(self, m: re.Match[str]) -> str:
        ahead = 0 if m.group() in ("today", "tonight") else 2 if m["after"] else 1
        if not self._vetoed_or_skipped(m):
            self.relative.append((self.today + timedelta(days=ahead), False))
        return MASK

    def run(self) -> tuple[When, str]:
        text = self.text
        # Each pattern with the strings it cannot match without (a cheap skip: this runs on
        # every message).
        for pattern, handler, needs in (
            (_ISO, self._numeric, ("-",)),
            (_NUMERIC, self._numeric, ("/", "-", ".")),
            (_NTH_WEEKDAY, self._nth, ("day", "last")),
            (_MONTH_DAY, self._month_day, _DIGITS),
            (_DAY_MONTH, self._month_day, _DIGITS),
            (_SHORT, self._short, ("/",)),
            (_NEXT_MONTH_DAY, self._month_day_relative, ("month",)),
            (_ORDINAL_DAY, self._ordinal, ("the ",)),
            (HOLIDAY, self._holiday, ()),
            (_WEEKDAY_WEEKS_OUT, self._weekday_weeks_out, ("week",)),
            (_FROM_DAY, self._from_day, ("week", "day", "wk")),
            (_RELATIVE, self._weekday, ()),
            (_WEEKEND, self._weekend, ("weekend",)),
            (_DAY_WORD, self._day_word, ("to",)),
            (_VAGUE, self._vague, ()),
        ):
            if needs and not any(needed in text for needed in needs):
                continue
            text = pattern.sub(handler, text)
        text = _STANDALONE_YEAR.sub(MASK, _SLOT.sub(MASK, text))
        return self._decide(), text

    def _decide(self) -> When:
        unsure = When(unsure=True)
        if self.veto:
            return unsure
        if self.explicit:
            days = set(self.explicit)
            return When(days.pop()) if len(days) == 1 else unsure
        if self.holidays:
            return When(self.holidays[0]) if len(set(self.holidays)) == 1 else unsure
        days = {day for day, _ in self.relative}
        if len(days) == 1:
            return When(days.pop(), weekend=all(weekend for _, weekend in self.relative))
        return unsure if days or self.vague else When()


def take_date(text: str, today: date) -> tuple[When, str]:
    """The event date in normalised, numeralised `text`, and `text` with every date masked."""
    return _Scan(text, today).run()
