"""When a marketing message may reach a recipient: federal and state calling windows (pure).

The federal rule (TCPA, 47 CFR 64.1200(c)(1)) allows 8 am to 9 pm in the recipient's local
time. Several states' telephone-solicitation laws are stricter; a state listed here
replaces the federal window by its own (each is inside the federal one). A recipient whose
state is unknown gets the strictest window of all (`UNKNOWN_STATE`), and one whose zone is
uncertain (a zip and an area code in different states, an email-only contact) must be inside
the window of every place they may be in. A send outside the window waits for the next
opening (`next_opening`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SATURDAY, SUNDAY = 5, 6
WEEKDAYS = range(7)


@dataclass(frozen=True)
class Window:
    """Allowed local hours on one day: from `opens` (inclusive) to `closes` (exclusive)."""

    opens: time
    closes: time


Week = Mapping[int, Window]  # weekday (Monday 0) -> window


def _every_day(opens: int, closes: int) -> dict[int, Window]:
    return dict.fromkeys(WEEKDAYS, Window(time(opens), time(closes)))


FEDERAL: Week = _every_day(8, 21)
STATE_WINDOWS: Mapping[str, Week] = {
    **dict.fromkeys(("FL", "OK", "MD", "MS", "NJ"), _every_day(8, 20)),
    "CT": _every_day(9, 20),
    "TX": _every_day(9, 21) | {SUNDAY: Window(time(12), time(21))},
    "RI": _every_day(9, 18) | dict.fromkeys((SATURDAY, SUNDAY), Window(time(10), time(17))),
}


def _strictest(weeks: Iterable[Week]) -> Week:
    """The hours every one of the weeks allows, day by day."""
    weeks = list(weeks)
    return {
        day: Window(
            max(w[day].opens for w in weeks),
            min(w[day].closes for w in weeks),
        )
        for day in WEEKDAYS
    }


UNKNOWN_STATE: Week = _strictest([FEDERAL, *STATE_WINDOWS.values()])


def week_for(state: str | None) -> Week:
    """The window that applies in `state` (two-letter code); None: the strictest of all."""
    if state is None:
        return UNKNOWN_STATE
    return STATE_WINDOWS.get(state.upper(), FEDERAL)


def _local_bounds(day: date, window: Window, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return (
        datetime.combine(day, window.opens, zone),
        datetime.combine(day, window.closes, zone),
    )


def is_open(instant: datetime, zone: ZoneInfo, week: Week) -> bool:
    local = instant.astimezone(zone)
    opens, closes = _local_bounds(local.date(), week[local.weekday()], zone)
    return opens <= local < closes


def _next_in_zone(instant: datetime, zone: ZoneInfo, week: Week) -> datetime:
    """The first instant at or after `instant` inside the window, in one zone."""
    local = instant.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        opens, closes = _local_bounds(day, week[day.weekday()], zone)
        if local < closes:
            return max(local, opens)
    raise AssertionError("every week has an open window")  # pragma: no cover


@dataclass(frozen=True)
class Place:
    """Where a recipient may be: a state (None: unknown) and a time zone."""

    state: str | None
    zone: ZoneInfo


def is_allowed(instant: datetime, places: Iterable[Place]) -> bool:
    return all(is_open(instant, p.zone, week_for(p.state)) for p in places)


def next_opening(instant: datetime, places: Iterable[Place]) -> datetime:
    """The first instant (UTC) at or after `instant` that is inside the window of every place
    the recipient may be in: `instant` itself when it already is."""
    place_list = list(places)
    if not place_list:
        raise ValueError("a recipient needs at least one place")
    current = instant
    for _ in range(64):  # moves only forward; zones a few hours apart agree within days
        later = max(_next_in_zone(current, p.zone, week_for(p.state)) for p in place_list)
        if later == current:
            return current.astimezone(UTC)
        current = later
    raise ValueError("these places share no window")  # pragma: no cover
