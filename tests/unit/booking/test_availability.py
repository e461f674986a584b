"""Availability rules with hand-computed expectations: grid, hours, buffers, chefs, limits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from shared.booking.availability import (
    Busy,
    ChefSchedule,
    CustomEventRequired,
    NoChefFree,
    Reason,
    Rejection,
    Slot,
    StartRejected,
    WeeklyHours,
    blocked_cells,
    blocked_window,
    check_start,
    chefs_needed,
    event_duration,
    free_slots,
    next_free_starts,
)
from shared.platform.errors import AppError, ValidationFailed

LA = "America/Los_Angeles"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo(LA))  # a Monday morning
MONDAY = date(2026, 6, 8)
TUESDAY = date(2026, 6, 9)
SUNDAY = date(2026, 6, 14)
ALL_STARTS = [f"{m // 60:02d}:{m % 60:02d}" for m in range(11 * 60, 20 * 60 + 31, 30)]


def at(day: date, hh: int, mm: int = 0, tz: str = LA) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=ZoneInfo(tz))


def busy(chef_id: str, day: date, start: tuple[int, int], end: tuple[int, int]) -> Busy:
    return Busy(chef_id, at(day, *start), at(day, *end))


def slots(
    day: date,
    *,
    guests: int = 10,
    chefs: Sequence[ChefSchedule] = (ChefSchedule("a"),),
    events: Sequence[Busy] = (),
    now: datetime = NOW,
    market_blackouts: frozenset[date] = frozenset(),
) -> list[Slot]:
    return free_slots(
        tz=LA,
        day=day,
        guests=guests,
        chefs=list(chefs),
        busy=list(events),
        now=now,
        market_blackouts=market_blackouts,
    )


def check(
    start: datetime,
    *,
    guests: int = 10,
    chefs: Sequence[ChefSchedule] = (ChefSchedule("a"),),
    events: Sequence[Busy] = (),
    now: datetime = NOW,
    market_blackouts: frozenset[date] = frozenset(),
) -> Slot | Rejection:
    return check_start(
        tz=LA,
        start=start,
        guests=guests,
        chefs=list(chefs),
        busy=list(events),
        now=now,
        market_blackouts=market_blackouts,
    )


def hhmm(found: Sequence[Slot]) -> list[str]:
    return [f"{slot.start:%H:%M}" for slot in found]


def reason(result: Slot | Rejection) -> Reason:
    assert isinstance(result, Rejection), result
    return result.reason


# --- event length and chef count -------------------------------------------------------


@pytest.mark.parametrize(
    ("guests", "minutes", "chefs"),
    [(1, 120, 1), (15, 120, 1), (16, 150, 1), (30, 150, 1), (31, 180, 2), (60, 180, 2)],
)
def test_guest_bands(guests: int, minutes: int, chefs: int) -> None:
    assert event_duration(guests) == timedelta(minutes=minutes)
    assert chefs_needed(guests) == chefs


def test_over_sixty_guests_is_a_custom_event() -> None:
    with pytest.raises(CustomEventRequired) as err:
        event_duration(61)
    assert isinstance(err.value, AppError)
    assert (err.value.code, err.value.status) == ("custom_event", 422)
    with pytest.raises(CustomEventRequired):
        slots(TUESDAY, guests=61)


@pytest.mark.parametrize("guests", [0, -3])
def test_no_guests_is_a_validation_error(guests: int) -> None:
    with pytest.raises(ValidationFailed) as err:
        chefs_needed(guests)
    assert err.value.status == 422
    assert err.value.errors[0].field == "guests"


# --- grid and working hours ------------------------------------------------------------


def test_default_week_offers_the_whole_grid_tuesday_to_sunday() -> None:
    for offset in range(1, 7):  # Tuesday .. Sunday
        found = slots(MONDAY + timedelta(days=offset))
        assert hhmm(found) == ALL_STARTS
    first = slots(TUESDAY)[0]
    assert first.start == at(TUESDAY, 11)
    assert first.end == at(TUESDAY, 13)
    assert (first.chef_ids, first.available_chef_ids) == (("a",), ("a",))
    assert first.start.utcoffset() == timedelta(hours=-7)


def test_event_length_sets_the_slot_end() -> None:
    assert slots(TUESDAY, guests=16)[-1].end == at(TUESDAY, 23, 0)  # 20:30 + 2.5 h


def test_monday_is_closed_by_default() -> None:
    assert slots(MONDAY) == []
    assert reason(check(at(MONDAY, 12))) is Reason.MARKET_CLOSED


def test_custom_hours_allow_starts_from_work_start_until_before_work_end() -> None:
    wednesday = TUESDAY + timedelta(days=1)
    hours = WeeklyHours((None, None, (time(15), time(18)), None, None, None, None))
    chef = ChefSchedule("a", hours)
    assert hhmm(slots(wednesday, chefs=[chef])) == [
        "15:00",
        "15:30",
        "16:00",
        "16:30",
        "17:00",
        "17:30",
    ]
    assert slots(TUESDAY, chefs=[chef]) == []
    assert reason(check(at(wednesday, 18), chefs=[chef])) is Reason.OUTSIDE_HOURS
    assert reason(check(at(wednesday, 14, 30), chefs=[chef])) is Reason.OUTSIDE_HOURS


def test_hours_past_the_grid_do_not_extend_it() -> None:
    hours = WeeklyHours((None,) + ((time(8), time(23, 30)),) * 6)
    assert hhmm(slots(TUESDAY, chefs=[ChefSchedule("a", hours)])) == ALL_STARTS
    assert reason(check(at(TUESDAY, 21), chefs=[ChefSchedule("a", hours)])) is Reason.OUTSIDE_HOURS
    assert reason(check(at(TUESDAY, 10, 30))) is Reason.OUTSIDE_HOURS


@pytest.mark.parametrize(("hh", "mm", "ss"), [(11, 15, 0), (12, 0, 1), (19, 45, 0)])
def test_starts_off_the_half_hour_are_off_grid(hh: int, mm: int, ss: int) -> None:
    start = datetime.combine(TUESDAY, time(hh, mm, ss), tzinfo=ZoneInfo(LA))
    assert reason(check(start)) is Reason.OFF_GRID


def test_a_start_given_in_another_zone_is_judged_by_the_market_wall_clock() -> None:
    result = check(datetime(2026, 6, 9, 18, 0, tzinfo=UTC))  # 11:00 in Los Angeles
    assert isinstance(result, Slot)
    assert result.start == at(TUESDAY, 11)
    assert result.start.tzinfo == ZoneInfo(LA)


# --- days off and blackouts ------------------------------------------------------------


def test_a_chef_day_off_leaves_the_other_chef() -> None:
    chefs = [ChefSchedule("a", days_off=frozenset({TUESDAY})), ChefSchedule("b")]
    found = slots(TUESDAY, chefs=chefs)
    assert hhmm(found) == ALL_STARTS
    assert {slot.available_chef_ids for slot in found} == {("b",)}
    assert slots(TUESDAY + timedelta(days=1), chefs=chefs)[0].available_chef_ids == ("a", "b")


def test_chef_blackout_closes_the_day_for_that_chef() -> None:
    chefs = [ChefSchedule("a", blackouts=frozenset({TUESDAY}))]
    assert slots(TUESDAY, chefs=chefs) == []
    assert reason(check(at(TUESDAY, 12), chefs=chefs)) is Reason.MARKET_CLOSED
    assert hhmm(slots(TUESDAY + timedelta(days=1), chefs=chefs)) == ALL_STARTS


def test_market_blackout_closes_the_day_for_everyone() -> None:
    chefs = [ChefSchedule("a"), ChefSchedule("b")]
    closed = frozenset({TUESDAY})
    assert slots(TUESDAY, chefs=chefs, market_blackouts=closed) == []
    result = check(at(TUESDAY, 12), chefs=chefs, market_blackouts=closed)
    assert reason(result) is Reason.MARKET_CLOSED
    assert len(slots(TUESDAY + timedelta(days=1), chefs=chefs, market_blackouts=closed)) == 20


# --- lead time and horizon -------------------------------------------------------------


def test_lead_time_is_exactly_48_hours() -> None:
    now = at(TUESDAY, 14)
    thursday = TUESDAY + timedelta(days=2)
    assert hhmm(slots(thursday, now=now)) == ALL_STARTS[6:]  # 14:00 onwards
    assert isinstance(check(at(thursday, 14), now=now), Slot)
    assert reason(check(at(thursday, 13, 30), now=now)) is Reason.TOO_SOON
    a_second_later = now + timedelta(seconds=1)
    assert hhmm(slots(thursday, now=a_second_later))[0] == "14:30"
    assert reason(check(at(thursday, 14), now=a_second_later)) is Reason.TOO_SOON


def test_lead_time_is_absolute_across_the_spring_forward() -> None:
    # 48 h after Friday 12:00 PST is Sunday 13:00 PDT: the lost hour counts.
    now = at(date(2026, 3, 6), 12)
    assert hhmm(slots(date(2026, 3, 8), now=now))[0] == "13:00"


def test_horizon_is_365_days_by_market_date() -> None:
    # 23:30 in Los Angeles is already the next day in UTC; the market's date decides.
    now = at(date(2026, 6, 2), 23, 30)
    last = date(2027, 6, 2)
    assert hhmm(slots(last, now=now)) == ALL_STARTS
    assert slots(last + timedelta(days=1), now=now) == []
    assert isinstance(check(at(last, 20, 30), now=now), Slot)
    assert reason(check(at(last + timedelta(days=1), 11), now=now)) is Reason.TOO_FAR


def test_past_days_have_no_slots() -> None:
    assert slots(NOW.date() - timedelta(days=6)) == []


# --- buffers ---------------------------------------------------------------------------


def test_an_event_blocks_an_hour_either_side() -> None:
    event = busy("a", TUESDAY, (14, 0), (16, 0))
    assert blocked_window(event.start, event.end) == (at(TUESDAY, 13), at(TUESDAY, 17))
    # A 2 h start s blocks [s-1h, s+3h): it clears [13:00, 17:00) only if s+3h <= 13:00
    # (s <= 10:00, before the grid) or s-1h >= 17:00 (s >= 18:00). 11:00 needs 10:00-14:00.
    assert hhmm(slots(TUESDAY, events=[event])) == ALL_STARTS[14:]  # 18:00 .. 20:30
    assert reason(check(at(TUESDAY, 11), events=[event])) is Reason.NO_CHEF_FREE
    assert reason(check(at(TUESDAY, 17, 30), events=[event])) is Reason.NO_CHEF_FREE


def test_windows_may_touch_but_not_overlap() -> None:
    event = busy("a", TUESDAY, (18, 0), (20, 0))  # blocks 17:00-21:00
    # 2 h: s+3h <= 17:00 means s <= 14:00; s-1h >= 21:00 is past the grid.
    assert hhmm(slots(TUESDAY, events=[event])) == ALL_STARTS[:7]  # 11:00 .. 14:00
    # 2.5 h: s+3.5h <= 17:00 means s <= 13:30.
    assert hhmm(slots(TUESDAY, guests=20, events=[event])) == ALL_STARTS[:6]


def test_the_previous_late_event_blocks_the_morning_only_through_its_buffer() -> None:
    late = Busy("a", at(TUESDAY, 9, 30), at(TUESDAY, 10, 30))  # blocks 08:30-11:30
    # 2 h: s-1h >= 11:30 means s >= 12:30.
    assert hhmm(slots(TUESDAY, events=[late]))[0] == "12:30"


def test_an_event_that_began_days_earlier_still_blocks() -> None:
    long_block = Busy("a", at(TUESDAY - timedelta(days=3), 10), at(TUESDAY, 12))  # until 13:00
    # 2 h: s-1h >= 13:00 means s >= 14:00.
    assert hhmm(slots(TUESDAY, events=[long_block]))[0] == "14:00"
    assert reason(check(at(TUESDAY, 13, 30), events=[long_block])) is Reason.NO_CHEF_FREE


def test_another_chefs_event_does_not_block() -> None:
    chefs = [ChefSchedule("a"), ChefSchedule("b")]
    found = slots(TUESDAY, chefs=chefs, events=[busy("b", TUESDAY, (14, 0), (16, 0))])
    assert hhmm(found) == ALL_STARTS
    at_noon = found[ALL_STARTS.index("12:00")]
    assert at_noon.available_chef_ids == ("a",)
    assert found[ALL_STARTS.index("18:00")].available_chef_ids == ("a", "b")


def test_events_of_unknown_chefs_are_ignored() -> None:
    assert hhmm(slots(TUESDAY, events=[busy("gone", TUESDAY, (14, 0), (16, 0))])) == ALL_STARTS


def test_overlapping_stored_events_are_still_all_respected() -> None:
    # The long event starts first; the short one after it must not hide it from the index.
    events = [busy("a", TUESDAY, (11, 0), (19, 0)), busy("a", TUESDAY, (12, 0), (12, 30))]
    assert slots(TUESDAY, events=events) == []


# --- chef choice -----------------------------------------------------------------------


def test_two_chef_events_need_two_free_chefs_at_the_same_start() -> None:
    chefs = [ChefSchedule("a"), ChefSchedule("b"), ChefSchedule("c")]
    events = [busy("a", TUESDAY, (14, 0), (16, 0)), busy("b", TUESDAY, (18, 0), (20, 0))]
    # 3 h start s blocks [s-1h, s+4h). a (13-17) is free from 18:00; b (17-21) until 13:00.
    found = slots(TUESDAY, guests=40, chefs=chefs, events=events)
    assert hhmm(found) == ALL_STARTS[:5] + ALL_STARTS[14:]
    assert found[0].chef_ids == ("c", "b")  # c has no event that day, b has one
    assert found[0].available_chef_ids == ("c", "b")
    assert found[-1].chef_ids == ("c", "a")
    assert found[0].end == at(TUESDAY, 14)
    assert reason(check(at(TUESDAY, 15), guests=40, chefs=chefs, events=events)) is (
        Reason.NO_CHEF_FREE
    )
    single = check(at(TUESDAY, 15), guests=10, chefs=chefs, events=events)
    assert isinstance(single, Slot)
    assert single.chef_ids == ("c",)


def test_two_chef_events_need_two_chefs_on_duty() -> None:
    chefs = [ChefSchedule("a"), ChefSchedule("b", days_off=frozenset({TUESDAY}))]
    assert slots(TUESDAY, guests=31, chefs=chefs) == []
    assert reason(check(at(TUESDAY, 12), guests=31, chefs=chefs)) is Reason.NO_CHEF_FREE
    assert len(slots(TUESDAY, guests=30, chefs=chefs)) == 20


def test_the_least_loaded_chef_that_day_is_chosen_then_by_id() -> None:
    chefs = [ChefSchedule("b"), ChefSchedule("a"), ChefSchedule("c")]
    events = [
        busy("a", TUESDAY, (11, 0), (12, 0)),
        busy("b", TUESDAY - timedelta(days=1), (15, 0), (17, 0)),  # another day: not counted
    ]
    evening = slots(TUESDAY, chefs=chefs, events=events)[-1]
    assert evening.available_chef_ids == ("b", "c", "a")
    assert evening.chef_ids == ("b",)


# --- next_free_starts ------------------------------------------------------------------


def suggest(
    after: datetime,
    count: int,
    *,
    chefs: Sequence[ChefSchedule] = (ChefSchedule("a"),),
    events: Sequence[Busy] = (),
    now: datetime = NOW,
) -> list[Slot]:
    return next_free_starts(
        after=after, count=count, tz=LA, guests=10, chefs=list(chefs), busy=list(events), now=now
    )


def test_next_free_starts_skips_full_days_and_closed_mondays() -> None:
    full_sunday = busy("a", SUNDAY, (12, 0), (19, 0))  # blocks 11:00-20:00: every 2 h start
    found = suggest(at(SUNDAY, 0), 3, events=[full_sunday])
    assert [slot.start for slot in found] == [
        at(SUNDAY + timedelta(days=2), 11),
        at(SUNDAY + timedelta(days=2), 11, 30),
        at(SUNDAY + timedelta(days=2), 12),
    ]


def test_next_free_starts_continues_from_after_and_across_days() -> None:
    found = suggest(at(TUESDAY, 19, 30), 4)
    assert [slot.start for slot in found] == [
        at(TUESDAY, 19, 30),
        at(TUESDAY, 20),
        at(TUESDAY, 20, 30),
        at(TUESDAY + timedelta(days=1), 11),
    ]


def test_next_free_starts_respects_the_lead_time() -> None:
    found = suggest(NOW, 1)
    assert found[0].start == at(NOW.date() + timedelta(days=2), 11)  # Wednesday, 50 h ahead


def test_next_free_starts_stops_at_the_horizon() -> None:
    no_hours = ChefSchedule("a", WeeklyHours((None,) * 7))
    assert suggest(NOW, 3, chefs=[no_hours]) == []
    near_end = NOW + timedelta(days=364)  # Monday 2027-05-31; the horizon ends Tuesday
    found = suggest(near_end, 50)
    assert [slot.start.date() for slot in found] == [date(2027, 6, 1)] * 20


def test_next_free_starts_with_zero_count_is_empty() -> None:
    assert suggest(NOW, 0) == []
    with pytest.raises(ValueError):
        suggest(NOW, -1)


# --- rejections as typed errors --------------------------------------------------------


def test_rejections_map_to_422_or_409() -> None:
    too_soon = check(at(NOW.date(), 12))
    assert isinstance(too_soon, Rejection)
    assert too_soon.status == 422
    error = too_soon.error()
    assert isinstance(error, StartRejected)
    assert (error.status, error.code) == (422, "too_soon")
    taken = check(at(TUESDAY, 14), events=[busy("a", TUESDAY, (14, 0), (16, 0))])
    assert isinstance(taken, Rejection)
    assert taken.status == 409
    conflict = taken.error()
    assert isinstance(conflict, NoChefFree)
    assert (conflict.status, conflict.code) == (409, "no_chef_free")


# --- cells -----------------------------------------------------------------------------


def test_blocked_cells_of_a_two_hour_event() -> None:
    cells = blocked_cells(at(TUESDAY, 14), at(TUESDAY, 16))
    assert cells[0] == datetime(2026, 6, 9, 20, 0, tzinfo=UTC)  # 13:00 PDT
    assert cells[-1] == datetime(2026, 6, 9, 23, 30, tzinfo=UTC)  # 16:30 PDT
    assert len(cells) == 8
    assert all(cell.tzinfo is UTC for cell in cells)


# --- input validation ------------------------------------------------------------------


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 6, 9, 14, 0)
    with pytest.raises(ValueError):
        Busy("a", naive, naive + timedelta(hours=2))
    with pytest.raises(ValueError):
        slots(TUESDAY, now=naive)
    with pytest.raises(ValueError):
        blocked_cells(naive, naive + timedelta(hours=2))


def test_busy_times_are_kept_as_the_same_instants_in_utc() -> None:
    event = busy("a", TUESDAY, (14, 0), (16, 0))
    assert event.start.tzinfo is UTC
    assert event.start == at(TUESDAY, 14)
    assert event.end == datetime(2026, 6, 9, 23, 0, tzinfo=UTC)


def test_invalid_schedules_are_refused() -> None:
    with pytest.raises(ValueError):
        WeeklyHours((None,) * 6)
    with pytest.raises(ValueError):
        WeeklyHours((None,) * 6 + ((time(18), time(11)),))
    with pytest.raises(ValueError):
        Busy("a", at(TUESDAY, 14), at(TUESDAY, 14))
    with pytest.raises(ValueError):
        slots(TUESDAY, chefs=[ChefSchedule("a"), ChefSchedule("a")])
