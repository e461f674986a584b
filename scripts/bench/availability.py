"""`make bench` section: how many one-day availability queries a market answers per second.

The market is realistic in size, not in shape: 3 chefs on the default week and 200 existing
events spread over the coming six months, placed at random (seeded) where the rules allow.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from shared.booking.availability import (
    Busy,
    ChefSchedule,
    event_duration,
    events_conflict,
    free_slots,
)

TZ = "America/Los_Angeles"
NOW = datetime(2026, 6, 1, 16, 0, tzinfo=UTC)
BOOKINGS = 200
SPREAD_DAYS = 180
GUESTS = 12


def bench_market(seed: int = 7) -> tuple[list[ChefSchedule], list[Busy]]:
    """3 chefs and `BOOKINGS` events that respect the buffers, spread from day 2 to day 180."""
    rng = random.Random(seed)
    zone = ZoneInfo(TZ)
    chefs = [ChefSchedule(f"chef-{n}") for n in range(3)]
    booked: dict[str, list[Busy]] = {chef.chef_id: [] for chef in chefs}
    while sum(map(len, booked.values())) < BOOKINGS:
        day = NOW.astimezone(zone).date() + timedelta(days=rng.randint(2, SPREAD_DAYS))
        start = _wall(day, rng.randrange(11 * 60, 20 * 60 + 31, 30), zone)
        event = (start, start + event_duration(rng.choice((8, 20, 45))))
        chef_id = rng.choice(chefs).chef_id
        if day.weekday() != 0 and not any(
            events_conflict(event, (b.start, b.end)) for b in booked[chef_id]
        ):
            booked[chef_id].append(Busy(chef_id, *event))
    return chefs, [event for events in booked.values() for event in events]


def bench_availability(budget_s: float = 2.0) -> float:
    """Run one-day `free_slots` queries over the booked months for `budget_s`; print the rate."""
    chefs, busy = bench_market()
    first_day = NOW.astimezone(ZoneInfo(TZ)).date() + timedelta(days=2)
    queries = offered = 0
    started = time.perf_counter()
    deadline = started + budget_s
    while time.perf_counter() < deadline:
        day = first_day + timedelta(days=queries % SPREAD_DAYS)
        offered += len(free_slots(tz=TZ, day=day, guests=GUESTS, chefs=chefs, busy=busy, now=NOW))
        queries += 1
    rate = queries / (time.perf_counter() - started)
    print(f"Availability: {len(chefs)} chefs, {len(busy)} bookings, one market day per query")
    print(f"  {rate:,.0f} queries/s ({queries:,} queries, {offered / queries:.1f} starts each)")
    return rate


def _wall(day: date, minute: int, zone: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=zone)


if __name__ == "__main__":
    bench_availability()
