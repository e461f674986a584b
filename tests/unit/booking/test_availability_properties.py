"""Properties: the overlap rule, the claim cells and the engine all agree on conflicts."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.booking.availability import (
    CELL,
    Busy,
    ChefSchedule,
    Slot,
    blocked_cells,
    blocked_window,
    check_start,
    event_duration,
    events_conflict,
    free_slots,
)

LA = "America/Los_Angeles"
TUESDAY = date(2026, 6, 9)
NOW = datetime(2026, 6, 1, 16, 0, tzinfo=UTC)
BASE = datetime(2026, 6, 8, 0, 0, tzinfo=UTC)
# Zones whose offsets are whole multiples of 30 min, so local grids sit on the UTC lattice.
ZONES = st.sampled_from([LA, "America/New_York", "UTC", "Asia/Kolkata", "Australia/Adelaide"])

Event = tuple[datetime, datetime]


@st.composite
def aligned_events(draw: st.DrawFn) -> Event:
    """An event starting and ending on the UTC 30-minute lattice, shown in some market zone."""
    start = BASE + draw(st.integers(0, 48)) * CELL
    length = draw(st.integers(1, 12)) * CELL
    zone = ZoneInfo(draw(ZONES))
    return start.astimezone(zone), (start + length).astimezone(zone)


@st.composite
def any_events(draw: st.DrawFn) -> Event:
    """An event at any minute, of any length: off the lattice the cells may over-cover."""
    start = BASE + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
    return start, start + timedelta(minutes=draw(st.integers(1, 8 * 60)))


def cells_meet(a: Event, b: Event) -> bool:
    return bool(set(blocked_cells(*a)) & set(blocked_cells(*b)))


def test_windows_that_touch_do_not_conflict_and_half_an_hour_more_does() -> None:
    first = (BASE, BASE + timedelta(hours=2))  # blocked until 03:00
    touching = (BASE + timedelta(hours=4), BASE + timedelta(hours=6))  # blocked from 03:00
    closer = (touching[0] - CELL, touching[1] - CELL)
    assert not events_conflict(first, touching)
    assert not cells_meet(first, touching)
    assert events_conflict(first, closer)
    assert cells_meet(first, closer)
    assert events_conflict(closer, first)


@given(aligned_events(), aligned_events())
def test_on_the_lattice_cells_meet_exactly_when_events_conflict(a: Event, b: Event) -> None:
    assert events_conflict(a, b) == cells_meet(a, b)


@given(any_events(), any_events())
def test_off_the_lattice_a_conflict_always_shares_a_cell(a: Event, b: Event) -> None:
    if events_conflict(a, b):
        assert cells_meet(a, b)


@given(any_events())
def test_cells_are_the_fewest_30_minute_cells_covering_the_window(event: Event) -> None:
    lo, hi = blocked_window(*event)
    cells = blocked_cells(*event)
    assert cells[0] <= lo < cells[0] + CELL
    assert cells[-1] < hi <= cells[-1] + CELL
    assert all(later - earlier == CELL for earlier, later in itertools.pairwise(cells))
    assert all(cell.tzinfo is UTC and cell.minute % 30 == 0 and cell.second == 0 for cell in cells)


@st.composite
def one_chef_calendar(draw: st.DrawFn) -> list[Busy]:
    """Up to 5 events of chef "a" around Tuesday, possibly overlapping each other."""
    return [Busy("a", *draw(aligned_events())) for _ in range(draw(st.integers(0, 5)))]


@settings(max_examples=300)
@given(one_chef_calendar(), st.sampled_from([1, 15, 16, 30]))
def test_engine_offers_exactly_the_starts_whose_cells_are_unclaimed(
    events: list[Busy], guests: int
) -> None:
    found = free_slots(
        tz=LA, day=TUESDAY, guests=guests, chefs=[ChefSchedule("a")], busy=events, now=NOW
    )
    claimed = {cell for event in events for cell in blocked_cells(event.start, event.end)}
    expected = []
    for minute in range(11 * 60, 20 * 60 + 31, 30):
        start = datetime.combine(TUESDAY, time(minute // 60, minute % 60), tzinfo=ZoneInfo(LA))
        end = start + event_duration(guests)  # no DST change in June: wall + duration is exact
        if claimed.isdisjoint(blocked_cells(start, end)):
            expected.append(start)
    assert [slot.start for slot in found] == expected


@st.composite
def requested_starts(draw: st.DrawFn) -> datetime:
    """Starts on and off the grid, inside and outside hours, on open and closed days."""
    day = TUESDAY + timedelta(days=draw(st.integers(-7, 6)))  # the first days are too soon
    minute = draw(st.integers(9 * 60, 22 * 60 - 1).filter(lambda m: m % 15 == 0))
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=ZoneInfo(LA))


@settings(max_examples=300)
@given(
    st.lists(
        st.builds(lambda chef, ev: Busy(chef, *ev), st.sampled_from("abc"), aligned_events()),
        max_size=8,
    ),
    st.integers(1, 60),
    requested_starts(),
)
def test_check_start_accepts_exactly_what_free_slots_offers(
    events: list[Busy], guests: int, start: datetime
) -> None:
    chefs = [ChefSchedule("a"), ChefSchedule("b", days_off=frozenset({TUESDAY})), ChefSchedule("c")]
    day = start.date()
    found = free_slots(tz=LA, day=day, guests=guests, chefs=chefs, busy=events, now=NOW)
    offered = {slot.start: slot for slot in found}
    result = check_start(tz=LA, start=start, guests=guests, chefs=chefs, busy=events, now=NOW)
    if start in offered:
        assert result == offered[start]
    else:
        assert not isinstance(result, Slot)
