"""Which starts are free: availability answers, the checked slot a hold or a move claims,
and the next free starts offered when a time is refused.

Availability inputs are read from the store (the market from pricing, chefs from the
catalog, active bookings from the bookings collection) and judged by `availability`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from shared.booking import catalog
from shared.booking.availability import (
    Busy,
    NoChefFree,
    Rejection,
    Slot,
    check_start,
    chefs_needed,
    event_duration,
    free_slots,
    local_instant,
    next_free_starts,
)
from shared.booking.models import (
    ACTIVE,
    AvailabilityRequest,
    AvailabilityResponse,
    StartOption,
)
from shared.booking.records import BOOKINGS
from shared.platform.docstore import DocumentStore, Filter, Op
from shared.platform.errors import AppError, Conflict, ValidationFailed
from shared.platform.services import Platform
from shared.pricing import markets
from shared.pricing import service as pricing
from shared.pricing import store as price_books
from shared.pricing.engine import serving_route

SUGGESTIONS = 5


class SlotTaken(Conflict):
    default_code = "slot_taken"
    title = "That time was just taken"


def _busy(store: DocumentStore, market: str, day: date, exclude: str | None = None) -> list[Busy]:
    """Active bookings of the market within a day either side of `day` (enough for buffers)."""
    lo = datetime.combine(day - timedelta(days=2), time(), ZoneInfo("UTC"))
    hi = datetime.combine(day + timedelta(days=2), time(), ZoneInfo("UTC"))
    docs = store.query(
        BOOKINGS,
        [Filter.eq("market", market), Filter("start", Op.GE, lo), Filter("start", Op.LT, hi)],
    )
    return [
        Busy(chef_id, d.data["start"], d.data["end"])
        for d in docs
        if d.data["status"] in ACTIVE and d.id != exclude
        for chef_id in d.data["chef_ids"]
    ]


def _inputs(
    store: DocumentStore, market: str, day: date, exclude: str | None = None
) -> dict[str, Any]:
    return {
        "tz": markets.market(store, market).timezone,
        "chefs": [c.schedule() for c in catalog.chefs(store, market)],
        "busy": _busy(store, market, day, exclude),
        "market_blackouts": markets.market_blackouts(store, market),
    }


def _nearest_market(platform: Platform, zipcode: str) -> str:
    store = platform.store
    book = price_books.current(store)
    return serving_route(
        zipcode, markets.markets(store), pricing.distance_for(platform), book
    ).market.id


def availability(platform: Platform, request: AvailabilityRequest) -> AvailabilityResponse:
    market = request.market or _nearest_market(platform, request.customer_zipcode or "")
    inputs = _inputs(platform.store, market, request.date)
    slots = free_slots(day=request.date, guests=request.guests, now=platform.clock.now(), **inputs)
    return AvailabilityResponse(
        market=market,
        timezone=inputs["tz"],
        date=request.date,
        guests=request.guests,
        duration_minutes=int(event_duration(request.guests).total_seconds() // 60),
        chefs_needed=chefs_needed(request.guests),
        starts=[_option(s) for s in slots],
    )


def _option(slot: Slot) -> StartOption:
    return StartOption(
        start=slot.start,
        end=slot.end,
        local_time=slot.start.strftime("%H:%M"),
        chefs_free=len(slot.available_chef_ids),
    )


def nearest_starts(
    platform: Platform, market: str, after: datetime, guests: int
) -> list[dict[str, str]]:
    """The next free starts at or after `after` (across days), as offered after a refusal."""
    inputs = _inputs(platform.store, market, after.date())
    slots = next_free_starts(
        after=after, count=SUGGESTIONS, guests=guests, now=platform.clock.now(), **inputs
    )
    return [_option(s).model_dump(mode="json") for s in slots]


def slot_taken(platform: Platform, market: str, start: datetime, guests: int) -> SlotTaken:
    """The 409 for a start no chef is free at, carrying the next free starts."""
    return SlotTaken(
        detail="no chef is free at that time; here are the next free starts",
        extra={"next_starts": nearest_starts(platform, market, start, guests)},
    )


def requested_slot(
    platform: Platform,
    market: str,
    day: date,
    start_time: time,
    guests: int,
    exclude: str | None = None,
) -> Slot:
    """The slot at that local start, or the error saying why it cannot be booked."""
    inputs = _inputs(platform.store, market, day, exclude)
    start = local_instant(inputs["tz"], day, start_time)
    if start is None:
        raise ValidationFailed.single("start_time", "that local time does not exist on that date")
    checked = check_start(start=start, guests=guests, now=platform.clock.now(), **inputs)
    if isinstance(checked, Rejection):
        if isinstance(checked.error(), NoChefFree):
            raise slot_taken(platform, market, start, guests)
        raise checked.error()
    return checked


def start_rejection(
    platform: Platform, market: str, day: date, start_time: time, guests: int
) -> str | None:
    """Why a start cannot be booked (a `Reason` value), or None when it is free."""
    try:
        requested_slot(platform, market, day, start_time, guests)
    except SlotTaken:
        return "no_chef_free"
    except AppError as err:
        return err.code
    return None
