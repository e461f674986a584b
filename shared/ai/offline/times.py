"""The start time in a message: "6pm", "6:30 pm", "18:00", "at 5", "around 7", "noon".

Hibachi is dinner, so an hour written without am/pm from 1 to 10 means the evening
("at 5" is 17:00), 11 means 11:00 and 12 noon. Vague words ("in the evening", "dinner
time") give no time, and two different times give none either. A time range gives its
start ("6-9pm" is 18:00); two offered ("4:30 or 5") give none, and say so.
"""

from __future__ import annotations

import re
from datetime import time

from shared.ai.offline.text import MASK
from shared.ai.offline.vocab import GUEST_NOUN

_MERIDIEM = r"(?P<mer>\s*[ap]\.?m\.?|[ap])(?![a-z])"
_RANGE = re.compile(
    r"\b(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?\s*(?:-|to|until|till|til)\s*"
    rf"(?P<end>\d{{1,2}})(?::[0-5]\d)?{_MERIDIEM}"
)
_CLOCK = re.compile(rf"\b(?P<hour>\d{{1,2}})(?::(?P<minute>[0-5]\d))?{_MERIDIEM}")
_COLON = re.compile(r"(?<![\d:])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])")
_O_CLOCK = re.compile(r"\b(?P<hour>\d{1,2})\s*o'?clock\b")
_NOT_TIME_AFTER = rf"(?!\s*(?:{GUEST_NOUN}|of\b|/|[.,]\d|-\s*\d|\+|more\b|or\s+so\s+{GUEST_NOUN}))"
_LEAD = re.compile(
    r"(?:\bat|@|\bstart(?:ing)?(?: at)?|\bbegin(?:ning)?(?: at)?|\beat at|\bserve at|"
    r"\bdinner at|\barrive(?: at)?)\s+(?:about\s+|around\s+|like\s+)?"
    rf"(?P<hour>\d{{1,2}})(?:\s+(?P<minute>[0-5]\d))?(?:\s*-?ish)?\b{_NOT_TIME_AFTER}"
)
_AROUND = re.compile(rf"\baround\s+(?P<hour>\d{{1,2}})(?:\s*-?ish)?\b{_NOT_TIME_AFTER}")
# "around 10" after these words is a head count, not a time.
_COUNT_BEFORE = re.compile(
    r"\b(?:be|are|were|we're|have|having|of|for|expect|expecting|invite|inviting|feed|"
    r"feeding|serve|serving|with|maybe|party|group)\s+$"
)
# "4:30 or 5", "6 or 7pm": two times offered, so neither is the start time.
_ALTERNATIVE_AFTER = re.compile(r"\s*(?:or|/)\s*\d")
_ALTERNATIVE_BEFORE = re.compile(r"\b\d{1,2}(?::[0-5]\d)?\s*(?:or|/)\s*$")
_NOON = re.compile(r"\b(?:12\s+)?(?:noon|midday)\b")


def _clock(hour: int, minute: int, meridiem: str | None) -> time | None:
    """24-hour time; without a meridiem, dinner hours 1-10 are pm."""
    if meridiem is None:
        if 1 <= hour <= 10:
            hour += 12
        return time(hour, minute) if 1 <= hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    pm = meridiem.startswith("p")
    return time(hour % 12 + (12 if pm else 0), minute)


class _Scan:
    def __init__(self) -> None:
        self.found: list[time | None] = []

    def _range(self, m: re.Match[str]) -> str:
        start, end = int(m["hour"]), int(m["end"])
        meridiem = m["mer"].strip()
        if meridiem.startswith("p") and start > end and end != 12:
            meridiem = "am"  # "11-2pm" starts in the morning
        self.found.append(_clock(start, int(m["minute"] or 0), meridiem))
        return MASK

    def _clock(self, m: re.Match[str]) -> str:
        meridiem = (m.groupdict().get("mer") or "").strip() or None
        self.found.append(_clock(int(m["hour"]), int(m.groupdict().get("minute") or 0), meridiem))
        if _ALTERNATIVE_AFTER.match(m.string, m.end()) or _ALTERNATIVE_BEFORE.search(
            m.string, 0, m.start()
        ):
            self.found.append(None)
        return MASK

    def _around(self, m: re.Match[str]) -> str:
        if int(m["hour"]) > 12 or _COUNT_BEFORE.search(m.string, 0, m.start()):
            return m.group()
        return self._clock(m)

    def _lead(self, m: re.Match[str]) -> str:
        if int(m["hour"]) > 23:
            return m.group()
        return self._clock(m)

    def _noon(self, _: re.Match[str]) -> str:
        self.found.append(time(12, 0))
        return MASK


def take_time(text: str) -> tuple[time | None, str, bool]:
    """The start time in normalised text with dates masked, `text` with times masked, and
    whether the text gave times but no single one ("4:30 or 5", "at 5, no 6:30")."""
    scan = _Scan()
    for pattern, handler in (
        (_RANGE, scan._range),
        (_CLOCK, scan._clock),
        (_COLON, scan._clock),
        (_O_CLOCK, scan._clock),
        (_LEAD, scan._lead),
        (_AROUND, scan._around),
        (_NOON, scan._noon),
    ):
        text = pattern.sub(handler, text)
    found = set(scan.found)
    return (found.pop() if len(found) == 1 else None), text, len(found) > 1
