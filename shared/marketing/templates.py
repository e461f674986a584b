"""Campaign texts: the holiday templates, personalisation and the segment count staff see.

A text may use one placeholder, `{first_name}`: the recipient's first name made GSM-7 safe
(accents dropped, other scripts left out) and cut to `MAX_NAME` characters, or `there`
without one, so personalising never turns a one-segment text into a UCS-2 three-segment
one. Every SMS ends with `OPT_OUT` (added when the text does not mention STOP). Each holiday
template fits one 160-character GSM-7 segment for any name (tests/unit/marketing).
"""

from __future__ import annotations

import calendar
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from shared.channels.sms import segments
from shared.platform.errors import ValidationFailed

BRAND = "MyHibachi"
OPT_OUT = "Reply STOP to opt out"
MAX_NAME = 12
NO_NAME = "there"
PLACEHOLDERS = frozenset({"first_name"})
MAX_SEGMENTS = 3  # a campaign text longer than this (for its longest name) is refused


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    days = [
        d for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]  # fmt: skip
    return days[n - 1] if n > 0 else days[n]


@dataclass(frozen=True)
class HolidayTemplate:
    key: str
    name: str
    day: Callable[[int], date]  # the holiday's date in a year
    text: str


MON, THU, SUN = 0, 3, 6
HOLIDAYS: tuple[HolidayTemplate, ...] = (
    HolidayTemplate(
        "super_bowl",
        "Super Bowl",
        lambda y: _nth_weekday(y, 2, SUN, 2),
        "Hi {first_name}! Feed the whole Super Bowl party: a hibachi chef grills at your place"
        " while you watch. Reply to book.",
    ),
    HolidayTemplate(
        "valentines_day",
        "Valentine's Day",
        lambda y: date(y, 2, 14),
        "Hi {first_name}! Skip the crowded restaurant this Valentine's: a private hibachi"
        " dinner for two at home. Reply to book.",
    ),
    HolidayTemplate(
        "mothers_day",
        "Mother's Day",
        lambda y: _nth_weekday(y, 5, SUN, 2),
        "Hi {first_name}! Treat Mom to a hibachi feast at home this Mother's Day, no dishes"
        " for her. Reply to book your chef.",
    ),
    HolidayTemplate(
        "graduation",
        "Graduation season",
        lambda y: date(y, 5, 20),
        "Hi {first_name}! Graduation party coming up? Our chefs cook a hibachi show for the"
        " grad and guests at home. Reply to book.",
    ),
    HolidayTemplate(
        "memorial_day",
        "Memorial Day",
        lambda y: _nth_weekday(y, 5, MON, -1),
        "Hi {first_name}! Make Memorial Day weekend easy: a hibachi chef grills for your"
        " backyard crew. Reply to book.",
    ),
    HolidayTemplate(
        "fathers_day",
        "Father's Day",
        lambda y: _nth_weekday(y, 6, SUN, 3),
        "Hi {first_name}! Give Dad the grill night off this Father's Day: our chef cooks"
        " hibachi at home. Reply to book.",
    ),
    HolidayTemplate(
        "independence_day",
        "Independence Day",
        lambda y: date(y, 7, 4),
        "Hi {first_name}! Fire up the 4th of July with a hibachi chef at your cookout."
        " Dates go fast. Reply to book.",
    ),
    HolidayTemplate(
        "labor_day",
        "Labor Day",
        lambda y: _nth_weekday(y, 9, MON, 1),
        "Hi {first_name}! End summer with a Labor Day hibachi party at home, we bring the"
        " chef and the grill. Reply to book.",
    ),
    HolidayTemplate(
        "halloween",
        "Halloween",
        lambda y: date(y, 10, 31),
        "Hi {first_name}! Hosting a Halloween party? Add a hibachi chef and a fire show"
        " your guests will love. Reply to book.",
    ),
    HolidayTemplate(
        "thanksgiving",
        "Thanksgiving",
        lambda y: _nth_weekday(y, 11, THU, 4),
        "Hi {first_name}! Family in town for Thanksgiving weekend? A hibachi night at home"
        " feeds everyone. Reply to book.",
    ),
    HolidayTemplate(
        "christmas",
        "Christmas",
        lambda y: date(y, 12, 25),
        "Hi {first_name}! Host a holiday hibachi party at home this Christmas season, our"
        " chef does the cooking. Reply to book.",
    ),
    HolidayTemplate(
        "new_years_eve",
        "New Year's Eve",
        lambda y: date(y, 12, 31),
        "Hi {first_name}! Ring in the New Year with a hibachi chef at your party. NYE dates"
        " fill first. Reply to book.",
    ),
)
HOLIDAYS_BY_KEY = {h.key: h for h in HOLIDAYS}


def next_date(holiday: HolidayTemplate, today: date) -> date:
    this_year = holiday.day(today.year)
    return this_year if this_year >= today else holiday.day(today.year + 1)


def upcoming(today: date, within: timedelta = timedelta(days=366)) -> list[HolidayTemplate]:
    """The holidays within `within` of `today`, soonest first (for the template picker)."""
    soon = [h for h in HOLIDAYS if next_date(h, today) - today <= within]
    return sorted(soon, key=lambda h: next_date(h, today))


def first_name(name: str | None) -> str:
    """The first word of the name in GSM-7 letters, at most `MAX_NAME` of them."""
    word = (name or "").strip().split(" ")[0]
    letters = []
    for ch in unicodedata.normalize("NFC", word):
        if ch in segments.GSM_BASIC and ch not in "\n\r":
            letters.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)[0]
        if base.isalpha() and base in segments.GSM_BASIC:
            letters.append(base)
    cleaned = "".join(letters)[:MAX_NAME]
    if not cleaned:
        return NO_NAME
    head = cleaned[0].upper()  # "à" capitalised is "À", which GSM-7 lacks
    head = head if len(head) == 1 and head in segments.GSM_BASIC else cleaned[0]
    return head + cleaned[1:]


def check(text: str) -> None:
    """Only known placeholders, well formed: else a 422 on `text`."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValidationFailed.single("text", f"bad placeholder: {exc}") from exc
    unknown = names - PLACEHOLDERS
    if unknown:
        raise ValidationFailed.single(
            "text", f"unknown placeholder {sorted(unknown)}; use {{first_name}}"
        )


def render(text: str, name: str | None) -> str:
    return text.format(first_name=first_name(name))


def sms_text(text: str, name: str | None) -> str:
    """The text one recipient gets: brand first, the opt-out notice last."""
    body = render(text, name).strip()
    if not text.strip().startswith(BRAND):
        body = f"{BRAND}: {body}"
    return body if "STOP" in text else f"{body} {OPT_OUT}"  # the staff's text, not the name


LONGEST_NAME = "W" * MAX_NAME  # what a segment check assumes the name to be


def worst_case(text: str) -> segments.SegmentCount:
    """The segments a text costs for the longest name it may carry."""
    return segments.count(sms_text(text, LONGEST_NAME))
