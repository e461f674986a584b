"""Quiet hours: property tests over instants, time zones and states against the windows as
the law states them (written out here independently of the implementation's tables)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.marketing.locale import STATES
from shared.marketing.quiet_hours import Place, is_allowed, next_opening

ZONES = [
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
    "America/St_Johns", "America/Indiana/Indianapolis", "America/Boise",
]  # fmt: skip
ALL_STATES: list[str | None] = [None, *sorted(set(STATES.values()))]
STEP = timedelta(minutes=15)  # every zone's offset is a multiple of 15 minutes


def law(local: datetime, state: str | None) -> bool:
    """The window in force at a local wall time, from the statutes' own words."""
    hour = local.time()
    weekend = local.weekday() >= 5
    sunday = local.weekday() == 6

    def between(opens: int, closes: int) -> bool:
        return time(opens) <= hour < time(closes)

    if state in ("FL", "OK", "MD", "MS", "NJ"):
        return between(8, 20)
    if state == "CT":
        return between(9, 20)
    if state == "TX":
        return between(12, 21) if sunday else between(9, 21)
    if state == "RI":
        return between(10, 17) if weekend else between(9, 18)
    if state is None:  # unknown: every state's window at once
        return all(law(local, s) for s in ("FL", "CT", "TX", "RI"))
    return between(8, 21)  # federal


def allowed_everywhere(instant: datetime, places: list[Place]) -> bool:
    return all(law(instant.astimezone(p.zone), p.state) for p in places)


def brute_force(instant: datetime, places: list[Place]) -> datetime:
    """The first allowed instant, found by walking quarter hours (windows open on the hour)."""
    if allowed_everywhere(instant, places):
        return instant
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    candidate = epoch + ((instant - epoch) // STEP + 1) * STEP
    while not allowed_everywhere(candidate, places):
        candidate += STEP
    return candidate


instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2029, 12, 31), timezones=st.just(UTC)
)
places = st.builds(Place, st.sampled_from(ALL_STATES), st.sampled_from(ZONES).map(ZoneInfo))


@settings(max_examples=400, deadline=None)
@given(instants, places)
def test_a_send_goes_at_the_first_allowed_instant_in_the_recipients_state_and_zone(
    instant: datetime, place: Place
) -> None:
    due = next_opening(instant, [place])
    assert due >= instant
    assert due == brute_force(instant, [place])
    assert law(due.astimezone(place.zone), place.state)
    assert is_allowed(instant, [place]) == law(instant.astimezone(place.zone), place.state)


@settings(max_examples=150, deadline=None)
@given(instants, st.lists(places, min_size=2, max_size=3))
def test_a_recipient_who_may_be_in_several_places_waits_for_all_their_windows(
    instant: datetime, where: list[Place]
) -> None:
    due = next_opening(instant, where)
    assert due == brute_force(instant, where)
    assert is_allowed(due, where)


def _at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


def test_state_windows_by_example() -> None:
    ny, chicago = "America/New_York", "America/Chicago"
    cases = [
        # (state, zone, local time asked, local time it goes)
        ("FL", ny, (2026, 12, 2, 20, 30), (2026, 12, 3, 8, 0)),  # FL closes at 8 pm
        ("NY", ny, (2026, 12, 2, 20, 30), (2026, 12, 2, 20, 30)),  # federal: until 9 pm
        ("CT", ny, (2026, 12, 2, 8, 30), (2026, 12, 2, 9, 0)),
        ("TX", chicago, (2026, 12, 6, 10, 0), (2026, 12, 6, 12, 0)),  # a Sunday: from noon
        ("TX", chicago, (2026, 12, 5, 10, 0), (2026, 12, 5, 10, 0)),  # a Saturday: from 9
        ("RI", ny, (2026, 12, 4, 18, 0), (2026, 12, 5, 10, 0)),  # Friday 6 pm -> Saturday 10
        ("RI", ny, (2026, 12, 6, 17, 0), (2026, 12, 7, 9, 0)),  # Sunday 5 pm -> Monday 9
        (None, ny, (2026, 12, 6, 9, 0), (2026, 12, 6, 12, 0)),  # unknown state: strictest
    ]
    for state, zone, asked, goes in cases:
        due = next_opening(_at(zone, *asked), [Place(state, ZoneInfo(zone))])
        assert due == _at(zone, *goes), (state, asked)


def test_the_window_follows_daylight_saving_time() -> None:
    # 2027-03-14: clocks go forward in New York; 8 am local is 12:00 UTC, not 13:00.
    due = next_opening(
        datetime(2027, 3, 14, 6, 0, tzinfo=UTC), [Place("NY", ZoneInfo("America/New_York"))]
    )
    assert due == datetime(2027, 3, 14, 12, 0, tzinfo=UTC)
