"""Chef availability as pure rules: which event starts are free in a market, and why not.

No I/O: callers pass the market's IANA zone, the chefs' schedules, their existing events and
`now`; every answer is derived from those inputs alone, so the booking service can evaluate
the same rules inside its transaction and tests can cover them exhaustively.

Time model. Wall-clock rules (working hours, the 11:00-20:30 start grid, dates, blackouts)
are applied in the market's zone; durations and buffers are absolute and computed in UTC.
A grid wall time that names no instant (spring-forward gap) or two instants (fall-back fold)
on its date is never offered, and `check_start` rejects such a start as `off_grid`: one rule,
no guessing which of two "1:30"s the customer meant. US zones never hit this on 11:00-20:30.

Conflicts. A chef is blocked from 60 min before an event until 60 min after it. Two events of
one chef conflict iff their blocked windows overlap, which for starts and ends on the UTC
30-minute lattice (every market whose UTC offset is a whole multiple of 30 min) is exactly
when `blocked_cells` of the two share a cell: the booking service claims those cells, one
document per (chef, cell), in one transaction. Off the lattice the cells over-approximate
(never a double booking, possibly a spurious 409).
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from shared.platform.errors import AppError, Conflict, ValidationFailed

BUFFER = timedelta(minutes=60)
CELL = timedelta(minutes=30)
LEAD_TIME = timedelta(hours=48)
HORIZON_DAYS = 365
FIRST_START = time(11, 0)
LAST_START = time(20, 30)
MAX_GUESTS = 60

# (largest guest count, event length, chefs needed), smallest band first.
_BANDS: tuple[tuple[int, timedelta, int], ...] = (
    (15, timedelta(hours=2), 1),
    (30, timedelta(hours=2, minutes=30), 1),
    (MAX_GUESTS, timedelta(hours=3), 2),
)
_GRID_TIMES: tuple[time, ...] = tuple(
    time(minute // 60, minute % 60)
    for minute in range(FIRST_START.hour * 60, LAST_START.hour * 60 + LAST_START.minute + 1, 30)
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# One day's working hours, local wall clock: a start t is allowed iff start <= t < end.
Hours = tuple[time, time]


class CustomEventRequired(AppError):
    """Over `MAX_GUESTS` guests: sales quote it by hand, the self-serve flow stops here."""

    status = 422
    default_code = "custom_event"
    title = f"Events over {MAX_GUESTS} guests are arranged as custom events"


class StartRejected(AppError):
    """The requested start breaks a booking rule; `code` is the `Reason`."""

    status = 422
    default_code = "start_rejected"
    title = "The requested start cannot be booked"


class NoChefFree(Conflict):
    """The start is valid but every chef who could take it is already booked around it."""

    default_code = "no_chef_free"
    title = "No chef is free at the requested start"


class Reason(StrEnum):
    """Why `check_start` refused a start, checked in this order."""

    TOO_SOON = "too_soon"  # less than 48 h after now
    TOO_FAR = "too_far"  # local date more than HORIZON_DAYS after today's
    OFF_GRID = "off_grid"  # not :00/:30 local, or a wall time in a DST gap/fold
    MARKET_CLOSED = "market_closed"  # market blackout, or no chef works that date at all
    OUTSIDE_HOURS = "outside_hours"  # outside 11:00-20:30, or no chef's hours cover it
    NO_CHEF_FREE = "no_chef_free"  # fewer free chefs than the event needs (409)


@dataclass(frozen=True)
class Rejection:
    reason: Reason
    detail: str

    @property
    def status(self) -> int:
        """409 when the calendar is full (alternatives help), 422 when a rule is broken."""
        return NoChefFree.status if self.reason is Reason.NO_CHEF_FREE else StartRejected.status

    def error(self) -> AppError:
        """The typed error the HTTP layer maps to a problem response."""
        if self.reason is Reason.NO_CHEF_FREE:
            return NoChefFree(detail=self.detail)
        return StartRejected(self.reason.value, self.detail)


@dataclass(frozen=True)
class WeeklyHours:
    """A chef's working hours per weekday, index 0 = Monday; None = not working that weekday."""

    days: tuple[Hours | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError("WeeklyHours needs exactly 7 weekdays (Monday first)")
        for hours in self.days:
            if hours is None:
                continue
            start, end = hours
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("working hours are local wall-clock times, without tzinfo")
            if not start < end:
                raise ValueError(f"working hours must end after they start: {start}-{end}")

    @classmethod
    def default(cls) -> WeeklyHours:
        """The standard week: Tuesday to Sunday 11:00-22:00, Monday off."""
        return cls((None,) + ((time(11), time(22)),) * 6)


DEFAULT_HOURS = WeeklyHours.default()


@dataclass(frozen=True)
class ChefSchedule:
    chef_id: str
    hours: WeeklyHours = DEFAULT_HOURS
    days_off: frozenset[date] = frozenset()
    blackouts: frozenset[date] = frozenset()

    def hours_on(self, day: date) -> Hours | None:
        """The chef's working hours on a local date, None when not working at all."""
        if day in self.days_off or day in self.blackouts:
            return None
        return self.hours.days[day.weekday()]


@dataclass(frozen=True)
class Busy:
    """An existing event of a chef (the event itself; the engine adds the buffers).

    Times are normalised to UTC on construction: the same instants, and every later
    comparison is a cheap same-zone one.
    """

    chef_id: str
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _require_aware(self.start, "Busy.start")
        _require_aware(self.end, "Busy.end")
        if not self.end > self.start:
            raise ValueError("Busy.end must be after Busy.start")
        object.__setattr__(self, "start", self.start.astimezone(UTC))
        object.__setattr__(self, "end", self.end.astimezone(UTC))


@dataclass(frozen=True)
class Slot:
    """A bookable start: `chef_ids` to assign, then every free chef in preference order.

    Preference: fewest events already starting that local day, then chef id; so `chef_ids`
    is always `available_chef_ids[:chefs_needed(guests)]`. Times are in the market's zone;
    for durations convert to UTC first (Python subtracts same-zone datetimes by wall clock).
    """

    start: datetime
    end: datetime
    chef_ids: tuple[str, ...]
    available_chef_ids: tuple[str, ...]


def event_duration(guests: int) -> timedelta:
    """How long the chefs cook for `guests` (adults + children + toddlers)."""
    return _band(guests)[1]


def chefs_needed(guests: int) -> int:
    """How many chefs an event of `guests` needs, all free at the same start."""
    return _band(guests)[2]


def blocked_window(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The UTC half-open span [start - 60 min, end + 60 min) the chef cannot take other work."""
    _require_aware(start, "start")
    _require_aware(end, "end")
    if not end > start:
        raise ValueError("an event must end after it starts")
    return start.astimezone(UTC) - BUFFER, end.astimezone(UTC) + BUFFER


def events_conflict(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    """Whether two events (start, end) of the same chef cannot both be kept."""
    a_lo, a_hi = blocked_window(*a)
    b_lo, b_hi = blocked_window(*b)
    return a_lo < b_hi and b_lo < a_hi


def blocked_cells(start: datetime, end: datetime) -> list[datetime]:
    """UTC starts of the 30-minute cells covering the event's blocked window, ascending.

    The booking service claims one document per (chef, cell); two events of a chef share a
    cell iff they conflict (see the module docstring for the lattice condition).
    """
    lo, hi = blocked_window(start, end)
    cell = lo - (lo - _EPOCH) % CELL
    cells: list[datetime] = []
    while cell < hi:
        cells.append(cell)
        cell += CELL
    return cells


def local_instant(tz: str, day: date, wall: time) -> datetime | None:
    """The single instant a local wall time names on `day`, or None in a DST gap or fold."""
    return _local_instant(ZoneInfo(tz), day, wall)


def free_slots(
    *,
    tz: str,
    day: date,
    guests: int,
    chefs: Sequence[ChefSchedule],
    busy: Iterable[Busy],
    now: datetime,
    market_blackouts: frozenset[date] = frozenset(),
) -> list[Slot]:
    """Every bookable start on one local date of the market, in time order."""
    query = _Query.build(tz, guests, chefs, _around(busy, tz, day), now, market_blackouts)
    return query.day_slots(day)


def next_free_starts(
    *,
    after: datetime,
    count: int,
    tz: str,
    guests: int,
    chefs: Sequence[ChefSchedule],
    busy: Iterable[Busy],
    now: datetime,
    market_blackouts: frozenset[date] = frozenset(),
) -> list[Slot]:
    """The first `count` bookable starts at or after `after`, scanning up to the horizon.

    Used to offer alternatives when a requested start is refused.
    """
    _require_aware(after, "after")
    if count < 0:
        raise ValueError("count must not be negative")
    query = _Query.build(tz, guests, chefs, busy, now, market_blackouts)
    after_utc = after.astimezone(UTC)  # compare instants, never same-zone wall clocks
    found: list[Slot] = []
    day = max(after_utc, query.earliest).astimezone(query.zone).date()
    while len(found) < count and day <= query.last_day:
        found.extend(slot for slot in query.day_slots(day) if slot.start >= after_utc)
        day += timedelta(days=1)
    return found[:count]


def check_start(
    *,
    tz: str,
    start: datetime,
    guests: int,
    chefs: Sequence[ChefSchedule],
    busy: Iterable[Busy],
    now: datetime,
    market_blackouts: frozenset[date] = frozenset(),
) -> Slot | Rejection:
    """The slot for a requested start, or the first rule it breaks (see `Reason`).

    Agrees with `free_slots`: a Slot comes back iff `free_slots` offers that start that day.
    """
    _require_aware(start, "start")
    local = start.astimezone(ZoneInfo(tz))
    query = _Query.build(tz, guests, chefs, _around(busy, tz, local.date()), now, market_blackouts)
    return query.check(local)


def _band(guests: int) -> tuple[int, timedelta, int]:
    if guests < 1:
        raise ValidationFailed.single("guests", "an event needs at least one guest", "too_small")
    for band in _BANDS:
        if guests <= band[0]:
            return band
    raise CustomEventRequired(extra={"guests": guests, "max_guests": MAX_GUESTS})


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def _local_instant(zone: ZoneInfo, day: date, wall: time) -> datetime | None:
    # PEP 495: fold=0 and fold=1 disagree on the offset exactly in a gap or a fold.
    first = datetime.combine(day, wall, tzinfo=zone).replace(fold=0)
    if first.utcoffset() != first.replace(fold=1).utcoffset():
        return None
    return first


@functools.lru_cache(maxsize=4096)
def _grid(zone: ZoneInfo, day: date) -> tuple[datetime, ...]:
    """The day's start instants: grid wall times that name exactly one instant."""
    instants = (_local_instant(zone, day, wall) for wall in _GRID_TIMES)
    return tuple(instant for instant in instants if instant is not None)


def _around(busy: Iterable[Busy], tz: str, day: date) -> list[Busy]:
    """The events that can matter to starts on `day`: one filter pass, so the index stays small."""
    midnight = datetime.combine(day, time(0), tzinfo=ZoneInfo(tz)).astimezone(UTC)
    lo, hi = midnight - timedelta(days=1), midnight + timedelta(days=2)
    return [event for event in busy if event.start < hi and event.end > lo]


def _on_grid(zone: ZoneInfo, local: datetime) -> bool:
    wall = local.time()
    if wall.minute % 30 or wall.second or wall.microsecond:
        return False
    return _local_instant(zone, local.date(), wall) is not None


class _BusyIndex:
    """Per chef, blocked windows sorted by start with a running max of their ends.

    A candidate window [lo, hi) is free iff every window starting before hi ends by lo, i.e.
    the running max end at the last such window is <= lo: one bisect, no linear scan, and
    still exact if stored events happen to overlap each other.
    """

    def __init__(self, busy: Iterable[Busy], zone: ZoneInfo) -> None:
        windows: dict[str, list[tuple[datetime, datetime]]] = {}
        self._loads: Counter[tuple[str, date]] = Counter()
        for event in busy:  # Busy holds validated UTC times: plain arithmetic from here
            window = (event.start - BUFFER, event.end + BUFFER)
            windows.setdefault(event.chef_id, []).append(window)
            self._loads[event.chef_id, event.start.astimezone(zone).date()] += 1
        self._starts: dict[str, list[datetime]] = {}
        self._max_ends: dict[str, list[datetime]] = {}
        for chef_id, spans in windows.items():
            spans.sort()
            self._starts[chef_id] = [lo for lo, _ in spans]
            self._max_ends[chef_id] = list(itertools.accumulate((hi for _, hi in spans), max))

    def is_free(self, chef_id: str, lo: datetime, hi: datetime) -> bool:
        starts = self._starts.get(chef_id)
        if not starts:
            return True
        before = bisect.bisect_left(starts, hi)
        return before == 0 or self._max_ends[chef_id][before - 1] <= lo

    def load(self, chef_id: str, day: date) -> int:
        return self._loads[chef_id, day]


@dataclass(frozen=True)
class _Query:
    """One availability question's inputs, validated and indexed once."""

    zone: ZoneInfo
    duration: timedelta
    needed: int
    chefs: tuple[ChefSchedule, ...]
    index: _BusyIndex
    earliest: datetime
    last_day: date
    market_blackouts: frozenset[date]

    @classmethod
    def build(
        cls,
        tz: str,
        guests: int,
        chefs: Sequence[ChefSchedule],
        busy: Iterable[Busy],
        now: datetime,
        market_blackouts: frozenset[date],
    ) -> _Query:
        _require_aware(now, "now")
        ids = [chef.chef_id for chef in chefs]
        if len(set(ids)) != len(ids):
            raise ValueError("chef ids must be unique")
        zone = ZoneInfo(tz)
        band = _band(guests)
        return cls(
            zone=zone,
            duration=band[1],
            needed=band[2],
            chefs=tuple(chefs),
            index=_BusyIndex(busy, zone),
            earliest=now.astimezone(UTC) + LEAD_TIME,
            last_day=now.astimezone(zone).date() + timedelta(days=HORIZON_DAYS),
            market_blackouts=market_blackouts,
        )

    def on_duty(self, day: date) -> list[tuple[str, Hours]]:
        if day in self.market_blackouts:
            return []
        duty = ((chef.chef_id, chef.hours_on(day)) for chef in self.chefs)
        return [(chef_id, hours) for chef_id, hours in duty if hours is not None]

    def day_slots(self, day: date) -> list[Slot]:
        on_duty = self.on_duty(day) if day <= self.last_day else []
        if not on_duty:
            return []
        slots = []
        for start in _grid(self.zone, day):
            if start < self.earliest:
                continue
            slot = self.slot_at(start, on_duty)
            if slot is not None:
                slots.append(slot)
        return slots

    def slot_at(self, start: datetime, on_duty: list[tuple[str, Hours]]) -> Slot | None:
        wall = start.time()
        start_utc = start.astimezone(UTC)
        end_utc = start_utc + self.duration
        lo, hi = start_utc - BUFFER, end_utc + BUFFER
        free = [
            chef_id
            for chef_id, (work_start, work_end) in on_duty
            if work_start <= wall < work_end and self.index.is_free(chef_id, lo, hi)
        ]
        if len(free) < self.needed:
            return None
        day = start.date()
        free.sort(key=lambda chef_id: (self.index.load(chef_id, day), chef_id))
        end = end_utc.astimezone(self.zone)
        return Slot(start, end, tuple(free[: self.needed]), tuple(free))

    def check(self, start: datetime) -> Slot | Rejection:
        day, wall = start.date(), start.time()
        if start < self.earliest:
            return Rejection(Reason.TOO_SOON, "starts must be at least 48 h from now")
        if day > self.last_day:
            return Rejection(Reason.TOO_FAR, f"dates after {self.last_day} are not open yet")
        if not _on_grid(self.zone, start):
            return Rejection(Reason.OFF_GRID, "starts are on the hour or half hour, local time")
        on_duty = self.on_duty(day)
        if not on_duty:
            return Rejection(Reason.MARKET_CLOSED, f"no chef works on {day}")
        if not FIRST_START <= wall <= LAST_START or not any(
            work_start <= wall < work_end for _, (work_start, work_end) in on_duty
        ):
            return Rejection(Reason.OUTSIDE_HOURS, f"no chef starts events at {wall:%H:%M}")
        slot = self.slot_at(start, on_duty)
        if slot is None:
            return Rejection(Reason.NO_CHEF_FREE, f"not enough chefs free at {wall:%H:%M}")
        return slot
