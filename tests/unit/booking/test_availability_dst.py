"""Daylight-saving changes: the grid follows the wall clock, durations and buffers do not."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shared.booking.availability import (
    Busy,
    ChefSchedule,
    Reason,
    Rejection,
    Slot,
    check_start,
    free_slots,
    local_instant,
)

LA = "America/Los_Angeles"
SPRING_FORWARD = date(2026, 3, 8)  # 02:00 PST -> 03:00 PDT
FALL_BACK = date(2026, 11, 1)  # 02:00 PDT -> 01:00 PST


def utc(year: int, month: int, day: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(year, month, day, hh, mm, tzinfo=UTC)


def one_chef_slots(
    tz: str, day: date, now: datetime, guests: int = 10, busy: list[Busy] | None = None
) -> list[Slot]:
    return free_slots(
        tz=tz, day=day, guests=guests, chefs=[ChefSchedule("a")], busy=busy or [], now=now
    )


def la_slots(day: date, guests: int = 10) -> list[Slot]:
    return one_chef_slots(LA, day, utc(2026, 1, 1), guests)


def test_spring_forward_sunday_keeps_local_starts_and_utc_ends() -> None:
    found = la_slots(SPRING_FORWARD)
    assert len(found) == 20
    assert [f"{s.start:%H:%M}" for s in found][:2] == ["11:00", "11:30"]
    assert found[0].start == utc(2026, 3, 8, 18, 0)  # 11:00 PDT
    six_pm = found[14]
    assert f"{six_pm.start:%H:%M}" == "18:00"
    assert six_pm.start == utc(2026, 3, 9, 1, 0)
    assert six_pm.end == utc(2026, 3, 9, 3, 0)
    assert f"{six_pm.end:%H:%M %Z}" == "20:00 PDT"
    assert all(s.end.astimezone(UTC) - s.start.astimezone(UTC) == timedelta(hours=2) for s in found)
    # The day before is still standard time: the same wall clock is an hour later in UTC.
    assert la_slots(SPRING_FORWARD - timedelta(days=1))[0].start == utc(2026, 3, 7, 19, 0)


def test_fall_back_sunday_keeps_local_starts_and_utc_ends() -> None:
    found = la_slots(FALL_BACK, guests=20)
    assert len(found) == 20
    assert found[0].start == utc(2026, 11, 1, 19, 0)  # 11:00 PST
    assert found[-1].start == utc(2026, 11, 2, 4, 30)  # 20:30 PST
    assert found[-1].end == utc(2026, 11, 2, 7, 0)  # 2.5 h later
    assert f"{found[-1].end:%H:%M %Z}" == "23:00 PST"
    assert la_slots(FALL_BACK - timedelta(days=1))[0].start == utc(2026, 10, 31, 18, 0)


def test_local_instant_refuses_gaps_and_folds() -> None:
    assert local_instant(LA, SPRING_FORWARD, time(2, 30)) is None  # never happens
    assert local_instant(LA, FALL_BACK, time(1, 30)) is None  # happens twice
    assert local_instant(LA, SPRING_FORWARD, time(3, 0)) == utc(2026, 3, 8, 10, 0)
    assert local_instant(LA, FALL_BACK, time(2, 0)) == utc(2026, 11, 1, 10, 0)


def test_a_start_in_a_fold_is_off_grid_whichever_occurrence() -> None:
    zone = ZoneInfo(LA)
    first = datetime(2026, 11, 1, 1, 30, tzinfo=zone)
    for start in (first, first.replace(fold=1)):
        result = check_start(
            tz=LA, start=start, guests=10, chefs=[ChefSchedule("a")], busy=[], now=utc(2026, 1, 1)
        )
        assert isinstance(result, Rejection)
        assert result.reason is Reason.OFF_GRID


def test_a_grid_time_inside_a_gap_is_skipped() -> None:
    # Khartoum went from UTC+2 to UTC+3 at 12:00 on 2000-01-15: 12:00 and 12:30 never existed.
    found = one_chef_slots("Africa/Khartoum", date(2000, 1, 15), utc(2000, 1, 1))
    starts = [f"{s.start:%H:%M}" for s in found]
    assert len(starts) == 18
    assert "12:00" not in starts
    assert "12:30" not in starts
    assert starts[:3] == ["11:00", "11:30", "13:00"]
    # Python subtracts same-zone datetimes by wall clock (1:30 here); in UTC they are 30 min apart.
    assert found[2].start.astimezone(UTC) - found[1].start.astimezone(UTC) == timedelta(minutes=30)
    assert found[1].end == utc(2000, 1, 15, 11, 30)  # 11:30+02 plus 2 h is 14:30+03


def test_buffers_are_absolute_across_a_gap() -> None:
    # An event 10:00-11:00 (+02) blocks until 10:00Z, which is 13:00 on the new +03 clock.
    # Wall-clock arithmetic would wrongly free 13:00 and 13:30 (windows from 12:00 / 12:30).
    zone = ZoneInfo("Africa/Khartoum")
    day = date(2000, 1, 15)
    event = Busy(
        "a", datetime(2000, 1, 15, 10, tzinfo=zone), datetime(2000, 1, 15, 11, tzinfo=zone)
    )
    found = one_chef_slots("Africa/Khartoum", day, utc(2000, 1, 1), busy=[event])
    assert found[0].start == utc(2000, 1, 15, 11, 0)
    assert f"{found[0].start:%H:%M}" == "14:00"


def test_a_skipped_calendar_day_has_no_slots_and_does_not_crash() -> None:
    # Samoa jumped from 2011-12-29 straight to 2011-12-31.
    now = utc(2011, 12, 1)
    assert one_chef_slots("Pacific/Apia", date(2011, 12, 30), now) == []
    after = one_chef_slots("Pacific/Apia", date(2011, 12, 31), now)
    assert len(after) == 20
    assert after[0].start.utcoffset() == timedelta(hours=14)
